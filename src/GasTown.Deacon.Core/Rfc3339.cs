using System;

namespace GasTown.Deacon;

/// <summary>
/// Timestamps the way Go's <c>time.Time</c> marshals them in JSON: RFC 3339 with up to nine fraction digits.
/// Hand-written because neither the BCL nor System.Text.Json follows Go's rules: the offset is kept as written
/// (<c>Z</c> for zero), trailing fraction zeros are trimmed, and parsing is as strict as Go's (upper-case
/// <c>T</c> and <c>Z</c>, leap seconds and impossible dates refused).
/// </summary>
internal static class Rfc3339
{
    private const int TicksDigits = 7;

    /// <summary>Formats as Go's RFC3339Nano: <c>2025-12-01T10:00:00.5Z</c>, <c>2025-12-01T10:00:00+02:00</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var buffer = new char[33];
        var length = Format(value, buffer);
        return new string(buffer, 0, length);
    }

    /// <summary>Formats into <paramref name="destination"/> (33 chars at least) and returns the length written.</summary>
    public static int Format(DateTimeOffset value, Span<char> destination)
    {
        var clock = value.DateTime;
        var pos = 0;
        Write4(destination, ref pos, clock.Year);
        destination[pos++] = '-';
        Write2(destination, ref pos, clock.Month);
        destination[pos++] = '-';
        Write2(destination, ref pos, clock.Day);
        destination[pos++] = 'T';
        Write2(destination, ref pos, clock.Hour);
        destination[pos++] = ':';
        Write2(destination, ref pos, clock.Minute);
        destination[pos++] = ':';
        Write2(destination, ref pos, clock.Second);

        var fraction = (int)(clock.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = TicksDigits;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[pos++] = '.';
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[pos + i] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            pos += digits;
        }

        var offsetMinutes = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        if (offsetMinutes == 0)
        {
            destination[pos++] = 'Z';
            return pos;
        }

        destination[pos++] = offsetMinutes < 0 ? '-' : '+';
        offsetMinutes = Math.Abs(offsetMinutes);
        Write2(destination, ref pos, offsetMinutes / 60);
        destination[pos++] = ':';
        Write2(destination, ref pos, offsetMinutes % 60);
        return pos;
    }

    /// <summary>
    /// Parses RFC 3339 text as Go's <c>time.Time.UnmarshalJSON</c> does. Fraction digits past the seventh are
    /// truncated (the BCL counts 100 ns ticks); an offset beyond what <see cref="DateTimeOffset"/> holds (±14 h)
    /// keeps the instant in UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value, out string error)
    {
        value = default;
        if (s.Length < 20
            || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            error = "it is not an RFC 3339 date-time such as 2025-12-01T10:00:00Z";
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = $"month {month} is out of range";
            return false;
        }

        if (year == 0)
        {
            error = "year 0000 is out of the supported range 0001 to 9999";
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"day {day} is out of range for {year:D4}-{month:D2}";
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            error = $"time of day {hour:D2}:{minute:D2}:{second:D2} is out of range";
            return false;
        }

        var pos = 19;
        long fractionTicks = 0;
        if (pos + 1 < s.Length && s[pos] == '.' && IsDigit(s[pos + 1]))
        {
            pos++;
            var scale = TimeSpan.TicksPerSecond;
            while (pos < s.Length && IsDigit(s[pos]))
            {
                scale /= 10;
                fractionTicks += (s[pos] - '0') * scale;
                pos++;
            }
        }

        var zone = s.Slice(pos);
        int offsetMinutes;
        if (zone.Length == 1 && zone[0] == 'Z')
        {
            offsetMinutes = 0;
        }
        else if (zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':'
                 && TryDigits(zone, 1, 2, out var offsetHours) && TryDigits(zone, 4, 2, out var offsetMins))
        {
            if (offsetHours > 23 || offsetMins > 59)
            {
                error = $"time zone offset {Text(zone)} is out of range";
                return false;
            }

            offsetMinutes = (offsetHours * 60 + offsetMins) * (zone[0] == '-' ? -1 : 1);
        }
        else
        {
            error = $"the time zone '{Text(zone)}' is neither Z nor an offset such as +02:00";
            return false;
        }

        var clockTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utcTicks = clockTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            error = "the instant is out of the supported range 0001 to 9999";
            return false;
        }

        value = Math.Abs(offsetMinutes) <= 14 * 60
            ? new DateTimeOffset(clockTicks, TimeSpan.FromMinutes(offsetMinutes))
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        error = string.Empty;
        return true;
    }

    private static string Text(ReadOnlySpan<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8.ToArray());

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static void Write2(Span<char> destination, ref int pos, int value)
    {
        destination[pos++] = (char)('0' + (value / 10));
        destination[pos++] = (char)('0' + (value % 10));
    }

    private static void Write4(Span<char> destination, ref int pos, int value)
    {
        Write2(destination, ref pos, value / 100);
        Write2(destination, ref pos, value % 100);
    }
}
