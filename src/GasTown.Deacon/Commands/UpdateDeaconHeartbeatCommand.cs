using System;
using System.Management.Automation;
using System.Threading;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Beats: the next cycle, stamped now, under the cross-process lock. Gas Town's Touch (no -Action) and
/// TouchWithAction.
/// </summary>
[Cmdlet(VerbsData.Update, "DeaconHeartbeat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Heartbeat))]
public sealed class UpdateDeaconHeartbeatCommand : TownsCommandBase, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

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
                var result = store.Update(Action, HealthyAgents, UnhealthyAgents, stopping.Token);
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
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Ctrl+C while waiting for the lock: nothing was written; PowerShell ends the pipeline.
                return;
            }
        }
    }

    /// <summary>Ctrl+C: ends a wait for the lock at once.</summary>
    protected override void StopProcessing() => stopping.Cancel();

    /// <inheritdoc />
    public void Dispose() => stopping.Dispose();
}
