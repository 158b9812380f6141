using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;

namespace GasTown.Deacon.Benchmarks;

/// <summary>
/// Watch over a fleet: what an idle watch costs (CPU share of one core over a quiet spell, memory held) and how
/// soon a write is seen (latency from the end of a write to the event for it). One fleet size per process, so
/// that memory figures are the watch's own.
/// </summary>
internal static class WatchBenchmark
{
    /// <summary>Runs the benchmark: <c>watch --towns N --settle SECONDS --idle SECONDS --changes K --result PATH</c>.</summary>
    public static int Run(string[] args)
    {
        var towns = int.Parse(Option(args, "--towns", "100"), CultureInfo.InvariantCulture);
        var settle = TimeSpan.FromSeconds(double.Parse(Option(args, "--settle", "15"), CultureInfo.InvariantCulture));
        var idle = TimeSpan.FromSeconds(double.Parse(Option(args, "--idle", "20"), CultureInfo.InvariantCulture));
        var changes = int.Parse(Option(args, "--changes", "40"), CultureInfo.InvariantCulture);
        var resultPath = Option(args, "--result", string.Empty);

        var fleet = Path.Combine(Path.GetTempPath(), "deacon-watch-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = Measure(fleet, towns, settle, idle, changes);
            var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
            Console.WriteLine(json);
            if (resultPath.Length > 0)
            {
                File.WriteAllText(resultPath, json);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(fleet, recursive: true);
        }
    }

    private static WatchFigures Measure(string fleet, int count, TimeSpan settle, TimeSpan idle, int changes)
    {
        var roots = Enumerable.Range(0, count).Select(i => Path.Combine(fleet, "town-" + i.ToString("D5", CultureInfo.InvariantCulture))).ToArray();
        foreach (var root in roots)
        {
            Directory.CreateDirectory(Path.Combine(root, "mayor"));
        }

        var stores = roots.Select(root => new HeartbeatStore(root)).ToArray();
        foreach (var store in stores)
        {
            store.Update("bench");
        }

        // The towns hold their files; what the process holds before the watch starts is the baseline.
        var process = Process.GetCurrentProcess();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;

        var seen = new BlockingCollection<(string Town, long Cycle, long At)>();
        using var stop = new CancellationTokenSource();
        // Thresholds far beyond the run: no status turns while measuring, so every event is a write.
        var thresholds = new HeartbeatThresholds(TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        var watching = new Thread(() =>
        {
            using var watcher = new HeartbeatWatcher(roots, thresholds);
            foreach (var change in watcher.Watch(null, stop.Token))
            {
                seen.Add((change.TownRoot, change.Heartbeat?.Cycle ?? -1, Stopwatch.GetTimestamp()));
            }
        })
        { IsBackground = true, Name = "watch" };
        var started = Stopwatch.StartNew();
        watching.Start();
        for (var i = 0; i < count; i++)
        {
            seen.Take();
        }

        var firstPass = started.Elapsed;

        // Let start-up work settle before the quiet spell is timed: the runtime recompiles the polling code once it
        // has run 30 times (tiered compilation), which at one poll a second takes half a minute... or settle long.
        Thread.Sleep(settle);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Thread.Sleep(idle);
        process.Refresh();
        var cpuShare = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;

        var inotify = InotifyInstances();
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetAfter = process.WorkingSet64;

        // Writes to towns picked at random (each town once), at random moments not tied to the watch's ticks, so
        // that the latency measured is spread over the whole poll interval.
        var random = new Random(4242);
        var picks = Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(Math.Min(changes, count)).ToArray();
        var written = new Dictionary<(string Town, long Cycle), long>();
        foreach (var pick in picks)
        {
            Thread.Sleep(random.Next(20, 300));
            var cycle = stores[pick].Update("change").Written.Cycle;
            written[(roots[pick], cycle)] = Stopwatch.GetTimestamp();
        }

        var latencies = new List<double>();
        var pending = new HashSet<(string Town, long Cycle)>(written.Keys);
        while (pending.Count > 0 && seen.TryTake(out var item, TimeSpan.FromSeconds(10)))
        {
            if (pending.Remove((item.Town, item.Cycle)))
            {
                latencies.Add((item.At - written[(item.Town, item.Cycle)]) * 1000.0 / Stopwatch.Frequency);
            }
        }

        var missed = pending.Count;
        stop.Cancel();
        watching.Join(TimeSpan.FromSeconds(10));
        latencies.Sort();
        return new WatchFigures
        {
            Towns = count,
            SettleSeconds = settle.TotalSeconds,
            IdleSeconds = idle.TotalSeconds,
            FirstPassMs = firstPass.TotalMilliseconds,
            IdleCpuShare = cpuShare,
            ManagedMiB = (managedAfter - managedBefore) / 1048576.0,
            WorkingSetMiB = (workingSetAfter - workingSetBefore) / 1048576.0,
            ProcessWorkingSetMiB = workingSetAfter / 1048576.0,
            Changes = written.Count,
            InotifyInstances = inotify,
            Missed = missed,
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP95Ms = Percentile(latencies, 0.95),
            LatencyMaxMs = latencies.Count == 0 ? double.NaN : latencies[latencies.Count - 1],
        };
    }

    // What the watch takes of the user's inotify instances (128 by default, shared by every program); -1 without /proc.
    private static int InotifyInstances() =>
        Directory.Exists("/proc/self/fd")
            ? Directory.GetFiles("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify")
            : -1;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
