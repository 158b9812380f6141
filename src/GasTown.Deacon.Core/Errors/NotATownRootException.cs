namespace GasTown.Deacon.Errors;

/// <summary>
/// A directory given as a town is not one (it has no <c>mayor/</c>): nothing is written there, as Gas Town's own
/// commands, which find their town by its <c>mayor/</c>, never write outside one.
/// </summary>
public sealed class NotATownRootException : HeartbeatException
{
    /// <summary>Creates the exception for <paramref name="directory"/>, which lies inside <paramref name="enclosingTown"/> if not null.</summary>
    public NotATownRootException(string directory, string? enclosingTown)
        : base(
            enclosingTown is null
                ? $"'{directory}' is not a town root: it has no mayor/ folder. Nothing was written."
                : $"'{directory}' is not a town root: it lies inside the town '{enclosingTown}'. Nothing was written.",
            directory)
    {
        EnclosingTown = enclosingTown;
    }

    /// <summary>Creates the exception with the message a host words for its own users (naming its own parameter, say).</summary>
    internal NotATownRootException(string directory, string? enclosingTown, string message)
        : base(message, directory)
    {
        EnclosingTown = enclosingTown;
    }

    /// <summary>The town the directory lies in, when it lies in one: what the caller most likely meant.</summary>
    public string? EnclosingTown { get; }
}
