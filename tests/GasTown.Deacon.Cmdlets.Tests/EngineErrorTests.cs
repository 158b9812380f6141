using System;
using System.IO;
using System.Management.Automation;
using GasTown.Deacon.Commands;
using GasTown.Deacon.Errors;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// Each error id as a script meets it: the failure caused for real, through the cmdlets, with the id, category,
/// target and text about_GasTown.Deacon_Errors documents. The faults a test cannot cause here (a read-only or full disk, a denied
/// permission as root) are held to the table in <see cref="ErrorMappingTests"/>.
/// </summary>
public sealed class EngineErrorTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();

    public EngineErrorTests(PowerShellSession session) => this.session = session;

    public void Dispose() => towns.Dispose();

    [Fact]
    public void HeartbeatNotFound_for_a_town_with_no_heartbeat_with_no_hint()
    {
        var town = towns.Town("empty");
        var error = session.Run("param($T) Get-DeaconHeartbeat $T", new { T = town }).SingleError;
        var file = ScratchTowns.HeartbeatPath(town);
        ErrorAssert.Is(error, ErrorIds.HeartbeatNotFound, nameof(GetDeaconHeartbeatCommand), ErrorCategory.ObjectNotFound, file,
            $"No heartbeat file at '{file}': the Deacon has not written one in this town.");
        Assert.Null(error.ErrorDetails);
    }

    [Fact]
    public void HeartbeatNotFound_for_a_folder_in_a_town_names_the_town()
    {
        var town = towns.Town("alpha");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        var deacon = Path.Combine(town, "deacon");
        var error = session.Run("param($T) Test-DeaconShouldPoke $T", new { T = deacon }).SingleError;
        ErrorAssert.Is(error, ErrorIds.HeartbeatNotFound, nameof(TestDeaconShouldPokeCommand), ErrorCategory.ObjectNotFound, ScratchTowns.HeartbeatPath(deacon),
            $"No heartbeat file at '{ScratchTowns.HeartbeatPath(deacon)}': '{deacon}' is not a town root: it lies inside the town '{town}'. Did you mean -TownRoot '{town}'?");
    }

    [Fact]
    public void HeartbeatInvalid_says_what_is_wrong_and_where()
    {
        var town = towns.Town("broken");
        ScratchTowns.HeartbeatText(town, "{\"timestamp\": 12}");
        var error = session.Run("param($T) Get-DeaconHeartbeat $T", new { T = town }).SingleError;
        ErrorAssert.Is(error, ErrorIds.HeartbeatInvalid, nameof(GetDeaconHeartbeatCommand), ErrorCategory.InvalidData, ScratchTowns.HeartbeatPath(town));
        Assert.StartsWith($"The heartbeat file '{ScratchTowns.HeartbeatPath(town)}' is invalid: ", error.ToString());
        Assert.IsType<HeartbeatInvalidException>(error.Exception);
    }

    [Fact]
    public void HeartbeatTooLarge_for_a_file_over_the_limit_is_invalid_data()
    {
        var town = towns.Town("huge");
        ScratchTowns.HeartbeatText(town, "{" + new string(' ', (1 << 20) + 1) + "}");
        var error = session.Run("param($T) Get-DeaconHeartbeat $T", new { T = town }).SingleError;
        ErrorAssert.Is(error, ErrorIds.HeartbeatTooLarge, nameof(GetDeaconHeartbeatCommand), ErrorCategory.InvalidData, ScratchTowns.HeartbeatPath(town));
        Assert.False(((HeartbeatTooLargeException)error.Exception).RefusedWrite);
    }

    [Fact]
    public void HeartbeatTooLarge_for_a_write_over_the_limit_is_an_invalid_argument_and_keeps_the_heartbeat()
    {
        var town = towns.Town("wordy");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 5);
        var before = File.ReadAllText(ScratchTowns.HeartbeatPath(town));
        var error = session.Run("param($T) Update-DeaconHeartbeat $T -Action ('x' * 1100000)", new { T = town }).SingleError;
        ErrorAssert.Is(error, ErrorIds.HeartbeatTooLarge, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.InvalidArgument, ScratchTowns.HeartbeatPath(town));
        Assert.True(((HeartbeatTooLargeException)error.Exception).RefusedWrite);
        Assert.Equal(before, File.ReadAllText(ScratchTowns.HeartbeatPath(town)));
    }

    [Theory]
    [InlineData("Get-DeaconHeartbeat", nameof(GetDeaconHeartbeatCommand))]
    [InlineData("Test-DeaconShouldPoke", nameof(TestDeaconShouldPokeCommand))]
    [InlineData("Update-DeaconHeartbeat", nameof(UpdateDeaconHeartbeatCommand))]
    [InlineData("Write-DeaconHeartbeat -Cycle 1", nameof(WriteDeaconHeartbeatCommand))]
    [InlineData("Suspend-Deacon -Reason r", nameof(SuspendDeaconCommand))]
    [InlineData("Resume-Deacon", nameof(ResumeDeaconCommand))]
    [InlineData("Watch-DeaconHeartbeat -Timeout 0.05", nameof(WatchDeaconHeartbeatCommand))]
    public void TownRootNotFound_from_every_cmdlet_creates_nothing(string command, string type)
    {
        var missing = Path.Combine(towns.Root, "zulu");
        var error = session.Run($"param($T) {command} -TownRoot $T", new { T = missing }).SingleError;
        ErrorAssert.Is(error, ErrorIds.TownRootNotFound, type, ErrorCategory.ObjectNotFound, missing);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void NotATownRoot_from_a_writer_names_the_town_and_writes_nothing()
    {
        var town = towns.Town("bravo");
        var rig = Directory.CreateDirectory(Path.Combine(town, "rig")).FullName;
        var error = session.Run("param($T) Update-DeaconHeartbeat $T", new { T = rig }).SingleError;
        ErrorAssert.Is(error, ErrorIds.NotATownRoot, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.InvalidArgument, rig,
            $"'{rig}' is not a town root: it lies inside the town '{town}'. Did you mean -TownRoot '{town}'? Nothing was written.");
        Assert.Empty(Directory.GetFileSystemEntries(rig));
    }

    [Fact]
    public void HeartbeatLockTimeout_names_the_lock_when_another_writer_holds_it()
    {
        var town = towns.Town("busy");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        using var held = new FileStream(ScratchTowns.LockPath(town), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var error = session.Run("param($T) Update-DeaconHeartbeat $T -LockTimeout 0", new { T = town }).SingleError;
        ErrorAssert.Is(error, ErrorIds.HeartbeatLockTimeout, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.OperationTimeout, ScratchTowns.LockPath(town));
        Assert.Contains("another writer holds it", error.ToString());
    }

    [Fact]
    public void HeartbeatCycleOverflow_leaves_the_file_alone()
    {
        var town = towns.Town("old");
        var result = session.Run("param($T) $null = Write-DeaconHeartbeat $T -Cycle ([long]::MaxValue); Update-DeaconHeartbeat $T", new { T = town });
        ErrorAssert.Is(result.SingleError, ErrorIds.HeartbeatCycleOverflow, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.LimitsExceeded, ScratchTowns.HeartbeatPath(town));
        Assert.Contains("\"cycle\": 9223372036854775807", File.ReadAllText(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void DeaconPaused_refuses_the_beat_says_who_paused_and_how_to_go_on()
    {
        var town = towns.Town("paused");
        var result = session.Run("param($T) $null = Suspend-Deacon $T -Reason 'maintenance' -PausedBy ops; Update-DeaconHeartbeat $T", new { T = town });
        var error = result.SingleError;
        ErrorAssert.Is(error, ErrorIds.DeaconPaused, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.ResourceUnavailable, ScratchTowns.PausePath(town));
        Assert.StartsWith($"The Deacon of '{town}' is paused by ops", error.ToString());
        Assert.Contains("maintenance", error.ToString());
        Assert.Equal("Resume-Deacon unpauses it; -Force beats anyway.", error.ErrorDetails.RecommendedAction);
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void PauseFileInvalid_refuses_the_beat_and_the_pause_unless_forced()
    {
        var town = towns.Town("unsure");
        ScratchTowns.Pause(town, "nope");
        var result = session.Run("param($T) Update-DeaconHeartbeat $T; Suspend-Deacon $T -Reason r", new { T = town });
        Assert.Equal(2, result.Errors.Count);
        ErrorAssert.Is(result.Errors[0], ErrorIds.PauseFileInvalid, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.InvalidData, ScratchTowns.PausePath(town));
        ErrorAssert.Is(result.Errors[1], ErrorIds.PauseFileInvalid, nameof(SuspendDeaconCommand), ErrorCategory.InvalidData, ScratchTowns.PausePath(town));
        Assert.Equal("-Force replaces the file with a new pause.", result.Errors[1].ErrorDetails.RecommendedAction);
        Assert.Empty(result.Output);
        Assert.Equal("nope", File.ReadAllText(ScratchTowns.PausePath(town)));
    }

    [Fact]
    public void HeartbeatIOError_for_a_directory_in_the_way_is_a_read_or_a_write_error()
    {
        var town = towns.Town("blocked");
        Directory.CreateDirectory(ScratchTowns.HeartbeatPath(town));
        var result = session.Run("param($T) Get-DeaconHeartbeat $T; Write-DeaconHeartbeat $T -Cycle 2", new { T = town });
        Assert.Equal(2, result.Errors.Count);
        ErrorAssert.Is(result.Errors[0], ErrorIds.HeartbeatIOError, nameof(GetDeaconHeartbeatCommand), ErrorCategory.ReadError, ScratchTowns.HeartbeatPath(town));
        ErrorAssert.Is(result.Errors[1], ErrorIds.HeartbeatIOError, nameof(WriteDeaconHeartbeatCommand), ErrorCategory.WriteError, ScratchTowns.HeartbeatPath(town));
        Assert.All(result.Errors, e => Assert.Equal(HeartbeatIOFault.DirectoryInTheWay, ((HeartbeatIOException)e.Exception).Fault));
        Assert.EndsWith("it is a directory, not a file.", result.Errors[0].ToString());
    }

    [Fact]
    public void HeartbeatIOError_for_a_link_at_the_lock_is_a_security_error_and_creates_nothing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Creating a symbolic link needs a privilege on Windows.");
        var town = towns.Town("linked");
        var target = Path.Combine(towns.Root, "elsewhere.lock");
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        File.CreateSymbolicLink(ScratchTowns.LockPath(town), target);
        var error = session.Run("param($T) Update-DeaconHeartbeat $T", new { T = town }).SingleError;
        ErrorAssert.Is(error, ErrorIds.HeartbeatIOError, nameof(UpdateDeaconHeartbeatCommand), ErrorCategory.SecurityError, ScratchTowns.LockPath(town));
        Assert.Equal(HeartbeatIOFault.LinkInTheWay, ((HeartbeatIOException)error.Exception).Fault);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("Env:\\PATH")]
    [InlineData("Function:\\prompt")]
    public void TownRootNotFileSystem_names_the_provider(string path)
    {
        var error = session.Run("param($P) Get-DeaconHeartbeat -LiteralTownRoot $P", new { P = path }).SingleError;
        ErrorAssert.Is(error, ErrorIds.TownRootNotFileSystem, nameof(GetDeaconHeartbeatCommand), ErrorCategory.InvalidArgument, path);
        Assert.EndsWith("a town root is a file-system directory.", error.ToString());
    }

    [Fact]
    public void InvalidThresholds_given_together_stops_before_any_town_is_read()
    {
        var town = towns.Town("judged");
        var result = session.Run("param($T) Get-DeaconHeartbeat $T -StaleThreshold 10m -VeryStaleThreshold 5m", new { T = town });
        ErrorAssert.Is(result.SingleError, ErrorIds.InvalidThresholds, nameof(GetDeaconHeartbeatCommand), ErrorCategory.InvalidArgument, null,
            "The stale threshold (10m0s) must be less than the very-stale threshold (5m0s). Lower -StaleThreshold below 5m0s, or raise -VeryStaleThreshold above 10m0s.");
        Assert.Empty(result.Output);
    }

    [Fact]
    public void InvalidThresholds_against_a_towns_settings_names_the_file_and_key_for_that_town_only()
    {
        var strict = towns.Town("strict");
        var easy = towns.Town("easy");
        ScratchTowns.Heartbeat(strict, TimeSpan.FromMinutes(1));
        ScratchTowns.Heartbeat(easy, TimeSpan.FromMinutes(1));
        var settings = Settings(strict, "20m");
        Settings(easy, "1h");
        var result = session.Run("param($A, $B) Test-DeaconShouldPoke $A, $B -StaleThreshold 30m", new { A = strict, B = easy });
        ErrorAssert.Is(result.SingleError, ErrorIds.InvalidThresholds, nameof(TestDeaconShouldPokeCommand), ErrorCategory.InvalidArgument, settings);
        Assert.Contains($"The very-stale threshold is 20m0s in '{settings}' (operational.deacon.heartbeat_very_stale_threshold)", result.SingleError.ToString());
        Assert.False((bool)Assert.Single(result.Output).BaseObject);
    }

    private static string Settings(string town, string veryStale)
    {
        var settings = Path.Combine(town, "settings", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, "{\"operational\": {\"deacon\": {\"heartbeat_very_stale_threshold\": \"" + veryStale + "\"}}}");
        return settings;
    }

    [Theory]
    [InlineData("[pscustomobject]@{ Cycle = 1 }", "it has neither a TimestampUtc in RFC 3339 nor a Timestamp")]
    [InlineData("'alpha'", "it has neither a TimestampUtc in RFC 3339 nor a Timestamp")]
    [InlineData("[pscustomobject]@{ TimestampUtc = '2026-01-01T00:00:00Z'; Cycle = 'many' }", "it has no whole-number Cycle")]
    public void InputNotHeartbeat_names_what_is_missing_and_writes_nothing(string input, string why)
    {
        var town = towns.Town("target");
        var result = session.Run($"param($T) {input} | Write-DeaconHeartbeat -TownRoot $T", new { T = town });
        Assert.Equal($"InputNotHeartbeat,GasTown.Deacon.Commands.{nameof(WriteDeaconHeartbeatCommand)}", result.SingleError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.SingleError.CategoryInfo.Category);
        Assert.StartsWith($"The input object is not a heartbeat: {why}.", result.SingleError.ToString());
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(town)));
    }

    [Fact]
    public void InputNotHeartbeat_for_a_heartbeat_with_no_town_and_no_TownRoot()
    {
        var result = session.Run("[pscustomobject]@{ TimestampUtc = '2026-01-01T00:00:00Z'; Cycle = 3 } | Write-DeaconHeartbeat");
        Assert.StartsWith("The input object is not a heartbeat: it has no TownRoot; give -TownRoot.", result.SingleError.ToString());
    }

    [Fact]
    public void An_error_can_be_caught_by_id_with_ErrorAction_Stop()
    {
        var missing = Path.Combine(towns.Root, "yankee");
        var result = session.Run("param($T) try { Get-DeaconHeartbeat $T -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] }", new { T = missing });
        Assert.Equal("TownRootNotFound", Assert.Single(result.NoErrors().Output).BaseObject);
    }
}
