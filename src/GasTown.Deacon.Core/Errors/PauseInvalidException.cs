namespace GasTown.Deacon.Errors;

/// <summary>
/// The pause file exists but is not one Go's <c>IsPaused</c> would accept (or is too large to be one). Gas Town
/// cannot tell then whether the Deacon is paused: <c>gt deacon status</c> shows it as not paused, <c>gt deacon
/// heartbeat</c> refuses to beat.
/// </summary>
public sealed class PauseInvalidException : HeartbeatException
{
    /// <summary>Creates the exception; <paramref name="reason"/> says what is wrong and where.</summary>
    public PauseInvalidException(string path, string reason)
        : base($"The Deacon's pause file '{path}' is invalid: {reason}", path)
    {
        Reason = reason;
    }

    /// <summary>What is wrong with the file and where, without the path.</summary>
    public string Reason { get; }
}
