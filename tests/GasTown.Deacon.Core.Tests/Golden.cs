using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The files tests/golden/generate.sh produced by running Gas Town's Go reference code (Debian's Go 1.19), and the
/// cases in tests/golden/modern-go where a later Go differs and the cited Go source fixes the expected result.
/// </summary>
internal static class Golden
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static IEnumerable<string> ReadInputNames() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "read-inputs"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OrderBy(n => n, StringComparer.Ordinal)!;

    /// <summary>The cases of tests/golden/modern-go/<paramref name="file"/>, by name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> ModernGoCases(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "modern-go", file)));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }
}
