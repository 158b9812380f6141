#if NET
using System;
using System.IO;
#endif

namespace GasTown.Deacon.Storage;

/// <summary>
/// Unix permission bits. The net8.0 build (pwsh 7.4+) reads and sets them with File.Get/SetUnixFileMode. The
/// netstandard2.0 build runs on .NET Framework (Windows PowerShell 5.1, or Mono in the Editions harness), which
/// has no API for them: there, as on Windows, modes are left to the system.
/// </summary>
internal static class UnixFileModes
{
    public const int FileDefault = 0x1A4; // 0644, Go's os.WriteFile(..., 0644)
    public const int DirectoryDefault = 0x1ED; // 0755, Go's os.MkdirAll(..., 0755)

#if NET
    /// <summary>Whether modes can be read and set here.</summary>
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>The permission bits of <paramref name="path"/> (following links), or null where unsupported.</summary>
    public static int? Get(string path) => OperatingSystem.IsWindows() ? null : (int)File.GetUnixFileMode(path);

    /// <summary>Sets the permission bits of <paramref name="path"/>; does nothing where unsupported.</summary>
    public static void Set(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)mode);
        }
    }
#else
    /// <summary>Whether modes can be read and set here.</summary>
    public static bool Supported => false;

    /// <summary>The permission bits of <paramref name="path"/> (following links), or null where unsupported.</summary>
    public static int? Get(string path) => null;

    /// <summary>Sets the permission bits of <paramref name="path"/>; does nothing where unsupported.</summary>
    public static void Set(string path, int mode)
    {
    }
#endif

    /// <summary>
    /// Narrows a freshly created file or folder to what Go's open/mkdir would have given: the runtime creates
    /// with 0666/0777 less the umask, Go with 0644/0755 less the umask, so masking the result gives Go's mode.
    /// </summary>
    public static void Narrow(string path, int goMode)
    {
        var current = Get(path);
        if (current is int mode && (mode & ~goMode) != 0)
        {
            Set(path, mode & goMode);
        }
    }
}
