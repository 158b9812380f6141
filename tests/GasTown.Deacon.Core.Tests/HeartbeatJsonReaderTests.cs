using System;
using System.Linq;
using System.Text;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
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
    public void Keys_fold_as_Go_folds_them_the_long_s_but_neither_Turkish_I()
    {
        // Go's fold.go folds a rune to the smallest of its unicode.SimpleFold orbit: ſ (U+017F) is S, but İ (U+0130)
        // and ı (U+0131) fold to themselves, so neither names a field (Go 1.19 and Go 1.25 alike).
        Assert.Equal("x", Parse("{\"la\u017Ft_action\":\"x\"}").LastAction);
        Assert.Equal(string.Empty, Parse("{\"last_act\u0130on\":\"x\"}").LastAction);
        Assert.Equal(string.Empty, Parse("{\"last_act\u0131on\":\"x\"}").LastAction);
        Assert.Equal(HeartbeatRecord.ZeroTimestamp, Parse("{\"t\u0131mestamp\":\"2025-12-01T10:00:00Z\"}").Timestamp);
        Assert.Equal(4, Parse("{\"CyClE\":4}").Cycle);
    }

    [Theory]
    [InlineData("{\"last_action\":\"\\ud800\"}", "\uFFFD")]
    [InlineData("{\"last_action\":\"a\\udc00\\u0041\"}", "a\uFFFDA")]
    [InlineData("{\"\\ud800\":1,\"last_action\":\"kept\"}", "kept")]
    [InlineData("{\"last_action\\ud800\":\"x\",\"last_action\":\"kept\"}", "kept")]
    public void A_lone_surrogate_escape_becomes_one_replacement_character_in_a_value_or_key(string json, string expected)
    {
        Assert.Equal(expected, Parse(json).LastAction);
    }

    [Fact]
    public void Invalid_UTF8_in_a_key_or_beside_an_escape_is_read_as_Go_reads_it()
    {
        // {"cycle\x80":1}: an unknown key to Go, so the cycle stays 0.
        Assert.Equal(0, HeartbeatJsonReader.Parse(new byte[] { 0x7B, 0x22, 0x63, 0x79, 0x63, 0x6C, 0x65, 0x80, 0x22, 0x3A, 0x31, 0x7D }, "x").Cycle);

        // {"last_action":"\n\xff"}
        var escaped = Encoding.UTF8.GetBytes("{\"last_action\":\"\\n?\"}");
        escaped[Array.IndexOf(escaped, (byte)'?')] = 0xFF;
        Assert.Equal("\n\uFFFD", HeartbeatJsonReader.Parse(escaped, "x").LastAction);

        // A truncated sequence gives one U+FFFD per byte, as Go's utf8.DecodeRune does; .NET would give one.
        var truncated = Encoding.UTF8.GetBytes("{\"last_action\":\"a??b\"}");
        truncated[Array.IndexOf(truncated, (byte)'?')] = 0xE2;
        truncated[Array.IndexOf(truncated, (byte)'?')] = 0x82;
        Assert.Equal("a\uFFFD\uFFFDb", HeartbeatJsonReader.Parse(truncated, "x").LastAction);
    }

    [Theory]
    [InlineData("2025-12-01T1:00:00Z", "2025-12-01T01:00:00+00:00")] // one-digit hour
    [InlineData("2025-12-01T9:30:00+02:00", "2025-12-01T09:30:00+02:00")]
    [InlineData("2025-12-01T10:00:00,5Z", "2025-12-01T10:00:00.5+00:00")] // comma before the fraction
    [InlineData("2025-12-01T10:00:00+00:60", "2025-12-01T10:00:00+01:00")] // minute 60 in the offset
    [InlineData("2025-12-01T10:00:00+24:00", "2025-11-30T10:00:00+00:00")] // 24 h: beyond DateTimeOffset, kept in UTC
    [InlineData("2025-12-01T10:00:00-24:60", "2025-12-02T11:00:00+00:00")]
    [InlineData("2025-12-01T10:00:00.123456789987Z", "2025-12-01T10:00:00.1234567+00:00")]
    public void Timestamps_are_accepted_as_Go_time_Parse_RFC3339_accepts_them_with_Go_instant(string timestamp, string expected)
    {
        var record = Parse("{\"timestamp\":\"" + timestamp + "\"}");
        var want = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(want.UtcTicks, record.Timestamp.UtcTicks);
        Assert.Equal(want.Offset, record.Timestamp.Offset);
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
    [InlineData("{\"timestamp\": \"2025-12-31T23:59:60Z\"}", "second 60 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T24:00:00Z\"}", "hour 24 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:60:00Z\"}", "minute 60 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00+25:00\"}", "time zone offset +25:00 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00+00:61\"}", "time zone offset +00:61 is out of range")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00+-1:00\"}", "the time zone '+-1:00' is neither Z nor an offset")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:.5Z\"}", "it is not an RFC 3339 date-time")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00Zjunk\"}", "there is extra text 'junk' after the time zone")]
    [InlineData("{\"timestamp\": \"2025-12-01T10:00:00z\"}", "the time zone 'z' is neither Z nor an offset")]
    [InlineData("{\"timestamp\": \"0000-12-01T10:00:00Z\"}", "year 0000 is out of the supported range")]
    [InlineData("{\"timestamp\": \"0001-01-01T00:00:00+01:00\"}", "the instant is out of the supported range")]
    [InlineData("{\"cycle\": 1} x", "is invalid after a single JSON value. Expected end of data (line 1, column 14)")]
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
