namespace GasTown.Deacon;

/// <summary>The heartbeat file is larger than any heartbeat could be; it was refused without being read.</summary>
public sealed class HeartbeatTooLargeException : HeartbeatException
{
    /// <summary>Creates the exception for a file of <paramref name="length"/> bytes.</summary>
    public HeartbeatTooLargeException(string path, long length, long limit)
        : base($"The heartbeat file '{path}' is {length} bytes, over the {limit}-byte limit for a heartbeat; it was not read.", path)
    {
        Length = length;
        Limit = limit;
    }

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; }

    /// <summary>The largest size accepted.</summary>
    public long Limit { get; }
}
