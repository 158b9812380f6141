using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GasTown.Deacon.Storage;

/// <summary>
/// Symbolic links (and Windows junctions), told apart from other reparse points such as OneDrive's cloud files,
/// which every file in a OneDrive folder may be. The net8.0 build asks FileSystemInfo.LinkTarget; netstandard2.0
/// has no API for this, so there (Windows PowerShell 5.1) the reparse tag is read with FindFirstFile, and on Unix
/// (Mono) every reparse point is a link.
/// </summary>
internal static class FileLinks
{
#if !NET
    private const uint ReparseTagMountPoint = 0xA0000003;
    private const uint ReparseTagSymlink = 0xA000000C;

    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
#endif

    /// <summary>The attributes of <paramref name="path"/> (a link's own included), or null when nothing is there.</summary>
    public static FileAttributes? TryGetAttributes(string path)
    {
        try
        {
            return File.GetAttributes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> itself is a link (dangling or not); <paramref name="target"/> is where it
    /// points, when known.
    /// </summary>
    public static bool IsLink(string path, out string? target)
    {
        target = null;
        if (TryGetAttributes(path) is not FileAttributes attributes || (attributes & FileAttributes.ReparsePoint) == 0)
        {
            return false;
        }

#if NET
        target = new FileInfo(path).LinkTarget;
        return target is not null;
    }
#else
        return !IsWindows || ReparseTag(path) is ReparseTagSymlink or ReparseTagMountPoint;
    }

    /// <summary>The reparse tag of <paramref name="path"/> (FindFirstFile reports it for a reparse point), or null.</summary>
    private static uint? ReparseTag(string path)
    {
        var handle = FindFirstFileW(path, out var data);
        if (handle == new IntPtr(-1))
        {
            return null;
        }

        FindClose(handle);
        return data.Reserved0;
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr FindFirstFileW(string fileName, out Win32FindData findData);

    [DllImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool FindClose(IntPtr findFile);

    /// <summary>WIN32_FIND_DATAW.</summary>
    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct Win32FindData
    {
        public uint FileAttributes;
        public System.Runtime.InteropServices.ComTypes.FILETIME CreationTime;
        public System.Runtime.InteropServices.ComTypes.FILETIME LastAccessTime;
        public System.Runtime.InteropServices.ComTypes.FILETIME LastWriteTime;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint Reserved0;
        public uint Reserved1;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)]
        public string FileName;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)]
        public string AlternateFileName;
    }
#endif
}
