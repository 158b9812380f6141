using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using GasTown.Deacon;
using GasTown.Deacon.Format;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Benchmarks;

/// <summary>The store's operations beside the plain file operations they are built on.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CoreBenchmarks
{
    private string town = string.Empty;
    private string file = string.Empty;
    private string plainFile = string.Empty;
    private HeartbeatStore store = null!;
    private HeartbeatRecord record = null!;
    private byte[] bytes = Array.Empty<byte>();

    [GlobalSetup]
    public void Setup()
    {
        town = Path.Combine(Path.GetTempPath(), "deacon-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(town);
        store = new HeartbeatStore(town);
        record = new HeartbeatRecord
        {
            Timestamp = new DateTimeOffset(2025, 12, 1, 10, 0, 0, 123, TimeSpan.Zero),
            Cycle = 4242,
            LastAction = "patrol: 4 witnesses checked, 1 restarted",
            HealthyAgents = 4,
            UnhealthyAgents = 1,
        };
        store.Write(record);
        file = store.FilePath;
        bytes = File.ReadAllBytes(file);
        plainFile = Path.Combine(town, "plain.json");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(town, recursive: true);

    [Benchmark(Baseline = true, Description = "File.ReadAllBytes")]
    [BenchmarkCategory("Read")]
    public byte[] ReadAllBytes() => File.ReadAllBytes(file);

    [Benchmark(Description = "HeartbeatStore.Read (read + parse)")]
    [BenchmarkCategory("Read")]
    public HeartbeatRecord StoreRead() => store.Read();

    [Benchmark(Description = "HeartbeatJsonReader.Parse (parse only)")]
    [BenchmarkCategory("Read")]
    public HeartbeatRecord Parse() => HeartbeatJsonReader.Parse(bytes, file);

    [Benchmark(Description = "HeartbeatJsonWriter.Serialize")]
    [BenchmarkCategory("Write")]
    public byte[] Serialize() => HeartbeatJsonWriter.Serialize(record);

    [Benchmark(Description = "File.WriteAllBytes (no flush)")]
    [BenchmarkCategory("Write")]
    public void WriteAllBytes() => File.WriteAllBytes(plainFile, bytes);

    [Benchmark(Description = "HeartbeatStore.Write (lock, temp, fsync, rename)")]
    [BenchmarkCategory("Write")]
    public HeartbeatRecord StoreWrite() => store.Write(record);

    [Benchmark(Description = "HeartbeatStore.Update (lock, read, temp, fsync, rename)")]
    [BenchmarkCategory("Write")]
    public HeartbeatUpdateResult StoreUpdate() => store.Update("patrol", 4, 1);
}
