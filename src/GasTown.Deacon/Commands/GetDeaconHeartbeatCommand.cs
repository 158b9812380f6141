using System;
using System.Globalization;
using System.Management.Automation;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>Reads the Deacon heartbeat of one or more towns.</summary>
[Cmdlet(VerbsCommon.Get, "DeaconHeartbeat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Heartbeat))]
public sealed class GetDeaconHeartbeatCommand : ObservingCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => ForEachTown(Read, writing: false);

    private void Read(string townRoot)
    {
        if (ThresholdsFor(townRoot) is not { } thresholds)
        {
            return;
        }

        var heartbeat = new Heartbeat(new HeartbeatStore(townRoot).Read(), townRoot, DateTimeOffset.UtcNow, thresholds, PauseFor(townRoot));
        WriteVerbose("Read '" + heartbeat.Path + "': cycle " + heartbeat.Cycle.ToString(CultureInfo.InvariantCulture) + ", " + heartbeat.Status + ", "
            + StatusText.Age(heartbeat.Age) + ", written " + heartbeat.TimestampUtc + ".");

        WarnIfFuture(heartbeat, FutureConsequence(heartbeat));
        WriteObject(heartbeat);
    }
}
