using System;
using System.Management.Automation;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Settings;

namespace GasTown.Deacon.Commands;

/// <summary>Maps the core's failures to ErrorRecords with a stable id, the right category and the path as target.</summary>
internal static class HeartbeatErrors
{
    /// <summary>
    /// The record for <paramref name="exception"/>; <paramref name="details"/>, when given, is what is shown in place of
    /// its message (what the cmdlet made of it), with <paramref name="recommendedAction"/>.
    /// </summary>
    public static ErrorRecord ToErrorRecord(HeartbeatException exception, bool writing, string? details = null, string? recommendedAction = null)
    {
        var (id, category) = exception switch
        {
            HeartbeatNotFoundException => (ErrorIds.HeartbeatNotFound, ErrorCategory.ObjectNotFound),
            HeartbeatInvalidException => (ErrorIds.HeartbeatInvalid, ErrorCategory.InvalidData),
            HeartbeatTooLargeException { RefusedWrite: true } => (ErrorIds.HeartbeatTooLarge, ErrorCategory.InvalidArgument),
            HeartbeatTooLargeException => (ErrorIds.HeartbeatTooLarge, ErrorCategory.InvalidData),
            TownRootNotFoundException => (ErrorIds.TownRootNotFound, ErrorCategory.ObjectNotFound),
            NotATownRootException => (ErrorIds.NotATownRoot, ErrorCategory.InvalidArgument),
            HeartbeatLockTimeoutException => (ErrorIds.HeartbeatLockTimeout, ErrorCategory.OperationTimeout),
            HeartbeatCycleOverflowException => (ErrorIds.HeartbeatCycleOverflow, ErrorCategory.LimitsExceeded),
            DeaconPausedException => (ErrorIds.DeaconPaused, ErrorCategory.ResourceUnavailable),
            PauseInvalidException => (ErrorIds.PauseFileInvalid, ErrorCategory.InvalidData),
            HeartbeatIOException { Fault: HeartbeatIOFault.PermissionDenied or HeartbeatIOFault.ReadOnlyFileSystem } => (ErrorIds.HeartbeatIOError, ErrorCategory.PermissionDenied),
            HeartbeatIOException { Fault: HeartbeatIOFault.NoSpace } => (ErrorIds.HeartbeatIOError, ErrorCategory.ResourceUnavailable),
            HeartbeatIOException { Fault: HeartbeatIOFault.LinkInTheWay } => (ErrorIds.HeartbeatIOError, ErrorCategory.SecurityError),
            HeartbeatIOException { Fault: HeartbeatIOFault.PathTooLong } => (ErrorIds.HeartbeatIOError, ErrorCategory.InvalidArgument),
            _ => (ErrorIds.HeartbeatIOError, writing ? ErrorCategory.WriteError : ErrorCategory.ReadError),
        };
        return new ErrorRecord(exception, id, category, exception.Path)
        {
            ErrorDetails = details is null ? null : new ErrorDetails(details) { RecommendedAction = recommendedAction },
        };
    }

    public static ErrorRecord InvalidThresholds(ArgumentException exception) =>
        new(exception, ErrorIds.InvalidThresholds, ErrorCategory.InvalidArgument, null);

    /// <summary>A threshold given does not fit the other one as this town has it (from its settings or the default).</summary>
    public static ErrorRecord InvalidThresholds(string townRoot, ThresholdResolution resolution)
    {
        var stale = DurationText.Format(resolution.Stale);
        var veryStale = DurationText.Format(resolution.VeryStale);
        string fix;
        if (resolution.StaleSource == ThresholdSource.Parameter)
        {
            fix = resolution.VeryStaleSource == ThresholdSource.TownSettings
                ? $"The very-stale threshold is {veryStale} in '{resolution.SettingsPath}' ({TownSettings.VeryStaleKey}): lower -StaleThreshold below it, or give -VeryStaleThreshold above {stale} too."
                : $"-VeryStaleThreshold is {veryStale} by default: raise it above {stale} too (for example -VeryStaleThreshold {DurationText.Format(resolution.Stale + resolution.Stale)}).";
        }
        else
        {
            fix = resolution.StaleSource == ThresholdSource.TownSettings
                ? $"The stale threshold is {stale} in '{resolution.SettingsPath}' ({TownSettings.StaleKey}): raise -VeryStaleThreshold above it, or give -StaleThreshold below {veryStale} too."
                : $"-StaleThreshold is {stale} by default: raise -VeryStaleThreshold above it, or give -StaleThreshold below {veryStale} too.";
        }

        return new ErrorRecord(
            new ArgumentException($"Cannot judge '{townRoot}': the stale threshold ({stale}) must be less than the very-stale threshold ({veryStale}). {fix}"),
            ErrorIds.InvalidThresholds,
            ErrorCategory.InvalidArgument,
            resolution.FromSettings ? resolution.SettingsPath : townRoot);
    }
}
