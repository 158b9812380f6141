using System;
using System.Globalization;
using System.Management.Automation;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Writes a whole heartbeat: given field by field, or a heartbeat from the pipeline (to copy one between towns),
/// live or deserialized (Start-Job, remoting, Import-Clixml).
/// </summary>
[Cmdlet(VerbsCommunications.Write, "DeaconHeartbeat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FieldsSet)]
[OutputType(typeof(Heartbeat))]
public sealed class WriteDeaconHeartbeatCommand : DeaconCommandBase
{
    private const string FieldsSet = "Fields";
    private const string FieldsLiteralSet = "FieldsLiteral";
    private const string InputObjectSet = "InputObject";
    private const string InputObjectLiteralSet = "InputObjectLiteral";

    /// <summary>
    /// The town root; wildcards stand for every directory they match. Omitted: the heartbeat's own town with
    /// -InputObject, otherwise the town holding the current location.
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = FieldsSet)]
    [Parameter(Position = 0, ParameterSetName = InputObjectSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string? TownRoot { get; set; }

    /// <summary>The town root exactly as written, wildcard characters included.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FieldsLiteralSet)]
    [Parameter(Mandatory = true, ParameterSetName = InputObjectLiteralSet)]
    [Alias("LiteralPath", "LP")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string? LiteralTownRoot { get; set; }

    /// <summary>When the heartbeat was written; now in UTC when omitted. Its offset is written as given.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [Parameter(ParameterSetName = FieldsLiteralSet)]
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The wake cycle number.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [Parameter(ParameterSetName = FieldsLiteralSet)]
    [ValidateRange(0L, long.MaxValue)]
    public long Cycle { get; set; }

    /// <summary>What the Deacon did in this cycle.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [Parameter(ParameterSetName = FieldsLiteralSet)]
    [AllowEmptyString]
    public string? LastAction { get; set; }

    /// <summary>Healthy agents observed.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [Parameter(ParameterSetName = FieldsLiteralSet)]
    [ValidateRange(0, int.MaxValue)]
    public int HealthyAgents { get; set; }

    /// <summary>Unhealthy agents observed.</summary>
    [Parameter(ParameterSetName = FieldsSet)]
    [Parameter(ParameterSetName = FieldsLiteralSet)]
    [ValidateRange(0, int.MaxValue)]
    public int UnhealthyAgents { get; set; }

    /// <summary>
    /// A heartbeat to write: as Get-DeaconHeartbeat emits it, or deserialized from a job, a remote session or
    /// Import-Clixml (read by property name: TimestampUtc or Timestamp, Cycle, LastAction, HealthyAgents,
    /// UnhealthyAgents, TownRoot).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectLiteralSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>How long to wait for another writer to release the heartbeat lock.</summary>
    [Parameter]
    [DurationTransformation]
    [ValidateTimeSpan(AllowZero = true)]
    public TimeSpan LockTimeout { get; set; } = HeartbeatStore.DefaultLockTimeout;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        string? ownTown = null;
        var record = InputObject is not null
            ? FromInput(InputObject, out ownTown)
            : new HeartbeatRecord
            {
                Timestamp = MyInvocation.BoundParameters.ContainsKey(nameof(Timestamp)) ? Timestamp : DateTimeOffset.UtcNow,
                Cycle = Cycle,
                LastAction = LastAction ?? string.Empty,
                HealthyAgents = HealthyAgents,
                UnhealthyAgents = UnhealthyAgents,
            };
        if (record is null)
        {
            return;
        }

        if (TownRoot is null && LiteralTownRoot is null && InputObject is not null && string.IsNullOrEmpty(ownTown))
        {
            WriteError(NotAHeartbeat(InputObject, "it has no TownRoot; give -TownRoot"));
            return;
        }

        // -TownRoot (Fields, InputObject: wildcards) or -LiteralTownRoot (their Literal sets), else a piped heartbeat's
        // own town, taken literally; with none of these, the town holding the current location.
        var townRoot = TownRoot ?? LiteralTownRoot ?? ownTown;
        var townRoots = TownRoots.Resolve(this, townRoot is null ? null : new[] { townRoot }, literal: TownRoot is null);
        ForEachTown(townRoots, town => WriteTo(town, record), writing: true);
    }

    private void WriteTo(string townRoot, HeartbeatRecord record)
    {
        var store = new HeartbeatStore(townRoot, lockTimeout: LockTimeout);
        RequireTown(townRoot);
        if (ShouldProcess(store.FilePath, Describe(record)))
        {
            WriteObject(Written(store.Write(record, StopToken), townRoot, new PauseStore(townRoot).Observe().Pause));
        }
    }

    /// <summary>
    /// The record a piped object stands for: a live Heartbeat's own, else one read by property name, the timestamp
    /// from TimestampUtc (exact to 100 ns; a deserialized DateTimeOffset is only the culture's text) or Timestamp.
    /// </summary>
    private HeartbeatRecord? FromInput(PSObject input, out string? ownTown)
    {
        if (input.BaseObject is Heartbeat live)
        {
            ownTown = live.TownRoot;
            return live.ToRecord();
        }

        ownTown = Property<string>(input, nameof(Heartbeat.TownRoot));
        var timestamp = TimestampOf(input);
        if (timestamp is null)
        {
            WriteError(NotAHeartbeat(input, "it has neither a TimestampUtc in RFC 3339 nor a Timestamp"));
            return null;
        }

        var cycle = Property<long?>(input, nameof(Heartbeat.Cycle));
        if (cycle is null)
        {
            WriteError(NotAHeartbeat(input, "it has no whole-number Cycle"));
            return null;
        }

        return new HeartbeatRecord
        {
            Timestamp = timestamp.Value,
            Cycle = cycle.Value,
            LastAction = Property<string>(input, nameof(Heartbeat.LastAction)) ?? string.Empty,
            HealthyAgents = Property<long?>(input, nameof(Heartbeat.HealthyAgents)) ?? 0,
            UnhealthyAgents = Property<long?>(input, nameof(Heartbeat.UnhealthyAgents)) ?? 0,
        };
    }

    private static DateTimeOffset? TimestampOf(PSObject input)
    {
        if (Property<string>(input, nameof(Heartbeat.TimestampUtc)) is { } text
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var utc))
        {
            return utc;
        }

        return input.Properties[nameof(Heartbeat.Timestamp)]?.Value is { } value
            && LanguagePrimitives.TryConvertTo<DateTimeOffset>(value, CultureInfo.InvariantCulture, out var timestamp)
                ? timestamp
                : null;
    }

    private static T? Property<T>(PSObject input, string name) =>
        input.Properties[name]?.Value is { } value && LanguagePrimitives.TryConvertTo<T>(value, CultureInfo.InvariantCulture, out var converted)
            ? converted
            : default;

    private static ErrorRecord NotAHeartbeat(PSObject input, string why) =>
        new(
            new ArgumentException($"The input object is not a heartbeat: {why}. Pipe what Get-DeaconHeartbeat emits, here or from a job or remote session."),
            ErrorIds.InputNotHeartbeat,
            ErrorCategory.InvalidArgument,
            input);

    /// <summary>What -WhatIf and -Confirm show: everything the write would put in the file.</summary>
    private static string Describe(HeartbeatRecord record)
    {
        var action = record.LastAction.Length == 0 ? "no action" : $"action '{record.LastAction}'";
        var stamp = record.Timestamp == HeartbeatRecord.ZeroTimestamp
            ? "now"
            : record.Timestamp.ToString(record.Timestamp.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        return FormattableString.Invariant($"Write the Deacon heartbeat: cycle {record.Cycle}, timestamp {stamp}, {action}, {record.HealthyAgents} healthy and {record.UnhealthyAgents} unhealthy agents");
    }
}
