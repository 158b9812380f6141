namespace GasTown.Deacon.Errors;

/// <summary>
/// A heartbeat larger than any reader accepts: a file found over the limit (refused without being read), or a
/// heartbeat that would be written over it (refused before anything is written, as every read would refuse it).
/// </summary>
public sealed class HeartbeatTooLargeException : HeartbeatException
{
    /// <summary>
    /// Creates the exception for <paramref name="length"/> bytes found on disk, or, with
    /// <paramref name="refusedWrite"/>, about to be written.
    /// </summary>
    public HeartbeatTooLargeException(string path, long length, long limit, bool refusedWrite = false)
        : base(
            refusedWrite
                ? $"The heartbeat for '{path}' would be {length} bytes, over the {limit}-byte limit every reader of it applies; nothing was written and the previous heartbeat is unchanged. Shorten the action."
                : $"The heartbeat file '{path}' is {length} bytes, over the {limit}-byte limit for a heartbeat; it was not read.",
            path)
    {
        Length = length;
        Limit = limit;
        RefusedWrite = refusedWrite;
    }

    /// <summary>The file's size in bytes, or the size the refused write would have had.</summary>
    public long Length { get; }

    /// <summary>The largest size accepted.</summary>
    public long Limit { get; }

    /// <summary>True when a write was refused; false when a file on disk was.</summary>
    public bool RefusedWrite { get; }
}
