using System;
using System.IO;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class GoldenReadTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in CultureScope.Names)
        {
            foreach (var name in Golden.ReadInputNames())
            {
                data.Add(culture, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Accepts_exactly_what_Go_accepts_with_the_same_values(string culture, string name)
    {
        using var scope = new CultureScope(culture);
        var input = File.ReadAllBytes(Path.Combine(Golden.Directory, "read-inputs", name + ".json"));
        var accepted = Path.Combine(Golden.Directory, "read", name + ".json");

        if (!File.Exists(accepted))
        {
            Assert.True(File.Exists(Path.Combine(Golden.Directory, "read", name + ".rejected")), $"no golden result for {name}");
            var ex = Assert.Throws<HeartbeatInvalidException>(() => HeartbeatJsonReader.Parse(input, "heartbeat.json"));
            Assert.Matches(@"\(line \d+, column \d+\)|the file is empty", ex.Reason);
            return;
        }

        var goOutput = File.ReadAllBytes(accepted);
        var ours = HeartbeatJsonReader.Parse(input, "heartbeat.json");
        var fromGo = HeartbeatJsonReader.Parse(goOutput, "go.json");
        Assert.Equal(fromGo, ours);

        // Where the value is exactly representable (at most 7 fraction digits), the bytes match Go's too.
        if (HeartbeatJsonWriter.Serialize(fromGo).AsSpan().SequenceEqual(goOutput))
        {
            Assert.Equal(goOutput, HeartbeatJsonWriter.Serialize(ours));
        }
    }
}
