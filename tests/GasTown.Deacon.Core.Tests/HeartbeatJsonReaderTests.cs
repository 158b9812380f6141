using System;
using System.Linq;
using System.Text;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class HeartbeatJsonReaderTests
{
    private const string GoWritten = "{\n  \"timestamp\": \"2025-12-01T10:00:00Z\",\n  \"cycle\": 7,\n  \"last_action\": \"patrol\",\n  \"healthy_agents\": 3,\n  \"unhealthy_agents\": 1\n}";

    private static HeartbeatRecord Parse(string json) => HeartbeatJsonReader.Parse(Encoding.UTF8.GetBytes(json), "/town/deacon/heartbeat.json");

    private static HeartbeatInvalidException Invalid(string json) =>
        Assert.Throws<HeartbeatInvalidException>(() => Parse(json));

    [Fact]
    public void Reads_every_field()
    {
        var record = Parse(GoWritten);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero), record.Timestamp);
        Assert.Equal(7, record.Cycle);
        Assert.Equal("patrol", record.LastAction);
        Assert.Equal(3, record.HealthyAgents);
        Assert.Equal(1, record.UnhealthyAgents);
    }

    [Fact]
    public void A_UTF8_BOM_is_skipped_as_Windows_tools_write_one()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(GoWritten)).ToArray();
        Assert.Equal(Parse(GoWritten), HeartbeatJsonReader.Parse(bytes, "x"));
    }

    [Fact]
    public void A_BOM_alone_is_an_empty_file()
    {
        var ex = Assert.Throws<HeartbeatInvalidException>(() => HeartbeatJsonReader.Parse(new byte[] { 0xEF, 0xBB, 0xBF }, "x"));
        Assert.Contains("empty", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_the_offset_and_the_instant()
    {
        var record = Parse("{\"timestamp\":\"2025-12-01T12:00:00.25+02:00\"}");
        Assert.Equal(TimeSpan.FromHours(2), record.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 10, 0, 0, 250, TimeSpan.Zero), record.Timestamp);
    }

    [Fact]
    public void Fraction_digits_below_100ns_are_truncated_not_rounded()
    {
        var record = Parse("{\"timestamp\":\"2025-12-01T10:00:00.123456789Z\"}");
        Assert.Equal(1234567, record.Timestamp.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void An_offset_beyond_14_hours_keeps_the_instant_in_UTC()
    {
        var record = Parse("{\"timestamp\":\"2025-12-01T20:00:00+15:30\"}");
        Assert.Equal(TimeSpan.Zero, record.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 4, 30, 0, TimeSpan.Zero), record.Timestamp);
    }

    [Fact]
    public void Keys_fold_as_modern_Go_folds_them_dotted_capital_I_included()
    {
        Assert.Equal("x", Parse("{\"last_act\u0130on\":\"x\"}").LastAction);
        Assert.Equal(4, Parse("{\"CyClE\":4}").Cycle);
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_becomes_replacement_characters_as_in_Go()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"last_action\":\"a?b\"}");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        Assert.Equal("a\uFFFDb", HeartbeatJsonReader.Parse(bytes, "x").LastAction);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("[1]", "a heartbeat is a JSON object, but the file holds an array (line 1, column 1)")]
    [InlineData("\"x\"", "a heartbeat is a JSON object, but the file holds a string (line 1, column 1)")]
    [InlineData("{\n  \"cycle\": \"3\"\n}", "cycle must be an integer, but it is a string (line 2, column 12)")]
    [InlineData("{\"cycle\": 1.5}", "cycle must be an integer, but it is 1.5 (line 1, column 11)")]
    [InlineData("{\"cycle\": 1e3}", "cycle must be an integer, but it is 1e3")]
    [InlineData("{\"cycle\": 9223372036854775808}", "cycle 9223372036854775808 is out of the 64-bit integer range")]
    [InlineData("{\"healthy_agents\": -9223372036854775809}", "healthy_agents -9223372036854775809 is out of the 64-bit integer range")]
    [InlineData("{\"unhealthy_agents\": true}", "unhealthy_agents must be an integer, but it is a boolean")]
    [InlineData("{\"last_action\": 5}", "last_action must be a string, but it is a number")]
    [InlineData("{\"timestamp\": 5}", "timestamp must be an RFC 3339 string, but it is a number")]
    [InlineData("{\"timestamp\": \"yesterday\"}", "timestamp \"yesterday\" is not valid: it is not an RFC 3339 date-time")]
    [InlineData("{\"timestamp\": \"2025-13-01T00:00:00Z\"}", "month 13 is out of range")]
    [InlineData("{\"timestamp\": \"2025-02-29T00:00:00Z\"}", "day 29 is out of range for 2025-02")]
    [InlineData("{\"timestamp\": \"2025-12-31T23:59:60Z\"}", "time of day 23:59:60 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00+24:00\"}", "time zone offset +24:00 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00z\"}", "the time zone 'z' is neither Z nor an offset")]
    [InlineData("{\"timestamp\": \"0000-12-01T10:00:00Z\"}", "year 0000 is out of the supported range")]
    [InlineData("{\"timestamp\": \"0001-01-01T00:00:00+01:00\"}", "the instant is out of the supported range")]
    [InlineData("{\"cycle\": 1} x", "is invalid after a single JSON value. Expected end of data. (line 1, column 14)")]
    [InlineData("{\"cycle\": 1", "(line 1, column 12)")]
    [InlineData("{\n  \"cycle\": 1,\n}", "(line 3, column 1)")]
    public void Refuses_what_Go_refuses_saying_what_and_where(string json, string expected)
    {
        var ex = Invalid(json);
        Assert.Contains(expected, ex.Reason, StringComparison.Ordinal);
        Assert.Equal("/town/deacon/heartbeat.json", ex.Path);
        Assert.StartsWith("The heartbeat file '/town/deacon/heartbeat.json' is invalid: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_as_deep_as_Go_allows_in_an_unknown_key_is_skipped()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.Equal(3, Parse("{\"cycle\":3,\"x\":" + deep + "}").Cycle);
    }
}
