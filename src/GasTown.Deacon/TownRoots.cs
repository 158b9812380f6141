using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Microsoft.PowerShell.Commands;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Turns -TownRoot values into full file-system paths against the PowerShell location (never the process's
/// current directory), or finds the town holding that location when none is given.
/// </summary>
internal static class TownRoots
{
    // Characters PowerShell paths treat specially (wildcards and their escape), which the fast route leaves to the
    // session's path API unless the path is literal.
    private static readonly char[] Unusual = { '`', '*', '?', '[', ']' };

    private static readonly string[] FileSystemQualifiers = { @"Microsoft.PowerShell.Core\FileSystem::", "FileSystem::" };

    /// <summary>
    /// Resolves each given path, writing a non-terminating error for one that cannot be resolved; with none given,
    /// discovers the current town or throws a terminating NotInTown error. Unless <paramref name="literal"/>, a path
    /// holding wildcards stands for every directory it matches, as -Path does for PowerShell's own cmdlets.
    /// </summary>
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[]? townRoots, bool literal)
    {
        if (townRoots is null || townRoots.Length == 0)
        {
            yield return Discover(cmdlet);
            yield break;
        }

        foreach (var townRoot in townRoots)
        {
            var fast = TryResolveFast(cmdlet, townRoot, literal);
            if (fast is not null)
            {
                yield return fast;
                continue;
            }

            foreach (var resolved in ResolveSlow(cmdlet, townRoot, literal))
            {
                yield return resolved;
            }
        }
    }

    /// <summary>
    /// The one wording of a directory given as a town that is not one (no <c>mayor/</c>), naming the town that holds
    /// it when there is one: <c>&lt;town&gt;/deacon</c> is an easy slip. Null when <paramref name="townRoot"/> is a town.
    /// </summary>
    /// <exception cref="HeartbeatIOException">The directory cannot be looked into.</exception>
    public static string? NotATownHint(string townRoot) =>
        TownLocator.IsTown(townRoot) ? null : NotATownHint(townRoot, EnclosingTown(townRoot));

    /// <summary>The same wording, for a directory known not to be a town, lying in <paramref name="enclosing"/> (null: none).</summary>
    public static string NotATownHint(string townRoot, string? enclosing) =>
        enclosing is null
            ? $"'{townRoot}' is not a town root: it has no mayor/ folder."
            : $"'{townRoot}' is not a town root: it lies inside the town '{enclosing}'. Did you mean -TownRoot '{enclosing}'?";

    /// <summary>The town holding <paramref name="directory"/> from above (never the directory itself), or null.</summary>
    public static string? EnclosingTown(string directory)
    {
        var parent = Path.GetDirectoryName(directory);
        return string.IsNullOrEmpty(parent) ? null : TownLocator.Find(parent!, _ => null);
    }

    private static IEnumerable<string> ResolveSlow(PSCmdlet cmdlet, string townRoot, bool literal)
    {
        // A backtick escapes a wildcard in a -Path; only the resolving API reads escapes.
        if (!literal && (WildcardPattern.ContainsWildcardCharacters(townRoot) || townRoot.IndexOf('`') >= 0))
        {
            return Expand(cmdlet, townRoot);
        }

        var one = ResolveUnexpanded(cmdlet, townRoot);
        return one is null ? Array.Empty<string>() : new[] { one };
    }

    /// <summary>Every directory a wildcard path matches, in the provider's order; an error when none does.</summary>
    private static IEnumerable<string> Expand(PSCmdlet cmdlet, string pattern)
    {
        IEnumerable<string> matches;
        ProviderInfo provider;
        try
        {
            matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out provider);
        }
        catch (Exception ex) when (IsResolveFailure(ex))
        {
            WriteCannotResolve(cmdlet, pattern, ex);
            return Array.Empty<string>();
        }

        if (!IsFileSystem(provider))
        {
            WriteNotFileSystem(cmdlet, pattern, provider);
            return Array.Empty<string>();
        }

        var directories = matches.Where(Directory.Exists).Select(TrimEndSeparator).ToList();
        if (directories.Count > 0)
        {
            return directories;
        }

        // A name such as 'town[1]' read as a pattern matches nothing but itself as written.
        var literal = ResolveUnexpanded(cmdlet, pattern, quiet: true);
        if (literal is not null && Directory.Exists(literal))
        {
            return new[] { literal };
        }

        cmdlet.WriteError(new ErrorRecord(
            new ItemNotFoundException(matches.Any()
                ? $"The town root '{pattern}' matches no directory, only files. Each match of a wildcard is read as a town."
                : pattern.IndexOfAny(new[] { '[', ']' }) >= 0
                    ? $"The town root '{pattern}' matches no directory. For a name holding [ or ], use -LiteralTownRoot."
                    : $"The town root '{pattern}' matches no directory."),
            ErrorIds.TownRootNotFound,
            ErrorCategory.ObjectNotFound,
            pattern));
        return Array.Empty<string>();
    }

    /// <summary>Resolves one path as written; null when it cannot be, after writing why unless <paramref name="quiet"/>.</summary>
    private static string? ResolveUnexpanded(PSCmdlet cmdlet, string townRoot, bool quiet = false)
    {
        try
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(townRoot, out var provider, out _);
            if (IsFileSystem(provider))
            {
                return TrimEndSeparator(path);
            }

            if (!quiet)
            {
                WriteNotFileSystem(cmdlet, townRoot, provider);
            }
        }
        catch (Exception ex) when (IsResolveFailure(ex))
        {
            if (!quiet)
            {
                WriteCannotResolve(cmdlet, townRoot, ex);
            }
        }

        return null;
    }

    private static bool IsResolveFailure(Exception ex) =>
        ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException;

    private static void WriteCannotResolve(PSCmdlet cmdlet, string townRoot, Exception ex) =>
        cmdlet.WriteError(new ErrorRecord(
            new ArgumentException($"The town root '{townRoot}' cannot be resolved: {ex.Message}", ex),
            ErrorIds.TownRootNotFound,
            ErrorCategory.ObjectNotFound,
            townRoot));

    private static void WriteNotFileSystem(PSCmdlet cmdlet, string townRoot, ProviderInfo provider) =>
        cmdlet.WriteError(new ErrorRecord(
            new ArgumentException($"The town root '{townRoot}' is on the {provider.Name} provider; a town root is a file-system directory."),
            ErrorIds.TownRootNotFileSystem,
            ErrorCategory.InvalidArgument,
            townRoot));

    /// <summary>The town holding the current PowerShell location, else GT_TOWN_ROOT or GT_ROOT; terminating NotInTown otherwise.</summary>
    public static string Discover(PSCmdlet cmdlet)
    {
        var start = CurrentFileSystemDirectory(cmdlet) ?? cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var found = TownLocator.Find(start, name =>
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(value);
        });

        if (found is null)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(
                    $"No Gas Town holds '{start}': no directory at or above it has mayor/town.json or a mayor/ folder, "
                    + "and neither GT_TOWN_ROOT nor GT_ROOT names a town. Pass -TownRoot, Set-Location into a town, or set $env:GT_TOWN_ROOT."),
                ErrorIds.NotInTown,
                ErrorCategory.ObjectNotFound,
                start));
        }

        return found!;
    }

    /// <summary>
    /// The same answer as the session's path API for the plain cases (an absolute file-system path, a FileSystem::
    /// provider-qualified one, or a relative one while the location is in the file system), without its cost:
    /// resolving through the provider costs more than the rest of a Get-DeaconHeartbeat call. Anything else
    /// (~, PowerShell drives, other providers, and wildcards or escapes in a path that is not literal) returns null
    /// and goes the full way.
    /// </summary>
    internal static string? TryResolveFast(PSCmdlet cmdlet, string path, bool literal)
    {
        if (path.Length == 0 || path[0] == '~' || (!literal && path.IndexOfAny(Unusual) >= 0))
        {
            return null;
        }

        // PowerShell reads a backslash as a separator on every platform; .NET on Unix reads it as part of a name.
        if (Path.DirectorySeparatorChar == '/' && path.IndexOf('\\') >= 0)
        {
            return null;
        }

        // What Get-ChildItem puts in PSPath: a provider-qualified path is the provider's own absolute path.
        foreach (var qualifier in FileSystemQualifiers)
        {
            if (path.StartsWith(qualifier, StringComparison.OrdinalIgnoreCase))
            {
                var raw = path.Substring(qualifier.Length);
                if (!Path.IsPathRooted(raw) || (!literal && raw.IndexOfAny(Unusual) >= 0))
                {
                    return null;
                }

                // The provider takes a qualified path as written, . and .. included (through a link, .. is the
                // target's parent): answered here only when it is already in full form.
                var full = TrimEndSeparator(Path.GetFullPath(raw));
                return string.Equals(full, TrimEndSeparator(raw), StringComparison.Ordinal) ? full : null;
            }
        }

        var colon = path.IndexOf(':');
        if (Path.DirectorySeparatorChar == '\\')
        {
            // Windows: only X:\... on a file-system drive, or \\server\share; a bare \x means the current drive's root.
            if (colon == 1 && path.Length > 2 && (path[2] == '\\' || path[2] == '/') && path.IndexOf(':', 2) < 0)
            {
                try
                {
                    var drive = cmdlet.SessionState.Drive.Get(path.Substring(0, 1));
                    return IsFileSystem(drive?.Provider) ? TrimEndSeparator(Path.GetFullPath(path)) : null;
                }
                catch (System.Management.Automation.DriveNotFoundException)
                {
                    return null;
                }
            }

            if (colon >= 0)
            {
                return null;
            }

            if (path.StartsWith(@"\\", StringComparison.Ordinal))
            {
                return TrimEndSeparator(Path.GetFullPath(path));
            }

            if (path[0] == '\\' || path[0] == '/')
            {
                return null;
            }
        }
        else
        {
            if (colon >= 0)
            {
                return null;
            }

            if (path[0] == '/')
            {
                return TrimEndSeparator(Path.GetFullPath(path));
            }
        }

        var here = CurrentFileSystemDirectory(cmdlet);
        return here is null ? null : TrimEndSeparator(Path.GetFullPath(Path.Combine(here, path)));
    }

    /// <summary>The current location as a file-system path, when the location is in the file system; else null.</summary>
    private static string? CurrentFileSystemDirectory(PSCmdlet cmdlet)
    {
        // PathInfo.ProviderPath costs as much as a full resolution; the drive's root and relative location do not.
        var location = cmdlet.SessionState.Path.CurrentLocation;
        var drive = location.Drive;
        if (drive is null || !IsFileSystem(location.Provider))
        {
            return null;
        }

        return Path.GetFullPath(Path.Combine(drive.Root, drive.CurrentLocation));
    }

    private static bool IsFileSystem(ProviderInfo? provider) => provider?.ImplementingType == typeof(FileSystemProvider);

    private static string TrimEndSeparator(string path)
    {
        var root = Path.GetPathRoot(path);
        return path.Length > (root?.Length ?? 0) ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
    }
}
