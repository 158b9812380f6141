using System;
using GasTown.Deacon.Commands;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// The helpers the format views call (GasTown.Deacon.format.ps1xml): the Town and Status cells. How the views look
/// as a whole stays with Pester (tests/Pester/Views.Tests.ps1), against the shipped format file.
/// </summary>
public sealed class TextForViewsTests
{
    [Theory]
    [InlineData("/srv/towns/alpha", "/srv/towns/alpha")]
    [InlineData("/srv/towns/alpha/", "/srv/towns/alpha")]
    [InlineData("/home/ops/towns/alpha", "\u2026/towns/alpha")]
    [InlineData("/srv/a-long-folder/gt", "\u2026/gt")]
    [InlineData("/srv/towns/exactly-16-chars", "exactly-16-chars")]
    [InlineData("/srv/towns/alpha-production-eu-west-1", "alpha-pr\u2026-west-1")]
    [InlineData("C:\\towns\\production\\alpha", "\u2026\\alpha")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Shortens_a_town_root_to_what_tells_towns_apart_in_16_characters(string? path, string expected)
    {
        var shortened = TownRootText.Shorten(path, 16);
        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= 16);
    }

    [Theory]
    [InlineData(HeartbeatStatus.Fresh, false, false, "Fresh")]
    [InlineData(HeartbeatStatus.Fresh, false, true, "\u001b[32mFresh\u001b[0m")]
    [InlineData(HeartbeatStatus.Stale, false, true, "\u001b[33mStale\u001b[0m")]
    [InlineData(HeartbeatStatus.VeryStale, false, true, "\u001b[1;31mVeryStale\u001b[0m")]
    [InlineData(HeartbeatStatus.Future, false, true, "\u001b[35mFuture\u001b[0m")]
    [InlineData(HeartbeatStatus.VeryStale, true, false, "Paused")]
    [InlineData(HeartbeatStatus.VeryStale, true, true, "\u001b[36mPaused\u001b[0m")]
    public void Shows_the_status_or_Paused_coloured_only_when_asked(HeartbeatStatus status, bool paused, bool color, string expected)
    {
        Assert.Equal(expected, StatusText.Format(status, paused, color));
    }

    [Fact]
    public void Says_an_age_in_words_ahead_of_the_clock_too()
    {
        Assert.Equal("4s old", StatusText.Age(TimeSpan.FromSeconds(4)));
        Assert.Equal("dated 2m 5s ahead of this clock", StatusText.Age(TimeSpan.FromSeconds(-125)));
    }
}
