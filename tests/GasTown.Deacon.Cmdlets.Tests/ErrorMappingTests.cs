using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using GasTown.Deacon.Commands;
using GasTown.Deacon.Errors;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>
/// The mapping of every failure the core reports to an ErrorRecord, held to the table of about_GasTown.Deacon_Errors. Table-driven: a new
/// exception type, or a new I/O fault, with no row here fails the first tests, so none slips through to the
/// catch-all HeartbeatIOError unnoticed.
/// </summary>
public sealed class ErrorMappingTests
{
    private const string File = "/srv/towns/alpha/deacon/heartbeat.json";

    // The ids that no core exception carries: the cmdlets raise them themselves (EngineErrorTests has them end to end).
    private static readonly string[] CmdletOwnIds =
    {
        ErrorIds.NotInTown, ErrorIds.TownRootNotFileSystem, ErrorIds.InvalidThresholds, ErrorIds.InputNotHeartbeat,
    };

    public static IEnumerable<ErrorCase> Table()
    {
        var paused = new PauseState { Paused = true, Reason = "maintenance", PausedBy = "ops", PausedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        foreach (var writing in new[] { false, true })
        {
            var verb = writing ? "writing" : "reading";
            yield return new($"not found, {verb}", new HeartbeatNotFoundException(File), writing, ErrorIds.HeartbeatNotFound, ErrorCategory.ObjectNotFound);
            yield return new($"invalid, {verb}", new HeartbeatInvalidException(File, "line 1, column 2: unexpected end"), writing, ErrorIds.HeartbeatInvalid, ErrorCategory.InvalidData);
            yield return new($"too large on disk, {verb}", new HeartbeatTooLargeException(File, 2 << 20, 1 << 20), writing, ErrorIds.HeartbeatTooLarge, ErrorCategory.InvalidData);
            yield return new($"too large to write, {verb}", new HeartbeatTooLargeException(File, 2 << 20, 1 << 20, refusedWrite: true), writing, ErrorIds.HeartbeatTooLarge, ErrorCategory.InvalidArgument);
            yield return new($"no town root, {verb}", new TownRootNotFoundException("/srv/towns/zulu"), writing, ErrorIds.TownRootNotFound, ErrorCategory.ObjectNotFound);
            yield return new($"not a town, {verb}", new NotATownRootException("/srv/towns/alpha/deacon", "/srv/towns/alpha"), writing, ErrorIds.NotATownRoot, ErrorCategory.InvalidArgument);
            yield return new($"not a town in no town, {verb}", new NotATownRootException("/srv/stray", null), writing, ErrorIds.NotATownRoot, ErrorCategory.InvalidArgument);
            yield return new($"lock timeout, {verb}", new HeartbeatLockTimeoutException(File + ".lock", TimeSpan.FromSeconds(10), null), writing, ErrorIds.HeartbeatLockTimeout, ErrorCategory.OperationTimeout);
            yield return new($"cycle overflow, {verb}", new HeartbeatCycleOverflowException(File), writing, ErrorIds.HeartbeatCycleOverflow, ErrorCategory.LimitsExceeded);
            yield return new($"paused, {verb}", new DeaconPausedException("/srv/towns/alpha/.runtime/deacon/paused.json", paused), writing, ErrorIds.DeaconPaused, ErrorCategory.ResourceUnavailable);
            yield return new($"pause file invalid, {verb}", new PauseInvalidException("/srv/towns/alpha/.runtime/deacon/paused.json", "line 1, column 1: not JSON"), writing, ErrorIds.PauseFileInvalid, ErrorCategory.InvalidData);
            foreach (var fault in Enum.GetValues<HeartbeatIOFault>())
            {
                var category = fault switch
                {
                    HeartbeatIOFault.PermissionDenied or HeartbeatIOFault.ReadOnlyFileSystem => ErrorCategory.PermissionDenied,
                    HeartbeatIOFault.NoSpace => ErrorCategory.ResourceUnavailable,
                    HeartbeatIOFault.LinkInTheWay => ErrorCategory.SecurityError,
                    HeartbeatIOFault.PathTooLong => ErrorCategory.InvalidArgument,
                    HeartbeatIOFault.Other or HeartbeatIOFault.DirectoryInTheWay or HeartbeatIOFault.FileInTheWay => writing ? ErrorCategory.WriteError : ErrorCategory.ReadError,
                    _ => throw new InvalidOperationException($"The I/O fault {fault} has no row in this table: decide its category, and document it in about_GasTown.Deacon_Errors."),
                };
                yield return new($"I/O fault {fault}, {verb}", new HeartbeatIOException("Cannot read the heartbeat", File, fault, "cause", new IOException("cause")), writing, ErrorIds.HeartbeatIOError, category);
            }
        }
    }

    public static TheoryData<ErrorCase> Cases => new(Table());

    [Fact]
    public void Every_public_exception_of_the_core_has_rows_in_the_table()
    {
        var thrown = typeof(HeartbeatException).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "GasTown.Deacon.Errors" && typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract)
            .ToHashSet();
        var tabled = Table().Select(c => c.Exception.GetType()).ToHashSet();
        Assert.NotEmpty(thrown);
        Assert.Empty(thrown.Except(tabled).Select(t => t.Name));
        Assert.All(thrown, t => Assert.True(typeof(HeartbeatException).IsAssignableFrom(t), $"{t.Name} is not a HeartbeatException: the cmdlets catch only those."));
    }

