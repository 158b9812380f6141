using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>-TownRoot plus the thresholds, for the cmdlets that judge how old a heartbeat is.</summary>
public abstract class ObservingCommandBase : TownsCommandBase
{
    /// <summary>Age from which a heartbeat is Stale.</summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan StaleThreshold { get; set; } = HeartbeatThresholds.Default.Stale;

    /// <summary>Age from which a heartbeat is VeryStale, and the Deacon should be poked.</summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan VeryStaleThreshold { get; set; } = HeartbeatThresholds.Default.VeryStale;

    /// <summary>The thresholds, checked against each other before any town is read.</summary>
    protected HeartbeatThresholds Thresholds { get; private set; } = HeartbeatThresholds.Default;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        try
        {
            Thresholds = new HeartbeatThresholds(StaleThreshold, VeryStaleThreshold);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(HeartbeatErrors.InvalidThresholds(ex));
        }
    }
}
