using System;
using System.IO;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>How a paused Deacon is observed: its heartbeat, the poke question, and a watch.</summary>
public sealed class PausedDeaconTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempTown town = new();
    private readonly FakeTimeProvider clock = new(Start);
    private readonly HeartbeatStore store;
    private readonly PauseStore pauses;

    public PausedDeaconTests()
    {
        store = new HeartbeatStore(town.Root, clock);
        pauses = new PauseStore(town.Root, clock);
    }

    public void Dispose() => town.Dispose();

    private PokeCheck Check() => PokeCheck.Run(store, HeartbeatThresholds.Default, pauses.Observe().Pause);

    [Fact]
    public void A_heartbeat_shows_the_pause_and_is_not_to_be_poked()
    {
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        var pause = pauses.Pause("maintenance", "human");
        var heartbeat = new Heartbeat(store.Read(), town.Root, Start.AddHours(1), HeartbeatThresholds.Default, pause);
        Assert.Equal(HeartbeatStatus.VeryStale, heartbeat.Status);
        Assert.True(heartbeat.Paused);
        Assert.False(heartbeat.ShouldPoke);
        Assert.Equal(("maintenance", "human", (DateTimeOffset?)Start), (heartbeat.PauseReason, heartbeat.PausedBy, heartbeat.PausedAt));
        Assert.EndsWith("VeryStale (paused), cycle 1 at 2026-04-01T12:00:00Z", heartbeat.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_heartbeat_without_a_pause_shows_empty_pause_fields_and_the_thresholds_it_was_judged_by()
    {
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        var thresholds = new HeartbeatThresholds(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));
        var unpaused = new[]
        {
            new Heartbeat(store.Read(), town.Root, Start.AddHours(1), thresholds),
            new Heartbeat(store.Read(), town.Root, Start.AddHours(1), thresholds, new PauseState { Paused = false, Reason = "left over" }),
        };
        foreach (var heartbeat in unpaused)
        {
            Assert.False(heartbeat.Paused);
            Assert.True(heartbeat.ShouldPoke);
            Assert.Equal((string.Empty, string.Empty, (DateTimeOffset?)null), (heartbeat.PauseReason, heartbeat.PausedBy, heartbeat.PausedAt));
            Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20)), (heartbeat.StaleThreshold, heartbeat.VeryStaleThreshold));
        }
    }

    [Fact]
    public void A_paused_Deacon_is_not_poked_however_old_its_heartbeat()
    {
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.True(Check().ShouldPoke);

        pauses.Pause("maintenance", "human");
        var check = Check();
        Assert.False(check.ShouldPoke);
        Assert.Equal("maintenance", check.Pause!.Reason);
        Assert.Equal(HeartbeatStatus.VeryStale, check.Heartbeat!.Status);
        Assert.True(check.Heartbeat.Paused);
        Assert.False(check.Heartbeat.ShouldPoke);
    }

    [Fact]
    public void A_paused_Deacon_is_not_poked_for_a_missing_or_invalid_heartbeat_either()
    {
        pauses.Pause("maintenance", "human");
        var missing = Check();
        Assert.Equal((false, "maintenance"), (missing.ShouldPoke, missing.Pause!.Reason));
        Assert.IsType<HeartbeatNotFoundException>(missing.Problem);

        town.WriteRaw("garbage");
        var invalid = Check();
        Assert.Equal((false, "maintenance"), (invalid.ShouldPoke, invalid.Pause!.Reason));
        Assert.IsType<HeartbeatInvalidException>(invalid.Problem);
    }

    [Fact]
    public void A_future_heartbeat_of_a_paused_Deacon_is_not_poked()
    {
        store.Write(new HeartbeatRecord { Timestamp = Start.AddHours(1), Cycle = 3 }, TestContext.Current.CancellationToken);
        pauses.Pause("r", "human");
        Assert.Equal((false, "r", HeartbeatStatus.Future), (Check().ShouldPoke, Check().Pause!.Reason, Check().Heartbeat!.Status));
    }

    [Fact]
    public void A_pause_file_that_says_not_paused_changes_nothing()
    {
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromHours(1));
        Directory.CreateDirectory(pauses.DeaconDirectory);
        File.WriteAllText(pauses.FilePath, "{\"paused\": false}");
        Assert.Equal((true, HeartbeatStatus.VeryStale, null), (Check().ShouldPoke, Check().Heartbeat!.Status, Check().Pause));
    }

    [Fact]
    public void A_missing_town_root_is_still_an_error_when_paused()
    {
        var gone = new HeartbeatStore(Path.Combine(town.Root, "gone"), clock);
        Assert.Throws<TownRootNotFoundException>(() => PokeCheck.Run(gone, HeartbeatThresholds.Default, new PauseState { Paused = true }));
    }

    [Fact]
    public void A_watch_reports_a_pause_and_a_resume_as_changes()
    {
        var state = new HeartbeatWatchState(store, HeartbeatThresholds.Default);
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(state.Check(clock.GetUtcNow())!.Heartbeat!.Paused);
        Assert.Null(state.Check(clock.GetUtcNow()));

        pauses.Pause("maintenance", "human");
        var paused = state.Check(clock.GetUtcNow())!.Heartbeat!;
        Assert.True(paused.Paused);
        Assert.Equal("maintenance", paused.PauseReason);
        Assert.Null(state.Check(clock.GetUtcNow()));

        pauses.Resume();
        Assert.False(state.Check(clock.GetUtcNow())!.Heartbeat!.Paused);
        Assert.Equal(pauses.FilePath, state.PauseFilePath);
    }

    [Fact]
    public void A_watch_reports_an_unreadable_pause_file_once_and_shows_the_Deacon_not_paused()
    {
        var state = new HeartbeatWatchState(store, HeartbeatThresholds.Default);
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(state.Check(clock.GetUtcNow()));

        Directory.CreateDirectory(pauses.DeaconDirectory);
        File.WriteAllText(pauses.FilePath, "{\"paused\": ");
        var first = state.Check(clock.GetUtcNow())!;
        Assert.IsType<PauseInvalidException>(first.PauseProblem);
        Assert.Null(first.Heartbeat);
        Assert.Null(first.Problem);
        Assert.Null(state.Check(clock.GetUtcNow()));

        File.WriteAllText(pauses.FilePath, "{\"paused\": true}");
        var fixedUp = state.Check(clock.GetUtcNow())!;
        Assert.True(fixedUp.Heartbeat!.Paused);
        Assert.Null(fixedUp.PauseProblem);
    }

    [Fact]
    public void A_watch_gives_a_town_whose_pause_file_cannot_be_read_no_heartbeat_only_the_problem_once()
    {
        var state = new HeartbeatWatchState(store, HeartbeatThresholds.Default);
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(state.Check(clock.GetUtcNow())!.Heartbeat);

        Directory.CreateDirectory(pauses.FilePath);
        var blind = state.Check(clock.GetUtcNow())!;
        Assert.Null(blind.Heartbeat);
        var problem = Assert.IsType<HeartbeatIOException>(blind.Problem);
        Assert.Equal(
            $"Cannot read the Deacon's pause file '{pauses.FilePath}': it is a directory, not a file; whether the Deacon is paused cannot be told, so this town gets no answer.",
            problem.Message);
        Assert.Null(state.Check(clock.GetUtcNow()));

        Directory.Delete(pauses.FilePath);
        Assert.False(state.Check(clock.GetUtcNow())!.Heartbeat!.Paused);
    }

    [Fact]
    public void The_watcher_judges_each_town_by_its_own_thresholds()
    {
        using var other = new TempTown();
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        new HeartbeatStore(other.Root).Update(cancellationToken: TestContext.Current.CancellationToken);
        var five = new HeartbeatThresholds(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));
        using var watcher = new HeartbeatWatcher(new[] { town.Root, other.Root }, root => root == town.Root ? five : HeartbeatThresholds.Default);
        var seen = new System.Collections.Generic.List<WatchEvent>(watcher.Watch(TimeSpan.Zero, TestContext.Current.CancellationToken));
        Assert.Equal(new[] { TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2) }, seen.ConvertAll(e => e.Heartbeat!.StaleThreshold));
    }
}
