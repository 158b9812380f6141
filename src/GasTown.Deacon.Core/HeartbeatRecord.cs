using System;
using GasTown.Deacon.Format;

namespace GasTown.Deacon;

/// <summary>
/// The five fields of <c>deacon/heartbeat.json</c>, exactly as Gas Town's Go <c>Heartbeat</c> struct holds them.
/// Counts are 64-bit because Go's <c>int</c> is, so every file Go accepts can be read and written back unchanged.
/// </summary>
public sealed record HeartbeatRecord
{
    /// <summary>Go's zero <c>time.Time</c>, 0001-01-01T00:00:00Z: what a file without a timestamp holds.</summary>
    public static readonly DateTimeOffset ZeroTimestamp = DateTimeOffset.MinValue;

    /// <summary>When the heartbeat was written.</summary>
    public DateTimeOffset Timestamp { get; init; } = ZeroTimestamp;

    /// <summary>The Deacon's wake cycle number.</summary>
    public long Cycle { get; init; }

    /// <summary>What the Deacon did in this cycle; empty when nothing was said (the key is then left out of the file).</summary>
    public string LastAction { get; init; } = string.Empty;

    /// <summary>Healthy agents the Deacon observed.</summary>
    public long HealthyAgents { get; init; }

    /// <summary>Unhealthy agents the Deacon observed.</summary>
    public long UnhealthyAgents { get; init; }

    /// <summary>
    /// Field by field, the timestamp's offset included: two files that name the same instant in different offsets
    /// are different bytes (a record's own equality would compare only the instants).
    /// </summary>
    public bool Equals(HeartbeatRecord? other) =>
        other is not null
        && Timestamp.Equals(other.Timestamp)
        && Timestamp.Offset == other.Timestamp.Offset
        && Cycle == other.Cycle
        && string.Equals(LastAction, other.LastAction, StringComparison.Ordinal)
        && HealthyAgents == other.HealthyAgents
        && UnhealthyAgents == other.UnhealthyAgents;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = Timestamp.UtcTicks.GetHashCode();
            hash = (hash * 397) ^ Cycle.GetHashCode();
            hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(LastAction);
            hash = (hash * 397) ^ HealthyAgents.GetHashCode();
            return (hash * 397) ^ UnhealthyAgents.GetHashCode();
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"cycle {Cycle} at {Rfc3339.Format(Timestamp)}" + (LastAction.Length == 0 ? string.Empty : $": {LastAction}");
}
