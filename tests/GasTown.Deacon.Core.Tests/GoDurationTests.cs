using System;
using System.IO;
using System.Text.Json;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>GoDuration against Go's own ParseDuration (tests/golden/durations, made by running Go over the inputs).</summary>
public sealed class GoDurationTests
{
    public static TheoryData<string, long?> GoResults()
    {
        var data = new TheoryData<string, long?>();
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Golden.Directory, "durations", "expected.json")));
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var expected = item.TryGetProperty("nanoseconds", out var ns) ? ns.GetInt64() : (long?)null;
            data.Add(item.GetProperty("input").GetString()!, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoResults))]
    public void Gives_what_Go_gives(string input, long? goNanoseconds)
    {
        var error = GoDuration.Refusal(input, out var nanoseconds);
        if (goNanoseconds is long expected)
        {
            Assert.True(error is null, $"Go accepts \"{input}\"; we said: {error}");
            Assert.Equal(expected, nanoseconds);
        }
        else
        {
            Assert.True(error is not null, $"Go refuses \"{input}\"; we gave {nanoseconds} ns");
            Assert.Contains(input, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_golden_set_holds_Gos_own_test_table_and_refusals()
    {
        var results = GoResults();
        Assert.True(results.Count >= 100, $"only {results.Count} golden durations");
        Assert.Contains(results, row => row.Data.Item1 == "-2562047h47m16.854775808s" && row.Data.Item2 == long.MinValue);
        Assert.Contains(results, row => row.Data.Item1 == "3000000h" && row.Data.Item2 is null);
    }

    [Theory]
    [InlineData("5m", 5 * 60 * 10_000_000L)]
    [InlineData("150ns", 1L)]
    [InlineData("99ns", 0L)]
    [InlineData("-150ns", -1L)]
    public void Drops_nanoseconds_below_a_tick_toward_zero(string input, long ticks)
    {
        Assert.True(GoDuration.TryParse(input, out var value, out _));
        Assert.Equal(ticks, value.Ticks);
    }
}
