using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Storage;

/// <summary>
/// What a look at the pause file found, without throwing: the state, or the problem that kept it from being read.
/// Readers that only report (as <c>gt deacon status</c>) treat a problem as not paused, and say so.
/// </summary>
public sealed class PauseObservation
{
    /// <summary>No pause file: the Deacon is not paused.</summary>
    public static readonly PauseObservation None = new(null, null);

    internal PauseObservation(PauseState? state, HeartbeatException? problem)
    {
        State = state;
        Problem = problem;
    }

    /// <summary>What the file says, when there is one and it could be read.</summary>
    public PauseState? State { get; }

    /// <summary>Why the file could not be read (invalid, too large, an I/O failure), if it could not.</summary>
    public HeartbeatException? Problem { get; }

    /// <summary>True when the file was read and says the Deacon is paused.</summary>
    public bool IsPaused => State is { Paused: true };

    /// <summary>The state when the Deacon is paused, else null.</summary>
    public PauseState? Pause => IsPaused ? State : null;
}
