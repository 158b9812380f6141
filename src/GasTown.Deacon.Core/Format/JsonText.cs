using System;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GasTown.Deacon.Format;

/// <summary>
/// What the readers of the three files Gas Town keeps (the heartbeat, the pause, the town's settings) do alike: skip
/// a BOM, tell an empty file, read a string as Go reads it, and say what they found and where in the same words.
/// </summary>
internal static class JsonText
{
    /// <summary>
    /// How the readers read: as strictly as Go (no comments, no trailing commas) and as deep (Go's nesting limit is
    /// 10,000).
    /// </summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 10000,
    };

    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    /// <summary>Reads the value of the known key at <paramref name="key"/> (never null); returns what is wrong with it, or null.</summary>
    public delegate string? ValueReader(int key, ref Utf8JsonReader reader);

    /// <summary>
    /// Reads <paramref name="utf8"/> as Go's <c>json.Unmarshal</c> reads it into a struct: a BOM skipped, an empty file
    /// refused, a bare <c>null</c> leaving the zero value, an object's keys matched by Go's folding against
    /// <paramref name="keys"/> (upper-case ASCII) after decoding them by Go's rules (a key of invalid text is no key Go
    /// knows), unknown keys and null values skipped, each known key's value given to <paramref name="read"/>, anything
    /// after the value refused. Whatever the bytes, what is wrong is thrown as <paramref name="invalid"/> makes it,
    /// with where, and never another exception. The shape's words: what the file must be ("a heartbeat"), how to say
    /// what it held instead ("the file holds"), and what data may not follow ("the heartbeat object").
    /// </summary>
    public static void ReadGoObject(
        ReadOnlySpan<byte> utf8, (string Kind, string Holds, string Value) shape, string[] keys, Func<string, Exception> invalid, ValueReader read)
    {
        utf8 = WithoutBom(utf8);
        if (IsBlank(utf8))
        {
            throw invalid($"the file is empty; {shape.Kind} is a JSON object.");
        }

        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.ValueIsEscaped ? -2 : AsciiKey(reader.ValueSpan, keys);
                    if (key == -2)
                    {
                        key = Array.IndexOf(keys, GoKeyFold.FoldToAscii(GoJsonString.Decode(reader.ValueSpan)));
                    }
                    reader.Read();
                    if (key < 0)
                    {
                        reader.Skip();
                    }
                    else if (reader.TokenType != JsonTokenType.Null && read(key, ref reader) is { } problem)
                    {
                        throw invalid(problem + Where(utf8, reader));
                    }
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw invalid($"{shape.Kind} is a JSON object, but {shape.Holds} {Describe(reader.TokenType)}{Where(utf8, reader)}");
            }

            // Anything but whitespace after the value makes the reader throw, as Go refuses it too.
            if (reader.Read())
            {
                throw invalid($"there is more data after {shape.Value}{Where(utf8, reader)}");
            }
        }
        catch (JsonException ex)
        {
            throw invalid(Problem(ex));
        }
    }

    /// <summary>The bytes less a UTF-8 BOM, which Windows tools write and Go would refuse; it is accepted on purpose.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) =>
        utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? utf8.Slice(3) : utf8;

    /// <summary>Whether the bytes hold nothing but JSON whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The string the reader is on, decoded by Go's rules: the reader's own would throw on a lone surrogate escape or
    /// invalid UTF-8, where Go reads U+FFFD. Plain ASCII, nearly every file's, needs no decoding beyond widening.
    /// </summary>
    public static string GoString(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && IsAscii(reader.ValueSpan) ? Encoding.ASCII.GetString(reader.ValueSpan.ToArray()) : GoJsonString.Decode(reader.ValueSpan);

    /// <summary>
    /// The index in <paramref name="keys"/> of a plain ASCII key, matched as Go folds ASCII (case aside, exactly), or
    /// -1 for none; -2 when the key is not plain ASCII and must be folded by Go's full rules.
    /// </summary>
    private static int AsciiKey(ReadOnlySpan<byte> name, string[] keys)
    {
        if (!IsAscii(name))
        {
            return -2;
        }

        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            var i = 0;
            while (i < key.Length && i < name.Length && (name[i] is >= (byte)'a' and <= (byte)'z' ? name[i] - 32 : name[i]) == key[i])
            {
                i++;
            }

            if (i == key.Length && i == name.Length)
            {
                return k;
            }
        }

        return -1;
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The string the reader is on, for the key <paramref name="name"/>, as <see cref="GoString"/> reads it. Returns
    /// null, or what is wrong (not a string), naming the key.
    /// </summary>
    public static string? ReadString(ref Utf8JsonReader reader, string name, out string value)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        value = isString ? GoString(ref reader) : string.Empty;
        return isString ? null : $"{name} must be a string, but it is {Describe(reader.TokenType)}";
    }

    /// <summary>
    /// The RFC 3339 time the reader is on, for the key <paramref name="name"/>, as Go's time.Time unmarshals it.
    /// Returns null, or what is wrong (not a string, not a valid time), naming the key.
    /// </summary>
    public static string? ReadTimestamp(ref Utf8JsonReader reader, string name, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"{name} must be an RFC 3339 string, but it is {Describe(reader.TokenType)}";
        }

        // Go parses the raw bytes between the quotes without unescaping them, so an escaped time fails there too.
        var raw = reader.ValueSpan;
        return Rfc3339.TryParse(raw, out value, out var error)
            ? null
            : $"{name} \"{Encoding.UTF8.GetString(raw.ToArray())}\" is not valid: {error}";
    }

    /// <summary>Where the token the reader is on starts: " (line L, column C)", both from 1.</summary>
    public static string Where(ReadOnlySpan<byte> utf8, Utf8JsonReader reader)
    {
        var offset = (int)reader.TokenStartIndex;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < utf8.Length; i++)
        {
            if (utf8[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return FormattableString.Invariant($" (line {line}, column {offset - lineStart + 1})");
    }

    /// <summary>
    /// What the JSON reader said, on one line (it quotes the text it choked on, line breaks and all), without its own
    /// location in its own words, and with the place as the module says it.
    /// </summary>
    public static string Problem(JsonException exception)
    {
        var message = exception.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = Whitespace.Replace(at < 0 ? message : message.Substring(0, at), " ").Trim().TrimEnd('.');
        return FormattableString.Invariant($"{message} (line {(exception.LineNumber ?? 0) + 1}, column {(exception.BytePositionInLine ?? 0) + 1})");
    }

    /// <summary>A token's kind in words: "an object", "a number", "null".</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>A value's kind in words, as <see cref="Describe(JsonTokenType)"/> says it.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
