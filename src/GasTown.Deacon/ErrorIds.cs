namespace GasTown.Deacon.Commands;

/// <summary>The stable error ids the cmdlets report; scripts match on these through FullyQualifiedErrorId.</summary>
public static class ErrorIds
{
    /// <summary>The town has no heartbeat file.</summary>
    public const string HeartbeatNotFound = nameof(HeartbeatNotFound);

    /// <summary>The heartbeat file is not a heartbeat Go would accept.</summary>
    public const string HeartbeatInvalid = nameof(HeartbeatInvalid);

    /// <summary>The heartbeat file is over 1 MiB, or a heartbeat to write would be (nothing is written).</summary>
    public const string HeartbeatTooLarge = nameof(HeartbeatTooLarge);

    /// <summary>The given town root does not exist.</summary>
    public const string TownRootNotFound = nameof(TownRootNotFound);

    /// <summary>A directory given to a cmdlet that writes is not a town (no mayor/): nothing is written there.</summary>
    public const string NotATownRoot = nameof(NotATownRoot);

    /// <summary>No -TownRoot, and no town holds the current location or is named by GT_TOWN_ROOT / GT_ROOT.</summary>
    public const string NotInTown = nameof(NotInTown);

    /// <summary>The -TownRoot is not a file-system path.</summary>
    public const string TownRootNotFileSystem = nameof(TownRootNotFileSystem);

    /// <summary>Another writer held the lock for the whole wait.</summary>
    public const string HeartbeatLockTimeout = nameof(HeartbeatLockTimeout);

    /// <summary>The file system failed (permissions, full disk, I/O error).</summary>
    public const string HeartbeatIOError = nameof(HeartbeatIOError);

    /// <summary>The cycle is at its largest value; an update would wrap.</summary>
    public const string HeartbeatCycleOverflow = nameof(HeartbeatCycleOverflow);

    /// <summary>An object piped to Write-DeaconHeartbeat is not a heartbeat, live or deserialized.</summary>
    public const string InputNotHeartbeat = nameof(InputNotHeartbeat);

    /// <summary>The stale threshold is not below the very-stale threshold.</summary>
    public const string InvalidThresholds = nameof(InvalidThresholds);

    /// <summary>The Deacon is paused: it does not beat (nor is it paused again) unless forced.</summary>
    public const string DeaconPaused = nameof(DeaconPaused);

    /// <summary>The Deacon's pause file is not one Go would accept, so nobody can tell whether it is paused.</summary>
    public const string PauseFileInvalid = nameof(PauseFileInvalid);
}
