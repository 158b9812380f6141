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
                + (check.Heartbeat is { } hb ? FormattableString.Invariant($"Its heartbeat is {hb.Status}, {StatusText.Age(hb.Age)}, cycle {hb.Cycle}.") : PauseText.Sentence(check.Problem!.Message)));
        }
        else if (check.Problem is HeartbeatNotFoundException notFound)
        {
            if (!TownLocator.IsTown(townRoot))
            {
                // A directory that is not a town (a mistyped path, a stray folder a pattern matched) has no Deacon to
                // poke: that is the check failing, not an answer, or a scheduled task would poke on every run.
                WriteFailure(townRoot, notFound, writing: false);
                return;
            }

            WriteVerbose($"{townRoot}: no heartbeat file; the Deacon should be poked.");
        }
        else if (check.Problem is not null)
        {
            WriteWarning($"{check.Problem.Message} Treating it as no heartbeat: the answer is $true, the Deacon should be poked.");
        }
        else if (check.Heartbeat!.Status == HeartbeatStatus.Future)
        {
            WarnIfFuture(check.Heartbeat, "the answer is $true, the Deacon should be poked.");
        }
        else
        {
            WriteVerbose(townRoot + ": heartbeat " + check.Heartbeat.Status + ", " + StatusText.Age(check.Heartbeat.Age) + ", cycle "
                + check.Heartbeat.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        }

        WriteObject(check.ShouldPoke);
    }
}
