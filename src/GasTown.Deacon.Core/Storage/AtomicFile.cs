using System;
using System.IO;
using System.Threading;

namespace GasTown.Deacon.Storage;

/// <summary>
/// Replaces a small file whole: the bytes go to a uniquely named temp file beside it, are flushed to disk, then
/// renamed over the target, so a reader sees the old file or the new one and a failed write leaves the old one
/// whole. Temp files left by a killed writer are swept by the next one. The read of such a file, whole, is here too.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Reads <paramref name="path"/> whole, in one pass, as the stores read their small files. Null, unread, when the
    /// file is over <paramref name="maxSize"/>; <paramref name="size"/> is its size when opened either way. The buffer
    /// has <paramref name="extra"/> bytes of room past that size (one tells a file that grew while being read, by a
    /// writer in place); <paramref name="length"/> says how much of it was filled.
    /// </summary>
    public static byte[]? Read(string path, long maxSize, int extra, out long size, out int length)
    {
#if NET8_0_OR_GREATER
        // A bare handle, as File.ReadAllBytes reads: a FileStream sets up a strategy and its checks around the same calls.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        size = RandomAccess.GetLength(handle);
#else
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        size = stream.Length;
#endif
        length = 0;
        if (size > maxSize)
        {
            return null;
        }

        var buffer = new byte[size + extra];
        int read;
#if NET8_0_OR_GREATER
        while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
#else
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
#endif
        {
            length += read;
        }

        return buffer;
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="target"/>.</summary>
    /// <param name="target">The file to replace or create.</param>
    /// <param name="bytes">Its new contents.</param>
    /// <param name="newFileMode">The Unix mode Go would give a new file; an existing file keeps its own, as with Go's os.WriteFile.</param>
    /// <param name="orphanAge">
    /// How old a temp file must be to count as left by a killed writer: zero when the caller holds a lock that every
    /// writer takes (any temp file is then an orphan), else long enough that no live writer is still at it.
    /// </param>
    /// <param name="hooks">The store's test seams: the temp file's stream, before the rename, before a retried rename.</param>
    /// <exception cref="IOException">The write failed; the target is unchanged and the temp file removed.</exception>
    /// <exception cref="UnauthorizedAccessException">The write was refused; the target is unchanged.</exception>
    public static void Write(string target, byte[] bytes, int newFileMode, TimeSpan orphanAge, StoreHooks hooks)
    {
        var directory = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);

        // One look at what is replaced: a file (not a link or a folder in its place) whose owner, group and mode the
        // new one takes, and which the caller must be allowed to write.
        var replacesFile = FileLinks.TryGetAttributes(target) is FileAttributes existing
            && (existing & (FileAttributes.ReparsePoint | FileAttributes.Directory)) == 0;
        if (replacesFile)
        {
            RequireWritableInPlace(target);
        }

        SweepOrphans(directory, name, orphanAge);
        string? temp = null;
        try
        {
            using (var file = CreateTemp(directory, name, out temp))
            {
                var stream = hooks.TempStreamWrapper?.Invoke(file) ?? file;
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            CopyOwnershipAndMode(target, temp, newFileMode, replacesFile);
            hooks.BeforeReplace?.Invoke(temp);
            Replace(temp, target, hooks.BeforeReplaceRetry);
        }
        catch when (temp is not null)
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// The name of a temp file beside a target file that fits the system's path limit whenever the target does:
    /// <c>name.XXXXXXXX.tmp</c>, or, where that would be too long, <c>~XXXXXX.tmp</c>, no longer than
    /// <c>heartbeat.json</c> or <c>paused.json</c> themselves.
    /// </summary>
    private static string TempName(string directory, string name)
    {
        var random = Guid.NewGuid().ToString("N");
        var temp = Path.Combine(directory, $"{name}.{random.Substring(0, 8)}.tmp");
        return FileSystemFaults.FitsPathLimit(temp) ? temp : Path.Combine(directory, $"~{random.Substring(0, 6)}.tmp");
    }

    /// <summary>A new temp file; a name already taken (another writer's, by chance) is drawn again.</summary>
    private static FileStream CreateTemp(string directory, string name, out string temp)
    {
        for (var attempt = 1; ; attempt++)
        {
            temp = TempName(directory, name);
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            }
            catch (IOException) when (attempt < 5 && File.Exists(temp))
            {
            }
        }
    }

    /// <summary>
    /// Refuses, before anything is written, a caller who may not write the existing file in place: Go's own write
    /// would be refused, and a rename (which needs only the folder) must not give the file to someone its mode
    /// shuts out.
    /// </summary>
    private static void RequireWritableInPlace(string target)
    {
        try
        {
            // Opened for writing, then closed: nothing is truncated or changed.
            new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1).Dispose();
        }
        catch (FileNotFoundException)
        {
            // Gone since the look: the rename makes it anew.
        }
    }

    /// <summary>Removes temp files of <paramref name="name"/> left by killed writers, in either form <see cref="TempName"/> gives.</summary>
    private static void SweepOrphans(string directory, string name, TimeSpan orphanAge)
    {
        try
        {
            var cutoff = DateTime.UtcNow - orphanAge;
            foreach (var orphan in Directory.EnumerateFiles(directory, "*.tmp"))
            {
                var file = Path.GetFileName(orphan);
                var ours = file.StartsWith(name + ".", StringComparison.Ordinal) || (file.Length == 11 && file[0] == '~');
                if (ours && (orphanAge <= TimeSpan.Zero || File.GetLastWriteTimeUtc(orphan) < cutoff))
                {
                    TryDelete(orphan);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only: the write itself will report a directory it cannot use.
        }
    }

    /// <summary>
    /// Gives the temp file what the file it replaces has: its owner and group where this process may set them (see
    /// <see cref="UnixOwnership"/>), then its mode (a change of owner may clear set-id bits). A new file gets Go's mode.
    /// </summary>
    private static void CopyOwnershipAndMode(string target, string temp, int newFileMode, bool replacesFile)
    {
        if (!UnixFileModes.Supported)
        {
            return;
        }

        if (replacesFile)
        {
            UnixOwnership.Copy(target, temp);
            UnixFileModes.Set(temp, UnixFileModes.Get(target) ?? newFileMode);
        }
        else
        {
            UnixFileModes.Narrow(temp, newFileMode);
        }
    }

    /// <summary>
    /// Renames the temp file over the target. netstandard2.0 has no overwriting File.Move: File.Replace renames over
    /// an existing file, File.Move takes the first write. A link planted at the target is removed first so the
    /// write never lands where it points.
    /// </summary>
    private static void Replace(string temp, string target, Action<int>? beforeRetry)
    {
        const int attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var attributes = FileLinks.TryGetAttributes(target);
                if (attributes is FileAttributes a && (a & FileAttributes.ReparsePoint) != 0)
                {
                    File.Delete(target);
                    attributes = null;
                }

                if (attributes is null)
                {
                    File.Move(temp, target);
                }
                else
                {
                    File.Replace(temp, target, null, ignoreMetadataErrors: true);
                }

                return;
            }
            catch (Exception ex) when (attempt < attempts && ex is IOException or UnauthorizedAccessException && File.Exists(temp) && !Directory.Exists(target))
            {
                // The target appeared or vanished between the check and the rename, or (Windows) a reader that does
                // not share delete access has it open for a moment: look again. A directory in the way stays there.
                beforeRetry?.Invoke(attempt);
                Thread.Sleep(attempt);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next writer sweeps what is left.
        }
    }
}
