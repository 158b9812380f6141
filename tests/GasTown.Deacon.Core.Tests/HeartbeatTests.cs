using System;
using System.Globalization;
using System.Threading;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class HeartbeatTests
{
    private static Heartbeat Observe(DateTimeOffset timestamp, DateTimeOffset now) =>
        new(new HeartbeatRecord { Timestamp = timestamp, Cycle = 1 }, "/towns/alpha", now, HeartbeatThresholds.Default);

    [Theory]
    [InlineData("2026-11-25T10:53:56.1234567+00:00", "2026-11-25T10:53:56.1234567Z")]
    [InlineData("2026-11-25T10:53:56.5+00:00", "2026-11-25T10:53:56.5Z")]
    [InlineData("2026-11-25T10:53:56+00:00", "2026-11-25T10:53:56Z")]
    [InlineData("2026-11-25T12:53:56.25+02:00", "2026-11-25T10:53:56.25Z")]
    [InlineData("2026-11-25T00:30:00-05:30", "2026-11-25T06:00:00Z")]
    [InlineData("0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00Z")]
    public void TimestampUtc_is_RFC_3339_in_UTC_to_100_ns(string timestamp, string expected)
    {
        var value = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.Equal(expected, Observe(value, value).TimestampUtc);
    }

    [Fact]
    public void TimestampUtc_parses_back_to_the_same_instant_whatever_the_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            // Swedish writes dates and numbers its own way; the text must not follow it.
            Thread.CurrentThread.CurrentCulture = new CultureInfo("sv-SE");
            var value = new DateTimeOffset(2026, 11, 25, 10, 53, 56, TimeSpan.Zero).AddTicks(1234567);
            var text = Observe(value, value).TimestampUtc;
            Assert.Equal("2026-11-25T10:53:56.1234567Z", text);
            Assert.Equal(value, DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(9_999_999L, 0L)]
    [InlineData(10_000_000L, 1L)]
    [InlineData(41_743_139_148L, 4174L)]
    [InlineData(-9_999_999L, 0L)]
    [InlineData(-36_000_000_000L, -3600L)]
    public void AgeSeconds_is_the_age_in_whole_seconds_truncated_toward_zero(long ageTicks, long seconds)
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var heartbeat = Observe(now - TimeSpan.FromTicks(ageTicks), now);
        Assert.Equal(TimeSpan.FromTicks(ageTicks), heartbeat.Age);
        Assert.Equal(seconds, heartbeat.AgeSeconds);
    }
}
