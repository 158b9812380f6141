using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// Taking the lock tells a busy lock from a failing file system, reports faults at once naming the path and the
/// cause, stops waiting when cancelled, and never opens the lock file through a link.
/// </summary>
public sealed class LockFaultTests : IDisposable
{
    private static readonly HeartbeatRecord Sample = new() { Timestamp = new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero), Cycle = 41 };
    private readonly TempTown town = new();

    public LockFaultTests()
    {
        new HeartbeatStore(town.Root).Write(Sample);
    }

    public void Dispose() => town.Dispose();

    public static TheoryData<string, HeartbeatIOFault, string> Faults => new()
    {
        { "read-only", HeartbeatIOFault.ReadOnlyFileSystem, "the file system is read-only" },
        { "no space", HeartbeatIOFault.NoSpace, "no space is left on the device" },
        { "permission", HeartbeatIOFault.PermissionDenied, "permission denied" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_failing_file_system_is_reported_at_once_naming_the_lock_and_the_cause(string kind, HeartbeatIOFault fault, string words)
    {
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromSeconds(2));
        var opens = 0;
        var waits = 0;
        store.Hooks.LockFileOpener = (_, _) =>
        {
            opens++;
            throw kind switch
            {
                "read-only" => Errno.ReadOnlyFileSystem(),
                "no space" => Errno.NoSpace(),
                _ => new UnauthorizedAccessException("Access to the path is denied."),
            };
        };
        store.Hooks.WhileLockHeld = () => waits++;
        var before = File.ReadAllBytes(town.HeartbeatPath);

        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("never", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(fault, ex.Fault);
        Assert.Equal(store.LockPath, ex.Path);
        Assert.Equal($"Cannot take the heartbeat lock '{store.LockPath}': {words}.", ex.Message);
        Assert.Equal((1, 0), (opens, waits));
        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Throws<HeartbeatIOException>(() => store.Write(Sample, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_held_lock_is_still_waited_for_and_then_blamed_on_another_writer()
    {
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromMilliseconds(50));
        var waits = 0;
        store.Hooks.LockFileOpener = (_, _) => throw Errno.LockHeld();
        store.Hooks.WhileLockHeld = () => waits++;

        var ex = Assert.Throws<HeartbeatLockTimeoutException>(() => store.Update("never", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("another writer holds it", ex.Message, StringComparison.Ordinal);
        Assert.True(waits > 0);
    }

    [Fact]
    public void A_directory_at_the_lock_path_is_called_a_directory_at_once()
    {
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromSeconds(2));
        File.Delete(store.LockPath);
        Directory.CreateDirectory(store.LockPath);
        var waits = 0;
        store.Hooks.WhileLockHeld = () => waits++;

        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("never", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HeartbeatIOFault.DirectoryInTheWay, ex.Fault);
        Assert.Equal($"Cannot take the heartbeat lock '{store.LockPath}': it is a directory, not a file.", ex.Message);
        Assert.Equal(0, waits);
    }

    [Fact]
    public void A_directory_at_the_heartbeat_path_is_called_a_directory_by_reads_and_writes()
    {
        File.Delete(town.HeartbeatPath);
        Directory.CreateDirectory(town.HeartbeatPath);
        var store = new HeartbeatStore(town.Root);

        var read = Assert.Throws<HeartbeatIOException>(() => store.Read());
        Assert.Equal($"Cannot read the heartbeat file '{town.HeartbeatPath}': it is a directory, not a file.", read.Message);
        Assert.Equal(HeartbeatIOFault.DirectoryInTheWay, Assert.Throws<HeartbeatIOException>(() => store.Update(cancellationToken: TestContext.Current.CancellationToken)).Fault);

        var renames = 0;
        store.Hooks.BeforeReplaceRetry = _ => renames++;
        var write = Assert.Throws<HeartbeatIOException>(() => store.Write(Sample, TestContext.Current.CancellationToken));
        Assert.Equal(0, renames); // a directory does not go away: no point trying again
        Assert.Equal($"Cannot write the heartbeat '{town.HeartbeatPath}': it is a directory, not a file; the previous one is unchanged.", write.Message);
        Assert.True(Directory.Exists(town.HeartbeatPath));
    }

    [Fact]
    public void A_file_where_the_deacon_directory_belongs_is_called_a_file()
    {
        using var other = new TempTown();
        File.WriteAllText(other.DeaconDirectory, "not a directory");

        var ex = Assert.Throws<HeartbeatIOException>(() => new HeartbeatStore(other.Root).Update(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HeartbeatIOFault.FileInTheWay, ex.Fault);
        Assert.Equal($"Cannot create the Deacon's directory '{other.DeaconDirectory}': it is a file, not a directory.", ex.Message);
    }

    [Fact]
    public void A_dangling_symlink_at_the_lock_path_is_refused_and_its_target_never_created()
    {
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromSeconds(2));
        File.Delete(store.LockPath);
        var target = Path.Combine(town.Root, "nologin");
        File.CreateSymbolicLink(store.LockPath, target);
        var before = File.ReadAllBytes(town.HeartbeatPath);

        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("never", cancellationToken: TestContext.Current.CancellationToken));

        Assert.False(File.Exists(target));
        Assert.Equal(HeartbeatIOFault.LinkInTheWay, ex.Fault);
        Assert.Equal(store.LockPath, ex.Path);
        Assert.Contains($"'{store.LockPath}': it is a symbolic link to '{target}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Throws<HeartbeatIOException>(() => store.Write(Sample, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_symlink_at_the_lock_path_to_a_file_is_refused_and_the_file_left_alone()
    {
        var store = new HeartbeatStore(town.Root);
        File.Delete(store.LockPath);
        var victim = Path.Combine(town.Root, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(store.LockPath, victim);

        Assert.Equal(HeartbeatIOFault.LinkInTheWay, Assert.Throws<HeartbeatIOException>(() => store.Update(cancellationToken: TestContext.Current.CancellationToken)).Fault);
        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [Fact]
    public void A_dangling_link_planted_just_before_the_lock_is_created_is_not_followed()
    {
        // The race the checks cannot close: the link appears after the look and before the open.
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromSeconds(2));
        File.Delete(store.LockPath);
        var target = Path.Combine(town.Root, "nologin");
        var planted = false;
        store.Hooks.LockFileOpener = (path, mode) =>
        {
            if (!planted)
            {
                File.CreateSymbolicLink(path, target);
                planted = true;
            }

            return HeartbeatLock.OpenFile(path, mode);
        };

        Assert.Equal(HeartbeatIOFault.LinkInTheWay, Assert.Throws<HeartbeatIOException>(() => store.Update(cancellationToken: TestContext.Current.CancellationToken)).Fault);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_link_to_a_file_planted_just_before_the_open_is_seen_after_it_and_the_file_left_alone()
    {
        var store = new HeartbeatStore(town.Root);
        var victim = Path.Combine(town.Root, "victim");
        File.WriteAllText(victim, "precious");
        var planted = false;
        store.Hooks.LockFileOpener = (path, mode) =>
        {
            if (!planted)
            {
                File.Delete(path);
                File.CreateSymbolicLink(path, victim);
                planted = true;
            }

            return HeartbeatLock.OpenFile(path, mode);
        };

        Assert.Equal(HeartbeatIOFault.LinkInTheWay, Assert.Throws<HeartbeatIOException>(() => store.Update(cancellationToken: TestContext.Current.CancellationToken)).Fault);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(Sample, store.Read());
    }

    [Fact]
    public async Task Cancelling_ends_a_wait_for_a_lock_another_process_holds()
    {
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource();
        var waits = 0;
        store.Hooks.WhileLockHeld = () =>
        {
            // Cancel from the waiting itself: the wait is surely under way when it comes.
            if (++waits == 3)
            {
                cancel.Cancel();
            }
        };
        var before = File.ReadAllBytes(town.HeartbeatPath);
        var holder = StressWorker.Start("hold-lock", town.Root);
        try
        {
            StressWorker.Expect(holder, "held");
            var update = Task.Run(() => store.Update("never", cancellationToken: cancel.Token));
            Assert.True(await Task.WhenAny(update, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) == update, "Cancelling did not end the wait.");
            await Assert.ThrowsAsync<OperationCanceledException>(() => update);
            Assert.Equal(3, waits);
        }
        finally
        {
            holder.StandardInput.Close();
            StressWorker.Stop(holder);
        }

        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Equal(42, store.Update(cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
    }

    [Fact]
    public async Task Cancelling_from_another_thread_ends_a_write_waiting_for_the_lock()
    {
        var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource();
        using var waiting = new SemaphoreSlim(0);
        store.Hooks.WhileLockHeld = () => waiting.Release();
        using (HeartbeatLock.Acquire(store.LockPath, TimeSpan.Zero, TestContext.Current.CancellationToken))
        {
            var write = Task.Run(() => store.Write(new HeartbeatRecord { Timestamp = Sample.Timestamp, Cycle = 99 }, cancel.Token));
            Assert.True(await waiting.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "The write never waited for the lock.");
            cancel.Cancel();
            Assert.True(await Task.WhenAny(write, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) == write, "Cancelling did not end the wait.");
            await Assert.ThrowsAsync<OperationCanceledException>(() => write);
        }

        Assert.Equal(Sample, store.Read());
    }

    [Fact]
    public void A_cancelled_token_stops_before_anything_is_touched()
    {
        using var fresh = new TempTown();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => new HeartbeatStore(fresh.Root).Update(cancellationToken: cancel.Token));
        Assert.False(Directory.Exists(fresh.DeaconDirectory));
    }
}
