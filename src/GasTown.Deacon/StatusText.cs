using System;

namespace GasTown.Deacon.Commands;

/// <summary>
/// The Status column of the format views: coloured where the view asks for it. The view decides, because only
/// it can see $PSStyle.OutputRendering and NO_COLOR in the session doing the formatting.
/// </summary>
public static class StatusText
{
    private const string Escape = "\u001b[";
    private const string Reset = Escape + "0m";

    /// <summary>The status name, wrapped in an ANSI colour when <paramref name="color"/> is true.</summary>
    public static string Format(HeartbeatStatus status, bool color)
    {
        var text = status.ToString();
        if (!color)
        {
            return text;
        }

        var code = status switch
        {
            HeartbeatStatus.Fresh => "32m",
            HeartbeatStatus.Stale => "33m",
            HeartbeatStatus.VeryStale => "1;31m",
            _ => "35m",
        };
        return Escape + code + text + Reset;
    }

    /// <summary>
    /// The Status cell of a heartbeat: <c>Paused</c> (cyan) when its Deacon is paused, which matters more at a glance
    /// than the age of a beat nobody expects; else its status.
    /// </summary>
    public static string Format(HeartbeatStatus status, bool paused, bool color) =>
        !paused ? Format(status, color) : color ? Escape + "36mPaused" + Reset : "Paused";

    /// <summary>How old a heartbeat is, in words for a message: "4s old", or "dated 2m 5s ahead of this clock".</summary>
    public static string Age(TimeSpan age) =>
        age < TimeSpan.Zero ? $"dated {AgeText.Format(age.Negate())} ahead of this clock" : $"{AgeText.Format(age)} old";
}
