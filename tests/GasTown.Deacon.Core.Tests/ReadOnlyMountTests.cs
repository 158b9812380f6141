using System;
using System.IO;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A real read-only file system: a tmpfs remounted read-only under a town (Linux and root; LockFaultTests injects
/// EROFS everywhere else).
/// </summary>
public sealed class ReadOnlyMountTests
{
    [Fact]
    public void Writes_on_a_read_only_mount_fail_at_once_saying_so_and_reads_go_on()
    {
        using var mount = TmpfsMount.Create("size=64k");
        var town = Path.Combine(mount.Path, "town");
        Directory.CreateDirectory(town);
        var store = new HeartbeatStore(town, lockTimeout: TimeSpan.FromSeconds(5));
        var written = store.Update("before the remount", cancellationToken: TestContext.Current.CancellationToken).Written;
        mount.MakeReadOnly();
        var waits = 0;
        store.Hooks.WhileLockHeld = () => waits++;

        var update = Assert.Throws<HeartbeatIOException>(() => store.Update("after", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HeartbeatIOFault.ReadOnlyFileSystem, update.Fault);
        // The lock is taken through a read-only handle, which a read-only mount allows: the write is what fails.
        Assert.Equal($"Cannot write the heartbeat '{store.FilePath}': the file system is read-only; the previous one is unchanged.", update.Message);
        Assert.Equal(HeartbeatIOFault.ReadOnlyFileSystem, Assert.Throws<HeartbeatIOException>(() => store.Write(written, TestContext.Current.CancellationToken)).Fault);
        Assert.Equal(0, waits);
        Assert.Equal(written, store.Read());
    }

    [Fact]
    public void A_town_without_a_deacon_directory_on_a_read_only_mount_says_so()
    {
        using var mount = TmpfsMount.Create("size=64k");
        var town = Path.Combine(mount.Path, "town");
        Directory.CreateDirectory(town);
        mount.MakeReadOnly();
        var store = new HeartbeatStore(town);

        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal($"Cannot create the Deacon's directory '{store.DeaconDirectory}': the file system is read-only.", ex.Message);
    }
}
