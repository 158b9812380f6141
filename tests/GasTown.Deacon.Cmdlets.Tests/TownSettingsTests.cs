using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>The town's own thresholds (settings/config.json) against the parameters, $PSDefaultParameterValues and the defaults.</summary>
public sealed class TownSettingsTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public TownSettingsTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("town");
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(10));
    }

    public void Dispose() => towns.Dispose();

    private string SettingsPath => Path.Combine(town, "settings", "config.json");

    private void Settings(string? stale, string? veryStale)
    {
        var members = new[] { stale is null ? null : $"\"heartbeat_stale_threshold\": \"{stale}\"", veryStale is null ? null : $"\"heartbeat_very_stale_threshold\": \"{veryStale}\"" }.Where(m => m is not null);
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, "{\n  \"name\": \"town\",\n  \"operational\": {\n    \"deacon\": {" + string.Join(", ", members) + "}\n  }\n}");
    }

    private (Heartbeat Heartbeat, RunResult Result) Get(string extra = "")
    {
        var result = session.Run($"param($T) Get-DeaconHeartbeat $T {extra}", new { T = town }).NoErrors();
        return (result.Objects<Heartbeat>().Single(), result);
    }

    [Fact]
    public void Judges_a_town_by_its_settings_and_shows_them_silently()
    {
        Assert.Equal(HeartbeatStatus.VeryStale, Get().Heartbeat.Status);
        Settings("5m", "20m");
        var (hb, result) = Get();
        Assert.Equal((HeartbeatStatus.Stale, false, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20)), (hb.Status, hb.ShouldPoke, hb.StaleThreshold, hb.VeryStaleThreshold));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Takes_one_threshold_from_the_settings_and_the_other_from_the_default()
    {
        Settings(null, "20m");
        var hb = Get().Heartbeat;
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(20), HeartbeatStatus.Stale), (hb.StaleThreshold, hb.VeryStaleThreshold, hb.Status));
    }

    [Fact]
    public void Lets_a_parameter_win_over_the_setting_the_other_still_from_the_town_and_Verbose_says_so()
    {
        Settings("5m", "20m");
        var (hb, result) = Get("-StaleThreshold 15m -Verbose");
        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(20), HeartbeatStatus.Fresh), (hb.StaleThreshold, hb.VeryStaleThreshold, hb.Status));
        Assert.Contains(result.Verbose, v => v.StartsWith($"{town}: judged by ", StringComparison.Ordinal));
    }

    [Fact]
    public void Lets_PSDefaultParameterValues_win_over_the_setting()
    {
        Settings("5m", "20m");
        var result = session.Run(
            "param($T) $PSDefaultParameterValues['*-Deacon*:StaleThreshold'] = '1m'; $PSDefaultParameterValues['*-Deacon*:VeryStaleThreshold'] = '8m'; try { Get-DeaconHeartbeat $T; Test-DeaconShouldPoke $T } finally { $PSDefaultParameterValues.Clear() }",
            new { T = town }).NoErrors();
        var hb = (Heartbeat)result.Output[0].BaseObject;
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(8), HeartbeatStatus.VeryStale), (hb.StaleThreshold, hb.VeryStaleThreshold, hb.Status));
        Assert.Equal(true, result.Output[1].BaseObject);
    }

    [Fact]
    public void Judges_like_a_5m_20m_daemon_with_PSDefaultParameterValues_alone_as_the_statuses_topic_says()
    {
        var result = session.Run(
            "param($T) $PSDefaultParameterValues['*-Deacon*:StaleThreshold'] = '5m'; $PSDefaultParameterValues['*-Deacon*:VeryStaleThreshold'] = '20m'; try { (Get-DeaconHeartbeat $T).Status; Test-DeaconShouldPoke $T } finally { $PSDefaultParameterValues.Clear() }",
            new { T = town }).NoErrors();
        Assert.Equal(new object[] { HeartbeatStatus.Stale, false }, result.Output.Select(o => o.BaseObject));
    }

    [Theory]
    [InlineData("banana", "operational.deacon.heartbeat_stale_threshold \"banana\" is not a Go duration")]
    [InlineData("0s", "operational.deacon.heartbeat_stale_threshold \"0s\" is not greater than zero")]
    [InlineData("-5m", "operational.deacon.heartbeat_stale_threshold \"-5m\" is not greater than zero")]
    [InlineData("30m", "operational.deacon.heartbeat_stale_threshold (30m0s) is not below operational.deacon.heartbeat_very_stale_threshold (20m0s)")]
    public void Warns_about_a_bad_setting_naming_the_file_and_key_and_judges_that_town_by_the_defaults(string stale, string says)
    {
        Settings(stale, "20m");
        var (hb, result) = Get();
        Assert.Equal((HeartbeatStatus.VeryStale, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)), (hb.Status, hb.StaleThreshold, hb.VeryStaleThreshold));
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith($"Town settings '{SettingsPath}': {says}", warning);
        Assert.EndsWith("This town is judged as if it had no settings: Stale from 2m0s (default), VeryStale from 5m0s (default).", warning);
    }

    [Fact]
    public void Warns_about_a_settings_file_that_is_not_JSON_and_is_silent_about_a_missing_one()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, "{ 'operational': }");
        Assert.Matches($@"^Town settings '{Regex.Escape(SettingsPath)}': it is not JSON: .*\(line 1, column \d+\)\. This town is judged as if it had no settings", Assert.Single(Get().Result.Warnings));
        File.Delete(SettingsPath);
        Assert.Empty(Get().Result.Warnings);
    }

    [Fact]
    public void Reads_the_settings_again_when_the_file_changes()
    {
        Settings("5m", "20m");
        Assert.Equal(HeartbeatStatus.Stale, Get().Heartbeat.Status);
        Settings("15m", "30m");
        File.SetLastWriteTimeUtc(SettingsPath, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(HeartbeatStatus.Fresh, Get().Heartbeat.Status);
    }

    [Fact]
    public void Is_what_the_heartbeats_Update_and_Write_emit_show()
    {
        Settings("5m", "20m");
        var result = session.Run("param($T) (Update-DeaconHeartbeat $T).VeryStaleThreshold; (Write-DeaconHeartbeat $T -Cycle 3).StaleThreshold", new { T = town }).NoErrors();
        Assert.Equal(new object[] { TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5) }, result.Output.Select(o => o.BaseObject));
    }
}
