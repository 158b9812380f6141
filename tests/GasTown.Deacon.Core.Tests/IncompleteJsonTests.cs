using System;
using System.Text;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class IncompleteJsonTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("\uFEFF")]
    [InlineData("{")]
    [InlineData("{\n  \"timestamp\": \"2025-12-")]
    [InlineData("{\"cycle\": tru")]
    [InlineData("{\"cycle\": 5,")]
    [InlineData("{\"cycle\": 5, \"last_action\": {\"a\": [1, 2")]
    [InlineData("nu")]
    public void Empty_or_cut_short_ends_early(string text) =>
        Assert.True(IncompleteJson.EndsEarly(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("{\"cycle\": 5}")]
    [InlineData("{\"cycle\": 5}\n")]
    [InlineData("{\"cycle\": \"3\"}")]
    [InlineData("{\"cycle\": 5,}")]
    [InlineData("{\"cycle\": 5} trailing")]
    [InlineData("{\"cycle\" 5")]
    [InlineData("}")]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("not json")]
    public void Whole_or_wrong_before_the_end_does_not(string text) =>
        Assert.False(IncompleteJson.EndsEarly(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_string_cut_inside_a_multibyte_character_ends_early()
    {
        var whole = Encoding.UTF8.GetBytes("{\"last_action\": \"caf\u00e9\"}");
        Assert.True(IncompleteJson.EndsEarly(whole.AsSpan(0, 21)));
    }
}
