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
        WriteVerbose($"Thresholds: Stale from {DurationText.Format(Thresholds.Stale)}, VeryStale from {DurationText.Format(Thresholds.VeryStale)}.");
    }
}
