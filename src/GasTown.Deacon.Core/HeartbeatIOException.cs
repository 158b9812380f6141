using System;

namespace GasTown.Deacon;

/// <summary>
/// Reading or writing failed in the file system (permissions, a full disk, an I/O error). A failed write leaves
/// the previous heartbeat whole.
/// </summary>
public sealed class HeartbeatIOException : HeartbeatException
{
    /// <summary>Creates the exception; <paramref name="innerException"/> is the file system's own error.</summary>
    public HeartbeatIOException(string message, string path, Exception innerException)
        : base($"{message}: {innerException.Message}", path, innerException)
    {
    }
}
