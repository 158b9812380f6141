namespace GasTown.Deacon;

/// <summary>How a heartbeat's age compares with the thresholds.</summary>
public enum HeartbeatStatus
{
    /// <summary>Younger than the stale threshold: the Deacon is working.</summary>
    Fresh,

    /// <summary>At least the stale threshold old, younger than the very-stale threshold.</summary>
    Stale,

    /// <summary>At least the very-stale threshold old: the Deacon should be poked.</summary>
    VeryStale,

    /// <summary>Dated more than the stale threshold ahead of now: a clock is skewed.</summary>
    Future,
}
