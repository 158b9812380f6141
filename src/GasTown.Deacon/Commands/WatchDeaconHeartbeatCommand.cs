using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GasTown.Deacon.Watching;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Emits each town's heartbeat, then one more whenever a town's heartbeat content or status changes, until
/// -Timeout or Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Watch, "DeaconHeartbeat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Heartbeat))]
public sealed class WatchDeaconHeartbeatCommand : ObservingCommandBase
{
    private readonly List<string> townRoots = new();

    /// <summary>How long to watch; until Ctrl+C when omitted.</summary>
    [Parameter]
    [DurationTransformation]
    [ValidateTimeSpan]
    public TimeSpan Timeout { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Towns piped in are gathered first: the watch covers them all at once.
        townRoots.AddRange(ResolveTownRoots());
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (townRoots.Count == 0)
        {
            return;
        }

        // Each town is judged by the thresholds it has when the watch starts (its settings read then, once).
        var thresholds = new Dictionary<string, HeartbeatThresholds>(StringComparer.Ordinal);
        var watched = new List<string>();
        ForEachTown(
            townRoots.Distinct(StringComparer.Ordinal),
            townRoot =>
            {
                if (ThresholdsFor(townRoot) is { } judged)
                {
                    thresholds[townRoot] = judged;
                    watched.Add(townRoot);
                }
            },
            writing: false);

        if (watched.Count == 0)
        {
            return;
        }

        var timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null;
        using var watcher = new HeartbeatWatcher(watched, root => thresholds[root]);
        foreach (var change in watcher.Watch(timeout, StopToken))
        {
            if (change.PauseProblem is not null)
            {
                WriteWarning(PauseWarning(change.PauseProblem));
            }

            if (change.Heartbeat is not null)
            {
                WarnIfFuture(change.Heartbeat, FutureConsequence(change.Heartbeat));
                WriteObject(change.Heartbeat);
            }
            else if (change.Problem is not null)
            {
                WriteFailure(change.TownRoot, change.Problem, writing: false);
            }
        }
    }
}
