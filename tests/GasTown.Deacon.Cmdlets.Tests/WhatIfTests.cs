using System;
using System.IO;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>What -WhatIf and -Confirm say each writer would do, and that they write nothing.</summary>
public sealed class WhatIfTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public WhatIfTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("alpha");
    }

    public void Dispose() => towns.Dispose();

    private string Heartbeat => ScratchTowns.HeartbeatPath(town);

    private string WhatIf(string command)
    {
        var result = session.Run($"param($T) {command}", new { T = town }).NoErrors();
        Assert.Empty(result.Output);
        return Assert.Single(result.HostLines);
    }

    private static string Line(string operation, string target) => $"What if: Performing the operation \"{operation}\" on target \"{target}\".";

    [Fact]
    public void Update_names_the_next_cycle_the_action_and_the_counts()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 2);
        var before = File.ReadAllText(Heartbeat);
        Assert.Equal(
            Line("Update the Deacon heartbeat: cycle 3 (after 2), stamped now, action 'patrol: 4 witnesses checked', 4 healthy and 1 unhealthy agents", Heartbeat),
            WhatIf("Update-DeaconHeartbeat $T -Action 'patrol: 4 witnesses checked' -HealthyAgents 4 -UnhealthyAgents 1 -WhatIf"));
        Assert.Equal(before, File.ReadAllText(Heartbeat));
    }

    [Theory]
    [InlineData(null, "cycle 1 (no heartbeat yet)")]
    [InlineData("{", "cycle 1, replacing the invalid heartbeat")]
    [InlineData("{\"timestamp\": \"2026-01-01T00:00:00Z\", \"cycle\": 9223372036854775807}", "no cycle after 9223372036854775807 (the update will fail)")]
    [InlineData("directory", "the next cycle")]
    public void Update_says_which_cycle_whatever_the_file_holds(string? file, string cycle)
    {
        if (file == "directory")
        {
            Directory.CreateDirectory(Heartbeat);
        }
        else if (file is not null)
        {
            ScratchTowns.HeartbeatText(town, file);
        }

        Assert.Equal(
            Line($"Update the Deacon heartbeat: {cycle}, stamped now, no action (clearing the last one), 0 healthy and 0 unhealthy agents", Heartbeat),
            WhatIf("Update-DeaconHeartbeat $T -WhatIf"));
        Assert.Equal(file is null, !File.Exists(Heartbeat) && !Directory.Exists(Heartbeat));
    }

    [Theory]
    [InlineData("-Timestamp '2025-12-01T10:53:56.1234567Z'", "timestamp 2025-12-01T10:53:56.1234567Z")]
    [InlineData("-Timestamp '2025-12-01T12:53:56.5+02:00'", "timestamp 2025-12-01T12:53:56.5+02:00")]
    [InlineData("-Timestamp ([DateTimeOffset]::new(1, 1, 1, 0, 0, 0, [TimeSpan]::Zero))", "timestamp now")]
    public void Write_names_everything_it_would_write(string timestamp, string says)
    {
        Assert.Equal(
            Line($"Write the Deacon heartbeat: cycle 41, {says}, action 'copied', 4 healthy and 1 unhealthy agents", Heartbeat),
            WhatIf($"Write-DeaconHeartbeat $T -Cycle 41 {timestamp} -LastAction copied -HealthyAgents 4 -UnhealthyAgents 1 -WhatIf"));
        Assert.False(File.Exists(Heartbeat));
    }

    [Fact]
    public void Write_says_no_action_when_there_is_none()
    {
        Assert.EndsWith(", no action, 0 healthy and 0 unhealthy agents\" on target \"" + Heartbeat + "\".", WhatIf("Write-DeaconHeartbeat $T -Cycle 1 -WhatIf"));
    }

    [Theory]
    [InlineData("-Reason 'maintenance window'", "reason: maintenance window")]
    [InlineData("-Reason ''", "no reason given")]
    public void Suspend_names_the_pause_file_and_the_reason(string reason, string says)
    {
        Assert.Equal(Line($"Pause the Deacon ({says})", ScratchTowns.PausePath(town)), WhatIf($"Suspend-Deacon $T {reason} -WhatIf"));
        Assert.False(File.Exists(ScratchTowns.PausePath(town)));
    }

    [Theory]
    [InlineData("{\"paused\": true, \"reason\": \"maintenance\", \"paused_at\": \"2026-01-02T03:04:05Z\", \"paused_by\": \"ops\"}", "Resume the Deacon, paused by ops at 2026-01-02T03:04:05Z (")]
    [InlineData("nope", "Remove the pause file, which cannot be read")]
    [InlineData("{\"paused\": false, \"paused_at\": \"2026-01-02T03:04:05Z\"}", "Remove the pause file, which says the Deacon is not paused")]
    public void Resume_names_the_pause_it_would_end(string pause, string says)
    {
        ScratchTowns.Pause(town, pause);
        var line = WhatIf("Resume-Deacon $T -WhatIf");
        Assert.StartsWith("What if: Performing the operation \"" + says, line);
        Assert.EndsWith($"\" on target \"{ScratchTowns.PausePath(town)}\".", line);
        Assert.Equal(pause, File.ReadAllText(ScratchTowns.PausePath(town)));
    }

    [Fact]
    public void Confirm_asks_the_same_and_a_No_writes_nothing()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 2);
        var result = session.Run("param($T) Update-DeaconHeartbeat $T -Confirm; Suspend-Deacon $T -Reason r -Confirm", new { T = town }).NoErrors();
        Assert.Empty(result.Output);
        Assert.Equal(2, result.HostLines.Count);
        Assert.Contains("Update the Deacon heartbeat: cycle 3 (after 2)", result.HostLines[0]);
        Assert.Contains("Pause the Deacon (reason: r)", result.HostLines[1]);
        Assert.StartsWith("Confirm: ", result.HostLines[0]);
        Assert.Contains("\"cycle\": 2", File.ReadAllText(Heartbeat));
        Assert.False(File.Exists(ScratchTowns.PausePath(town)));
    }

    [Fact]
    public void Verbose_reports_the_same_operation_as_it_is_performed()
    {
        var result = session.Run("param($T) Update-DeaconHeartbeat $T -Action beat -Verbose", new { T = town }).NoErrors();
        Assert.Contains($"Performing the operation \"Update the Deacon heartbeat: cycle 1 (no heartbeat yet), stamped now, action 'beat', 0 healthy and 0 unhealthy agents\" on target \"{Heartbeat}\".", result.Verbose);
        Assert.Contains("\"cycle\": 1", File.ReadAllText(Heartbeat));
    }
}
