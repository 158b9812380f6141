using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>The -TownRoot parameter of every cmdlet that works on many towns at once.</summary>
public abstract class TownsCommandBase : PSCmdlet
{
    /// <summary>The town roots; the town holding the current location when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TownRootCompleter))]
    public string[]? TownRoot { get; set; }
}
