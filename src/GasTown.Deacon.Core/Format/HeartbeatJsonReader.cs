using System;
using System.Text;
using System.Text.Json;
using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Format;

/// <summary>
/// Reads heartbeat JSON with the leniency and the strictness of Go's <c>json.Unmarshal</c> into the Heartbeat
/// struct: keys matched case-insensitively (Go's folding), unknown keys skipped, null and missing keys leaving
/// zero values, a top-level <c>null</c> giving the zero heartbeat; wrong types, fractions, quoted numbers,
/// trailing data and bad timestamps refused; broken text (lone surrogate escapes, invalid UTF-8) read as Go reads it,
/// with U+FFFD. A UTF-8 BOM is skipped, as Windows tools write one. Whatever the bytes, the result is a record or a
/// <see cref="HeartbeatInvalidException"/> that says where: never another exception.
/// </summary>
internal static class HeartbeatJsonReader
{
    private static readonly string[] Keys = { "TIMESTAMP", "CYCLE", "LAST_ACTION", "HEALTHY_AGENTS", "UNHEALTHY_AGENTS" };

    /// <summary>Parses the bytes of a heartbeat file; <paramref name="path"/> is only used in error messages.</summary>
    /// <exception cref="HeartbeatInvalidException">The bytes are not a heartbeat Go would accept.</exception>
    public static HeartbeatRecord Parse(ReadOnlySpan<byte> utf8, string path)
    {
        var timestamp = HeartbeatRecord.ZeroTimestamp;
        long cycle = 0, healthy = 0, unhealthy = 0;
        var lastAction = string.Empty;
        JsonText.ReadGoObject(
            utf8,
            ("a heartbeat", "the file holds", "the heartbeat object"),
            Keys,
            what => new HeartbeatInvalidException(path, what),
            (int key, ref Utf8JsonReader reader) => key switch
            {
                0 => JsonText.ReadTimestamp(ref reader, "timestamp", out timestamp),
                1 => ReadInteger(ref reader, "cycle", out cycle),
                2 => JsonText.ReadString(ref reader, "last_action", out lastAction),
                3 => ReadInteger(ref reader, "healthy_agents", out healthy),
                _ => ReadInteger(ref reader, "unhealthy_agents", out unhealthy),
            });

        return new HeartbeatRecord
        {
            Timestamp = timestamp,
            Cycle = cycle,
            LastAction = lastAction,
            HealthyAgents = healthy,
            UnhealthyAgents = unhealthy,
        };
    }

    /// <summary>A JSON integer as Go reads one into an int64: no fraction or exponent, in range. Returns what is wrong, or null.</summary>
    private static string? ReadInteger(ref Utf8JsonReader reader, string name, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return $"{name} must be an integer, but it is {JsonText.Describe(reader.TokenType)}";
        }

        var literal = reader.ValueSpan;
        if (literal.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            return $"{name} must be an integer, but it is {Encoding.UTF8.GetString(literal.ToArray())}";
        }

        return reader.TryGetInt64(out value) ? null : $"{name} {Encoding.UTF8.GetString(literal.ToArray())} is out of the 64-bit integer range";
    }
}
