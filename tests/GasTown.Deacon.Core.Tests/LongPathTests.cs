using System;
using System.IO;
using System.Text;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A heartbeat path near the system's path limit (Linux: 4,095 bytes): the temp and lock names never push it over
/// where a shorter one would do, and past the limit the error is short and names the limit.
/// </summary>
public sealed class LongPathTests : IDisposable
{
    private readonly string top = Path.Combine(Path.GetTempPath(), "deacon-long-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(top, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(4085)] // the usual temp name would not fit; the lock's does
    [InlineData(4093)] // neither would: heartbeat.lck, ~XXXXXX.tmp
    [InlineData(4095)] // the heartbeat at the limit itself
    public void A_heartbeat_within_the_limit_is_written_and_updated_whatever_its_temp_and_lock_names_would_add(int heartbeatBytes)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The limit checked is Linux's PATH_MAX.");
        var store = new HeartbeatStore(TownWithHeartbeatPathOf(heartbeatBytes));
        Assert.Equal(heartbeatBytes, Encoding.UTF8.GetByteCount(store.FilePath));

        // The pause file's path is 5 bytes longer: past the limit, there can be none, so the Deacon is not paused.
        Assert.Null(new PauseStore(store.TownRoot).Read());
        Assert.Equal(1, store.Update("near the limit", cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
        Assert.Equal(2, store.Update("again", cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
        Assert.Equal(("again", 2L), (store.Read().LastAction, store.Read().Cycle));
        Assert.True(Encoding.UTF8.GetByteCount(store.LockPath) <= 4095);
        Assert.Equal(heartbeatBytes + 5 <= 4095 ? store.FilePath + ".lock" : Path.Combine(store.DeaconDirectory, "heartbeat.lck"), store.LockPath);
        Assert.True(File.Exists(store.LockPath));

        // No temp file is left, whichever name it had.
        Assert.Equal(2, Directory.GetFiles(store.DeaconDirectory).Length);
    }

    [Fact]
    public void Past_the_limit_the_error_is_short_names_the_limit_and_nothing_is_written()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The limit checked is Linux's PATH_MAX.");
        var store = new HeartbeatStore(TownWithHeartbeatPathOf(4100));

        var write = Assert.Throws<HeartbeatIOException>(() => store.Update("too far", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(HeartbeatIOFault.PathTooLong, write.Fault);
        Assert.Equal(store.FilePath, write.Path);
        Assert.EndsWith("heartbeat.json': the path is 4,100 bytes long, over this system's limit of 4,095; nothing was written.", write.Message, StringComparison.Ordinal);
        Assert.True(write.Message.Length < 400, write.Message);
        Assert.False(Directory.Exists(store.DeaconDirectory));

        var read = Assert.Throws<HeartbeatIOException>(() => store.Read());
        Assert.Equal(HeartbeatIOFault.PathTooLong, read.Fault);
        Assert.EndsWith("heartbeat.json': the path is 4,100 bytes long, over this system's limit of 4,095.", read.Message, StringComparison.Ordinal);
        Assert.True(read.Message.Length < 400, read.Message);
    }

    /// <summary>A town, made under folders of 200 characters, whose heartbeat path is <paramref name="bytes"/> bytes long.</summary>
    private string TownWithHeartbeatPathOf(int bytes)
    {
        const string tail = "/deacon/heartbeat.json";
        var town = new StringBuilder(top);
        while (bytes - tail.Length - town.Length - 1 > 210)
        {
            town.Append('/').Append('d', 200);
        }

        var last = bytes - tail.Length - town.Length - 1;
        town.Append('/').Append('t', last);
        Directory.CreateDirectory(town.ToString());
        return town.ToString();
    }
}
