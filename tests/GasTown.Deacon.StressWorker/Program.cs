using System;
using System.IO;
using GasTown.Deacon;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Format;
using GasTown.Deacon.Storage;

// Usage:
//   GasTown.Deacon.StressWorker <townRoot> <updates>
//     Performs that many locked updates, each with a distinct action, and exits 0; any failure exits 1.
//   GasTown.Deacon.StressWorker write-in-place <townRoot>
//     Writes fresh heartbeats as Go's WriteHeartbeat does (os.WriteFile: truncate, then write, no lock), in a loop,
//     until killed. Prints "writing" once the first heartbeat is on disk.
//   GasTown.Deacon.StressWorker stop-in-write <townRoot> half-written|before-rename
//     Updates once, stopping inside the write (half the temp file written, or the temp file complete just before
//     the rename), prints "stopped" and waits there to be killed: a writer killed at a known point.
//   GasTown.Deacon.StressWorker hold-lock <townRoot>
//     Takes the heartbeat lock, prints "held", and keeps it until standard input closes.
//   GasTown.Deacon.StressWorker as-account <verb> <townRoot>
//     One call of the core, as whichever account runs the worker (the permission tests run it as other users),
//     printing one line: "ok <what it found>", or "<exception type>|<fault>|<message>". Verbs: update, read,
//     pause, read-pause, is-town, settings.
if (args.Length == 3 && args[0] == "as-account")
{
    return AsAccount(args[1], args[2]);
}

if (args.Length == 2 && args[0] == "write-in-place")
{
    return WriteInPlace(args[1]);
}

if (args.Length == 3 && args[0] == "stop-in-write")
{
    return StopInWrite(args[1], args[2]);
}

if (args.Length == 2 && args[0] == "hold-lock")
{
    var holder = new HeartbeatStore(args[1]);
    Directory.CreateDirectory(holder.DeaconDirectory);
    using (HeartbeatLock.Acquire(holder.LockPath, TimeSpan.Zero))
    {
        Console.WriteLine("held");
        Console.In.ReadToEnd();
    }

    return 0;
}

if (args.Length != 2 || !int.TryParse(args[1], out var updates))
{
    Console.Error.WriteLine("usage: GasTown.Deacon.StressWorker <townRoot> <updates> | write-in-place <townRoot> | hold-lock <townRoot>");
    return 2;
}

var store = new HeartbeatStore(args[0], lockTimeout: TimeSpan.FromMinutes(2));
try
{
    for (var i = 0; i < updates; i++)
    {
        store.Update($"worker {Environment.ProcessId} update {i}", i, 0);
    }
}
catch (HeartbeatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

return 0;

static int WriteInPlace(string townRoot)
{
    // Go takes no lock; neither may this writer, or .NET's flock would keep readers out at just the wrong moment.
    AppContext.SetSwitch("System.IO.DisableFileLocking", true);
    var path = HeartbeatStore.GetHeartbeatPath(townRoot);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    for (long cycle = 1; ; cycle++)
    {
        var bytes = HeartbeatJsonWriter.Serialize(new HeartbeatRecord { Timestamp = DateTimeOffset.UtcNow, Cycle = cycle });

        // FileMode.Create is O_CREAT|O_TRUNC, as os.WriteFile; an unbuffered stream writes it in one write(2).
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1))
        {
            file.Write(bytes, 0, bytes.Length);
        }

        if (cycle == 1)
        {
            Console.WriteLine("writing");
            Console.Out.Flush();
        }
    }
}

static int AsAccount(string verb, string townRoot)
{
    try
    {
        var said = verb switch
        {
            "update" => new HeartbeatStore(townRoot, lockTimeout: TimeSpan.FromSeconds(30)).Update("by " + Environment.UserName).Written.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "read" => new HeartbeatStore(townRoot).Read().Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "pause" => new PauseStore(townRoot).Pause("by " + Environment.UserName, Environment.UserName).Reason,
            "read-pause" => new PauseStore(townRoot).Read() is { } pause ? "paused " + pause.Paused : "none",
            "is-town" => TownLocator.IsTown(townRoot) ? "town" : "not a town",
            "settings" => GasTown.Deacon.Settings.TownSettingsCache.Shared.Get(townRoot).FileProblem ?? "no problem",
            _ => throw new ArgumentException("unknown verb " + verb),
        };
        Console.WriteLine("ok " + said);
        return 0;
    }
    catch (HeartbeatException ex)
    {
        Console.WriteLine($"{ex.GetType().Name}|{(ex as HeartbeatIOException)?.Fault}|{ex.Message}");
        return 1;
    }
}

static int StopInWrite(string townRoot, string where)
{
    var store = new HeartbeatStore(townRoot);
    void Stop()
    {
        Console.WriteLine("stopped");
        Console.Out.Flush();
        System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
    }

    if (where == "half-written")
    {
        store.Hooks.TempStreamWrapper = file => new StopHalfway(file, Stop);
    }
    else
    {
        store.Hooks.BeforeReplace = _ => Stop();
    }

    store.Update("killed in the write");
    return 1;
}

/// <summary>Writes the first half of what it is given, flushed to the file, then stops the process there.</summary>
internal sealed class StopHalfway : Stream
{
    private readonly Stream inner;
    private readonly Action stop;

    public StopHalfway(Stream inner, Action stop)
    {
        this.inner = inner;
        this.stop = stop;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count / 2);
        inner.Flush();
        stop();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
