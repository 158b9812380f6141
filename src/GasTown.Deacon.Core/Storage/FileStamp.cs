namespace GasTown.Deacon.Storage;

/// <summary>What one look at a path found: nothing, a directory, or a file with its size and last write time.</summary>
internal readonly struct FileStamp
{
    private FileStamp(FileStampKind kind, long length, long writtenUtcTicks)
    {
        Kind = kind;
        Length = length;
        WrittenUtcTicks = writtenUtcTicks;
    }

    /// <summary>Nothing there (or a folder on the way is missing, or a link leads nowhere).</summary>
    public static FileStamp Missing => new(FileStampKind.Missing, 0, 0);

    /// <summary>A directory where a file was looked for.</summary>
    public static FileStamp Directory => new(FileStampKind.Directory, 0, 0);

    /// <summary>What was found.</summary>
    public FileStampKind Kind { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; }

    /// <summary>The file's last write time, in UTC ticks (as <c>DateTime.Ticks</c>, to 100 ns).</summary>
    public long WrittenUtcTicks { get; }

    /// <summary>A file of <paramref name="length"/> bytes last written at <paramref name="writtenUtcTicks"/>.</summary>
    public static FileStamp File(long length, long writtenUtcTicks) => new(FileStampKind.File, length, writtenUtcTicks);
}
