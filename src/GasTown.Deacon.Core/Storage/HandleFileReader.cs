using System;
using System.IO;
using System.Reflection;
using Microsoft.Win32.SafeHandles;

namespace GasTown.Deacon.Storage;

/// <summary>
/// Reads a small file through a bare handle, as File.ReadAllBytes does on .NET 7 and later (File.OpenHandle and
/// RandomAccess), where those are: a FileStream, which netstandard2.0 offers, sets up a strategy object and its
/// checks around the same system calls, and that was a tenth of what a Get-DeaconHeartbeat call cost. They are
/// bound here once by reflection, as every pwsh this module supports runs on .NET 8 or later; elsewhere (Windows
/// PowerShell 5.1), <see cref="Available"/> is false and the caller reads through a FileStream.
/// </summary>
internal static class HandleFileReader
{
    private static readonly Func<string, FileMode, FileAccess, FileShare, FileOptions, long, SafeFileHandle>? Open;
    private static readonly Func<SafeFileHandle, long>? Length;
    private static readonly ReadSpan? Read;

    static HandleFileReader()
    {
        var randomAccess = typeof(File).Assembly.GetType("System.IO.RandomAccess", throwOnError: false);
        var open = typeof(File).GetMethod(
            "OpenHandle",
            BindingFlags.Public | BindingFlags.Static,
            null,
            new[] { typeof(string), typeof(FileMode), typeof(FileAccess), typeof(FileShare), typeof(FileOptions), typeof(long) },
            null);
        var length = randomAccess?.GetMethod("GetLength", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(SafeFileHandle) }, null);
        var read = randomAccess?.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(SafeFileHandle), typeof(Span<byte>), typeof(long) }, null);
        if (open is null || length is null || read is null)
        {
            return;
        }

        Open = (Func<string, FileMode, FileAccess, FileShare, FileOptions, long, SafeFileHandle>)Delegate.CreateDelegate(
            typeof(Func<string, FileMode, FileAccess, FileShare, FileOptions, long, SafeFileHandle>), open);
        Length = (Func<SafeFileHandle, long>)Delegate.CreateDelegate(typeof(Func<SafeFileHandle, long>), length);
        Read = (ReadSpan)Delegate.CreateDelegate(typeof(ReadSpan), read);
    }

    private delegate int ReadSpan(SafeFileHandle handle, Span<byte> buffer, long fileOffset);

    /// <summary>Whether the runtime offers the handle API (.NET 7 and later).</summary>
    public static bool Available => Read is not null;

    /// <summary>Opens <paramref name="path"/> to read, sharing it with writers and deleters, as a FileStream would.</summary>
    public static SafeFileHandle OpenToRead(string path) =>
        Open!(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.None, 0);

    /// <summary>The file's length now.</summary>
    public static long LengthOf(SafeFileHandle handle) => Length!(handle);

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/>; 0 at the end of the file.</summary>
    public static int ReadAt(SafeFileHandle handle, byte[] buffer, int offset) =>
        Read!(handle, new Span<byte>(buffer, offset, buffer.Length - offset), offset);
}
