using System;
using System.IO;
using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Storage;

/// <summary>
/// Finds the Gas Town root the way Gas Town does (internal/workspace/find.go): walking up from a directory, the
/// outermost ancestor holding <c>mayor/town.json</c>; failing that, the outermost holding a <c>mayor/</c>
/// directory; failing that, <c>GT_TOWN_ROOT</c> then <c>GT_ROOT</c>, each only if it names a town.
/// </summary>
internal static class TownLocator
{
    /// <summary>The environment variables consulted, in order, when no town encloses the start directory.</summary>
    public static readonly string[] EnvironmentVariables = { "GT_TOWN_ROOT", "GT_ROOT" };

    /// <summary>Finds the town holding <paramref name="startDirectory"/>, or null when there is none.</summary>
    /// <param name="startDirectory">A full path to start from.</param>
    /// <param name="getEnvironmentVariable">
    /// Reads an environment variable and returns it as a full path (injected so that a host resolves relative values
    /// against its own location, and tests need not change the process's environment).
    /// </param>
    public static string? Find(string startDirectory, Func<string, string?> getEnvironmentVariable)
    {
        // A folder on the way up that this account may not look into is passed over, as Gas Town passes it over.
        string? withTownJson = null;
        string? withMayor = null;
        for (var dir = startDirectory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mayor = Path.Combine(dir, "mayor");
            if (File.Exists(Path.Combine(mayor, "town.json")))
            {
                withTownJson = dir;
            }
            else if (Directory.Exists(mayor))
            {
                withMayor = dir;
            }
        }

        if ((withTownJson ?? withMayor) is string found)
        {
            return found;
        }

        foreach (var name in EnvironmentVariables)
        {
            var value = getEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value) && LooksLikeTown(value!))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="directory"/> is a town root: it holds a <c>mayor/</c> directory (with or without
    /// <c>town.json</c>).
    /// </summary>
    /// <exception cref="HeartbeatIOException">
    /// This account may not look into <paramref name="directory"/>: whether it is a town cannot be told, and saying it
    /// is not one would name the wrong cause.
    /// </exception>
    public static bool IsTown(string directory) => Look(directory, "mayor") is FileAttributes a && (a & FileAttributes.Directory) != 0;

    /// <summary>Throws unless <paramref name="townRoot"/> is a directory: one that is missing, or that this account cannot see.</summary>
    /// <exception cref="TownRootNotFoundException">There is no such directory.</exception>
    /// <exception cref="HeartbeatIOException">A folder on the way may not be looked into: it may well exist.</exception>
    public static void RequireTownRoot(string townRoot)
    {
        if (Look(townRoot) is not FileAttributes attributes || (attributes & FileAttributes.Directory) == 0)
        {
            throw new TownRootNotFoundException(townRoot);
        }
    }

    /// <summary>Whether <paramref name="directory"/> is a town root, false when that cannot be told (for completion).</summary>
    public static bool LooksLikeTown(string directory) => Directory.Exists(Path.Combine(directory, "mayor"));

    /// <summary>
    /// The attributes of <paramref name="townRoot"/> (or of <paramref name="child"/> in it), null when missing or a file
    /// is on the way; a town this account may not look into throws.
    /// </summary>
    private static FileAttributes? Look(string townRoot, string? child = null)
    {
        try
        {
            return File.GetAttributes(child is null ? townRoot : Path.Combine(townRoot, child));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw HeartbeatIOException.TownDenied(townRoot, ex);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
