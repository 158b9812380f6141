using System;
using System.IO;
using GasTown.Deacon.Settings;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class TownSettingsCacheTests : IDisposable
{
    private readonly TempTown town = new();
    private readonly TownSettingsCache cache = new();

    public void Dispose() => town.Dispose();

    private string SettingsPath => Path.Combine(town.Root, "settings", "config.json");

    private void Write(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, text);
    }

    private static string Stale(string value) => $"{{\"operational\": {{\"deacon\": {{\"heartbeat_stale_threshold\": \"{value}\"}}}}}}";

    [Fact]
    public void A_directory_at_the_settings_file_is_a_problem_not_silence()
    {
        Directory.CreateDirectory(SettingsPath);
        Assert.Equal("it is a directory, not a file", cache.Get(town.Root).FileProblem);
    }

    [Fact]
    public void A_town_without_a_settings_file_has_none_and_costs_no_read()
    {
        Assert.Same(TownSettings.None, cache.Get(town.Root));
        Assert.False(TownSettings.None.Exists);
        Assert.Equal(0, cache.Reads);
    }

    [Fact]
    public void The_same_file_is_read_once()
    {
        Write(Stale("3m"));
        var first = cache.Get(town.Root);
        Assert.Equal(TimeSpan.FromMinutes(3), first.StaleThreshold);
        Assert.Same(first, cache.Get(town.Root));
        Assert.Same(first, cache.Get(town.Root));
        Assert.Equal(1, cache.Reads);
    }

    [Fact]
    public void A_file_that_changes_size_or_write_time_is_read_again()
    {
        Write(Stale("3m"));
        Assert.Equal(TimeSpan.FromMinutes(3), cache.Get(town.Root).StaleThreshold);

        Write(Stale("30s"));
        Assert.Equal(TimeSpan.FromSeconds(30), cache.Get(town.Root).StaleThreshold);
        Assert.Equal(2, cache.Reads);

        // Same size, new content: the write time tells.
        Write(Stale("40s"));
        File.SetLastWriteTimeUtc(SettingsPath, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(40), cache.Get(town.Root).StaleThreshold);
        Assert.Equal(3, cache.Reads);
    }

    [Fact]
    public void A_removed_file_is_forgotten()
    {
        Write(Stale("3m"));
        Assert.True(cache.Get(town.Root).Exists);
        File.Delete(SettingsPath);
        Assert.Same(TownSettings.None, cache.Get(town.Root));
        Write(Stale("3m"));
        Assert.Equal(TimeSpan.FromMinutes(3), cache.Get(town.Root).StaleThreshold);
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_kept_with_its_problem()
    {
        Write("{not json");
        var settings = cache.Get(town.Root);
        Assert.StartsWith("it is not JSON", settings.FileProblem, StringComparison.Ordinal);
        Assert.Equal(SettingsPath, settings.Path);
        Assert.Same(settings, cache.Get(town.Root));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_a_problem_and_is_read_again_next_time()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits only.");
            return;
        }

        Assert.SkipWhen(Environment.UserName == "root", "Permission bits do not stop root: run as another user to check this.");

        Write(Stale("3m"));
        File.SetUnixFileMode(SettingsPath, UnixFileMode.None);
        Assert.StartsWith("it cannot be read", cache.Get(town.Root).FileProblem, StringComparison.Ordinal);
        File.SetUnixFileMode(SettingsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(TimeSpan.FromMinutes(3), cache.Get(town.Root).StaleThreshold);
    }
}
