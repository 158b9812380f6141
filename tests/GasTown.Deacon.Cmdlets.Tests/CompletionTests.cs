using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Tab completion of -TownRoot: the towns first, then the folders to walk through to them.</summary>
public sealed class CompletionTests : IClassFixture<PowerShellSession>, IDisposable
{
    private static readonly char Separator = Path.DirectorySeparatorChar;
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string fleet;

    public CompletionTests(PowerShellSession session)
    {
        this.session = session;
        towns.Town(Path.Combine("fleet", "alpha"));
        towns.Town(Path.Combine("fleet", "beta"), townJson: false);
        towns.Town(Path.Combine("fleet", "gamma town"));
        towns.Folder(Path.Combine("fleet", "plain"));
        fleet = towns.Folder(Path.Combine("fleet", "also-plain"));
        fleet = Path.GetDirectoryName(fleet)!;
    }

    public void Dispose()
    {
        session.Run("Set-Location /");
        towns.Dispose();
    }

    private CompletionResult[] Complete(string location, string line) =>
        session.Run("param($L, $Line) Set-Location -LiteralPath $L; (TabExpansion2 $Line $Line.Length).CompletionMatches", new { L = location, Line = line })
            .NoErrors().Output.Select(o => (CompletionResult)o.BaseObject).ToArray();

    [Theory]
    [InlineData("Get-DeaconHeartbeat -TownRoot ")]
    [InlineData("Update-DeaconHeartbeat -TownRoot ")]
    [InlineData("Write-DeaconHeartbeat -TownRoot ")]
    [InlineData("Test-DeaconShouldPoke -TownRoot ")]
    [InlineData("Watch-DeaconHeartbeat -TownRoot ")]
    [InlineData("Get-DeaconHeartbeat -LiteralTownRoot ")]
    [InlineData("Write-DeaconHeartbeat -LiteralTownRoot ")]
    [InlineData("Suspend-Deacon -Reason r -TownRoot ")]
    [InlineData("Resume-Deacon -TownRoot ")]
    public void Offers_the_towns_first_then_the_folders_relative_to_the_location_quoted_where_needed(string line)
    {
        var matches = Complete(fleet, line);
        Assert.Equal(new[] { "alpha", "beta", "'gamma town'", $"also-plain{Separator}", $"plain{Separator}" }, matches.Select(m => m.CompletionText));
        Assert.Equal($"{Path.Combine(fleet, "alpha")} (a town)", matches[0].ToolTip);
    }

    [Fact]
    public void Walks_through_folders_that_are_no_towns_down_to_the_towns_in_them()
    {
        Assert.Equal(new[] { $"fleet{Separator}" }, Complete(towns.Root, "Get-DeaconHeartbeat fle").Select(m => m.CompletionText));
        Assert.Equal(new[] { "'fleet/gamma town'" }, Complete(towns.Root, "Get-DeaconHeartbeat fleet/g").Select(m => m.CompletionText));
    }

    [Fact]
    public void Completes_a_prefix_keeping_the_typed_folder()
    {
        Assert.Equal(new[] { "./alpha", "./also-plain/" }, Complete(fleet, "Get-DeaconHeartbeat ./a").Select(m => m.CompletionText));
        Assert.Equal(new[] { $"{fleet}/beta" }, Complete(fleet, $"Get-DeaconHeartbeat {fleet}/b").Select(m => m.CompletionText));
    }

    [Fact]
    public void Offers_nothing_under_a_folder_that_does_not_exist()
    {
        Assert.Empty(Complete(fleet, "Get-DeaconHeartbeat ./no-such/"));
    }
}
