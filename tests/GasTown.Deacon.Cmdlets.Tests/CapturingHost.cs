using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// A host with no console: -WhatIf writes its What if: lines to the host, not to a stream, and -Confirm asks the host;
/// this one keeps both for the tests to read, and answers every prompt No.
/// </summary>
internal sealed class CapturingHost : PSHost
{
    private readonly Guid id = Guid.NewGuid();

    public CapturingUserInterface Capture { get; } = new();

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId => id;

    public override string Name => "GasTown.Deacon.Cmdlets.Tests";

    public override PSHostUserInterface UI => Capture;

    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }
}
