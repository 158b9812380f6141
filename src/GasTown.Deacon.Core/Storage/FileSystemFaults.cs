using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using GasTown.Deacon.Errors;

namespace GasTown.Deacon.Storage;

/// <summary>
/// Tells a busy lock from a failing file system, and names failures in plain words. The runtime carries the cause
/// in <see cref="Exception.HResult"/>: on Unix .NET puts the raw errno there (EWOULDBLOCK for a held flock, EROFS,
/// ENOSPC, ...), on Windows the HRESULT of the Win32 error. Anything not known to be contention is a fault, reported
/// at once: waiting out the lock timeout over a read-only disk only hides the cause.
/// </summary>
internal static class FileSystemFaults
{
    private const int Win32Facility = unchecked((int)0x80070000);
    private const int ErrorWriteProtect = 19;
    private const int ErrorSharingViolation = 32;
    private const int ErrorLockViolation = 33;
    private const int ErrorHandleDiskFull = 39;
    private const int ErrorDiskFull = 112;

    private const int Enospc = 28;
    private const int Erofs = 30;

    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    private static readonly bool IsMac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    // EWOULDBLOCK and EDQUOT are the two errnos here that differ between Linux and the BSDs (macOS among them).
    private static readonly bool IsBsd = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) || RuntimeInformation.IsOSPlatform(OSPlatform.Create("FREEBSD"));
    private static readonly int Ewouldblock = IsBsd ? 35 : 11;
    private static readonly int Edquot = IsBsd ? 69 : 122;

    /// <summary>
    /// The longest path the system takes: PATH_MAX less its NUL, in UTF-8 bytes, on Linux (4096) and macOS (1024);
    /// in UTF-16 characters on Windows, where .NET passes long paths on with the \\?\ prefix.
    /// </summary>
    public static int MaxPathLength => IsWindows ? 32766 : IsMac ? 1023 : 4095;

    /// <summary>The length of <paramref name="path"/> as <see cref="MaxPathLength"/> counts it.</summary>
    public static int PathLength(string path) => IsWindows ? path.Length : Encoding.UTF8.GetByteCount(path);

    /// <summary>Whether the system takes <paramref name="path"/>, as far as its length goes.</summary>
    public static bool FitsPathLimit(string path) => PathLength(path) <= MaxPathLength;

    /// <summary>
    /// <paramref name="path"/> as a message shows it: whole up to a few hundred characters, else its start and end
    /// (a path near the system's limit, thousands of characters, would drown the message; the error's target keeps
    /// it whole).
    /// </summary>
    public static string Shown(string path) =>
        path.Length <= 300 ? path : path.Substring(0, 120) + "\u2026" + path.Substring(path.Length - 160);

    /// <summary>The cause for a path over <see cref="MaxPathLength"/>.</summary>
    public static string TooLong(string path) => FormattableString.Invariant(
        $"the path is {PathLength(path):N0} {(IsWindows ? "characters" : "bytes")} long, over this system's limit of {MaxPathLength:N0}");

    /// <summary>Whether opening the lock file failed only because another process holds it.</summary>
    public static bool IsContention(IOException exception) =>
        IsWindows
            ? Win32Code(exception.HResult) is ErrorSharingViolation or ErrorLockViolation
            : exception.HResult == Ewouldblock;

    /// <summary>What <paramref name="exception"/>, raised for <paramref name="path"/>, says went wrong.</summary>
    public static HeartbeatIOFault Classify(Exception exception, string path) => exception switch
    {
        _ when IsDirectory(path) => HeartbeatIOFault.DirectoryInTheWay,
        UnauthorizedAccessException => HeartbeatIOFault.PermissionDenied,
        PathTooLongException => HeartbeatIOFault.PathTooLong,
        _ when IsWindows => Win32Code(exception.HResult) switch
        {
            ErrorWriteProtect => HeartbeatIOFault.ReadOnlyFileSystem,
            ErrorDiskFull or ErrorHandleDiskFull => HeartbeatIOFault.NoSpace,
            _ => HeartbeatIOFault.Other,
        },
        _ when exception.HResult == Erofs => HeartbeatIOFault.ReadOnlyFileSystem,
        _ when exception.HResult == Enospc || exception.HResult == Edquot => HeartbeatIOFault.NoSpace,
        _ => HeartbeatIOFault.Other,
    };

    /// <summary>The cause in plain words, without the path (the message names it once).</summary>
    public static string Describe(HeartbeatIOFault fault, Exception exception, string path) => fault switch
    {
        HeartbeatIOFault.PathTooLong => TooLong(path),
        HeartbeatIOFault.ReadOnlyFileSystem => "the file system is read-only",
        HeartbeatIOFault.PermissionDenied => "permission denied",
        HeartbeatIOFault.NoSpace => !IsWindows && exception.HResult == Edquot ? "the disk quota is used up" : "no space is left on the device",
        HeartbeatIOFault.DirectoryInTheWay => "it is a directory, not a file",
        HeartbeatIOFault.FileInTheWay => "it is a file, not a directory",
        _ when exception is DirectoryNotFoundException => "the directory holding it does not exist",
        _ => SystemWords(exception),
    };

    private static int? Win32Code(int hresult) => (hresult & unchecked((int)0xFFFF0000)) == Win32Facility ? hresult & 0xFFFF : null;

    private static bool IsDirectory(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.Directory) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The system's message, less the " : 'path'" .NET on Unix appends and the final full stop.</summary>
    private static string SystemWords(Exception exception)
    {
        var message = exception.Message.Trim();
        var pathAt = message.LastIndexOf(" : '", StringComparison.Ordinal);
        if (pathAt > 0 && message.EndsWith("'", StringComparison.Ordinal))
        {
            message = message.Substring(0, pathAt);
        }

        return message.TrimEnd('.');
    }
}
