namespace GasTown.Deacon.Errors;

/// <summary>The heartbeat file exists but is not a heartbeat Go's <c>json.Unmarshal</c> would accept.</summary>
public sealed class HeartbeatInvalidException : HeartbeatException
{
    /// <summary>Creates the exception; <paramref name="reason"/> says what is wrong and where.</summary>
    public HeartbeatInvalidException(string path, string reason)
        : base($"The heartbeat file '{path}' is invalid: {reason}", path)
    {
        Reason = reason;
    }

    /// <summary>What is wrong with the file and where, without the path.</summary>
    public string Reason { get; }
}
