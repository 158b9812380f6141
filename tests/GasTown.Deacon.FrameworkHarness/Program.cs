using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace GasTown.Deacon.FrameworkHarness;

/// <summary>
/// Loads the module's assembly from its Windows PowerShell build (bin/netstandard2.0 in the module folder), as the
/// module's psm1 does there, and resolves every other library with <c>ModuleAssemblyResolver</c> as the module's
/// initializer does on Windows PowerShell 5.1; then runs the checks in <see cref="Checks"/>. Arguments: that build
/// folder, the golden files folder. Exit code 0 when all pass.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, Version?> Resolved = new(StringComparer.Ordinal);
    private static Assembly? module;
    private static string folder = string.Empty;

    private static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: GasTown.Deacon.FrameworkHarness.exe <module folder>/bin/netstandard2.0 <golden folder>");
            return 2;
        }

        folder = Path.GetFullPath(args[0]);
        // In the psm1's order: the core (which the types file names a type of), then the cmdlets.
        Assembly.LoadFrom(Path.Combine(folder, "GasTown.Deacon.Core.dll"));
        module = Assembly.LoadFrom(Path.Combine(folder, "GasTown.Deacon.dll"));
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        Console.WriteLine($"Runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        var failed = Run(args[1]);
        // Which library came from where, and how: a runtime may find some beside their caller without asking.
        Console.WriteLine("Loaded from the module folder:");
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic).OrderBy(a => a.GetName().Name, StringComparer.Ordinal).ToList();
        foreach (var assembly in loaded.Where(a => a.Location.StartsWith(folder, StringComparison.Ordinal)))
        {
            var name = assembly.GetName();
            var how = name.Name is "GasTown.Deacon" or "GasTown.Deacon.Core" ? "loaded by path, as the psm1 does"
                : Resolved.TryGetValue(name.Name!, out var asked) ? $"ModuleAssemblyResolver, {asked} asked"
                : "found by the runtime itself, without the resolver";
            Console.WriteLine($"  {name.Name} {name.Version}: {how}");
        }

        Console.WriteLine("Loaded from the runtime:");
        foreach (var assembly in loaded.Where(a => !a.Location.StartsWith(folder, StringComparison.Ordinal) && a != typeof(Program).Assembly))
        {
            Console.WriteLine($"  {assembly.GetName().Name} {assembly.GetName().Version} {assembly.Location}");
        }

        return failed == 0 ? 0 : 1;
    }

    // Kept out of Main so that nothing from the module is bound before the resolver is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(string golden) => new Checks(golden, folder, Find).RunAll();

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        if (requested.Name == "GasTown.Deacon")
        {
            return module;
        }

        var path = Find(requested);
        if (path is null)
        {
            return null;
        }

        Resolved[requested.Name!] = requested.Version;
        return Assembly.LoadFrom(path);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? Find(AssemblyName requested) => Commands.ModuleAssemblyResolver.Find(requested, folder);
}
