namespace GasTown.Deacon.Storage;

/// <summary>What a look at a path found there.</summary>
internal enum FileStampKind
{
    /// <summary>Nothing.</summary>
    Missing,

    /// <summary>A file, or anything else that is not a directory.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,
}