    [Fact]
    public void Every_io_fault_has_rows_in_the_table()
    {
        var tabled = Table().Select(c => c.Exception).OfType<HeartbeatIOException>().Select(e => e.Fault).ToHashSet();
        Assert.Equal(Enum.GetValues<HeartbeatIOFault>().ToHashSet(), tabled);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_each_failure_to_its_id_and_category_with_the_path_as_target_and_the_message_as_is(ErrorCase row)
    {
        var record = HeartbeatErrors.ToErrorRecord(row.Exception, row.Writing);
        Assert.Equal(row.Id, record.FullyQualifiedErrorId);
        Assert.Equal(row.Category, record.CategoryInfo.Category);
        Assert.Equal(row.Exception.Path, record.TargetObject);
        Assert.Same(row.Exception, record.Exception);
        Assert.Equal(row.Exception.Message, record.ToString());
        Assert.Contains(row.Exception.Path, row.Exception.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_each_failure_an_id_and_category_the_errors_topic_documents(ErrorCase row)
    {
        Assert.Contains((row.Id, row.Category.ToString()), DocumentedErrors());
    }

    [Fact]
    public void Documents_every_error_id_and_every_row_the_cmdlets_give()
    {
        var documented = DocumentedErrors();
        var ids = typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(ids.Except(documented.Select(d => d.Id)));

        // Every documented row comes from the table, or is one the cmdlets raise themselves.
        var mapped = Table().Select(c => (c.Id, c.Category.ToString())).ToHashSet();
        Assert.Empty(documented.Except(mapped).Select(d => d.Id).Except(CmdletOwnIds));
    }

    [Fact]
    public void Maps_a_heartbeat_failure_of_a_kind_it_does_not_know_to_the_catch_all_io_error()
    {
        var unknown = new UnknownFailure("/srv/towns/alpha/deacon/heartbeat.json");
        Assert.Equal(ErrorCategory.ReadError, HeartbeatErrors.ToErrorRecord(unknown, writing: false).CategoryInfo.Category);
        Assert.Equal(ErrorCategory.WriteError, HeartbeatErrors.ToErrorRecord(unknown, writing: true).CategoryInfo.Category);
        Assert.Equal(ErrorIds.HeartbeatIOError, HeartbeatErrors.ToErrorRecord(unknown, writing: true).FullyQualifiedErrorId);
    }

    /// <summary>
    /// The errors the about_GasTown.Deacon_Errors topic documents (its THE ERRORS section, an entry "Id (Category)" each)
    /// as (id, category) pairs; "ReadError or WriteError" gives both.
    /// </summary>
    private static HashSet<(string Id, string Category)> DocumentedErrors()
    {
        var topic = System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src/GasTown.Deacon/help/about_GasTown.Deacon_Errors.help.txt"));
        var section = Regex.Match(topic, @"^THE ERRORS\s*$(.*?)^FAULTS", RegexOptions.Multiline | RegexOptions.Singleline).Groups[1].Value;
        var rows = new HashSet<(string, string)>();
        foreach (Match row in Regex.Matches(section, @"^    (\w+) \(([\w ]+?)\)\s*$", RegexOptions.Multiline))
        {
            foreach (var category in row.Groups[2].Value.Split(" or "))
            {
                rows.Add((row.Groups[1].Value, category.Trim()));
            }
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
