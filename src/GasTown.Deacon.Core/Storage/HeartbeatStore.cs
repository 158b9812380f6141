using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;

namespace GasTown.Deacon.Storage;

/// <summary>
/// A town's <c>deacon/heartbeat.json</c>: read without locks, written atomically (temp file, flush to disk,
/// rename), updated under a cross-process lock so that concurrent writers lose no cycle. The file stays
/// exactly what Gas Town's Go daemon reads and writes. Go writes in place (truncate, then write), so a read that
/// finds an empty file, or JSON that stops short, looks again until the file has been still for a while before
/// calling it invalid.
/// </summary>
public sealed class HeartbeatStore
{
    /// <summary>Files larger than this are refused unread: a heartbeat is about 150 bytes.</summary>
    public const long MaxFileSize = 1024 * 1024;

    /// <summary>How long writers wait for the lock unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    private const string DeaconDirectoryName = "deacon";
    private const string FileName = "heartbeat.json";

    // Looks a quiet spell needs besides its length, so that a reader itself descheduled does not give up after two.
    private const int QuietLooks = 10;

    private readonly TimeProvider timeProvider;

    /// <summary>A store for the town at <paramref name="townRoot"/>, which should be a full path.</summary>
    public HeartbeatStore(string townRoot, TimeProvider? timeProvider = null, TimeSpan? lockTimeout = null)
    {
        if (string.IsNullOrEmpty(townRoot))
        {
            throw new ArgumentException("A town root is required.", nameof(townRoot));
        }

        TownRoot = townRoot;
        FilePath = GetHeartbeatPath(townRoot);
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
    public string DeaconDirectory => Path.Combine(TownRoot, DeaconDirectoryName);

    /// <summary><c>&lt;TownRoot&gt;/deacon/heartbeat.json</c>.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The lock file writers hold, beside the heartbeat: <c>heartbeat.json.lock</c>, or <c>heartbeat.lck</c> where
    /// that would be over the system's path limit and the heartbeat itself is not (every writer works this out alike).
    /// </summary>
    public string LockPath => GetLockPath(FilePath);

    internal static string GetLockPath(string heartbeatPath)
    {
        var usual = heartbeatPath + ".lock";
        return FileSystemFaults.FitsPathLimit(usual) ? usual : Path.Combine(Path.GetDirectoryName(heartbeatPath)!, "heartbeat.lck");
    }

    /// <summary>How long a writer waits for the lock.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>Test seams, and the waits of a read beside a writer in place.</summary>
    internal StoreHooks Hooks { get; } = new();

    /// <summary>The heartbeat path of the town at <paramref name="townRoot"/>, as Go's HeartbeatFile gives it.</summary>
    public static string GetHeartbeatPath(string townRoot) => Path.Combine(townRoot, DeaconDirectoryName, FileName);

    /// <summary>
    /// Reads the heartbeat. Takes no lock: this store's writers replace the file whole. Writers in place (Go, older
    /// Gas Town) empty the file and then write it, so a file found empty, stopping short or growing is read again
    /// until it was last written a second ago (or for at most two seconds while it keeps changing);
    /// a complete but invalid file is reported at once.
    /// </summary>
    /// <exception cref="HeartbeatNotFoundException">There is no heartbeat file.</exception>
    /// <exception cref="TownRootNotFoundException">The town root does not exist.</exception>
    /// <exception cref="HeartbeatInvalidException">The file is not a heartbeat Go would accept.</exception>
    /// <exception cref="HeartbeatTooLargeException">The file is over <see cref="MaxFileSize"/>.</exception>
    /// <exception cref="HeartbeatIOException">The file could not be read.</exception>
    public HeartbeatRecord Read()
    {
        Stopwatch? settling = null;
        var lastStamp = DateTime.MinValue;
        var lastChange = TimeSpan.Zero;
        var quietLooks = 0;
        for (var attempt = 1; ; attempt++)
        {
            var bytes = ReadBytes(out var length, out var grew);
            var content = new ReadOnlySpan<byte>(bytes, 0, length);
            if (!grew && !IncompleteJson.EndsEarly(content))
            {
                return HeartbeatJsonReader.Parse(content, FilePath);
            }

            // Looks are ~1 ms apart and a writer's empty moment lasts microseconds, so each look is a fresh draw; but
            // a writer in a loop can keep the file empty most of the time, so keep drawing while it is being written.
            settling ??= Stopwatch.StartNew();
            var stamp = LastWriteTime();
            if (stamp != lastStamp)
            {
                lastStamp = stamp;
                lastChange = settling.Elapsed;
                quietLooks = 0;
            }

            // How long the file has been as it is: by its write time, which covers the time before this read began;
            // by this read's own looks when the write time is ahead of this clock (another machine's, on a share).
            var age = Hooks.FileClock() - stamp;
            var settled = age >= TimeSpan.Zero ? age : settling.Elapsed - lastChange;
            var quiet = ++quietLooks >= QuietLooks && settled >= Hooks.ReadSettledAge;
            if (quiet || settling.Elapsed >= Hooks.ReadPatience)
            {
                if (grew)
                {
                    throw new HeartbeatIOException(
                        "Cannot read the heartbeat file", FilePath, HeartbeatIOFault.Other, "it kept growing while being read", null);
                }

                // Left empty or cut short: the parser says what is missing and where.
                return HeartbeatJsonReader.Parse(content, FilePath);
            }

            Hooks.BeforeReadRetry?.Invoke(attempt);
            Thread.Sleep(1);
        }
    }

    /// <summary>Observes the heartbeat now, against <paramref name="thresholds"/>.</summary>
    public Heartbeat Observe(HeartbeatThresholds thresholds) =>
        new(Read(), TownRoot, timeProvider.GetUtcNow(), thresholds);

    /// <summary>
    /// Writes <paramref name="record"/> as the heartbeat, under the lock, atomically and durably. A zero
    /// timestamp becomes now, as in Go. Returns what was written. Cancelling <paramref name="cancellationToken"/>
    /// ends a wait for the lock; once held, the write completes.
    /// </summary>
    /// <exception cref="HeartbeatTooLargeException">The heartbeat would be over <see cref="MaxFileSize"/>; nothing was written.</exception>
    /// <exception cref="HeartbeatLockTimeoutException">Another writer held the lock for all of <see cref="LockTimeout"/>.</exception>
    /// <exception cref="HeartbeatIOException">The file system failed; the previous heartbeat is unchanged.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for the lock; nothing was written.</exception>
    public HeartbeatRecord Write(HeartbeatRecord record, CancellationToken cancellationToken = default)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        if (record.Timestamp == HeartbeatRecord.ZeroTimestamp)
        {
            record = record with { Timestamp = timeProvider.GetUtcNow() };
        }

        var bytes = Serialize(record);
        using (Lock(cancellationToken))
        {
            WriteLocked(bytes);
        }

        return record;
    }

