using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>A scratch folder for towns under the temp directory, removed afterwards.</summary>
internal sealed class ScratchTowns : IDisposable
{
    public ScratchTowns()
    {
        Root = Path.Combine(Path.GetTempPath(), "deacon-cmdlets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A town (a mayor/ folder, and mayor/town.json unless <paramref name="townJson"/> is false) at Root/<paramref name="name"/>.</summary>
    public string Town(string name, bool townJson = true)
    {
        var root = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.Combine(root, "mayor"));
        if (townJson)
        {
            File.WriteAllText(Path.Combine(root, "mayor", "town.json"), "{}");
        }

        return root;
    }

    /// <summary>A plain folder, no town.</summary>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public static string HeartbeatPath(string town) => Path.Combine(town, "deacon", "heartbeat.json");

    public static string LockPath(string town) => HeartbeatPath(town) + ".lock";

    public static string PausePath(string town) => Path.Combine(town, ".runtime", "deacon", "paused.json");

    /// <summary>Writes <paramref name="text"/> as the town's heartbeat file, as is.</summary>
    public static void HeartbeatText(string town, string text)
    {
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        File.WriteAllText(HeartbeatPath(town), text, new UTF8Encoding(false));
    }

    /// <summary>A heartbeat as Go writes it, stamped <paramref name="age"/> ago (negative: ahead of the clock).</summary>
    public static void Heartbeat(string town, TimeSpan age, long cycle = 7, string action = "")
    {
        var stamp = DateTimeOffset.UtcNow.Subtract(age).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var last = action.Length == 0 ? string.Empty : $"  \"last_action\": \"{action}\",\n";
        HeartbeatText(town, $"{{\n  \"timestamp\": \"{stamp}\",\n  \"cycle\": {cycle},\n{last}  \"healthy_agents\": 0,\n  \"unhealthy_agents\": 0\n}}");
    }

    /// <summary>A pause file as Go's Pause writes it.</summary>
    public static void Pause(string town, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PausePath(town))!);
        File.WriteAllText(PausePath(town), text, new UTF8Encoding(false));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
