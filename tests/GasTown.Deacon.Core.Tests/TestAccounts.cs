using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The accounts of a shared Gas Town host, as tools/New-TestAccounts.sh makes them: the town's owner (the daemon's
/// account) and two members of a team group. Permission bits do not stop root, which CI runs as, so the tests run
/// the core as these users, through the worker (<c>as-account</c>), and look at the results as root.
/// </summary>
internal static class TestAccounts
{
    public const string TownOwner = "gtdeacon-town";
    public const string Ana = "gtdeacon-ana";
    public const string Ben = "gtdeacon-ben";
    public const string Team = "gtdeacon-team";

    private static readonly Lazy<string> WorkerDirectory = new(CopyWorker);

    /// <summary>Fails (never skips) where the accounts cannot be used: the tests need root and the accounts.</summary>
    public static void Require()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Accounts and groups are tested on Linux.");
        }

        Assert.True(
            Environment.UserName == "root",
            "The permission tests run the core as other accounts, which needs root (as CI has): run the tests as root.");
        Assert.True(
            Run("id", "-u", Ana).ExitCode == 0 && Run("id", "-u", TownOwner).ExitCode == 0,
            "The test accounts are missing: run tools/New-TestAccounts.sh as root (build.ps1 Test does when run as root).");
    }

    /// <summary>Runs one core call (<paramref name="verb"/> on <paramref name="townRoot"/>) as <paramref name="user"/>, under <paramref name="umask"/>.</summary>
    public static (int ExitCode, string Said) Core(string user, string verb, string townRoot, string umask = "022")
    {
        var worker = Path.Combine(WorkerDirectory.Value, "GasTown.Deacon.StressWorker.dll");
        var (exit, output, error) = Run(
            "runuser", "-u", user, "--", "sh", "-c", $"umask {umask}; exec \"$0\" \"$@\"", "dotnet", worker, "as-account", verb, townRoot);
        Assert.True(exit is 0 or 1, $"The worker failed as {user}: {output}{error}");
        return (exit, output.Trim());
    }

    /// <summary>chown, as root.</summary>
    public static void Own(string path, string user, string group, bool recursive = false) =>
        Expect(recursive ? Run("chown", "-R", $"{user}:{group}", path) : Run("chown", $"{user}:{group}", path));

    /// <summary>The owner and group of <paramref name="path"/>, by name.</summary>
    public static string OwnerOf(string path) => Expect(Run("stat", "-c", "%U:%G", path)).Trim();

    public static (int ExitCode, string Output, string Error) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string Expect((int ExitCode, string Output, string Error) run) =>
        run.ExitCode == 0 ? run.Output : throw new InvalidOperationException(run.Error);

    /// <summary>
    /// The worker and the core, copied where every account may run them: the tests' own folder may lie under a home
    /// only root can enter. They come from the worker's own build (tests/GasTown.Deacon.StressWorker/bin/<configuration>/
    /// <framework>), not from beside the tests, where a coverage run instruments the core: its tracker, run as another
    /// account, cannot write its hits where root's run keeps them.
    /// </summary>
    private static string CopyWorker()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var own = Path.Combine(here.Parent!.Parent!.Parent!.Parent!.FullName, "GasTown.Deacon.StressWorker", "bin", here.Parent.Name, here.Name);
        var source = File.Exists(Path.Combine(own, "GasTown.Deacon.StressWorker.dll")) ? own : here.FullName;
        var directory = Path.Combine(Path.GetTempPath(), "gtdeacon-worker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        Expect(Run("chmod", "-R", "a+rX", directory));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return directory;
    }
}
