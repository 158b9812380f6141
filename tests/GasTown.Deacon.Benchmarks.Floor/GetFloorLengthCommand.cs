using System.IO;
using System.Management.Automation;

namespace GasTown.Deacon.Benchmarks.Floor;

/// <summary>Reads a file's bytes and emits their length: the least any heartbeat cmdlet call can cost.</summary>
[Cmdlet(VerbsCommon.Get, "FloorLength")]
[OutputType(typeof(int))]
public sealed class GetFloorLengthCommand : PSCmdlet
{
    /// <summary>The file to read, as a full path.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ProcessRecord() => WriteObject(File.ReadAllBytes(Path).Length);
}
