using System;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon;

/// <summary>
/// The daemon's question, "should the Deacon be poked?", with what the answer rests on: the heartbeat, or why there
/// is no usable one, and the pause. The heartbeat's own <see cref="HeartbeatStatus"/> says the rest.
/// </summary>
/// <param name="ShouldPoke">True for a missing, invalid, very stale or future heartbeat of a Deacon that is not paused.</param>
/// <param name="Heartbeat">The heartbeat, when one could be read.</param>
/// <param name="Problem">Why there is no usable heartbeat (missing, invalid, too large), when there is none.</param>
/// <param name="Pause">The pause, when the Deacon is paused: then the answer is false, whatever the heartbeat says.</param>
internal sealed record PokeCheck(bool ShouldPoke, Heartbeat? Heartbeat, HeartbeatException? Problem, PauseState? Pause)
{
    /// <summary>
    /// Asks <paramref name="store"/>, knowing the Deacon's <paramref name="pause"/> (null: not paused). A paused Deacon
    /// is never poked: poking it would ask it to patrol. Failures that say nothing about the Deacon (the town root
    /// missing, I/O errors) are thrown, not answered: poking over a permissions problem would hide it.
    /// </summary>
    public static PokeCheck Run(HeartbeatStore store, HeartbeatThresholds thresholds, PauseState? pause = null)
    {
        var paused = pause is { Paused: true } ? pause : null;
        Heartbeat heartbeat;
        try
        {
            heartbeat = store.Observe(thresholds);
        }
        catch (HeartbeatException ex) when (ex.Absence != HeartbeatAbsence.None)
        {
            return new PokeCheck(paused is null, null, ex, paused);
        }

        return paused is null
            ? new PokeCheck(heartbeat.ShouldPoke, heartbeat, null, null)
            : new PokeCheck(false, heartbeat.WithPause(paused), null, paused);
    }
}
