using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A real full disk: a 64 KiB tmpfs, filled up, under a town. Needs Linux and root to mount it (as on this
/// project's build machines); HeartbeatStoreTests injects the same failure everywhere else.
/// </summary>
public sealed class FullDiskTests
{
    [Fact]
    public void An_update_on_a_full_disk_fails_clearly_and_leaves_the_old_heartbeat_whole()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Skip("Mounting a tiny tmpfs needs root on Linux.");
        }

        var mountPoint = Path.Combine(Path.GetTempPath(), "deacon-fulldisk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mountPoint);
        Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint);
        try
        {
            var town = Path.Combine(mountPoint, "town");
            Directory.CreateDirectory(town);
            var store = new HeartbeatStore(town);
            store.Update("before the disk filled");
            var before = File.ReadAllBytes(store.FilePath);

            FillUp(Path.Combine(mountPoint, "filler"));

            var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("after"));
            Assert.Contains("the previous one is unchanged", ex.Message, StringComparison.Ordinal);
            Assert.Contains("space", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before, File.ReadAllBytes(store.FilePath));
            Assert.Equal(
                new[] { "heartbeat.json", "heartbeat.json.lock" },
                Directory.GetFiles(store.DeaconDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }
        finally
        {
            Run("umount", mountPoint);
            Directory.Delete(mountPoint);
        }
    }

    private static void FillUp(string path)
    {
        using var filler = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        var chunk = new byte[4096];
        try
        {
            for (var i = 0; i < 1024; i++)
            {
                filler.Write(chunk, 0, chunk.Length);
            }
        }
        catch (IOException)
        {
            return;
        }

        Assert.Fail("The tmpfs never filled up.");
    }

    private static void Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
    }
}
