namespace GasTown.Deacon.Commands;

/// <summary>
/// The Town column of the default table: a town root shortened to fit, keeping what tells towns apart. Whole
/// trailing folders after an ellipsis (<c>…/towns/alpha</c>) while they fit; a folder name too long even alone keeps
/// its start and its end (<c>alpha-pro…west-1</c>), where fleet names usually differ. Widths are terminal columns,
/// counted as PowerShell's table counts them: an East Asian wide or fullwidth character (<c>東</c>) takes two.
/// </summary>
public static class TownRootText
{
    private const char Ellipsis = '\u2026';

    private static readonly char[] Separators = { '/', '\\' };

    /// <summary><paramref name="townRoot"/> as it fits in <paramref name="width"/> terminal columns.</summary>
    public static string Shorten(string? townRoot, int width)
    {
        if (string.IsNullOrEmpty(townRoot) || width <= 0 || Columns(townRoot!, 0) <= width)
        {
            return townRoot ?? string.Empty;
        }

        var path = townRoot!.TrimEnd(Separators);
        if (Columns(path, 0) <= width)
        {
            return path;
        }

        for (var cut = path.IndexOfAny(Separators); cut >= 0; cut = path.IndexOfAny(Separators, cut + 1))
        {
            if (Columns(path, cut) + 1 <= width)
            {
                return Ellipsis + path.Substring(cut);
            }
        }

        var leaf = path.Substring(path.LastIndexOfAny(Separators) + 1);
        if (Columns(leaf, 0) <= width)
        {
            return leaf;
        }

        if (width == 1)
        {
            return Ellipsis.ToString();
        }

        // The start takes half the columns, the end what the start and the ellipsis leave; neither splits a
        // surrogate pair, so a wide character that does not fit whole is left out rather than halved.
        var headEnd = 0;
        var headColumns = 0;
        while (headEnd < leaf.Length)
        {
            var next = NextLength(leaf, headEnd);
            var columns = Columns(leaf, headEnd, next);
            if (headColumns + columns > width / 2)
            {
                break;
            }

            headColumns += columns;
            headEnd += next;
        }

        var tailColumns = width - 1 - headColumns;
        var tailStart = leaf.Length;
        while (tailStart > headEnd)
        {
            var previous = char.IsLowSurrogate(leaf[tailStart - 1]) && tailStart >= 2 && char.IsHighSurrogate(leaf[tailStart - 2]) ? 2 : 1;
            var columns = Columns(leaf, tailStart - previous, previous);
            if (columns > tailColumns)
            {
                break;
            }

            tailColumns -= columns;
            tailStart -= previous;
        }

        return leaf.Substring(0, headEnd) + Ellipsis + leaf.Substring(tailStart);
    }

    // The UTF-16 units of the character at index: two for a surrogate pair, else one.
    private static int NextLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    private static int Columns(string text, int start) => Columns(text, start, text.Length - start);

    private static int Columns(string text, int start, int length)
    {
        var columns = 0;
        for (var i = start; i < start + length; i++)
        {
            columns += Columns(text[i]);
        }

        return columns;
    }

    // PowerShell's own rule for a table cell (its DisplayCells, after Markus Kuhn's wcwidth): East Asian wide and
    // fullwidth ranges of the Basic Multilingual Plane take two columns, every other UTF-16 unit one.
    private static int Columns(char c) =>
        c >= 0x1100 &&
        (c <= 0x115f ||
         c == 0x2329 || c == 0x232a ||
         (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
         (c >= 0xac00 && c <= 0xd7a3) ||
         (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0xfe10 && c <= 0xfe19) ||
         (c >= 0xfe30 && c <= 0xfe6f) ||
         (c >= 0xff00 && c <= 0xff60) ||
         (c >= 0xffe0 && c <= 0xffe6))
            ? 2
            : 1;
}
