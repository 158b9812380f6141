using System;
using System.IO;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Resumes the Deacon, as <c>gt deacon resume</c> does: removes <c>.runtime/deacon/paused.json</c>. A Deacon that is
/// not paused is no error.
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "Deacon", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
public sealed class ResumeDeaconCommand : TownsCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => ForEachTown(ResumeIn, writing: true);

    private void ResumeIn(string townRoot)
    {
        // Asked first: a town this account may not look into is said to be that, not a pause file it cannot read.
        var isTown = TownLocator.IsTown(townRoot);
        var store = new PauseStore(townRoot);
        var found = store.Observe();
        if (found.State is null && found.Problem is null)
        {
            if (!Directory.Exists(townRoot))
            {
                throw new TownRootNotFoundException(townRoot);
            }

            if (!isTown)
            {
                WriteWarning(TownRoots.NotATownHint(townRoot, TownRoots.EnclosingTown(townRoot)));
            }

            WriteVerbose($"{townRoot}: the Deacon is not paused (no pause file); nothing to do.");
            return;
        }

        // Whatever the file says, resuming means there is none: one that cannot be read, or that says "not
        // paused", goes too (gt deacon resume would stop at the first and leave the second).
        var what = found.Problem is not null ? "Remove the pause file, which cannot be read"
            : found.IsPaused ? $"Resume the Deacon, {PauseText.Describe(found.State!, DateTimeOffset.UtcNow)}"
            : "Remove the pause file, which says the Deacon is not paused";
        if (!ShouldProcess(store.FilePath, what))
        {
            return;
        }

        store.Resume();
        if (found.Problem is not null)
        {
            WriteWarning($"{PauseText.Sentence(found.Problem.Message)} It was removed: the Deacon is resumed.");
        }
        else if (found.IsPaused)
        {
            WriteVerbose($"{townRoot}: the Deacon is resumed; it was {PauseText.Describe(found.State!, DateTimeOffset.UtcNow)}.");
        }
        else
        {
            WriteVerbose($"{townRoot}: removed a pause file that said the Deacon is not paused.");
        }
    }
}
