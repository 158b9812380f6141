using System;
using System.IO;

namespace GasTown.Deacon.Storage;

/// <summary>
/// What one look at a path found: nothing (the default: or a folder on the way is missing, or a link leads nowhere),
/// a directory, or a file with its size and last write time (in UTC ticks, to 100 ns). Enough to tell that a file
/// changed without reading it (the settings cache, the watch).
/// </summary>
internal readonly record struct FileStamp(FileStampKind Kind, long Length, long WrittenUtcTicks)
{
    /// <summary>Whether a file was found.</summary>
    public bool Exists => Kind == FileStampKind.File;

    /// <summary>The file's last write time.</summary>
    public DateTime LastWriteUtc => new(WrittenUtcTicks, DateTimeKind.Utc);

    /// <summary>
    /// Looks at <paramref name="info"/> afresh (a FileInfo kept and refreshed costs less than a new one each time).
    /// Callers that share one lock it.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The path may not be looked at (a folder on the way is shut).</exception>
    /// <exception cref="IOException">The look failed otherwise.</exception>
    public static FileStamp Of(FileInfo info)
    {
        info.Refresh();
        if (info.Exists)
        {
            return new(FileStampKind.File, info.Length, info.LastWriteTimeUtc.Ticks);
        }

        // Attributes says -1 for nothing there, and throws for a look that failed for another reason.
        var attributes = info.Attributes;
        return (int)attributes != -1 && (attributes & FileAttributes.Directory) != 0 ? new(FileStampKind.Directory, 0, 0) : default;
    }
}
