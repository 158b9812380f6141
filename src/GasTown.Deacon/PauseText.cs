using System;
using System.Globalization;

namespace GasTown.Deacon.Commands;

/// <summary>A pause in words for messages: who paused the Deacon, when, how long ago and why.</summary>
internal static class PauseText
{
    /// <summary>"paused by human at 2026-04-01T12:00:00Z (5m 2s ago): maintenance window".</summary>
    public static string Describe(PauseState pause, DateTimeOffset now)
    {
        var text = "paused";
        text += pause.PausedBy.Length == 0 ? " (by whom, the file does not say)" : " by " + pause.PausedBy;
        if (pause.PausedAt == HeartbeatRecord.ZeroTimestamp)
        {
            text += ", when the file does not say";
        }
        else
        {
            var at = pause.PausedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var age = HeartbeatThresholds.AgeOf(pause.PausedAt, now);
            text += age < TimeSpan.Zero ? $" at {at} ({AgeText.Format(age)}, by this machine's clock)" : $" at {at} ({AgeText.Format(age)} ago)";
        }

        return text + (pause.Reason.Length == 0 ? ", no reason given" : ": " + pause.Reason);
    }

    /// <summary><paramref name="text"/> ending in a full stop, so that another sentence can follow it.</summary>
    public static string Sentence(string text) =>
        text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
}
