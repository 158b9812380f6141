using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Beats: the next cycle, stamped now, under the cross-process lock. Gas Town's Touch (no -Action) and
/// TouchWithAction.
/// </summary>
[Cmdlet(VerbsData.Update, "DeaconHeartbeat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
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

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var townRoot in TownRoots.Resolve(this, TownRoot))
        {
            var store = new HeartbeatStore(townRoot, lockTimeout: LockTimeout);
            if (!ShouldProcess(store.FilePath, "Update the Deacon heartbeat (next cycle)"))
            {
                continue;
            }

            try
            {
                var result = store.Update(Action, HealthyAgents, UnhealthyAgents);
                if (result.ReplacedInvalid is not null)
                {
                    WriteWarning($"{result.ReplacedInvalid.Message} It was replaced and the cycle restarted at 1.");
                }

                WriteObject(new Heartbeat(result.Written, townRoot, DateTimeOffset.UtcNow, HeartbeatThresholds.Default));
            }
            catch (HeartbeatException ex)
            {
                WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: true));
            }
        }
    }
}
