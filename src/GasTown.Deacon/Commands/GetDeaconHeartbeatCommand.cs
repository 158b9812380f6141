using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Reads the Deacon heartbeat of one or more towns.</summary>
[Cmdlet(VerbsCommon.Get, "DeaconHeartbeat")]
[OutputType(typeof(Heartbeat))]
public sealed class GetDeaconHeartbeatCommand : ObservingCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var townRoot in TownRoots.Resolve(this, TownRoot))
        {
            try
            {
                WriteObject(new HeartbeatStore(townRoot).Observe(Thresholds));
            }
            catch (HeartbeatException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: false));
            }
        }
    }
}
