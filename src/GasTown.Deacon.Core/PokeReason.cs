namespace GasTown.Deacon;

/// <summary>Why <see cref="PokeCheck"/> answered as it did.</summary>
public enum PokeReason
{
    /// <summary>The heartbeat is Fresh.</summary>
    Fresh,

    /// <summary>The heartbeat is Stale, not yet worth a poke.</summary>
    Stale,

    /// <summary>The heartbeat is VeryStale.</summary>
    VeryStale,

    /// <summary>The heartbeat is dated ahead of the clock by more than the stale threshold.</summary>
    Future,

    /// <summary>There is no heartbeat file.</summary>
    Missing,

    /// <summary>The heartbeat file is invalid or too large.</summary>
    Invalid,

    /// <summary>The Deacon is paused: it must not patrol, so it is not poked, however old its heartbeat.</summary>
    Paused,
}
