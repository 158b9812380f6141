using System;

namespace GasTown.Deacon.Format;

/// <summary>
/// Decodes the bytes between a JSON string's quotes as Go's encoding/json does (src/encoding/json/decode.go,
/// unquoteBytes), for any bytes at all, without throwing. Hand-written because .NET's decoders differ from Go on
/// broken text: System.Text.Json throws on a lone surrogate escape (<c>\ud800</c>) or on invalid UTF-8 in an
/// escaped or non-ASCII string, and Encoding.UTF8 gives one U+FFFD per broken sequence, where Go gives
///   - one U+FFFD per byte that does not start a valid UTF-8 sequence (utf8.DecodeRune returns RuneError, 1),
///     so a truncated <c>E2 82</c> gives two;
///   - one U+FFFD for each <c>\u</c> escape of a surrogate that is not followed by an escape of its pair.
/// </summary>
internal static class GoJsonString
{
    private const char ReplacementCharacter = '\uFFFD';

    /// <summary>
    /// The text of <paramref name="raw"/>, the bytes between the quotes of a string the JSON reader has already
    /// checked (escapes well formed, no raw control characters). Malformed escapes are kept as written rather
    /// than thrown on, so this is total over all bytes.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        // Each input byte yields at most one UTF-16 unit: a 4-byte sequence gives 2, a 6-byte \u escape 1, a
        // 12-byte escaped pair 2, an invalid byte 1.
        Span<char> chars = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b == '\\' && i + 1 < raw.Length)
            {
                i = DecodeEscape(raw, i, chars, ref written);
            }
            else if (b < 0x80)
            {
                chars[written++] = (char)b;
                i++;
            }
            else
            {
                var rune = DecodeRune(raw.Slice(i), out var size);
                i += size;
                if (rune >= 0x10000)
                {
                    chars[written++] = (char)(0xD800 + ((rune - 0x10000) >> 10));
                    rune = 0xDC00 + (rune & 0x3FF);
                }

                chars[written++] = (char)rune;
            }
        }

        return chars.Slice(0, written).ToString();
    }

    /// <summary>
    /// Go's utf8.DecodeRune: the code point at the start of <paramref name="s"/> and its length in bytes, or
    /// U+FFFD and 1 when the bytes there are not a complete, shortest-form, non-surrogate UTF-8 sequence.
    /// </summary>
    private static int DecodeRune(ReadOnlySpan<byte> s, out int size)
    {
        size = 1;
        var b0 = s[0];
        if (b0 < 0x80)
        {
            return b0;
        }

        // The lead byte fixes the length, its own bits of the rune and the range of the second byte (RFC 3629
        // table 3-7, Go's first and acceptRanges): this rules out overlong forms, surrogates (ED A0..BF) and code
        // points past U+10FFFF. A length of 0 is a byte that starts no sequence.
        var (length, rune, low, high) = b0 switch
        {
            >= 0xC2 and <= 0xDF => (2, b0 & 0x1F, 0x80, 0xBF),
            0xE0 => (3, b0 & 0x0F, 0xA0, 0xBF),
            0xED => (3, b0 & 0x0F, 0x80, 0x9F),
            >= 0xE1 and <= 0xEF => (3, b0 & 0x0F, 0x80, 0xBF),
            0xF0 => (4, b0 & 0x07, 0x90, 0xBF),
            0xF4 => (4, b0 & 0x07, 0x80, 0x8F),
            >= 0xF1 and <= 0xF3 => (4, b0 & 0x07, 0x80, 0xBF),
            _ => (0, 0, 0, 0),
        };
        if (length == 0 || s.Length < length || s[1] < low || s[1] > high)
        {
            return ReplacementCharacter;
        }

        rune = (rune << 6) | (s[1] & 0x3F);
        for (var k = 2; k < length; k++)
        {
            if (s[k] is < 0x80 or > 0xBF)
            {
                return ReplacementCharacter;
            }

            rune = (rune << 6) | (s[k] & 0x3F);
        }

        size = length;
        return rune;
    }

    private static int DecodeEscape(ReadOnlySpan<byte> raw, int i, Span<char> chars, ref int written)
    {
        var simple = raw[i + 1] switch
        {
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            (byte)'/' => '/',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            _ => -1,
        };
        if (simple >= 0)
        {
            chars[written++] = (char)simple;
            return i + 2;
        }

        // Anything but a simple escape or a well-formed \uXXXX keeps its backslash as written.
        var unit = GetU4(raw.Slice(i));
        if (unit < 0)
        {
            chars[written++] = '\\';
            return i + 1;
        }

        i += 6;
        if (unit is >= 0xD800 and <= 0xDFFF)
        {
            // Go's utf16.DecodeRune: a high surrogate followed by an escaped low one is a pair; any other
            // surrogate is U+FFFD, and what follows it is read on its own.
            var next = GetU4(raw.Slice(i));
            if (unit <= 0xDBFF && next is >= 0xDC00 and <= 0xDFFF)
            {
                chars[written++] = (char)unit;
                chars[written++] = (char)next;
                return i + 6;
            }

            unit = ReplacementCharacter;
        }

        chars[written++] = (char)unit;
        return i;
    }

    /// <summary>Go's getu4: the value of a <c>\uXXXX</c> escape at the start of <paramref name="s"/>, or -1.</summary>
    private static int GetU4(ReadOnlySpan<byte> s)
    {
        if (s.Length < 6 || s[0] != '\\' || s[1] != 'u')
        {
            return -1;
        }

        var value = 0;
        for (var k = 2; k < 6; k++)
        {
            var digit = HexValue(s[k]);
            if (digit < 0)
            {
                return -1;
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
