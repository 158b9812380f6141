using System;
using System.IO;
using System.Linq;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// How towns are named: wildcards, literal paths, relative paths against the PowerShell location, drives and
/// providers, and towns bound from the pipeline by value and by property name.
/// </summary>
public sealed class TownRootBindingTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string fleet;
    private readonly string alpha;
    private readonly string bravo;
    private readonly string bracket;

    public TownRootBindingTests(PowerShellSession session)
    {
        this.session = session;
        alpha = towns.Town(Path.Combine("fleet", "alpha"));
        bravo = towns.Town(Path.Combine("fleet", "bravo"));

        // A name that reads as a wildcard pattern: [1] is a character class.
        bracket = towns.Town(Path.Combine("fleet", "charlie[1]"));
        fleet = Path.GetDirectoryName(alpha)!;
        ScratchTowns.Heartbeat(alpha, TimeSpan.Zero, cycle: 1);
        ScratchTowns.Heartbeat(bravo, TimeSpan.Zero, cycle: 2);
        ScratchTowns.Heartbeat(bracket, TimeSpan.Zero, cycle: 3);
        File.WriteAllText(Path.Combine(fleet, "notes.txt"), "not a town");
    }

    public void Dispose()
    {
        session.Run("Set-Location /");
        towns.Dispose();
    }

    private long[] Cycles(string script, object? parameters = null) =>
        session.Run(script, parameters).NoErrors().Objects<Heartbeat>().Select(h => h.Cycle).ToArray();

    [Fact]
    public void Reads_every_directory_a_pattern_matches_in_order_skipping_files()
    {
        Assert.Equal(new long[] { 1, 2, 3 }, Cycles("param($P) Get-DeaconHeartbeat -TownRoot $P", new { P = Path.Combine(fleet, "*") }));
    }

    [Fact]
    public void Expands_a_relative_pattern_against_the_PowerShell_location()
    {
        var result = session.Run("param($F) Set-Location -LiteralPath $F; (Get-DeaconHeartbeat './b*').TownRoot", new { F = fleet });
        Assert.Equal(bravo, Assert.Single(result.NoErrors().Output).BaseObject);
    }

    [Fact]
    public void Names_a_pattern_that_matches_no_directory_and_reads_the_other_towns()
    {
        var pattern = Path.Combine(fleet, "zulu*");
        var result = session.Run("param($P, $A) Get-DeaconHeartbeat -TownRoot $P, $A", new { P = pattern, A = alpha });
        ErrorAssert.Is(result.SingleError, ErrorIds.TownRootNotFound, nameof(GetDeaconHeartbeatCommand), System.Management.Automation.ErrorCategory.ObjectNotFound, pattern,
            $"The town root '{pattern}' matches no directory.");
        Assert.Equal(1L, Assert.Single(result.Objects<Heartbeat>()).Cycle);
    }

    [Fact]
    public void Points_to_LiteralTownRoot_when_a_pattern_that_matches_nothing_holds_brackets()
    {
        var pattern = Path.Combine(fleet, "zulu[2]");
        Assert.Equal(
            $"The town root '{pattern}' matches no directory. For a name holding [ or ], use -LiteralTownRoot.",
            session.Run("param($P) Get-DeaconHeartbeat -TownRoot $P", new { P = pattern }).SingleError.ToString());
    }

    [Fact]
    public void Says_so_when_a_pattern_matches_only_files()
    {
        var pattern = Path.Combine(fleet, "*.txt");
        Assert.Equal(
            $"The town root '{pattern}' matches no directory, only files. Each match of a wildcard is read as a town.",
            session.Run("param($P) Get-DeaconHeartbeat -TownRoot $P", new { P = pattern }).SingleError.ToString());
    }

    [Fact]
    public void Answers_writes_updates_and_watches_once_per_match()
    {
        var pair = towns.Folder("pair");
        var one = towns.Town(Path.Combine("pair", "one"));
        var two = towns.Town(Path.Combine("pair", "two"));
        var all = Path.Combine(pair, "*");
        Assert.Equal(new object[] { false, false }, session.Run("param($P) Test-DeaconShouldPoke $P", new { P = Path.Combine(fleet, "[ab]*") }).NoErrors().Output.Select(o => o.BaseObject));
        Assert.Equal(new long[] { 77, 77 }, Cycles("param($P) Write-DeaconHeartbeat $P -Cycle 77", new { P = all }));
        Assert.Equal(new[] { two }, session.Run("param($P) (Update-DeaconHeartbeat $P).TownRoot", new { P = Path.Combine(pair, "t*") }).NoErrors().Output.Select(o => o.BaseObject));
        Assert.Equal(new long[] { 77, 78 }, Cycles("param($P) Watch-DeaconHeartbeat $P -Timeout 0.05", new { P = all }));
        Assert.Equal(2, session.Run("param($P) Suspend-Deacon $P -Reason r", new { P = all }).NoErrors().Output.Count);
        Assert.True(File.Exists(ScratchTowns.PausePath(one)));
        session.Run("param($P) Resume-Deacon $P", new { P = all }).NoErrors();
        Assert.False(File.Exists(ScratchTowns.PausePath(two)));
    }

    [Fact]
    public void Reads_a_name_holding_brackets_as_written_when_the_pattern_matches_nothing_else_or_escaped()
    {
        Assert.Equal(new long[] { 3 }, Cycles("param($P) Get-DeaconHeartbeat -TownRoot $P", new { P = bracket }));
        Assert.Equal(new long[] { 3 }, Cycles("param($P) Get-DeaconHeartbeat -TownRoot ([WildcardPattern]::Escape($P))", new { P = bracket }));
    }

    [Theory]
    [InlineData("LiteralTownRoot")]
    [InlineData("LiteralPath")]
    [InlineData("PSPath")]
    [InlineData("LP")]
    [InlineData("FullName")]
    public void Reads_a_literal_name_holding_brackets_exactly_as_written(string name)
    {
        var result = session.Run($"param($P) (Get-DeaconHeartbeat -{name} $P).Cycle; Test-DeaconShouldPoke -{name} $P", new { P = bracket });
        Assert.Equal(new object[] { 3L, false }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Reads_a_star_in_a_literal_path_as_a_character()
    {
        var star = Path.Combine(fleet, "*");
        var error = session.Run("param($P) Get-DeaconHeartbeat -LiteralTownRoot $P", new { P = star }).SingleError;
        ErrorAssert.Is(error, ErrorIds.TownRootNotFound, nameof(GetDeaconHeartbeatCommand), System.Management.Automation.ErrorCategory.ObjectNotFound, star);
    }

    [Fact]
    public void Writes_and_updates_a_literal_name_holding_brackets()
    {
        var odd = towns.Town("odd[x]");
        var result = session.Run("param($P) $null = Write-DeaconHeartbeat -LiteralTownRoot $P -Cycle 40; (Update-DeaconHeartbeat -LiteralTownRoot $P).Cycle", new { P = odd });
        Assert.Equal(41L, Assert.Single(result.NoErrors().Output).BaseObject);
        Assert.Contains("\"cycle\": 41", File.ReadAllText(ScratchTowns.HeartbeatPath(odd)));
    }

    [Fact]
    public void Takes_towns_by_value_in_order()
    {
        Assert.Equal(new long[] { 2, 1 }, Cycles("param($A, $B) $B, $A | Get-DeaconHeartbeat", new { A = alpha, B = bravo }));
    }

    [Fact]
    public void Binds_PSPath_from_Get_ChildItem_and_Get_Item_whatever_the_names_hold()
    {
        Assert.Equal(new long[] { 1, 2, 3 }, Cycles("param($F) Get-ChildItem -Directory -LiteralPath $F | Get-DeaconHeartbeat", new { F = fleet }));
        var result = session.Run("param($P) Get-Item -LiteralPath $P | Test-DeaconShouldPoke", new { P = bracket });
        Assert.Equal(false, Assert.Single(result.NoErrors().Output).BaseObject);
    }

    [Theory]
    [InlineData("TownRoot")]
    [InlineData("PSPath")]
    [InlineData("FullName")]
    [InlineData("LiteralPath")]
    public void Binds_a_town_from_a_property_named(string property)
    {
        Assert.Equal(new long[] { 2 }, Cycles($"param($P) [pscustomobject]@{{ {property} = $P }} | Get-DeaconHeartbeat", new { P = bravo }));
    }

    [Fact]
    public void Takes_the_town_of_a_heartbeat_piped_to_the_next_cmdlet()
    {
        var result = session.Run("param($P) Get-DeaconHeartbeat $P | Test-DeaconShouldPoke; Get-DeaconHeartbeat $P | Update-DeaconHeartbeat | ForEach-Object Cycle", new { P = alpha });
        Assert.Equal(new object[] { false, 2L }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Resolves_relative_paths_and_dot_segments_against_the_PowerShell_location_not_the_process_directory()
    {
        var result = session.Run(
            "param($F) Set-Location -LiteralPath $F; (Get-DeaconHeartbeat alpha, ./bravo, ../fleet/alpha/., 'alpha/../bravo/').TownRoot",
            new { F = fleet });
        Assert.Equal(new[] { alpha, bravo, alpha, bravo }, result.NoErrors().Output.Select(o => o.BaseObject));
        Assert.NotEqual(fleet, Environment.CurrentDirectory);
    }

    [Fact]
    public void Reads_a_backslash_as_a_separator_as_PowerShell_does_on_every_platform()
    {
        var result = session.Run("param($F) Set-Location -LiteralPath $F; (Get-DeaconHeartbeat 'alpha\\', '..\\fleet\\bravo').TownRoot", new { F = fleet });
        Assert.Equal(new[] { alpha, bravo }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Keeps_dot_segments_of_a_provider_qualified_path_as_the_provider_does()
    {
        // FileSystem::<path> is taken as written; . and .. are the file system's to follow.
        var result = session.Run("param($F) (Get-DeaconHeartbeat \"FileSystem::$F/alpha/../bravo\").Cycle", new { F = fleet });
        Assert.Equal(2L, Assert.Single(result.NoErrors().Output).BaseObject);
    }

    [Fact]
    public void Resolves_a_PowerShell_drive_and_a_provider_qualified_path()
    {
        var result = session.Run(
            "param($F) $null = New-PSDrive -Name towns -PSProvider FileSystem -Root $F; try { (Get-DeaconHeartbeat towns:/alpha, \"FileSystem::$F/bravo\", \"Microsoft.PowerShell.Core\\FileSystem::$F/alpha\").TownRoot } finally { Remove-PSDrive towns }",
            new { F = fleet });
        Assert.Equal(new[] { alpha, bravo, alpha }, result.NoErrors().Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Resolves_an_absolute_path_while_the_location_is_on_another_provider_but_not_a_relative_one()
    {
        var result = session.Run("param($A) Set-Location Env:; try { (Get-DeaconHeartbeat $A).Cycle; Get-DeaconHeartbeat alpha } finally { Set-Location / }", new { A = alpha });
        Assert.Equal(1L, Assert.Single(result.Output).BaseObject);
        Assert.StartsWith(ErrorIds.TownRootNotFileSystem + ",", result.SingleError.FullyQualifiedErrorId);
    }

    [Fact]
    public void Resolves_a_tilde_to_the_file_system_home()
    {
        var home = session.Run("(Get-PSProvider FileSystem).Home").NoErrors().Output.Single().BaseObject as string;
        var result = session.Run("Get-DeaconHeartbeat ~/no-such-town-here");
        Assert.Equal(Path.Combine(home!, "no-such-town-here"), result.SingleError.TargetObject);
    }

    [Theory]
    [InlineData("-TownRoot 'nodrive:/towns/*'", "cannot be resolved")]
    [InlineData("-LiteralTownRoot 'nodrive:/towns/alpha'", "cannot be resolved")]
    [InlineData("-TownRoot 'Env:/P*'", "is on the Environment provider; a town root is a file-system directory.")]
    [InlineData("-TownRoot 'nodrive:/towns/a`[1`]'", "cannot be resolved")]
    public void Names_a_town_root_that_cannot_be_resolved(string parameter, string says)
    {
        var error = session.Run($"Get-DeaconHeartbeat {parameter}").SingleError;
        Assert.Contains(says, error.ToString());
        Assert.Matches("^(TownRootNotFound|TownRootNotFileSystem),", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Watches_nothing_and_ends_when_no_town_resolves_or_none_can_be_judged()
    {
        var none = session.Run("param($P) Watch-DeaconHeartbeat $P", new { P = Path.Combine(fleet, "zulu*") });
        Assert.StartsWith("TownRootNotFound,", none.SingleError.FullyQualifiedErrorId);
        var settings = Path.Combine(alpha, "settings", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, "{\"operational\": {\"deacon\": {\"heartbeat_very_stale_threshold\": \"3m\"}}}");
        var unjudged = session.Run("param($P) Watch-DeaconHeartbeat $P -StaleThreshold 4m", new { P = alpha });
        Assert.StartsWith("InvalidThresholds,", unjudged.SingleError.FullyQualifiedErrorId);
        Assert.Empty(unjudged.Output);
    }

    [Fact]
    public void Cannot_be_given_with_LiteralTownRoot()
    {
        var error = session.Run("param($A) Get-DeaconHeartbeat -TownRoot $A -LiteralTownRoot $A", new { A = alpha }).SingleError;
        Assert.Equal("AmbiguousParameterSet,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand", error.FullyQualifiedErrorId);
    }
}
