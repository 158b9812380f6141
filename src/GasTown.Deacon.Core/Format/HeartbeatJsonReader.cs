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
    private enum Field
    {
        Unknown,
        Timestamp,
        Cycle,
        LastAction,
        HealthyAgents,
        UnhealthyAgents,
    }

    /// <summary>Parses the bytes of a heartbeat file; <paramref name="path"/> is only used in error messages.</summary>
    /// <exception cref="HeartbeatInvalidException">The bytes are not a heartbeat Go would accept.</exception>
    public static HeartbeatRecord Parse(ReadOnlySpan<byte> utf8, string path)
    {
        utf8 = JsonText.WithoutBom(utf8);
        if (JsonText.IsBlank(utf8))
        {
            throw new HeartbeatInvalidException(path, "the file is empty; a heartbeat is a JSON object.");
        }

        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(JsonText.ReaderOptions));
        try
        {
            return ReadDocument(ref reader, utf8, path);
        }
        catch (JsonException ex)
        {
            throw new HeartbeatInvalidException(path, JsonText.Problem(ex));
        }
    }

    private static HeartbeatRecord ReadDocument(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string path)
    {
        reader.Read();
        HeartbeatRecord record;
        if (reader.TokenType == JsonTokenType.Null)
        {
            // Go unmarshals a bare null into the zero heartbeat without complaint.
            record = new HeartbeatRecord();
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            record = ReadObject(ref reader, utf8, path);
        }
        else
        {
            throw Invalid(path, utf8, reader, $"a heartbeat is a JSON object, but the file holds {Describe(reader.TokenType)}");
        }

        // Anything but whitespace after the value makes the reader throw, as Go refuses it too.
        if (reader.Read())
        {
            throw Invalid(path, utf8, reader, "there is more data after the heartbeat object");
        }

        return record;
    }

    private static HeartbeatRecord ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string path)
    {
        var timestamp = HeartbeatRecord.ZeroTimestamp;
        long cycle = 0, healthy = 0, unhealthy = 0;
        var lastAction = string.Empty;

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
                case Field.Timestamp:
                    if (JsonText.ReadTimestamp(ref reader, "timestamp", out timestamp) is { } badTimestamp)
                    {
                        throw Invalid(path, utf8, reader, badTimestamp);
                    }

                    break;
                case Field.Cycle:
                    cycle = ReadInteger(ref reader, utf8, path, "cycle");
                    break;
                case Field.LastAction:
                    if (JsonText.ReadString(ref reader, "last_action", out lastAction) is { } badAction)
                    {
                        throw Invalid(path, utf8, reader, badAction);
                    }

                    break;
                case Field.HealthyAgents:
                    healthy = ReadInteger(ref reader, utf8, path, "healthy_agents");
                    break;
                case Field.UnhealthyAgents:
                    unhealthy = ReadInteger(ref reader, utf8, path, "unhealthy_agents");
                    break;
            }
        }

        return new HeartbeatRecord
        {
            Timestamp = timestamp,
            Cycle = cycle,
            LastAction = lastAction,
            HealthyAgents = healthy,
            UnhealthyAgents = unhealthy,
        };
    }

    private static long ReadInteger(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string path, string name)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Invalid(path, utf8, reader, $"{name} must be an integer, but it is {Describe(reader.TokenType)}");
        }

        var literal = reader.ValueSpan;
        if (literal.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            throw Invalid(path, utf8, reader, $"{name} must be an integer, but it is {Encoding.UTF8.GetString(literal.ToArray())}");
        }

        if (!reader.TryGetInt64(out var value))
        {
            throw Invalid(path, utf8, reader, $"{name} {Encoding.UTF8.GetString(literal.ToArray())} is out of the 64-bit integer range");
        }

        return value;
    }

    /// <summary>
    /// Go matches keys by its own case folding (<see cref="GoKeyFold"/>), after decoding them by its rules: a key of
    /// invalid text is no key Go knows, and is skipped as any unknown key is.
    /// </summary>
    private static Field Match(ref Utf8JsonReader reader) =>
        GoKeyFold.FoldToAscii(GoJsonString.Decode(reader.ValueSpan)) switch
        {
            "TIMESTAMP" => Field.Timestamp,
            "CYCLE" => Field.Cycle,
            "LAST_ACTION" => Field.LastAction,
            "HEALTHY_AGENTS" => Field.HealthyAgents,
            "UNHEALTHY_AGENTS" => Field.UnhealthyAgents,
            _ => Field.Unknown,
        };

    private static HeartbeatInvalidException Invalid(string path, ReadOnlySpan<byte> utf8, Utf8JsonReader reader, string what) =>
        new(path, what + JsonText.Where(utf8, reader));

    private static string Describe(JsonTokenType token) => JsonText.Describe(token);
}
