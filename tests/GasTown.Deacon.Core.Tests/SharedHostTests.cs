using System;
using System.IO;
using GasTown.Deacon.Storage;
using Xunit;
using static GasTown.Deacon.Tests.TestAccounts;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A shared Gas Town host, with real accounts: the town belongs to the daemon's account (<see cref="TownOwner"/>),
/// Gas Town's files are 0600, and two members of a team group (<see cref="Ana"/>, <see cref="Ben"/>) read and write
/// it. Each call runs as that user in a worker process; the results are looked at as root.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SharedHostTests : IDisposable
{
    private static readonly UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly UnixFileMode Mode0660 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private static readonly UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly UnixFileMode Mode0755 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private static readonly UnixFileMode Mode0775 = Mode0755 | UnixFileMode.GroupWrite;
    private static readonly UnixFileMode Mode0777 = Mode0775 | UnixFileMode.OtherWrite;

    private readonly string host = Path.Combine(Path.GetTempPath(), "gtdeacon-host-" + Guid.NewGuid().ToString("N"));

    public SharedHostTests()
    {
        Require();
        Directory.CreateDirectory(host);
        File.SetUnixFileMode(host, Mode0755);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(host, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void A_town_the_caller_cannot_enter_is_permission_denied_never_not_a_town()
    {
        var town = Town("closed", cycle: 7);
        File.SetUnixFileMode(town, Mode0700);

        var permissionDenied = $"HeartbeatIOException|PermissionDenied|Cannot look into the town '{town}': permission denied.";
        Assert.Equal((1, permissionDenied), Core(Ana, "is-town", town));
        Assert.Equal((1, permissionDenied), Core(Ana, "settings", town));
        Assert.Equal(
            (1, $"HeartbeatIOException|PermissionDenied|Cannot read the heartbeat file '{HeartbeatStore.GetHeartbeatPath(town)}': permission denied."),
            Core(Ana, "read", town));
        Assert.Equal((1, permissionDenied), Core(Ana, "update", town));
        Assert.Equal((0, "ok town"), Core(TownOwner, "is-town", town));
    }

    [Fact]
    public void A_town_under_a_folder_the_caller_cannot_enter_is_permission_denied_never_missing()
    {
        var parent = Path.Combine(host, "closed-parent");
        Directory.CreateDirectory(parent);
        var town = Path.Combine(parent, "town");
        Directory.CreateDirectory(Path.Combine(town, "mayor"));
        Own(parent, TownOwner, TownOwner, recursive: true);
        File.SetUnixFileMode(parent, Mode0700);

        var permissionDenied = $"HeartbeatIOException|PermissionDenied|Cannot look into the town '{town}': permission denied.";
        Assert.Equal((1, permissionDenied), Core(Ana, "is-town", town));
        Assert.Equal((1, permissionDenied), Core(Ana, "update", town));
        Assert.Equal((1, permissionDenied), Core(Ana, "pause", town));
        Assert.Equal((0, "ok 1"), Core(TownOwner, "update", town));
    }

    [Fact]
    public void A_pause_file_only_its_owner_may_read_leaves_the_pause_unknown_not_absent()
    {
        var town = Town("paused", cycle: 7);
        Assert.Equal((0, "ok by " + TownOwner), Core(TownOwner, "pause", town));
        Assert.Equal(Mode0600, File.GetUnixFileMode(PauseStore.GetPausePath(town)));

        Assert.Equal(
            (1, $"HeartbeatIOException|PermissionDenied|Cannot read the Deacon's pause file '{PauseStore.GetPausePath(town)}': permission denied."),
            Core(Ana, "read-pause", town));
        Assert.Equal((0, "ok paused True"), Core(TownOwner, "read-pause", town));
    }

    [Fact]
    public void A_runtime_folder_the_caller_cannot_enter_leaves_the_pause_unknown_not_absent()
    {
        var town = Town("runtime", cycle: 7);
        var runtime = Path.Combine(town, ".runtime");
        Directory.CreateDirectory(runtime);
        Own(runtime, TownOwner, TownOwner);
        File.SetUnixFileMode(runtime, Mode0700);

        Assert.Equal(
            (1, $"HeartbeatIOException|PermissionDenied|Cannot read the Deacon's pause file '{PauseStore.GetPausePath(town)}': permission denied."),
            Core(Ana, "read-pause", town));
        Assert.Equal((0, "ok none"), Core(TownOwner, "read-pause", town));
    }

    [Fact]
    public void A_settings_file_the_caller_cannot_read_is_a_problem_in_plain_words_and_the_town_still_answers()
    {
        var town = Town("settings", cycle: 7, heartbeatMode: Mode0644);
        var settings = Path.Combine(town, "settings", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, "{}");
        Own(Path.GetDirectoryName(settings)!, TownOwner, TownOwner, recursive: true);
        File.SetUnixFileMode(settings, Mode0600);

        Assert.Equal((0, "ok it cannot be read: permission denied"), Core(Ana, "settings", town));
        Assert.Equal((0, "ok 7"), Core(Ana, "read", town));
        File.SetUnixFileMode(settings, Mode0644);
        Assert.Equal((0, "ok no problem"), Core(Ana, "settings", town));
    }

    [Fact]
    public void A_heartbeat_shared_by_a_group_stays_the_groups_whoever_writes_it()
    {
        var town = Town("team", cycle: 7, deaconMode: Mode0775, heartbeatMode: Mode0660, group: Team);
        var heartbeat = HeartbeatStore.GetHeartbeatPath(town);

        Assert.Equal((0, "ok 8"), Core(Ana, "update", town));
        Assert.Equal((Mode0660, $"{Ana}:{Team}"), (File.GetUnixFileMode(heartbeat), OwnerOf(heartbeat)));

        // The lock Ana made is the team's too, even under a umask that shuts everyone else out of new files.
        var lockFile = heartbeat + ".lock";
        Assert.Equal($"{Ana}:{Team}", OwnerOf(lockFile));
        Assert.Equal(Mode0660, File.GetUnixFileMode(lockFile));
        Assert.Equal((0, "ok 9"), Core(Ben, "update", town, umask: "077"));
        Assert.Equal((Mode0660, $"{Ben}:{Team}"), (File.GetUnixFileMode(heartbeat), OwnerOf(heartbeat)));
        Assert.Equal((0, "ok 10"), Core(TownOwner, "update", town));
        Assert.Equal((0, "ok 10"), Core(Ana, "read", town));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(heartbeat)!, "*.tmp"));
    }

    [Fact]
    public void A_lock_made_before_any_heartbeat_under_a_strict_umask_shuts_nobody_out()
    {
        var town = Town("fresh", cycle: null, deaconMode: Mode0775, group: Team);

        Assert.Equal((0, "ok 1"), Core(Ana, "update", town, umask: "077"));
        var lockFile = HeartbeatStore.GetHeartbeatPath(town) + ".lock";
        Assert.Equal(($"{Ana}:{Team}", Mode0644), (OwnerOf(lockFile), File.GetUnixFileMode(lockFile)));

        // Ben may take the lock Ana made; the heartbeat itself is Ana's new file, 0600 under her umask, as Go would
        // make it, so Ben may not even read it, and is told so without a word of the lock.
        Assert.Equal(
            (1, $"HeartbeatIOException|PermissionDenied|Cannot read the heartbeat file '{HeartbeatStore.GetHeartbeatPath(town)}': permission denied."),
            Core(Ben, "update", town));
    }

    [Fact]
    public void Root_writing_the_daemons_heartbeat_leaves_it_the_daemons()
    {
        var town = Town("daemon", cycle: 7, heartbeatMode: Mode0600);
        var store = new HeartbeatStore(town);

        Assert.Equal(8, store.Update("by root", cancellationToken: TestContext.Current.CancellationToken).Written.Cycle);
        Assert.Equal((Mode0600, $"{TownOwner}:{TownOwner}"), (File.GetUnixFileMode(store.FilePath), OwnerOf(store.FilePath)));
        Assert.Equal($"{TownOwner}:{TownOwner}", OwnerOf(store.LockPath));
        Assert.Equal((0, "ok 9"), Core(TownOwner, "update", town));

        Assert.Equal((0, "ok by " + TownOwner), Core(TownOwner, "pause", town));
        new PauseStore(town).Pause("by root", "root");
        Assert.Equal((Mode0600, $"{TownOwner}:{TownOwner}"), (File.GetUnixFileMode(PauseStore.GetPausePath(town)), OwnerOf(PauseStore.GetPausePath(town))));
        Assert.Equal((0, "ok by " + TownOwner), Core(TownOwner, "pause", town));
    }

    [Fact]
    public void A_caller_who_could_not_write_the_heartbeat_in_place_is_refused_and_nothing_changes()
    {
        // The folder lets anyone make files, so a rename would succeed; the file's own mode says no, as it would to Go.
        var town = Town("guarded", cycle: 7, deaconMode: Mode0777, heartbeatMode: UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var heartbeat = HeartbeatStore.GetHeartbeatPath(town);
        var before = File.ReadAllBytes(heartbeat);

        Assert.Equal(
            (1, $"HeartbeatIOException|PermissionDenied|Cannot write the heartbeat '{heartbeat}': permission denied; the previous one is unchanged."),
            Core(Ana, "update", town));
        Assert.Equal(before, File.ReadAllBytes(heartbeat));
        Assert.Equal($"{TownOwner}:{TownOwner}", OwnerOf(heartbeat));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(heartbeat)!, "*.tmp"));

        Assert.Equal((0, "ok by " + TownOwner), Core(TownOwner, "pause", town));
        File.SetUnixFileMode(Path.Combine(town, ".runtime", "deacon"), Mode0777);
        Assert.Equal(
            (1, $"HeartbeatIOException|PermissionDenied|Cannot write the Deacon's pause file '{PauseStore.GetPausePath(town)}': permission denied; any previous one is unchanged."),
            Core(Ana, "pause", town));
    }

    /// <summary>A town owned by the daemon's account, with a heartbeat at <paramref name="cycle"/> (none when null).</summary>
    private string Town(string name, long? cycle, UnixFileMode? deaconMode = null, UnixFileMode? heartbeatMode = null, string? group = null)
    {
        var town = Path.Combine(host, name);
        Directory.CreateDirectory(Path.Combine(town, "mayor"));
        Directory.CreateDirectory(Path.Combine(town, "deacon"));
        if (cycle is long c)
        {
            new HeartbeatStore(town).Write(new HeartbeatRecord { Timestamp = DateTimeOffset.UtcNow, Cycle = c }, TestContext.Current.CancellationToken);
            File.Delete(HeartbeatStore.GetHeartbeatPath(town) + ".lock");
        }

        Own(town, TownOwner, TownOwner, recursive: true);
        if (group is not null)
        {
            Own(Path.Combine(town, "deacon"), TownOwner, group, recursive: true);
        }

        File.SetUnixFileMode(Path.Combine(town, "deacon"), deaconMode ?? Mode0755);
        if (cycle is not null)
        {
            File.SetUnixFileMode(HeartbeatStore.GetHeartbeatPath(town), heartbeatMode ?? Mode0600);
        }

        return town;
    }
}
