namespace GasTown.Deacon.Settings;

/// <summary>Where a threshold a town was judged by came from.</summary>
internal enum ThresholdSource
{
    /// <summary>The seed's default: Stale from 2 minutes, VeryStale from 5.</summary>
    Default,

    /// <summary>Given by the caller (a cmdlet parameter, including through $PSDefaultParameterValues).</summary>
    Parameter,

    /// <summary>The town's <c>settings/config.json</c>.</summary>
    TownSettings,
}
