using System;
using System.IO;
using System.Threading;

namespace GasTown.Deacon;

/// <summary>
/// A town's <c>deacon/heartbeat.json</c>: read without locks, written atomically (temp file, flush to disk,
/// rename), updated under a cross-process lock so that concurrent writers lose no cycle. The file stays
/// exactly what Gas Town's Go daemon reads and writes.
/// </summary>
public sealed class HeartbeatStore
{
    /// <summary>Files larger than this are refused unread: a heartbeat is about 150 bytes.</summary>
    public const long MaxFileSize = 1024 * 1024;

    /// <summary>How long writers wait for the lock unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    private const string DeaconDirectoryName = "deacon";
    private const string FileName = "heartbeat.json";
    private const string TempPattern = FileName + ".*.tmp";

    private readonly TimeProvider timeProvider;

    /// <summary>A store for the town at <paramref name="townRoot"/>, which should be a full path.</summary>
    public HeartbeatStore(string townRoot, TimeProvider? timeProvider = null, TimeSpan? lockTimeout = null)
    {
        if (string.IsNullOrEmpty(townRoot))
        {
            throw new ArgumentException("A town root is required.", nameof(townRoot));
        }

        TownRoot = townRoot;
        DeaconDirectory = Path.Combine(townRoot, DeaconDirectoryName);
        FilePath = Path.Combine(DeaconDirectory, FileName);
        LockPath = FilePath + ".lock";
        this.timeProvider = timeProvider ?? TimeProvider.System;
        LockTimeout = lockTimeout ?? DefaultLockTimeout;
        if (LockTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lockTimeout), lockTimeout, "The lock timeout cannot be negative.");
        }
    }

    /// <summary>The town's root directory.</summary>
    public string TownRoot { get; }

    /// <summary><c>&lt;TownRoot&gt;/deacon</c>.</summary>
    public string DeaconDirectory { get; }

    /// <summary><c>&lt;TownRoot&gt;/deacon/heartbeat.json</c>.</summary>
    public string FilePath { get; }

    /// <summary>The lock file writers hold, beside the heartbeat.</summary>
    public string LockPath { get; }

    /// <summary>How long a writer waits for the lock.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>Test seam: wraps the temp file's stream so a test can make the write fail part-way.</summary>
    internal Func<Stream, Stream>? TempStreamWrapper { get; set; }

    /// <summary>Test seam: runs after the temp file is complete, just before it replaces the heartbeat.</summary>
    internal Action<string>? BeforeReplace { get; set; }

    /// <summary>The heartbeat path of the town at <paramref name="townRoot"/>, as Go's HeartbeatFile gives it.</summary>
    public static string GetHeartbeatPath(string townRoot) => Path.Combine(townRoot, DeaconDirectoryName, FileName);

    /// <summary>Reads the heartbeat. Takes no lock: writers replace the file whole, so a read never sees part of one.</summary>
    /// <exception cref="HeartbeatNotFoundException">There is no heartbeat file.</exception>
    /// <exception cref="TownRootNotFoundException">The town root does not exist.</exception>
    /// <exception cref="HeartbeatInvalidException">The file is not a heartbeat Go would accept.</exception>
    /// <exception cref="HeartbeatTooLargeException">The file is over <see cref="MaxFileSize"/>.</exception>
    /// <exception cref="HeartbeatIOException">The file could not be read.</exception>
    public HeartbeatRecord Read()
    {
        var bytes = ReadBytes(out var length);
        return HeartbeatJsonReader.Parse(new ReadOnlySpan<byte>(bytes, 0, length), FilePath);
    }

    /// <summary>Observes the heartbeat now, against <paramref name="thresholds"/>.</summary>
    public Heartbeat Observe(HeartbeatThresholds thresholds) =>
        new(Read(), TownRoot, timeProvider.GetUtcNow(), thresholds);

    /// <summary>
    /// Writes <paramref name="record"/> as the heartbeat, under the lock, atomically and durably. A zero
    /// timestamp becomes now, as in Go. Returns what was written.
    /// </summary>
    public HeartbeatRecord Write(HeartbeatRecord record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        if (record.Timestamp == HeartbeatRecord.ZeroTimestamp)
        {
            record = new HeartbeatRecord
            {
                Timestamp = timeProvider.GetUtcNow(),
                Cycle = record.Cycle,
                LastAction = record.LastAction,
                HealthyAgents = record.HealthyAgents,
                UnhealthyAgents = record.UnhealthyAgents,
            };
        }

        using (Lock())
        {
            WriteLocked(record);
        }

        return record;
    }

    /// <summary>
    /// Go's Touch and TouchWithAction as one atomic step: read, cycle + 1 (1 when there is no valid heartbeat),
    /// timestamp now in UTC, action and counts as given (empty and zero clear them), write. Holds the lock
    /// throughout, so any number of concurrent updaters lose no cycle.
    /// </summary>
    /// <exception cref="HeartbeatCycleOverflowException">The cycle is at <see cref="long.MaxValue"/>; nothing was written.</exception>
    public HeartbeatUpdateResult Update(string? action = null, long healthyAgents = 0, long unhealthyAgents = 0)
    {
        using (Lock())
        {
            HeartbeatRecord? previous = null;
            HeartbeatException? replaced = null;
            try
            {
                previous = Read();
            }
            catch (HeartbeatNotFoundException)
            {
            }
            catch (HeartbeatInvalidException ex)
            {
                replaced = ex;
            }
            catch (HeartbeatTooLargeException ex)
            {
                replaced = ex;
            }

            if (previous is not null && previous.Cycle == long.MaxValue)
            {
                throw new HeartbeatCycleOverflowException(FilePath);
            }

            var written = new HeartbeatRecord
            {
                Timestamp = timeProvider.GetUtcNow().ToUniversalTime(),
                Cycle = previous is null ? 1 : previous.Cycle + 1,
                LastAction = action ?? string.Empty,
                HealthyAgents = healthyAgents,
                UnhealthyAgents = unhealthyAgents,
            };
            WriteLocked(written);
            return new HeartbeatUpdateResult(written, previous, replaced);
        }
    }

    private HeartbeatLock Lock()
    {
        RequireTownRoot();
        if (!Directory.Exists(DeaconDirectory))
        {
            try
            {
                Directory.CreateDirectory(DeaconDirectory);
                UnixFileModes.Narrow(DeaconDirectory, UnixFileModes.DirectoryDefault);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new HeartbeatIOException("Cannot create the Deacon's directory", DeaconDirectory, ex);
            }
        }

        return HeartbeatLock.Acquire(LockPath, LockTimeout);
    }

    private void RequireTownRoot()
    {
        if (!Directory.Exists(TownRoot))
        {
            throw new TownRootNotFoundException(TownRoot);
        }
    }

    private byte[] ReadBytes(out int length)
    {
        try
        {
            using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            for (var attempt = 1; ; attempt++)
            {
                var size = stream.Length;
                if (size > MaxFileSize)
                {
                    throw new HeartbeatTooLargeException(FilePath, size, MaxFileSize);
                }

                // One byte of room past the size tells a file that grew while being read (a writer that does not
                // replace the file whole, such as the Go original) from one that did not.
                var buffer = new byte[size + 1];
                stream.Position = 0;
                length = 0;
                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }

                if (length <= size)
                {
                    return buffer;
                }

                if (attempt == 3)
                {
                    throw new HeartbeatIOException("Cannot read the heartbeat file", FilePath, new IOException("It kept growing while being read."));
                }
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            RequireTownRoot();
            throw new HeartbeatNotFoundException(FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException("Cannot read the heartbeat file", FilePath, ex);
        }
    }

    private void WriteLocked(HeartbeatRecord record)
    {
        var bytes = HeartbeatJsonWriter.Serialize(record);
        SweepOrphanedTempFiles();
        var temp = Path.Combine(DeaconDirectory, $"{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                var stream = TempStreamWrapper?.Invoke(file) ?? file;
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            CopyModeOrDefault(temp);
            BeforeReplace?.Invoke(temp);
            Replace(temp, FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new HeartbeatIOException("Cannot write the heartbeat; the previous one is unchanged", FilePath, ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writers hold the lock while their temp file exists, so under the lock any temp file left is the remains of
    /// a killed writer.
    /// </summary>
    private void SweepOrphanedTempFiles()
    {
        try
        {
            foreach (var orphan in Directory.EnumerateFiles(DeaconDirectory, TempPattern))
            {
                TryDelete(orphan);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only: the write itself will report a directory it cannot use.
        }
    }

    private void CopyModeOrDefault(string temp)
    {
        if (!UnixFileModes.Supported)
        {
            return;
        }

        var existing = TryGetAttributes(FilePath);
        if (existing is FileAttributes attributes && (attributes & (FileAttributes.ReparsePoint | FileAttributes.Directory)) == 0)
        {
            UnixFileModes.Set(temp, UnixFileModes.Get(FilePath) ?? UnixFileModes.FileDefault);
        }
        else
        {
            UnixFileModes.Narrow(temp, UnixFileModes.FileDefault);
        }
    }

    /// <summary>
    /// Renames the complete temp file over the heartbeat. netstandard2.0 has no overwriting File.Move: File.Replace
    /// renames over an existing file (rename(2) on Unix, ReplaceFile on Windows), File.Move takes the first write.
    /// A link planted at the heartbeat's path is removed first so the write never lands where it points.
    /// </summary>
    private static void Replace(string temp, string target)
    {
        const int attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var attributes = TryGetAttributes(target);
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
            catch (Exception ex) when (attempt < attempts && ex is IOException or UnauthorizedAccessException && File.Exists(temp))
            {
                // The target appeared or vanished between the check and the rename, or (Windows) a reader that does
                // not share delete access has it open for a moment: look again.
                Thread.Sleep(attempt);
            }
        }
    }

    private static FileAttributes? TryGetAttributes(string path)
    {
        try
        {
            return File.GetAttributes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
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
