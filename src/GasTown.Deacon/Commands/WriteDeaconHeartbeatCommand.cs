using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Writes a whole heartbeat: given field by field, or a Heartbeat from the pipeline (to copy one between towns).</summary>
[Cmdlet(VerbsCommunications.Write, "DeaconHeartbeat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FieldsSet)]
[OutputType(typeof(Heartbeat))]
public sealed class WriteDeaconHeartbeatCommand : PSCmdlet
{
    private const string FieldsSet = "Fields";
    private const string InputObjectSet = "InputObject";

    /// <summary>
    /// The town root. Omitted: the Heartbeat's own town with -InputObject, otherwise the town holding the current location.
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string? TownRoot { get; set; }

    /// <summary>When the heartbeat was written; now in UTC when omitted. Its offset is written as given.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The wake cycle number.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [ValidateRange(0L, long.MaxValue)]
    public long Cycle { get; set; }

    /// <summary>What the Deacon did in this cycle.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [AllowEmptyString]
    public string? LastAction { get; set; }

    /// <summary>Healthy agents observed.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [ValidateRange(0, int.MaxValue)]
    public int HealthyAgents { get; set; }

    /// <summary>Unhealthy agents observed.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [ValidateRange(0, int.MaxValue)]
    public int UnhealthyAgents { get; set; }

    /// <summary>A heartbeat to write, as Get-DeaconHeartbeat emits it.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Heartbeat? InputObject { get; set; }

    /// <summary>How long to wait for another writer to release the heartbeat lock.</summary>
    [Parameter]
    [DurationTransformation]
    [ValidateTimeSpan(AllowZero = true)]
    public TimeSpan LockTimeout { get; set; } = HeartbeatStore.DefaultLockTimeout;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        HeartbeatRecord record;
        string? townRoot;
        if (ParameterSetName == InputObjectSet)
        {
            record = InputObject!.ToRecord();
            townRoot = TownRoot is null ? InputObject.TownRoot : TownRoots.ResolveOne(this, TownRoot);
        }
        else
        {
            record = new HeartbeatRecord
            {
                Timestamp = MyInvocation.BoundParameters.ContainsKey(nameof(Timestamp)) ? Timestamp : DateTimeOffset.UtcNow,
                Cycle = Cycle,
                LastAction = LastAction ?? string.Empty,
                HealthyAgents = HealthyAgents,
                UnhealthyAgents = UnhealthyAgents,
            };
            townRoot = TownRoot is null ? TownRoots.Discover(this) : TownRoots.ResolveOne(this, TownRoot);
        }

        if (townRoot is null)
        {
            return;
        }

        var store = new HeartbeatStore(townRoot, lockTimeout: LockTimeout);
        if (!ShouldProcess(store.FilePath, $"Write the Deacon heartbeat ({record})"))
        {
            return;
        }

        try
        {
            var written = store.Write(record);
            WriteObject(new Heartbeat(written, townRoot, DateTimeOffset.UtcNow, TownThresholds.Of(townRoot), new PauseStore(townRoot).Observe().Pause));
        }
        catch (HeartbeatException ex)
        {
            WriteError(HeartbeatErrors.ToErrorRecord(ex, writing: true));
        }
    }
}
