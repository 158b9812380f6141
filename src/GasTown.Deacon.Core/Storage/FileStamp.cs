using System;
using System.IO;

namespace GasTown.Deacon.Storage;

/// <summary>
/// What one look at a path found: nothing, a directory, or a file with its size and last write time. Enough to tell
/// that a file changed without reading it (the settings cache, the watch).
/// </summary>
internal readonly struct FileStamp : IEquatable<FileStamp>
{
    private FileStamp(FileStampKind kind, long length, long writtenUtcTicks)
    {
        Kind = kind;
        Length = length;
        WrittenUtcTicks = writtenUtcTicks;
    }

    /// <summary>Nothing there (or a folder on the way is missing, or a link leads nowhere).</summary>
    public static FileStamp Missing => default;

    /// <summary>A directory where a file was looked for.</summary>
    public static FileStamp Directory => new(FileStampKind.Directory, 0, 0);

    /// <summary>What was found.</summary>
    public FileStampKind Kind { get; }

    /// <summary>Whether a file was found.</summary>
    public bool Exists => Kind == FileStampKind.File;

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; }

    /// <summary>The file's last write time, in UTC ticks (as <c>DateTime.Ticks</c>, to 100 ns).</summary>
    public long WrittenUtcTicks { get; }

    /// <summary>The file's last write time.</summary>
    public DateTime LastWriteUtc => new(WrittenUtcTicks, DateTimeKind.Utc);

    /// <summary>A file of <paramref name="length"/> bytes last written at <paramref name="writtenUtcTicks"/>.</summary>
    public static FileStamp File(long length, long writtenUtcTicks) => new(FileStampKind.File, length, writtenUtcTicks);

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
            return File(info.Length, info.LastWriteTimeUtc.Ticks);
        }

        // Attributes says -1 for nothing there, and throws for a look that failed for another reason.
        var attributes = info.Attributes;
        return (int)attributes != -1 && (attributes & FileAttributes.Directory) != 0 ? Directory : Missing;
    }

    public bool Equals(FileStamp other) => Kind == other.Kind && Length == other.Length && WrittenUtcTicks == other.WrittenUtcTicks;

    public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

    public override int GetHashCode() => WrittenUtcTicks.GetHashCode() ^ Length.GetHashCode();
}
