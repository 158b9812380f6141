using System;
using System.IO;
using GasTown.Deacon.Storage;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>The cheap look the pause and settings lookups take first: it may say "missing" only when it surely is.</summary>
public sealed class FileProbeTests : IDisposable
{
    private readonly TempTown town = new();

    public void Dispose() => town.Dispose();

    [Fact]
    public void Says_missing_only_for_what_is_not_there()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.False(FileProbe.IsSurelyMissing(Path.Combine(town.Root, "nothing")));
            return; // On Windows the probe always defers to FileInfo.
        }

        var file = Path.Combine(town.Root, "file é.json");
        File.WriteAllText(file, "{}");
        Assert.False(FileProbe.IsSurelyMissing(file));
        Assert.False(FileProbe.IsSurelyMissing(town.Root));
        Assert.True(FileProbe.IsSurelyMissing(Path.Combine(town.Root, "nothing.json")));
        Assert.True(FileProbe.IsSurelyMissing(Path.Combine(town.Root, "no", "such", "folder.json")));

        // A file where a folder belongs (ENOTDIR) is as missing as no folder.
        Assert.True(FileProbe.IsSurelyMissing(Path.Combine(file, "paused.json")));
    }
}
