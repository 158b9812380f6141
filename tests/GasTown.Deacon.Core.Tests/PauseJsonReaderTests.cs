using System;
using System.Text;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>What the Go goldens cannot show: where this reader deliberately differs from Go, and its messages.</summary>
public sealed class PauseJsonReaderTests
{
    private static PauseState Parse(string text) => PauseJsonReader.Parse(Encoding.UTF8.GetBytes(text), "paused.json");

    [Fact]
    public void A_UTF8_BOM_is_skipped_as_the_heartbeat_reader_skips_it()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.AsSpan().ToArray();
        var withBom = new byte[bytes.Length + 16];
        bytes.CopyTo(withBom, 0);
        Encoding.UTF8.GetBytes("{\"paused\": true}").CopyTo(withBom, 3);
        Assert.True(PauseJsonReader.Parse(withBom.AsSpan(0, 3 + 16), "paused.json").Paused);
    }

    [Fact]
    public void Errors_name_the_file_the_field_and_the_place()
    {
        var ex = Assert.Throws<PauseInvalidException>(() => Parse("{\n  \"paused\": true,\n  \"paused_at\": \"soon\"\n}"));
        Assert.Equal("paused.json", ex.Path);
        Assert.Equal("paused_at \"soon\" is not valid: it is not an RFC 3339 date-time such as 2025-12-01T10:00:00Z (line 3, column 16)", ex.Reason);
        Assert.StartsWith("The Deacon's pause file 'paused.json' is invalid: ", ex.Message, StringComparison.Ordinal);

        Assert.Equal("the file is empty; a pause file is a JSON object.", Assert.Throws<PauseInvalidException>(() => Parse(" \n")).Reason);
        Assert.StartsWith("reason must be a string, but it is a number", Assert.Throws<PauseInvalidException>(() => Parse("{\"reason\": 1}")).Reason, StringComparison.Ordinal);
        Assert.StartsWith("a pause file is a JSON object, but this one holds an array", Assert.Throws<PauseInvalidException>(() => Parse("[]")).Reason, StringComparison.Ordinal);
        Assert.EndsWith("(line 1, column 4)", Assert.Throws<PauseInvalidException>(() => Parse("{} {}")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_invalid_UTF8_is_skipped_as_an_unknown_key()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"x\": 1, \"paused\": true}");
        bytes[2] = 0xFF;
        Assert.True(PauseJsonReader.Parse(bytes, "paused.json").Paused);
    }
}
