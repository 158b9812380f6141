using System;

namespace GasTown.Deacon.Format;

/// <summary>
/// Go's duration syntax, exactly as <c>time.ParseDuration</c> reads it (<c>500ms</c>, <c>90s</c>, <c>5m</c>,
/// <c>1h30m</c>, <c>1.5h</c>, <c>-2m3.4s</c>): Gas Town writes durations this way in its settings. Ported from
/// Go's <c>src/time/format.go</c> (ParseDuration, leadingInt, leadingFraction) so that the same text gives the
/// same nanoseconds, float rounding of fractions and overflow errors included.
/// </summary>
internal static class GoDuration
{
    private const ulong Nanosecond = 1;
    private const ulong Microsecond = 1000 * Nanosecond;
    private const ulong Millisecond = 1000 * Microsecond;
    private const ulong Second = 1000 * Millisecond;
    private const ulong Minute = 60 * Second;
    private const ulong Hour = 60 * Minute;
    private const ulong MinusMinValue = 1UL << 63;

    /// <summary>Parses <paramref name="text"/> as Go would, to nanoseconds.</summary>
    /// <returns>False, with Go's reason in <paramref name="error"/>, when Go's ParseDuration returns an error.</returns>
    public static bool TryParseNanoseconds(string? text, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        error = null;
        var s = text ?? string.Empty;
        var invalid = $"invalid duration \"{s}\"";
        var pos = 0;
        var negative = false;
        if (s.Length != 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            pos = 1;
        }

        // Go's special case: a bare zero needs no unit.
        if (s.Length - pos == 1 && s[pos] == '0')
        {
            return true;
        }

        if (pos == s.Length)
        {
            error = invalid;
            return false;
        }

        ulong total = 0;
        while (pos < s.Length)
        {
            if (!(s[pos] == '.' || IsDigit(s[pos])))
            {
                error = invalid;
                return false;
            }

            var start = pos;
            if (!LeadingInt(s, ref pos, out var whole))
            {
                error = invalid;
                return false;
            }

            var pre = pos != start;
            ulong fraction = 0;
            double scale = 1;
            var post = false;
            if (pos < s.Length && s[pos] == '.')
            {
                pos++;
                var fractionStart = pos;
                LeadingFraction(s, ref pos, out fraction, out scale);
                post = pos != fractionStart;
            }

            if (!pre && !post)
            {
                error = invalid;
                return false;
            }

            var unitStart = pos;
            while (pos < s.Length && s[pos] != '.' && !IsDigit(s[pos]))
            {
                pos++;
            }

            if (pos == unitStart)
            {
                error = $"missing unit in duration \"{s}\"";
                return false;
            }

            var unitText = s.Substring(unitStart, pos - unitStart);
            var unit = Unit(unitText);
            if (unit == 0)
            {
                error = $"unknown unit \"{unitText}\" in duration \"{s}\"";
                return false;
            }

            if (whole > MinusMinValue / unit)
            {
                error = invalid;
                return false;
            }

            whole *= unit;
            if (fraction > 0)
            {
                // As Go: float64 keeps fractions of hours nanosecond-accurate.
                whole += (ulong)(fraction * (unit / scale));
                if (whole > MinusMinValue)
                {
                    error = invalid;
                    return false;
                }
            }

            total += whole;
            if (total > MinusMinValue)
            {
                error = invalid;
                return false;
            }
        }

        if (negative)
        {
            nanoseconds = unchecked(-(long)total);
            return true;
        }

        if (total > long.MaxValue)
        {
            error = invalid;
            return false;
        }

        nanoseconds = (long)total;
        return true;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as Go would, to a TimeSpan. A TimeSpan counts 100 ns ticks, so nanoseconds
    /// below a tick are dropped (toward zero).
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        var ok = TryParseNanoseconds(text, out var nanoseconds, out error);
        value = ok ? TimeSpan.FromTicks(nanoseconds / 100) : TimeSpan.Zero;
        return ok;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static ulong Unit(string unit) => unit switch
    {
        "ns" => Nanosecond,
        "us" => Microsecond,
        "\u00B5s" => Microsecond, // micro sign
        "\u03BCs" => Microsecond, // Greek small letter mu
        "ms" => Millisecond,
        "s" => Second,
        "m" => Minute,
        "h" => Hour,
        _ => 0,
    };

    /// <summary>Go's leadingInt: the leading [0-9]*, false on overflow.</summary>
    private static bool LeadingInt(string s, ref int pos, out ulong value)
    {
        value = 0;
        for (; pos < s.Length && IsDigit(s[pos]); pos++)
        {
            if (value > MinusMinValue / 10)
            {
                return false;
            }

            value = (value * 10) + (ulong)(s[pos] - '0');
            if (value > MinusMinValue)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Go's leadingFraction: the leading [0-9]*; past what fits, digits are consumed and ignored.</summary>
    private static void LeadingFraction(string s, ref int pos, out ulong value, out double scale)
    {
        value = 0;
        scale = 1;
        var overflow = false;
        for (; pos < s.Length && IsDigit(s[pos]); pos++)
        {
            if (overflow)
            {
                continue;
            }

            if (value > long.MaxValue / 10)
            {
                overflow = true;
                continue;
            }

            var next = (value * 10) + (ulong)(s[pos] - '0');
            if (next > MinusMinValue)
            {
                overflow = true;
                continue;
            }

            value = next;
            scale *= 10;
        }
    }
}
