using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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

    [Fact]
    public void A_watch_beside_a_writer_in_place_reports_no_spurious_error()
    {
        const int wanted = 60;
        var beats = 0;
        var problems = new List<string>();
        var worker = StressWorker.Start("write-in-place", town.Root);
        try
        {
            StressWorker.Expect(worker, "writing");
            using var watcher = new HeartbeatWatcher(new[] { town.Root }, HeartbeatThresholds.Default);
            foreach (var change in watcher.Watch(TimeSpan.FromSeconds(30), CancellationToken.None))
            {
                if (change.Problem is not null)
                {
                    problems.Add(change.Problem.Message);
                }
                else if (++beats == wanted)
                {
                    break;
                }
            }
        }
        finally
        {
            StressWorker.Stop(worker);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} errors beside {beats} heartbeats, first: {problems.FirstOrDefault()}");
        Assert.Equal(wanted, beats);
    }
}