    /// <summary>
    /// Go's Touch and TouchWithAction as one atomic step: read, cycle + 1 (1 when there is no valid heartbeat),
    /// timestamp now in UTC, action and counts as given (empty and zero clear them), write. Holds the lock
    /// throughout, so any number of concurrent updaters lose no cycle. Cancelling <paramref name="cancellationToken"/>
    /// ends a wait for the lock; once held, the update completes.
    /// </summary>
    /// <exception cref="HeartbeatCycleOverflowException">The cycle is at <see cref="long.MaxValue"/>; nothing was written.</exception>
    /// <exception cref="HeartbeatTooLargeException">The heartbeat would be over <see cref="MaxFileSize"/>; nothing was written.</exception>
    /// <exception cref="HeartbeatLockTimeoutException">Another writer held the lock for all of <see cref="LockTimeout"/>.</exception>
    /// <exception cref="HeartbeatIOException">The file system failed; the previous heartbeat is unchanged.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for the lock; nothing was written.</exception>
    public HeartbeatUpdateResult Update(
        string? action = null, long healthyAgents = 0, long unhealthyAgents = 0, CancellationToken cancellationToken = default)
    {
        using (Lock(cancellationToken))
        {
            HeartbeatRecord? previous = null;
            HeartbeatException? replaced = null;
            try
            {
                previous = Read();
            }
            catch (HeartbeatException ex) when (ex.Absence != HeartbeatAbsence.None)
            {
                // No usable heartbeat: the cycle starts again at 1, and the caller hears of a file it replaced.
                replaced = ex.Absence == HeartbeatAbsence.Invalid ? ex : null;
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
            WriteLocked(Serialize(written));
            return new HeartbeatUpdateResult(written, replaced);
        }
    }

    private IDisposable Lock(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!FileSystemFaults.FitsPathLimit(FilePath))
        {
            // Said at once and in a few words: the system's own error would repeat a path thousands of characters long.
            throw new HeartbeatIOException(
                "Cannot write the heartbeat", FilePath, HeartbeatIOFault.PathTooLong, FileSystemFaults.TooLong(FilePath), null, "nothing was written");
        }

        TownLocator.RequireTownRoot(TownRoot);
        if (!Directory.Exists(DeaconDirectory))
        {
            try
            {
                Directory.CreateDirectory(DeaconDirectory);
                UnixFileModes.Narrow(DeaconDirectory, UnixFileModes.DirectoryDefault);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (ex is UnauthorizedAccessException)
                {
                    // A town root that cannot be searched hides its deacon/ too: say that, not that it could not be made.
                    TownLocator.IsTown(TownRoot);
                }

                const string message = "Cannot create the Deacon's directory";
                throw File.Exists(DeaconDirectory)
                    ? new HeartbeatIOException(message, DeaconDirectory, HeartbeatIOFault.FileInTheWay, FileSystemFaults.Describe(HeartbeatIOFault.FileInTheWay, ex, DeaconDirectory), ex)
                    : new HeartbeatIOException(message, DeaconDirectory, ex);
            }
        }

        return HeartbeatLock.Acquire(LockPath, LockTimeout, cancellationToken, Hooks.LockFileOpener, Hooks.WhileLockHeld, FilePath);
    }

