using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace GasTown.Deacon;

/// <summary>
/// Watches the heartbeats of several towns: file-system events for prompt news of writes, a timer for the
/// moments a heartbeat turns Stale or VeryStale with no write at all, and polling where events cannot be had
/// (no <c>deacon/</c> folder yet, or the system's watch limit reached).
/// </summary>
public sealed class HeartbeatWatcher : IDisposable
{
    /// <summary>How often a town without a file-system watcher is read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often a watched town is read anyway, in case an event was lost.</summary>
    public static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(30);

    // Events for one write come in bursts (create, rename, change); a short pause lets a burst end before reading.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(25);

    private readonly TimeProvider time;
    private readonly Town[] towns;
    private readonly SemaphoreSlim signal = new(0);
    private bool disposed;

    /// <summary>Prepares to watch <paramref name="townRoots"/>; nothing is read until <see cref="Watch"/>.</summary>
    public HeartbeatWatcher(IEnumerable<string> townRoots, HeartbeatThresholds thresholds, TimeProvider? timeProvider = null)
        : this(townRoots, _ => thresholds, timeProvider)
    {
    }

    /// <summary>
    /// Prepares to watch <paramref name="townRoots"/>, each judged by the thresholds <paramref name="thresholdsOf"/>
    /// gives for it (a town's own settings, say); nothing is read until <see cref="Watch"/>.
    /// </summary>
    public HeartbeatWatcher(IEnumerable<string> townRoots, Func<string, HeartbeatThresholds> thresholdsOf, TimeProvider? timeProvider = null)
    {
        if (thresholdsOf is null)
        {
            throw new ArgumentNullException(nameof(thresholdsOf));
        }

        time = timeProvider ?? TimeProvider.System;
        towns = townRoots.Select(root => new Town(new HeartbeatWatchState(new HeartbeatStore(root, time), thresholdsOf(root)))).ToArray();
    }

    /// <summary>
    /// Yields each town's current heartbeat (or problem) first, then one event each time a town's heartbeat
    /// content or status changes, until <paramref name="timeout"/> (null: no limit) or cancellation.
    /// </summary>
    public IEnumerable<WatchEvent> Watch(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (disposed)
        {
            throw new ObjectDisposedException(nameof(HeartbeatWatcher));
        }

        var deadline = timeout is TimeSpan t ? time.GetUtcNow() + t : (DateTimeOffset?)null;

        // Each watcher takes an inotify instance, of which a user has few (128 by default): the heartbeats get theirs
        // first, the pause folders what is left.
        foreach (var town in towns)
        {
            town.EnsureHeartbeatWatcher(signal);
        }

        foreach (var town in towns)
        {
            town.EnsureWatcher(signal);
            var first = town.State.Check(time.GetUtcNow());
            town.NextPoll = time.GetUtcNow() + town.Interval;
            if (first is not null)
            {
                yield return first;
            }
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (deadline is DateTimeOffset end && now >= end)
            {
                yield break;
            }

            var wake = towns.Select(town => Earliest(town.NextPoll, town.State.NextTransition)).Aggregate(deadline, Earliest);
            var wait = wake is DateTimeOffset w ? w - now : Timeout.InfiniteTimeSpan;
            if (!Wait(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, cancellationToken))
            {
                yield break;
            }

            now = time.GetUtcNow();
            foreach (var town in towns)
            {
                var due = town.Dirty != 0 || now >= town.NextPoll || (town.State.NextTransition is DateTimeOffset next && now >= next);
                if (!due)
                {
                    continue;
                }

                Interlocked.Exchange(ref town.Dirty, 0);
                town.EnsureWatcher(signal);
                town.NextPoll = now + town.Interval;
                var change = town.State.Check(now);
                if (change is not null)
                {
                    yield return change;
                }
            }
        }
    }

    /// <summary>Stops every file-system watcher.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var town in towns)
        {
            town.Dispose();
        }

        signal.Dispose();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    /// <summary>Waits for a file event or the wake time; false when cancelled.</summary>
    private bool Wait(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            // Timer waits are in real time: the clock only says when to wake, the OS does the waiting.
            if (signal.Wait(wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait, cancellationToken))
            {
                cancellationToken.WaitHandle.WaitOne(Settle);
                while (signal.CurrentCount > 0 && signal.Wait(0))
                {
                }
            }

            return !cancellationToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed class Town : IDisposable
    {
        public int Dirty;
        private FileSystemWatcher? watcher;
        private FileSystemWatcher? pauseWatcher;

        public Town(HeartbeatWatchState state)
        {
            State = state;
        }

        public HeartbeatWatchState State { get; }

        public DateTimeOffset NextPoll { get; set; }

        // The heartbeat decides how often a town is read. The pause folder is watched too where it exists (and an inotify
        // instance is left for it), for prompt news of a pause; otherwise a pause is seen at the next read.
        public TimeSpan Interval => watcher is null ? PollInterval : SafetyInterval;

        public void EnsureHeartbeatWatcher(SemaphoreSlim signal) => Ensure(ref watcher, State.FilePath, signal);

        public void EnsureWatcher(SemaphoreSlim signal)
        {
            EnsureHeartbeatWatcher(signal);
            if (State.PauseFilePath is string pauseFile)
            {
                Ensure(ref pauseWatcher, pauseFile, signal);
            }
        }

        public void Dispose()
        {
            watcher?.Dispose();
            watcher = null;
            pauseWatcher?.Dispose();
            pauseWatcher = null;
        }

        private static void Release(SemaphoreSlim signal)
        {
            try
            {
                signal.Release();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void Ensure(ref FileSystemWatcher? slot, string filePath, SemaphoreSlim signal)
        {
            var directory = Path.GetDirectoryName(filePath)!;
            if (!Directory.Exists(directory))
            {
                // A watcher on a deleted folder hears nothing, even once the folder is made again: poll instead.
                slot?.Dispose();
                slot = null;
                return;
            }

            if (slot is not null)
            {
                return;
            }

            var fileName = Path.GetFileName(filePath);
            try
            {
                var created = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                void OnChange(object sender, FileSystemEventArgs e)
                {
                    if (string.Equals(e.Name, fileName, StringComparison.OrdinalIgnoreCase)
                        || (e is RenamedEventArgs r && string.Equals(r.OldName, fileName, StringComparison.OrdinalIgnoreCase)))
                    {
                        Interlocked.Exchange(ref Dirty, 1);
                        Release(signal);
                    }
                }

                created.Changed += OnChange;
                created.Created += OnChange;
                created.Deleted += OnChange;
                created.Renamed += OnChange;
                created.Error += (_, _) =>
                {
                    // Lost events or a vanished folder: read now, and keep reading until a watcher works again.
                    Interlocked.Exchange(ref Dirty, 1);
                    Release(signal);
                };
                created.EnableRaisingEvents = true;
                slot = created;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                // Out of inotify instances, or a file system without notifications: the town's reads notice changes.
                slot = null;
            }
        }
    }
}
