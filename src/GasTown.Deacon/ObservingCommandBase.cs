using System;
using System.Management.Automation;

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

    /// <summary>The thresholds, checked against each other before any town is read.</summary>
    protected HeartbeatThresholds Thresholds { get; private set; } = HeartbeatThresholds.Default;

    /// <summary>
    /// Whether verbose messages are shown, decided once as the engine decides (-Verbose, else $VerbosePreference, which
    /// a script may have set to a string): building a message per town costs more than the check, and a
    /// Get-DeaconHeartbeat call is meant to cost little more than reading the file.
    /// </summary>
    protected bool VerboseShown { get; private set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (StaleThreshold >= VeryStaleThreshold)
        {
            // Say which parameter to change: a stale threshold raised alone (say to 10m) collides with the default 5m.
            var stale = DurationText.Format(StaleThreshold);
            var veryStale = DurationText.Format(VeryStaleThreshold);
            var fix = MyInvocation.BoundParameters.ContainsKey(nameof(VeryStaleThreshold))
                ? $"Lower -StaleThreshold below {veryStale}, or raise -VeryStaleThreshold above {stale}."
                : $"-VeryStaleThreshold is {veryStale} by default: raise it above {stale} too (for example -VeryStaleThreshold {DurationText.Format(StaleThreshold + StaleThreshold)}).";
            ThrowTerminatingError(HeartbeatErrors.InvalidThresholds(new ArgumentException(
                $"The stale threshold ({stale}) must be less than the very-stale threshold ({veryStale}). {fix}")));
        }

        Thresholds = new HeartbeatThresholds(StaleThreshold, VeryStaleThreshold);
        VerboseShown = MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)
            ? verbose is SwitchParameter { IsPresent: true }
            : (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true })
                || (LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var preference)
                    && preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore));
        WriteVerbose($"Thresholds: Stale from {DurationText.Format(Thresholds.Stale)}, VeryStale from {DurationText.Format(Thresholds.VeryStale)}.");
    }

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
                + $"(more than the stale threshold, {DurationText.Format(Thresholds.Stale)}). A clock is skewed; {consequence}");
        }
    }
}
