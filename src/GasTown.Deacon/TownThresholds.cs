namespace GasTown.Deacon.Commands;

/// <summary>The thresholds a town is judged by when no cmdlet parameter says otherwise, for the heartbeats the writers emit.</summary>
internal static class TownThresholds
{
    /// <summary>
    /// The town's settings where they are good, else the defaults. Writers only describe the heartbeat they wrote
    /// (always Fresh), so a bad setting is left to the readers to warn about.
    /// </summary>
    public static HeartbeatThresholds Of(string townRoot) =>
        TownSettingsCache.Shared.Get(townRoot).Resolve(null, null).Thresholds ?? HeartbeatThresholds.Default;
}
