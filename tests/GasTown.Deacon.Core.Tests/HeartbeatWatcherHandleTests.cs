using System;
using System.IO;
using System.Linq;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// What a watch holds from the system: no inotify instance (the limit of 128 is per user, shared with every
/// program), and no handle between polls or after it ends.
/// </summary>
[Collection(nameof(ProcessWideCollection))]
public sealed class HeartbeatWatcherHandleTests : IDisposable
{
    private const string ProcFd = "/proc/self/fd";
    private readonly string fleet = Path.Combine(Path.GetTempPath(), "deacon-watch-handles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(fleet, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void A_watch_over_many_towns_takes_no_inotify_instance_and_leaves_no_handle_open()
    {
        Assert.SkipUnless(Directory.Exists(ProcFd), "Counting a process's handles needs /proc/self/fd (Linux).");
        var roots = Enumerable.Range(0, 200).Select(i => Path.Combine(fleet, "town-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        foreach (var root in roots)
        {
            Directory.CreateDirectory(root);
            new HeartbeatStore(root).Update("watched", cancellationToken: TestContext.Current.CancellationToken);
        }

        // A first watch pays the runtime's one-time costs, so that the counts below are the watch's alone.
        Watch(roots);
        var before = Handles();

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using (var watcher = new HeartbeatWatcher(roots, HeartbeatThresholds.Default, clock))
        {
            Assert.Equal(roots.Length, watcher.Start().Count);
            for (var i = 1; i <= 3; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                Assert.Empty(watcher.Poll());
                Assert.Equal(before, Handles());
            }
        }

        Assert.Equal(before, Handles());
        Assert.Equal(roots.Length, Watch(roots));
        Assert.Equal(before, Handles());
        Assert.Equal(0, before.Inotify);
    }

    private static int Watch(string[] roots)
    {
        using var watcher = new HeartbeatWatcher(roots, HeartbeatThresholds.Default);
        return watcher.Watch(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken).Count();
    }

    private static (int All, int Inotify) Handles()
    {
        // Handles an earlier test dropped unclosed are closed by the finalizer, whenever the collector runs: now, so
        // that they do not close between two counts (once 116 before a watch, 112 after).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Code the runtime loads meanwhile (the first Assert of a run loads its assemblies) holds its file open too.
        var links = Directory.GetFiles(ProcFd)
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is null || !(target.EndsWith(".dll", StringComparison.Ordinal) || target.EndsWith(".so", StringComparison.Ordinal) || target.Contains(".so.")))
            .ToList();
        return (links.Count, links.Count(target => target == "anon_inode:inotify"));
    }
}
