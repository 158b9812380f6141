using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class GoKeyFoldTests
{
    [Fact]
    public void The_fold_table_is_the_one_Go_unicode_tables_give()
    {
        // tests/golden/fold-table.json is written by Go itself (generate.sh, "golden foldtable").
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Golden.Directory, "fold-table.json")));
        var fromGo = document.RootElement.GetProperty("runes").EnumerateArray()
            .Select(e => (Rune: Convert.ToInt32(e.GetProperty("rune").GetString()!.Substring(2), 16), Folded: e.GetProperty("folded").GetString()!.Single()))
            .ToArray();

        Assert.Equal(fromGo, GoKeyFold.NonAsciiToAscii);
    }

    [Theory]
    [InlineData("timestamp", "TIMESTAMP")]
    [InlineData("TimeStamp", "TIMESTAMP")]
    [InlineData("la\u017Ft_action", "LAST_ACTION")] // long s folds to S
    [InlineData("\u212Aelvin", "KELVIN")] // Kelvin sign folds to K
    [InlineData("caf\u00E9", null)] // é folds to É, outside ASCII
    [InlineData("t\u0130mestamp", null)] // Go: SimpleFold(İ) = İ, so no fold to I
    [InlineData("t\u0131mestamp", null)] // Go: SimpleFold(ı) = ı
    [InlineData("\uFFFD", null)]
    [InlineData("\uD83D\uDE00", null)]
    public void Folds_as_Go_folds_keys(string key, string? expected)
    {
        Assert.Equal(expected, GoKeyFold.FoldToAscii(key));
    }
}
