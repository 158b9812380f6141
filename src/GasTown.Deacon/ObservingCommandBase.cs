using System;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Settings;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>-TownRoot plus the thresholds, for the cmdlets that judge how old a heartbeat is.</summary>
public abstract class ObservingCommandBase : TownsCommandBase
{
    /// <summary>Age from which a heartbeat is Stale.</summary>
    [Parameter]
    [DurationTransformation]
    [ValidateTimeSpan]
    public TimeSpan StaleThreshold { get; set; } = HeartbeatThresholds.Default.Stale;

    /// <summary>Age from which a heartbeat is VeryStale, and the Deacon should be poked.</summary>
    [Parameter]
    [DurationTransformation]
    [ValidateTimeSpan]
    public TimeSpan VeryStaleThreshold { get; set; } = HeartbeatThresholds.Default.VeryStale;

    /// <summary>
    /// The thresholds given, checked against each other before any town is read; the defaults when neither was given
    /// (a town's own settings may then say otherwise: see <see cref="ThresholdsFor"/>).
    /// </summary>
    protected HeartbeatThresholds Thresholds { get; private set; } = HeartbeatThresholds.Default;

    // What the caller set, through a parameter or $PSDefaultParameterValues (both show in BoundParameters).
    private TimeSpan? staleGiven;
    private TimeSpan? veryStaleGiven;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        staleGiven = bound.ContainsKey(nameof(StaleThreshold)) ? StaleThreshold : null;
        veryStaleGiven = bound.ContainsKey(nameof(VeryStaleThreshold)) ? VeryStaleThreshold : null;
        WriteVerbose(staleGiven is null && veryStaleGiven is null ? DefaultsMessage : ThresholdsMessage(staleGiven, veryStaleGiven));

        // With one missing, it comes from each town's settings or the default: it can only be checked town by town.
        if (staleGiven is null || veryStaleGiven is null)
        {
            return;
        }

        if (StaleThreshold >= VeryStaleThreshold)
        {
            var stale = DurationText.Format(StaleThreshold);
            var veryStale = DurationText.Format(VeryStaleThreshold);
            ThrowTerminatingError(HeartbeatErrors.InvalidThresholds(new ArgumentException(
                $"The stale threshold ({stale}) must be less than the very-stale threshold ({veryStale}). "
                + $"Lower -StaleThreshold below {veryStale}, or raise -VeryStaleThreshold above {stale}.")));
        }

        Thresholds = new HeartbeatThresholds(StaleThreshold, VeryStaleThreshold);
    }

    /// <summary>What Get and Watch make of a Future heartbeat, for <see cref="WarnIfFuture"/>.</summary>
    protected static string FutureConsequence(Heartbeat heartbeat) => heartbeat.ShouldPoke
        ? "its Status is Future and ShouldPoke is true."
        : "its Status is Future; the Deacon is paused, so ShouldPoke is false.";

    /// <summary>
    /// Warns about a heartbeat dated more than the stale threshold ahead of this machine's clock, saying what the
    /// cmdlet made of it (<paramref name="consequence"/>), never an action it does not take.
    /// </summary>
    protected void WarnIfFuture(Heartbeat heartbeat, string consequence)
    {
        if (heartbeat.Status == HeartbeatStatus.Future)
        {
            WriteWarning(
                $"{heartbeat.TownRoot}: the heartbeat is dated {heartbeat.TimestampUtc}, {AgeText.Format(-heartbeat.Age)} ahead of this machine's clock "
                + $"(more than the stale threshold, {DurationText.Format(heartbeat.StaleThreshold)}). A clock is skewed; {consequence}");
        }
    }

    // What every call that passes no threshold says: worked out once.
    private static readonly string DefaultsMessage = ThresholdsMessage(null, null);

    private static string ThresholdsMessage(TimeSpan? stale, TimeSpan? veryStale) =>
        $"Thresholds: Stale from {Shown(stale, HeartbeatThresholds.Default.Stale)}, VeryStale from {Shown(veryStale, HeartbeatThresholds.Default.VeryStale)}"
        + (stale is null || veryStale is null ? ", unless a town's settings/config.json says otherwise." : ".");

    private static string Shown(TimeSpan? given, TimeSpan fallback) => DurationText.Format(given ?? fallback) + (given is null ? " (default)" : string.Empty);

    /// <summary>
    /// The thresholds to judge the town at <paramref name="townRoot"/> by: each as given, else as the town's
    /// <c>settings/config.json</c> sets it, else the default. Warns about bad settings (the town is then judged as if it
    /// had none). When a threshold given does not fit the other one, writes an InvalidThresholds error for the town
    /// and returns null.
    /// </summary>
    protected HeartbeatThresholds? ThresholdsFor(string townRoot)
    {
        if (staleGiven is not null && veryStaleGiven is not null)
        {
            return Thresholds;
        }

        var resolution = TownSettingsCache.Shared.Get(townRoot).Resolve(staleGiven, veryStaleGiven);
        var warnings = resolution.Warnings;
        for (var i = 0; i < warnings.Count; i++)
        {
            WriteWarning(warnings[i]);
        }

        if (resolution.Thresholds is null)
        {
            WriteError(HeartbeatErrors.InvalidThresholds(townRoot, resolution));
            return null;
        }

        if (resolution.FromSettings)
        {
            WriteVerbose(townRoot + ": judged by " + resolution + ".");
        }

        return resolution.Thresholds;
    }

    /// <summary>
    /// The Deacon's pause in the town at <paramref name="townRoot"/>, or null when it is not paused. An invalid pause
    /// file is a warning, naming the file and what is wrong, and counts as not paused, as <c>gt deacon status</c>
    /// counts it. A pause file that cannot be read at all (permission denied, say) is the town's error: the Deacon
    /// may be paused, and a paused Deacon must never be poked.
    /// </summary>
    /// <exception cref="HeartbeatIOException">The pause file, or the folder holding it, cannot be read.</exception>
    protected PauseState? PauseFor(string townRoot)
    {
        var observation = new PauseStore(townRoot).Observe();
        switch (observation.Problem)
        {
            case HeartbeatIOException unreadable:
                throw PauseStore.Unknowable(unreadable);
            case { } problem:
                WriteWarning(PauseWarning(problem));
                break;
        }

        return observation.Pause;
    }

    /// <summary>The warning for a pause file that cannot be read.</summary>
    protected static string PauseWarning(HeartbeatException problem) =>
        $"{PauseText.Sentence(problem.Message)} Treating the Deacon as not paused, as gt deacon status does.";
}
