using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization.Json;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using GasTown.Deacon.Watching;

namespace GasTown.Deacon.FrameworkHarness;

/// <summary>
/// What the harness checks of the core through its public API: a write, read and update round trip; every golden
/// input read as Go reads it; every golden case written byte for byte as Go writes it; a watch's first pass.
/// </summary>
internal sealed class Checks
{
    private readonly string golden;
    private readonly string moduleFolder;
    private readonly Func<AssemblyName, string?> find;
    private int passed;
    private int failed;

    public Checks(string golden, string moduleFolder, Func<AssemblyName, string?> find)
    {
        this.golden = golden;
        this.moduleFolder = moduleFolder;
        this.find = find;
    }

    public int RunAll()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "deacon-framework-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            Check("the resolver finds every library the module's assemblies ask for, at that version or newer", ResolverFindsEveryReference);
            Check("write, read and update round trip", () => RoundTrip(Town(scratch, "round-trip")));
            foreach (var input in Directory.GetFiles(Path.Combine(golden, "read-inputs"), "*.json").OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(input);
                Check("golden read " + name, () => GoldenRead(Town(scratch, "read-" + name), name));
            }

            WriteCase[] cases;
            using (var stream = File.OpenRead(Path.Combine(golden, "write-cases.json")))
            {
                cases = (WriteCase[])new DataContractJsonSerializer(typeof(WriteCase[])).ReadObject(stream);
            }

            foreach (var c in cases)
            {
                Check("golden write " + c.Name, () => GoldenWrite(Town(scratch, "write-" + c.Name), c));
            }

            Check("a watch's first pass over three towns", () => WatchFirstPass(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        Console.WriteLine($"Mono harness: {passed} passed, {failed} failed");
        return failed;
    }

    // A runtime that checks versions strictly (.NET Framework) asks the resolver for each of these whose version
    // differs from the file's; a lenient one (Mono) may never ask. So every reference is put to the resolver here.
    private void ResolverFindsEveryReference()
    {
        var shipped = Directory.GetFiles(moduleFolder, "*.dll").ToDictionary(Path.GetFileNameWithoutExtension, StringComparer.Ordinal);
        var asked = shipped.Values.SelectMany(path => Assembly.ReflectionOnlyLoadFrom(path).GetReferencedAssemblies()).ToList();
        var checkedCount = 0;
        foreach (var reference in asked.Where(r => shipped.ContainsKey(r.Name!)))
        {
            var found = find(reference);
            Expect(found == shipped[reference.Name!], $"{reference.FullName} resolved to '{found}'");
            checkedCount++;
        }

        Expect(checkedCount > 0, "no reference to a shipped library was found");
        Expect(asked.Where(r => r.Name == "System.Runtime.CompilerServices.Unsafe").Select(r => r.Version).Distinct().Count() > 1,
            "the libraries no longer ask for different versions of System.Runtime.CompilerServices.Unsafe");
    }

    private static string Town(string scratch, string name)
    {
        var root = Path.Combine(scratch, name);
        Directory.CreateDirectory(root);
        return root;
    }

    private static void RoundTrip(string root)
    {
        var store = new HeartbeatStore(root);
        var record = new HeartbeatRecord
        {
            Timestamp = new DateTimeOffset(2025, 12, 1, 10, 0, 0, 123, TimeSpan.FromHours(2)),
            Cycle = 41,
            LastAction = "patrol: <4> witnesses & \u2028 checked",
            HealthyAgents = 4,
            UnhealthyAgents = 1,
        };
        store.Write(record);
        Expect(record.Equals(store.Read()), "read back differs from what was written");
        var updated = store.Update("recovered", 5, 0).Written;
        Expect(updated.Cycle == 42 && updated.LastAction == "recovered" && updated.HealthyAgents == 5, $"update wrote {updated}");
        Expect(updated.Equals(store.Read()), "read after update differs");
        var status = store.Observe(HeartbeatThresholds.Default).Status;
        Expect(status == HeartbeatStatus.Fresh, $"a heartbeat written now is {status}");
    }

    private void GoldenRead(string root, string name)
    {
        var store = new HeartbeatStore(root);
        Directory.CreateDirectory(Path.GetDirectoryName(store.FilePath)!);
        File.Copy(Path.Combine(golden, "read-inputs", name + ".json"), store.FilePath);
        var accepted = Path.Combine(golden, "read", name + ".json");
        if (!File.Exists(accepted))
        {
            try
            {
                store.Read();
            }
            catch (HeartbeatInvalidException)
            {
                return;
            }

            throw new InvalidOperationException("Go refuses this input; it was accepted");
        }

        var ours = store.Read();
        var goStore = new HeartbeatStore(Town(Path.GetDirectoryName(root)!, "go-" + name));
        Directory.CreateDirectory(Path.GetDirectoryName(goStore.FilePath)!);
        File.Copy(accepted, goStore.FilePath);
        var fromGo = goStore.Read();
        Expect(fromGo.Equals(ours), $"read {ours}, Go read {fromGo}");
    }

    private void GoldenWrite(string root, WriteCase c)
    {
        var record = new HeartbeatRecord
        {
            Timestamp = DateTimeOffset.Parse(c.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Cycle = c.Cycle,
            LastAction = c.LastAction ?? string.Empty,
            HealthyAgents = c.HealthyAgents,
            UnhealthyAgents = c.UnhealthyAgents,
        };
        var store = new HeartbeatStore(root);
        store.Write(record);
        var expected = File.ReadAllBytes(Path.Combine(golden, "write", c.Name + ".json"));
        Expect(expected.SequenceEqual(File.ReadAllBytes(store.FilePath)), "bytes differ from Go's");
    }

    private static void WatchFirstPass(string scratch)
    {
        var roots = Enumerable.Range(0, 3).Select(i => Town(scratch, "watch-" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        foreach (var root in roots)
        {
            new HeartbeatStore(root).Update("watched");
        }

        using var watcher = new HeartbeatWatcher(roots, HeartbeatThresholds.Default);
        var events = watcher.Watch(TimeSpan.FromMilliseconds(300), default).ToList();
        Expect(events.Count == 3 && events.All(e => e.Heartbeat?.LastAction == "watched"), $"{events.Count} events");
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private void Check(string name, Action check)
    {
        try
        {
            check();
            passed++;
        }
        catch (Exception ex)
        {
            failed++;
            Console.WriteLine($"FAIL {name}: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
