using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(GasTown.Deacon.Benchmarks.CoreBenchmarks).Assembly).Run(args);
