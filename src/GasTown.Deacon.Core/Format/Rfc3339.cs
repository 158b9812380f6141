using System;
using System.Globalization;

namespace GasTown.Deacon.Format;

/// <summary>
/// Timestamps the way Go's <c>time.Time</c> marshals them in JSON: RFC 3339 with up to nine fraction digits.
/// Hand-written because neither the BCL nor System.Text.Json follows Go's rules: the offset is kept as written
/// (<c>Z</c> for zero), trailing fraction zeros are trimmed, and parsing accepts exactly what Go's does (upper-case
/// <c>T</c> and <c>Z</c>, no leap seconds or impossible dates, but a one-digit hour and a comma fraction).
/// </summary>
internal static class Rfc3339
{
    /// <summary>
    /// Formats as Go's RFC3339Nano: <c>2025-12-01T10:00:00.5Z</c>, <c>2025-12-01T10:00:00+02:00</c>. The runtime's
    /// round-trip form has seven fraction digits always; Go drops trailing zeros, and the point with them.
    /// </summary>
    public static string Format(DateTimeOffset value)
    {
        var text = value.ToString("o", CultureInfo.InvariantCulture);
        var clock = text.Substring(0, 27).TrimEnd('0').TrimEnd('.');
        return value.Offset == TimeSpan.Zero ? clock + "Z" : clock + text.Substring(27);
    }

    /// <summary>
    /// Parses a timestamp as Go's <c>time.Time.UnmarshalJSON</c> does, from Go 1.20 on: it tries a strict RFC 3339
    /// parser and falls back to <c>time.Parse(time.RFC3339, s)</c> with the extra RFC 3339 checks switched off
    /// (src/time/format_rfc3339.go, parseStrictRFC3339: "case true: return t, nil", go.dev/issue/54580). The strict
    /// parser accepts a subset of what Parse accepts, with the same instants, so Parse alone decides, and this
    /// follows it for the layout <c>2006-01-02T15:04:05Z07:00</c> step by step (src/time/format.go, Parse): a
    /// one-digit hour, a comma before the fraction and offsets up to 24:60 are accepted (Go 1.19's Parse took them
    /// too); signed or larger offsets and a fraction in place of the seconds are refused, as today's Go does.
    /// Deliberate differences: year 0000 and instants outside 0001 to 9999 UTC are refused (DateTimeOffset cannot
    /// hold them), fraction digits past the seventh are truncated (100 ns ticks; Go truncates past the ninth),
    /// and an offset beyond the ±14 h that DateTimeOffset holds keeps the instant in UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value, out string error)
    {
        value = default;

        var pos = 0;

        // "2006-01-02T": the year exactly four digits (read as two pairs), month and day exactly two each (getnum
        // with fixed set).
        if (!TryFixed2(s, ref pos, out var century) || !TryFixed2(s, ref pos, out var year)
            || !Skip(s, ref pos, '-') || !TryFixed2(s, ref pos, out var month))
        {
            return NotRfc3339(out error);
        }

        year += century * 100;
        if (month is < 1 or > 12)
        {
            return Fail(out error, Invariant($"month {month} is out of range"));
        }

        if (!Skip(s, ref pos, '-') || !TryFixed2(s, ref pos, out var day) || !Skip(s, ref pos, 'T'))
        {
            return NotRfc3339(out error);
        }

        // "15": the hour takes one or two digits (getnum without fixed), so 2025-12-01T1:00:00Z is read as 01:00.
        if (!TryOneOrTwoDigits(s, ref pos, out var hour))
        {
            return NotRfc3339(out error);
        }

        if (hour > 23)
        {
            return Fail(out error, Invariant($"hour {hour} is out of range"));
        }

        if (!Skip(s, ref pos, ':') || !TryFixed2(s, ref pos, out var minute))
        {
            return NotRfc3339(out error);
        }

        if (minute > 59)
        {
            return Fail(out error, Invariant($"minute {minute} is out of range"));
        }

        // Today's Go stops at a bad seconds field; Go 1.19 let a fraction stand in for it ("10:00:.5Z").
        if (!Skip(s, ref pos, ':') || !TryFixed2(s, ref pos, out var second))
        {
            return NotRfc3339(out error);
        }

        if (second > 59)
        {
            return Fail(out error, Invariant($"second {second} is out of range (leap seconds are refused)"));
        }

        // A fraction after the seconds though the layout has none: '.' or ',' and at least one digit, all digits taken.
        long fractionTicks = 0;
        if (pos + 1 < s.Length && (s[pos] == '.' || s[pos] == ',') && IsDigit(s[pos + 1]))
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

        // "Z07:00": Z, or a sign, two digits, ':', two digits. Go checks hour <= 24 and minute <= 60 ("some people
        // do write offsets of 24 hours or 60 minutes"), so +24:00 and +00:60 are accepted and +25:00 is not.
        int offsetMinutes;
        if (pos < s.Length && s[pos] == 'Z')
        {
            pos++;
            offsetMinutes = 0;
        }
        else
        {
            var zone = s.Slice(pos);
            var at = 1;
            if (zone.Length < 6 || zone[0] is not ((byte)'+' or (byte)'-') || !TryFixed2(zone, ref at, out var offsetHours)
                || !Skip(zone, ref at, ':') || !TryFixed2(zone, ref at, out var offsetMins))
            {
                return Fail(out error, $"the time zone '{Text(zone)}' is neither Z nor an offset such as +02:00");
            }

            if (offsetHours > 24 || offsetMins > 60)
            {
                return Fail(out error, $"time zone offset {Text(zone.Slice(0, 6))} is out of range");
            }

            offsetMinutes = ((offsetHours * 60) + offsetMins) * (zone[0] == '-' ? -1 : 1);
            pos += 6;
        }

        if (pos != s.Length)
        {
            return Fail(out error, $"there is extra text '{Text(s.Slice(pos))}' after the time zone");
        }

        if (year == 0)
        {
            return Fail(out error, "year 0000 is out of the supported range 0001 to 9999");
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Fail(out error, Invariant($"day {day} is out of range for {year:D4}-{month:D2}"));
        }

        var clockTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utcTicks = clockTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return Fail(out error, "the instant is out of the supported range 0001 to 9999");
        }

