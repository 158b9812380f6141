namespace GasTown.Deacon.Errors;

/// <summary>The town root directory does not exist; nothing was read or created.</summary>
public sealed class TownRootNotFoundException : HeartbeatException
{
    /// <summary>Creates the exception for the missing directory <paramref name="townRoot"/>.</summary>
    public TownRootNotFoundException(string townRoot)
        : base($"The town root '{townRoot}' does not exist or is not a directory.", townRoot)
    {
    }
}
