using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// Whatever bytes are in heartbeat.json, the reader gives a record or a <see cref="HeartbeatInvalidException"/> that
/// says where; never another exception, which a cmdlet would turn into a terminating error for a whole fleet. Random
/// bytes, random JSON-ish token soup and mutations of real heartbeat files (the golden inputs and what Go wrote).
/// A failure prints the seed and the smallest input CsCheck shrank it to.
/// </summary>
public sealed class HeartbeatJsonReaderPropertyTests
{
    private const long Iterations = 40_000;

    private static readonly Regex Located = new(@"\(line \d+, column \d+\)$|^the file is empty", RegexOptions.CultureInvariant);

    /// <summary>Pieces that reach the reader's corners: keys, escapes, broken UTF-8, numbers, timestamp parts.</summary>
    internal static readonly byte[][] Tokens = new[]
    {
        "{", "}", "[", "]", ",", ":", "\"", " ", "\n", "\\", "\\u", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0041",
        "\\n", "\\b", "\\/", "\\x", "\"timestamp\"", "\"cycle\"", "\"last_action\"", "\"healthy_agents\"",
        "\"unhealthy_agents\"", "\"TIMESTAMP\"", "\"la\u017Ft_action\"", "\"t\u0130mestamp\"", "\"\u212A\"", "null", "true",
        "false", "0", "-1", "9223372036854775807", "9223372036854775808", "1.5", "1e3", "-", "+", ".", "e",
        "\"2025-12-01T10:00:00Z\"", "2025-12-01", "T", "1:00:00", "10:00:00", ",5", ".123456789", "Z", "z",
        "+24:00", "-00:60", "+25:00", "0000", "9999", "é", "✓", "\u2028",
    }.Select(t => Encoding.UTF8.GetBytes(t))
        .Concat(new[]
        {
            new byte[] { 0x80 }, new byte[] { 0xFF }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xF0, 0x9F, 0x98 },
            new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0x00 },
            new byte[] { 0x1F },
        })
        .ToArray();

    private static readonly byte[][] Seeds = SeedFiles();

    [Fact]
    public void Random_bytes_give_a_record_or_an_error_that_says_where()
    {
        Gen.Byte.Array[0, 300].Sample(ReadsOrSaysWhere, iter: Iterations);
    }

    [Fact]
    public void Random_JSON_tokens_give_a_record_or_an_error_that_says_where()
    {
        Gen.Int[0, Tokens.Length - 1].Array[0, 40]
            .Select(picks => picks.SelectMany(p => Tokens[p]).ToArray())
            .Sample(ReadsOrSaysWhere, iter: Iterations);
    }

    [Fact]
    public void Mutated_heartbeat_files_give_a_record_or_an_error_that_says_where()
    {
        var mutation = Gen.Int[0, 3].SelectMany(kind => Gen.Int[0, 1 << 20].SelectMany(at => Gen.Byte.Array[1, 6].Select(bytes => (kind, at, bytes))));
        Gen.Int[0, Seeds.Length - 1]
            .SelectMany(seed => mutation.Array[1, 5].Select(mutations => Mutate(Seeds[seed], mutations)))
            .Sample(ReadsOrSaysWhere, iter: Iterations);
    }

    [Fact]
    public void Random_timestamps_give_a_record_or_an_error_that_says_where()
    {
        // Timestamp-shaped text: the characters RFC 3339 is made of, in any order and length.
        var characters = Encoding.ASCII.GetBytes("0123456789-:TZz+,. 12");
        Gen.Int[0, characters.Length - 1].Array[0, 35]
            .Select(picks => Encoding.ASCII.GetBytes("{\"timestamp\":\"").Concat(picks.Select(p => characters[p])).Concat(Encoding.ASCII.GetBytes("\"}")).ToArray())
            .Sample(ReadsOrSaysWhere, iter: Iterations);
    }

    /// <summary>The property. When the bytes are read, what was read also writes and reads back the same.</summary>
    private static void ReadsOrSaysWhere(byte[] bytes)
    {
        HeartbeatRecord record;
        try
        {
            record = HeartbeatJsonReader.Parse(bytes, "/town/deacon/heartbeat.json");
        }
        catch (HeartbeatInvalidException ex)
        {
            Assert.Matches(Located, ex.Reason);
            Assert.Equal("/town/deacon/heartbeat.json", ex.Path);
            return;
        }

        Assert.Equal(record, HeartbeatJsonReader.Parse(HeartbeatJsonWriter.Serialize(record), "written"));
    }

    internal static byte[] Mutate(byte[] seed, (int Kind, int At, byte[] Bytes)[] mutations)
    {
        var bytes = seed.ToList();
        foreach (var (kind, at, inserted) in mutations)
        {
            var position = bytes.Count == 0 ? 0 : at % (bytes.Count + 1);
            switch (kind)
            {
                case 0: // overwrite
                    for (var i = 0; i < inserted.Length && position + i < bytes.Count; i++)
                    {
                        bytes[position + i] = inserted[i];
                    }

                    break;
                case 1: // insert random bytes
                    bytes.InsertRange(position, inserted);
                    break;
                case 2: // delete
                    bytes.RemoveRange(position, Math.Min(inserted.Length, bytes.Count - position));
                    break;
                default: // insert a token
                    bytes.InsertRange(position, Tokens[inserted[0] % Tokens.Length]);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static byte[][] SeedFiles() =>
        new[] { "read-inputs", "read", "write" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Golden.Directory, folder)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
}
