using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Heartbeat files with broken text (a lone surrogate escape, invalid UTF-8), read as Go reads them, in a fleet.</summary>
public sealed class BrokenTextTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();
    private readonly string fleet;
    private readonly string surrogate;

    public BrokenTextTests(PowerShellSession session)
    {
        this.session = session;
        var stamp = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var good = towns.Town(Path.Combine("fleet", "a-good"));
        ScratchTowns.Heartbeat(good, TimeSpan.Zero, cycle: 1);
        surrogate = towns.Town(Path.Combine("fleet", "b-surrogate"));
        ScratchTowns.HeartbeatText(surrogate, $"{{\"timestamp\":\"{stamp}\",\"cycle\":2,\"last_action\":\"\\ud800\"}}");
        Bytes(towns.Town(Path.Combine("fleet", "c-bad-key")), $"{{\"timestamp\":\"{stamp}\",\"cycle~\":1,\"cycle\":3}}", 0x80);
        Bytes(towns.Town(Path.Combine("fleet", "d-bad-action")), $"{{\"timestamp\":\"{stamp}\",\"cycle\":4,\"last_action\":\"\\n~\"}}", 0xFF);
        ScratchTowns.Heartbeat(towns.Town(Path.Combine("fleet", "e-good")), TimeSpan.Zero, cycle: 5);
        fleet = Path.GetDirectoryName(good)!;
    }

    public void Dispose() => towns.Dispose();

    // The text with its ~ replaced by a byte that is not UTF-8 on its own.
    private static void Bytes(string town, string text, byte invalid)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[Array.IndexOf(bytes, (byte)'~')] = invalid;
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        File.WriteAllBytes(ScratchTowns.HeartbeatPath(town), bytes);
    }

    [Fact]
    public void Reads_and_answers_for_every_town_of_the_fleet()
    {
        var result = session.Run("param($F) Get-ChildItem -Directory $F | Get-DeaconHeartbeat; Get-ChildItem -Directory $F | Test-DeaconShouldPoke", new { F = fleet }).NoErrors();
        var beats = result.Output.Take(5).Select(o => (Heartbeat)o.BaseObject).ToArray();
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, beats.Select(b => b.Cycle));
        Assert.Equal(("\uFFFD", "\n\uFFFD"), (beats[1].LastAction, beats[3].LastAction));
        Assert.Equal(Enumerable.Repeat<object>(false, 5), result.Output.Skip(5).Select(o => o.BaseObject));
    }

    [Fact]
    public void Updates_a_heartbeat_whose_action_held_a_lone_surrogate_counting_on_from_its_cycle()
    {
        var hb = session.Run("param($T) $null = Update-DeaconHeartbeat -TownRoot $T -Action patrol; Get-DeaconHeartbeat $T", new { T = surrogate }).NoErrors().Objects<Heartbeat>().Single();
        Assert.Equal((3L, "patrol"), (hb.Cycle, hb.LastAction));
    }
}
