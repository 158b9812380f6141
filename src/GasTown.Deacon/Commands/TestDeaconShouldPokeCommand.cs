using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Answers the daemon's question for each town: should the Deacon be poked?</summary>
[Cmdlet(VerbsDiagnostic.Test, "DeaconShouldPoke", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestDeaconShouldPokeCommand : ObservingCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var townRoot in ResolveTownRoots())
        {
            var thresholds = ThresholdsFor(townRoot);
            if (thresholds is null)
            {
                continue;
            }

            PokeCheck check;
            try
            {
                check = PokeCheck.Run(new HeartbeatStore(townRoot), thresholds, PauseFor(townRoot));
            }
            catch (HeartbeatException ex)
            {
                // Not the Deacon's state (no such town, an I/O failure): say so rather than answer.
                WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: false));
                continue;
            }

            switch (check.Reason)
            {
                case PokeReason.Missing:
                    var hint = TownRoots.NotATownHint(townRoot);
                    if (hint is not null)
                    {
                        WriteWarning($"{hint} It has no heartbeat file, so the answer is $true.");
                    }
                    else if (VerboseShown)
                    {
                        WriteVerbose($"{townRoot}: no heartbeat file; the Deacon should be poked.");
                    }

                    break;
                case PokeReason.Invalid:
                    WriteWarning($"{check.Problem!.Message} Treating it as no heartbeat: the answer is $true, the Deacon should be poked.");
                    break;
                case PokeReason.Paused:
                    WriteVerbose($"{townRoot}: the Deacon is {PauseText.Describe(check.Pause!, DateTimeOffset.UtcNow)}. Not poking it: a paused Deacon must not patrol. "
                        + (check.Heartbeat is { } hb ? $"Its heartbeat is {hb.Status}, {AgeText.Format(hb.Age)} old, cycle {hb.Cycle}." : PauseText.Sentence(check.Problem!.Message)));
                    break;
                case PokeReason.Future:
                    WarnIfFuture(check.Heartbeat!, "the answer is $true, the Deacon should be poked.");
                    break;
                default:
                    if (VerboseShown)
                    {
                        WriteVerbose($"{townRoot}: heartbeat {check.Heartbeat!.Status}, {AgeText.Format(check.Heartbeat.Age)} old, cycle {check.Heartbeat.Cycle}.");
                    }

                    break;
            }

            WriteObject(check.ShouldPoke);
        }
    }
}
