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

    /// <summary>
    /// Parses <paramref name="text"/> as Go would, to a TimeSpan. A TimeSpan counts 100 ns ticks, so nanoseconds
    /// below a tick are dropped (toward zero).
    /// </summary>
    /// <returns>False, with Go's reason in <paramref name="error"/>, when Go's ParseDuration returns an error.</returns>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        error = Refusal(text ?? string.Empty, out var nanoseconds);
        value = TimeSpan.FromTicks(nanoseconds / 100);
        return error is null;
    }

    /// <summary>
    /// Go's ParseDuration: the reason it refuses <paramref name="s"/>, in Go's words, or null when it takes it, with its
    /// value in <paramref name="nanoseconds"/> (0 on a refusal). Each refusal is one return.
    /// </summary>
    public static string? Refusal(string s, out long nanoseconds)
    {
        nanoseconds = 0;
        var pos = s.Length != 0 && (s[0] is '-' or '+') ? 1 : 0;
        var negative = pos == 1 && s[0] == '-';

        // Go's special case: a bare zero needs no unit.
        if (s.Length - pos == 1 && s[pos] == '0')
        {
            return null;
        }

        if (pos == s.Length)
        {
            return Invalid(s);
        }

        ulong total = 0;
        while (pos < s.Length)
        {
            var start = pos;
            if (!(s[pos] == '.' || IsDigit(s[pos])) || !LeadingInt(s, ref pos, out var whole))
            {
                return Invalid(s);
            }

            // Go's pre || post: there must be digits before the point, after it, or both.
            var digits = pos != start;
            ulong fraction = 0;
            double scale = 1;
            if (pos < s.Length && s[pos] == '.')
            {
                var fractionStart = ++pos;
                LeadingFraction(s, ref pos, out fraction, out scale);
                digits |= pos != fractionStart;
            }

            if (!digits)
            {
                return Invalid(s);
            }

            var unitStart = pos;
            while (pos < s.Length && s[pos] != '.' && !IsDigit(s[pos]))
            {
                pos++;
            }

            if (pos == unitStart)
            {
                return $"missing unit in duration \"{s}\"";
            }

            var unitText = s.Substring(unitStart, pos - unitStart);
            var unit = Unit(unitText);
            if (unit == 0)
            {
                return $"unknown unit \"{unitText}\" in duration \"{s}\"";
            }

            if (whole > MinusMinValue / unit)
            {
                return Invalid(s);
            }

            // As Go: float64 keeps fractions of hours nanosecond-accurate (no fraction adds 0). Go checks the value
            // and then the total; a value over the limit fails either way, so both are checked at once. The sum is
            // unsigned 64-bit as Go's is, and wraps as Go's does: Go reads "9223372036854775808ns" twice as 0.
            whole = (whole * unit) + (ulong)(fraction * (unit / scale));
            total += whole;
            if (whole > MinusMinValue || total > MinusMinValue)
            {
                return Invalid(s);
            }
        }

        if (!negative && total > long.MaxValue)
        {
            return Invalid(s);
        }

        nanoseconds = negative ? unchecked(-(long)total) : (long)total;
        return null;
    }

    private static string Invalid(string s) => $"invalid duration \"{s}\"";

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
            var digit = (ulong)(s[pos] - '0');
            overflow = overflow || value > long.MaxValue / 10 || (value * 10) + digit > MinusMinValue;
            if (!overflow)
            {
                value = (value * 10) + digit;
                scale *= 10;
            }
        }
    }
}
