using System;

namespace GasTown.Deacon;

/// <summary>
/// The ages at which a heartbeat turns Stale and VeryStale. The defaults are the Go original's (2 and 5 minutes);
/// Gas Town today uses 5 and 20 minutes.
/// </summary>
public sealed class HeartbeatThresholds
{
    /// <summary>The Go original's thresholds: Stale from 2 minutes, VeryStale from 5 minutes.</summary>
    public static readonly HeartbeatThresholds Default = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5));

    /// <summary>Creates thresholds; both must be positive and <paramref name="stale"/> below <paramref name="veryStale"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is zero or negative.</exception>
    /// <exception cref="ArgumentException">The stale threshold is not below the very-stale one.</exception>
    public HeartbeatThresholds(TimeSpan stale, TimeSpan veryStale)
    {
        if (stale <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(stale), stale, $"The stale threshold must be greater than zero; it was {stale}.");
        }

        if (veryStale <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(veryStale), veryStale, $"The very-stale threshold must be greater than zero; it was {veryStale}.");
        }

        if (stale >= veryStale)
        {
            throw new ArgumentException(
                $"The stale threshold ({stale}) must be less than the very-stale threshold ({veryStale}).", nameof(stale));
        }

        Stale = stale;
        VeryStale = veryStale;
    }

    /// <summary>Age from which a heartbeat is Stale.</summary>
    public TimeSpan Stale { get; }

    /// <summary>Age from which a heartbeat is VeryStale.</summary>
    public TimeSpan VeryStale { get; }

    /// <summary>
    /// Classifies a heartbeat of the given age. A negative age within the stale threshold is ordinary clock
    /// jitter and counts as Fresh; further ahead than that is Future.
    /// </summary>
    public HeartbeatStatus Classify(TimeSpan age)
    {
        if (age < TimeSpan.Zero && -age > Stale)
        {
            return HeartbeatStatus.Future;
        }

        if (age >= VeryStale)
        {
            return HeartbeatStatus.VeryStale;
        }

        return age >= Stale ? HeartbeatStatus.Stale : HeartbeatStatus.Fresh;
    }

    /// <summary>Whether the daemon should poke the Deacon over a heartbeat in this status.</summary>
    public static bool ShouldPoke(HeartbeatStatus status) =>
        status is HeartbeatStatus.VeryStale or HeartbeatStatus.Future;

    /// <summary>The age of a heartbeat written at <paramref name="timestamp"/>, seen at <paramref name="now"/>.</summary>
    public static TimeSpan AgeOf(DateTimeOffset timestamp, DateTimeOffset now) => now.UtcDateTime - timestamp.UtcDateTime;
}
