using System;
using System.IO;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;

namespace GasTown.Deacon.Storage;

/// <summary>
/// A town's Deacon pause, <c>.runtime/deacon/paused.json</c>, exactly as Gas Town's pause.go reads and writes it:
/// no file means not paused; Pause writes the file (new file 0600, folders 0755), Resume removes it. Writes here
/// are atomic, as heartbeat writes are, so a reader never sees half a pause file.
/// </summary>
public sealed class PauseStore
{
    /// <summary>Files larger than this are refused unread: a pause file is about 150 bytes plus its reason.</summary>
    public const long MaxFileSize = 1024 * 1024;

    private const string CannotRead = "Cannot read the Deacon's pause file";

    /// <summary>The mode Go's <c>os.WriteFile(..., 0600)</c> gives a new pause file: it is for the town's owner only.</summary>
    internal const int NewFileMode = 0x180;

    private const string FileName = "paused.json";

    // No lock guards the pause file (Go takes none, and a write does not depend on what was there), so a temp file
    // counts as a killed writer's only once no live writer could still be at it.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    private readonly TimeProvider timeProvider;

    /// <summary>The pause of the town at <paramref name="townRoot"/>, which should be a full path.</summary>
    public PauseStore(string townRoot, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrEmpty(townRoot))
        {
            throw new ArgumentException("A town root is required.", nameof(townRoot));
        }

        TownRoot = townRoot;
        FilePath = GetPausePath(townRoot);
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The town's root directory.</summary>
    public string TownRoot { get; }

    /// <summary><c>&lt;TownRoot&gt;/.runtime</c>.</summary>
    public string RuntimeDirectory => Path.GetDirectoryName(DeaconDirectory)!;

    /// <summary><c>&lt;TownRoot&gt;/.runtime/deacon</c>.</summary>
    public string DeaconDirectory => Path.GetDirectoryName(FilePath)!;

    /// <summary><c>&lt;TownRoot&gt;/.runtime/deacon/paused.json</c>.</summary>
    public string FilePath { get; }

    /// <summary>Test seams.</summary>
    internal StoreHooks Hooks { get; } = new();

    /// <summary>The pause file of the town at <paramref name="townRoot"/>, as Go's GetPauseFile gives it.</summary>
    public static string GetPausePath(string townRoot) => Path.Combine(townRoot, ".runtime", "deacon", FileName);

    /// <summary>Reads the pause file, as Go's IsPaused does; null when there is none.</summary>
    /// <exception cref="PauseInvalidException">The file is not one Go would accept, or is over <see cref="MaxFileSize"/>.</exception>
    /// <exception cref="HeartbeatIOException">The file could not be read.</exception>
    public PauseState? Read()
    {
        // Most towns are never paused: one look answers them, with no exception thrown and caught. A look that cannot
        // tell (no permission to enter .runtime/deacon, say) is no answer: a Deacon that may be paused must not be
        // taken for one that is not.
        try
        {
            // A directory in its place fails Go's IsPaused, and so fails this.
            switch (FileStamp.Of(new FileInfo(FilePath)).Kind)
            {
                case FileStampKind.Missing:
                    return null;
                case FileStampKind.Directory:
                    throw new HeartbeatIOException(CannotRead, FilePath, HeartbeatIOFault.DirectoryInTheWay, "it is a directory, not a file", null);
            }

            // Writers here replace the file whole. A Go writer truncates and writes in place, so a read can catch it
            // part-way, in Go as here; what was read is judged like any other file.
            var bytes = AtomicFile.Read(FilePath, MaxFileSize, 0, out var size, out var length) ?? throw new PauseInvalidException(
                FilePath, $"it is {size} bytes, over the {MaxFileSize}-byte limit for a pause file; it was not read.");
            return PauseJsonReader.Parse(new ReadOnlySpan<byte>(bytes, 0, length), FilePath);
        }
        catch (PathTooLongException)
        {
            // Five bytes longer than the heartbeat's path, it can be over the system's limit where the heartbeat's is
            // not: then no pause file can be written there (gt deacon pause could not either), so there is none.
            return null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Resumed between the look and the read.
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException(CannotRead, FilePath, ex);
        }
    }

