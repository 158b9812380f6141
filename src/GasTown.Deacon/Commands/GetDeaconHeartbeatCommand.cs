using System;
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
            var thresholds = ThresholdsFor(townRoot);
            if (thresholds is null)
            {
                continue;
            }

            HeartbeatRecord record;
            try
            {
                record = new HeartbeatStore(townRoot).Read();
            }
            catch (HeartbeatException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: false));
                continue;
            }

            WriteObject(new Heartbeat(record, townRoot, DateTimeOffset.UtcNow, thresholds, PauseFor(townRoot)));
        }
    }
}
