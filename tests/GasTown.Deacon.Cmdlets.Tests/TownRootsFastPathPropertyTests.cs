using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// The -TownRoot fast path (<c>TownRoots.TryResolveFast</c>) re-implements part of PowerShell's path rules to skip
/// the provider's cost. Held here to PowerShell's own answer (<c>GetUnresolvedProviderPathFromPSPath</c>, and for a
/// directory that exists <c>GetResolvedProviderPathFromPSPath</c>) over generated names and locations: spaces,
/// brackets, tildes, dots, unicode, backslashes, wildcard characters in literal paths, relative paths from a changed
/// location, and a location reached through a symbolic link. Where the fast path answers, it must answer the same;
/// where it declines, the full resolution runs, so declining is always allowed.
/// </summary>
public sealed class TownRootsFastPathPropertyTests : IClassFixture<PowerShellSession>, IDisposable
{
    private static readonly string[] Existing = { "plain", "with space", "br[1]", "tilde~x", "ünï日本", "a..b", "dot.d", "plain/inner" };

    private readonly PowerShellSession session;
    private readonly ScratchTowns scratch = new();
    private readonly string[] locations;

    public TownRootsFastPathPropertyTests(PowerShellSession session)
    {
        this.session = session;
        foreach (var name in Existing)
        {
            Directory.CreateDirectory(Path.Combine(scratch.Root, name));
        }

        var list = new List<string> { scratch.Root, Path.Combine(scratch.Root, "plain"), Path.Combine(scratch.Root, "with space"), Path.Combine(scratch.Root, "ünï日本") };
        if (!OperatingSystem.IsWindows())
        {
            // A location reached through a link: .. from it is the link's parent to PowerShell, as it is to the fast path.
            Directory.CreateSymbolicLink(Path.Combine(scratch.Root, "link"), Path.Combine(scratch.Root, "plain", "inner"));
            list.Add(Path.Combine(scratch.Root, "link"));
        }

        locations = list.ToArray();
    }

    public void Dispose()
    {
        session.Run("Set-Location /");
        scratch.Dispose();
    }

    private static readonly Gen<string> Name = Gen.Char["ab .-_~[]é日'`*?\\"].Array[1, 6].Select(chars => new string(chars));

    private static readonly Gen<string> Segment = Gen.Frequency(
        (4, Gen.OneOfConst(Existing)),
        (2, Gen.OneOfConst("..", ".", "~", "link")),
        (3, Name));

    private Gen<(string Location, string Path, bool Literal)> Cases => Gen.Select(
        Gen.Int[0, locations.Length - 1],
        Segment.Array[1, 4],
        Gen.Int[0, 4],
        Gen.Bool,
        Gen.Bool,
        (location, segments, form, trailing, literal) =>
        {
            var relative = string.Join("/", segments) + (trailing ? "/" : string.Empty);
            var path = form switch
            {
                0 => relative,
                1 => "./" + relative,
                2 => scratch.Root + "/" + relative,
                3 => "FileSystem::" + scratch.Root + "/" + relative,
                _ => scratch.Root + "//" + relative,
            };
            return (locations[location], path, literal);
        });

    [Fact]
    public void Answers_as_PowerShell_does_wherever_it_answers()
    {
        var answered = new int[2];
        Cases.Sample(
            c =>
            {
                var result = session.Run(
                    "param($L, $P, $Literal) Set-Location -LiteralPath $L; Resolve-TownRootProbe -Path $P -Literal:$Literal",
                    new { L = c.Location, P = c.Path, c.Literal });
                var answers = (TownRootAnswers)result.NoErrors().Output.Single().BaseObject;
                if (answers.Fast is null)
                {
                    return true;
                }

                answered[c.Literal ? 1 : 0]++;
                return answers.PowerShell is not null && answers.Provider == "FileSystem" && answers.Fast == WithoutEndSeparator(answers.PowerShell);
            },
            iter: 400,
            threads: 1,
            print: c => $"location '{c.Location}', path '{c.Path}', literal {c.Literal}");

        // Not vacuous: the fast path answered for both kinds of path.
        Assert.True(answered[0] > 20 && answered[1] > 20, $"The fast path answered {answered[0]} -TownRoot and {answered[1]} -LiteralTownRoot paths of 400.");
    }

    [Fact]
    public void Resolves_an_existing_directory_as_PowerShell_resolves_it()
    {
        Gen.Select(Gen.Int[0, locations.Length - 1], Gen.OneOfConst(Existing.Where(e => e.IndexOfAny(new[] { '[', ']' }) < 0).ToArray()), Gen.Bool)
            .Sample(
                c =>
                {
                    var (location, name, absolute) = c;
                    var path = absolute ? Path.Combine(scratch.Root, name) : Path.GetRelativePath(locations[location], Path.Combine(scratch.Root, name));
                    var result = session.Run(
                        "param($L, $P) Set-Location -LiteralPath $L; (Resolve-TownRootProbe -Path $P).Fast; $ExecutionContext.SessionState.Path.GetResolvedProviderPathFromPSPath($P, [ref]$null)",
                        new { L = locations[location], P = path });
                    var answers = result.NoErrors().Output.Select(o => (string)o.BaseObject).ToArray();
                    return answers.Length == 2 && answers[0] == WithoutEndSeparator(answers[1]);
                },
                iter: 100,
                threads: 1,
                print: c => $"location '{locations[c.Item1]}', '{c.Item2}', absolute {c.Item3}");
    }

    private static string WithoutEndSeparator(string path)
    {
        var root = Path.GetPathRoot(path) ?? string.Empty;
        return path.Length > root.Length ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;
    }
}
