using System;

namespace GasTown.Deacon;

/// <summary>The daemon's question, "should the Deacon be poked?", with the reason for the answer.</summary>
public sealed class PokeCheck
{
    private PokeCheck(bool shouldPoke, PokeReason reason, Heartbeat? heartbeat, HeartbeatException? problem)
    {
        ShouldPoke = shouldPoke;
        Reason = reason;
        Heartbeat = heartbeat;
        Problem = problem;
    }

    /// <summary>True for a missing, invalid, very stale or future heartbeat.</summary>
    public bool ShouldPoke { get; }

    /// <summary>Why.</summary>
    public PokeReason Reason { get; }

    /// <summary>The heartbeat, when one could be read.</summary>
    public Heartbeat? Heartbeat { get; }

    /// <summary>What made the heartbeat unreadable (missing, invalid, too large), if anything.</summary>
    public HeartbeatException? Problem { get; }

    /// <summary>
    /// Asks <paramref name="store"/>. Failures that say nothing about the Deacon (the town root missing, I/O
    /// errors) are thrown, not answered: poking over a permissions problem would hide it.
    /// </summary>
    public static PokeCheck Run(HeartbeatStore store, HeartbeatThresholds thresholds)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        Heartbeat heartbeat;
        try
        {
            heartbeat = store.Observe(thresholds);
        }
        catch (HeartbeatNotFoundException ex)
        {
            return new PokeCheck(true, PokeReason.Missing, null, ex);
        }
        catch (HeartbeatInvalidException ex)
        {
            return new PokeCheck(true, PokeReason.Invalid, null, ex);
        }
        catch (HeartbeatTooLargeException ex)
        {
            return new PokeCheck(true, PokeReason.Invalid, null, ex);
        }

        var reason = heartbeat.Status switch
        {
            HeartbeatStatus.Fresh => PokeReason.Fresh,
            HeartbeatStatus.Stale => PokeReason.Stale,
            HeartbeatStatus.VeryStale => PokeReason.VeryStale,
            _ => PokeReason.Future,
        };
        return new PokeCheck(heartbeat.ShouldPoke, reason, heartbeat, null);
    }
}
