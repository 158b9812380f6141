namespace GasTown.Deacon.Errors;

/// <summary>
/// The Deacon is paused, so it must not patrol: Gas Town's <c>gt deacon heartbeat</c> refuses to beat, and so
/// does an update here unless forced. Nothing was written.
/// </summary>
public sealed class DeaconPausedException : HeartbeatException
{
    /// <summary>Creates the exception for the pause file at <paramref name="path"/>, which holds <paramref name="state"/>.</summary>
    public DeaconPausedException(string path, PauseState state)
        : base($"The Deacon is {state} ('{path}'); a paused Deacon must not patrol, so it does not beat.", path)
    {
        State = state;
    }

    /// <summary>What the pause file says.</summary>
    public PauseState State { get; }
}
