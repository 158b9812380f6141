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
    private static readonly string[] NoWarnings = Array.Empty<string>();
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

    /// <summary>The thresholds to judge by; null when the given ones conflict (see <see cref="IsConflict"/>).</summary>
    public HeartbeatThresholds? Thresholds { get; }

    /// <summary>True when the stale threshold is not below the very-stale one, one of them given by the caller.</summary>
    public bool IsConflict => Thresholds is null;

    /// <summary>The stale threshold chosen.</summary>
    public TimeSpan Stale { get; }

    /// <summary>Where <see cref="Stale"/> came from.</summary>
    public ThresholdSource StaleSource { get; }

    /// <summary>The very-stale threshold chosen.</summary>
    public TimeSpan VeryStale { get; }

    /// <summary>Where <see cref="VeryStale"/> came from.</summary>
    public ThresholdSource VeryStaleSource { get; }

    /// <summary>What is wrong with the town's settings, each naming the file and the key, and what was done instead.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The settings file consulted, or empty when there was none (or none was needed).</summary>
    public string SettingsPath { get; }

    /// <summary>Chooses the thresholds for a town with <paramref name="settings"/>, given those the caller set (null: not set).</summary>
    public static ThresholdResolution Resolve(TownSettings settings, TimeSpan? stale, TimeSpan? veryStale)
    {
        var problems = new List<string>();
        var usable = true;
        if (stale is null || veryStale is null)
        {
            if (settings.FileProblem is not null)
            {
                problems.Add(settings.FileProblem);
            }
            else
            {
                if (stale is null && settings.StaleProblem is not null)
                {
                    problems.Add(settings.StaleProblem);
                }

                if (veryStale is null && settings.VeryStaleProblem is not null)
                {
                    problems.Add(settings.VeryStaleProblem);
                }
            }

            usable = problems.Count == 0;
        }

        var staleSetting = usable && stale is null ? settings.StaleThreshold : null;
        var veryStaleSetting = usable && veryStale is null ? settings.VeryStaleThreshold : null;
        var s = Choose(stale, staleSetting, HeartbeatThresholds.Default.Stale, out var sSource);
        var v = Choose(veryStale, veryStaleSetting, HeartbeatThresholds.Default.VeryStale, out var vSource);

        if (stale is null && veryStale is null && s >= v)
        {
            // Only the town's settings (perhaps with a default) are in play: the town's mistake, so warn and use the defaults.
            var staleText = staleSetting is null ? $"the default stale threshold ({DurationText.Format(s)}; {TownSettings.StaleKey} is not set)" : $"{TownSettings.StaleKey} ({DurationText.Format(s)})";
            var veryStaleText = veryStaleSetting is null ? $"the default very-stale threshold ({DurationText.Format(v)}; {TownSettings.VeryStaleKey} is not set)" : $"{TownSettings.VeryStaleKey} ({DurationText.Format(v)})";
            problems.Add($"{staleText} is not below {veryStaleText}");
            s = HeartbeatThresholds.Default.Stale;
            v = HeartbeatThresholds.Default.VeryStale;
            sSource = vSource = ThresholdSource.Default;
        }

        var warnings = NoWarnings;
        if (problems.Count != 0)
        {
            var instead = s < v
                ? $"This town is judged as if it had no settings: Stale from {DurationText.Format(s)} ({Describe(sSource)}), VeryStale from {DurationText.Format(v)} ({Describe(vSource)})."
                : "This town is judged as if it had no settings.";
            warnings = new[] { $"Town settings '{settings.Path}': {string.Join("; ", problems)}. {instead}" };
        }

        return new ThresholdResolution(s, sSource, v, vSource, warnings, settings.Path);
    }

    /// <summary>How a source reads in messages: "default", "given", "town settings".</summary>
    public static string Describe(ThresholdSource source) => source switch
    {
        ThresholdSource.Parameter => "given",
        ThresholdSource.TownSettings => "town settings",
        _ => "default",
    };

    /// <summary>"Stale from 5m0s (town settings), VeryStale from 20m0s (town settings)".</summary>
    public override string ToString() => text ??=
        $"Stale from {DurationText.Format(Stale)} ({Describe(StaleSource)}), VeryStale from {DurationText.Format(VeryStale)} ({Describe(VeryStaleSource)})";

    private static TimeSpan Choose(TimeSpan? given, TimeSpan? setting, TimeSpan fallback, out ThresholdSource source)
    {
        if (given is TimeSpan g)
        {
            source = ThresholdSource.Parameter;
            return g;
        }

        if (setting is TimeSpan t)
        {
            source = ThresholdSource.TownSettings;
            return t;
        }

        source = ThresholdSource.Default;
        return fallback;
    }
}
