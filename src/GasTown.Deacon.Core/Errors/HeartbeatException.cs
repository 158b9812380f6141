using System;

namespace GasTown.Deacon.Errors;

/// <summary>Base of every failure the heartbeat store reports; <see cref="Path"/> names the file or folder at fault.</summary>
public abstract class HeartbeatException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected HeartbeatException(string message, string path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The file or folder the failure concerns.</summary>
    public string Path { get; }

    /// <summary>What this failure, met reading a heartbeat, says about the Deacon's heartbeat.</summary>
    internal HeartbeatAbsence Absence => this switch
    {
        HeartbeatNotFoundException => HeartbeatAbsence.Missing,
        HeartbeatInvalidException or HeartbeatTooLargeException => HeartbeatAbsence.Invalid,
        _ => HeartbeatAbsence.None,
    };
}
