using System;
using System.Runtime.InteropServices;

namespace GasTown.Deacon.Storage;

/// <summary>
/// The two file operations of every Get-DeaconHeartbeat call made as the fewest Linux system calls that do them. Reading
/// the heartbeat takes open, read and close, where File.ReadAllBytes (or a FileStream) adds two fstat calls and a
/// shared flock with its release: 7 calls where 3 do, and the difference pays for the two looks a call makes for the
/// pause and the settings. Looking at a town's settings file takes one statx, where FileInfo makes an lstat and fills
/// a status object. A call is meant to cost little more than reading the file.
/// <para>
/// Anything these cannot answer for sure (any failure, a file larger than the buffer, another system, a C library
/// without statx) is answered with false, and the caller does it the .NET way, which also reports a failure in
/// .NET's terms. Dropping the shared flock changes nothing for other writers: Gas Town's never take one, and this
/// module's replace the file whole.
/// </para>
/// </summary>
internal static class LinuxFile
{
    /// <summary>The largest file <see cref="TryRead"/> reads, less one: a heartbeat is about 150 bytes.</summary>
    public const int BufferSize = 4096;

    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC on Linux, whatever the architecture
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint TypeSizeAndWriteTime = 0x1 | 0x40 | 0x200; // STATX_TYPE | STATX_MTIME | STATX_SIZE
    private const int FileTypeMask = 0xF000; // S_IFMT
    private const int DirectoryType = 0x4000; // S_IFDIR
    private const int Enoent = 2;
    private const int Enotdir = 20;

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

    [ThreadStatic]
    private static byte[]? statusBuffer;

    /// <summary>
    /// Reads the whole of the file at <paramref name="path"/> into a buffer of this thread's (<see cref="BufferSize"/>
    /// bytes, valid until the thread's next read). False when the file could not be read this way, or holds
    /// <see cref="BufferSize"/> bytes or more: read it the .NET way.
    /// </summary>
    public static bool TryRead(string path, out byte[] bytes, out int length)
    {
        bytes = buffer ??= new byte[BufferSize];
        length = 0;
        if (!readUsable)
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
            // A regular file gives fewer bytes than asked only at its end, so one short read is the whole file.
            var read = LinuxFile.read(descriptor, bytes, BufferSize);

            if (read < 0 || read >= BufferSize)
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
        if (!statUsable)
        {
            return false;
        }

        var status = statusBuffer ??= new byte[StatxSize];
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
            if (Marshal.GetLastWin32Error() is Enoent or Enotdir)
            {
                stamp = FileStamp.Missing;
                return true;
            }

            return false;
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
