using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Maps the core's failures to ErrorRecords with a stable id, the right category and the path as target.</summary>
internal static class HeartbeatErrors
{
    public static ErrorRecord ToErrorRecord(HeartbeatException exception, bool writing)
    {
        var (id, category) = exception switch
        {
            HeartbeatNotFoundException => (ErrorIds.HeartbeatNotFound, ErrorCategory.ObjectNotFound),
            HeartbeatInvalidException => (ErrorIds.HeartbeatInvalid, ErrorCategory.InvalidData),
            HeartbeatTooLargeException { RefusedWrite: true } => (ErrorIds.HeartbeatTooLarge, ErrorCategory.InvalidArgument),
            HeartbeatTooLargeException => (ErrorIds.HeartbeatTooLarge, ErrorCategory.InvalidData),
            TownRootNotFoundException => (ErrorIds.TownRootNotFound, ErrorCategory.ObjectNotFound),
            HeartbeatLockTimeoutException => (ErrorIds.HeartbeatLockTimeout, ErrorCategory.OperationTimeout),
            HeartbeatCycleOverflowException => (ErrorIds.HeartbeatCycleOverflow, ErrorCategory.LimitsExceeded),
            HeartbeatIOException { Fault: HeartbeatIOFault.PermissionDenied or HeartbeatIOFault.ReadOnlyFileSystem } => (ErrorIds.HeartbeatIOError, ErrorCategory.PermissionDenied),
            HeartbeatIOException { Fault: HeartbeatIOFault.NoSpace } => (ErrorIds.HeartbeatIOError, ErrorCategory.ResourceUnavailable),
            HeartbeatIOException { Fault: HeartbeatIOFault.LinkInTheWay } => (ErrorIds.HeartbeatIOError, ErrorCategory.SecurityError),
            _ => (ErrorIds.HeartbeatIOError, writing ? ErrorCategory.WriteError : ErrorCategory.ReadError),
        };
        return new ErrorRecord(exception, id, category, exception.Path);
    }

    public static ErrorRecord InvalidThresholds(ArgumentException exception) =>
        new(exception, ErrorIds.InvalidThresholds, ErrorCategory.InvalidArgument, null);
}
