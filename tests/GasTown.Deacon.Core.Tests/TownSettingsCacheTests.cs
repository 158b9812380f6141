using System;
using System.IO;
using GasTown.Deacon.Settings;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>Each case twice: looking with statx, as on Linux, and with FileInfo, as on Windows and macOS.</summary>
public sealed class TownSettingsCacheTests : IDisposable
{
    private readonly TempTown town = new();

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
        var cache = new TownSettingsCache();
        Directory.CreateDirectory(SettingsPath);
        Assert.Equal("it is a directory, not a file", cache.Get(town.Root).FileProblem);
    }

    [Fact]
    public void A_town_without_a_settings_file_has_none_and_costs_no_read()
    {
        var cache = new TownSettingsCache();
        Assert.Same(TownSettings.None, cache.Get(town.Root));
        Assert.False(TownSettings.None.Exists);
        Assert.Equal(0, cache.Reads);
    }

    [Fact]
    public void The_same_file_is_read_once()
    {
        var cache = new TownSettingsCache();
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
        var cache = new TownSettingsCache();
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
    public void A_write_time_moved_by_100_ns_is_a_new_file()
    {
        var cache = new TownSettingsCache();
        var written = new DateTime(2026, 12, 1, 20, 41, 14, DateTimeKind.Utc).AddTicks(1_234_567);
        Write(Stale("3m"));
        File.SetLastWriteTimeUtc(SettingsPath, written);
        Assert.Equal(TimeSpan.FromMinutes(3), cache.Get(town.Root).StaleThreshold);

        Write(Stale("4m"));
        File.SetLastWriteTimeUtc(SettingsPath, written.AddTicks(1));
        Assert.Equal(TimeSpan.FromMinutes(4), cache.Get(town.Root).StaleThreshold);
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public void A_removed_file_is_forgotten()
    {
        var cache = new TownSettingsCache();
        Write(Stale("3m"));
        Assert.True(cache.Get(town.Root).Exists);
        File.Delete(SettingsPath);
        Assert.Same(TownSettings.None, cache.Get(town.Root));
        Write(Stale("3m"));
        Assert.Equal(TimeSpan.FromMinutes(3), cache.Get(town.Root).StaleThreshold);
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public void A_link_to_nothing_is_no_file_as_Go_finds_it_even_once_the_file_was_read()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        var cache = new TownSettingsCache();
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.CreateSymbolicLink(SettingsPath, Path.Combine(town.Root, "gone.json"));
        Assert.Same(TownSettings.None, cache.Get(town.Root));

        File.Delete(SettingsPath);
        Write(Stale("3m"));
        Assert.Equal(TimeSpan.FromMinutes(3), cache.Get(town.Root).StaleThreshold);
        File.Delete(SettingsPath);
        File.CreateSymbolicLink(SettingsPath, Path.Combine(town.Root, "gone.json"));
        Assert.Same(TownSettings.None, cache.Get(town.Root));
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_kept_with_its_problem()
    {
        var cache = new TownSettingsCache();
        Write("{not json");
        var settings = cache.Get(town.Root);
        Assert.StartsWith("it is not JSON", settings.FileProblem, StringComparison.Ordinal);
        Assert.Equal(SettingsPath, settings.Path);
        Assert.Same(settings, cache.Get(town.Root));
    }
}
