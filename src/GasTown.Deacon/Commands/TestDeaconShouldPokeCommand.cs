using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Answers the daemon's question for each town: should the Deacon be poked?</summary>
[Cmdlet(VerbsDiagnostic.Test, "DeaconShouldPoke")]
[OutputType(typeof(bool))]
public sealed class TestDeaconShouldPokeCommand : ObservingCommandBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var townRoot in TownRoots.Resolve(this, TownRoot))
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
                    WriteVerbose($"{townRoot}: no heartbeat file; the Deacon should be poked.");
                    break;
                case PokeReason.Invalid:
                    WriteWarning($"{check.Problem!.Message} Treating it as no heartbeat: the Deacon should be poked.");
                    break;
                case PokeReason.Paused:
                    WriteVerbose($"{townRoot}: the Deacon is {PauseText.Describe(check.Pause!, DateTimeOffset.UtcNow)}. Not poking it: a paused Deacon must not patrol. "
                        + (check.Heartbeat is { } hb ? $"Its heartbeat is {hb.Status}, {AgeText.Format(hb.Age)} old, cycle {hb.Cycle}." : PauseText.Sentence(check.Problem!.Message)));
                    break;
                case PokeReason.Future:
                    WriteWarning(
                        $"{townRoot}: the heartbeat is dated {check.Heartbeat!.Timestamp:o}, {AgeText.Format(-check.Heartbeat.Age)} ahead of this machine's clock "
                        + "(more than the stale threshold). A clock is skewed; poking the Deacon.");
                    break;
                default:
                    WriteVerbose($"{townRoot}: heartbeat {check.Heartbeat!.Status}, {AgeText.Format(check.Heartbeat.Age)} old, cycle {check.Heartbeat.Cycle}.");
                    break;
            }

            WriteObject(check.ShouldPoke);
        }
    }
}
