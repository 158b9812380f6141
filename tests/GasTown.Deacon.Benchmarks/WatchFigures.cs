namespace GasTown.Deacon.Benchmarks;

/// <summary>What <see cref="WatchBenchmark"/> measured for one fleet size; written as JSON for the report.</summary>
public sealed class WatchFigures
{
    /// <summary>Towns watched.</summary>
    public int Towns { get; set; }

    /// <summary>How long the watch ran before the quiet spell was timed.</summary>
    public double SettleSeconds { get; set; }

    /// <summary>Length of the quiet spell over which CPU was measured.</summary>
    public double IdleSeconds { get; set; }

    /// <summary>From the start of the watch to the first event of every town.</summary>
    public double FirstPassMs { get; set; }

    /// <summary>CPU time of the whole process over the quiet spell, as a share of one core (0.01 = 1%).</summary>
    public double IdleCpuShare { get; set; }

    /// <summary>Managed heap held by the watch, after a full collection.</summary>
    public double ManagedMiB { get; set; }

    /// <summary>Growth of the process's working set from before the watch to the end of the quiet spell.</summary>
    public double WorkingSetMiB { get; set; }

    /// <summary>inotify instances the process held while watching (-1 where there is no /proc).</summary>
    public int InotifyInstances { get; set; }

    /// <summary>The whole process's working set while watching (a .NET process doing nothing holds about 30 MiB).</summary>
    public double ProcessWorkingSetMiB { get; set; }

    /// <summary>Writes made, each to a different town picked at random, at random moments.</summary>
    public int Changes { get; set; }

    /// <summary>Writes not seen within 10 seconds.</summary>
    public int Missed { get; set; }

    /// <summary>Median time from the end of a write to its event.</summary>
    public double LatencyP50Ms { get; set; }

    /// <summary>95th percentile of the same.</summary>
    public double LatencyP95Ms { get; set; }

    /// <summary>The slowest.</summary>
    public double LatencyMaxMs { get; set; }
}
