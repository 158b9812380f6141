using System;
using System.IO;
using System.Linq;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A real full disk: a tiny tmpfs, filled up, under a town (Linux and root; HeartbeatStoreTests and LockFaultTests
/// inject the same failures everywhere else).
/// </summary>
public sealed class FullDiskTests
{
    [Fact]
    public void An_update_on_a_full_disk_fails_clearly_and_leaves_the_old_heartbeat_whole()
    {
        using var mount = TmpfsMount.Create("size=64k");
        var town = Path.Combine(mount.Path, "town");
        Directory.CreateDirectory(town);
        var store = new HeartbeatStore(town);
        store.Update("before the disk filled", cancellationToken: TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(store.FilePath);

        FillUp(Path.Combine(mount.Path, "filler"));

        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("after", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HeartbeatIOFault.NoSpace, ex.Fault);
        Assert.Equal($"Cannot write the heartbeat '{store.FilePath}': no space is left on the device; the previous one is unchanged.", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(store.FilePath));
        Assert.Equal(
            new[] { "heartbeat.json", "heartbeat.json.lock" },
            Directory.GetFiles(store.DeaconDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Creating_the_lock_with_no_inode_left_fails_at_once_and_blames_no_writer()
    {
        // tmpfs counts its root directory, town/ and deacon/ as inodes; with one left for the filler, none is left
        // for the lock file.
        using var mount = TmpfsMount.Create("size=64k,nr_inodes=4");
        var town = Path.Combine(mount.Path, "town");
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        File.WriteAllText(Path.Combine(mount.Path, "filler"), string.Empty);
        var store = new HeartbeatStore(town, lockTimeout: TimeSpan.FromSeconds(5));
        var waits = 0;
        store.Hooks.WhileLockHeld = () => waits++;

        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("never", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HeartbeatIOFault.NoSpace, ex.Fault);
        Assert.Equal($"Cannot take the heartbeat lock '{store.LockPath}': no space is left on the device.", ex.Message);
        Assert.Equal(0, waits);
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
}
