using System;
using System.Runtime.InteropServices;

namespace GasTown.Deacon.Storage;

/// <summary>
/// The two file operations of every Get-DeaconHeartbeat call made as the fewest Linux system calls that do them. Reading
/// the heartbeat takes open, read, a read that finds the end, and close, where File.ReadAllBytes (or a FileStream)
/// makes two fstat calls, a shared flock and its release, a read and a close: 4 calls where 7 were, and the difference
/// pays for the two looks a call makes for the pause and the settings. Looking at a town's settings file takes one
/// statx, where FileInfo makes an lstat and fills a status object. A call is meant to cost little more than reading
/// the file.
/// <para>
/// Anything these cannot answer for sure (any failure, a file larger than the buffer, a read that stopped short of
/// the end, a path .NET would refuse, another system, a C library without statx) is answered with false, and the
/// caller does it the .NET way, which also reports a failure in .NET's terms. Dropping the shared flock changes
/// nothing for other writers: Gas Town's never take one, and this module's replace the file whole.
/// </para>
/// </summary>
internal static class LinuxFile
{
    /// <summary>The largest file <see cref="TryRead"/> reads, less one: a heartbeat is about 150 bytes.</summary>
    public const int BufferSize = 4096;

    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC on every architecture .NET runs on
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint TypeSizeAndWriteTime = 0x1 | 0x40 | 0x200; // STATX_TYPE | STATX_MTIME | STATX_SIZE
    private const int FileTypeMask = 0xF000; // S_IFMT
    private const int DirectoryType = 0x4000; // S_IFDIR
    private const int Eperm = 1; // statx refused outright, as container sandboxes (seccomp) of a few years ago do
    private const int Enoent = 2;
    private const int Enotdir = 20;
    private const int Enosys = 38; // no statx in this kernel

    // struct statx has one layout on every Linux architecture (unlike struct stat): these are its offsets.
    private const int StatxSize = 256;
    private const int MaskOffset = 0;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int WriteTimeOffset = 112;

    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    // Off elsewhere, and for good once the C library cannot be called.
    private static bool readUsable = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
    private static bool statUsable = readUsable;

    // One of each per thread, reused: what is read is parsed, or copied out, before the thread reads again.
    [ThreadStatic]
    private static byte[]? buffer;

    // Room for a statx, and where a read that should find the end puts the byte it finds instead.
    [ThreadStatic]
    private static byte[]? scratch;

    /// <summary>
    /// Reads the whole of the file at <paramref name="path"/> into a buffer of this thread's (<see cref="BufferSize"/>
    /// bytes, valid until the thread's next read). False when the file could not be read this way, or holds
    /// <see cref="BufferSize"/> bytes or more, or did not come whole in one read: read it the .NET way.
    /// </summary>
    public static bool TryRead(string path, out byte[] bytes, out int length)
    {
        bytes = Array.Empty<byte>();
        length = 0;

        // The C library would read a path with a NUL in it as the path before the NUL, which .NET refuses.
        if (!readUsable || path.IndexOf('\0') >= 0)
        {
            return false;
        }

        int descriptor;
        try
        {
            descriptor = open(FileProbe.NulTerminatedUtf8(path), OpenReadOnlyCloseOnExec);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            readUsable = false;
            return false;
        }

        if (descriptor < 0)
        {
            return false;
        }

        try
        {
            bytes = buffer ??= new byte[BufferSize];
            var read = LinuxFile.read(descriptor, bytes, BufferSize);
            if (read < 0 || read >= BufferSize)
            {
                return false;
            }

            // A local file system gives a small file whole, but network and FUSE ones may stop short: only a read
            // that finds nothing more says that was all.
            if (read > 0 && LinuxFile.read(descriptor, scratch ??= new byte[StatxSize], 1) != 0)
            {
                return false;
            }

            length = (int)read;
            return true;
        }
        finally
        {
            close(descriptor);
        }
    }

    /// <summary>
    /// Looks at the file at <paramref name="path"/>, following links, as one statx. False when the look cannot tell
    /// (no permission, another failure, no statx): look with FileInfo.
    /// </summary>
    public static bool TryStat(string path, out FileStamp stamp)
    {
        stamp = default;
        if (!statUsable || path.IndexOf('\0') >= 0)
        {
            return false;
        }

        var status = scratch ??= new byte[StatxSize];
        int result;
        try
        {
            result = statx(AtCurrentDirectory, FileProbe.NulTerminatedUtf8(path), 0, TypeSizeAndWriteTime, status);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            statUsable = false;
            return false;
        }

        if (result != 0)
        {
            switch (Marshal.GetLastWin32Error())
            {
                case Enoent or Enotdir:
                    stamp = FileStamp.Missing;
                    return true;
                case Eperm or Enosys:
                    // Refused for every path alike: FileInfo from now on, rather than a failed call first each time.
                    statUsable = false;
                    return false;
                default:
                    return false;
            }
        }

        // The kernel fills it in the machine's byte order, which is BitConverter's.
        if ((BitConverter.ToUInt32(status, MaskOffset) & TypeSizeAndWriteTime) != TypeSizeAndWriteTime)
        {
            return false;
        }

        if ((BitConverter.ToUInt16(status, ModeOffset) & FileTypeMask) == DirectoryType)
        {
            stamp = FileStamp.Directory;
            return true;
        }

        var seconds = BitConverter.ToInt64(status, WriteTimeOffset);
        var nanoseconds = BitConverter.ToUInt32(status, WriteTimeOffset + 8);
        stamp = FileStamp.File(BitConverter.ToInt64(status, SizeOffset), UnixEpochTicks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100));
        return true;
    }

    [DllImport("libc")]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc")]
    private static extern nint read(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, [Out] byte[] status);
}
