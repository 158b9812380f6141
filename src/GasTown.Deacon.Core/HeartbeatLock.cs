using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace GasTown.Deacon;

/// <summary>
/// An exclusive cross-process lock on <c>deacon/heartbeat.json.lock</c>. The runtime enforces FileShare.None
/// with a sharing mode on Windows and with flock(2) on Unix, so every process using this library (and every
/// thread in one) excludes the others. The lock file is never deleted: deleting it would let two writers lock
/// two different files.
/// </summary>
public sealed class HeartbeatLock : IDisposable
{
    private readonly FileStream stream;

    private HeartbeatLock(FileStream stream)
    {
        this.stream = stream;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock at <paramref name="lockPath"/>.</summary>
    /// <exception cref="HeartbeatLockTimeoutException">Another holder kept it for the whole wait.</exception>
    /// <exception cref="HeartbeatIOException">The lock file cannot be opened at all.</exception>
    public static HeartbeatLock Acquire(string lockPath, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var pause = 1;
        while (true)
        {
            IOException contention;
            try
            {
                return new HeartbeatLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or PathTooLongException or UnauthorizedAccessException)
            {
                throw new HeartbeatIOException("Cannot open the heartbeat lock file", lockPath, ex);
            }
            catch (IOException ex)
            {
                // A sharing violation (Windows) or a held flock (Unix): someone else has the lock.
                contention = ex;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new HeartbeatLockTimeoutException(lockPath, clock.Elapsed, contention);
            }

            Thread.Sleep(pause);
            pause = Math.Min(pause * 2, 25);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => stream.Dispose();
}
