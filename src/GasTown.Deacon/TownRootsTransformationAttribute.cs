using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Hands a single town root (the usual call, <c>Get-DeaconHeartbeat ~/gt</c>) to a <c>string[]</c> parameter as an
/// array of one. PowerShell's binder would get there too, by its general conversion, which costs more than the rest
/// of binding a call: a heartbeat call is meant to cost little more than reading the file. Anything else is left to
/// the binder as it is.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
internal sealed class TownRootsTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is string single ? new[] { single } : inputData;
}
