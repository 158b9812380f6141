using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Threading;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Watching;

/// <summary>
/// Watches the heartbeats of several towns by polling their files' metadata: a town's heartbeat is read only
/// when its size or write time changed, when a status turn (Stale, VeryStale) is due with no write at all, and
/// every <see cref="SafetyInterval"/> in any case.
/// </summary>
/// <remarks>
/// Two clocks: the watch's own timing (the timeout, the polling schedule, the periodic re-read) runs on the
/// monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), so NTP stepping the wall clock neither ends a watch
/// early nor holds it open; ages and statuses are the wall clock's, as everywhere, and a step of it either way shows
/// at the next poll (a heartbeat's status is checked against the wall clock at every poll, at no cost in I/O).
/// <para>
/// Polling, not file-system events: on Linux each <see cref="FileSystemWatcher"/> takes one of the user's inotify
/// instances, shared with every other program, so a fleet would starve the system. A metadata check holds no handle
/// between polls and works the same on network file systems, which send no events.
/// </para>
/// </remarks>
public sealed class HeartbeatWatcher : IDisposable
{
    /// <summary>Every town is checked at least this often, however many are watched.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A small watch checks its towns this often.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a town is read even when its metadata says nothing changed.</summary>
    public static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How close to a read a file's write time must be for the read to be re-done at the next poll: file systems
    /// stamp write times coarsely (Linux by the kernel tick, FAT by 2 s), so a second write of the same size in the
    /// same tick would leave the metadata unchanged.
    /// </summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    // Metadata checks a second that a large watch may spend before its interval grows past the minimum.
    private const int ChecksPerSecond = 1000;

