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
            Heartbeat heartbeat;
            try
            {
                heartbeat = new HeartbeatStore(townRoot).Observe(Thresholds);
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

            if (VerboseShown)
            {
                WriteVerbose($"Read '{heartbeat.Path}': cycle {heartbeat.Cycle}, {heartbeat.Status}, {AgeText.Format(heartbeat.Age)} old, written {heartbeat.TimestampUtc}.");
            }

            WarnIfFuture(heartbeat, "its Status is Future and ShouldPoke is true.");
            WriteObject(heartbeat);
        }
    }
}
