using System;
using System.IO;
using System.Linq;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Get-DeaconHeartbeat: typed heartbeats from Go's files, statuses, fleets, paths, -Verbose and warnings.</summary>
public sealed class GetDeaconHeartbeatTests : IClassFixture<PowerShellSession>, IDisposable
{
    private const string GoWritten = "{\n  \"timestamp\": \"2025-12-01T10:00:00.5Z\",\n  \"cycle\": 41,\n  \"last_action\": \"patrol \\u003cok\\u003e\",\n  \"healthy_agents\": 5,\n  \"unhealthy_agents\": 1\n}";
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public GetDeaconHeartbeatTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("town");
    }

    public void Dispose()
    {
        session.Run("Set-Location /");
        towns.Dispose();
    }

    private RunResult Get(string extra = "") => session.Run($"param($T) Get-DeaconHeartbeat $T {extra}", new { T = town });

    [Fact]
    public void Reads_a_file_the_Go_daemon_wrote_into_a_typed_heartbeat()
    {
        ScratchTowns.HeartbeatText(town, GoWritten);
        var result = Get().NoErrors();
        Assert.Equal("GasTown.Deacon.Heartbeat", Assert.Single(result.Output).TypeNames[0]);
        var hb = result.Objects<Heartbeat>()[0];
        Assert.Equal((town, ScratchTowns.HeartbeatPath(town)), (hb.TownRoot, hb.Path));
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 10, 0, 0, 500, TimeSpan.Zero), hb.Timestamp);
        Assert.Equal((41L, "patrol <ok>", 5L, 1L), (hb.Cycle, hb.LastAction, hb.HealthyAgents, hb.UnhealthyAgents));
        Assert.Equal((HeartbeatStatus.VeryStale, true), (hb.Status, hb.ShouldPoke));
        Assert.Equal("2025-12-01T10:00:00.5Z", hb.TimestampUtc);
    }

    [Theory]
    [InlineData(0, HeartbeatStatus.Fresh, false)]
    [InlineData(3, HeartbeatStatus.Stale, false)]
    [InlineData(10, HeartbeatStatus.VeryStale, true)]
    [InlineData(-60, HeartbeatStatus.Future, true)]
    public void Classifies_a_heartbeat_by_its_age(int minutes, HeartbeatStatus status, bool poke)
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(minutes));
        var hb = Get().NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((status, poke), (hb.Status, hb.ShouldPoke));
    }

    [Fact]
    public void Takes_other_thresholds_such_as_Gas_Towns_current_5_and_20_minutes()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(10));
        Assert.Equal(HeartbeatStatus.Stale, Get("-StaleThreshold 00:05:00 -VeryStaleThreshold 00:20:00").NoErrors().Objects<Heartbeat>().Single().Status);
    }

    [Fact]
    public void Reads_a_fleet_from_Get_ChildItem_reporting_a_missing_heartbeat_and_going_on()
    {
        var fleet = towns.Folder("fleet");
        var a = towns.Town(Path.Combine("fleet", "a"));
        var b = towns.Town(Path.Combine("fleet", "b"));
        var c = towns.Town(Path.Combine("fleet", "c"));
        ScratchTowns.Heartbeat(a, TimeSpan.Zero, cycle: 1);
        ScratchTowns.Heartbeat(c, TimeSpan.Zero, cycle: 3);
        var result = session.Run("param($F) Get-ChildItem -Directory $F | Get-DeaconHeartbeat", new { F = fleet });
        Assert.Equal(new[] { a, c }, result.Objects<Heartbeat>().Select(h => h.TownRoot));
        ErrorAssert.Is(result.SingleError, ErrorIds.HeartbeatNotFound, nameof(GetDeaconHeartbeatCommand), System.Management.Automation.ErrorCategory.ObjectNotFound, ScratchTowns.HeartbeatPath(b));
    }

    [Fact]
    public void Resolves_relative_paths_against_the_PowerShell_location_not_the_process_directory()
    {
        var here = towns.Town(Path.Combine("rel", "here"));
        var decoy = towns.Town(Path.Combine("decoy", "here"));
        ScratchTowns.Heartbeat(here, TimeSpan.Zero, cycle: 100);
        ScratchTowns.Heartbeat(decoy, TimeSpan.Zero, cycle: 999);
        var result = session.Run(
            "param($R, $D) $saved = [Environment]::CurrentDirectory; try { [Environment]::CurrentDirectory = $D; Set-Location -LiteralPath $R; (Get-DeaconHeartbeat ./here).Cycle } finally { [Environment]::CurrentDirectory = $saved }",
            new { R = Path.GetDirectoryName(here), D = Path.GetDirectoryName(decoy) });
        Assert.Equal(100L, Assert.Single(result.NoErrors().Output).BaseObject);
    }

    [Fact]
    public void Resolves_a_tilde_against_the_file_system_home()
    {
        var gt = towns.Town(Path.Combine("home", "gt"));
        ScratchTowns.Heartbeat(gt, TimeSpan.Zero, cycle: 5);
        var result = session.Run(
            "param($H) $fs = Get-PSProvider FileSystem; $saved = $fs.Home; try { $fs.Home = $H; (Get-DeaconHeartbeat ~/gt).TownRoot } finally { $fs.Home = $saved }",
            new { H = Path.GetDirectoryName(gt) });
        Assert.Equal(gt, Assert.Single(result.NoErrors().Output).BaseObject);
    }

    [Fact]
    public void Reports_an_invalid_file_with_the_reason_and_where()
    {
        ScratchTowns.HeartbeatText(town, "{\"cycle\": \"3\"}");
        Assert.EndsWith("cycle must be an integer, but it is a string (line 1, column 11)", Get().SingleError.ToString().TrimEnd('.'));
    }

    [Fact]
    public void Reports_an_oversized_file_without_reading_it()
    {
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        using (var file = File.Create(ScratchTowns.HeartbeatPath(town)))
        {
            file.SetLength(2 << 20);
        }

        Assert.Contains("2097152 bytes, over the 1048576-byte limit", Get().SingleError.ToString());
    }

    [Fact]
    public void Says_with_Verbose_what_it_read_and_follows_VerbosePreference_unless_told_otherwise()
    {
        ScratchTowns.HeartbeatText(town, GoWritten);
        var verbose = Get("-Verbose").NoErrors().Verbose;
        Assert.Equal(2, verbose.Count);
        Assert.Matches(@$"^Read '{System.Text.RegularExpressions.Regex.Escape(ScratchTowns.HeartbeatPath(town))}': cycle 41, VeryStale, \d+d \d+h old, written 2025-12-01T10:00:00.5Z\.$", verbose[1]);
        var preferred = session.Run("param($T) $VerbosePreference = 'Continue'; Get-DeaconHeartbeat $T; Get-DeaconHeartbeat $T -Verbose:$false", new { T = town }).NoErrors();
        Assert.Equal(2, preferred.Verbose.Count);
        var debug = session.Run("param($T) Get-DeaconHeartbeat $T -Debug", new { T = town }).NoErrors();
        Assert.Equal(2, debug.Verbose.Count);
        Assert.Empty(Get().Verbose);
    }

    [Fact]
    public void Warns_about_clock_skew_for_a_heartbeat_from_the_future_claiming_no_poke()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(-30));
        var warning = Assert.Single(Get().NoErrors().Warnings);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(town)}: the heartbeat is dated \S+Z, 29m 5\ds ahead of this machine's clock \(more than the stale threshold, 2m0s\)\. A clock is skewed; its Status is Future and ShouldPoke is true\.$", warning);
    }

    [Fact]
    public void Says_a_paused_Deacon_is_not_poked_when_its_heartbeat_is_from_the_future()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(-30));
        session.Run("param($T) $null = Suspend-Deacon $T -Reason r", new { T = town }).NoErrors();
        Assert.EndsWith("A clock is skewed; its Status is Future; the Deacon is paused, so ShouldPoke is false.", Assert.Single(Get().NoErrors().Warnings));
    }

    [Fact]
    public void Does_not_warn_about_a_heartbeat_a_little_ahead_of_the_clock()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromSeconds(-30));
        Assert.Empty(Get().NoErrors().Warnings);
    }
}
