using System;
using System.IO;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Where the repository and the built module are, from the test's own folder (or DEACON_MODULE, as the build sets it).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GasTown.Deacon.build.ps1")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (GasTown.Deacon.build.ps1) above '{AppContext.BaseDirectory}'.");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The module folder as the Build task lays it out.</summary>
    public static string Module
    {
        get
        {
            var module = Environment.GetEnvironmentVariable("DEACON_MODULE");
            module = string.IsNullOrEmpty(module) ? Path.Combine(Root, "out", "GasTown.Deacon") : module;
            if (!File.Exists(Path.Combine(module!, "GasTown.Deacon.psd1")))
            {
                throw new InvalidOperationException($"No built module at '{module}': run ./build.ps1 Build first.");
            }

            return module!;
        }
    }
}
