using System.Collections.Generic;
using System.IO;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class TownLocatorTests : System.IDisposable
{
    private readonly TempTown scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Dir(params string[] parts)
    {
        var path = Path.Combine(scratch.Root, Path.Combine(parts));
        Directory.CreateDirectory(path);
        return path;
    }

    private void MakeTown(string root, bool withTownJson)
    {
        Directory.CreateDirectory(Path.Combine(root, "mayor"));
        if (withTownJson)
        {
            File.WriteAllText(Path.Combine(root, "mayor", "town.json"), "{}");
        }
    }

    private static string? NoEnv(string name) => null;

    [Fact]
    public void Finds_the_town_from_inside_a_subfolder()
    {
        var town = Dir("gt");
        MakeTown(town, withTownJson: true);
        Assert.Equal(town, TownLocator.Find(Dir("gt", "rig", "crew", "joe"), NoEnv));
        Assert.Equal(town, TownLocator.Find(town, NoEnv));
    }

    [Fact]
    public void The_outermost_town_json_wins_over_nested_towns()
    {
        var outer = Dir("outer");
        var inner = Dir("outer", "rig", "inner");
        MakeTown(outer, withTownJson: true);
        MakeTown(inner, withTownJson: true);
        Assert.Equal(outer, TownLocator.Find(Dir("outer", "rig", "inner", "deep"), NoEnv));
    }

    [Fact]
    public void A_town_json_beats_an_outer_bare_mayor_directory()
    {
        var outer = Dir("outer");
        var inner = Dir("outer", "inner");
        MakeTown(outer, withTownJson: false);
        MakeTown(inner, withTownJson: true);
        Assert.Equal(inner, TownLocator.Find(Dir("outer", "inner", "x"), NoEnv));
    }

    [Fact]
    public void Without_town_json_the_outermost_mayor_directory_wins()
    {
        var outer = Dir("outer");
        var inner = Dir("outer", "inner");
        MakeTown(outer, withTownJson: false);
        MakeTown(inner, withTownJson: false);
        Assert.Equal(outer, TownLocator.Find(Dir("outer", "inner", "x"), NoEnv));
    }

    [Fact]
    public void Falls_back_to_GT_TOWN_ROOT_then_GT_ROOT_each_only_if_a_town()
    {
        var start = Dir("nowhere");
        var first = Dir("first");
        var second = Dir("second");
        MakeTown(second, withTownJson: true);
        var env = new Dictionary<string, string?> { ["GT_TOWN_ROOT"] = first, ["GT_ROOT"] = second };
        Assert.Equal(second, TownLocator.Find(start, n => env.GetValueOrDefault(n)));

        MakeTown(first, withTownJson: false);
        Assert.Equal(first, TownLocator.Find(start, n => env.GetValueOrDefault(n)));
    }

    [Fact]
    public void Nothing_found_is_null()
    {
        var env = new Dictionary<string, string?> { ["GT_TOWN_ROOT"] = Dir("not-a-town"), ["GT_ROOT"] = Path.Combine(scratch.Root, "missing") };
        Assert.Null(TownLocator.Find(Dir("nowhere"), n => env.GetValueOrDefault(n)));
    }
}
