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
    /// <see cref="WriteFailure"/>) and the loop goes on; so does a file-system failure the core did not word, so one
    /// town never stops the rest. Ctrl+C ends the loop quietly: PowerShell then ends the pipeline.
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
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                // Worded as the core words its own.
                WriteFailure(
                    townRoot,
                    ex is UnauthorizedAccessException ? HeartbeatIOException.TownDenied(townRoot, ex) : new HeartbeatIOException("Cannot use the town", townRoot, ex),
                    writing);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Writes the core's <paramref name="failure"/> for the town at <paramref name="townRoot"/> as a non-terminating
    /// error: its stable id and category, the path as target, and, for a missing heartbeat in a directory that is not
    /// a town, the reason in the exception's own message (what a script reads is what is shown).
    /// </summary>
    protected void WriteFailure(string townRoot, HeartbeatException failure, bool writing)
    {
        if (failure is HeartbeatNotFoundException)
        {
            try
            {
                if (TownRoots.NotATownHint(townRoot) is { } hint)
                {
                    failure = new HeartbeatNotFoundException(failure.Path, hint);
                }
            }
            catch (HeartbeatException ex)
            {
                // The directory cannot be looked into: that, not a missing file, is the cause.
                failure = ex;
            }
        }

        WriteError(HeartbeatErrors.ToErrorRecord(failure, writing));
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
    /// Refuses a directory that is not a town before anything is written there: a pattern such as /srv/towns/* may
    /// match folders that are not towns, and <c>&lt;town&gt;/deacon</c> is an easy slip; a heartbeat or pause written
    /// there is read by nobody, while the real town goes stale.
    /// </summary>
    protected static void RequireTown(string townRoot)
    {
        // A town is the usual case, and the cheapest to tell: the walk up the folders is only for the slip.
        if (!TownLocator.IsTown(townRoot) && System.IO.Directory.Exists(townRoot))
        {
            var enclosing = TownRoots.EnclosingTown(townRoot);
            throw new NotATownRootException(townRoot, enclosing, TownRoots.NotATownHint(townRoot, enclosing) + " Nothing was written.");
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
