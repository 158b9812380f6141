using System;
using System.Globalization;
using GasTown.Deacon.Format;

namespace GasTown.Deacon;

/// <summary>
/// Durations as people type them at a prompt or in a cron line: a number of seconds (<c>300</c>, <c>1.5</c>), Go's
/// duration syntax as Gas Town's settings hold it (<c>5m</c>, <c>1h30m</c>, <c>500ms</c>), or TimeSpan text
/// (<c>00:05:00</c>, <c>1.02:00:00</c>). Always read in the invariant culture: a cron line means the same
/// whatever the locale of the machine running it.
/// </summary>
public static class DurationText
{
    /// <summary>What the accepted forms are, for error messages.</summary>
    public const string AcceptedForms =
        "a number of seconds (300, 1.5), Go duration text as in Gas Town's settings (500ms, 90s, 5m, 1h30m, 1.5h), "
        + "or a TimeSpan (00:05:00, 1.02:00:00)";

    private const NumberStyles SecondsStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>Reads <paramref name="text"/> in any of the accepted forms.</summary>
    /// <returns>False, with a message naming the accepted forms in <paramref name="error"/>, for anything else.</returns>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = $"An empty text is not a duration. Use {AcceptedForms}.";
            return false;
        }

        if (decimal.TryParse(trimmed, SecondsStyle, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromSeconds(seconds, out value, out error, trimmed);
        }

        if (GoDuration.TryParse(trimmed, out value, out _))
        {
            return true;
        }

        // "c" first so that "1.02:00:00" is read as days; the general form takes "1:02:00:00" and the like.
        if (TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out value)
            || TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        value = TimeSpan.Zero;
        error = $"'{text}' is not a duration. Use {AcceptedForms}.";
        return false;
    }

    /// <summary>A number of seconds as a TimeSpan, exact to the tick (100 ns); false when out of TimeSpan's range.</summary>
    public static bool TryFromSeconds(decimal seconds, out TimeSpan value, out string? error, string? shown = null)
    {
        const decimal limit = long.MaxValue / TimeSpan.TicksPerSecond;
        if (seconds > limit || seconds < -limit)
        {
            value = TimeSpan.Zero;
            error = $"{shown ?? seconds.ToString(CultureInfo.InvariantCulture)} seconds is out of range for a duration.";
            return false;
        }

        value = TimeSpan.FromTicks((long)decimal.Truncate(seconds * TimeSpan.TicksPerSecond));
        error = null;
        return true;
    }

    /// <summary>
    /// Formats a duration for messages in Go's style (<c>5m0s</c>, <c>1h30m0s</c>, <c>1.5s</c>), which is also a
    /// form this class reads back.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var negative = value < TimeSpan.Zero;
        var ticks = negative ? (ulong)-(value.Ticks + 1) + 1 : (ulong)value.Ticks;
        var text = string.Empty;
        if (ticks < (ulong)TimeSpan.TicksPerSecond)
        {
            // Under a second, Go picks the largest unit that keeps a whole number before the point.
            var nanoseconds = ticks * 100;
            text = nanoseconds < 1_000 ? nanoseconds.ToString(CultureInfo.InvariantCulture) + "ns"
                : nanoseconds < 1_000_000 ? Fraction(nanoseconds, 1_000) + "\u00B5s"
                : Fraction(nanoseconds, 1_000_000) + "ms";
        }
        else
        {
            var hours = ticks / (ulong)TimeSpan.TicksPerHour;
            var minutes = ticks / (ulong)TimeSpan.TicksPerMinute % 60;
            var secondTicks = ticks % (ulong)TimeSpan.TicksPerMinute;
            if (hours > 0)
            {
                text += hours.ToString(CultureInfo.InvariantCulture) + "h";
            }

            if (hours > 0 || minutes > 0)
            {
                text += minutes.ToString(CultureInfo.InvariantCulture) + "m";
            }

            text += Fraction(secondTicks, (ulong)TimeSpan.TicksPerSecond) + "s";
        }

        return negative ? "-" + text : text;
    }

    private static string Fraction(ulong value, ulong unit)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var rest = value % unit;
        if (rest == 0)
        {
            return whole;
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
