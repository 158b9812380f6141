using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using GasTown.Deacon.Commands;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// A runspace with the module imported as built (out/GasTown.Deacon: its manifest, types, formats and help), one per
/// test class. Its assemblies are those beside these tests, loaded before the import so that the engine takes them
/// rather than loading the copies in out/ (the same build): coverage is counted in these.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    // Sessions open one at a time: modules loading in several runspaces at once were seen to fail
    // (Get-ChildItem "not recognized" in one of two classes starting together).
    private static readonly object Opening = new();
    private readonly CapturingHost host = new();
    private readonly Runspace runspace;

    public PowerShellSession()
    {
        // Loaded first, by type: the import then finds GasTown.Deacon loaded and uses it.
        _ = typeof(GetDeaconHeartbeatCommand).Assembly;
        _ = typeof(Heartbeat).Assembly;
        var state = InitialSessionState.CreateDefault2();
        // The engine's own modules are imported up front, not loaded on first use while tests run side by side.
        state.ImportPSModule(new[] { "Microsoft.PowerShell.Management", "Microsoft.PowerShell.Utility", RepositoryPaths.Module });
        state.Commands.Add(new SessionStateCmdletEntry("Resolve-TownRootProbe", typeof(ResolveTownRootProbeCommand), null));
        runspace = RunspaceFactory.CreateRunspace(host, state);
        lock (Opening)
        {
            runspace.Open();
        }

        var failed = runspace.SessionStateProxy.PSVariable.GetValue("Error") as System.Collections.ArrayList;
        if (failed is { Count: > 0 })
        {
            throw new InvalidOperationException("Importing the module failed: " + failed[0]);
        }
    }

    /// <summary>The runspace, for tests that run a pipeline of their own (to stop it, say).</summary>
    internal Runspace Runspace => runspace;

    /// <summary>
    /// Runs <paramref name="script"/>, binding the properties of <paramref name="parameters"/> (an anonymous object) to
    /// its param() block, and returns what it gave. A script-terminating error is returned as an error, not thrown.
    /// </summary>
    internal RunResult Run(string script, object? parameters = null)
    {
        using var ps = PowerShell.Create(runspace);

        // In a scope of its own: a variable a test sets ($VerbosePreference, say) does not reach the next test.
        ps.AddScript(script, useLocalScope: true);
        if (parameters is not null)
        {
            foreach (var property in parameters.GetType().GetProperties())
            {
                ps.AddParameter(property.Name, property.GetValue(parameters));
            }
        }

        _ = host.Capture.Take();
        var output = new List<PSObject>();
        var errors = new List<ErrorRecord>();
        try
        {
            output.AddRange(ps.Invoke());
        }
        catch (RuntimeException ex)
        {
            errors.Add(ex.ErrorRecord);
        }

        errors.InsertRange(0, ps.Streams.Error);
        return new RunResult(
            output.Where(o => o is not null).ToList(),
            errors,
            ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(),
            host.Capture.Take());
    }

    public void Dispose() => runspace.Dispose();
}
