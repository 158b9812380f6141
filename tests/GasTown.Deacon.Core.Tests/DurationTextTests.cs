using System;
using System.Globalization;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("300", 300_000)]
    [InlineData("1.5", 1_500)]
    [InlineData(" 90 ", 90_000)]
    [InlineData("0", 0)]
    [InlineData("-5", -5_000)]
    [InlineData("500ms", 500)]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("00:05:00", 300_000)]
    [InlineData("1.02:00:00", 93_600_000)]
    [InlineData("1:02:00:00", 93_600_000)]
    [InlineData("00:00:00.5", 500)]
    public void Reads_seconds_Go_text_and_TimeSpan_text(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5 minutes")]
    [InlineData("1d")]
    [InlineData("5M")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    public void Refuses_anything_else_naming_the_accepted_forms(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Contains("300", error, StringComparison.Ordinal);
        Assert.Contains("1h30m", error, StringComparison.Ordinal);
        Assert.Contains("00:05:00", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_more_seconds_than_a_TimeSpan_holds()
    {
        Assert.False(DurationText.TryParse("99999999999999999999", out _, out var error));
        Assert.Contains("99999999999999999999 seconds is out of range", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE")]
    [InlineData("fa-IR")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    [InlineData("de-DE")]
    public void Means_the_same_in_every_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.True(DurationText.TryParse("1.5", out var seconds, out _));
            Assert.Equal(TimeSpan.FromSeconds(1.5), seconds);
            Assert.True(DurationText.TryParse("1.02:00:00", out var span, out _));
            Assert.Equal(new TimeSpan(1, 2, 0, 0), span);
            Assert.Equal("-1m30s", DurationText.Format(TimeSpan.FromSeconds(-90)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(500, "500ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(-90_000, "-1m30s")]
    [InlineData(93_600_000, "26h0m0s")]
    public void Formats_as_Go_does(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(15L)]
    [InlineData(12_345_678L)]
    [InlineData(long.MaxValue / 100)]
    [InlineData(-(long.MaxValue / 100))]
    public void What_it_formats_it_reads_back_within_Gos_range(long ticks)
    {
        var value = TimeSpan.FromTicks(ticks);
        Assert.True(DurationText.TryParse(DurationText.Format(value), out var back, out var error), error);
        Assert.Equal(value, back);
    }
}
