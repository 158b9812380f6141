using System;
using System.Text.Json;
using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Format;

/// <summary>
/// Reads a pause file as Go's <c>json.Unmarshal</c> into Gas Town's PauseState does: keys matched
/// case-insensitively (Go's folding), unknown keys skipped, null and missing keys leaving zero values, a top-level
/// <c>null</c> giving the zero state; wrong types, bad timestamps and anything after the object refused. A UTF-8
/// BOM is skipped, as the heartbeat reader does, since Windows tools write one.
/// </summary>
internal static class PauseJsonReader
{
    private static readonly string[] Keys = { "PAUSED", "REASON", "PAUSED_AT", "PAUSED_BY" };

    /// <summary>Parses the bytes of a pause file; <paramref name="path"/> is only used in error messages.</summary>
    /// <exception cref="PauseInvalidException">The bytes are not a pause file Go would accept.</exception>
    public static PauseState Parse(ReadOnlySpan<byte> utf8, string path)
    {
        var paused = false;
        var reason = string.Empty;
        var pausedAt = HeartbeatRecord.ZeroTimestamp;
        var pausedBy = string.Empty;
        JsonText.ReadGoObject(
            utf8,
            ("a pause file", "this one holds", "the object"),
            Keys,
            what => new PauseInvalidException(path, what),
            (int key, ref Utf8JsonReader reader) => key switch
            {
                0 => ReadBoolean(ref reader, out paused),
                1 => JsonText.ReadString(ref reader, "reason", out reason),
                2 => JsonText.ReadTimestamp(ref reader, "paused_at", out pausedAt),
                _ => JsonText.ReadString(ref reader, "paused_by", out pausedBy),
            });

        return new PauseState { Paused = paused, Reason = reason, PausedAt = pausedAt, PausedBy = pausedBy };
    }

    private static string? ReadBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False
            ? null
            : $"paused must be true or false, but it is {JsonText.Describe(reader.TokenType)}";
    }
}
