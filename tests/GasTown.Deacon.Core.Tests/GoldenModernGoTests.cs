using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The cases of tests/golden/modern-go: where Go changed after the Go 1.19 that made the other goldens, the module
/// follows today's Go, and each case cites the line of Go's source that fixes its expected result.
/// </summary>
public sealed class GoldenModernGoTests
{
    private const string ReadFile = "read-cases.json";
    private const string WriteFile = "write-cases.json";

    public static TheoryData<string, string> ReadCases() => Combine(ReadFile);

    public static TheoryData<string, string> WriteCases() => Combine(WriteFile);

    [Theory]
    [MemberData(nameof(ReadCases))]
    public void Reads_as_current_Go_reads(string culture, string name)
    {
        using var scope = new CultureScope(culture);
        var c = Golden.ModernGoCases(ReadFile)[name];
        var input = Encoding.UTF8.GetBytes(c.GetProperty("input").GetString()!);
        var expected = c.GetProperty("expected");

        if (expected.ValueKind == JsonValueKind.String)
        {
            Assert.Equal("rejected", expected.GetString());
            var ex = Assert.Throws<HeartbeatInvalidException>(() => HeartbeatJsonReader.Parse(input, "heartbeat.json"));
            Assert.Matches(@"\(line \d+, column \d+\)", ex.Reason);
            return;
        }

        Assert.Equal(Record(expected), HeartbeatJsonReader.Parse(input, "heartbeat.json"));
    }

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void Writes_the_bytes_current_Go_writes(string culture, string name)
    {
        using var scope = new CultureScope(culture);
        var c = Golden.ModernGoCases(WriteFile)[name];
        var expected = c.GetProperty("expected").GetString()!;

        var actual = HeartbeatJsonWriter.Serialize(Record(c));

        Assert.Equal(expected, Encoding.UTF8.GetString(actual));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), actual);
        Assert.Equal(Record(c), HeartbeatJsonReader.Parse(actual, "written"));
    }

    [Theory]
    [InlineData(ReadFile)]
    [InlineData(WriteFile)]
    public void Every_case_cites_the_Go_source_that_fixes_it_and_says_what_Go_1_19_did(string file)
    {
        var cases = Golden.ModernGoCases(file);
        Assert.NotEmpty(cases);
        foreach (var c in cases.Values)
        {
            Assert.StartsWith("src/", c.GetProperty("source").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("go1.19").GetString()));
        }
    }

    private static TheoryData<string, string> Combine(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in CultureScope.Names)
        {
            foreach (var name in Golden.ModernGoCases(file).Keys.OrderBy(n => n, StringComparer.Ordinal))
            {
                data.Add(culture, name);
            }
        }

        return data;
    }

    private static HeartbeatRecord Record(JsonElement c) => new()
    {
        // The BCL's own parser, so these tests do not lean on the code under test to read their expectations.
        Timestamp = DateTimeOffset.Parse(c.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Cycle = c.GetProperty("cycle").GetInt64(),
        LastAction = c.TryGetProperty("last_action", out var a) ? a.GetString()! : string.Empty,
        HealthyAgents = c.TryGetProperty("healthy_agents", out var h) ? h.GetInt64() : 0,
        UnhealthyAgents = c.TryGetProperty("unhealthy_agents", out var u) ? u.GetInt64() : 0,
    };
}
