using System;
using System.IO;
using System.Reflection;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// How Windows PowerShell 5.1 finds the module's dependencies (the resolver is installed only on .NET Framework; it is
/// a plain function of a name and a folder, so it is checked here directly).
/// </summary>
public sealed class ModuleAssemblyResolverTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("deacon-resolver-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Core => typeof(Heartbeat).Assembly.Location;

    [Fact]
    public void Finds_a_dependency_asked_for_at_its_version_or_older()
    {
        File.Copy(Core, Path.Combine(folder, "GasTown.Deacon.Core.dll"));
        var name = typeof(Heartbeat).Assembly.GetName();
        Assert.Equal(Path.Combine(folder, "GasTown.Deacon.Core.dll"), ModuleAssemblyResolver.Find(name, folder));
        Assert.Equal(Path.Combine(folder, "GasTown.Deacon.Core.dll"), ModuleAssemblyResolver.Find(new AssemblyName("GasTown.Deacon.Core, Version=0.0.1.0"), folder));
        Assert.Equal(Path.Combine(folder, "GasTown.Deacon.Core.dll"), ModuleAssemblyResolver.Find(new AssemblyName("GasTown.Deacon.Core"), folder));
    }

    [Fact]
    public void Leaves_to_other_resolvers_a_newer_version_a_missing_file_and_a_file_that_is_no_assembly()
    {
        File.Copy(Core, Path.Combine(folder, "GasTown.Deacon.Core.dll"));
        File.WriteAllText(Path.Combine(folder, "Broken.dll"), "not an assembly");
        Assert.Null(ModuleAssemblyResolver.Find(new AssemblyName("GasTown.Deacon.Core, Version=999.0.0.0"), folder));
        Assert.Null(ModuleAssemblyResolver.Find(new AssemblyName("Missing"), folder));
        Assert.Null(ModuleAssemblyResolver.Find(new AssemblyName("Broken"), folder));
        Assert.Null(ModuleAssemblyResolver.Find(new AssemblyName("GasTown.Deacon.Core"), string.Empty));
        Assert.Null(ModuleAssemblyResolver.Find(null!, folder));
    }
}
