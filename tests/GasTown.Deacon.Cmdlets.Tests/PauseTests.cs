using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Suspend-Deacon and Resume-Deacon, and what a pause does to the other cmdlets.</summary>
public sealed class PauseTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public PauseTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("town");
    }

    public void Dispose()
    {
        session.Run("Set-Location /");
        towns.Dispose();
    }

    private string PauseFile => ScratchTowns.PausePath(town);

    private RunResult Run(string script) => session.Run("param($T) " + script, new { T = town });

    [Fact]
    public void Suspend_writes_the_pause_file_as_Gos_Pause_does_stamped_now_in_UTC_and_emits_the_pause()
    {
        var before = DateTimeOffset.UtcNow;
        var pause = (DeaconPause)Run("Suspend-Deacon -TownRoot $T -Reason 'maintenance <window> & \"more\"'").NoErrors().Output.Single().BaseObject;
        var after = DateTimeOffset.UtcNow;
        Assert.Equal((town, PauseFile, true, "maintenance <window> & \"more\"", "human"), (pause.TownRoot, pause.Path, pause.Paused, pause.Reason, pause.PausedBy));
        Assert.Equal(TimeSpan.Zero, pause.PausedAt.Offset);
        Assert.InRange(pause.PausedAt, before, after);
        Assert.Matches(@"^\{\n  ""paused"": true,\n  ""reason"": ""maintenance \\u003cwindow\\u003e \\u0026 \\""more\\"""",\n  ""paused_at"": ""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"",\n  ""paused_by"": ""human""\n\}$", File.ReadAllText(PauseFile));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", pause.PausedAtUtc);
    }

    [Fact]
    public void Suspend_gives_a_new_pause_file_0600_and_its_folders_0755_as_Go_does()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions.");
            return;
        }

        Run("$null = Suspend-Deacon $T -Reason r").NoErrors();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PauseFile));
        var folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Assert.Equal(folder, File.GetUnixFileMode(Path.GetDirectoryName(PauseFile)!));
        Assert.Equal(folder, File.GetUnixFileMode(Path.Combine(town, ".runtime")));
    }

    [Fact]
    public void Suspend_leaves_out_an_empty_reason_and_PausedBy_as_Go_does_and_takes_PausedBy()
    {
        Run("$null = Suspend-Deacon $T -Reason '' -PausedBy ''").NoErrors();
        Assert.Matches("^\\{\n  \"paused\": true,\n  \"paused_at\": \"[^\"]+\"\n\\}$", File.ReadAllText(PauseFile));
        Assert.Equal("mayor", Run("(Suspend-Deacon $T -Reason r -PausedBy mayor -Force).PausedBy").NoErrors().Output.Single().BaseObject);
        Assert.Contains("\"paused_by\": \"mayor\"", File.ReadAllText(PauseFile));
    }

    [Fact]
    public void Suspend_leaves_an_existing_pause_alone_with_a_warning_and_replaces_it_with_Force()
    {
        Run("$null = Suspend-Deacon $T -Reason first -PausedBy alice").NoErrors();
        var before = File.ReadAllText(PauseFile);
        var kept = Run("(Suspend-Deacon $T -Reason second).Reason").NoErrors();
        Assert.Equal("first", kept.Output.Single().BaseObject);
        Assert.Matches($"^The Deacon of '{Regex.Escape(town)}' is already paused by alice at .*: first; the pause is left as it is, as gt deacon pause leaves it\\. -Force pauses it again with this reason\\.$", Assert.Single(kept.Warnings));
        Assert.Equal(before, File.ReadAllText(PauseFile));
        Assert.Equal("second", Run("(Suspend-Deacon $T -Reason second -Force).Reason").NoErrors().Output.Single().BaseObject);
        Assert.Contains("\"reason\": \"second\"", File.ReadAllText(PauseFile));
    }

    [Fact]
    public void Suspend_refuses_to_pause_over_a_pause_file_it_cannot_read_unless_forced()
    {
        ScratchTowns.Pause(town, "{\"paused\": tru");
        var refused = Run("Suspend-Deacon $T -Reason r");
        Assert.Empty(refused.Output);
        Assert.Matches($"pause file '{Regex.Escape(PauseFile)}' is invalid.* Nothing was written\\.$", refused.SingleError.ToString());
        Assert.Equal("{\"paused\": tru", File.ReadAllText(PauseFile));
        Assert.Equal(true, Run("(Suspend-Deacon $T -Reason r -Force).Paused").NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Suspend_pauses_every_town_piped_to_it_and_reports_a_missing_one_creating_nothing_there()
    {
        var other = towns.Town("other");
        var missing = Path.Combine(towns.Root, "no-such-town");
        var result = session.Run("param($A, $M, $B) ($A, $M, $B | Suspend-Deacon -Reason fleet).TownRoot", new { A = town, M = missing, B = other });
        Assert.Equal(new[] { town, other }, result.Output.Select(o => o.BaseObject));
        Assert.StartsWith("TownRootNotFound,GasTown.Deacon.Commands.SuspendDeaconCommand", result.SingleError.FullyQualifiedErrorId);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Suspend_refuses_a_folder_inside_a_town_naming_the_town_and_Resume_warns_about_it()
    {
        var inside = towns.Folder(Path.Combine("town", "deacon"));
        var result = session.Run("param($P) Suspend-Deacon $P -Reason r", new { P = inside });
        Assert.Equal($"'{inside}' is not a town root: it lies inside the town '{town}'. Did you mean -TownRoot '{town}'? Nothing was written.", result.SingleError.ToString());
        Assert.False(Directory.Exists(Path.Combine(inside, ".runtime")));
        Assert.Empty(Run("Resume-Deacon $T").NoErrors().Warnings);
    }

    [Fact]
    public void Suspend_pauses_the_town_holding_the_current_location()
    {
        var crew = towns.Folder(Path.Combine("town", "rig", "crew"));
        Assert.Equal(town, session.Run("param($C) Set-Location -LiteralPath $C; (Suspend-Deacon -Reason here).TownRoot", new { C = crew }).NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Resume_removes_the_pause_file_emits_nothing_and_says_whose_pause_it_ended()
    {
        Run("$null = Suspend-Deacon $T -Reason upgrade -PausedBy alice").NoErrors();
        var result = Run("Resume-Deacon $T -Verbose").NoErrors();
        Assert.Empty(result.Output);
        Assert.False(File.Exists(PauseFile));
        Assert.Contains(result.Verbose, v => Regex.IsMatch(v, $"^{Regex.Escape(town)}: the Deacon is resumed; it was paused by alice at .*: upgrade\\.$"));
        Assert.Contains(result.Verbose, v => v.StartsWith("Performing the operation \"Resume the Deacon, paused by alice at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_is_no_error_when_the_Deacon_is_not_paused_as_gt_deacon_resume()
    {
        var result = Run("Resume-Deacon $T -Verbose").NoErrors();
        Assert.Contains($"{town}: the Deacon is not paused (no pause file); nothing to do.", result.Verbose);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Resume_removes_a_pause_file_it_cannot_read_warning_what_was_wrong()
    {
        ScratchTowns.Pause(town, "not json");
        var result = Run("Resume-Deacon $T").NoErrors();
        Assert.False(File.Exists(PauseFile));
        Assert.Matches($"pause file '{Regex.Escape(PauseFile)}' is invalid.* It was removed: the Deacon is resumed\\.$", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Resume_removes_a_pause_file_that_says_not_paused()
    {
        ScratchTowns.Pause(town, "{\"paused\": false, \"reason\": \"over\"}");
        var result = Run("Resume-Deacon $T -Verbose").NoErrors();
        Assert.False(File.Exists(PauseFile));
        Assert.Contains($"{town}: removed a pause file that said the Deacon is not paused.", result.Verbose);
    }

    [Fact]
    public void Resume_resumes_the_paused_Deacons_of_heartbeats_piped_to_it()
    {
        var other = towns.Town("other");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        ScratchTowns.Heartbeat(other, TimeSpan.Zero);
        var result = session.Run("param($A, $B) $null = Suspend-Deacon $A -Reason r; Get-DeaconHeartbeat $A, $B | Where-Object Paused | Resume-Deacon; (Get-DeaconHeartbeat $A, $B).Paused", new { A = town, B = other });
        Assert.Equal(new object[] { false, false }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_pause_Go_wrote_shows_in_the_heartbeat_and_is_not_poked()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(30));
        ScratchTowns.Pause(town, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "golden", "pause", "write", "reason-and-by.json")));
        var hb = Run("Get-DeaconHeartbeat $T").NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((HeartbeatStatus.VeryStale, true, false), (hb.Status, hb.Paused, hb.ShouldPoke));
        Assert.Equal(("maintenance window", "human"), (hb.PauseReason, hb.PausedBy));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero), hb.PausedAt);
    }

    [Fact]
    public void The_pause_properties_are_empty_when_the_Deacon_is_not_paused()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        var hb = Run("Get-DeaconHeartbeat $T").NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((false, string.Empty, string.Empty, (DateTimeOffset?)null), (hb.Paused, hb.PauseReason, hb.PausedBy, hb.PausedAt));
    }

    [Fact]
    public void A_paused_Deacon_is_not_poked_however_old_its_heartbeat_or_with_none_and_Verbose_says_why()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromHours(5));
        Assert.Equal(true, Run("Test-DeaconShouldPoke $T").NoErrors().Output.Single().BaseObject);
        Run("$null = Suspend-Deacon $T -Reason 'upgrading witnesses' -PausedBy alice").NoErrors();
        var result = Run("Test-DeaconShouldPoke $T -Verbose").NoErrors();
        Assert.Equal(false, result.Output.Single().BaseObject);
        Assert.Contains(result.Verbose, v => Regex.IsMatch(v, $@"^{Regex.Escape(town)}: the Deacon is paused by alice at 20\S*Z \(.*s ago\): upgrading witnesses\. Not poking it: a paused Deacon must not patrol\. Its heartbeat is VeryStale, 5h"));
        File.Delete(ScratchTowns.HeartbeatPath(town));
        var none = Run("Test-DeaconShouldPoke $T -Verbose").NoErrors();
        Assert.Equal(false, none.Output.Single().BaseObject);
        Assert.Contains(none.Verbose, v => v.EndsWith($"No heartbeat file at '{ScratchTowns.HeartbeatPath(town)}': the Deacon has not written one in this town.", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_beats_through_a_pause_with_Force_the_heartbeat_showing_the_pause_which_stays()
    {
        Run("$null = Suspend-Deacon $T -Reason r").NoErrors();
        var result = Run("Update-DeaconHeartbeat $T -Action forced -Force -Verbose").NoErrors();
        var hb = result.Objects<Heartbeat>().Single();
        Assert.Equal((1L, true, false), (hb.Cycle, hb.Paused, hb.ShouldPoke));
        Assert.True(File.Exists(PauseFile));
        Assert.Contains(result.Verbose, v => v.StartsWith($"{town}: the Deacon is paused by human at ", StringComparison.Ordinal) && v.EndsWith("; beating anyway (-Force).", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_refuses_a_pause_file_it_cannot_read_unless_forced()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(1));
        var before = File.ReadAllText(ScratchTowns.HeartbeatPath(town));
        ScratchTowns.Pause(town, "{\"paused\": 1}");
        var error = Run("Update-DeaconHeartbeat $T").SingleError;
        Assert.Contains($"pause file '{PauseFile}' is invalid: paused must be true or false, but it is a number", error.ToString());
        Assert.Contains("Nobody can tell whether the Deacon is paused", error.ToString());
        Assert.Equal("Fix the pause file, or remove it with Resume-Deacon; -Force beats anyway.", error.ErrorDetails.RecommendedAction);
        Assert.Equal(before, File.ReadAllText(ScratchTowns.HeartbeatPath(town)));
        Assert.Equal(8L, Run("(Update-DeaconHeartbeat $T -Force).Cycle").NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Write_is_not_stopped_by_a_pause_as_Gos_WriteHeartbeat_is_not()
    {
        Run("$null = Suspend-Deacon $T -Reason r").NoErrors();
        var hb = Run("Write-DeaconHeartbeat $T -Cycle 5 -LastAction given").NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((5L, true, "given"), (hb.Cycle, hb.Paused, hb.LastAction));
    }

    [Fact]
    public void An_unreadable_pause_file_makes_Get_and_Test_warn_and_count_the_Deacon_as_not_paused()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(30));
        ScratchTowns.Pause(town, "{\"paused\": true, \"paused_at\": \"yesterday\"}");
        var get = Run("Get-DeaconHeartbeat $T").NoErrors();
        var hb = get.Objects<Heartbeat>().Single();
        Assert.Equal((false, true), (hb.Paused, hb.ShouldPoke));
        Assert.Matches($"^The Deacon's pause file '{Regex.Escape(PauseFile)}' is invalid: paused_at \"yesterday\" is not valid.*\\. Treating the Deacon as not paused, as gt deacon status does\\.$", Assert.Single(get.Warnings));
        var test = Run("Test-DeaconShouldPoke $T").NoErrors();
        Assert.Equal(true, test.Output.Single().BaseObject);
        Assert.Single(test.Warnings);
    }

    [Fact]
    public void A_pause_file_with_a_lone_surrogate_is_read_as_Go_reads_it_with_the_rest_of_the_fleet()
    {
        var fleet = towns.Folder("fleet");
        var members = new[] { "a", "b", "c" }.Select(n => towns.Town(Path.Combine("fleet", n))).ToArray();
        foreach (var member in members)
        {
            ScratchTowns.Heartbeat(member, TimeSpan.FromMinutes(30));
        }

        ScratchTowns.Pause(members[1], "{\"paused\": true, \"reason\": \"a\\ud800b\", \"paused_by\": \"\\udc00z\"}");
        var result = session.Run("param($P) Get-DeaconHeartbeat $P; Test-DeaconShouldPoke $P", new { P = Path.Combine(fleet, "*") }).NoErrors();
        Assert.Empty(result.Warnings);
        var read = result.Output.Take(3).Select(o => (Heartbeat)o.BaseObject).ToArray();
        Assert.Equal((true, "a\uFFFDb", "\uFFFDz"), (read[1].Paused, read[1].PauseReason, read[1].PausedBy));
        Assert.Equal(new object[] { true, false, true }, result.Output.Skip(3).Select(o => o.BaseObject));
    }

    [Fact]
    public void A_directory_at_the_pause_file_leaves_Get_Test_and_Watch_without_an_answer_and_Update_refuses()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(30));
        Directory.CreateDirectory(PauseFile);
        var expected = $"Cannot read the Deacon's pause file '{PauseFile}': it is a directory, not a file; whether the Deacon is paused cannot be told, so this town gets no answer.";
        foreach (var command in new[] { "Get-DeaconHeartbeat $T", "Test-DeaconShouldPoke $T", "Watch-DeaconHeartbeat $T -Timeout 0.3" })
        {
            var result = Run(command);
            Assert.Empty(result.Output);
            Assert.Empty(result.Warnings);
            Assert.StartsWith("HeartbeatIOError,", result.SingleError.FullyQualifiedErrorId);
            Assert.Equal(expected, result.SingleError.Exception.Message);
            Assert.Equal(expected, result.SingleError.ToString());
        }

        var before = File.ReadAllText(ScratchTowns.HeartbeatPath(town));
        var update = Run("Update-DeaconHeartbeat $T");
        Assert.Empty(update.Output);
        Assert.StartsWith("HeartbeatIOError,", update.SingleError.FullyQualifiedErrorId);
        Assert.Equal(before, File.ReadAllText(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void A_pause_file_that_says_not_paused_counts_as_not_paused()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(30));
        ScratchTowns.Pause(town, "{\"paused\": false, \"reason\": \"over\"}");
        var result = Run("(Get-DeaconHeartbeat $T).Paused; Test-DeaconShouldPoke $T; (Update-DeaconHeartbeat $T).Cycle").NoErrors();
        Assert.Equal(new object[] { false, true, 8L }, result.Output.Select(o => o.BaseObject));
    }
}
