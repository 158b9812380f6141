using System.Management.Automation;
using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>One row of the error table: a failure the core reports, and the id and category the cmdlets give it.</summary>
public sealed record ErrorCase(string Name, HeartbeatException Exception, bool Writing, string Id, ErrorCategory Category)
{
    public override string ToString() => Name;
}
