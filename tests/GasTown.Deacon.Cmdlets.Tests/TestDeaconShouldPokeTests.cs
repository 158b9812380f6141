using System;
using System.Linq;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Test-DeaconShouldPoke: one answer per town, and why with -Verbose or a warning.</summary>
public sealed class TestDeaconShouldPokeTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string town;

    public TestDeaconShouldPokeTests(PowerShellSession session)
    {
        this.session = session;
        town = towns.Town("town");
    }

    public void Dispose() => towns.Dispose();

    private RunResult Test(string extra = "") => session.Run($"param($T) Test-DeaconShouldPoke $T {extra}", new { T = town });

    [Fact]
    public void Is_true_when_there_is_no_heartbeat_saying_so_with_Verbose()
    {
        var result = Test("-Verbose").NoErrors();
        Assert.Equal(true, result.Output.Single().BaseObject);
        Assert.Equal($"{town}: no heartbeat file; the Deacon should be poked.", result.Verbose[^1]);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(6, true)]
    public void Answers_by_the_heartbeats_age(int minutes, bool poke)
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(minutes), cycle: 9);
        var result = Test("-Verbose").NoErrors();
        Assert.Equal(poke, result.Output.Single().BaseObject);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(town)}: heartbeat (Fresh|Stale|VeryStale), .* old, cycle 9\.$", result.Verbose[^1]);
    }

    [Fact]
    public void Honours_other_thresholds()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(6));
        Assert.Equal(false, Test("-StaleThreshold 00:05:00 -VeryStaleThreshold 00:20:00").NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Is_true_for_an_invalid_heartbeat_warning_why_without_claiming_a_poke()
    {
        ScratchTowns.HeartbeatText(town, "{\"cycle\": 1.5}");
        var result = Test().NoErrors();
        Assert.Equal(true, result.Output.Single().BaseObject);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("cycle must be an integer, but it is 1.5", warning);
        Assert.EndsWith("Treating it as no heartbeat: the answer is $true, the Deacon should be poked.", warning);
    }

    [Fact]
    public void Is_true_for_a_heartbeat_from_the_future_warning_about_clock_skew()
    {
        ScratchTowns.Heartbeat(town, TimeSpan.FromMinutes(-30));
        var result = Test().NoErrors();
        Assert.Equal(true, result.Output.Single().BaseObject);
        Assert.EndsWith("A clock is skewed; the answer is $true, the Deacon should be poked.", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Answers_once_per_town_in_order_and_nothing_for_a_missing_one()
    {
        var fresh = towns.Town("fresh");
        ScratchTowns.Heartbeat(fresh, TimeSpan.Zero);
        var gone = System.IO.Path.Combine(towns.Root, "gone");
        var result = session.Run("param($A, $G, $B) $A, $G, $B | Test-DeaconShouldPoke", new { A = town, G = gone, B = fresh });
        Assert.Equal(new object[] { true, false }, result.Output.Select(o => o.BaseObject));
        Assert.Equal("TownRootNotFound,GasTown.Deacon.Commands.TestDeaconShouldPokeCommand", result.SingleError.FullyQualifiedErrorId);
    }
}
