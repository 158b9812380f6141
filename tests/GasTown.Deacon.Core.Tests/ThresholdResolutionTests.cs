using System;
using System.Linq;
using System.Text;
using GasTown.Deacon.Settings;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class ThresholdResolutionTests
{
    private const string Path = "/town/settings/config.json";
    private static readonly TimeSpan M2 = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan M5 = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan M10 = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan M20 = TimeSpan.FromMinutes(20);

    private static TownSettings Settings(string? stale, string? veryStale)
    {
        var members = string.Join(", ", new[]
        {
            stale is null ? null : $"\"heartbeat_stale_threshold\": {stale}",
            veryStale is null ? null : $"\"heartbeat_very_stale_threshold\": {veryStale}",
        }.Where(m => m is not null));
        return TownSettings.Parse(Encoding.UTF8.GetBytes($"{{\"operational\": {{\"deacon\": {{{members}}}}}}}"), Path);
    }

    [Fact]
    public void Without_settings_or_parameters_the_defaults_of_the_seed()
    {
        var r = TownSettings.None.Resolve(null, null);
        Assert.Same(HeartbeatThresholds.Default, r.Thresholds);
        Assert.Equal((ThresholdSource.Default, ThresholdSource.Default), (r.StaleSource, r.VeryStaleSource));
        Assert.Empty(r.Warnings);
        Assert.Same(r, TownSettings.None.Resolve(null, null));
    }

    [Fact]
    public void The_towns_settings_when_no_parameter_is_given()
    {
        var r = Settings("\"5m\"", "\"20m\"").Resolve(null, null);
        Assert.Equal((M5, M20), (r.Thresholds!.Stale, r.Thresholds.VeryStale));
        Assert.Equal((ThresholdSource.TownSettings, ThresholdSource.TownSettings), (r.StaleSource, r.VeryStaleSource));
        Assert.Empty(r.Warnings);
        Assert.Equal("Stale from 5m0s (town settings), VeryStale from 20m0s (town settings)", r.ToString());
    }

    [Fact]
    public void A_parameter_wins_over_the_setting_and_the_other_comes_from_the_town()
    {
        var r = Settings("\"5m\"", "\"20m\"").Resolve(M10, null);
        Assert.Equal((M10, M20), (r.Stale, r.VeryStale));
        Assert.Equal((ThresholdSource.Parameter, ThresholdSource.TownSettings), (r.StaleSource, r.VeryStaleSource));
        Assert.NotNull(r.Thresholds);
    }

    [Fact]
    public void One_setting_with_the_other_default()
    {
        var r = Settings(null, "\"20m\"").Resolve(null, null);
        Assert.Equal((M2, M20), (r.Stale, r.VeryStale));
        Assert.Equal((ThresholdSource.Default, ThresholdSource.TownSettings), (r.StaleSource, r.VeryStaleSource));
    }

    [Fact]
    public void A_bad_setting_warns_naming_file_and_key_and_the_town_is_judged_as_if_it_had_none()
    {
        var r = Settings("\"banana\"", "\"20m\"").Resolve(null, null);
        Assert.Same(HeartbeatThresholds.Default, r.Thresholds);
        var warning = Assert.Single(r.Warnings);
        Assert.Equal(
            "Town settings '/town/settings/config.json': operational.deacon.heartbeat_stale_threshold \"banana\" is not a Go duration (invalid duration \"banana\"). "
            + "This town is judged as if it had no settings: Stale from 2m0s (default), VeryStale from 5m0s (default).",
            warning);
    }

    [Fact]
    public void A_bad_setting_overridden_by_a_parameter_is_not_complained_about()
    {
        var r = Settings("\"banana\"", "\"20m\"").Resolve(M5, null);
        Assert.Empty(r.Warnings);
        Assert.Equal((M5, M20), (r.Stale, r.VeryStale));
    }

    [Fact]
    public void Settings_with_stale_not_below_very_stale_warn_naming_both_keys()
    {
        var r = Settings("\"30m\"", "\"20m\"").Resolve(null, null);
        Assert.Same(HeartbeatThresholds.Default, r.Thresholds);
        Assert.Contains(
            "operational.deacon.heartbeat_stale_threshold (30m0s) is not below operational.deacon.heartbeat_very_stale_threshold (20m0s)",
            Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_setting_above_the_default_very_stale_warns_saying_the_other_is_not_set()
    {
        var r = Settings("\"10m\"", null).Resolve(null, null);
        Assert.Same(HeartbeatThresholds.Default, r.Thresholds);
        Assert.Contains(
            "operational.deacon.heartbeat_stale_threshold (10m0s) is not below the default very-stale threshold (5m0s; operational.deacon.heartbeat_very_stale_threshold is not set)",
            Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_that_does_not_fit_the_towns_other_threshold_is_a_conflict_not_a_warning()
    {
        var r = Settings("\"5m\"", "\"20m\"").Resolve(TimeSpan.FromMinutes(30), null);
        Assert.Null(r.Thresholds);
        Assert.Equal((ThresholdSource.Parameter, ThresholdSource.TownSettings), (r.StaleSource, r.VeryStaleSource));
        Assert.Equal(Path, r.SettingsPath);
        Assert.Empty(r.Warnings);

        var withDefault = TownSettings.None.Resolve(M10, null);
        Assert.Null(withDefault.Thresholds);
        Assert.Equal((M10, M5), (withDefault.Stale, withDefault.VeryStale));
        Assert.Equal(ThresholdSource.Default, withDefault.VeryStaleSource);

        var veryStaleGiven = Settings("\"5m\"", null).Resolve(null, TimeSpan.FromMinutes(4));
        Assert.Null(veryStaleGiven.Thresholds);
        Assert.Equal(ThresholdSource.TownSettings, veryStaleGiven.StaleSource);
    }

    [Fact]
    public void A_broken_file_is_one_warning_unless_both_thresholds_are_given()
    {
        var broken = TownSettings.Parse(Encoding.UTF8.GetBytes("{oops"), Path);
        Assert.StartsWith("Town settings '/town/settings/config.json': it is not JSON: ", Assert.Single(broken.Resolve(null, M20).Warnings), StringComparison.Ordinal);
        Assert.Empty(broken.Resolve(M5, M20).Warnings);
    }
}
