using System.Text;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class GoJsonStringTests
{
    private static string Decode(params byte[] raw) => GoJsonString.Decode(raw);

    private static string Decode(string ascii) => GoJsonString.Decode(Encoding.ASCII.GetBytes(ascii));

    [Theory]
    [InlineData(@"\ud800", "\uFFFD")] // a lone high surrogate
    [InlineData(@"a\udc00b", "a\uFFFDb")] // a lone low surrogate
    [InlineData(@"\ud800\u0041", "\uFFFDA")] // the escape after a bad surrogate is read on its own
    [InlineData(@"\ud800\ud800\udc00", "\uFFFD\U00010000")] // only the second high surrogate has its pair
    [InlineData(@"\udc00\ud800", "\uFFFD\uFFFD")] // a pair the wrong way round
    [InlineData(@"\ud83d\ude00", "\U0001F600")]
    [InlineData(@"\ud800x", "\uFFFDx")]
    [InlineData(@"\u00e9\u0000\uFFFF", "\u00E9\u0000\uFFFF")]
    [InlineData(@"\""\\\/\b\f\n\r\t", "\"\\/\b\f\n\r\t")]
    [InlineData("plain", "plain")]
    public void Escapes_decode_as_in_Go_with_one_replacement_per_lone_surrogate(string raw, string expected)
    {
        Assert.Equal(expected, Decode(raw));
    }

    [Fact]
    public void Each_invalid_byte_becomes_one_replacement_character_as_utf8_DecodeRune_gives()
    {
        Assert.Equal("a\uFFFD\uFFFDb", Decode(0x61, 0xE2, 0x82, 0x62)); // truncated 3-byte: two, where .NET gives one
        Assert.Equal("\uFFFD\uFFFD\uFFFD!", Decode(0xF0, 0x9F, 0x98, 0x21)); // truncated 4-byte: three
        Assert.Equal("\uFFFD\uFFFD\uFFFD", Decode(0xED, 0xA0, 0x80)); // an encoded surrogate
        Assert.Equal("\uFFFD\uFFFD", Decode(0xC0, 0xAF)); // overlong
        Assert.Equal("\uFFFD\uFFFD\uFFFD", Decode(0xE0, 0x80, 0xAF)); // overlong 3-byte
        Assert.Equal("\uFFFD\uFFFD\uFFFD\uFFFD", Decode(0xF4, 0x90, 0x80, 0x80)); // above U+10FFFF
        Assert.Equal("\uFFFD", Decode(0xFF));
        Assert.Equal("\uFFFD", Decode(0xE2)); // cut off at the end
        Assert.Equal("\n\uFFFD", Decode(0x5C, 0x6E, 0xFF)); // invalid UTF-8 beside an escape
    }

    [Fact]
    public void Valid_UTF8_is_kept_whole()
    {
        const string text = "é ✓ \U0001F600 \u2028 ſ";
        Assert.Equal(text, GoJsonString.Decode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Long_text_is_decoded_on_the_heap_as_well()
    {
        var raw = Encoding.UTF8.GetBytes(new string('é', 300) + "\\ud800");
        Assert.Equal(new string('é', 300) + "\uFFFD", GoJsonString.Decode(raw));
    }

    [Fact]
    public void Malformed_escapes_are_kept_rather_than_thrown_on()
    {
        Assert.Equal("\\q", Decode(@"\q"));
        Assert.Equal("\\u12", Decode(@"\u12"));
        Assert.Equal("\\", Decode(@"\"));
    }
}
