using System.Collections.Generic;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>
/// -TownRoot and -LiteralTownRoot, for every cmdlet that works on many towns at once: the pair PowerShell's own
/// cmdlets have as -Path and -LiteralPath. Cmdlets deriving from this name <see cref="PathSet"/> as their default
/// parameter set.
/// </summary>
public abstract class TownsCommandBase : DeaconCommandBase
{
    /// <summary>The parameter set of -TownRoot, which takes wildcards.</summary>
    protected const string PathSet = "TownRoot";

    /// <summary>The parameter set of -LiteralTownRoot.</summary>
    protected const string LiteralSet = "LiteralTownRoot";

    /// <summary>
    /// The town roots; wildcards stand for every directory they match. The town holding the current location when
    /// omitted.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string[]? TownRoot { get; set; }

    /// <summary>
    /// The town roots exactly as written, wildcard characters included. Bound from PSPath (or FullName) of what
    /// Get-ChildItem and Get-Item emit, as PowerShell's own -LiteralPath is.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralSet)]
    [Alias("LiteralPath", "PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string[]? LiteralTownRoot { get; set; }

    /// <summary>The full paths of the towns given (wildcards expanded), or of the town holding the current location.</summary>
    protected IEnumerable<string> ResolveTownRoots() =>
        ParameterSetName == LiteralSet
            ? TownRoots.Resolve(this, LiteralTownRoot, literal: true)
            : TownRoots.Resolve(this, TownRoot, literal: false);

    /// <summary>Runs <paramref name="act"/> for each town given, or the current one (see <see cref="DeaconCommandBase.ForEachTown(IEnumerable{string}, System.Action{string}, bool)"/>).</summary>
    protected void ForEachTown(System.Action<string> act, bool writing) => ForEachTown(ResolveTownRoots(), act, writing);
}
