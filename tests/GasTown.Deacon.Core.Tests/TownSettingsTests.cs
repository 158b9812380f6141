using System;
using System.Text;
using GasTown.Deacon.Settings;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class TownSettingsTests
{
    private const string Path = "/town/settings/config.json";

    private static TownSettings Parse(string text) => TownSettings.Parse(Encoding.UTF8.GetBytes(text), Path);

    private static string Deacon(string members) => $"{{\"town\": \"x\", \"operational\": {{\"other\": 1, \"deacon\": {{{members}}}}}}}";

    [Fact]
    public void Reads_both_thresholds_as_Go_durations()
    {
        var settings = Parse(Deacon("\"heartbeat_stale_threshold\": \"5m\", \"heartbeat_very_stale_threshold\": \"1h20m30.5s\""));
        Assert.Equal(TimeSpan.FromMinutes(5), settings.StaleThreshold);
        Assert.Equal(new TimeSpan(0, 1, 20, 30, 500), settings.VeryStaleThreshold);
        Assert.Null(settings.StaleProblem ?? settings.VeryStaleProblem ?? settings.FileProblem);
        Assert.True(settings.Exists);
        Assert.Equal(Path, settings.Path);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"operational\": null}")]
    [InlineData("{\"operational\": {}}")]
    [InlineData("{\"operational\": {\"deacon\": null}}")]
    [InlineData("{\"operational\": {\"deacon\": {\"heartbeat_stale_threshold\": null, \"heartbeat_very_stale_threshold\": \"\"}}}")]
    public void Nothing_set_is_nothing_to_say(string text)
    {
        var settings = Parse(text);
        Assert.Null(settings.StaleThreshold);
        Assert.Null(settings.VeryStaleThreshold);
        Assert.Null(settings.StaleProblem ?? settings.VeryStaleProblem ?? settings.FileProblem);
    }

    [Fact]
    public void Keys_match_in_any_case_and_the_last_of_duplicates_wins_as_in_Go()
    {
        var settings = Parse("{\"Operational\": {\"DEACON\": {\"Heartbeat_Stale_Threshold\": \"1m\", \"heartbeat_stale_threshold\": \"3m\"}}}");
        Assert.Equal(TimeSpan.FromMinutes(3), settings.StaleThreshold);
    }

    [Theory]
    [InlineData("\"banana\"", "operational.deacon.heartbeat_stale_threshold \"banana\" is not a Go duration (invalid duration \"banana\")")]
    [InlineData("\"5\"", "operational.deacon.heartbeat_stale_threshold \"5\" is not a Go duration (missing unit in duration \"5\")")]
    [InlineData("\"0s\"", "operational.deacon.heartbeat_stale_threshold \"0s\" is not greater than zero")]
    [InlineData("\"-5m\"", "operational.deacon.heartbeat_stale_threshold \"-5m\" is not greater than zero")]
    [InlineData("300", "operational.deacon.heartbeat_stale_threshold is a number, not a Go duration string such as \"5m\"")]
    [InlineData("{}", "operational.deacon.heartbeat_stale_threshold is an object, not a Go duration string such as \"5m\"")]
    public void A_bad_value_is_a_problem_naming_the_key(string value, string problem)
    {
        var settings = Parse(Deacon($"\"heartbeat_stale_threshold\": {value}, \"heartbeat_very_stale_threshold\": \"20m\""));
        Assert.Null(settings.StaleThreshold);
        Assert.Equal(problem, settings.StaleProblem);
        Assert.Equal(TimeSpan.FromMinutes(20), settings.VeryStaleThreshold);
        Assert.Null(settings.VeryStaleProblem);
    }

    [Theory]
    [InlineData("{\"operational\": ", "it is not JSON: ")]
    [InlineData("{\"a\": 1,}", "it is not JSON: ")]
    [InlineData("// comment\n{}", "it is not JSON: ")]
    [InlineData("[1, 2]", "it holds an array, not a settings object")]
    [InlineData("{\"operational\": []}", "operational is an array, not an object")]
    [InlineData("{\"operational\": {\"deacon\": \"5m\"}}", "operational.deacon is a string, not an object")]
    public void A_file_that_is_not_settings_is_a_problem_of_the_whole_file(string text, string problem)
    {
        var settings = Parse(text);
        Assert.StartsWith(problem, settings.FileProblem, StringComparison.Ordinal);
        Assert.Null(settings.StaleThreshold);
    }

    [Fact]
    public void A_file_that_is_not_JSON_says_where()
    {
        Assert.Matches(@"^it is not JSON: .+ \(line 2, column \d+\)$", Parse("{\n  \"operational\": nope\n}").FileProblem);
    }

    [Fact]
    public void A_UTF8_BOM_is_skipped()
    {
        var bytes = Encoding.UTF8.GetPreamble();
        var text = Encoding.UTF8.GetBytes(Deacon("\"heartbeat_stale_threshold\": \"4m\""));
        var all = new byte[bytes.Length + text.Length];
        bytes.CopyTo(all, 0);
        text.CopyTo(all, bytes.Length);
        Assert.Equal(TimeSpan.FromMinutes(4), TownSettings.Parse(all, Path).StaleThreshold);
    }

    [Fact]
    public void The_settings_file_lives_in_the_towns_settings_folder()
    {
        Assert.Equal(System.IO.Path.Combine("town", "settings", "config.json"), TownSettings.GetSettingsPath("town"));
    }
}
