using System;
using System.IO;
using System.Linq;
using System.Text;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class PauseStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempTown town = new();
    private readonly FakeTimeProvider clock = new(Start);

    public void Dispose() => town.Dispose();

    private PauseStore Store() => new(town.Root, clock);

    private string PausePath => Path.Combine(town.Root, ".runtime", "deacon", "paused.json");

    private void WriteRaw(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PausePath)!);
        File.WriteAllText(PausePath, text);
    }

    [Fact]
    public void The_file_lives_where_Go_puts_it()
    {
        Assert.Equal(PausePath, Store().FilePath);
        Assert.Equal(PausePath, PauseStore.GetPausePath(town.Root));
    }

    [Fact]
    public void A_directory_at_the_pause_file_is_a_problem_that_says_so_as_Gos_IsPaused_fails_on_it()
    {
        Directory.CreateDirectory(PausePath);
        var problem = Assert.IsType<HeartbeatIOException>(Store().Observe().Problem);
        Assert.Equal(HeartbeatIOFault.DirectoryInTheWay, problem.Fault);
        Assert.Equal($"Cannot read the Deacon's pause file '{PausePath}': it is a directory, not a file.", problem.Message);
        Assert.Throws<HeartbeatIOException>(() => Store().ThrowIfPaused());

        var resume = Assert.Throws<HeartbeatIOException>(() => Store().Resume());
        Assert.Equal($"Cannot remove the Deacon's pause file '{PausePath}': it is a directory, not a file.", resume.Message);
        var pause = Assert.Throws<HeartbeatIOException>(() => Store().Pause("r", "human"));
        Assert.Equal(1, pause.Message.Split(new[] { PausePath }, StringSplitOptions.None).Length - 1);
        Assert.True(Directory.Exists(PausePath));
    }

    [Fact]
    public void No_file_means_not_paused()
    {
        Assert.Null(Store().Read());
        var observed = Store().Observe();
        Assert.False(observed.IsPaused);
        Assert.Null(observed.Problem);
        Store().ThrowIfPaused();
    }

    [Fact]
    public void Pause_writes_now_in_UTC_and_reads_back()
    {
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 14, 0, 0, TimeSpan.FromHours(2)));
        var written = Store().Pause("maintenance", "human");
        Assert.Equal(new PauseState { Paused = true, Reason = "maintenance", PausedAt = Start, PausedBy = "human" }, written);
        Assert.Equal(TimeSpan.Zero, written.PausedAt.Offset);
        Assert.Equal(written, Store().Read());
        Assert.True(Store().Observe().IsPaused);
        Assert.Equal(written, Store().Observe().Pause);
    }

    [Fact]
    public void Pause_creates_the_runtime_folders()
    {
        Assert.False(Directory.Exists(Path.Combine(town.Root, ".runtime")));
        Store().Pause(null, null);
        Assert.True(File.Exists(PausePath));
        Assert.Equal("{\n  \"paused\": true,\n  \"paused_at\": \"2026-04-01T12:00:00Z\"\n}", File.ReadAllText(PausePath));
    }

    [Fact]
    public void Pausing_a_town_that_does_not_exist_creates_nothing()
    {
        var gone = Path.Combine(town.Root, "gone");
        var ex = Assert.Throws<TownRootNotFoundException>(() => new PauseStore(gone, clock).Pause("r", "human"));
        Assert.Equal(gone, ex.Path);
        Assert.False(Directory.Exists(gone));
        Assert.Throws<TownRootNotFoundException>(() => new PauseStore(gone, clock).Resume());
    }

    [Fact]
    public void Resume_removes_the_file_and_is_no_error_when_there_is_none()
    {
        Store().Pause("r", "human");
        Assert.True(Store().Resume());
        Assert.False(File.Exists(PausePath));
        Assert.Null(Store().Read());
        Assert.False(Store().Resume());
    }

    [Fact]
    public void Resume_leaves_a_folder_in_the_files_place_and_says_so()
    {
        Directory.CreateDirectory(PausePath);
        var ex = Assert.Throws<HeartbeatIOException>(() => Store().Resume());
        Assert.Equal(PausePath, ex.Path);
        Assert.Equal(HeartbeatIOFault.DirectoryInTheWay, ex.Fault);
        Assert.Contains("directory", ex.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(PausePath));
    }

    [Fact]
    public void ThrowIfPaused_refuses_a_paused_Deacon_with_the_pause()
    {
        Store().Pause("upgrading", "mayor");
        var ex = Assert.Throws<DeaconPausedException>(() => Store().ThrowIfPaused());
        Assert.Equal(PausePath, ex.Path);
        Assert.Equal("upgrading", ex.State.Reason);
        Assert.Contains("paused by mayor", ex.Message, StringComparison.Ordinal);
        Assert.Contains("upgrading", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_says_not_paused_is_not_a_pause()
    {
        WriteRaw("{\"paused\": false, \"reason\": \"left over\"}");
        Store().ThrowIfPaused();
        var observed = Store().Observe();
        Assert.False(observed.IsPaused);
        Assert.Null(observed.Pause);
        Assert.Equal("left over", observed.State!.Reason);
    }

    [Fact]
    public void An_invalid_file_is_a_problem_to_observe_and_an_error_to_the_gate()
    {
        WriteRaw("{\"paused\": \"yes\"}");
        var observed = Store().Observe();
        Assert.False(observed.IsPaused);
        var problem = Assert.IsType<PauseInvalidException>(observed.Problem);
        Assert.Equal(PausePath, problem.Path);
        Assert.Contains(PausePath, problem.Message, StringComparison.Ordinal);
        Assert.Contains("paused must be true or false, but it is a string (line 1, column 12)", problem.Message, StringComparison.Ordinal);
        Assert.Throws<PauseInvalidException>(() => Store().ThrowIfPaused());
    }

    [Fact]
    public void An_oversized_file_is_refused_unread()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PausePath)!);
        File.WriteAllBytes(PausePath, new byte[PauseStore.MaxFileSize + 1]);
        var ex = Assert.Throws<PauseInvalidException>(() => Store().Read());
        Assert.Contains("over the 1048576-byte limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pausing_again_replaces_the_pause()
    {
        Store().Pause("first", "human");
        clock.Advance(TimeSpan.FromMinutes(5));
        Store().Pause("second", "mayor");
        var state = Store().Read()!;
        Assert.Equal(("second", "mayor", Start.AddMinutes(5)), (state.Reason, state.PausedBy, state.PausedAt));
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_the_previous_pause_whole_and_no_temp_file()
    {
        var store = Store();
        store.Pause("first", "human");
        var before = File.ReadAllBytes(PausePath);

        store.Hooks.TempStreamWrapper = inner => new DiskFullStream(inner, bytesBeforeFailure: 10);
        var ex = Assert.Throws<HeartbeatIOException>(() => store.Pause("never lands", "human"));
        Assert.Contains("any previous one is unchanged", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PausePath, ex.Path);

        Assert.Equal(before, File.ReadAllBytes(PausePath));
        Assert.Equal(new[] { "paused.json" }, RuntimeFiles());
    }

    [Fact]
    public void Temp_files_of_killed_writers_are_swept_once_old_and_never_while_young()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PausePath)!);
        var old = PausePath + ".0123456789abcdef0123456789abcdef.tmp";
        var young = PausePath + ".fedcba9876543210fedcba9876543210.tmp";
        File.WriteAllText(old, "{\"pau");
        File.WriteAllText(young, "{\"pau");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(PausePath)!, "other.tmp"), "not ours");

        Store().Pause("r", "human");

        Assert.Equal(new[] { "other.tmp", "paused.json", Path.GetFileName(young) }, RuntimeFiles());
    }

    [Fact]
    public void A_symlink_at_the_pause_path_is_replaced_never_written_through()
    {
        var victim = Path.Combine(town.Root, "victim.txt");
        File.WriteAllText(victim, "precious");
        Directory.CreateDirectory(Path.GetDirectoryName(PausePath)!);
        File.CreateSymbolicLink(PausePath, victim);

        Store().Pause("after link", "human");

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(PausePath).LinkTarget);
        Assert.Equal("after link", Store().Read()!.Reason);
    }

    [Fact]
    public void Pause_states_compare_by_value_and_describe_themselves()
    {
        var a = new PauseState { Paused = true, Reason = "r", PausedAt = Start, PausedBy = "human" };
        var b = new PauseState { Paused = true, Reason = "r", PausedAt = Start, PausedBy = "human" };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new PauseState { Paused = true, Reason = "r", PausedAt = Start.ToOffset(TimeSpan.FromHours(1)), PausedBy = "human" });
        Assert.Equal("paused by human at 2026-04-01T12:00:00Z: r", a.ToString());
        Assert.Equal("not paused", new PauseState().ToString());
        Assert.Equal("paused", new PauseState { Paused = true }.ToString());
    }

    [Fact]
    public void A_DeaconPause_describes_the_town_and_its_file()
    {
        var state = Store().Pause("r", "human");
        var pause = new DeaconPause(town.Root, state);
        Assert.Equal((town.Root, PausePath, true, "r", "human", Start), (pause.TownRoot, pause.Path, pause.Paused, pause.Reason, pause.PausedBy, pause.PausedAt));
        Assert.Same(state, pause.ToState());
    }

    private string[] RuntimeFiles() =>
        Directory.GetFiles(Path.GetDirectoryName(PausePath)!).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
}
