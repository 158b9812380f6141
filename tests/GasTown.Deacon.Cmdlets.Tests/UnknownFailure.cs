using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>A heartbeat failure of a kind the mapping has no row for, to show where such a one lands.</summary>
internal sealed class UnknownFailure : HeartbeatException
{
    public UnknownFailure(string path)
        : base($"Something new went wrong with '{path}'.", path)
    {
    }
}
