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
    private enum Field
    {
        Unknown,
        Paused,
        Reason,
        PausedAt,
        PausedBy,
    }

    /// <summary>Parses the bytes of a pause file; <paramref name="path"/> is only used in error messages.</summary>
    /// <exception cref="PauseInvalidException">The bytes are not a pause file Go would accept.</exception>
    public static PauseState Parse(ReadOnlySpan<byte> utf8, string path)
    {
        utf8 = JsonText.WithoutBom(utf8);
        if (JsonText.IsBlank(utf8))
        {
            throw new PauseInvalidException(path, "the file is empty; a pause file is a JSON object.");
        }

        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(JsonText.ReaderOptions));
        try
        {
            return ReadDocument(ref reader, utf8, path);
        }
        catch (JsonException ex)
        {
            throw new PauseInvalidException(path, JsonText.Problem(ex));
        }
    }

    private static PauseState ReadDocument(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string path)
    {
        reader.Read();
        PauseState state;
        if (reader.TokenType == JsonTokenType.Null)
        {
            // Go unmarshals a bare null into the zero state without complaint: not paused.
            state = new PauseState();
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            state = ReadObject(ref reader, utf8, path);
        }
        else
        {
            throw Invalid(path, utf8, reader, $"a pause file is a JSON object, but this one holds {Describe(reader.TokenType)}");
        }

        // Anything but whitespace after the value makes the reader throw, as Go refuses it too.
        if (reader.Read())
        {
            throw Invalid(path, utf8, reader, "there is more data after the object");
        }

        return state;
    }

    private static PauseState ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string path)
    {
        var paused = false;
        var reason = string.Empty;
        var pausedAt = HeartbeatRecord.ZeroTimestamp;
        var pausedBy = string.Empty;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(ref reader);
            reader.Read();
            if (field == Field.Unknown)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            switch (field)
            {
                case Field.Paused:
                    paused = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw Invalid(path, utf8, reader, $"paused must be true or false, but it is {Describe(reader.TokenType)}"),
                    };
                    break;
                case Field.Reason:
                    if (JsonText.ReadString(ref reader, "reason", out reason) is { } badReason)
                    {
                        throw Invalid(path, utf8, reader, badReason);
                    }

                    break;
                case Field.PausedAt:
                    if (JsonText.ReadTimestamp(ref reader, "paused_at", out pausedAt) is { } badTime)
                    {
                        throw Invalid(path, utf8, reader, badTime);
                    }

                    break;
                case Field.PausedBy:
                    if (JsonText.ReadString(ref reader, "paused_by", out pausedBy) is { } badBy)
                    {
                        throw Invalid(path, utf8, reader, badBy);
                    }

                    break;
            }
        }

        return new PauseState { Paused = paused, Reason = reason, PausedAt = pausedAt, PausedBy = pausedBy };
    }

    /// <summary>
    /// Go matches keys by its own case folding (<see cref="GoKeyFold"/>), after decoding them by its rules: a key of
    /// invalid text is no key Go knows, and is skipped as any unknown key is.
    /// </summary>
    private static Field Match(ref Utf8JsonReader reader) =>
        GoKeyFold.FoldToAscii(GoJsonString.Decode(reader.ValueSpan)) switch
        {
            "PAUSED" => Field.Paused,
            "REASON" => Field.Reason,
            "PAUSED_AT" => Field.PausedAt,
            "PAUSED_BY" => Field.PausedBy,
            _ => Field.Unknown,
        };

    private static PauseInvalidException Invalid(string path, ReadOnlySpan<byte> utf8, Utf8JsonReader reader, string what) =>
        new(path, what + JsonText.Where(utf8, reader));

    private static string Describe(JsonTokenType token) => JsonText.Describe(token);
}
