using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Reads the Deacon heartbeat of one or more towns.</summary>
[Cmdlet(VerbsCommon.Get, "DeaconHeartbeat")]
[OutputType(typeof(Heartbeat))]
public sealed class GetDeaconHeartbeatCommand : PSCmdlet
{
    private HeartbeatThresholds thresholds = HeartbeatThresholds.Default;

    /// <summary>The town roots; the town holding the current location when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string[]? TownRoot { get; set; }

    /// <summary>Age from which a heartbeat is Stale.</summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan StaleThreshold { get; set; } = HeartbeatThresholds.Default.Stale;

    /// <summary>Age from which a heartbeat is VeryStale.</summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan VeryStaleThreshold { get; set; } = HeartbeatThresholds.Default.VeryStale;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        try
        {
            thresholds = new HeartbeatThresholds(StaleThreshold, VeryStaleThreshold);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(HeartbeatErrors.InvalidThresholds(ex));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var townRoot in TownRoots.Resolve(this, TownRoot))
        {
            try
            {
                WriteObject(new HeartbeatStore(townRoot).Observe(thresholds));
            }
            catch (HeartbeatException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: false));
            }
        }
    }
}
