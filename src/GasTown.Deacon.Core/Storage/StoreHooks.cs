using System;
using System.IO;

namespace GasTown.Deacon.Storage;

/// <summary>
/// The stores' test seams and read timings, in one place: a test may fail a write part-way, stop a writer at a known
/// point, stand in for the lock file, or shorten the waits beside a writer in place. Nothing else sets them.
/// </summary>
internal sealed class StoreHooks
{
    /// <summary>Wraps the temp file's stream, so a test can make the write fail part-way.</summary>
    public Func<Stream, Stream>? TempStreamWrapper { get; set; }

    /// <summary>Runs after the temp file is complete, just before it replaces the target.</summary>
    public Action<string>? BeforeReplace { get; set; }

    /// <summary>Runs before the rename over the target is tried again, with the attempt just made.</summary>
    public Action<int>? BeforeReplaceRetry { get; set; }

    /// <summary>Runs before a read looks again at a file caught mid-write, with the attempt just made.</summary>
    public Action<int>? BeforeReadRetry { get; set; }

    /// <summary>Opens the lock file (path, mode) instead of the file system.</summary>
    public Func<string, FileMode, FileStream>? LockFileOpener { get; set; }

    /// <summary>Runs each time the lock is found held, before waiting.</summary>
    public Action? WhileLockHeld { get; set; }

    /// <summary>The clock a file's write time is read against (the file system's, so real time).</summary>
    public Func<DateTime> FileClock { get; set; } = () => DateTime.UtcNow;

    /// <summary>
    /// How long ago a file caught mid-write (empty, cut short, growing) must have been written, by its own write time,
    /// before a read takes it as it is. A writer in place (Go's os.WriteFile) truncates, then writes: descheduled in
    /// between, it leaves the file empty for as long as the machine is busy (up to about 0.8 s was seen on a busy
    /// 2-core machine). A file left so long ago (a crashed writer) is reported after a few looks.
    /// </summary>
    public TimeSpan ReadSettledAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a read keeps looking at a file caught mid-write while it keeps changing: beside a writer in a tight
    /// loop the file is empty most of the time, so it may take many looks; a file rewritten wrong forever must still
    /// be reported.
    /// </summary>
    public TimeSpan ReadPatience { get; set; } = TimeSpan.FromSeconds(2);
}
