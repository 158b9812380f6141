using System;

namespace GasTown.Deacon;

/// <summary>The daemon's question, "should the Deacon be poked?", with the reason for the answer.</summary>
public sealed class PokeCheck
{
    private PokeCheck(bool shouldPoke, PokeReason reason, Heartbeat? heartbeat, HeartbeatException? problem, PauseState? pause = null)
    {
        ShouldPoke = shouldPoke;
        Reason = reason;
        Heartbeat = heartbeat;
        Problem = problem;
        Pause = pause;
    }

    /// <summary>True for a missing, invalid, very stale or future heartbeat.</summary>
    public bool ShouldPoke { get; }

    /// <summary>Why.</summary>
    public PokeReason Reason { get; }

    /// <summary>The heartbeat, when one could be read.</summary>
    public Heartbeat? Heartbeat { get; }

    /// <summary>What made the heartbeat unreadable (missing, invalid, too large), if anything.</summary>
    public HeartbeatException? Problem { get; }

    /// <summary>The pause, when the Deacon is paused (<see cref="PokeReason.Paused"/>).</summary>
    public PauseState? Pause { get; }

    /// <summary>
    /// Asks <paramref name="store"/>. Failures that say nothing about the Deacon (the town root missing, I/O
    /// errors) are thrown, not answered: poking over a permissions problem would hide it.
    /// </summary>
    public static PokeCheck Run(HeartbeatStore store, HeartbeatThresholds thresholds) => Run(store, thresholds, null);

    /// <summary>
    /// Asks <paramref name="store"/>, knowing the Deacon's <paramref name="pause"/> (null: not paused). A paused
    /// Deacon is never poked, whatever its heartbeat says: the answer is false with <see cref="PokeReason.Paused"/>,
    /// and the heartbeat, or why it could not be read, is still reported.
    /// </summary>
    public static PokeCheck Run(HeartbeatStore store, HeartbeatThresholds thresholds, PauseState? pause)
    {
        if (store is null)
        {
            throw new ArgumentNullException(nameof(store));
        }

        var paused = pause is { Paused: true } ? pause : null;
        Heartbeat heartbeat;
        try
        {
            heartbeat = store.Observe(thresholds);
        }
        catch (HeartbeatNotFoundException ex)
        {
            return paused is null ? new PokeCheck(true, PokeReason.Missing, null, ex) : new PokeCheck(false, PokeReason.Paused, null, ex, paused);
        }
        catch (HeartbeatInvalidException ex)
        {
            return paused is null ? new PokeCheck(true, PokeReason.Invalid, null, ex) : new PokeCheck(false, PokeReason.Paused, null, ex, paused);
        }
        catch (HeartbeatTooLargeException ex)
        {
            return paused is null ? new PokeCheck(true, PokeReason.Invalid, null, ex) : new PokeCheck(false, PokeReason.Paused, null, ex, paused);
        }

        if (paused is not null)
        {
            return new PokeCheck(false, PokeReason.Paused, heartbeat.WithPause(paused), null, paused);
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
