using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Reads the Deacon heartbeat of one or more towns.</summary>
[Cmdlet(VerbsCommon.Get, "DeaconHeartbeat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Heartbeat))]
public sealed class GetDeaconHeartbeatCommand : ObservingCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var townRoot in ResolveTownRoots())
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
            catch (HeartbeatNotFoundException ex)
            {
                WriteError(TownRoots.WithTownHint(HeartbeatErrors.ToErrorRecord(ex, writing: false), townRoot));
                continue;
            }
            catch (HeartbeatException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: false));
                continue;
            }

            var heartbeat = new Heartbeat(record, townRoot, DateTimeOffset.UtcNow, thresholds, PauseFor(townRoot));
            if (VerboseShown)
            {
                WriteVerbose($"Read '{heartbeat.Path}': cycle {heartbeat.Cycle}, {heartbeat.Status}, {AgeText.Format(heartbeat.Age)} old, written {heartbeat.TimestampUtc}.");
            }

            WarnIfFuture(heartbeat, FutureConsequence(heartbeat));
            WriteObject(heartbeat);
        }
    }
}
