using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A small tmpfs of its own, for real full and read-only file systems. Needs Linux and root (as on this project's
/// build machines): elsewhere the tests skip, and seam-based tests inject the same failures.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Mounts a tmpfs with <paramref name="options"/> (as for mount -o), or skips the test where it cannot.</summary>
    public static TmpfsMount Create(string options)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Skip("Mounting a tmpfs needs root on Linux.");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deacon-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Remounts read-only, as a disk gone read-only after an error, or a read-only bind mount.</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
    }
}
