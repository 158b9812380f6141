using System.Text;

namespace GasTown.Deacon.Format;

/// <summary>
/// Folds an object key as Go's encoding/json does when no field has its exact name (src/encoding/json/fold.go,
/// appendFoldedName, Go 1.21 and later): ASCII letters to upper case, every other rune to the smallest rune of its
/// unicode.SimpleFold orbit (foldRune), so that two keys fold alike exactly when bytes.EqualFold holds. Go 1.19
/// matched keys with bytes.EqualFold directly; both give the same answers for the heartbeat's keys.
/// The heartbeat's keys are ASCII, so a key can match one only if each of its runes folds into ASCII: the table
/// below holds every non-ASCII rune that does. It is Go's, not the runtime's: .NET's casing tables differ between
/// ICU, NLS and Mono and with the culture, and treat the Turkish İ (U+0130) and ı (U+0131) in ways Go never does
/// (neither matches an I in Go).
/// </summary>
internal static class GoKeyFold
{
    /// <summary>
    /// Every rune above U+007F whose Go fold is an ASCII letter, with that letter. Written by
    /// <c>tests/golden/generate.sh</c> (<c>golden foldtable</c>, from Go's unicode tables) into
    /// <c>tests/golden/fold-table.json</c>, which a test holds this table to.
    /// </summary>
    internal static readonly (int Rune, char Folded)[] NonAsciiToAscii =
    {
        (0x017F, 'S'), // LATIN SMALL LETTER LONG S
        (0x212A, 'K'), // KELVIN SIGN
    };

    /// <summary>
    /// The folded form of <paramref name="key"/> (well-formed UTF-16, as <see cref="GoJsonString"/> gives), or
    /// null when a rune of it folds outside ASCII and so cannot match an ASCII name.
    /// </summary>
    public static string? FoldToAscii(string key)
    {
        var folded = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c < 0x80)
            {
                folded.Append(c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c);
                continue;
            }

            // Surrogates are never in the table: their runes fold outside ASCII.
            var i = 0;
            while (i < NonAsciiToAscii.Length && NonAsciiToAscii[i].Rune != c)
            {
                i++;
            }

            if (i == NonAsciiToAscii.Length)
            {
                return null;
            }

            folded.Append(NonAsciiToAscii[i].Folded);
        }

        return folded.ToString();
    }
}
