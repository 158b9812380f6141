using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>The user interface of <see cref="CapturingHost"/>: keeps what is written to it; prompts are answered No.</summary>
internal sealed class CapturingUserInterface : PSHostUserInterface
{
    private readonly List<string> lines = new();

    public override PSHostRawUserInterface? RawUI => null;

    /// <summary>Takes the lines written since the last call.</summary>
    public IReadOnlyList<string> Take()
    {
        lock (lines)
        {
            var taken = lines.ToArray();
            lines.Clear();
            return taken;
        }
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Add($"Confirm: {caption}: {message}");

        // The ShouldProcess choices are Yes, Yes to All, No, No to All, Suspend: No writes nothing.
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Label.Replace("&", string.Empty) == "No")
            {
                return i;
            }
        }

        return defaultChoice;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("No prompt is expected: " + message);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException();

    public override string ReadLine() => throw new NotSupportedException();

    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

    public override void Write(string value) => Add(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Add(value);

    public override void WriteLine(string value) => Add(value);

    public override void WriteErrorLine(string value) => Add(value);

    public override void WriteDebugLine(string message)
    {
    }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override void WriteVerboseLine(string message)
    {
    }

    public override void WriteWarningLine(string message)
    {
    }

    private void Add(string line)
    {
        lock (lines)
        {
            lines.Add(line);
        }
    }
}
