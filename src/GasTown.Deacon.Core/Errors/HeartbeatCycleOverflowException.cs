namespace GasTown.Deacon.Errors;

/// <summary>The cycle is already at <see cref="long.MaxValue"/>; an update would wrap, so nothing was written.</summary>
public sealed class HeartbeatCycleOverflowException : HeartbeatException
{
    /// <summary>Creates the exception for the heartbeat file at <paramref name="path"/>.</summary>
    public HeartbeatCycleOverflowException(string path)
        : base($"The heartbeat '{path}' is at cycle {long.MaxValue}, the largest there is; it was left unchanged. Write a new heartbeat with a lower cycle to go on.", path)
    {
    }
}
