using System;

namespace GasTown.Deacon.Errors;

/// <summary>Another writer held the heartbeat lock for longer than the caller was willing to wait.</summary>
public sealed class HeartbeatLockTimeoutException : HeartbeatException
{
    /// <summary>Creates the exception for the lock file at <paramref name="lockPath"/>.</summary>
    public HeartbeatLockTimeoutException(string lockPath, TimeSpan waited, Exception? lastError)
        : base(
            $"Timed out after {waited.TotalSeconds:0.###} s waiting for the heartbeat lock '{lockPath}': another writer holds it. "
            + "Try again, or look for a process stuck while updating the heartbeat.",
            lockPath,
            lastError)
    {
        Waited = waited;
    }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Waited { get; }
}
