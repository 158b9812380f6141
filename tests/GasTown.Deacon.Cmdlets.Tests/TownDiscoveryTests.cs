using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// Finding the town when -TownRoot is omitted: from the PowerShell location, else GT_TOWN_ROOT, else GT_ROOT. The only
/// class that sets those variables (they are the process's), each test from a clean slate.
/// </summary>
public sealed class TownDiscoveryTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly (string? Town, string? Root) saved = (Environment.GetEnvironmentVariable("GT_TOWN_ROOT"), Environment.GetEnvironmentVariable("GT_ROOT"));

    public TownDiscoveryTests(PowerShellSession session)
    {
        this.session = session;
        Environment.SetEnvironmentVariable("GT_TOWN_ROOT", null);
        Environment.SetEnvironmentVariable("GT_ROOT", null);
    }

    public void Dispose()
    {
        session.Run("Set-Location /");
        Environment.SetEnvironmentVariable("GT_TOWN_ROOT", saved.Town);
        Environment.SetEnvironmentVariable("GT_ROOT", saved.Root);
        towns.Dispose();
    }

    private RunResult From(string location, string script) =>
        session.Run("param($L) Set-Location -LiteralPath $L; " + script, new { L = location });

    [Fact]
    public void Finds_the_town_holding_the_location_from_a_subfolder()
    {
        var town = towns.Town("gt");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 12);
        var joe = Directory.CreateDirectory(Path.Combine(town, "rig", "crew", "joe")).FullName;
        var result = From(joe, "$h = Get-DeaconHeartbeat; $h.TownRoot; $h.Cycle; Test-DeaconShouldPoke").NoErrors();
        Assert.Equal(new object[] { town, 12L, false }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Takes_the_outermost_town_when_towns_nest()
    {
        var outer = towns.Town("outer");
        var inner = towns.Town(Path.Combine("outer", "rig", "inner"));
        Assert.Equal(outer, From(inner, "(Update-DeaconHeartbeat).TownRoot").NoErrors().Output.Single().BaseObject);
        Assert.True(File.Exists(ScratchTowns.HeartbeatPath(outer)));
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(inner)));
    }

    [Fact]
    public void Prefers_a_mayor_town_json_over_an_outer_bare_mayor_folder()
    {
        towns.Town("bare", townJson: false);
        var inner = towns.Town(Path.Combine("bare", "inner"));
        Assert.Equal(inner, From(inner, "(Update-DeaconHeartbeat).TownRoot").NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Falls_back_to_GT_TOWN_ROOT_outside_any_town_resolved_against_the_PowerShell_location()
    {
        var town = towns.Town("envtown");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 3);
        Environment.SetEnvironmentVariable("GT_TOWN_ROOT", "./envtown");
        Assert.Equal(town, From(towns.Root, "(Get-DeaconHeartbeat).TownRoot").NoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Skips_a_GT_TOWN_ROOT_that_is_not_a_town_for_GT_ROOT()
    {
        var plain = towns.Folder("plain");
        var town = towns.Town("rootvar");
        Environment.SetEnvironmentVariable("GT_TOWN_ROOT", plain);
        Environment.SetEnvironmentVariable("GT_ROOT", town);
        Assert.Equal(town, From(towns.Root, "(Update-DeaconHeartbeat).TownRoot").NoErrors().Output.Single().BaseObject);
    }

    [Theory]
    [InlineData("Get-DeaconHeartbeat", nameof(GetDeaconHeartbeatCommand))]
    [InlineData("Update-DeaconHeartbeat", nameof(UpdateDeaconHeartbeatCommand))]
    [InlineData("Write-DeaconHeartbeat -Cycle 1", nameof(WriteDeaconHeartbeatCommand))]
    [InlineData("Test-DeaconShouldPoke", nameof(TestDeaconShouldPokeCommand))]
    [InlineData("Suspend-Deacon -Reason r", nameof(SuspendDeaconCommand))]
    [InlineData("Resume-Deacon", nameof(ResumeDeaconCommand))]
    [InlineData("Watch-DeaconHeartbeat -Timeout 1", nameof(WatchDeaconHeartbeatCommand))]
    public void Stops_with_NotInTown_saying_how_to_fix_it_and_writes_nothing(string command, string type)
    {
        var nowhere = towns.Folder("nowhere");
        Environment.SetEnvironmentVariable("GT_TOWN_ROOT", Path.Combine(towns.Root, "not-there"));
        var result = From(nowhere, command + "; 'the script goes on'");
        ErrorAssert.Is(result.SingleError, ErrorIds.NotInTown, type, ErrorCategory.ObjectNotFound, nowhere,
            $"No Gas Town holds '{nowhere}': no directory at or above it has mayor/town.json or a mayor/ folder, and neither GT_TOWN_ROOT nor GT_ROOT names a town. Pass -TownRoot, Set-Location into a town, or set $env:GT_TOWN_ROOT.");
        Assert.Equal("the script goes on", Assert.Single(result.Output).BaseObject);
        Assert.Empty(Directory.GetFileSystemEntries(nowhere));
    }
}
