using System;
using System.Linq;
using System.Management.Automation;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Every duration parameter takes every documented form, and refuses anything else at binding time, naming the forms.</summary>
public sealed class DurationBindingTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public DurationBindingTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("alpha");
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(3));
    }

    public void Dispose() => towns.Dispose();

    public static TheoryData<object, double> Forms => new()
    {
        { 300, 300 },
        { 300L, 300 },
        { (byte)5, 5 },
        { 1.5, 1.5 },
        { 2.5f, 2.5 },
        { 1.25m, 1.25 },
        { "300", 300 },
        { "1.5", 1.5 },
        { "500ms", 0.5 },
        { "90s", 90 },
        { "5m", 300 },
        { "1h30m", 5400 },
        { "1.5h", 5400 },
        { "00:05:00", 300 },
        { "1.02:00:00", 93600 },
        { TimeSpan.FromMinutes(5), 300 },
        { new PSObject("2m"), 120 },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Takes_a_threshold_given_as(object value, double seconds)
    {
        var result = session.Run("param($T, $V) (Get-DeaconHeartbeat $T -StaleThreshold $V -VeryStaleThreshold 1000000).StaleThreshold", new { T = town, V = value });
        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.Single(result.NoErrors().Output).BaseObject);
    }

    [Fact]
    public void Reads_numbers_and_Go_text_typed_at_the_command_line_as_seconds_and_durations()
    {
        var result = session.Run("param($T) $h = Get-DeaconHeartbeat $T -StaleThreshold 300 -VeryStaleThreshold 1h30m; $h.StaleThreshold; $h.VeryStaleThreshold; $h.Status", new { T = town });
        Assert.Equal(new object[] { TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(90), HeartbeatStatus.Fresh }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Theory]
    [InlineData("300, 1200")]
    [InlineData("'5m', '20m'")]
    [InlineData("'00:05:00', '00:20:00'")]
    public void Answers_the_poke_question_by_thresholds_in_any_form(string pair)
    {
        // Bound as ticks, both thresholds would be far below the heartbeat's 3 minutes: VeryStale, poke.
        var result = session.Run($"param($T) $s, $v = {pair}; Test-DeaconShouldPoke $T -StaleThreshold $s -VeryStaleThreshold $v; (Get-DeaconHeartbeat $T -StaleThreshold $s -VeryStaleThreshold $v).Status", new { T = town });
        Assert.Equal(new object[] { false, HeartbeatStatus.Fresh }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Says_which_threshold_to_raise_when_one_given_is_not_below_the_default_other()
    {
        var error = session.Run("param($T) Get-DeaconHeartbeat $T -StaleThreshold 10m", new { T = town }).SingleError;
        Assert.StartsWith("InvalidThresholds,", error.FullyQualifiedErrorId);
        Assert.Equal(
            $"Cannot judge '{town}': the stale threshold (10m0s) must be less than the very-stale threshold (5m0s). -VeryStaleThreshold is 5m0s by default: raise it above 10m0s too (for example -VeryStaleThreshold 20m0s).",
            error.ToString());
        var other = session.Run("param($T) Get-DeaconHeartbeat $T -VeryStaleThreshold 1m", new { T = town }).SingleError;
        Assert.EndsWith("-StaleThreshold is 2m0s by default: raise -VeryStaleThreshold above it, or give -StaleThreshold below 1m0s too.", other.ToString());
    }

    [Fact]
    public void Takes_Go_text_from_PSDefaultParameterValues()
    {
        var result = session.Run(
            "param($T) $PSDefaultParameterValues['Get-DeaconHeartbeat:StaleThreshold'] = '1m'; try { (Get-DeaconHeartbeat $T).Status } finally { $PSDefaultParameterValues.Clear() }",
            new { T = town });
        Assert.Equal(HeartbeatStatus.Stale, Assert.Single(result.NoErrors().Output).BaseObject);
    }

    public static TheoryData<object?, string> Refused => new()
    {
        { "abc", "Use " + DurationText.AcceptedForms },
        { "5 minutes", "'5 minutes' is not a duration" },
        { "1d", "'1d' is not a duration" },
        { "soon", "'soon' is not a duration" },
        { string.Empty, "An empty text is not a duration." },
        { double.NaN, "NaN is not a number of seconds." },
        { double.PositiveInfinity, "is not a number of seconds." },
        { new DateTime(2026, 1, 1), "A DateTime is not a duration." },
        { 1e300, "is not a number of seconds." },
        { null, "A duration is required." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_with_a_binding_error_naming_the_forms(object? value, string says)
    {
        var result = session.Run("param($T, $V) Get-DeaconHeartbeat $T -StaleThreshold $V", new { T = town, V = value });
        var error = result.SingleError;
        Assert.Equal("ParameterArgumentTransformationError,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand", error.FullyQualifiedErrorId);
        Assert.Contains("StaleThreshold", error.ToString());
        Assert.Contains(says, error.ToString());
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("Get-DeaconHeartbeat -StaleThreshold 0", "The duration must be greater than zero; 0s is not.")]
    [InlineData("Get-DeaconHeartbeat -VeryStaleThreshold -5m", "The duration must be greater than zero; -5m0s is not.")]
    [InlineData("Watch-DeaconHeartbeat -Timeout 0", "The duration must be greater than zero; 0s is not.")]
    [InlineData("Update-DeaconHeartbeat -LockTimeout -1", "The duration cannot be negative; -1s is.")]
    [InlineData("Write-DeaconHeartbeat -Cycle 1 -LockTimeout -1ms", "The duration cannot be negative; -1ms is.")]
    public void Refuses_a_zero_or_negative_duration_saying_so_in_duration_text(string command, string says)
    {
        var result = session.Run($"param($T) {command} -TownRoot $T", new { T = town });
        Assert.StartsWith("ParameterArgumentValidationError,", result.SingleError.FullyQualifiedErrorId);
        Assert.Contains(says, result.SingleError.ToString());
    }

    [Theory]
    [InlineData("0.3", 0.3)]
    [InlineData("300ms", 0.3)]
    [InlineData("00:00:00.2", 0.2)]
    [InlineData("0", 0)]
    public void Waits_for_the_lock_as_long_as_LockTimeout_says(string value, double seconds)
    {
        using var held = new System.IO.FileStream(ScratchTowns.LockPath(town), System.IO.FileMode.OpenOrCreate, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None);
        var error = session.Run($"param($T) Update-DeaconHeartbeat $T -LockTimeout {value}", new { T = town }).SingleError;
        var waited = ((GasTown.Deacon.Errors.HeartbeatLockTimeoutException)error.Exception).Waited;

        // At least as long as given (a bare number read as ticks would not wait at all), and nowhere near minutes.
        Assert.InRange(waited, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds + 5));
        Assert.StartsWith("Timed out after ", error.ToString());
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("100ms")]
    public void Watches_for_as_long_as_Timeout_says(string value)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = session.Run($"param($T) Watch-DeaconHeartbeat $T -Timeout {value}", new { T = town });
        Assert.Equal(7L, Assert.IsType<Heartbeat>(Assert.Single(result.NoErrors().Output).BaseObject).Cycle);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.1), $"The watch ended after {watch.Elapsed}.");
    }

    [Fact]
    public void Names_the_thresholds_in_force_with_Verbose()
    {
        var given = session.Run("param($T) Get-DeaconHeartbeat $T -StaleThreshold 90s -VeryStaleThreshold 10m -Verbose", new { T = town });
        Assert.Contains("Thresholds: Stale from 1m30s, VeryStale from 10m0s.", given.Verbose);
        var one = session.Run("param($T) Get-DeaconHeartbeat $T -StaleThreshold 90s -Verbose", new { T = town });
        Assert.Contains("Thresholds: Stale from 1m30s, VeryStale from 5m0s (default), unless a town's settings/config.json says otherwise.", one.Verbose);
        var none = session.Run("param($T) Get-DeaconHeartbeat $T -Verbose", new { T = town });
        Assert.Contains("Thresholds: Stale from 2m0s (default), VeryStale from 5m0s (default), unless a town's settings/config.json says otherwise.", none.Verbose);
    }
}
