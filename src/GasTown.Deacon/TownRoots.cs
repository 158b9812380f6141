using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Turns -TownRoot values into full file-system paths against the PowerShell location (never the process's
/// current directory), or finds the town holding that location when none is given.
/// </summary>
internal static class TownRoots
{
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
        try
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(townRoot, out var provider, out _);
            if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
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
        var start = cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
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

    private static string TrimEndSeparator(string path)
    {
        var root = Path.GetPathRoot(path);
        return path.Length > (root?.Length ?? 0) ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
    }
}
