using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using GasTown.Deacon.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The pause file against tests/golden/pause: the bytes Go's own Pause wrote for each case (its clock set to the
/// case's time), what Go's IsPaused made of each input, and the modes Pause gave the file and its folders.
/// </summary>
public sealed class PauseGoldenTests
{
    private static string GoldenDirectory => Path.Combine(Golden.Directory, "pause");

    public static TheoryData<string> WriteCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in LoadCases().RootElement.EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> ReadInputs()
    {
        var data = new TheoryData<string>();
        foreach (var name in Directory.EnumerateFiles(Path.Combine(GoldenDirectory, "read-inputs"), "*.json")
                     .Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal))
        {
            data.Add(name!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void Pause_writes_the_bytes_Gos_Pause_writes(string name)
    {
        var c = LoadCase(name);

        // The BCL's own parser, so this test does not lean on the code under test to read its input.
        var now = DateTimeOffset.Parse(c.GetProperty("now").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        using var town = new TempTown();
        var store = new PauseStore(town.Root, new FakeTimeProvider(now));
        store.Pause(c.GetProperty("reason").GetString(), c.GetProperty("paused_by").GetString());

        var expected = AsModernGoWrites(File.ReadAllBytes(Path.Combine(GoldenDirectory, "write", name + ".json")));
        var actual = File.ReadAllBytes(store.FilePath);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void What_Gos_Pause_wrote_reads_back_as_the_values_it_was_given(string name)
    {
        var c = LoadCase(name);
        var golden = File.ReadAllBytes(Path.Combine(GoldenDirectory, "write", name + ".json"));
        var state = PauseJsonReader.Parse(golden, "golden");

        Assert.True(state.Paused);
        Assert.Equal(c.GetProperty("reason").GetString(), state.Reason);
        Assert.Equal(c.GetProperty("paused_by").GetString(), state.PausedBy);
        var now = DateTimeOffset.Parse(c.GetProperty("now").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(now.UtcTicks, state.PausedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, state.PausedAt.Offset);
        Assert.Equal(AsModernGoWrites(golden), PauseJsonWriter.Serialize(state));
    }

    /// <summary>
    /// The goldens come from Debian's Go 1.19, which wrote U+0008 and U+000C as \u0008 and \u000c; Go 1.22+, what Gas
    /// Town builds with, writes \b and \f (src/encoding/json/encode.go, appendString), and so does this module.
    /// </summary>
    private static byte[] AsModernGoWrites(byte[] go119) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(go119).Replace("\\u0008", "\\b").Replace("\\u000c", "\\f"));

    [Theory]
    [MemberData(nameof(ReadInputs))]
    public void Accepts_exactly_what_Gos_IsPaused_accepts_with_the_same_values(string name)
    {
        var input = File.ReadAllBytes(Path.Combine(GoldenDirectory, "read-inputs", name + ".json"));
        var accepted = Path.Combine(GoldenDirectory, "read", name + ".json");

        if (!File.Exists(accepted))
        {
            Assert.True(File.Exists(Path.Combine(GoldenDirectory, "read", name + ".rejected")), $"no golden result for {name}");
            var ex = Assert.Throws<PauseInvalidException>(() => PauseJsonReader.Parse(input, "paused.json"));
            Assert.Matches(@"\(line \d+, column \d+\)|the file is empty", ex.Reason);
            return;
        }

        var goOutput = File.ReadAllBytes(accepted);
        var ours = PauseJsonReader.Parse(input, "paused.json");
        var fromGo = PauseJsonReader.Parse(goOutput, "go.json");
        Assert.Equal(fromGo, ours);

        // Where the time is exactly representable (at most 7 fraction digits), the bytes match Go's too.
        if (PauseJsonWriter.Serialize(fromGo).AsSpan().SequenceEqual(goOutput))
        {
            Assert.Equal(goOutput, PauseJsonWriter.Serialize(ours));
        }
    }

    [Fact]
    public void The_read_goldens_cover_both_answers_and_both_outcomes()
    {
        var results = Directory.GetFiles(Path.Combine(GoldenDirectory, "read")).Select(Path.GetFileName).ToArray();
        Assert.Contains(results, r => r!.EndsWith(".rejected", StringComparison.Ordinal));
        var states = results.Where(r => r!.EndsWith(".json", StringComparison.Ordinal))
            .Select(r => PauseJsonReader.Parse(File.ReadAllBytes(Path.Combine(GoldenDirectory, "read", r!)), r!)).ToArray();
        Assert.Contains(states, s => s.Paused);
        Assert.Contains(states, s => !s.Paused);
    }

    [Fact]
    public void New_files_and_folders_get_the_modes_Gos_Pause_gives_and_an_existing_file_keeps_its_own()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permission bits only.");
            return; // Assert.Skip throws; the return tells the platform analyzer what follows is Unix only.
        }


        var modes = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(GoldenDirectory, "write", "modes.json"))).RootElement;
        UnixFileMode Mode(string key) => (UnixFileMode)Convert.ToInt32(modes.GetProperty(key).GetString(), 8);

        using var town = new TempTown();
        var store = new PauseStore(town.Root);
        var umask = Umask(town.Root);
        store.Pause("r", "human");
        Assert.Equal(Mode("file") & ~umask, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(Mode("deacon_dir") & ~umask, File.GetUnixFileMode(store.DeaconDirectory));
        Assert.Equal(Mode("runtime_dir") & ~umask, File.GetUnixFileMode(store.RuntimeDirectory));

        File.SetUnixFileMode(store.FilePath, (UnixFileMode)0x1A4);
        store.Pause("again", "human");
        Assert.Equal(Mode("existing_file_after_pause"), File.GetUnixFileMode(store.FilePath));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode Umask(string scratch)
    {
        // What this process's umask takes away, seen on a file created with 0666 requested.
        var probe = Path.Combine(scratch, "umask-probe");
        File.WriteAllText(probe, string.Empty);
        var got = File.GetUnixFileMode(probe);
        File.Delete(probe);
        return (UnixFileMode)0x1B6 & ~got;
    }

    private static JsonElement LoadCase(string name) =>
        LoadCases().RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static JsonDocument LoadCases() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(GoldenDirectory, "write-cases.json")));
}
