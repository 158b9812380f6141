using System;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class HeartbeatThresholdsTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void Defaults_are_the_Go_originals()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), HeartbeatThresholds.Default.Stale);
        Assert.Equal(TimeSpan.FromMinutes(5), HeartbeatThresholds.Default.VeryStale);
    }

    [Theory]
    [InlineData(0, 5, "stale threshold must be greater than zero")]
    [InlineData(-1, 5, "stale threshold must be greater than zero")]
    [InlineData(2, 0, "very-stale threshold must be greater than zero")]
    [InlineData(5, 5, "must be less than the very-stale threshold")]
    [InlineData(20, 5, "must be less than the very-stale threshold")]
    public void Refuses_thresholds_that_make_no_sense(int staleMinutes, int veryStaleMinutes, string message)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new HeartbeatThresholds(TimeSpan.FromMinutes(staleMinutes), TimeSpan.FromMinutes(veryStaleMinutes)));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classifies_at_the_exact_boundaries()
    {
        var t = HeartbeatThresholds.Default;
        Assert.Equal(HeartbeatStatus.Fresh, t.Classify(TimeSpan.Zero));
        Assert.Equal(HeartbeatStatus.Fresh, t.Classify(t.Stale - Tick));
        Assert.Equal(HeartbeatStatus.Stale, t.Classify(t.Stale));
        Assert.Equal(HeartbeatStatus.Stale, t.Classify(t.VeryStale - Tick));
        Assert.Equal(HeartbeatStatus.VeryStale, t.Classify(t.VeryStale));
        Assert.Equal(HeartbeatStatus.VeryStale, t.Classify(TimeSpan.FromDays(3650)));
        Assert.Equal(HeartbeatStatus.Fresh, t.Classify(-t.Stale));
        Assert.Equal(HeartbeatStatus.Future, t.Classify(-t.Stale - Tick));
    }

    [Fact]
    public void Gas_Towns_current_thresholds_can_be_set()
    {
        var t = new HeartbeatThresholds(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));
        Assert.Equal(HeartbeatStatus.Fresh, t.Classify(TimeSpan.FromMinutes(4)));
        Assert.Equal(HeartbeatStatus.Stale, t.Classify(TimeSpan.FromMinutes(19)));
        Assert.Equal(HeartbeatStatus.VeryStale, t.Classify(TimeSpan.FromMinutes(20)));
        Assert.Equal(HeartbeatStatus.Fresh, t.Classify(TimeSpan.FromMinutes(-4)));
        Assert.Equal(HeartbeatStatus.Future, t.Classify(TimeSpan.FromMinutes(-6)));
    }

    [Theory]
    [InlineData(HeartbeatStatus.Fresh, false)]
    [InlineData(HeartbeatStatus.Stale, false)]
    [InlineData(HeartbeatStatus.VeryStale, true)]
    [InlineData(HeartbeatStatus.Future, true)]
    public void Pokes_for_very_stale_and_future(HeartbeatStatus status, bool poke) =>
        Assert.Equal(poke, HeartbeatThresholds.ShouldPoke(status));

    [Fact]
    public void Age_is_measured_between_instants_whatever_the_offsets()
    {
        var written = new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var now = new DateTimeOffset(2025, 12, 1, 10, 3, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMinutes(3), HeartbeatThresholds.AgeOf(written, now));
    }
}
