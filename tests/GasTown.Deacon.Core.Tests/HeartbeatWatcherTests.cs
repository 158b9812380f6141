using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The watch's polling, driven step by step on a fake clock: what is read, when, and what is reported. The files
/// are real; their write times are the real clock's, so the fake clock starts at the real time.
/// </summary>
public sealed class HeartbeatWatcherTests : IDisposable
{
    private readonly string fleet = Path.Combine(Path.GetTempPath(), "deacon-watch-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

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
    public void An_idle_fleet_is_checked_but_not_read_and_a_write_is_seen_at_the_next_poll()
    {
        var stores = Towns(200);
        foreach (var store in stores)
        {
            store.Update("first", cancellationToken: TestContext.Current.CancellationToken);
        }

        using var watcher = new HeartbeatWatcher(stores.Select(s => s.TownRoot), HeartbeatThresholds.Default, clock);
        Assert.Equal(200, watcher.Start().Count);

        // Files written just now are read again until their write time is older than the window (a same-size
        // rewrite in the same clock tick would not show in their metadata); the clock started before the writes.
        clock.Advance(HeartbeatWatcher.RacyWindow + HeartbeatWatcher.RacyWindow);
        Assert.Empty(watcher.Poll());
        var reads = watcher.Reads;
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(watcher.Interval);
            Assert.Empty(watcher.Poll());
        }

        Assert.Equal(reads, watcher.Reads);

        stores[17].Update("second", cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(watcher.Interval);
        var change = Assert.Single(watcher.Poll());
        Assert.Equal(stores[17].TownRoot, change.TownRoot);
        Assert.Equal(2, change.Heartbeat!.Cycle);
        Assert.Equal(reads + 1, watcher.Reads);
    }

    [Fact]
    public void A_rewrite_that_leaves_size_and_write_time_alone_is_seen_while_the_write_is_recent_and_at_the_safety_read()
    {
        var store = Towns(1)[0];
        store.Write(Record("aaaa"), TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, HeartbeatThresholds.Default, clock);
        Assert.Equal("aaaa", Assert.Single(watcher.Start()).Heartbeat!.LastAction);

        // Same size, and the write time put back: what a coarse file-system clock does to two quick writes.
        RewriteKeepingStamp(store, Record("bbbb"));
        clock.Advance(watcher.Interval);
        Assert.Equal("bbbb", Assert.Single(watcher.Poll()).Heartbeat!.LastAction);

        // Once the write is older than the window, metadata is trusted until the safety read.
        clock.Advance(HeartbeatWatcher.RacyWindow);
        Assert.Empty(watcher.Poll());
        RewriteKeepingStamp(store, Record("cccc"));
        clock.Advance(watcher.Interval);
        Assert.Empty(watcher.Poll());
        clock.Advance(HeartbeatWatcher.SafetyInterval);
        Assert.Equal("cccc", Assert.Single(watcher.Poll()).Heartbeat!.LastAction);
    }

    [Fact]
    public void A_status_turn_wakes_the_watch_at_its_moment_with_no_write()
    {
        var store = Towns(1)[0];
        var thresholds = new HeartbeatThresholds(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        store.Write(new HeartbeatRecord { Timestamp = clock.GetUtcNow(), Cycle = 7 }, TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, thresholds, clock);
        Assert.Equal(HeartbeatStatus.Fresh, Assert.Single(watcher.Start()).Heartbeat!.Status);
        var turn = clock.GetUtcNow() + thresholds.Stale;

        // Many quiet polls, then the tick that reaches the turn reports it.
        while (clock.GetUtcNow() + watcher.NextWait < turn)
        {
            clock.Advance(watcher.NextWait);
            Assert.Empty(watcher.Poll());
        }

        clock.Advance(turn - clock.GetUtcNow());
        Assert.Equal(HeartbeatStatus.Stale, Assert.Single(watcher.Poll()).Heartbeat!.Status);
    }

    [Fact]
    public void A_town_whose_deacon_folder_appears_later_is_seen_once_it_has_a_heartbeat()
    {
        var store = Towns(1)[0];
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, HeartbeatThresholds.Default, clock);
        Assert.IsType<HeartbeatNotFoundException>(Assert.Single(watcher.Start()).Problem);
        clock.Advance(watcher.Interval);
        Assert.Empty(watcher.Poll());

        store.Update("late", cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(watcher.Interval);
        Assert.Equal("late", Assert.Single(watcher.Poll()).Heartbeat!.LastAction);
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(250, 250)]
    [InlineData(500, 500)]
    [InlineData(1000, 1000)]
    [InlineData(20000, 1000)]
    public void Checks_a_few_towns_four_times_a_second_and_any_fleet_at_least_once_a_second(int towns, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), HeartbeatWatcher.IntervalFor(towns));
    }

