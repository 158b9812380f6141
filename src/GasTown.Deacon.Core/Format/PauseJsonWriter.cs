using System;
using System.Text;

namespace GasTown.Deacon.Format;

/// <summary>
/// Writes a pause file byte for byte as Go's <c>json.MarshalIndent(state, "", "  ")</c> does in Gas Town's
/// <c>Pause</c>: keys <c>paused</c>, <c>reason</c> (left out when empty), <c>paused_at</c>, <c>paused_by</c> (left
/// out when empty); two-space indent, <c>\n</c> line ends, no trailing newline, Go's string escaping.
/// </summary>
internal static class PauseJsonWriter
{
    /// <summary>The file's bytes for <paramref name="state"/>: UTF-8 without BOM.</summary>
    public static byte[] Serialize(PauseState state)
    {
        var text = new StringBuilder(96 + state.Reason.Length + state.PausedBy.Length);
        text.Append("{\n  \"paused\": ").Append(state.Paused ? "true" : "false");
        if (state.Reason.Length != 0)
        {
            text.Append(",\n  \"reason\": \"");
            HeartbeatJsonWriter.AppendEscaped(text, state.Reason);
            text.Append('"');
        }

        text.Append(",\n  \"paused_at\": \"").Append(Rfc3339.Format(state.PausedAt)).Append('"');
        if (state.PausedBy.Length != 0)
        {
            text.Append(",\n  \"paused_by\": \"");
            HeartbeatJsonWriter.AppendEscaped(text, state.PausedBy);
            text.Append('"');
        }

        text.Append("\n}");

        // Every character that could not be encoded was escaped above, so plain UTF-8 is exact.
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
