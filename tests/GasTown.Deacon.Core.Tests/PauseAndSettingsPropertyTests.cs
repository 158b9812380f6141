using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using GasTown.Deacon.Settings;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// The pause file and the town's settings are read on every call too, so whatever bytes are in them, a cmdlet gets a
/// state, or the module's own error that says where, or a settings problem to warn about; never another exception,
/// which would stop a whole fleet. Random bytes, token soup and mutations of the files Go's Pause wrote.
/// </summary>
public sealed class PauseAndSettingsPropertyTests
{
    private const long Iterations = 20_000;

    private static readonly Regex Located = new(@"\(line \d+, column \d+\)$|^the file is empty", RegexOptions.CultureInvariant);

    private static readonly byte[][] Tokens = HeartbeatJsonReaderPropertyTests.Tokens
        .Concat(new[]
        {
            "\"paused\"", "\"reason\"", "\"paused_at\"", "\"paused_by\"", "\"PAUSED\"", "\"pau\u017Fed\"", "\"operational\"",
            "\"deacon\"", "\"heartbeat_stale_threshold\"", "\"heartbeat_very_stale_threshold\"", "\"5m\"", "\"1h30m\"",
            "\"-1m\"", "\"0s\"", "\"5m\\ud800\"", "\"\u212Aey\"",
        }.Select(t => Encoding.UTF8.GetBytes(t)))
        .ToArray();

    private static readonly byte[][] Seeds = new[] { "read-inputs", "read", "write" }
        .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Golden.Directory, "pause", folder)))
        .OrderBy(path => path, StringComparer.Ordinal)
        .Select(File.ReadAllBytes)
        .Concat(new[] { Encoding.UTF8.GetBytes("{\"operational\": {\"deacon\": {\"heartbeat_stale_threshold\": \"5m\", \"heartbeat_very_stale_threshold\": \"20m\"}}}") })
        .ToArray();

    private static readonly Gen<byte[]> Inputs = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.Int[0, Tokens.Length - 1].Array[0, 40].Select(picks => picks.SelectMany(p => Tokens[p]).ToArray()),
        Gen.Int[0, Seeds.Length - 1].SelectMany(seed =>
            Gen.Int[0, 3].SelectMany(kind => Gen.Int[0, 1 << 20].SelectMany(at => Gen.Byte.Array[1, 6].Select(bytes => (kind, at, bytes))))
                .Array[1, 5]
                .Select(mutations => HeartbeatJsonReaderPropertyTests.Mutate(Seeds[seed], mutations))));

    [Fact]
    public void Any_pause_file_gives_a_state_or_an_error_that_says_where()
    {
        Inputs.Sample(
            bytes =>
            {
                try
                {
                    var state = PauseJsonReader.Parse(bytes, "/town/.runtime/deacon/paused.json");
                    Assert.Equal(state, PauseJsonReader.Parse(PauseJsonWriter.Serialize(state), "written"));
                }
                catch (PauseInvalidException ex)
                {
                    Assert.Matches(Located, ex.Reason);
                    Assert.Equal("/town/.runtime/deacon/paused.json", ex.Path);
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Any_settings_file_gives_settings_or_a_problem_to_warn_about()
    {
        Inputs.Sample(
            bytes =>
            {
                var settings = TownSettings.Parse(bytes, "/town/settings/config.json");
                Assert.Equal("/town/settings/config.json", settings.Path);
                Assert.True(settings.FileProblem is null || settings.FileProblem.Length > 0);
                _ = settings.Resolve(null, null);
            },
            iter: Iterations);
    }

    [Theory]
    [InlineData("{\"paused\": true, \"reason\": \"a\\ud800b\"}", "a\uFFFDb", "")]
    [InlineData("{\"paused\": true, \"paused_by\": \"\\udc00z\"}", "", "\uFFFDz")]
    [InlineData("{\"paused\": true, \"reason\": \"\\ud83d\\ude00\\ud83d\"}", "\U0001F600\uFFFD", "")]
    public void A_lone_surrogate_escape_reads_as_one_replacement_character_as_in_Go(string text, string reason, string pausedBy)
    {
        // encoding/json decode.go unquote: an unpaired surrogate escape becomes utf8.RuneError.
        var state = PauseJsonReader.Parse(Encoding.UTF8.GetBytes(text), "paused.json");
        Assert.Equal((true, reason, pausedBy), (state.Paused, state.Reason, state.PausedBy));
    }

    [Fact]
    public void A_key_with_a_lone_surrogate_or_folding_as_Go_folds_is_matched_as_Go_matches_it()
    {
        Assert.False(PauseJsonReader.Parse(Encoding.UTF8.GetBytes("{\"paused\\ud800\": true}"), "paused.json").Paused);

        // U+017F (long s) folds to s in Go 1.21+ (encoding/json fold.go appendFoldedName: ToUpper(ToLower(r))).
        Assert.True(PauseJsonReader.Parse(Encoding.UTF8.GetBytes("{\"pau\u017Fed\": true}"), "paused.json").Paused);
    }

    [Fact]
    public void A_lone_surrogate_in_a_threshold_is_a_problem_naming_the_key_and_in_a_key_is_no_key()
    {
        var value = TownSettings.Parse(
            Encoding.UTF8.GetBytes("{\"operational\": {\"deacon\": {\"heartbeat_stale_threshold\": \"5m\\ud800\", \"heartbeat_very_stale_threshold\": \"20m\"}}}"),
            "config.json");
        Assert.Equal((null, TimeSpan.FromMinutes(20)), (value.StaleThreshold, value.VeryStaleThreshold));
        Assert.StartsWith(TownSettings.StaleKey + " holds text that is not valid Unicode", value.StaleProblem, StringComparison.Ordinal);

        var key = TownSettings.Parse(
            Encoding.UTF8.GetBytes("{\"operational\": {\"deacon\": {\"heartbeat_stale_threshold\\ud800\": \"1m\", \"heartbeat_\u017Ftale_threshold\": \"4m\"}}}"),
            "config.json");
        Assert.Equal(TimeSpan.FromMinutes(4), key.StaleThreshold);
        Assert.Null(key.StaleProblem);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t")]
    public void An_empty_settings_file_says_so_in_plain_words(string text)
    {
        Assert.Equal("it is empty, not JSON", TownSettings.Parse(Encoding.UTF8.GetBytes(text), "config.json").FileProblem);
    }
}
