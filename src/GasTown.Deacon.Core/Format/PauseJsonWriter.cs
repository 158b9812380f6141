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
        HeartbeatJsonWriter.AppendOmitEmpty(text, "reason", state.Reason);
        text.Append(",\n  \"paused_at\": \"").Append(Rfc3339.Format(state.PausedAt)).Append('"');
        HeartbeatJsonWriter.AppendOmitEmpty(text, "paused_by", state.PausedBy);
        return HeartbeatJsonWriter.EndObject(text);
    }
}
