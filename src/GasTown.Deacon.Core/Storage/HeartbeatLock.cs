using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Storage;

/// <summary>
/// An exclusive cross-process lock on <c>deacon/heartbeat.json.lock</c>. The runtime enforces FileShare.None
/// with a sharing mode on Windows and with flock(2) on Unix, so every process using this library (and every
/// thread in one) excludes the others. The lock file is never deleted: deleting it would let two writers lock
/// two different files.
/// </summary>
/// <remarks>
/// <para>
/// Every account that may write the heartbeat must be able to take the lock, or one writer's lock file would shut
/// the others out for good. So the lock is taken through a read-only handle (flock needs no write access), and a new
/// lock file gets the heartbeat's mode, owner and group where there is a heartbeat (else Go's 0644 less the umask):
/// whoever may write the heartbeat may read the lock.
/// </para>
/// The lock file is never opened through a link. netstandard2.0 has no O_NOFOLLOW, so: a link found at the path is
/// refused; a missing file is created with CreateNew (O_CREAT|O_EXCL, which fails on any link, dangling or not);
/// an existing one is opened with Open, which creates nothing and truncates nothing. A link planted between the
/// check and the open can only lead Open to an existing file, left unchanged; it is seen after the open and
/// refused. A planted link is refused rather than removed: with no lock yet held, a writer removing "the link"
/// could remove the lock file another writer had just put in its place and locked, and two writers would each hold
/// a lock. Removing it is left to a person, whom the error tells where it points.
/// </remarks>
internal static class HeartbeatLock
{
    private const string OpenFailed = "Cannot take the heartbeat lock";

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the lock at <paramref name="lockPath"/>, held until the handle returned
    /// is disposed (the open lock file itself: the runtime's FileShare.None is the lock); cancelling
    /// <paramref name="cancellationToken"/> ends the wait at once. A new lock file is made like
    /// <paramref name="likeFile"/> (the heartbeat; null: Go's default mode). Tests may stand in for the file opening
    /// (<paramref name="open"/>) and hear of each sign of contention (<paramref name="contended"/>).
    /// </summary>
    /// <exception cref="HeartbeatLockTimeoutException">Another holder kept it for the whole wait.</exception>
    /// <exception cref="HeartbeatIOException">The lock file cannot be opened at all; reported at once, without waiting.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    public static IDisposable Acquire(
        string lockPath,
        TimeSpan timeout,
        CancellationToken cancellationToken = default,
        Func<string, FileMode, FileStream>? open = null,
        Action? contended = null,
        string? likeFile = null)
    {
        var clock = Stopwatch.StartNew();
        var pause = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOException? contention = null;
            try
            {
                if (OpenLockFile(lockPath, open ?? OpenFile, likeFile) is FileStream held)
                {
                    return held;
                }
            }
            catch (IOException ex) when (FileSystemFaults.IsContention(ex))
            {
                // A sharing violation (Windows) or a held flock (Unix): someone else has the lock.
                contention = ex;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new HeartbeatLockTimeoutException(lockPath, clock.Elapsed, contention);
            }

            contended?.Invoke();

            // A cancel ends the wait at once and the next turn's first line throws. Without a token, a plain sleep: a
            // wait on a handle would pump COM messages on an STA thread (Windows PowerShell's, a WPF host's).
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.WaitHandle.WaitOne(pause);
            }
            else
            {
                Thread.Sleep(pause);
            }

            pause = Math.Min(pause * 2, 25);
        }
    }

    /// <summary>
    /// Opens the lock file as a lock: exclusive (flock on Unix, a sharing mode on Windows), read-only unless it is
    /// being created (.NET creates only with write access).
    /// </summary>
    internal static FileStream OpenFile(string path, FileMode mode) =>
        new(path, mode, mode == FileMode.Open ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None, 1);

    /// <summary>
    /// Opens (or creates) the lock file, never through a link. Returns null when the path changed under it (look
    /// again); throws contention as the raw IOException, every other failure as a HeartbeatIOException.
    /// </summary>
    private static FileStream? OpenLockFile(string path, Func<string, FileMode, FileStream> open, string? likeFile)
    {
        RefuseLink(path);
        FileStream stream;
        try
        {
            try
            {
                stream = open(path, FileMode.Open);
            }
            catch (FileNotFoundException)
            {
                try
                {
                    stream = open(path, FileMode.CreateNew);
                    ShareLike(path, likeFile);
                }
                catch (IOException ex) when (!FileSystemFaults.IsContention(ex) && Exists(path))
                {
                    return null; // created by another writer, or planted, just now
                }
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException || (ex is IOException io && !FileSystemFaults.IsContention(io)))
        {
            throw new HeartbeatIOException(OpenFailed, path, ex);
        }

        try
        {
            RefuseLink(path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return stream;
    }

    /// <summary>
    /// Gives a new lock file the owner, group and mode of <paramref name="likeFile"/> (the heartbeat), with read
    /// access wherever it grants write access; with no heartbeat yet, the owner and group of its folder and 0644 whatever
    /// the umask. A lock file holds nothing, so being readable costs nothing.
    /// </summary>
    private static void ShareLike(string path, string? likeFile)
    {
        try
        {
            if (likeFile is not null && TryGetMode(likeFile) is int like)
            {
                UnixOwnership.Copy(likeFile, path);
                UnixFileModes.Set(path, like | ((like & 0x92) << 1)); // each w (0222) also r (0444)
            }
            else
            {
                UnixOwnership.Copy(Path.GetDirectoryName(path)!, path);
                UnixFileModes.Set(path, UnixFileModes.FileDefault);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock holds whatever its mode: this only keeps it open to the heartbeat's other writers.
        }
    }

    private static int? TryGetMode(string path)
    {
        try
        {
            return UnixFileModes.Get(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void RefuseLink(string path)
    {
        if (FileLinks.IsLink(path, out var target))
        {
            var to = target is null ? string.Empty : $" to '{target}'";
            throw new HeartbeatIOException(
                OpenFailed,
                path,
                HeartbeatIOFault.LinkInTheWay,
                $"it is a symbolic link{to}, and the lock is never opened through a link. Nothing was written; remove the link",
                null);
        }
    }

    private static bool Exists(string path)
    {
        try
        {
            File.GetAttributes(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