        value = Math.Abs(offsetMinutes) <= 14 * 60
            ? new DateTimeOffset(clockTicks, TimeSpan.FromMinutes(offsetMinutes))
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        error = string.Empty;
        return true;
    }

    private static bool NotRfc3339(out string error) =>
        Fail(out error, "it is not an RFC 3339 date-time such as 2025-12-01T10:00:00Z");

    private static bool Fail(out string error, string message)
    {
        error = message;
        return false;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static bool Skip(ReadOnlySpan<byte> s, ref int pos, char literal)
    {
        if (pos < s.Length && s[pos] == literal)
        {
            pos++;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Go's getnum(s, fixed: true): exactly two digits. Read directly rather than by one n-digit loop for every field,
    /// which made each timestamp of the heartbeat read about a seventh slower.
    /// </summary>
    private static bool TryFixed2(ReadOnlySpan<byte> s, ref int pos, out int value)
    {
        value = 0;
        if (pos + 1 >= s.Length || !IsDigit(s[pos]) || !IsDigit(s[pos + 1]))
        {
            return false;
        }

        value = ((s[pos] - '0') * 10) + (s[pos + 1] - '0');
        pos += 2;
        return true;
    }

    /// <summary>Go's getnum(s, fixed: false): one digit, or two when the second is a digit too.</summary>
    private static bool TryOneOrTwoDigits(ReadOnlySpan<byte> s, ref int pos, out int value)
    {
        value = 0;
        if (pos >= s.Length || !IsDigit(s[pos]))
        {
            return false;
        }

        value = s[pos++] - '0';
        if (pos < s.Length && IsDigit(s[pos]))
        {
            value = (value * 10) + (s[pos++] - '0');
        }

        return true;
    }

    private static string Text(ReadOnlySpan<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8.ToArray());

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
