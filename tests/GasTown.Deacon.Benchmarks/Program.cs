using BenchmarkDotNet.Running;
using GasTown.Deacon.Benchmarks;

// "watch ..." measures Watch over a fleet in this process; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "watch")
{
    return WatchBenchmark.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run(args);
return 0;
