using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The heartbeat read and the settings look as Linux calls: the same answers .NET gives, or none (false) where they
/// cannot be sure, never a wrong one.
/// </summary>
public sealed class LinuxFileTests : IDisposable
{
    private readonly TempTown town = new();

    public void Dispose() => town.Dispose();

    private string FileOf(int size, string name = "file é.json")
    {
        var path = Path.Combine(town.Root, name);
        File.WriteAllBytes(path, Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray());
        return path;
    }

    [Fact]
    public void Answers_on_Linux_and_elsewhere_leaves_it_to_dotnet()
    {
        Assert.Equal(OperatingSystem.IsLinux(), LinuxFile.TryRead(FileOf(10), out _, out _));
        Assert.Equal(OperatingSystem.IsLinux(), LinuxFile.TryStat(FileOf(10), out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(159)]
    [InlineData(LinuxFile.BufferSize - 1)]
    public void Reads_a_file_whole_as_ReadAllBytes_does(int size)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var path = FileOf(size);
        Assert.True(LinuxFile.TryRead(path, out var bytes, out var length));
        Assert.Equal(File.ReadAllBytes(path), bytes.Take(length));
    }

    [Fact]
    public void Leaves_what_it_cannot_read_whole_to_dotnet()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");

        // The buffer filled: there may be more.
        Assert.False(LinuxFile.TryRead(FileOf(LinuxFile.BufferSize), out _, out _));
        Assert.False(LinuxFile.TryRead(FileOf(3 * LinuxFile.BufferSize), out _, out _));

        // Failures, which .NET then reports in its own terms.
        Assert.False(LinuxFile.TryRead(Path.Combine(town.Root, "missing.json"), out _, out _));
        Assert.False(LinuxFile.TryRead(town.Root, out _, out _));
    }

    [Fact]
    public void Leaves_a_path_with_a_NUL_to_dotnet_rather_than_look_at_the_path_before_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var decoy = FileOf(77);

        Assert.False(LinuxFile.TryRead(decoy + "\0.json", out _, out _));
        Assert.False(LinuxFile.TryStat(decoy + "\0.json", out _));
        Assert.False(FileProbe.IsSurelyMissing(Path.Combine(town.Root, "nothing.json") + "\0"));
    }

    [Fact]
    public void Leaves_no_descriptor_open_whatever_it_finds()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var small = FileOf(159, "small.json");
        var large = FileOf(LinuxFile.BufferSize + 1, "large.json");
        for (var i = 0; i < 200; i++)
        {
            Assert.True(LinuxFile.TryRead(small, out _, out _));
            Assert.False(LinuxFile.TryRead(large, out _, out _));
            Assert.False(LinuxFile.TryRead(town.Root, out _, out _)); // opens, then the read fails: EISDIR
        }

        // Other tests open files meanwhile, so look for this town's, not at the count.
        var open = Directory.GetFiles("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is not null && target.StartsWith(town.Root, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(open);
    }

    [Fact]
    public void Threads_reading_at_once_each_get_their_own_file()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var expected = Enumerable.Range(1, 8).Select(n => Enumerable.Repeat((byte)n, n * 100).ToArray()).ToArray();
        var files = expected.Select((bytes, n) => Path.Combine(town.Root, $"f{n}.json")).ToArray();
        for (var n = 0; n < files.Length; n++)
        {
            File.WriteAllBytes(files[n], expected[n]);
        }

        var wrong = 0;
        Parallel.For(0, 8000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var n = i % files.Length;
            if (!LinuxFile.TryRead(files[n], out var bytes, out var length) || !bytes.AsSpan(0, length).SequenceEqual(expected[n]))
            {
                System.Threading.Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Reads_through_an_exclusive_flock_as_Go_does()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var path = FileOf(159);

        // .NET takes an exclusive flock for FileShare.None, and a shared one to read; Go and this read take none.
        using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(LinuxFile.TryRead(path, out _, out var length));
        Assert.Equal(159, length);
    }

    [Fact]
    public void Looks_at_a_file_as_FileInfo_does_to_the_100_ns()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var path = FileOf(105);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 12, 1, 20, 41, 14, DateTimeKind.Utc).AddTicks(1_234_567));

        Assert.True(LinuxFile.TryStat(path, out var stamp));
        var info = new FileInfo(path);
        Assert.Equal(FileStampKind.File, stamp.Kind);
        Assert.Equal(info.Length, stamp.Length);
        Assert.Equal(info.LastWriteTimeUtc.Ticks, stamp.WrittenUtcTicks);
        Assert.Equal(1_234_567, stamp.WrittenUtcTicks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Tells_a_directory_and_nothing_there_and_follows_links()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only.");
        var file = FileOf(42);

        Assert.True(LinuxFile.TryStat(town.Root, out var directory));
        Assert.Equal(FileStampKind.Directory, directory.Kind);

        Assert.True(LinuxFile.TryStat(Path.Combine(town.Root, "nothing.json"), out var missing));
        Assert.Equal(FileStampKind.Missing, missing.Kind);

        // A file where a folder belongs (ENOTDIR) is as missing as no folder.
        Assert.True(LinuxFile.TryStat(Path.Combine(file, "config.json"), out var underFile));
        Assert.Equal(FileStampKind.Missing, underFile.Kind);

        var link = Path.Combine(town.Root, "link.json");
        File.CreateSymbolicLink(link, file);
        Assert.True(LinuxFile.TryStat(link, out var linked));
        Assert.Equal((FileStampKind.File, 42L), (linked.Kind, linked.Length));

        var dangling = Path.Combine(town.Root, "dangling.json");
        File.CreateSymbolicLink(dangling, Path.Combine(town.Root, "gone.json"));
        Assert.True(LinuxFile.TryStat(dangling, out var nowhere));
        Assert.Equal(FileStampKind.Missing, nowhere.Kind);
    }
}
