using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GasTown.Deacon.Tests;

/// <summary>The files tests/golden/generate.sh produced by running Gas Town's Go reference code.</summary>
internal static class Golden
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static IEnumerable<string> ReadInputNames() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "read-inputs"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OrderBy(n => n, StringComparer.Ordinal)!;
}
