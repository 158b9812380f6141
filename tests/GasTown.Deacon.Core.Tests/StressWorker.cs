using System;
using System.Diagnostics;
using System.IO;

namespace GasTown.Deacon.Tests;

/// <summary>Starts GasTown.Deacon.StressWorker, built beside the tests, as a separate process.</summary>
internal static class StressWorker
{
    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Workers are killed on purpose, and a killed runtime leaves its diagnostic pipes in the temp directory.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GasTown.Deacon.StressWorker.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    /// <summary>Waits for the worker's one line of news ("writing", "held"); fails with its error output if it died first.</summary>
    public static void Expect(Process worker, string line)
    {
        var said = worker.StandardOutput.ReadLine();
        if (said != line)
        {
            throw new InvalidOperationException($"The worker said '{said}' instead of '{line}': {worker.StandardError.ReadToEnd()}");
        }
    }

    public static void Stop(Process worker)
    {
        if (!worker.HasExited)
        {
            worker.Kill();
        }

        worker.WaitForExit();
        worker.Dispose();
    }
}
