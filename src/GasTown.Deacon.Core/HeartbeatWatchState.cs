using System;

namespace GasTown.Deacon;

/// <summary>
/// What a watch remembers of one town, so that it reports a heartbeat only when its content or its status
/// changes, and a problem only when it first appears: bursts of file events and repeated reads of the same
/// file report nothing.
/// </summary>
public sealed class HeartbeatWatchState
{
    private readonly HeartbeatStore store;
    private readonly HeartbeatThresholds thresholds;
    private HeartbeatRecord? lastRecord;
    private HeartbeatStatus? lastStatus;
    private string? lastProblem;

    /// <summary>Watches the town of <paramref name="store"/> against <paramref name="thresholds"/>.</summary>
    public HeartbeatWatchState(HeartbeatStore store, HeartbeatThresholds thresholds)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.thresholds = thresholds ?? throw new ArgumentNullException(nameof(thresholds));
    }

    /// <summary>The town watched.</summary>
    public string TownRoot => store.TownRoot;

    /// <summary>The heartbeat file watched.</summary>
    public string FilePath => store.FilePath;

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

    /// <summary>Reads the heartbeat at <paramref name="now"/>; returns an event when something changed, else null.</summary>
    public WatchEvent? Check(DateTimeOffset now)
    {
        HeartbeatRecord record;
        try
        {
            record = store.Read();
        }
        catch (HeartbeatException ex)
        {
            lastRecord = null;
            lastStatus = null;
            var key = ex.GetType().Name + ":" + ex.Message;
            if (key == lastProblem)
            {
                return null;
            }

            lastProblem = key;
            return new WatchEvent(TownRoot, null, ex);
        }

        var heartbeat = new Heartbeat(record, TownRoot, now, thresholds);
        if (lastProblem is null && record.Equals(lastRecord) && heartbeat.Status == lastStatus)
        {
            return null;
        }

        lastProblem = null;
        lastRecord = record;
        lastStatus = heartbeat.Status;
        return new WatchEvent(TownRoot, heartbeat, null);
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
