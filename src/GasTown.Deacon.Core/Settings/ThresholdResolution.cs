using System;
using System.Collections.Generic;

namespace GasTown.Deacon.Settings;

/// <summary>
/// The thresholds one town is judged by, and why: each comes from the caller when given, else from the town's
/// settings, else from the defaults of the seed (2 and 5 minutes). A bad setting is a warning and the town is
/// judged as if it had no settings; a threshold given that does not fit the other one (stale not below very
/// stale) is a conflict, and the town cannot be judged.
/// </summary>
internal sealed class ThresholdResolution
{
    // Shown in a verbose message on every call for a town with settings: worked out once per resolution.
    private string? text;

    private ThresholdResolution(TimeSpan stale, ThresholdSource staleSource, TimeSpan veryStale, ThresholdSource veryStaleSource, IReadOnlyList<string> warnings, string settingsPath)
    {
        Stale = stale;
        StaleSource = staleSource;
        VeryStale = veryStale;
        VeryStaleSource = veryStaleSource;
        Warnings = warnings;
        SettingsPath = settingsPath;
        if (stale < veryStale)
        {
            Thresholds = stale == HeartbeatThresholds.Default.Stale && veryStale == HeartbeatThresholds.Default.VeryStale
                ? HeartbeatThresholds.Default
                : new HeartbeatThresholds(stale, veryStale);
        }
    }

    /// <summary>The thresholds to judge by; null when one given does not fit the other (stale not below very stale).</summary>
    public HeartbeatThresholds? Thresholds { get; }

    /// <summary>The stale threshold chosen, even in a conflict.</summary>
    public TimeSpan Stale { get; }

    /// <summary>Where <see cref="Stale"/> came from.</summary>
    public ThresholdSource StaleSource { get; }

    /// <summary>The very-stale threshold chosen, even in a conflict.</summary>
    public TimeSpan VeryStale { get; }

    /// <summary>Where <see cref="VeryStale"/> came from.</summary>
    public ThresholdSource VeryStaleSource { get; }

    /// <summary>Whether either threshold came from the town's settings file.</summary>
    public bool FromSettings => StaleSource == ThresholdSource.TownSettings || VeryStaleSource == ThresholdSource.TownSettings;

    /// <summary>What is wrong with the town's settings, each naming the file and the key, and what was done instead.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The settings file consulted, or empty when there was none (or none was needed).</summary>
    public string SettingsPath { get; }

    /// <summary>Chooses the thresholds for a town with <paramref name="settings"/>, given those the caller set (null: not set).</summary>
    public static ThresholdResolution Resolve(TownSettings settings, TimeSpan? stale, TimeSpan? veryStale)
    {
        // A key the caller overrides is never complained about; a file broken as a whole is, unless both are given.
        var problems = new List<string>();
        if (settings.FileProblem is { } fileProblem)
        {
            if (stale is null || veryStale is null)
            {
                problems.Add(fileProblem);
            }
        }
        else
        {
            if (stale is null && settings.StaleProblem is { } staleProblem)
            {
                problems.Add(staleProblem);
            }

            if (veryStale is null && settings.VeryStaleProblem is { } veryStaleProblem)
            {
                problems.Add(veryStaleProblem);
            }
        }

        var usable = problems.Count == 0;
        var staleSetting = usable && stale is null ? settings.StaleThreshold : null;
        var veryStaleSetting = usable && veryStale is null ? settings.VeryStaleThreshold : null;
        var (s, sSource) = Choose(stale, staleSetting, HeartbeatThresholds.Default.Stale);
        var (v, vSource) = Choose(veryStale, veryStaleSetting, HeartbeatThresholds.Default.VeryStale);

        if (stale is null && veryStale is null && s >= v)
        {
            // Only the town's settings (perhaps with a default) are in play: the town's mistake, so warn and use the defaults.
            var staleText = staleSetting is null
                ? $"the default stale threshold ({DurationText.Format(s)}; {TownSettings.StaleKey} is not set)"
                : $"{TownSettings.StaleKey} ({DurationText.Format(s)})";
            var veryStaleText = veryStaleSetting is null
                ? $"the default very-stale threshold ({DurationText.Format(v)}; {TownSettings.VeryStaleKey} is not set)"
                : $"{TownSettings.VeryStaleKey} ({DurationText.Format(v)})";
            problems.Add($"{staleText} is not below {veryStaleText}");
            (s, sSource) = (HeartbeatThresholds.Default.Stale, ThresholdSource.Default);
            (v, vSource) = (HeartbeatThresholds.Default.VeryStale, ThresholdSource.Default);
        }

        var warnings = Array.Empty<string>();
        if (problems.Count != 0)
        {
            var instead = s < v ? $": {Describe(s, sSource, v, vSource)}" : string.Empty;
            warnings = new[]
            {
                $"Town settings '{settings.Path}': {string.Join("; ", problems)}. This town is judged as if it had no settings{instead}.",
            };
        }

        return new ThresholdResolution(s, sSource, v, vSource, warnings, settings.Path);
    }

    /// <summary>"Stale from 5m0s (town settings), VeryStale from 20m0s (town settings)".</summary>
    public override string ToString() => text ??= Describe(Stale, StaleSource, VeryStale, VeryStaleSource);

    private static string Describe(TimeSpan stale, ThresholdSource staleSource, TimeSpan veryStale, ThresholdSource veryStaleSource) =>
        $"Stale from {DurationText.Format(stale)} ({Describe(staleSource)}), "
        + $"VeryStale from {DurationText.Format(veryStale)} ({Describe(veryStaleSource)})";

    private static string Describe(ThresholdSource source) => source switch
    {
        ThresholdSource.Parameter => "given",
        ThresholdSource.TownSettings => "town settings",
        _ => "default",
    };

    private static (TimeSpan Value, ThresholdSource Source) Choose(TimeSpan? given, TimeSpan? setting, TimeSpan fallback) =>
        given is { } g ? (g, ThresholdSource.Parameter)
        : setting is { } t ? (t, ThresholdSource.TownSettings)
        : (fallback, ThresholdSource.Default);
}
