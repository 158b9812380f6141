using System;
using System.IO;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class HeartbeatWatchStateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempTown town = new();
    private readonly FakeTimeProvider clock = new(Start);
    private readonly HeartbeatStore store;
    private readonly HeartbeatWatchState state;

    public HeartbeatWatchStateTests()
    {
        store = new HeartbeatStore(town.Root, clock);
        state = new HeartbeatWatchState(store, HeartbeatThresholds.Default);
    }

    public void Dispose() => town.Dispose();

    [Fact]
    public void Reports_the_first_state_then_only_changes()
    {
        store.Update("one", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("one", state.Check(clock.GetUtcNow())!.Heartbeat!.LastAction);
        Assert.Null(state.Check(clock.GetUtcNow()));

        // Rewriting the same content is not a change.
        store.Write(store.Read(), TestContext.Current.CancellationToken);
        Assert.Null(state.Check(clock.GetUtcNow()));

        store.Update("two", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, state.Check(clock.GetUtcNow())!.Heartbeat!.Cycle);
    }

    [Fact]
    public void Reports_status_changes_as_time_passes_and_says_when_the_next_one_is_due()
    {
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HeartbeatStatus.Fresh, state.Check(clock.GetUtcNow())!.Heartbeat!.Status);
        Assert.Equal(Start.AddMinutes(2), state.NextTransition);

        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        Assert.Null(state.Check(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HeartbeatStatus.Stale, state.Check(clock.GetUtcNow())!.Heartbeat!.Status);
        Assert.Equal(Start.AddMinutes(5), state.NextTransition);

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HeartbeatStatus.VeryStale, state.Check(clock.GetUtcNow())!.Heartbeat!.Status);
        Assert.Null(state.NextTransition);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(state.Check(clock.GetUtcNow()));
    }

    [Fact]
    public void A_future_heartbeat_turns_fresh_when_the_clock_catches_up()
    {
        store.Write(new HeartbeatRecord { Timestamp = Start.AddMinutes(10), Cycle = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(HeartbeatStatus.Future, state.Check(clock.GetUtcNow())!.Heartbeat!.Status);
        Assert.Equal(Start.AddMinutes(8), state.NextTransition);
        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal(HeartbeatStatus.Fresh, state.Check(clock.GetUtcNow())!.Heartbeat!.Status);
    }

    [Fact]
    public void Reports_a_problem_once_and_the_heartbeat_again_when_it_returns()
    {
        Assert.IsType<HeartbeatNotFoundException>(state.Check(clock.GetUtcNow())!.Problem);
        Assert.Null(state.Check(clock.GetUtcNow()));

        town.WriteRaw("{\"cycle\":");
        Assert.IsType<HeartbeatInvalidException>(state.Check(clock.GetUtcNow())!.Problem);
        Assert.Null(state.Check(clock.GetUtcNow()));

        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, state.Check(clock.GetUtcNow())!.Heartbeat!.Cycle);

        File.Delete(town.HeartbeatPath);
        Assert.IsType<HeartbeatNotFoundException>(state.Check(clock.GetUtcNow())!.Problem);
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(state.Check(clock.GetUtcNow())!.Heartbeat);
    }

    [Fact]
    public void The_watcher_yields_the_first_state_and_stops_at_its_timeout()
    {
        store.Update("watched", cancellationToken: TestContext.Current.CancellationToken);
        using var watcher = new HeartbeatWatcher(new[] { town.Root }, HeartbeatThresholds.Default);
        var events = new System.Collections.Generic.List<WatchEvent>(watcher.Watch(TimeSpan.Zero, TestContext.Current.CancellationToken));
        var only = Assert.Single(events);
        Assert.Equal("watched", only.Heartbeat!.LastAction);
    }
}
