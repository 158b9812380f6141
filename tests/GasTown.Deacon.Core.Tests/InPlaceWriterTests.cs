using System;
using System.Collections.Generic;
using System.Linq;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// Beside a real writer in place: another process writing as Go's WriteHeartbeat does (os.WriteFile truncates, then
/// writes, with no lock), in a tight loop, so that readers keep catching the file empty.
/// </summary>
[Collection(nameof(UnloadedCollection))]
public sealed class InPlaceWriterTests : IDisposable
{
    private readonly TempTown town = new();

    public void Dispose() => town.Dispose();

    // Both reads: the Linux calls, and .NET's, which macOS and Windows take, and Linux for a heartbeat of 4 KiB or more.
    [Fact]
    public void Reads_and_poke_checks_beside_a_writer_in_place_never_fail_nor_poke()
    {
        const int rounds = 1500;
        var store = new HeartbeatStore(town.Root);
        var caughtMidWrite = 0;
        store.Hooks.BeforeReadRetry = attempt => caughtMidWrite += attempt == 1 ? 1 : 0;
        var problems = new List<string>();
        var worker = StressWorker.Start("write-in-place", town.Root);
        try
        {
            StressWorker.Expect(worker, "writing");
            for (var i = 0; i < rounds; i++)
            {
                try
                {
                    store.Read();
                    var check = PokeCheck.Run(store, HeartbeatThresholds.Default);
                    if (check.ShouldPoke)
                    {
                        problems.Add($"poked ({check.Heartbeat?.Status.ToString() ?? "no heartbeat"}): {check.Problem?.Message}");
                    }
                }
                catch (HeartbeatException ex)
                {
                    problems.Add(ex.Message);
                }
            }
        }
        finally
        {
            StressWorker.Stop(worker);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {2 * rounds} reads failed or poked, first: {problems.FirstOrDefault()}");

        // Without this the test would prove nothing: the writer must really have been caught mid-write.
        Assert.True(caughtMidWrite > 0, "No read caught the writer mid-write.");
    }

    // The watch's own loop (Watch) only sleeps between polls, 250 ms for one town: 60 beats took 15 s of sleeping. The
    // polls are driven here back to back, on the real clock, through the same Start and Poll the loop calls, so
    // every read and judgement is the watch's own and the 60 beats come in about a second. Back-to-back polls
    // meet the writer mid-write more often than spaced ones, not less.
    [Fact]
    public void A_watch_beside_a_writer_in_place_reports_no_spurious_error()
    {
        const int wanted = 60;
        var beats = 0;
        var polls = 0;
        var problems = new List<string>();
        var worker = StressWorker.Start("write-in-place", town.Root);
        try
        {
            StressWorker.Expect(worker, "writing");
            using var watcher = new HeartbeatWatcher(new[] { town.Root }, HeartbeatThresholds.Default);
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            var changes = watcher.Start();
            while (true)
            {
                foreach (var change in changes)
                {
                    if (change.Problem is not null)
                    {
                        problems.Add(change.Problem.Message);
                    }
                    else
                    {
                        beats++;
                    }
                }

                if (beats >= wanted || DateTimeOffset.UtcNow > deadline)
                {
                    break;
                }

                polls++;
                changes = watcher.Poll();
            }
        }
        finally
        {
            StressWorker.Stop(worker);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} errors beside {beats} heartbeats in {polls} polls, first: {problems.FirstOrDefault()}");
        Assert.True(beats >= wanted, $"Only {beats} heartbeats in {polls} polls: the writer was not seen writing.");
    }
}
