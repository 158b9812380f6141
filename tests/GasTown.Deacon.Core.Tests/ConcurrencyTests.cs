using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempTown town = new();

    public void Dispose() => town.Dispose();

    [Fact]
    public void Threads_updating_at_once_lose_no_cycle()
    {
        const int threads = 8, each = 25;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            var store = new HeartbeatStore(town.Root, lockTimeout: TimeSpan.FromMinutes(1));
            for (var i = 0; i < each; i++)
            {
                store.Update("thread");
            }
        });

        Assert.Equal(threads * each, new HeartbeatStore(town.Root).Read().Cycle);
    }

    [Fact]
    public void Processes_updating_at_once_lose_no_cycle_and_a_reader_never_sees_a_partial_file()
    {
        const int processes = 8, each = 100;
        var worker = Path.Combine(AppContext.BaseDirectory, "GasTown.Deacon.StressWorker.dll");
        var store = new HeartbeatStore(town.Root);
        store.Write(new HeartbeatRecord { Timestamp = DateTimeOffset.UtcNow, Cycle = 0 }, TestContext.Current.CancellationToken);

        var started = Enumerable.Range(0, processes).Select(_ =>
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(worker);
            info.ArgumentList.Add(town.Root);
            info.ArgumentList.Add(each.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Process.Start(info)!;
        }).ToList();

        var reads = 0;
        var lastCycle = 0L;
        var problems = new List<string>();
        while (started.Any(p => !p.HasExited))
        {
            try
            {
                var cycle = store.Read().Cycle;
                if (cycle < lastCycle)
                {
                    problems.Add($"cycle went back from {lastCycle} to {cycle}");
                }

                lastCycle = cycle;
                reads++;
            }
            catch (HeartbeatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        foreach (var p in started)
        {
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"worker failed: {p.StandardError.ReadToEnd()}");
        }

        Assert.Empty(problems);
        Assert.True(reads > 0);
        Assert.Equal(processes * each, store.Read().Cycle);
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock" }, Directory.GetFiles(town.DeaconDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("half-written")]
    [InlineData("before-rename")]
    public void A_writer_killed_inside_its_write_leaves_the_previous_heartbeat_whole_and_the_next_write_sweeps_its_leftovers(string where)
    {
        var store = new HeartbeatStore(town.Root);
        store.Update("before the kill", 3, 1, TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(store.FilePath);

        var worker = StressWorker.Start("stop-in-write", town.Root, where);
        try
        {
            // The worker says "stopped" from inside the write: the temp file exists, the heartbeat is not replaced.
            StressWorker.Expect(worker, "stopped");
            worker.Kill();
            worker.WaitForExit();
        }
        finally
        {
            StressWorker.Stop(worker);
        }

        var leftovers = Directory.GetFiles(town.DeaconDirectory, "heartbeat.json.*.tmp");
        Assert.Single(leftovers);
        if (where == "half-written")
        {
            Assert.True(new FileInfo(leftovers[0]).Length < before.Length, "the temp file should hold half a heartbeat");
        }

        Assert.Equal(before, File.ReadAllBytes(store.FilePath));
        Assert.Equal(1, store.Read().Cycle);
        Assert.Equal(2, store.Update("after the kill", cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
        Assert.Equal(new[] { "heartbeat.json", "heartbeat.json.lock" }, Directory.GetFiles(town.DeaconDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }
}
