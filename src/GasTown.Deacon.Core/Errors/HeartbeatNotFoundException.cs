namespace GasTown.Deacon.Errors;

/// <summary>The town exists but has no heartbeat file: the Deacon has never beaten there, or the file was removed.</summary>
public sealed class HeartbeatNotFoundException : HeartbeatException
{
    /// <summary>Creates the exception for the missing file at <paramref name="path"/>.</summary>
    public HeartbeatNotFoundException(string path)
        : base($"No heartbeat file at '{path}': the Deacon has not written one in this town.", path)
    {
    }

    /// <summary>Creates the exception for the missing file at <paramref name="path"/>, saying why in <paramref name="reason"/>'s words.</summary>
    internal HeartbeatNotFoundException(string path, string reason)
        : base($"No heartbeat file at '{path}': {reason}", path)
    {
    }
}
