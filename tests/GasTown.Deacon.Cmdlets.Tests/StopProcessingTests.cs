using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// Ctrl+C (a pipeline stop, StopProcessing) ends a wait at once and writes nothing: the wait for another writer's
/// lock, and a watch. Each call is given a wait longer than the test allows, so only the stop can end it in time; the
/// stop is waited for with a limit, so a stop that does not come fails the test rather than hanging it.
/// </summary>
public sealed class StopProcessingTests : IClassFixture<PowerShellSession>, IDisposable
{
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(10);
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();

    public StopProcessingTests(PowerShellSession session) => this.session = session;

    public void Dispose() => towns.Dispose();

    [Theory]
    [InlineData("Update-DeaconHeartbeat $T -LockTimeout 1m -Verbose")]
    [InlineData("Write-DeaconHeartbeat $T -Cycle 99 -LockTimeout 1m -Verbose")]
    public void Ends_a_wait_for_the_lock_at_once_writing_nothing(string command)
    {
        var town = towns.Town("busy");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 5);
        var before = File.ReadAllBytes(ScratchTowns.HeartbeatPath(town));
        using var held = new FileStream(ScratchTowns.LockPath(town), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var ps = PowerShell.Create(session.Runspace);
        ps.AddScript($"param($T) {command}").AddParameter("T", town);
        var run = ps.BeginInvoke();

        // ShouldProcess reports "Performing the operation" just before the wait for the lock begins.
        var waiting = Stopwatch.StartNew();
        while (ps.Streams.Verbose.Count == 0 && !run.IsCompleted && waiting.Elapsed < Allowed)
        {
            Thread.Sleep(5);
        }

        // Counted and indexed, never enumerated: enumerating a stream still open waits for it to close.
        Assert.True(ps.Streams.Verbose.Count == 1, $"{ps.Streams.Verbose.Count} verbose messages before the wait.");
        Assert.False(run.IsCompleted, "The call ended before it was stopped: it did not wait for the lock.");
        Assert.True(ps.BeginStop(null, null).AsyncWaitHandle.WaitOne(Allowed), $"No stop within {Allowed}.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error.ReadAll());
        Assert.Equal(before, File.ReadAllBytes(ScratchTowns.HeartbeatPath(town)));
        Assert.False(File.Exists(ScratchTowns.HeartbeatPath(town) + ".tmp"));
    }

    [Fact]
    public void Ends_a_watch_at_once_after_its_first_heartbeat()
    {
        var town = towns.Town("watched");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 5);
        using var ps = PowerShell.Create(session.Runspace);
        ps.AddScript("param($T) Watch-DeaconHeartbeat $T -Timeout 1m").AddParameter("T", town);
        var output = new PSDataCollection<PSObject>();
        var run = ps.BeginInvoke<PSObject, PSObject>(null, output);
        var waiting = Stopwatch.StartNew();
        while (output.Count == 0 && !run.IsCompleted && waiting.Elapsed < Allowed)
        {
            Thread.Sleep(5);
        }

        Assert.True(output.Count == 1, $"{output.Count} heartbeats before the stop.");
        Assert.Equal(5L, Assert.IsType<Heartbeat>(output[0].BaseObject).Cycle);
        Assert.True(ps.BeginStop(null, null).AsyncWaitHandle.WaitOne(Allowed), $"No stop within {Allowed}.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error.ReadAll());
    }

    [Fact]
    public void Ends_a_watch_when_the_pipeline_after_it_is_done()
    {
        var town = towns.Town("first");
        ScratchTowns.Heartbeat(town, TimeSpan.Zero, cycle: 8);
        var watch = Stopwatch.StartNew();
        var result = session.Run("param($T) Watch-DeaconHeartbeat $T | Select-Object -First 1 | ForEach-Object Cycle", new { T = town });
        Assert.Equal(8L, Assert.Single(result.NoErrors().Output).BaseObject);
        Assert.True(watch.Elapsed < Allowed, $"The watch went on for {watch.Elapsed}.");
    }
}
