using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// A script running in the session's runspace while the test acts on the towns: the test waits for what it has
/// emitted so far (never for time to pass), then stops it as Ctrl+C does. Streams are counted and indexed, never
/// enumerated: enumerating a stream still open waits for it to close.
/// </summary>
internal sealed class AsyncPipeline : IDisposable
{
    /// <summary>How long a wait may take before the test fails: far beyond what any step needs.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly PowerShell ps;
    private readonly IAsyncResult run;

    public AsyncPipeline(PowerShellSession session, string script, object parameters)
    {
        ps = PowerShell.Create(session.Runspace);
        ps.AddScript(script);
        foreach (var property in parameters.GetType().GetProperties())
        {
            ps.AddParameter(property.Name, property.GetValue(parameters));
        }

        run = ps.BeginInvoke<PSObject, PSObject>(null, Output);
    }

    public PSDataCollection<PSObject> Output { get; } = new();

    public PSDataCollection<ErrorRecord> Errors => ps.Streams.Error;

    public PSDataCollection<WarningRecord> Warnings => ps.Streams.Warning;

    public bool IsCompleted => run.IsCompleted;

    /// <summary>The <paramref name="index"/>th heartbeat emitted, once it is.</summary>
    public Heartbeat Emitted(int index)
    {
        Until(() => Output.Count > index, $"heartbeat {index + 1}");
        return (Heartbeat)Output[index].BaseObject;
    }

    /// <summary>The <paramref name="index"/>th error written, once it is.</summary>
    public ErrorRecord Failed(int index)
    {
        Until(() => Errors.Count > index, $"error {index + 1}");
        return Errors[index];
    }

    public void Until(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Patience || run.IsCompleted)
            {
                throw new Xunit.Sdk.XunitException($"No {what} after {waited.Elapsed} (pipeline {(run.IsCompleted ? "ended" : "running")}, {Output.Count} out, {Errors.Count} errors).");
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>Stops the pipeline as Ctrl+C does; returns how long the stop took.</summary>
    public TimeSpan Stop()
    {
        var stopping = Stopwatch.StartNew();
        ps.Stop();
        return stopping.Elapsed;
    }

    public void Dispose()
    {
        if (!run.IsCompleted)
        {
            ps.Stop();
        }

        ps.Dispose();
    }
}
