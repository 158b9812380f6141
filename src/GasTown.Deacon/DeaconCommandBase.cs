using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Settings;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>
/// What every cmdlet of the module does the same way: the loop over towns, which turns the core's failures into
/// non-terminating errors so one town never stops the rest; Ctrl+C; and the heartbeat a writer emits.
/// </summary>
public abstract class DeaconCommandBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Cancelled by Ctrl+C (a pipeline stop): ends a wait for the lock, or a watch, at once.</summary>
    protected CancellationToken StopToken => stopping.Token;

    /// <summary>
    /// Runs <paramref name="act"/> for each town. A failure the core reports becomes that town's error record (see
    /// <see cref="WriteFailure"/>) and the loop goes on. Ctrl+C ends the loop quietly: PowerShell then ends the pipeline.
    /// </summary>
    /// <param name="townRoots">The towns, resolved to full paths.</param>
    /// <param name="act">What to do with one town.</param>
    /// <param name="writing">Whether <paramref name="act"/> writes, for the category of a plain I/O failure.</param>
    protected void ForEachTown(IEnumerable<string> townRoots, Action<string> act, bool writing)
    {
        foreach (var townRoot in townRoots)
        {
            try
            {
                act(townRoot);
            }
            catch (HeartbeatException ex)
            {
                WriteFailure(townRoot, ex, writing);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Writes the core's <paramref name="failure"/> for the town at <paramref name="townRoot"/> as a non-terminating
    /// error: its stable id and category, the path as target, and, for a missing heartbeat, a hint when the directory
    /// is not a town but lies in one.
    /// </summary>
    protected void WriteFailure(string townRoot, HeartbeatException failure, bool writing)
    {
        var record = HeartbeatErrors.ToErrorRecord(failure, writing);
        WriteError(failure is HeartbeatNotFoundException ? TownRoots.WithTownHint(record, townRoot) : record);
    }

    /// <summary>
    /// The heartbeat a writer emits for what it wrote: judged by the town's settings where they are good, else the
    /// defaults. It is always Fresh, so a bad setting is left to the readers to warn about.
    /// </summary>
    protected static Heartbeat Written(HeartbeatRecord written, string townRoot, PauseState? pause) =>
        new(
            written,
            townRoot,
            DateTimeOffset.UtcNow,
            TownSettingsCache.Shared.Get(townRoot).Resolve(null, null).Thresholds ?? HeartbeatThresholds.Default,
            pause);

    /// <summary>
    /// Warns when the directory written to is not a town but lies inside one: the heartbeat would land in
    /// <c>&lt;town&gt;/deacon/deacon/</c>, where nothing reads it.
    /// </summary>
    protected void WarnIfInsideTown(string townRoot)
    {
        // A town is the usual case, and the cheapest to tell: the walk up the folders is only for the slip.
        if (!TownLocator.IsTown(townRoot) && TownRoots.EnclosingTown(townRoot) is not null && TownRoots.NotATownHint(townRoot) is { } hint)
        {
            WriteWarning(hint);
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => stopping.Cancel();

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
