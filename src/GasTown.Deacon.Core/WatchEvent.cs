namespace GasTown.Deacon;

/// <summary>One thing a watch reports: a town's heartbeat as it now is, or why it cannot be read.</summary>
public sealed class WatchEvent
{
    internal WatchEvent(string townRoot, Heartbeat? heartbeat, HeartbeatException? problem)
    {
        TownRoot = townRoot;
        Heartbeat = heartbeat;
        Problem = problem;
    }

    /// <summary>The town the event is about.</summary>
    public string TownRoot { get; }

    /// <summary>The heartbeat, when its content or status changed.</summary>
    public Heartbeat? Heartbeat { get; }

    /// <summary>Why the heartbeat cannot be read (missing, invalid, an I/O failure), when that changed.</summary>
    public HeartbeatException? Problem { get; }
}
