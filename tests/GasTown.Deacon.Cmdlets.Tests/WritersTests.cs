using System;
using System.IO;
using System.Linq;
using System.Text;
using GasTown.Deacon.Errors;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Update-DeaconHeartbeat and Write-DeaconHeartbeat: what they write, byte for byte as Go, and what they refuse.</summary>
public sealed class WritersTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public WritersTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("town");
    }

    public void Dispose() => towns.Dispose();

    private string Text => File.ReadAllText(ScratchTowns.HeartbeatPath(town));

    private RunResult Run(string script) => session.Run("param($T) " + script, new { T = town });

    [Fact]
    public void Update_starts_at_cycle_1_and_counts_up_emitting_the_heartbeat_written()
    {
        var result = Run("Update-DeaconHeartbeat -TownRoot $T; Update-DeaconHeartbeat -TownRoot $T -Action 'patrol: 3 witnesses' -HealthyAgents 3 -UnhealthyAgents 1; (Get-DeaconHeartbeat $T).Cycle").NoErrors();
        var first = (Heartbeat)result.Output[0].BaseObject;
        var second = (Heartbeat)result.Output[1].BaseObject;
        Assert.Equal((1L, HeartbeatStatus.Fresh), (first.Cycle, first.Status));
        Assert.Equal((2L, "patrol: 3 witnesses", 3L, 1L), (second.Cycle, second.LastAction, second.HealthyAgents, second.UnhealthyAgents));
        Assert.Equal(2L, result.Output[2].BaseObject);
    }

    [Fact]
    public void Update_stamps_now_in_UTC_and_writes_the_Go_layout()
    {
        var before = DateTimeOffset.UtcNow;
        var hb = Run("Update-DeaconHeartbeat $T -Action 'a <b> & \"c\"'").NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal(TimeSpan.Zero, hb.Timestamp.Offset);
        Assert.InRange(hb.Timestamp, before, DateTimeOffset.UtcNow);
        Assert.Matches(@"^\{\n  ""timestamp"": ""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"",\n  ""cycle"": 1,\n  ""last_action"": ""a \\u003cb\\u003e \\u0026 \\""c\\"""",\n  ""healthy_agents"": 0,\n  ""unhealthy_agents"": 0\n\}$", Text);
    }

    [Fact]
    public void Update_clears_the_previous_action_when_called_without_one_as_Touch_does()
    {
        var hb = Run("$null = Update-DeaconHeartbeat $T -Action first -HealthyAgents 2; Update-DeaconHeartbeat $T").NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((string.Empty, 0L), (hb.LastAction, hb.HealthyAgents));
        Assert.DoesNotContain("last_action", Text);
    }

    [Fact]
    public void Update_updates_every_town_piped_to_it_as_strings_or_items()
    {
        var other = towns.Town("other");
        var result = session.Run("param($A, $B) $null = Update-DeaconHeartbeat $B; ($A, $B | Update-DeaconHeartbeat).Cycle; (Get-Item $A, $B | Update-DeaconHeartbeat).Cycle", new { A = town, B = other });
        Assert.Equal(new object[] { 1L, 2L, 2L, 3L }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Update_warns_when_it_restarts_the_cycle_over_an_invalid_file()
    {
        ScratchTowns.HeartbeatText(town, "{\"cycle\": 41, \"timestamp\": \"not a time\"}");
        var result = Run("Update-DeaconHeartbeat $T").NoErrors();
        Assert.Equal(1L, result.Objects<Heartbeat>().Single().Cycle);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("is invalid: timestamp \"not a time\" is not valid", warning);
        Assert.EndsWith("It was replaced and the cycle restarted at 1.", warning);
    }

    [Fact]
    public void Update_reports_a_directory_at_the_lock_path_at_once_naming_it()
    {
        var lockPath = ScratchTowns.LockPath(town);
        Directory.CreateDirectory(lockPath);
        var error = Run("Update-DeaconHeartbeat $T").SingleError;
        Assert.Equal(HeartbeatIOFault.DirectoryInTheWay, ((HeartbeatIOException)error.Exception).Fault);
        Assert.Equal(System.Management.Automation.ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Equal($"Cannot take the heartbeat lock '{lockPath}': it is a directory, not a file.", error.ToString());
    }

    [Fact]
    public void Update_names_the_link_at_the_lock_path_and_how_to_fix_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Creating a symbolic link needs a privilege on Windows.");
        var target = Path.Combine(towns.Root, "nologin");
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        File.CreateSymbolicLink(ScratchTowns.LockPath(town), target);
        var error = Run("Update-DeaconHeartbeat $T").SingleError;
        Assert.Contains($"'{ScratchTowns.LockPath(town)}': it is a symbolic link to '{target}'", error.ToString());
        Assert.EndsWith("remove the link.", error.ToString());
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void Update_refuses_an_action_too_large_keeping_the_heartbeat_and_its_cycle()
    {
        Run("$null = Update-DeaconHeartbeat $T -Action first").NoErrors();
        var before = Text;
        var error = Run("Update-DeaconHeartbeat $T -Action ('x' * 2MB)").SingleError;
        Assert.Matches("would be 2097\\d+ bytes, over the 1048576-byte limit.*nothing was written", error.ToString());
        Assert.Equal(before, Text);
        Assert.Equal(2L, Run("(Update-DeaconHeartbeat $T).Cycle").NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Write_writes_exactly_the_bytes_Go_writes()
    {
        Run("$null = Write-DeaconHeartbeat -TownRoot $T -Timestamp '2025-12-01T10:00:00.25Z' -Cycle 42 -LastAction \"patrol`n<done>\" -HealthyAgents 5 -UnhealthyAgents 1").NoErrors();
        Assert.Equal(
            Encoding.UTF8.GetBytes("{\n  \"timestamp\": \"2025-12-01T10:00:00.25Z\",\n  \"cycle\": 42,\n  \"last_action\": \"patrol\\n\\u003cdone\\u003e\",\n  \"healthy_agents\": 5,\n  \"unhealthy_agents\": 1\n}"),
            File.ReadAllBytes(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void Write_keeps_the_timestamps_own_offset_as_Go_does()
    {
        Run("$null = Write-DeaconHeartbeat $T -Timestamp ([DateTimeOffset]::new(2025, 12, 1, 12, 0, 0, [timespan]::FromHours(2))) -Cycle 1").NoErrors();
        Assert.Contains("\"timestamp\": \"2025-12-01T12:00:00+02:00\"", Text);
    }

    [Fact]
    public void Write_stamps_now_in_UTC_when_no_timestamp_is_given()
    {
        var before = DateTimeOffset.UtcNow;
        var result = Run("Write-DeaconHeartbeat $T -Cycle 3; (Get-DeaconHeartbeat $T).Timestamp").NoErrors();
        var written = (Heartbeat)result.Output[0].BaseObject;
        Assert.Equal(TimeSpan.Zero, written.Timestamp.Offset);
        Assert.InRange(written.Timestamp, before, DateTimeOffset.UtcNow);
        Assert.Equal(written.Timestamp, result.Output[1].BaseObject);
    }

    [Fact]
    public void Write_copies_a_heartbeat_between_towns_byte_for_byte()
    {
        var target = towns.Town("target");
        var result = session.Run(
            "param($A, $B) $null = Write-DeaconHeartbeat $A -Timestamp '2025-12-01T10:00:00Z' -Cycle 77 -LastAction copied -HealthyAgents 2; Get-DeaconHeartbeat -TownRoot $A | Write-DeaconHeartbeat -TownRoot $B",
            new { A = town, B = target });
        var copy = result.NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((target, 77L), (copy.TownRoot, copy.Cycle));
        Assert.Equal(File.ReadAllBytes(ScratchTowns.HeartbeatPath(town)), File.ReadAllBytes(ScratchTowns.HeartbeatPath(target)));
    }

    [Fact]
    public void Write_writes_a_piped_heartbeat_back_to_its_own_town_without_TownRoot()
    {
        var result = Run("$null = Write-DeaconHeartbeat $T -Timestamp '2025-12-01T10:00:00Z' -Cycle 5; $h = Get-DeaconHeartbeat $T; Remove-Item -LiteralPath $h.Path; $null = $h | Write-DeaconHeartbeat; (Get-DeaconHeartbeat $T).Cycle");
        Assert.Equal(5L, result.NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Write_writes_an_object_carrying_the_fields_by_name_such_as_one_read_back_from_CSV()
    {
        var result = Run("[pscustomobject]@{ TownRoot = $T; TimestampUtc = '2025-12-01T10:00:00.5Z'; Cycle = '12'; LastAction = 'csv'; HealthyAgents = '2'; UnhealthyAgents = '1' } | Write-DeaconHeartbeat | ForEach-Object Cycle");
        Assert.Equal(12L, result.NoErrors().Output.Single().BaseObject);
        Assert.Equal("{\n  \"timestamp\": \"2025-12-01T10:00:00.5Z\",\n  \"cycle\": 12,\n  \"last_action\": \"csv\",\n  \"healthy_agents\": 2,\n  \"unhealthy_agents\": 1\n}", Text);
        var fromTimestamp = Run("[pscustomobject]@{ Timestamp = [DateTimeOffset]'2025-12-01T11:00:00Z'; Cycle = 13 } | Write-DeaconHeartbeat -TownRoot $T | ForEach-Object TimestampUtc");
        Assert.Equal("2025-12-01T11:00:00Z", fromTimestamp.NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Write_replaces_a_whole_file_and_leaves_no_temp_file_behind()
    {
        Run("$null = Write-DeaconHeartbeat $T -Cycle 1; $null = Write-DeaconHeartbeat $T -Cycle 2").NoErrors();
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock" }, Directory.GetFiles(Path.Combine(town, "deacon")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_refuses_a_heartbeat_too_large_before_touching_the_town()
    {
        var error = Run("Write-DeaconHeartbeat $T -Cycle 1 -LastAction ('x' * 1MB)").SingleError;
        Assert.StartsWith("HeartbeatTooLarge,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.False(Directory.Exists(Path.Combine(town, "deacon")));
    }
}
