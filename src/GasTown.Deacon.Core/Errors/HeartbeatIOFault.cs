namespace GasTown.Deacon.Errors;

/// <summary>What went wrong in the file system, as far as it can be told; scripts can act on it without parsing messages.</summary>
public enum HeartbeatIOFault
{
    /// <summary>Some other failure; the message carries the system's own words.</summary>
    Other,

    /// <summary>The file system is mounted read-only (or the medium is write-protected).</summary>
    ReadOnlyFileSystem,

    /// <summary>This account may not open or create the file.</summary>
    PermissionDenied,

    /// <summary>No space (or no inode, or no quota) is left.</summary>
    NoSpace,

    /// <summary>A directory stands where a file is expected.</summary>
    DirectoryInTheWay,

    /// <summary>A file stands where the <c>deacon</c> directory is expected.</summary>
    FileInTheWay,

    /// <summary>A symbolic link stands where the lock file is expected; it is never opened through a link.</summary>
    LinkInTheWay,

    /// <summary>The path is longer than the system takes.</summary>
    PathTooLong,
}
