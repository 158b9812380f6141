namespace GasTown.Deacon.Errors;

/// <summary>
/// What a failed read says about the Deacon: that it has no usable heartbeat (so it should be poked, and the next beat
/// starts the cycle again), or nothing at all (the town or the file system failed, which a poke would only hide).
/// Decided once, by <see cref="HeartbeatException.Absence"/>, for the poke check, the update and its -WhatIf.
/// </summary>
internal enum HeartbeatAbsence
{
    /// <summary>The failure is not about the heartbeat: no such town, an I/O fault, a lock held too long.</summary>
    None,

    /// <summary>There is no heartbeat file.</summary>
    Missing,

    /// <summary>The file is there but is no heartbeat: invalid, or too large to read.</summary>
    Invalid,
}
