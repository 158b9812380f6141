using System;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Beats: the next cycle, stamped now, under the cross-process lock. Gas Town's Touch (no -Action) and
/// TouchWithAction.
/// </summary>
[Cmdlet(VerbsData.Update, "DeaconHeartbeat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Heartbeat))]
public sealed class UpdateDeaconHeartbeatCommand : TownsCommandBase
{
    /// <summary>What the Deacon did in this cycle; omitted, the previous action is cleared as Touch does.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? Action { get; set; }

    /// <summary>Healthy agents observed.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int HealthyAgents { get; set; }

    /// <summary>Unhealthy agents observed.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int UnhealthyAgents { get; set; }

    /// <summary>How long to wait for another writer to release the heartbeat lock.</summary>
    [Parameter]
    [DurationTransformation]
    [ValidateTimeSpan(AllowZero = true)]
    public TimeSpan LockTimeout { get; set; } = HeartbeatStore.DefaultLockTimeout;

    /// <summary>Beats even while the Deacon is paused, or while its pause file cannot be read.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => ForEachTown(Beat, writing: true);

    private void Beat(string townRoot)
    {
        RequireTown(townRoot);
        if (!PauseAllowsBeat(townRoot, out var pause))
        {
            return;
        }

        var store = new HeartbeatStore(townRoot, lockTimeout: LockTimeout);
        if (!ShouldProcess(store.FilePath, Describe(store)))
        {
            return;
        }

        var result = store.Update(Action, HealthyAgents, UnhealthyAgents, StopToken);
        if (result.ReplacedInvalid is not null)
        {
            WriteWarning($"{result.ReplacedInvalid.Message} It was replaced and the cycle restarted at 1.");
        }

        WriteObject(Written(result.Written, townRoot, pause));
    }

    /// <summary>What -WhatIf and -Confirm show: the cycle, action and counts the update would write.</summary>
    private string Describe(HeartbeatStore store)
    {
        string cycle;
        try
        {
            var current = store.Read();
            cycle = current.Cycle == long.MaxValue
                ? $"no cycle after {current.Cycle} (the update will fail)"
                : FormattableString.Invariant($"cycle {current.Cycle + 1} (after {current.Cycle})");
        }
        catch (HeartbeatException ex)
        {
            cycle = ex.Absence switch
            {
                HeartbeatAbsence.Missing => "cycle 1 (no heartbeat yet)",
                HeartbeatAbsence.Invalid => "cycle 1, replacing the invalid heartbeat",

                // The update itself will report what is wrong with the town or the file.
                _ => "the next cycle",
            };
        }

        var action = string.IsNullOrEmpty(Action) ? "no action (clearing the last one)" : $"action '{Action}'";
        return FormattableString.Invariant($"Update the Deacon heartbeat: {cycle}, stamped now, {action}, {HealthyAgents} healthy and {UnhealthyAgents} unhealthy agents");
    }

    /// <summary>
    /// What <c>gt deacon heartbeat</c> checks first: a paused Deacon does not beat, and neither does one whose pause
    /// file cannot be read (nobody can tell whether it is paused). -Force beats anyway. Writes the error and returns
    /// false when the beat is refused; <paramref name="pause"/> is the pause forced through, if any.
    /// </summary>
    private bool PauseAllowsBeat(string townRoot, out PauseState? pause)
    {
        var pauses = new PauseStore(townRoot);
        if (Force)
        {
            pause = pauses.Observe().Pause;
            if (pause is not null)
            {
                WriteVerbose($"{townRoot}: the Deacon is {PauseText.Describe(pause, DateTimeOffset.UtcNow)}; beating anyway (-Force).");
            }

            return true;
        }

        pause = null;
        try
        {
            pauses.ThrowIfPaused();
            return true;
        }
        catch (DeaconPausedException ex)
        {
            WriteError(HeartbeatErrors.ToErrorRecord(
                ex,
                writing: true,
                details: $"The Deacon of '{townRoot}' is {PauseText.Describe(ex.State, DateTimeOffset.UtcNow)}. A paused Deacon must not patrol, "
                    + "so it does not beat, as with gt deacon heartbeat; nothing was written.",
                recommendedAction: "Resume-Deacon unpauses it; -Force beats anyway."));
        }
        catch (HeartbeatIOException ex)
        {
            // Said in the exception itself, so that a script reading its message reads what is shown.
            WriteError(HeartbeatErrors.ToErrorRecord(
                ex.WithConsequence("nobody can tell whether the Deacon is paused, so it does not beat, as with gt deacon heartbeat; nothing was written"),
                writing: false));
        }
        catch (HeartbeatException ex)
        {
            WriteError(HeartbeatErrors.ToErrorRecord(
                ex,
                writing: false,
                details: $"{PauseText.Sentence(ex.Message)} Nobody can tell whether the Deacon is paused, so it does not beat, as with gt deacon heartbeat; nothing was written.",
                recommendedAction: "Fix the pause file, or remove it with Resume-Deacon; -Force beats anyway."));
        }

        return false;
    }
}
