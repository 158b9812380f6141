using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GasTown.Deacon.Storage;

/// <summary>
/// Unix permission bits, where the runtime offers them. netstandard2.0 has no API for modes, but every pwsh
/// this module supports runs on .NET 7 or later, whose File.Get/SetUnixFileMode are bound here once by
/// reflection. On Windows, and on runtimes without them, modes are left to the system.
/// </summary>
internal static class UnixFileModes
{
    public const int FileDefault = 0x1A4; // 0644, Go's os.WriteFile(..., 0644)
    public const int DirectoryDefault = 0x1ED; // 0755, Go's os.MkdirAll(..., 0755)

    private static readonly MethodInfo? GetMethod;
    private static readonly MethodInfo? SetMethod;
    private static readonly Type? ModeType;

    static UnixFileModes()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        ModeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode", throwOnError: false);
        if (ModeType is null)
        {
            return;
        }

        GetMethod = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        SetMethod = typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), ModeType });
    }

    /// <summary>Whether modes can be read and set here.</summary>
    public static bool Supported => GetMethod is not null && SetMethod is not null;

    /// <summary>The permission bits of <paramref name="path"/> (following links), or null where unsupported.</summary>
    public static int? Get(string path)
    {
        if (GetMethod is null)
        {
            return null;
        }

        try
        {
            return Convert.ToInt32(GetMethod.Invoke(null, new object[] { path }));
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    /// <summary>Sets the permission bits of <paramref name="path"/>; does nothing where unsupported.</summary>
    public static void Set(string path, int mode)
    {
        if (SetMethod is null || ModeType is null)
        {
            return;
        }

        try
        {
            SetMethod.Invoke(null, new[] { path, Enum.ToObject(ModeType, mode) });
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

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