    [Fact]
    public void The_watch_reports_a_write_at_its_next_poll_and_ends_when_its_clock_passes_the_timeout()
    {
        var store = Towns(1)[0];
        store.Update("one", cancellationToken: TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, HeartbeatThresholds.Default, clock);
        using var seen = new System.Collections.Concurrent.BlockingCollection<WatchEvent>();
        var watching = StartWatching(watcher, TimeSpan.FromMinutes(1), seen);
        Assert.Equal("one", Next(seen).Heartbeat!.LastAction);

        store.Update("two", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("two", Next(seen).Heartbeat!.LastAction);

        // The timeout is on the watch's clock: however long this took in real time, the watch goes on until the
        // clock passes it, then ends at its next wake.
        Assert.True(watching.IsAlive);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(watching.Join(TimeSpan.FromSeconds(30)), "the watch did not end once its clock passed the timeout");
        Assert.Empty(seen.GetConsumingEnumerable(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_wall_clock_stepped_ahead_shows_VeryStale_at_the_next_poll()
    {
        var stepped = new SteppedClock(clock.GetUtcNow());
        var store = Towns(1)[0];
        store.Write(new HeartbeatRecord { Timestamp = stepped.GetUtcNow(), Cycle = 3 }, TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, HeartbeatThresholds.Default, stepped);
        Assert.Equal(HeartbeatStatus.Fresh, Assert.Single(watcher.Start()).Heartbeat!.Status);

        stepped.Advance(watcher.NextWait);
        Assert.Empty(watcher.Poll());
        stepped.Step(TimeSpan.FromMinutes(10));
        stepped.Advance(watcher.NextWait);
        var turned = Assert.Single(watcher.Poll()).Heartbeat!;
        Assert.Equal((HeartbeatStatus.VeryStale, 3L), (turned.Status, turned.Cycle));
    }

    [Fact]
    public void A_wall_clock_stepped_back_shows_Future_at_the_next_poll()
    {
        var stepped = new SteppedClock(clock.GetUtcNow());
        var store = Towns(1)[0];
        store.Write(new HeartbeatRecord { Timestamp = stepped.GetUtcNow(), Cycle = 3 }, TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, HeartbeatThresholds.Default, stepped);
        Assert.Equal(HeartbeatStatus.Fresh, Assert.Single(watcher.Start()).Heartbeat!.Status);

        stepped.Step(TimeSpan.FromMinutes(-10));
        stepped.Advance(watcher.NextWait);
        Assert.Equal(HeartbeatStatus.Future, Assert.Single(watcher.Poll()).Heartbeat!.Status);

        // Stepped right again: Fresh at the next poll, with no write.
        stepped.Step(TimeSpan.FromMinutes(10));
        stepped.Advance(watcher.NextWait);
        Assert.Equal(HeartbeatStatus.Fresh, Assert.Single(watcher.Poll()).Heartbeat!.Status);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public void The_timeout_runs_on_the_monotonic_clock_whatever_the_wall_clock_does(int minutes)
    {
        var stepped = new SteppedClock(clock.GetUtcNow());
        var store = Towns(1)[0];
        store.Update("one", cancellationToken: TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { store.TownRoot }, HeartbeatThresholds.Default, stepped);
        using var seen = new System.Collections.Concurrent.BlockingCollection<WatchEvent>();
        var watching = StartWatching(watcher, TimeSpan.FromSeconds(15), seen);
        Assert.Equal(HeartbeatStatus.Fresh, Next(seen).Heartbeat!.Status);

        // The wall clock jumps; the watch reports the turn it causes and goes on: 15 s have not passed.
        stepped.Step(TimeSpan.FromMinutes(minutes));
        Assert.Equal(minutes > 0 ? HeartbeatStatus.VeryStale : HeartbeatStatus.Future, Next(seen).Heartbeat!.Status);
        Assert.False(watching.Join(TimeSpan.FromMilliseconds(600)), "the watch ended when the wall clock was stepped");

        // 15 s of monotonic time end it, however far the wall clock went.
        stepped.Advance(TimeSpan.FromSeconds(15));
        Assert.True(watching.Join(TimeSpan.FromSeconds(30)), "the watch did not end once 15 s had passed on its monotonic clock");
    }

    /// <summary>Runs the watch on a thread of its own, each event into <paramref name="seen"/>, which completes when it ends.</summary>
    private static System.Threading.Thread StartWatching(HeartbeatWatcher watcher, TimeSpan timeout, System.Collections.Concurrent.BlockingCollection<WatchEvent> seen)
    {
        var watching = new System.Threading.Thread(() =>
        {
            foreach (var change in watcher.Watch(timeout, TestContext.Current.CancellationToken))
            {
                seen.Add(change);
            }

            seen.CompleteAdding();
        });
        watching.Start();
        return watching;
    }

    // A generous guard against a hang, not a threshold: the write is seen at the next poll, within a second.
    private static WatchEvent Next(System.Collections.Concurrent.BlockingCollection<WatchEvent> seen)
    {
        Assert.True(seen.TryTake(out var next, TimeSpan.FromSeconds(30)), "no event within 30 s");
        return next!;
    }

    private static HeartbeatRecord Record(string action) =>
        new() { Timestamp = new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero), Cycle = 1, LastAction = action };

    private static void RewriteKeepingStamp(HeartbeatStore store, HeartbeatRecord record)
    {
        var stamp = File.GetLastWriteTimeUtc(store.FilePath);
        var length = new FileInfo(store.FilePath).Length;
        store.Write(record, TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(store.FilePath, stamp);
        Assert.Equal(length, new FileInfo(store.FilePath).Length);
    }

    private List<HeartbeatStore> Towns(int count)
    {
        var stores = new List<HeartbeatStore>();
        for (var i = 0; i < count; i++)
        {
            var root = Path.Combine(fleet, "town-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(root);
            stores.Add(new HeartbeatStore(root, clock));
        }

        return stores;
    }
}
