using System;
using System.IO;

namespace GasTown.Deacon.Tests;

/// <summary>A scratch town root under the temp directory, removed afterwards.</summary>
internal sealed class TempTown : IDisposable
{
    public TempTown()
    {
        Root = Path.Combine(Path.GetTempPath(), "deacon-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DeaconDirectory => Path.Combine(Root, "deacon");

    public string HeartbeatPath => Path.Combine(Root, "deacon", "heartbeat.json");

    public void WriteRaw(byte[] bytes)
    {
        Directory.CreateDirectory(DeaconDirectory);
        File.WriteAllBytes(HeartbeatPath, bytes);
    }

    public void WriteRaw(string text) => WriteRaw(System.Text.Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
