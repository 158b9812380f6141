using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Settings;

/// <summary>
/// Town settings held per settings file by its identity (path, size, last write time): a call that finds the file
/// as it was last read pays one stat, not a read and a parse. A missing file costs one stat and is never cached.
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
    public TownSettings Get(string townRoot)
    {
        var path = TownSettings.GetSettingsPath(townRoot);
        entries.TryGetValue(path, out var entry);

        // Most towns have no settings file: the cheapest look says so, unless the town had one last time.
        if (entry is null && FileProbe.IsSurelyMissing(path))
        {
            return TownSettings.None;
        }

        // A town that had one is looked at again through the same FileInfo, refreshed: a new one costs half as much
        // again, and this look is paid on every call.
        var info = entry?.Info ?? new FileInfo(path);
        long length;
        long written;
        try
        {
            lock (info)
            {
                if (entry is not null)
                {
                    info.Refresh();
                }

                if (!info.Exists)
                {
                    // The same look that found no file tells a directory in its place: a mistake worth a warning.
                    if ((int)info.Attributes != -1 && (info.Attributes & FileAttributes.Directory) != 0)
                    {
                        return TownSettings.Unreadable(path, "it is a directory, not a file");
                    }

                    entries.TryRemove(path, out _);
                    return TownSettings.None;
                }

                length = info.Length;
                written = info.LastWriteTimeUtc.Ticks;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TownSettings.Unreadable(path, $"it cannot be read: {ex.Message}");
        }

        if (entry is not null && entry.Length == length && entry.Written == written)
        {
            return entry.Settings;
        }

        var settings = Read(path, length, out var cacheable);
        if (!cacheable)
        {
            // A read that failed says nothing about the file's content: permissions fixed later change no write time.
            return settings;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[path] = new Entry(info, length, written, settings);
        return settings;
    }

    private TownSettings Read(string path, long length, out bool cacheable)
    {
        Interlocked.Increment(ref reads);
        cacheable = false;
        if (length > MaxFileSize)
        {
            return TownSettings.Unreadable(path, $"it is {length} bytes, over the {MaxFileSize}-byte limit for a settings file; it was not read");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TownSettings.Unreadable(path, $"it cannot be read: {ex.Message}");
        }

        cacheable = true;
        return TownSettings.Parse(bytes, path);
    }

    private sealed class Entry
    {
        public Entry(FileInfo info, long length, long written, TownSettings settings)
        {
            Info = info;
            Length = length;
            Written = written;
            Settings = settings;
        }

        /// <summary>The look at the file, refreshed on each call; callers lock it while they do.</summary>
        public FileInfo Info { get; }

        public long Length { get; }

        public long Written { get; }

        public TownSettings Settings { get; }
    }
}
