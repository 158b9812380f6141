using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Storage;

/// <summary>What a locked update wrote, and the invalid file it replaced, if any.</summary>
public sealed class HeartbeatUpdateResult
{
    internal HeartbeatUpdateResult(HeartbeatRecord written, HeartbeatException? replacedInvalid)
    {
        Written = written;
        ReplacedInvalid = replacedInvalid;
    }

    /// <summary>The heartbeat now on disk.</summary>
    public HeartbeatRecord Written { get; }

    /// <summary>
    /// Set when the file was there but invalid or too large, so the cycle restarted at 1: callers should warn,
    /// since the Deacon's history was lost.
    /// </summary>
    public HeartbeatException? ReplacedInvalid { get; }
}
