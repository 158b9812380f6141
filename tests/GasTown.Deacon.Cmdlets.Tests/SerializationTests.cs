using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// What jobs and remoting deliver: heartbeats and pauses through PSSerializer, as CliXml crosses a process, read back
/// where the module is loaded. Every value must come back, exactly.
/// </summary>
public sealed class SerializationTests : IClassFixture<PowerShellSession>, IDisposable
{
    private readonly PowerShellSession session;
    private readonly ScratchTowns towns = new();

    public SerializationTests(PowerShellSession session) => this.session = session;

    /// <summary>A property of a deserialized object; rebuilt ones are script properties, which need the module's runspace.</summary>
    private object? Value(PSObject back, string name)
    {
        var saved = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
        System.Management.Automation.Runspaces.Runspace.DefaultRunspace = session.Runspace;
        try
        {
            var value = back.Properties[name]?.Value;

            // A script property that returns nothing gives AutomationNull, which is PowerShell's $null.
            return ReferenceEquals(value, System.Management.Automation.Internal.AutomationNull.Value) ? null
                : value is PSObject wrapped ? wrapped.BaseObject : value;
        }
        finally
        {
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace = saved;
        }
    }

    public void Dispose() => towns.Dispose();

    private PSObject RoundTrip(object value)
    {
        // Through the session, so that the module's type data (what is sent, what is rebuilt) applies as in a job.
        var result = session.Run(
            "param($V) [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($V, 2))",
            new { V = value });
        return Assert.Single(result.NoErrors().Output);
    }

    private Heartbeat Live(bool paused)
    {
        var town = towns.Town(paused ? "paused" : "running");
        var script = "param($T) $null = Write-DeaconHeartbeat $T -Timestamp '2025-12-01T10:53:56.1234567Z' -Cycle 41 -LastAction 'patrol: ünïcode ✓' -HealthyAgents 4 -UnhealthyAgents 1; "
            + (paused ? "$null = Suspend-Deacon $T -Reason 'maintenance' -PausedBy ops; " : string.Empty)
            + "Get-DeaconHeartbeat $T -StaleThreshold 90s -VeryStaleThreshold 7m";
        return Assert.IsType<Heartbeat>(Assert.Single(session.Run(script, new { T = town }).NoErrors().Output).BaseObject);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_heartbeat_keeps_every_public_value(bool paused)
    {
        var live = Live(paused);
        var back = RoundTrip(live);
        Assert.Equal("Deserialized.GasTown.Deacon.Heartbeat", back.TypeNames[0]);
        foreach (var property in typeof(Heartbeat).GetProperties())
        {
            var expected = property.GetValue(live);
            var actual = Value(back, property.Name);
            if (expected is DateTimeOffset instant)
            {
                // Rebuilt from the RFC 3339 text: the same instant, to the tick, in UTC.
                Assert.Equal(instant.UtcTicks, Assert.IsType<DateTimeOffset>(actual).UtcTicks);
            }
            else if (expected is HeartbeatStatus status)
            {
                // Sent as its name, which prints and compares as the status where the module is not loaded.
                Assert.Equal(status.ToString(), actual);
            }
            else
            {
                Assert.True(Equals(expected, actual), $"{property.Name}: sent {expected ?? "null"}, got back {actual ?? "null"} ({actual?.GetType().Name}).");
            }
        }

        Assert.Equal(paused, live.Paused);
    }

    [Fact]
    public void A_heartbeat_keeps_its_values_when_the_sending_culture_writes_dates_its_own_way()
    {
        var live = Live(paused: true);
        var saved = CultureInfo.CurrentCulture;
        var savedRunspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
        string xml;
        try
        {
            // Sent from a session with the module loaded, as a job or a remote session sends it.
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace = session.Runspace;
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
            xml = PSSerializer.Serialize(live, 2);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace = savedRunspace;
        }

        var back = Assert.Single(session.Run("param($X) [System.Management.Automation.PSSerializer]::Deserialize($X)", new { X = xml }).NoErrors().Output);
        Assert.Equal(live.Timestamp.UtcTicks, ((DateTimeOffset)Value(back, "Timestamp")!).UtcTicks);
        Assert.Equal(live.PausedAt!.Value.UtcTicks, ((DateTimeOffset)Value(back, "PausedAt")!).UtcTicks);
        // A status crosses as its name, which prints and compares as the status wherever it lands.
        Assert.Equal("VeryStale", Value(back, "Status"));
    }

    [Fact]
    public void A_deserialized_heartbeat_is_written_back_byte_for_byte()
    {
        var live = Live(paused: false);
        var original = System.IO.File.ReadAllBytes(live.Path);
        var copy = towns.Town("copy");
        var back = RoundTrip(live);
        session.Run("param($H, $T) $null = $H | Write-DeaconHeartbeat -TownRoot $T", new { H = back, T = copy }).NoErrors();
        Assert.Equal(original, System.IO.File.ReadAllBytes(ScratchTowns.HeartbeatPath(copy)));

        // Without -TownRoot it goes home.
        System.IO.File.Delete(live.Path);
        session.Run("param($H) $null = $H | Write-DeaconHeartbeat", new { H = back }).NoErrors();
        Assert.Equal(original, System.IO.File.ReadAllBytes(live.Path));
    }

    public static TheoryData<PauseState> Pauses => new()
    {
        new PauseState { Paused = true, Reason = "maintenance window", PausedBy = "ops", PausedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567) },
        new PauseState { Paused = true, PausedAt = new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(5) },
        new PauseState { Paused = false },
    };

    [Theory]
    [MemberData(nameof(Pauses))]
    public void A_pause_state_keeps_every_value(PauseState pause)
    {
        var back = RoundTrip(pause);
        Assert.Equal("Deserialized.GasTown.Deacon.PauseState", back.TypeNames[0]);
        Assert.Equal(pause.Paused, Value(back, "Paused"));
        Assert.Equal(pause.Reason, Value(back, "Reason"));
        Assert.Equal(pause.PausedBy, Value(back, "PausedBy"));

        // The instant, to the tick, rebuilt in UTC as a heartbeat's Timestamp is (the offset it was written with is not kept).
        var at = Value(back, "PausedAt");
        Assert.True(
            at is DateTimeOffset instant && instant.UtcTicks == pause.PausedAt.UtcTicks && instant.Offset == TimeSpan.Zero,
            $"PausedAt: sent {pause.PausedAt:o}, got back {at} ({at?.GetType().Name}).");
    }

    [Fact]
    public void A_pause_from_Suspend_keeps_every_value()
    {
        var town = towns.Town("suspended");
        var live = Assert.IsType<DeaconPause>(Assert.Single(session.Run("param($T) Suspend-Deacon $T -Reason 'rolling restart' -PausedBy ops", new { T = town }).NoErrors().Output).BaseObject);
        var back = RoundTrip(live);
        foreach (var property in typeof(DeaconPause).GetProperties())
        {
            var actual = Value(back, property.Name);
            var expected = property.GetValue(live);
            Assert.True(
                expected is DateTimeOffset instant ? actual is DateTimeOffset got && got.UtcTicks == instant.UtcTicks : Equals(expected, actual),
                $"{property.Name}: sent {expected}, got back {actual ?? "null"} ({actual?.GetType().Name}).");
        }

        Assert.Equal(new PauseStore(town).Read(), live.ToState());
        Assert.Contains("PausedAtUtc", back.Properties.Select(p => p.Name));
    }
}
