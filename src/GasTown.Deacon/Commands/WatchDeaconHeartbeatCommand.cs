using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Emits each town's heartbeat, then one more whenever a town's heartbeat content or status changes, until
/// -Timeout or Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Watch, "DeaconHeartbeat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Heartbeat))]
public sealed class WatchDeaconHeartbeatCommand : ObservingCommandBase, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly System.Collections.Generic.List<string> townRoots = new();

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

        var timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null;
        using var watcher = new HeartbeatWatcher(townRoots.Distinct(StringComparer.Ordinal), Thresholds);
        foreach (var change in watcher.Watch(timeout, stopping.Token))
        {
            if (change.Heartbeat is not null)
            {
                WarnIfFuture(change.Heartbeat, "its Status is Future and ShouldPoke is true.");
                WriteObject(change.Heartbeat);
            }
            else if (change.Problem is HeartbeatNotFoundException)
            {
                WriteError(TownRoots.WithTownHint(HeartbeatErrors.ToErrorRecord(change.Problem, writing: false), change.TownRoot));
            }
            else
            {
                WriteError(HeartbeatErrors.ToErrorRecord(change.Problem!, writing: false));
            }
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => stopping.Cancel();

    /// <inheritdoc />
    public void Dispose() => stopping.Dispose();
}
