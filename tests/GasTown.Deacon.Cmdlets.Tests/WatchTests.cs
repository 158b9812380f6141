using System;
using System.IO;
using System.Linq;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// Watch-DeaconHeartbeat as a script sees it. Each change is made once the watch has reported the one before, and
/// the watch is then stopped: nothing depends on how long a step takes.
/// </summary>
public sealed class WatchTests : IClassFixture<PowerShellSession>, IDisposable
{
    private const string LongThresholds = "-StaleThreshold 10m -VeryStaleThreshold 20m";
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public WatchTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("watched");
    }

    public void Dispose() => towns.Dispose();

    private void Run(string script) => session.Run("param($T) " + script, new { T = town }).NoErrors();

    // While the watch holds the session's runspace, the other side writes through the core, as another process would.
    private static void Beat(string root, string? action = null) => new Storage.HeartbeatStore(root).Update(action, 0, 0, TestContext.Current.CancellationToken);

    [Fact]
    public void Emits_the_current_heartbeat_then_each_change_and_nothing_for_a_rewrite_of_the_same()
    {
        Run("$null = Update-DeaconHeartbeat $T -Action first");
        using var watch = new AsyncPipeline(session, $"param($T) Watch-DeaconHeartbeat $T {LongThresholds}", new { T = town });
        Assert.Equal("first", watch.Emitted(0).LastAction);
        Beat(town, "second");
        Assert.Equal("second", watch.Emitted(1).LastAction);

        // The same content again: a write, but no change to report; the next change comes next.
        var store = new Storage.HeartbeatStore(town);
        store.Write(store.Read(), TestContext.Current.CancellationToken);
        Beat(town, "third");
        Assert.Equal("third", watch.Emitted(2).LastAction);
        Assert.True(watch.Stop() < AsyncPipeline.Patience);
        Assert.Equal(new long[] { 1, 2, 3 }, watch.Output.ReadAll().Select(o => ((Heartbeat)o.BaseObject).Cycle));
        Assert.Empty(watch.Errors.ReadAll());
    }

    [Fact]
    public void Emits_each_status_turn_as_time_passes_with_no_write()
    {
        // Stale two seconds after the stamp: the watch starts long before, and wakes at each turn by itself.
        Run("$null = Write-DeaconHeartbeat $T -Cycle 4 -Timestamp ([DateTimeOffset]::UtcNow)");
        var written = File.GetLastWriteTimeUtc(ScratchTowns.HeartbeatPath(town));
        using var watch = new AsyncPipeline(session, "param($T) Watch-DeaconHeartbeat $T -StaleThreshold 2 -VeryStaleThreshold 2.5", new { T = town });
        Assert.Equal(HeartbeatStatus.Fresh, watch.Emitted(0).Status);
        Assert.Equal(HeartbeatStatus.Stale, watch.Emitted(1).Status);
        Assert.Equal(HeartbeatStatus.VeryStale, watch.Emitted(2).Status);
        watch.Stop();
        Assert.All(watch.Output.ReadAll(), o => Assert.Equal(4L, ((Heartbeat)o.BaseObject).Cycle));
        Assert.Equal(written, File.GetLastWriteTimeUtc(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void Reports_a_deleted_and_an_invalid_file_once_each_and_goes_on()
    {
        Run("$null = Update-DeaconHeartbeat $T");
        using var watch = new AsyncPipeline(session, $"param($T) Watch-DeaconHeartbeat $T {LongThresholds}", new { T = town });
        Assert.Equal(1L, watch.Emitted(0).Cycle);
        File.Delete(ScratchTowns.HeartbeatPath(town));
        Assert.StartsWith("HeartbeatNotFound,", watch.Failed(0).FullyQualifiedErrorId);
        File.WriteAllText(ScratchTowns.HeartbeatPath(town), "{\"cycle\": \"x\"}");
        Assert.StartsWith("HeartbeatInvalid,", watch.Failed(1).FullyQualifiedErrorId);
        Beat(town, "back");
        Assert.Equal("back", watch.Emitted(1).LastAction);
        watch.Stop();
        Assert.Equal(2, watch.Errors.Count);
    }

    [Fact]
    public void Watches_towns_piped_in_together_including_one_whose_deacon_folder_appears_later()
    {
        var late = towns.Town("late");
        Run("$null = Update-DeaconHeartbeat $T");
        using var watch = new AsyncPipeline(session, $"param($T, $L) $T, $L | Watch-DeaconHeartbeat {LongThresholds}", new { T = town, L = late });
        Assert.Equal(town, watch.Emitted(0).TownRoot);
        Assert.StartsWith("HeartbeatNotFound,", watch.Failed(0).FullyQualifiedErrorId);
        Beat(late, "late");
        var second = watch.Emitted(1);
        Assert.Equal((late, "late"), (second.TownRoot, second.LastAction));
    }

    [Fact]
    public void Reports_a_pause_and_a_resume()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        using var watch = new AsyncPipeline(session, $"param($T) Watch-DeaconHeartbeat $T {LongThresholds}", new { T = town });
        Assert.False(watch.Emitted(0).Paused);
        new Storage.PauseStore(town).Pause("watched", "ops");
        var paused = watch.Emitted(1);
        Assert.Equal((true, "watched"), (paused.Paused, paused.PauseReason));
        new Storage.PauseStore(town).Resume();
        Assert.False(watch.Emitted(2).Paused);
    }

    [Fact]
    public void Warns_once_about_an_unreadable_pause_file_and_goes_on()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        ScratchTowns.Pause(town, "garbage");
        using var watch = new AsyncPipeline(session, $"param($T) Watch-DeaconHeartbeat $T {LongThresholds}", new { T = town });
        Assert.False(watch.Emitted(0).Paused);
        Beat(town);
        Assert.Equal(8L, watch.Emitted(1).Cycle);
        watch.Stop();
        var warning = Assert.Single(watch.Warnings.ReadAll()).Message;
        Assert.Contains($"pause file '{ScratchTowns.PausePath(town)}' is invalid", warning);
        Assert.EndsWith("Treating the Deacon as not paused, as gt deacon status does.", warning);
    }

    [Fact]
    public void Warns_about_clock_skew_for_a_heartbeat_from_the_future()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(-30));
        var result = session.Run("param($T) Watch-DeaconHeartbeat $T -Timeout 0.05", new { T = town }).NoErrors();
        Assert.Equal(HeartbeatStatus.Future, Assert.Single(result.Objects<Heartbeat>()).Status);
        Assert.EndsWith("ahead of this machine's clock (more than the stale threshold, 2m0s). A clock is skewed; its Status is Future and ShouldPoke is true.", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Judges_each_town_by_its_settings_when_the_watch_starts()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(10));
        Directory.CreateDirectory(Path.Combine(town, "settings"));
        File.WriteAllText(Path.Combine(town, "settings", "config.json"), "{\"operational\": {\"deacon\": {\"heartbeat_stale_threshold\": \"5m\", \"heartbeat_very_stale_threshold\": \"20m\"}}}");
        var seen = session.Run("param($T) Watch-DeaconHeartbeat $T -Timeout 0.05", new { T = town }).NoErrors().Objects<Heartbeat>();
        Assert.Equal((HeartbeatStatus.Stale, TimeSpan.FromMinutes(5)), (Assert.Single(seen).Status, seen[0].StaleThreshold));
    }
}
