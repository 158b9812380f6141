using System;
using GasTown.Deacon;

// Usage: GasTown.Deacon.StressWorker <townRoot> <updates>
// Performs that many locked updates, each with a distinct action, and exits 0; any failure exits 1.
if (args.Length != 2 || !int.TryParse(args[1], out var updates))
{
    Console.Error.WriteLine("usage: GasTown.Deacon.StressWorker <townRoot> <updates>");
    return 2;
}

var store = new HeartbeatStore(args[0], lockTimeout: TimeSpan.FromMinutes(2));
try
{
    for (var i = 0; i < updates; i++)
    {
        store.Update($"worker {Environment.ProcessId} update {i}", i, 0);
    }
}
catch (HeartbeatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

return 0;