    /// <summary>The heartbeat's bytes, refused when over the limit every reader applies: better no write than one nobody can read.</summary>
    private byte[] Serialize(HeartbeatRecord record)
    {
        var bytes = HeartbeatJsonWriter.Serialize(record);
        if (bytes.Length > MaxFileSize)
        {
            throw new HeartbeatTooLargeException(FilePath, bytes.Length, MaxFileSize, refusedWrite: true);
        }

        return bytes;
    }

    /// <summary>
    /// The file's bytes, in one pass, the first <paramref name="length"/> of those returned. <paramref name="grew"/>
    /// says the file grew while being read: one byte of room past the size tells a file that grew (a writer in place)
    /// from one that did not.
    /// </summary>
    private byte[] ReadBytes(out int length, out bool grew)
    {
        try
        {
            var buffer = AtomicFile.Read(FilePath, MaxFileSize, 1, out var size, out length)
                ?? throw new HeartbeatTooLargeException(FilePath, size, MaxFileSize);
            grew = length == buffer.Length;
            return buffer;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            TownLocator.RequireTownRoot(TownRoot);
            throw new HeartbeatNotFoundException(FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException("Cannot read the heartbeat file", FilePath, ex);
        }
    }

    private DateTime LastWriteTime()
    {
        try
        {
            return File.GetLastWriteTimeUtc(FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DateTime.MinValue;
        }
    }

    /// <summary>
    /// Replaces the heartbeat whole. Writers hold the lock while their temp file exists, so under the lock any temp
    /// file left is the remains of a killed writer, and is swept however young.
    /// </summary>
    private void WriteLocked(byte[] bytes)
    {
        try
        {
            AtomicFile.Write(FilePath, bytes, UnixFileModes.FileDefault, TimeSpan.Zero, Hooks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException("Cannot write the heartbeat", FilePath, ex, "the previous one is unchanged");
        }
    }
}
