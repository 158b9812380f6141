using System;
using System.IO;
using System.Linq;
using System.Text;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using GasTown.Deacon.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class HeartbeatStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempTown town = new();
    private readonly FakeTimeProvider clock = new(Start);

    public void Dispose() => town.Dispose();

    private HeartbeatStore Store(TimeSpan? lockTimeout = null) => new(town.Root, clock, lockTimeout);

    private static readonly HeartbeatRecord Sample = new()
    {
        Timestamp = Start,
        Cycle = 41,
        LastAction = "patrol",
        HealthyAgents = 3,
        UnhealthyAgents = 1,
    };

    [Fact]
    public void The_file_lives_where_Go_puts_it()
    {
        Assert.Equal(Path.Combine(town.Root, "deacon", "heartbeat.json"), Store().FilePath);
        Assert.Equal(Store().FilePath, HeartbeatStore.GetHeartbeatPath(town.Root));
        Assert.Equal(Store().FilePath + ".lock", Store().LockPath);
    }

    [Fact]
    public void Write_then_read_round_trips_and_writes_Go_bytes()
    {
        var store = Store();
        store.Write(Sample, TestContext.Current.CancellationToken);
        Assert.Equal(Sample, store.Read());
        Assert.Equal(HeartbeatJsonWriter.Serialize(Sample), File.ReadAllBytes(store.FilePath));
    }

    [Fact]
    public void Write_stamps_a_zero_timestamp_with_now_as_Go_does()
    {
        var written = Store().Write(new HeartbeatRecord { Cycle = 3 }, TestContext.Current.CancellationToken);
        Assert.Equal(Start, written.Timestamp);
        Assert.Equal(Start, Store().Read().Timestamp);
    }

    [Fact]
    public void Reading_a_missing_file_is_not_found()
    {
        var ex = Assert.Throws<HeartbeatNotFoundException>(() => Store().Read());
        Assert.Equal(town.HeartbeatPath, ex.Path);
        Assert.Contains(town.HeartbeatPath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_town_root_is_its_own_error_and_nothing_is_created()
    {
        var missing = Path.Combine(town.Root, "no-such-town");
        var store = new HeartbeatStore(missing, clock);
        Assert.Equal(missing, Assert.Throws<TownRootNotFoundException>(() => store.Read()).Path);
        Assert.Throws<TownRootNotFoundException>(() => store.Write(Sample, TestContext.Current.CancellationToken));
        Assert.Throws<TownRootNotFoundException>(() => store.Update("x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void A_file_as_town_root_is_not_a_town()
    {
        var file = Path.Combine(town.Root, "file");
        File.WriteAllText(file, "x");
        Assert.Throws<TownRootNotFoundException>(() => new HeartbeatStore(file, clock).Write(Sample, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_invalid_file_is_invalid_with_its_path()
    {
        town.WriteRaw("{\"cycle\":\"3\"}");
        var ex = Assert.Throws<HeartbeatInvalidException>(() => Store().Read());
        Assert.Equal(town.HeartbeatPath, ex.Path);
        Assert.Contains("cycle must be an integer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_1MiB_is_refused()
    {
        town.WriteRaw(new byte[HeartbeatStore.MaxFileSize + 1]);
        var ex = Assert.Throws<HeartbeatTooLargeException>(() => Store().Read());
        Assert.Equal(HeartbeatStore.MaxFileSize + 1, ex.Length);
    }

    [Fact]
    public void A_file_of_exactly_1MiB_is_read()
    {
        var padding = new string(' ', (int)HeartbeatStore.MaxFileSize - 11);
        town.WriteRaw("{\"cycle\":5}" + padding);
        Assert.Equal(5, Store().Read().Cycle);
    }

    [Fact]
    public void A_huge_file_is_refused_without_being_read_whole()
    {
        // 64 GiB, sparse: reading it whole would fail with out-of-memory long before any size check.
        Directory.CreateDirectory(town.DeaconDirectory);
        using (var stream = new FileStream(town.HeartbeatPath, FileMode.Create))
        {
            stream.SetLength(64L << 30);
        }

        Assert.Equal(64L << 30, Assert.Throws<HeartbeatTooLargeException>(() => Store().Read()).Length);
    }

    [Fact]
    public void A_directory_at_the_heartbeat_path_is_an_IO_error()
    {
        Directory.CreateDirectory(town.HeartbeatPath);
        Assert.Equal(town.HeartbeatPath, Assert.Throws<HeartbeatIOException>(() => Store().Read()).Path);
    }

    [Fact]
    public void Update_starts_at_cycle_1_and_counts_up_stamping_now_in_UTC()
    {
        var store = Store();
        var first = store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, first.Written.Cycle);
        Assert.Null(first.ReplacedInvalid);
        Assert.Equal(Start, first.Written.Timestamp);

        clock.Advance(TimeSpan.FromSeconds(30));
        var second = store.Update("checked witnesses", 4, 2, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, second.Written.Cycle);
        Assert.Equal(Start.AddSeconds(30), second.Written.Timestamp);
        Assert.Equal(TimeSpan.Zero, second.Written.Timestamp.Offset);
        Assert.Equal(second.Written, store.Read());
        Assert.Equal(4, store.Read().HealthyAgents);
    }

    [Fact]
    public void Update_stamps_UTC_even_when_the_clock_has_a_local_offset()
    {
        var local = new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.FromHours(2)));
        var written = new HeartbeatStore(town.Root, local).Update(cancellationToken: TestContext.Current.CancellationToken).Written;
        Assert.Equal(TimeSpan.Zero, written.Timestamp.Offset);
        Assert.EndsWith("Z\",\n  \"cycle\": 1,\n  \"healthy_agents\": 0,\n  \"unhealthy_agents\": 0\n}", File.ReadAllText(town.HeartbeatPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_without_an_action_clears_the_previous_one_as_Touch_does()
    {
        var store = Store();
        store.Write(Sample, TestContext.Current.CancellationToken);
        var touched = store.Update(cancellationToken: TestContext.Current.CancellationToken).Written;
        Assert.Equal(42, touched.Cycle);
        Assert.Equal(string.Empty, touched.LastAction);
        Assert.Equal(0, touched.HealthyAgents);
        Assert.DoesNotContain("last_action", File.ReadAllText(town.HeartbeatPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_over_an_invalid_file_restarts_at_1_and_says_why()
    {
        town.WriteRaw("{\"cycle\": tru");
        var result = Store().Update("recovered", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Written.Cycle);
        Assert.IsType<HeartbeatInvalidException>(result.ReplacedInvalid);
        Assert.Equal(1, Store().Read().Cycle);
    }

    [Fact]
    public void Update_at_the_largest_cycle_is_an_error_and_changes_nothing()
    {
        var max = new HeartbeatRecord { Timestamp = Start, Cycle = long.MaxValue, LastAction = "last" };
        var store = Store();
        store.Write(max, TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(town.HeartbeatPath);
        clock.Advance(TimeSpan.FromMinutes(1));
        var ex = Assert.Throws<HeartbeatCycleOverflowException>(() => store.Update("one more", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("9223372036854775807", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
    }

    [Fact]
    public void Update_handles_negative_cycles_as_Go_does()
    {
        var store = Store();
        store.Write(new HeartbeatRecord { Timestamp = Start, Cycle = -5 }, TestContext.Current.CancellationToken);
        Assert.Equal(-4, store.Update(cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
    }

    [Fact]
    public void Writers_wait_for_the_lock_and_time_out_clearly_leaving_the_file_alone()
    {
        var store = Store(TimeSpan.FromMilliseconds(100));
        store.Write(Sample, TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(town.HeartbeatPath);
        using (HeartbeatLock.Acquire(store.LockPath, TimeSpan.Zero, TestContext.Current.CancellationToken))
        {
            var ex = Assert.Throws<HeartbeatLockTimeoutException>(() => store.Update("blocked", cancellationToken: TestContext.Current.CancellationToken));
            Assert.Equal(store.LockPath, ex.Path);
            Assert.Contains("another writer holds it", ex.Message, StringComparison.Ordinal);
            Assert.Throws<HeartbeatLockTimeoutException>(() => store.Write(Sample, TestContext.Current.CancellationToken));

            // Reads take no lock.
            Assert.Equal(Sample, store.Read());
        }

        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Equal(42, store.Update(cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
    }

    [Fact]
    public void The_deacon_directory_is_created_when_missing()
    {
        Assert.False(Directory.Exists(town.DeaconDirectory));
        Store().Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(File.Exists(town.HeartbeatPath));
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_the_old_heartbeat_whole_and_no_temp_file()
    {
        var store = Store();
        store.Write(Sample, TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(town.HeartbeatPath);

        store.Hooks.TempStreamWrapper = inner => new DiskFullStream(inner, bytesBeforeFailure: 20);
        var ex = Assert.Throws<HeartbeatIOException>(() => store.Update("never lands", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("the previous one is unchanged", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", ex.Message, StringComparison.Ordinal);

        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock" }, DeaconFiles());
    }

    [Fact]
    public void A_failure_just_before_the_rename_leaves_the_old_heartbeat_whole()
    {
        var store = Store();
        store.Write(Sample, TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(town.HeartbeatPath);
        store.Hooks.BeforeReplace = _ => throw new IOException("Input/output error");

        Assert.Throws<HeartbeatIOException>(() => store.Write(new HeartbeatRecord { Timestamp = Start, Cycle = 99 }, TestContext.Current.CancellationToken));
        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock" }, DeaconFiles());
    }

    [Fact]
    public void Temp_files_left_by_a_killed_writer_are_swept_by_the_next_write()
    {
        Directory.CreateDirectory(town.DeaconDirectory);
        File.WriteAllText(Path.Combine(town.DeaconDirectory, "heartbeat.json.0123456789abcdef0123456789abcdef.tmp"), "{\"cyc");
        File.WriteAllText(Path.Combine(town.DeaconDirectory, "notes.tmp"), "not ours");
        Store().Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock", "notes.tmp" }, DeaconFiles());
    }

    [Fact]
    public void A_symlink_at_the_heartbeat_path_is_replaced_never_written_through()
    {
        var victim = Path.Combine(town.Root, "victim.txt");
        File.WriteAllText(victim, "precious");
        Directory.CreateDirectory(town.DeaconDirectory);
        File.CreateSymbolicLink(town.HeartbeatPath, victim);

        Store().Update("after link", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(town.HeartbeatPath).LinkTarget);
        Assert.Equal("after link", Store().Read().LastAction);
    }

    [Fact]
    public void A_dangling_symlink_at_the_heartbeat_path_is_replaced()
    {
        Directory.CreateDirectory(town.DeaconDirectory);
        var target = Path.Combine(town.Root, "elsewhere", "gone.json");
        File.CreateSymbolicLink(town.HeartbeatPath, target);

        Store().Update(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(File.Exists(target));
        Assert.Null(new FileInfo(town.HeartbeatPath).LinkTarget);
    }

    [Fact]
    public void New_files_get_Gos_modes_and_an_existing_file_keeps_its_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits only.");
            return; // Assert.Skip throws; the return tells the platform analyzer what follows is Unix only.
        }

        var store = Store();
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        var fileMode = File.GetUnixFileMode(town.HeartbeatPath);
        var dirMode = File.GetUnixFileMode(town.DeaconDirectory);
        Assert.Equal(UnixFileMode.None, fileMode & ~(UnixFileMode)0x1A4); // within 0644
        Assert.True(fileMode.HasFlag(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Equal(UnixFileMode.None, dirMode & ~(UnixFileMode)0x1ED); // within 0755
        Assert.True(dirMode.HasFlag(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));

        File.SetUnixFileMode(town.HeartbeatPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(town.HeartbeatPath));
    }

    [Fact]
    public void Observe_reports_age_and_status_as_the_clock_moves()
    {
        var store = Store();
        store.Update("beat", cancellationToken: TestContext.Current.CancellationToken);
        var thresholds = HeartbeatThresholds.Default;

        var fresh = store.Observe(thresholds);
        Assert.Equal(HeartbeatStatus.Fresh, fresh.Status);
        Assert.Equal(TimeSpan.Zero, fresh.Age);
        Assert.False(fresh.ShouldPoke);
        Assert.Equal(town.Root, fresh.TownRoot);
        Assert.Equal(town.HeartbeatPath, fresh.Path);
        Assert.Equal("beat", fresh.LastAction);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HeartbeatStatus.Stale, store.Observe(thresholds).Status);

        clock.Advance(TimeSpan.FromMinutes(3));
        var veryStale = store.Observe(thresholds);
        Assert.Equal(HeartbeatStatus.VeryStale, veryStale.Status);
        Assert.True(veryStale.ShouldPoke);
        Assert.Equal(TimeSpan.FromMinutes(5), veryStale.Age);
    }

    [Fact]
    public void Observe_flags_a_heartbeat_from_the_future()
    {
        var store = Store();
        store.Write(new HeartbeatRecord { Timestamp = Start.AddMinutes(10), Cycle = 1 }, TestContext.Current.CancellationToken);
        var seen = store.Observe(HeartbeatThresholds.Default);
        Assert.Equal(HeartbeatStatus.Future, seen.Status);
        Assert.True(seen.ShouldPoke);
        Assert.Equal(TimeSpan.FromMinutes(-10), seen.Age);
    }

    [Fact]
    public void A_read_that_finds_the_file_empty_looks_again_and_gets_the_heartbeat()
    {
        // A writer in place (Go's os.WriteFile) has truncated the file and not yet written it.
        town.WriteRaw(string.Empty);
        var store = Store();
        var attempts = 0;
        store.Hooks.BeforeReadRetry = attempt =>
        {
            attempts = attempt;
            File.WriteAllBytes(town.HeartbeatPath, HeartbeatJsonWriter.Serialize(Sample));
        };

        Assert.Equal(Sample, store.Read());
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void A_read_that_finds_the_JSON_cut_short_looks_again_and_gets_the_heartbeat()
    {
        var whole = HeartbeatJsonWriter.Serialize(Sample);
        town.WriteRaw(whole.Take(whole.Length / 2).ToArray());
        var store = Store();
        var attempts = 0;
        store.Hooks.BeforeReadRetry = attempt =>
        {
            attempts = attempt;
            if (attempt == 3)
            {
                File.WriteAllBytes(town.HeartbeatPath, whole);
            }
        };

        Assert.Equal(Sample, store.Read());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void Update_beside_a_writer_in_place_counts_on_from_its_heartbeat_instead_of_restarting()
    {
        town.WriteRaw(string.Empty);
        var store = Store();
        store.Hooks.BeforeReadRetry = _ => File.WriteAllBytes(town.HeartbeatPath, HeartbeatJsonWriter.Serialize(Sample));

        var result = store.Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(42, result.Written.Cycle);
        Assert.Null(result.ReplacedInvalid);
    }

    [Fact]
    public void A_complete_but_invalid_file_is_reported_at_once()
    {
        town.WriteRaw("{\"cycle\": \"3\"}");
        var store = Store();
        var retries = 0;
        store.Hooks.BeforeReadRetry = _ => retries++;

        Assert.Throws<HeartbeatInvalidException>(() => store.Read());
        Assert.Equal(0, retries);
    }

    [Fact]
    public void A_file_left_empty_is_invalid_once_looked_at_again_for_a_while()
    {
        town.WriteRaw(string.Empty);
        var store = Store();
        var retries = 0;
        store.Hooks.BeforeReadRetry = _ => retries++;

        var ex = Assert.Throws<HeartbeatInvalidException>(() => store.Read());
        Assert.Contains("the file is empty", ex.Message, StringComparison.Ordinal);
        Assert.True(retries > 1, $"looked again {retries} times");
    }

    [Fact]
    public void A_file_left_empty_long_ago_is_reported_after_a_few_looks_not_after_a_wait()
    {
        // A crashed writer's leftovers: a fleet with many of them must not pay a wait per town.
        town.WriteRaw(string.Empty);
        File.SetLastWriteTimeUtc(town.HeartbeatPath, DateTime.UtcNow.AddHours(-2));
        var store = Store();
        var retries = 0;
        store.Hooks.BeforeReadRetry = _ => retries++;

        Assert.Contains("the file is empty", Assert.Throws<HeartbeatInvalidException>(() => store.Read()).Message, StringComparison.Ordinal);
        Assert.InRange(retries, 1, 20);
    }

    [Fact]
    public void A_file_emptied_by_a_writer_that_was_then_descheduled_is_waited_for_by_its_write_time()
    {
        // Go truncated the file 0.6 s ago and has not been scheduled since: the file has looked the same all along,
        // but by its write time it was emptied too recently to be a writer's leftovers.
        town.WriteRaw(string.Empty);
        var emptied = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(town.HeartbeatPath, emptied);
        var store = Store();
        store.Hooks.ReadPatience = TimeSpan.FromHours(1);
        var looks = 0;
        store.Hooks.FileClock = () => emptied.AddMilliseconds(600 + (10 * looks));
        store.Hooks.BeforeReadRetry = attempt =>
        {
            looks = attempt;
            if (attempt == 30)
            {
                // The writer is back: 0.9 s after its truncate, by the file's clock.
                File.WriteAllBytes(town.HeartbeatPath, HeartbeatJsonWriter.Serialize(Sample));
            }
        };

        Assert.Equal(Sample, store.Read());
        Assert.Equal(30, looks);
    }

    [Fact]
    public void A_file_caught_mid_write_is_looked_at_for_longer_while_it_keeps_changing()
    {
        // A writer in a loop keeps the file empty most of the time: each look may catch it empty again.
        town.WriteRaw(string.Empty);
        var store = Store();
        store.Hooks.ReadSettledAge = TimeSpan.FromMilliseconds(10);
        store.Hooks.ReadPatience = TimeSpan.FromHours(1);
        store.Hooks.BeforeReadRetry = attempt =>
        {
            // 50 looks at least 1 ms apart take longer than the quiet time: only the changes keep the read going.
            if (attempt < 50)
            {
                File.SetLastWriteTimeUtc(town.HeartbeatPath, Start.UtcDateTime.AddSeconds(attempt));
            }
            else
            {
                File.WriteAllBytes(town.HeartbeatPath, HeartbeatJsonWriter.Serialize(Sample));
            }
        };

        Assert.Equal(Sample, store.Read());
    }

    [Fact]
    public void A_file_rewritten_empty_forever_is_still_reported()
    {
        town.WriteRaw(string.Empty);
        var store = Store();
        store.Hooks.ReadSettledAge = TimeSpan.FromHours(1);
        store.Hooks.ReadPatience = TimeSpan.FromMilliseconds(20);
        store.Hooks.BeforeReadRetry = attempt => File.SetLastWriteTimeUtc(town.HeartbeatPath, Start.UtcDateTime.AddSeconds(attempt));

        Assert.Contains("the file is empty", Assert.Throws<HeartbeatInvalidException>(() => store.Read()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_that_would_be_over_the_read_limit_is_refused_and_the_heartbeat_and_its_cycle_stay()
    {
        var store = Store();
        store.Write(Sample, TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(town.HeartbeatPath);

        var ex = Assert.Throws<HeartbeatTooLargeException>(() => store.Update(new string('x', 2 * 1024 * 1024), cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(ex.RefusedWrite);
        Assert.Equal(HeartbeatStore.MaxFileSize, ex.Limit);
        Assert.Equal(town.HeartbeatPath, ex.Path);
        Assert.StartsWith($"The heartbeat for '{town.HeartbeatPath}' would be 2097", ex.Message, StringComparison.Ordinal);
        Assert.Contains("over the 1048576-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(town.HeartbeatPath));
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock" }, DeaconFiles());
        Assert.Equal(42, store.Update(cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
    }

    [Fact]
    public void A_write_that_would_be_over_the_read_limit_is_refused_before_anything_is_touched()
    {
        var record = new HeartbeatRecord { Timestamp = Start, Cycle = 1, LastAction = new string('x', (int)HeartbeatStore.MaxFileSize) };
        var ex = Assert.Throws<HeartbeatTooLargeException>(() => Store().Write(record, TestContext.Current.CancellationToken));
        Assert.True(ex.RefusedWrite);
        Assert.False(Directory.Exists(town.DeaconDirectory));
    }

    [Fact]
    public void A_heartbeat_of_exactly_the_read_limit_is_written_and_read_back_and_one_byte_more_is_not()
    {
        var store = Store();
        static HeartbeatRecord WithAction(int length) => new()
        {
            Timestamp = Start, Cycle = 41, LastAction = new string('x', length), HealthyAgents = 3, UnhealthyAgents = 1,
        };

        var overhead = HeartbeatJsonWriter.Serialize(WithAction(1)).Length - 1;
        var largest = WithAction((int)HeartbeatStore.MaxFileSize - overhead);
        Assert.Equal(HeartbeatStore.MaxFileSize, HeartbeatJsonWriter.Serialize(largest).Length);

        store.Write(largest, TestContext.Current.CancellationToken);
        Assert.Equal(largest, store.Read());
        Assert.Throws<HeartbeatTooLargeException>(() => store.Write(WithAction(largest.LastAction.Length + 1), TestContext.Current.CancellationToken));
        Assert.Equal(largest, store.Read());
    }

    private string[] DeaconFiles() =>
        Directory.GetFiles(town.DeaconDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
}
