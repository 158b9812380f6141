using System.Globalization;
using System.Text;

namespace GasTown.Deacon.Format;

/// <summary>
/// Writes a heartbeat byte for byte as Go's <c>json.MarshalIndent(hb, "", "  ")</c> does. The shape is fixed
/// (five keys), so the bytes are laid out here rather than through Utf8JsonWriter: System.Text.Json 8 writes
/// the platform's line ending and upper-case hex escapes, and escapes a different set of characters than Go.
/// </summary>
internal static class HeartbeatJsonWriter
{
    private const string Hex = "0123456789abcdef";

    /// <summary>The file's bytes for <paramref name="record"/>: UTF-8 without BOM, <c>\n</c> line ends, no trailing newline.</summary>
    public static byte[] Serialize(HeartbeatRecord record)
    {
        var text = new StringBuilder(160 + record.LastAction.Length);
        text.Append("{\n  \"timestamp\": \"").Append(Rfc3339.Format(record.Timestamp));
        text.Append("\",\n  \"cycle\": ").Append(Integer(record.Cycle));
        AppendOmitEmpty(text, "last_action", record.LastAction);
        text.Append(",\n  \"healthy_agents\": ").Append(Integer(record.HealthyAgents));
        text.Append(",\n  \"unhealthy_agents\": ").Append(Integer(record.UnhealthyAgents));
        return EndObject(text);
    }

    /// <summary>
    /// A string member after the first, as Go writes a field tagged <c>omitempty</c>: <c>,\n  "key": "value"</c>, or
    /// nothing when the value is empty.
    /// </summary>
    internal static void AppendOmitEmpty(StringBuilder text, string key, string value)
    {
        if (value.Length != 0)
        {
            text.Append(",\n  \"").Append(key).Append("\": \"");
            AppendEscaped(text, value);
            text.Append('"');
        }
    }

    /// <summary>The object closed and encoded: every character that could not be encoded was escaped, so plain UTF-8 is exact.</summary>
    internal static byte[] EndObject(StringBuilder text) => Encoding.UTF8.GetBytes(text.Append("\n}").ToString());

    /// <summary>
    /// A JSON integer. StringBuilder.Append(long) formats with the current culture, whose minus sign can be
    /// U+2212 (sv-SE) or carry direction marks (fa-IR, ar-SA); JSON and Go want ASCII '-' and digits.
    /// </summary>
    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Go's string escaping (Go 1.22 and later) with HTML escaping on, as encoding/json uses by default.</summary>
    private static void AppendEscaped(StringBuilder text, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b", // Go 1.22 and later (encode.go, appendString); Go 1.19 wrote \u0008 and \u000c.
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                _ => null,
            };
            if (escape is not null)
            {
                text.Append(escape);
            }
            else if (c < ' ')
            {
                text.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                // A lone surrogate is not text; Go writes invalid UTF-8 as an escaped replacement character.
                text.Append("\\ufffd");
            }
            else
            {
                text.Append(c);
            }
        }
    }
}
