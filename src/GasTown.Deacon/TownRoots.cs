using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Turns -TownRoot values into full file-system paths against the PowerShell location (never the process's
/// current directory), or finds the town holding that location when none is given.
/// </summary>
internal static class TownRoots
{
    // Characters PowerShell paths treat specially, or that no plain file-system path starts with.
    private static readonly char[] Unusual = { '`', '*', '?', '[', ']' };

    private static readonly string[] FileSystemQualifiers = { @"Microsoft.PowerShell.Core\FileSystem::", "FileSystem::" };

    /// <summary>
    /// Resolves each given path, writing a non-terminating error for one that is not a file-system path; with none
    /// given, discovers the current town or throws a terminating NotInTown error.
    /// </summary>
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[]? townRoots)
    {
        if (townRoots is null || townRoots.Length == 0)
        {
            yield return Discover(cmdlet);
            yield break;
        }

        foreach (var townRoot in townRoots)
        {
            var resolved = ResolveOne(cmdlet, townRoot);
            if (resolved is not null)
            {
                yield return resolved;
            }
        }
    }

    /// <summary>Resolves one path, or writes an error and returns null.</summary>
    public static string? ResolveOne(PSCmdlet cmdlet, string townRoot)
    {
        var fast = TryResolveFast(cmdlet, townRoot);
        if (fast is not null)
        {
            return fast;
        }

        try
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(townRoot, out var provider, out _);
            if (provider.ImplementingType == typeof(FileSystemProvider))
            {
                return TrimEndSeparator(path);
            }

            cmdlet.WriteError(new ErrorRecord(
                new ArgumentException($"The town root '{townRoot}' is on the {provider.Name} provider; a town root is a file-system directory."),
                ErrorIds.TownRootNotFileSystem,
                ErrorCategory.InvalidArgument,
                townRoot));
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException)
        {
            cmdlet.WriteError(new ErrorRecord(
                new ArgumentException($"The town root '{townRoot}' cannot be resolved: {ex.Message}", ex),
                ErrorIds.TownRootNotFound,
                ErrorCategory.ObjectNotFound,
                townRoot));
        }

        return null;
    }

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
    /// resolving through the provider takes about 40 us a call, most of a Get-DeaconHeartbeat call. Anything else
    /// (~, PowerShell drives, other providers) returns null and goes the full way.
    /// </summary>
    private static string? TryResolveFast(PSCmdlet cmdlet, string path)
    {
        if (path.Length == 0 || path[0] == '~' || path.IndexOfAny(Unusual) >= 0)
        {
            return null;
        }

        // What Get-ChildItem puts in PSPath: a provider-qualified path is the provider's own absolute path.
        foreach (var qualifier in FileSystemQualifiers)
        {
            if (path.StartsWith(qualifier, StringComparison.OrdinalIgnoreCase))
            {
                var raw = path.Substring(qualifier.Length);
                return Path.IsPathRooted(raw) && raw.IndexOfAny(Unusual) < 0 ? TrimEndSeparator(Path.GetFullPath(raw)) : null;
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
