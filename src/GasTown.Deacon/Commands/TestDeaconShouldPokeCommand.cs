using System;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>Answers the daemon's question for each town: should the Deacon be poked?</summary>
[Cmdlet(VerbsDiagnostic.Test, "DeaconShouldPoke", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestDeaconShouldPokeCommand : ObservingCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => ForEachTown(Answer, writing: false);

    private void Answer(string townRoot)
    {
        if (ThresholdsFor(townRoot) is not { } thresholds)
        {
            return;
        }

        // Failures that are not the Deacon's state (no such town, an I/O fault) are thrown: an error, not an answer.
        var check = PokeCheck.Run(new HeartbeatStore(townRoot), thresholds, PauseFor(townRoot));

        if (check.Pause is not null)
        {
            WriteVerbose($"{townRoot}: the Deacon is {PauseText.Describe(check.Pause, DateTimeOffset.UtcNow)}. Not poking it: a paused Deacon must not patrol. "
                + (check.Heartbeat is { } hb ? $"Its heartbeat is {hb.Status}, {AgeText.Format(hb.Age)} old, cycle {hb.Cycle}." : PauseText.Sentence(check.Problem!.Message)));
        }
        else if (check.Problem is HeartbeatNotFoundException)
        {
            if (TownRoots.NotATownHint(townRoot) is { } hint)
            {
                WriteWarning($"{hint} It has no heartbeat file, so the answer is $true.");
            }
            else if (VerboseShown)
            {
                WriteVerbose($"{townRoot}: no heartbeat file; the Deacon should be poked.");
            }
        }
        else if (check.Problem is not null)
        {
            WriteWarning($"{check.Problem.Message} Treating it as no heartbeat: the answer is $true, the Deacon should be poked.");
        }
        else if (check.Heartbeat!.Status == HeartbeatStatus.Future)
        {
            WarnIfFuture(check.Heartbeat, "the answer is $true, the Deacon should be poked.");
        }
        else if (VerboseShown)
        {
            WriteVerbose($"{townRoot}: heartbeat {check.Heartbeat.Status}, {AgeText.Format(check.Heartbeat.Age)} old, cycle {check.Heartbeat.Cycle}.");
        }

        WriteObject(check.ShouldPoke);
    }
}
