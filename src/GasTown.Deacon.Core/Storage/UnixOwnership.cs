using System;
using System.Runtime.InteropServices;
using System.Text;

namespace GasTown.Deacon.Storage;

/// <summary>
/// A file's owner and group, carried over to the file that replaces it, so that a heartbeat a team shares through a
/// group stays theirs after any member writes it. No .NET API reads or sets a file's owner or group
/// (UnixFileMode covers only the permission bits), hence statx(2) and chown(2). Linux only: elsewhere the new file
/// keeps the writer's owner and group, as it did before.
/// </summary>
internal static class UnixOwnership
{
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint WantOwnerAndGroup = 0x8 | 0x10; // STATX_UID | STATX_GID

    // struct statx has one layout on every Linux architecture (unlike struct stat): these are its offsets.
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;

    private const uint Unchanged = uint.MaxValue; // (uid_t)-1 and (gid_t)-1: chown leaves that one as it is

    private static bool usable = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>
    /// Gives <paramref name="to"/> the owner and group of <paramref name="from"/> (following links), as far as this
    /// process may: the owner only as root (or with CAP_CHOWN), the group whenever the writer is in it. Returns false
    /// when nothing could be told or set; the caller's write goes on either way.
    /// </summary>
    public static bool Copy(string from, string to)
    {
        if (!usable || from.IndexOf('\0') >= 0)
        {
            return false;
        }

        var status = new byte[StatxSize];
        try
        {
            if (statx(AtCurrentDirectory, NulTerminatedUtf8(from), 0, WantOwnerAndGroup, status) != 0
                || (BitConverter.ToUInt32(status, 0) & WantOwnerAndGroup) != WantOwnerAndGroup)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28): the new file keeps the writer's owner and group.
            usable = false;
            return false;
        }

        var target = NulTerminatedUtf8(to);
        var gid = BitConverter.ToUInt32(status, GidOffset);
        return chown(target, BitConverter.ToUInt32(status, UidOffset), gid) == 0 || chown(target, Unchanged, gid) == 0;
    }

    // Paths are UTF-8 on Unix; netstandard2.0 has no UTF-8 string marshalling, so the bytes are passed as they are.
    private static byte[] NulTerminatedUtf8(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, [Out] byte[] status);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(byte[] path, uint owner, uint group);
}
