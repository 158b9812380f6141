using System;
using GasTown.Deacon.Format;

namespace GasTown.Deacon;

/// <summary>
/// The four fields of <c>.runtime/deacon/paused.json</c>, exactly as Gas Town's Go <c>PauseState</c> struct holds
/// them. While <see cref="Paused"/> is true the Deacon must not patrol: it is not poked, and it does not beat.
/// </summary>
public sealed record PauseState
{
    /// <summary>True while the Deacon is paused. A file that says false leaves the Deacon running, as in Go.</summary>
    public bool Paused { get; init; }

    /// <summary>Why the Deacon was paused; empty when nothing was said (the key is then left out of the file).</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>When the Deacon was paused; Go's zero time (<see cref="HeartbeatRecord.ZeroTimestamp"/>) when the file does not say.</summary>
    public DateTimeOffset PausedAt { get; init; } = HeartbeatRecord.ZeroTimestamp;

    /// <summary>Who paused the Deacon (for example human or mayor); empty when nothing was said.</summary>
    public string PausedBy { get; init; } = string.Empty;

    /// <summary>Field by field, the offset of <see cref="PausedAt"/> included, as the file's bytes would differ.</summary>
    public bool Equals(PauseState? other) =>
        other is not null
        && Paused == other.Paused
        && string.Equals(Reason, other.Reason, StringComparison.Ordinal)
        && PausedAt.Equals(other.PausedAt)
        && PausedAt.Offset == other.PausedAt.Offset
        && string.Equals(PausedBy, other.PausedBy, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = Paused.GetHashCode();
            hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Reason);
            hash = (hash * 397) ^ PausedAt.UtcTicks.GetHashCode();
            return (hash * 397) ^ StringComparer.Ordinal.GetHashCode(PausedBy);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (!Paused)
        {
            return "not paused";
        }

        var text = "paused";
        if (PausedBy.Length != 0)
        {
            text += " by " + PausedBy;
        }

        if (PausedAt != HeartbeatRecord.ZeroTimestamp)
        {
            text += " at " + Rfc3339.Format(PausedAt);
        }

        return Reason.Length == 0 ? text : $"{text}: {Reason}";
    }
}
