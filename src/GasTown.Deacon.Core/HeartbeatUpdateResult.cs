namespace GasTown.Deacon;

/// <summary>What a locked update wrote, and what it found before it.</summary>
public sealed class HeartbeatUpdateResult
{
    internal HeartbeatUpdateResult(HeartbeatRecord written, HeartbeatRecord? previous, HeartbeatException? replacedInvalid)
    {
        Written = written;
        Previous = previous;
        ReplacedInvalid = replacedInvalid;
    }

    /// <summary>The heartbeat now on disk.</summary>
    public HeartbeatRecord Written { get; }

    /// <summary>The valid heartbeat the update replaced, or null when there was none.</summary>
    public HeartbeatRecord? Previous { get; }

    /// <summary>
    /// Set when the file was there but invalid or too large, so the cycle restarted at 1: callers should warn,
    /// since the Deacon's history was lost.
    /// </summary>
    public HeartbeatException? ReplacedInvalid { get; }
}
