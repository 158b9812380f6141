using System;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class AgeTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45.9, "45s")]
    [InlineData(192, "3m 12s")]
    [InlineData(3600, "1h")]
    [InlineData(7500, "2h 5m")]
    [InlineData(86400, "1d")]
    [InlineData(273600, "3d 4h")]
    [InlineData(-125, "in 2m 5s")]
    public void Formats_the_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, AgeText.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Extremes_do_not_throw()
    {
        Assert.Equal("10675199d 2h", AgeText.Format(TimeSpan.MaxValue));
        Assert.StartsWith("in ", AgeText.Format(TimeSpan.MinValue), StringComparison.Ordinal);
    }
}
