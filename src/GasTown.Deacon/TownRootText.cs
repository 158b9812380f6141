namespace GasTown.Deacon.Commands;

/// <summary>
/// The Town column of the default table: a town root shortened to fit, keeping what tells towns apart. Whole
/// trailing folders after an ellipsis (<c>…/towns/alpha</c>) while they fit; a folder name too long even alone keeps
/// its start and its end (<c>alpha-pro…west-1</c>), where fleet names usually differ.
/// </summary>
public static class TownRootText
{
    private const char Ellipsis = '\u2026';

    private static readonly char[] Separators = { '/', '\\' };

    /// <summary><paramref name="townRoot"/> as it fits in <paramref name="width"/> characters.</summary>
    public static string Shorten(string? townRoot, int width)
    {
        if (string.IsNullOrEmpty(townRoot) || width <= 0 || townRoot!.Length <= width)
        {
            return townRoot ?? string.Empty;
        }

        var path = townRoot.TrimEnd(Separators);
        if (path.Length <= width)
        {
            return path;
        }

        for (var cut = path.IndexOfAny(Separators); cut >= 0; cut = path.IndexOfAny(Separators, cut + 1))
        {
            if (path.Length - cut + 1 <= width)
            {
                return Ellipsis + path.Substring(cut);
            }
        }

        var leaf = path.Substring(path.LastIndexOfAny(Separators) + 1);
        if (leaf.Length <= width)
        {
            return leaf;
        }

        if (width == 1)
        {
            return Ellipsis.ToString();
        }

        var head = width / 2;
        var tail = width - 1 - head;
        return leaf.Substring(0, head) + Ellipsis + leaf.Substring(leaf.Length - tail);
    }
}
