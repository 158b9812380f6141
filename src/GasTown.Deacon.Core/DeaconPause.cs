using System;
using GasTown.Deacon.Format;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon;

/// <summary>A town's Deacon pause as Suspend-Deacon reports it: the pause file's fields and where it lives.</summary>
public sealed class DeaconPause
{
    /// <summary>Describes <paramref name="state"/>, the pause file of the town at <paramref name="townRoot"/>.</summary>
    public DeaconPause(string townRoot, PauseState state)
    {
        TownRoot = townRoot ?? throw new ArgumentNullException(nameof(townRoot));
        State = state ?? throw new ArgumentNullException(nameof(state));
        Path = PauseStore.GetPausePath(townRoot);
    }

    /// <summary>The town's root directory.</summary>
    public string TownRoot { get; }

    /// <summary>The pause file, <c>&lt;TownRoot&gt;/.runtime/deacon/paused.json</c>.</summary>
    public string Path { get; }

    /// <summary>True while the Deacon is paused.</summary>
    public bool Paused => State.Paused;

    /// <summary>Why the Deacon was paused, or empty.</summary>
    public string Reason => State.Reason;

    /// <summary>Who paused the Deacon, or empty.</summary>
    public string PausedBy => State.PausedBy;

    /// <summary>When the Deacon was paused.</summary>
    public DateTimeOffset PausedAt => State.PausedAt;

    /// <summary>
    /// <see cref="PausedAt"/> as RFC 3339 text in UTC, as the file has it: what the view shows and what a CSV or another
    /// process gets exactly, where a DateTimeOffset is written in the culture's format, its fraction lost.
    /// </summary>
    public string PausedAtUtc => Rfc3339.Format(State.PausedAt.ToUniversalTime());

    private PauseState State { get; }

    /// <summary>The pause file's contents.</summary>
    public PauseState ToState() => State;

    /// <inheritdoc />
    public override string ToString() => $"{TownRoot}: {State}";
}
