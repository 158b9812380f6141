using System;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Pauses the Deacon, as <c>gt deacon pause</c> does: writes <c>.runtime/deacon/paused.json</c> byte for byte as Go's
/// Pause would, atomically. A paused Deacon must not patrol: it is not poked, and it does not beat.
/// </summary>
[Cmdlet(VerbsLifecycle.Suspend, "Deacon", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(DeaconPause))]
public sealed class SuspendDeaconCommand : TownsCommandBase
{
    /// <summary>Why the Deacon is paused; empty is allowed (the key is then left out, as Go leaves it out).</summary>
    [Parameter(Mandatory = true)]
    [AllowEmptyString]
    public string Reason { get; set; } = string.Empty;

    /// <summary>Who pauses it; <c>human</c>, as <c>gt deacon pause</c> writes, unless told otherwise.</summary>
    [Parameter]
    [AllowEmptyString]
    public string PausedBy { get; set; } = "human";

    /// <summary>Pauses again over an existing pause (or over a pause file that cannot be read).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => ForEachTown(PauseIn, writing: true);

    private void PauseIn(string townRoot)
    {
        var store = new PauseStore(townRoot);
        RequireTown(townRoot);
        if (!Force)
        {
            // gt deacon pause fails too when it cannot check the pause state.
            PauseState? existing;
            try
            {
                existing = store.Read();
            }
            catch (HeartbeatIOException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(ex.WithConsequence("nothing was written"), writing: false));
                return;
            }
            catch (HeartbeatException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(
                    ex,
                    writing: false,
                    details: $"{PauseText.Sentence(ex.Message)} Nothing was written.",
                    recommendedAction: "-Force replaces the file with a new pause."));
                return;
            }

            if (existing is { Paused: true })
            {
                WriteWarning(
                    $"The Deacon of '{townRoot}' is already {PauseText.Describe(existing, DateTimeOffset.UtcNow)}; the pause is left as it is, "
                    + "as gt deacon pause leaves it. -Force pauses it again with this reason.");
                WriteObject(new DeaconPause(townRoot, existing));
                return;
            }
        }

        var reason = Reason.Length == 0 ? "no reason given" : "reason: " + Reason;
        if (!ShouldProcess(store.FilePath, $"Pause the Deacon ({reason})"))
        {
            return;
        }

        WriteObject(new DeaconPause(townRoot, store.Pause(Reason, PausedBy)));
    }
}
