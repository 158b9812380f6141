using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Settings;

/// <summary>
/// Town settings held per settings file by its identity (path, size, last write time): a call that finds the file
/// as it was last read pays one look, not a read and a parse. A missing file costs one look and is never cached.
/// </summary>
internal sealed class TownSettingsCache
{
    /// <summary>Settings files larger than this are not read: Gas Town's are a few kilobytes.</summary>
    public const long MaxFileSize = 4 * 1024 * 1024;

    /// <summary>Beyond this many files, the cache starts afresh rather than grow without bound.</summary>
    public const int MaxEntries = 16384;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private int reads;

    /// <summary>The cache the cmdlets share within a process.</summary>
    public static TownSettingsCache Shared { get; } = new();

    /// <summary>How many times a settings file was read and parsed (rather than found in the cache).</summary>
    public int Reads => Volatile.Read(ref reads);

    /// <summary>The settings of the town at <paramref name="townRoot"/>: <see cref="TownSettings.None"/> when it has no settings file.</summary>
    /// <exception cref="HeartbeatIOException">The town root itself cannot be looked into.</exception>
    public TownSettings Get(string townRoot)
    {
        var path = TownSettings.GetSettingsPath(townRoot);
        entries.TryGetValue(path, out var entry);
        var info = entry?.Info ?? new FileInfo(path);
        FileStamp stamp;
        try
        {
            lock (info)
            {
                stamp = FileStamp.Of(info);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CannotRead(townRoot, path, ex);
        }

        switch (stamp.Kind)
        {
            case FileStampKind.Missing:
                entries.TryRemove(path, out _);
                return TownSettings.None;
            case FileStampKind.Directory:
                // A mistake worth a warning, where a missing file is not.
                return TownSettings.WithoutThresholds(path, "it is a directory, not a file");
        }

        if (entry is not null && entry.Stamp.Equals(stamp))
        {
            return entry.Settings;
        }

        var settings = Read(townRoot, path, stamp.Length, out var cacheable);
        if (!cacheable)
        {
            // A read that failed says nothing about the file's content: permissions fixed later change no write time.
            // One that found no file after all forgets what was there.
            if (!settings.Exists)
            {
                entries.TryRemove(path, out _);
            }

            return settings;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[path] = new Entry(info, stamp, settings);
        return settings;
    }

    /// <summary>
    /// A settings file that cannot be looked at or read is a warning, in plain words, and the town is judged by the
    /// defaults; a town this account may not even look into is the town's error, not a settings problem.
    /// </summary>
    /// <exception cref="HeartbeatIOException">The town root itself cannot be looked into.</exception>
    private static TownSettings CannotRead(string townRoot, string path, Exception exception)
    {
        if (exception is UnauthorizedAccessException)
        {
            TownLocator.IsTown(townRoot);
        }

        return TownSettings.WithoutThresholds(path, "it cannot be read: " + FileSystemFaults.Describe(FileSystemFaults.Classify(exception, path), exception, path));
    }

    private TownSettings Read(string townRoot, string path, long length, out bool cacheable)
    {
        Interlocked.Increment(ref reads);
        cacheable = false;
        if (length > MaxFileSize)
        {
            return TownSettings.WithoutThresholds(path, $"it is {length} bytes, over the {MaxFileSize}-byte limit for a settings file; it was not read");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone since the look, or a link to nothing (which FileInfo's look counts as a file): as missing as no file.
            return TownSettings.None;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CannotRead(townRoot, path, ex);
        }

        cacheable = true;
        return TownSettings.Parse(bytes, path);
    }

    // The look at the file is kept and refreshed on each call; callers lock it while they do.
    private sealed record Entry(FileInfo Info, FileStamp Stamp, TownSettings Settings);
}
