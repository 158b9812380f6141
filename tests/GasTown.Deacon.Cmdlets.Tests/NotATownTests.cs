using System;
using System.IO;
using System.Linq;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>A directory given as a town that is not one: readers say so, naming the town it lies in; writers write nothing there.</summary>
public sealed class NotATownTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string alpha;

    public NotATownTests(PowerShellSession session)
    {
        this.session = session;
        alpha = towns.Town("alpha");
        ScratchTowns.Heartbeat(alpha, TimeSpan.Zero);
    }

    public void Dispose() => towns.Dispose();

    [Fact]
    public void Get_names_the_town_a_folder_lies_in()
    {
        var deacon = Path.Combine(alpha, "deacon");
        var error = session.Run("param($P) Get-DeaconHeartbeat $P", new { P = deacon }).SingleError;
        Assert.Equal($"HeartbeatNotFound,GasTown.Deacon.Commands.{nameof(GetDeaconHeartbeatCommand)}", error.FullyQualifiedErrorId);
        Assert.EndsWith($"'{deacon}' is not a town root: it lies inside the town '{alpha}'. Did you mean -TownRoot '{alpha}'?", error.ToString());
    }

    [Fact]
    public void Get_says_a_folder_in_no_town_has_no_mayor_folder()
    {
        var plain = towns.Folder("plain-folder");
        Assert.EndsWith($"'{plain}' is not a town root: it has no mayor/ folder.", session.Run("param($P) Get-DeaconHeartbeat $P", new { P = plain }).SingleError.ToString());
    }

    [Fact]
    public void Test_gives_no_answer_for_a_stray_folder_a_pattern_matched_and_answers_for_the_town()
    {
        var fleet = towns.Folder("fleet");
        var town = towns.Town(Path.Combine("fleet", "town"));
        ScratchTowns.Heartbeat(town, TimeSpan.Zero);
        var stray = towns.Folder(Path.Combine("fleet", "stray"));
        var result = session.Run("param($P) Test-DeaconShouldPoke $P", new { P = Path.Combine(fleet, "*") });
        Assert.Equal(false, Assert.Single(result.Output).BaseObject);
        Assert.EndsWith($"'{stray}' is not a town root: it has no mayor/ folder.", result.SingleError.ToString());
    }

    [Fact]
    public void Every_writer_refuses_the_stray_folders_a_pattern_matched_and_writes_only_to_the_towns()
    {
        var fleet = towns.Folder("mixed");
        var town = towns.Town(Path.Combine("mixed", "town"));
        var x = towns.Folder(Path.Combine("mixed", "x"));
        var y = towns.Folder(Path.Combine("mixed", "y"));
        var all = Path.Combine(fleet, "*");
        var update = session.Run("param($P) (Update-DeaconHeartbeat $P).TownRoot", new { P = all });
        Assert.Equal(town, Assert.Single(update.Output).BaseObject);
        Assert.Equal(2, update.Errors.Count);
        Assert.Equal($"'{x}' is not a town root: it has no mayor/ folder. Nothing was written.", update.Errors[0].ToString());
        var write = session.Run("param($P) Write-DeaconHeartbeat $P -Cycle 3", new { P = x });
        Assert.StartsWith("NotATownRoot,", write.SingleError.FullyQualifiedErrorId);
        var suspend = session.Run("param($P) Suspend-Deacon $P -Reason r", new { P = all });
        Assert.Equal(2, suspend.Errors.Count);
        Assert.All(suspend.Errors, e => Assert.StartsWith("NotATownRoot,", e.FullyQualifiedErrorId));
        Assert.Empty(Directory.GetFileSystemEntries(x).Concat(Directory.GetFileSystemEntries(y)));
    }

    [Fact]
    public void Watch_names_the_town_a_folder_lies_in()
    {
        var error = session.Run("param($P) Watch-DeaconHeartbeat $P -Timeout 0.05", new { P = Path.Combine(alpha, "deacon") }).SingleError;
        Assert.StartsWith("HeartbeatNotFound,", error.FullyQualifiedErrorId);
        Assert.EndsWith($"Did you mean -TownRoot '{alpha}'?", error.ToString());
    }

    [Fact]
    public void Resume_warns_about_a_folder_that_is_no_town_and_does_nothing()
    {
        var rig = towns.Folder(Path.Combine("alpha", "rig"));
        var result = session.Run("param($P) Resume-Deacon $P -Verbose", new { P = rig }).NoErrors();
        Assert.Equal($"'{rig}' is not a town root: it lies inside the town '{alpha}'. Did you mean -TownRoot '{alpha}'?", Assert.Single(result.Warnings));
        Assert.Contains($"{rig}: the Deacon is not paused (no pause file); nothing to do.", result.Verbose);
    }
}
