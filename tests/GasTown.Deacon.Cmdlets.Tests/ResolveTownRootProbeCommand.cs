using System.Management.Automation;
using GasTown.Deacon.Commands;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// Asks the -TownRoot fast path and PowerShell's own path API about one path, from a real cmdlet in the session, for
/// <see cref="TownRootsFastPathPropertyTests"/>.
/// </summary>
[Cmdlet("Resolve", "TownRootProbe")]
[OutputType(typeof(TownRootAnswers))]
public sealed class ResolveTownRootProbeCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [AllowEmptyString]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter Literal { get; set; }

    protected override void ProcessRecord()
    {
        var fast = TownRoots.TryResolveFast(this, Path, Literal);
        string? unresolved = null;
        string? provider = null;
        try
        {
            unresolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var info, out _);
            provider = info.Name;
        }
        catch (System.Exception ex) when (ex is ItemNotFoundException or DriveNotFoundException or ProviderNotFoundException or System.NotSupportedException or System.ArgumentException or PSInvalidOperationException)
        {
        }

        WriteObject(new TownRootAnswers(fast, unresolved, provider));
    }
}
