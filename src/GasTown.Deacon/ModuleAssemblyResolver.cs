using System;
using System.IO;
using System.Reflection;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Finds a dependency in the module folder for Windows PowerShell 5.1. .NET Framework binds strong names by exact
/// version and a module has no binding redirects, so System.Text.Json's libraries, which ask for different
/// versions of one another (System.Memory wants an older System.Runtime.CompilerServices.Unsafe than System.Text.Json
/// does), would fail to load. Only in the netstandard2.0 build: pwsh loads the net8.0 one, which needs none of this.
/// </summary>
public static class ModuleAssemblyResolver
{
    /// <summary>
    /// The path of the assembly in <paramref name="folder"/> that satisfies <paramref name="requested"/>: same name,
    /// same or higher version. Null when there is none, so other resolvers get their turn.
    /// </summary>
    public static string? Find(AssemblyName requested, string folder)
    {
        if (requested is null || string.IsNullOrEmpty(requested.Name) || string.IsNullOrEmpty(folder))
        {
            return null;
        }

        var candidate = Path.Combine(folder, requested.Name + ".dll");
        if (!File.Exists(candidate))
        {
            return null;
        }

        try
        {
            var available = AssemblyName.GetAssemblyName(candidate);
            return requested.Version is null || available.Version >= requested.Version ? candidate : null;
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or IOException)
        {
            return null;
        }
    }
}
