using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>What one script run in the engine gave: its output and each stream, and what the host was told.</summary>
internal sealed class RunResult
{
    public RunResult(
        IReadOnlyList<PSObject> output,
        IReadOnlyList<ErrorRecord> errors,
        IReadOnlyList<string> warnings,
        IReadOnlyList<string> verbose,
        IReadOnlyList<string> hostLines)
    {
        Output = output;
        Errors = errors;
        Warnings = warnings;
        Verbose = verbose;
        HostLines = hostLines;
    }

    public IReadOnlyList<PSObject> Output { get; }

    public IReadOnlyList<ErrorRecord> Errors { get; }

    public IReadOnlyList<string> Warnings { get; }

    public IReadOnlyList<string> Verbose { get; }

    /// <summary>Lines the host was asked to show: the What if: lines, and the -Confirm prompts.</summary>
    public IReadOnlyList<string> HostLines { get; }

    /// <summary>The base objects of the output, as type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> Objects<T>() => Output.Select(o => (T)o.BaseObject).ToList();

    /// <summary>The one error there must be.</summary>
    public ErrorRecord SingleError => Errors.Count == 1
        ? Errors[0]
        : throw new Xunit.Sdk.XunitException($"Expected one error, got {Errors.Count}: {string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))}");

    /// <summary>Fails unless there was no error.</summary>
    public RunResult NoErrors()
    {
        if (Errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"Expected no error, got {Errors.Count}: {string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))}");
        }

        return this;
    }
}
