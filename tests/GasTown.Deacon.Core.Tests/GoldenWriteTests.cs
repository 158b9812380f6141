using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class GoldenWriteTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in CultureScope.Names)
        {
            foreach (var c in LoadCases().RootElement.EnumerateArray())
            {
                data.Add(culture, c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_matches_the_bytes_Go_writes(string culture, string name)
    {
        using var scope = new CultureScope(culture);
        var c = LoadCases().RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var record = new HeartbeatRecord
        {
            // The BCL's own parser, so this test does not lean on the code under test to read its input.
            Timestamp = DateTimeOffset.Parse(c.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Cycle = c.GetProperty("cycle").GetInt64(),
            LastAction = c.TryGetProperty("last_action", out var a) ? a.GetString()! : string.Empty,
            HealthyAgents = c.TryGetProperty("healthy_agents", out var h) ? h.GetInt64() : 0,
            UnhealthyAgents = c.TryGetProperty("unhealthy_agents", out var u) ? u.GetInt64() : 0,
        };

        var expected = File.ReadAllBytes(Path.Combine(Golden.Directory, "write", name + ".json"));
        var actual = HeartbeatJsonWriter.Serialize(record);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reading_what_Go_wrote_gives_back_the_same_bytes(string culture, string name)
    {
        using var scope = new CultureScope(culture);
        var golden = File.ReadAllBytes(Path.Combine(Golden.Directory, "write", name + ".json"));
        var record = HeartbeatJsonReader.Parse(golden, "golden");
        Assert.Equal(golden, HeartbeatJsonWriter.Serialize(record));
    }

    [Fact]
    public void Output_has_no_BOM_no_carriage_return_and_no_trailing_newline()
    {
        var bytes = HeartbeatJsonWriter.Serialize(new HeartbeatRecord { Timestamp = DateTimeOffset.UnixEpoch, Cycle = 1 });
        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal((byte)'}', bytes[^1]);
        Assert.DoesNotContain((byte)'\r', bytes);
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_an_escaped_replacement_character_like_Go()
    {
        var bytes = HeartbeatJsonWriter.Serialize(new HeartbeatRecord { Timestamp = DateTimeOffset.UnixEpoch, Cycle = 1, LastAction = "a\uD800b" });
        Assert.Contains("\"last_action\": \"a\\ufffdb\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    private static JsonDocument LoadCases() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Golden.Directory, "write-cases.json")));
}
