using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Resolves this module's dependencies from its own folder for as long as the module is imported. Only in the
/// netstandard2.0 build, which the module's psm1 imports on Windows PowerShell 5.1 (.NET Framework) alone.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    /// <inheritdoc />
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var path = ModuleAssemblyResolver.Find(new AssemblyName(args.Name), Folder);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
