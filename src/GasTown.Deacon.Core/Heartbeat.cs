using System;
using GasTown.Deacon.Format;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon;

/// <summary>
/// A town's heartbeat as observed at one moment: the file's fields, where it lives, and how old it was then.
/// This is what the cmdlets put on the pipeline.
/// </summary>
public sealed class Heartbeat
{
    /// <summary>
    /// Observes <paramref name="record"/> of the town at <paramref name="townRoot"/> at <paramref name="now"/>, its
    /// Deacon paused as <paramref name="pause"/> says (null: no pause file, or one that could not be read).
    /// </summary>
    public Heartbeat(HeartbeatRecord record, string townRoot, DateTimeOffset now, HeartbeatThresholds thresholds, PauseState? pause = null)
        : this(record, townRoot, HeartbeatThresholds.AgeOf((record ?? throw new ArgumentNullException(nameof(record))).Timestamp, now), thresholds, pause)
    {
    }

    private Heartbeat(HeartbeatRecord record, string townRoot, TimeSpan age, HeartbeatThresholds thresholds, PauseState? pause)
    {
        Record = record;
        TownRoot = townRoot ?? throw new ArgumentNullException(nameof(townRoot));
        if (thresholds is null)
        {
            throw new ArgumentNullException(nameof(thresholds));
        }

        Path = HeartbeatStore.GetHeartbeatPath(townRoot);
        Age = age;
        Status = thresholds.Classify(Age);
        StaleThreshold = thresholds.Stale;
        VeryStaleThreshold = thresholds.VeryStale;
        if (pause is { Paused: true })
        {
            Paused = true;
            PauseReason = pause.Reason;
            PausedBy = pause.PausedBy;
            PausedAt = pause.PausedAt;
        }

        // Poking a paused Deacon would ask it to patrol, which it must not do until resumed.
        ShouldPoke = !Paused && HeartbeatThresholds.ShouldPoke(Status);
    }

    /// <summary>The town's root directory.</summary>
    public string TownRoot { get; }

    /// <summary>The heartbeat file, <c>&lt;TownRoot&gt;/deacon/heartbeat.json</c>.</summary>
    public string Path { get; }

    /// <summary>When the heartbeat was written.</summary>
    public DateTimeOffset Timestamp => Record.Timestamp;

    /// <summary>
    /// <see cref="Timestamp"/> in UTC as RFC 3339 text, to 100 ns, as the file writes it (<c>2025-12-01T10:00:00.5Z</c>).
    /// For machines: Export-Csv writes a DateTimeOffset in the culture's date format and drops the fraction, and
    /// remoting turns one into that same text; this string survives both exactly.
    /// </summary>
    public string TimestampUtc => Rfc3339.Format(Record.Timestamp.ToUniversalTime());

    /// <summary>The Deacon's wake cycle number.</summary>
    public long Cycle => Record.Cycle;

    /// <summary>What the Deacon did in this cycle, or empty.</summary>
    public string LastAction => Record.LastAction;

    /// <summary>Healthy agents the Deacon observed.</summary>
    public long HealthyAgents => Record.HealthyAgents;

    /// <summary>Unhealthy agents the Deacon observed.</summary>
    public long UnhealthyAgents => Record.UnhealthyAgents;

    /// <summary>How old the heartbeat was when observed; negative when it is dated ahead of the clock.</summary>
    public TimeSpan Age { get; }

    /// <summary>
    /// <see cref="Age"/> in whole seconds (truncated toward zero), as <c>gt deacon status --json</c> gives
    /// <c>age_seconds</c>. An integer, so Export-Csv writes it the same in every culture.
    /// </summary>
    public long AgeSeconds => Age.Ticks / TimeSpan.TicksPerSecond;

    /// <summary>Fresh, Stale, VeryStale or Future.</summary>
    public HeartbeatStatus Status { get; }

    /// <summary>True when the daemon should poke the Deacon (VeryStale or Future, and not paused).</summary>
    public bool ShouldPoke { get; }

    /// <summary>The age from which this heartbeat was judged Stale.</summary>
    public TimeSpan StaleThreshold { get; }

    /// <summary>The age from which this heartbeat was judged VeryStale.</summary>
    public TimeSpan VeryStaleThreshold { get; }

    /// <summary>True when the town's pause file says the Deacon is paused: it must not patrol, and is not poked.</summary>
    public bool Paused { get; }

    /// <summary>Why the Deacon was paused; empty when it is not paused or no reason was given.</summary>
    public string PauseReason { get; } = string.Empty;

    /// <summary>Who paused the Deacon; empty when it is not paused or nobody was named.</summary>
    public string PausedBy { get; } = string.Empty;

    /// <summary>When the Deacon was paused; null when it is not paused.</summary>
    public DateTimeOffset? PausedAt { get; }

    /// <summary>
    /// PausedAt as RFC 3339 text in UTC, empty when not paused: what crosses a process or lands in a CSV exactly, as
    /// <see cref="TimestampUtc"/> does for the timestamp.
    /// </summary>
    public string PausedAtUtc => PausedAt is { } at ? Rfc3339.Format(at.ToUniversalTime()) : string.Empty;

    private HeartbeatRecord Record { get; }

    /// <summary>The same observation, its Deacon paused as <paramref name="pause"/> says (null: not paused).</summary>
    internal Heartbeat WithPause(PauseState? pause) =>
        new(Record, TownRoot, Age, new HeartbeatThresholds(StaleThreshold, VeryStaleThreshold), pause);

    /// <summary>The file's contents, without the observation: what writing this heartbeat elsewhere would write.</summary>
    public HeartbeatRecord ToRecord() => Record;

    /// <inheritdoc />
    public override string ToString() => $"{TownRoot}: {Status}{(Paused ? " (paused)" : string.Empty)}, {Record}";
}