    private readonly TimeProvider time;
    private readonly Town[] towns;
    private readonly long origin;
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
        Interval = IntervalFor(towns.Length);
        origin = time.GetTimestamp();
    }

    /// <summary>How often this watch checks its towns: <see cref="MinPollInterval"/> up to <see cref="PollInterval"/>.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many times a heartbeat was read (not merely checked); what idle polls must not raise.</summary>
    internal long Reads { get; private set; }

    /// <summary>The poll interval for <paramref name="townCount"/> towns: short for a few, one second from 1,000.</summary>
    public static TimeSpan IntervalFor(int townCount)
    {
        var spread = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * Math.Max(townCount, 0) / ChecksPerSecond);
        return spread < MinPollInterval ? MinPollInterval : spread > PollInterval ? PollInterval : spread;
    }

    /// <summary>
    /// Yields each town's current heartbeat (or problem) first, then one event each time a town's heartbeat
    /// content or status changes, until <paramref name="timeout"/> (null: no limit; measured on the monotonic clock)
    /// or cancellation.
    /// </summary>
    public IEnumerable<WatchEvent> Watch(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (disposed)
        {
            throw new ObjectDisposedException(nameof(HeartbeatWatcher));
        }

        var started = time.GetTimestamp();
        foreach (var first in Start())
        {
            yield return first;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(started);
            if (timeout is TimeSpan t && elapsed >= t)
            {
                yield break;
            }

            var wait = timeout is TimeSpan limit && limit - elapsed < NextWait ? limit - elapsed : NextWait;
            if (!Wait(wait, cancellationToken))
            {
                yield break;
            }

            // Nothing is reported from a poll past the deadline: the watch ended there.
            if (timeout is TimeSpan over && time.GetElapsedTime(started) > over)
            {
                yield break;
            }

            foreach (var change in Poll())
            {
                yield return change;
            }
        }
    }

    /// <summary>Ends the watcher. It holds no handle or watcher between polls, so there is nothing else to release.</summary>
    public void Dispose() => disposed = true;

    /// <summary>How long the loop should wait before its next poll: the interval, or less when a status turn is due sooner.</summary>
    internal TimeSpan NextWait { get; private set; }

    /// <summary>Reads every town once.</summary>
    internal List<WatchEvent> Start() => Poll(everyTown: true);

    /// <summary>Checks every town's metadata and reads those that may have changed (or all of them).</summary>
    internal List<WatchEvent> Poll(bool everyTown = false)
    {
        var events = new List<WatchEvent>();
        var now = time.GetUtcNow();
        var tick = Monotonic();
        foreach (var town in towns)
        {
            var stamp = town.Stat();
            var pauseStamp = town.StatPause();
            var due = everyTown
                || !stamp.Equals(town.Seen)
                || !pauseStamp.Equals(town.PauseSeen)
                || town.Unsettled
                || town.AlwaysRead
                || tick >= town.NextRead
                || town.State.StatusTurned(now);
            if (due)
            {
                Read(town, stamp, pauseStamp, now, tick, events);
            }
        }

        NextWait = Earliest(now);
        return events;
    }

    /// <summary>Time on the monotonic clock since this watcher was made.</summary>
    private TimeSpan Monotonic() => time.GetElapsedTime(origin);

    private void Read(Town town, FileStamp stamp, FileStamp pauseStamp, DateTimeOffset now, TimeSpan tick, List<WatchEvent> events)
    {
        // The stamp was taken before the read: a write between the two shows as a changed stamp at the next poll.
        Reads++;
        var change = town.State.Check(now);
        town.Seen = stamp;
        town.PauseSeen = pauseStamp;
        town.Unsettled = stamp.Exists && (now - stamp.LastWriteUtc).Duration() < RacyWindow;
        town.NextRead = tick + SafetyInterval;
        if (change is not null)
        {
            events.Add(change);
        }
    }

    /// <summary>The wait until the next tick, or until a status turn due sooner (by the wall clock, as of <paramref name="now"/>).</summary>
    private TimeSpan Earliest(DateTimeOffset now)
    {
        var earliest = Interval;
        foreach (var town in towns)
        {
            if (town.State.NextTransition is DateTimeOffset turn && turn - now < earliest)
            {
                earliest = turn < now ? TimeSpan.Zero : turn - now;
            }
        }

        return earliest;
    }

    /// <summary>Waits until the next poll; false when cancelled.</summary>
    private static bool Wait(TimeSpan wait, CancellationToken cancellationToken)
    {
        // The clock says when to wake; the waiting is the OS's, in real time, on this thread alone. A timer would
        // hop through the thread pool at every tick, which costs several times more CPU for a watch that is idle.
        if (wait > TimeSpan.Zero)
        {
            cancellationToken.WaitHandle.WaitOne(wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait);
        }

        return !cancellationToken.IsCancellationRequested;
    }

    private sealed class Town
    {
        // One FileInfo per town, refreshed in place: a poll allocates nothing for a town that did not change.
        private readonly FileInfo? info;
        private readonly FileInfo? pauseInfo;

        public Town(HeartbeatWatchState state)
        {
            State = state;
            try
            {
                info = new FileInfo(state.FilePath);
                pauseInfo = new FileInfo(state.PauseFilePath);
            }
            catch (Exception ex) when (ex is ArgumentException or PathTooLongException or NotSupportedException or SecurityException)
            {
                // A path the runtime will not stat: read it at every poll, and let the read report the problem.
                info = null;
            }
        }

        public HeartbeatWatchState State { get; }

        /// <summary>No metadata to go by: the town is read at every poll.</summary>
        public bool AlwaysRead => info is null;

        public FileStamp Seen { get; set; }

        /// <summary>The pause file's metadata at the last read: a pause or resume is a change, as a write is.</summary>
        public FileStamp PauseSeen { get; set; }

        public bool Unsettled { get; set; }

        /// <summary>When the town is read again whatever its metadata says, on the watch's monotonic clock.</summary>
        public TimeSpan NextRead { get; set; }

        public FileStamp Stat() => Stat(info);

        public FileStamp StatPause() => Stat(pauseInfo);

        private static FileStamp Stat(FileInfo? file)
        {
            try
            {
                return file is null ? default : FileStamp.Of(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The read that follows says what is wrong.
                return default;
            }
        }
    }
}