    /// <summary>
    /// A pause file that cannot be read at all, as a reader that must not take a Deacon that may be paused for one
    /// that is not reports it: the town gets no answer.
    /// </summary>
    internal static HeartbeatIOException Unknowable(HeartbeatIOException unreadable) =>
        unreadable.WithConsequence("whether the Deacon is paused cannot be told, so this town gets no answer");

    /// <summary>Reads the pause file without throwing: what it says, or why it could not be read.</summary>
    public PauseObservation Observe()
    {
        try
        {
            var state = Read();
            return state is null ? PauseObservation.None : new PauseObservation(state, null);
        }
        catch (HeartbeatException ex)
        {
            return new PauseObservation(null, ex);
        }
    }

    /// <summary>
    /// What <c>gt deacon heartbeat</c> checks before beating: throws when the Deacon is paused, and when the pause
    /// file cannot be read (paused or not, nobody can tell then).
    /// </summary>
    /// <exception cref="DeaconPausedException">The Deacon is paused.</exception>
    /// <exception cref="PauseInvalidException">The pause file is invalid.</exception>
    /// <exception cref="HeartbeatIOException">The pause file could not be read.</exception>
    public void ThrowIfPaused()
    {
        if (Read() is { Paused: true } state)
        {
            throw new DeaconPausedException(FilePath, state);
        }
    }

    /// <summary>
    /// Pauses the Deacon as Go's Pause does: <c>paused</c> true, the reason and who paused it as given (empty ones
    /// are left out of the file), <c>paused_at</c> now in UTC. Creates <c>.runtime/deacon</c> (0755) as needed; a new
    /// file gets 0600, an existing one keeps its mode. Returns what was written.
    /// </summary>
    /// <exception cref="TownRootNotFoundException">The town root does not exist; nothing was created.</exception>
    /// <exception cref="HeartbeatIOException">The write failed; a previous pause file is unchanged.</exception>
    public PauseState Pause(string? reason, string? pausedBy)
    {
        TownLocator.RequireTownRoot(TownRoot);
        var state = new PauseState
        {
            Paused = true,
            Reason = reason ?? string.Empty,
            PausedAt = timeProvider.GetUtcNow().ToUniversalTime(),
            PausedBy = pausedBy ?? string.Empty,
        };
        var bytes = PauseJsonWriter.Serialize(state);
        EnsureDirectory(RuntimeDirectory);
        EnsureDirectory(DeaconDirectory);
        try
        {
            AtomicFile.Write(FilePath, bytes, NewFileMode, OrphanAge, Hooks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException("Cannot write the Deacon's pause file", FilePath, ex, "any previous one is unchanged");
        }

        return state;
    }

    /// <summary>Resumes the Deacon as Go's Resume does: removes the pause file. Returns false when there was none.</summary>
    /// <exception cref="TownRootNotFoundException">The town root does not exist.</exception>
    /// <exception cref="HeartbeatIOException">The file is there but could not be removed.</exception>
    public bool Resume()
    {
        TownLocator.RequireTownRoot(TownRoot);
        try
        {
            if (FileLinks.TryGetAttributes(FilePath) is not FileAttributes attributes)
            {
                return false;
            }

            if ((attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) == FileAttributes.Directory)
            {
                // Go's os.Remove would take an empty folder in its place; a folder is not a pause file, so it stays.
                throw new IOException("It is a folder, not a file.");
            }

            File.Delete(FilePath);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException("Cannot remove the Deacon's pause file", FilePath, ex);
        }
    }

    private static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            UnixFileModes.Narrow(directory, UnixFileModes.DirectoryDefault);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HeartbeatIOException("Cannot create the folder for the Deacon's pause file", directory, ex);
        }
    }
}
