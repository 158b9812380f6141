using System;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Watching;

/// <summary>
/// What a watch remembers of one town, so that it reports a heartbeat only when its content or its status
/// changes, and a problem only when it first appears: bursts of file events and repeated reads of the same
/// file report nothing.
/// </summary>
internal sealed class HeartbeatWatchState
{
    private readonly HeartbeatStore store;
    private readonly HeartbeatThresholds thresholds;
    private readonly PauseStore pauseStore;
    private HeartbeatRecord? lastRecord;
    private HeartbeatStatus? lastStatus;
    private string? lastProblem;
    private PauseState? lastPause;
    private string? lastPauseProblem;

    /// <summary>Watches the town of <paramref name="store"/> against <paramref name="thresholds"/>, and its Deacon's pause.</summary>
    public HeartbeatWatchState(HeartbeatStore store, HeartbeatThresholds thresholds)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.thresholds = thresholds ?? throw new ArgumentNullException(nameof(thresholds));
        pauseStore = new PauseStore(store.TownRoot);
    }

    /// <summary>The town watched.</summary>
    public string TownRoot => store.TownRoot;

    /// <summary>The heartbeat file watched.</summary>
    public string FilePath => store.FilePath;

    /// <summary>The pause file watched.</summary>
    public string PauseFilePath => pauseStore.FilePath;

    /// <summary>
    /// When the last heartbeat seen will change status with no write at all (Future to Fresh, Fresh to Stale,
    /// Stale to VeryStale), or null when it will not.
    /// </summary>
    public DateTimeOffset? NextTransition
    {
        get
        {
            if (lastRecord is null || lastStatus is null)
            {
                return null;
            }

            var stamp = lastRecord.Timestamp;
            return lastStatus switch
            {
                HeartbeatStatus.Future => SafeAdd(stamp, -thresholds.Stale),
                HeartbeatStatus.Fresh => SafeAdd(stamp, thresholds.Stale),
                HeartbeatStatus.Stale => SafeAdd(stamp, thresholds.VeryStale),
                _ => null,
            };
        }
    }

    /// <summary>
    /// Whether the last heartbeat seen has another status at <paramref name="now"/> than when it was read: a turn
    /// came due, or the wall clock was stepped (ahead to VeryStale, back to Future). Costs no look at the file.
    /// </summary>
    public bool StatusTurned(DateTimeOffset now) =>
        lastRecord is not null && lastStatus is not null && thresholds.Classify(HeartbeatThresholds.AgeOf(lastRecord.Timestamp, now)) != lastStatus;

    /// <summary>Reads the heartbeat at <paramref name="now"/>; returns an event when something changed, else null.</summary>
    public WatchEvent? Check(DateTimeOffset now)
    {
        // The pause first. An invalid pause file is reported once, like a problem with the heartbeat, and meanwhile
        // the Deacon counts as not paused, as gt deacon status counts it. One that cannot be read at all leaves the
        // town with no answer: its Deacon may be paused.
        var pause = pauseStore.Observe();
        if (pause.Problem is HeartbeatIOException unreadable)
        {
            lastPauseProblem = null;
            return Problem(PauseStore.Unknowable(unreadable), null);
        }

        var pauseKey = pause.Problem is { } p ? p.GetType().Name + ":" + p.Message : null;
        var newPauseProblem = pauseKey is not null && pauseKey != lastPauseProblem ? pause.Problem : null;
        lastPauseProblem = pauseKey;

        HeartbeatRecord record;
        try
        {
            record = store.Read();
        }
        catch (HeartbeatException ex)
        {
            return Problem(ex, newPauseProblem);
        }

        var heartbeat = new Heartbeat(record, TownRoot, now, thresholds, pause.Pause);
        if (lastProblem is null && record.Equals(lastRecord) && heartbeat.Status == lastStatus && Equals(pause.Pause, lastPause))
        {
            return newPauseProblem is null ? null : new WatchEvent(TownRoot, null, null, newPauseProblem);
        }

        lastProblem = null;
        lastRecord = record;
        lastStatus = heartbeat.Status;
        lastPause = pause.Pause;
        return new WatchEvent(TownRoot, heartbeat, null, newPauseProblem);
    }

    /// <summary>No heartbeat to report, for <paramref name="problem"/>: an event when the problem is new.</summary>
    private WatchEvent? Problem(HeartbeatException problem, HeartbeatException? newPauseProblem)
    {
        lastRecord = null;
        lastStatus = null;
        lastPause = null;
        var key = problem.GetType().Name + ":" + problem.Message;
        var isNew = key != lastProblem;
        lastProblem = key;
        return isNew || newPauseProblem is not null ? new WatchEvent(TownRoot, null, isNew ? problem : null, newPauseProblem) : null;
    }

    private static DateTimeOffset? SafeAdd(DateTimeOffset value, TimeSpan delta)
    {
        try
        {
            return value.Add(delta);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
