using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Every cmdlet's parameter sets as declared, and each set bound by a real call.</summary>
public sealed class ParameterSetTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();

    public ParameterSetTests(PowerShellSession session) => this.session = session;

    public void Dispose() => towns.Dispose();

    [Theory]
    [InlineData("Get-DeaconHeartbeat", "TownRoot", "LiteralTownRoot,TownRoot")]
    [InlineData("Test-DeaconShouldPoke", "TownRoot", "LiteralTownRoot,TownRoot")]
    [InlineData("Watch-DeaconHeartbeat", "TownRoot", "LiteralTownRoot,TownRoot")]
    [InlineData("Update-DeaconHeartbeat", "TownRoot", "LiteralTownRoot,TownRoot")]
    [InlineData("Suspend-Deacon", "TownRoot", "LiteralTownRoot,TownRoot")]
    [InlineData("Resume-Deacon", "TownRoot", "LiteralTownRoot,TownRoot")]
    [InlineData("Write-DeaconHeartbeat", "Fields", "Fields,FieldsLiteral,InputObject,InputObjectLiteral")]
    public void Declares_its_parameter_sets(string command, string defaultSet, string sets)
    {
        var info = session.Run($"Get-Command {command}").NoErrors().Output.Single().BaseObject as CmdletInfo;
        Assert.Equal(defaultSet, info!.DefaultParameterSet);
        Assert.Equal(sets, string.Join(",", info.ParameterSets.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal)));
    }

    [Fact]
    public void Module_exports_exactly_the_seven_cmdlets_from_the_assembly_these_tests_load()
    {
        var result = session.Run("Get-Command -Module GasTown.Deacon | Sort-Object Name");
        var cmdlets = result.NoErrors().Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
        Assert.Equal(
            new[] { "Get-DeaconHeartbeat", "Resume-Deacon", "Suspend-Deacon", "Test-DeaconShouldPoke", "Update-DeaconHeartbeat", "Watch-DeaconHeartbeat", "Write-DeaconHeartbeat" },
            cmdlets.Select(c => c.Name));
        Assert.All(cmdlets, c => Assert.Same(typeof(Commands.ErrorIds).Assembly, c.ImplementingType.Assembly));
    }

    [Fact]
    public void Write_binds_each_of_its_four_sets()
    {
        var a = towns.Town("a");
        var b = towns.Town("b[1]");
        var result = session.Run(
            """
            param($A, $B)
            (Write-DeaconHeartbeat $A -Cycle 1 -LastAction fields).Cycle
            (Write-DeaconHeartbeat -LiteralTownRoot $B -Cycle 2).Cycle
            (Get-DeaconHeartbeat $A | Write-DeaconHeartbeat -LiteralTownRoot $B).Cycle
            (Get-DeaconHeartbeat -LiteralTownRoot $B | Write-DeaconHeartbeat $A).Cycle
            """,
            new { A = a, B = b });
        Assert.Equal(new object[] { 1L, 2L, 1L, 1L }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Write_refuses_fields_beside_an_input_object()
    {
        var a = towns.Town("c");
        var error = session.Run("param($A) [pscustomobject]@{ Cycle = 1 } | Write-DeaconHeartbeat $A -Cycle 4", new { A = a }).SingleError;
        Assert.StartsWith("InputObjectNotBound,", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(a)));
    }

    [Theory]
    [InlineData("Suspend-Deacon", "Reason")]
    [InlineData("Write-DeaconHeartbeat", "InputObject")]
    [InlineData("Write-DeaconHeartbeat", "LiteralTownRoot")]
    [InlineData("Get-DeaconHeartbeat", "LiteralTownRoot")]
    public void Requires(string command, string parameter)
    {
        var result = session.Run($"(Get-Command {command}).Parameters['{parameter}'].ParameterSets.Values.IsMandatory");
        Assert.All(result.NoErrors().Output, o => Assert.True((bool)o.BaseObject));
        Assert.NotEmpty(result.Output);
    }

    [Theory]
    [InlineData("Update-DeaconHeartbeat -HealthyAgents -1")]
    [InlineData("Update-DeaconHeartbeat -UnhealthyAgents -1")]
    [InlineData("Write-DeaconHeartbeat -Cycle -1")]
    [InlineData("Write-DeaconHeartbeat -HealthyAgents -1")]
    [InlineData("Write-DeaconHeartbeat -UnhealthyAgents -1")]
    public void Refuses_a_negative_count_at_binding_time(string command)
    {
        var a = towns.Town("d");
        var error = session.Run($"param($A) {command} -TownRoot $A", new { A = a }).SingleError;
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(a)));
    }

    [Fact]
    public void Declares_wildcards_on_TownRoot_and_what_each_cmdlet_outputs()
    {
        var result = session.Run(
            "Get-Command -Module GasTown.Deacon | Sort-Object Name | ForEach-Object { \"$($_.Name) $([bool]($_.Parameters.TownRoot.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })) $($_.OutputType.Name -join ',')\" }");
        Assert.Equal(
            new[]
            {
                "Get-DeaconHeartbeat True GasTown.Deacon.Heartbeat",
                "Resume-Deacon True ",
                "Suspend-Deacon True GasTown.Deacon.DeaconPause",
                "Test-DeaconShouldPoke True System.Boolean",
                "Update-DeaconHeartbeat True GasTown.Deacon.Heartbeat",
                "Watch-DeaconHeartbeat True GasTown.Deacon.Heartbeat",
                "Write-DeaconHeartbeat True GasTown.Deacon.Heartbeat",
            },
            result.NoErrors().Output.Select(o => o.BaseObject));
    }
}
