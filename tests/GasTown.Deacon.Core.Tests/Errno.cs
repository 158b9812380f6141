using System;
using System.IO;

namespace GasTown.Deacon.Tests;

/// <summary>The IOExceptions the runtime raises for file-system errors, as it raises them on this platform.</summary>
internal static class Errno
{
    public static IOException ReadOnlyFileSystem() => Make("Read-only file system", unix: 30, win32: 19);

    public static IOException NoSpace() => Make("No space left on device", unix: 28, win32: 112);

    public static IOException LockHeld() =>
        Make("The process cannot access the file because it is being used by another process.", unix: OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 35 : 11, win32: 32);

    // .NET on Unix puts the raw errno in HResult; on Windows, the HRESULT of the Win32 error.
    private static IOException Make(string message, int unix, int win32) =>
        new(message, OperatingSystem.IsWindows() ? unchecked((int)0x80070000) | win32 : unix);
}
