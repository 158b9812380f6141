using System;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Errors;

/// <summary>
/// Reading or writing failed in the file system (permissions, a read-only or full disk, a directory in the way, an
/// I/O error). The message names the path and the cause in plain words; a failed write leaves the previous
/// heartbeat whole.
/// </summary>
public sealed class HeartbeatIOException : HeartbeatException
{
    private readonly string action;
    private readonly string cause;

    /// <summary>
    /// Creates the exception; <paramref name="innerException"/> is the file system's own error, from which the cause
    /// is told. The message reads "<paramref name="message"/> 'path': cause[; <paramref name="consequence"/>]."
    /// </summary>
    public HeartbeatIOException(string message, string path, Exception innerException, string? consequence = null)
        : this(message, path, FileSystemFaults.Classify(innerException, path), innerException, consequence)
    {
    }

    private HeartbeatIOException(string message, string path, HeartbeatIOFault fault, Exception innerException, string? consequence)
        : this(message, path, fault, FileSystemFaults.Describe(fault, innerException, path), innerException, consequence)
    {
    }

    /// <summary>Creates the exception for a cause already told, in <paramref name="cause"/>'s words.</summary>
    internal HeartbeatIOException(string message, string path, HeartbeatIOFault fault, string cause, Exception? innerException, string? consequence = null)
        : base($"{message} '{FileSystemFaults.Shown(path)}': {cause}{(consequence is null ? string.Empty : "; " + consequence)}.", path, innerException)
    {
        action = message;
        this.cause = cause;
        Fault = fault;
    }

    /// <summary>What went wrong, as far as it can be told.</summary>
    public HeartbeatIOFault Fault { get; }

    /// <summary>
    /// A directory given as a town that this account may not look into: nothing can be told of it, not even whether
    /// it is a town.
    /// </summary>
    internal static HeartbeatIOException TownDenied(string townRoot, Exception? innerException) =>
        new("Cannot look into the town", townRoot, HeartbeatIOFault.PermissionDenied, "permission denied", innerException);

    /// <summary>The same failure, saying what it meant for the caller (in place of any consequence it said before).</summary>
    internal HeartbeatIOException WithConsequence(string consequence) =>
        new(action, Path, Fault, cause, InnerException, consequence);
}
