using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Watching;

/// <summary>One thing a watch reports: a town's heartbeat as it now is, or why it cannot be read.</summary>
public sealed class WatchEvent
{
    internal WatchEvent(string townRoot, Heartbeat? heartbeat, HeartbeatException? problem, HeartbeatException? pauseProblem)
    {
        TownRoot = townRoot;
        Heartbeat = heartbeat;
        Problem = problem;
        PauseProblem = pauseProblem;
    }

    /// <summary>The town the event is about.</summary>
    public string TownRoot { get; }

    /// <summary>The heartbeat, when its content or status changed.</summary>
    public Heartbeat? Heartbeat { get; }

    /// <summary>Why the heartbeat cannot be read (missing, invalid, an I/O failure), when that changed.</summary>
    public HeartbeatException? Problem { get; }

    /// <summary>
    /// Why the Deacon's pause file cannot be read, when that first appears: the Deacon is then shown as not paused,
    /// as <c>gt deacon status</c> shows it. An event may carry only this.
    /// </summary>
    public HeartbeatException? PauseProblem { get; }
}
