using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/memory                  # every scenario (about a minute on 2 cores)
//   dotnet run -c Release --project bench/memory -- --only PERF701 # one rule (PERF302: the in-memory cache scenario)
//   dotnet run -c Release --project bench/memory -- --smoke        # one tiny round of each scenario (figures meaningless)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var smoke = args.Contains("--smoke");
var onlyIndex = Array.IndexOf(args, "--only");
var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1].Split(',') : [];
bool Includes(string rule) => only.Length == 0 || only.Any(o => rule.StartsWith(o, StringComparison.OrdinalIgnoreCase));
var command = "dotnet run -c Release --project bench/memory" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");

var report = new StringBuilder();
var commandLine = $"- Command: `{command}`{(smoke ? " (SMOKE: one tiny round, figures meaningless)" : "")}";
var machineLine = $"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
if (Includes("PERF701") || Includes("PERF702"))
{
    report.AppendLine("## Serialization and memory (PERF7xx): flagged code vs the code the fix produces, in process");
    report.AppendLine();
    report.AppendLine(commandLine);
    report.AppendLine(machineLine);
    report.AppendLine("- Each round runs the flagged and the fixed variant one after the other (alternating which goes first); 2 warm-up rounds, then the median of the measured rounds. Allocations: `GC.GetAllocatedBytesForCurrentThread()`; gen-2 collections: `GC.CollectionCount(2)`.");
    report.AppendLine();
    report.AppendLine("| Rule | Comparison | Metric | Flagged | Fixed | Flagged ÷ fixed |");
    report.AppendLine("|---|---|---|---:|---:|---:|");
}

var rounds = smoke ? 1 : 7;
var warmups = smoke ? 0 : 2;

if (Includes("PERF701"))
{
    var operations = smoke ? 100 : 10_000;
    var order = Order.Sample();
    var shared = new JsonSerializerOptions(JsonSerializerDefaults.Web);
    var sharedWithConverter = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    var plain = Compare(
        () => Serialise(operations, order, () => new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        () => Serialise(operations, order, () => shared));
    Row("PERF701", $"{operations:N0} serialisations, `new JsonSerializerOptions(JsonSerializerDefaults.Web)` per call vs one static instance", plain, first: true);

    var converter = Compare(
        () => Serialise(operations, order, () => new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } }),
        () => Serialise(operations, order, () => sharedWithConverter));
    Row("PERF701", $"same, options with a `JsonStringEnumConverter` (a converter instance defeats the runtime's shared metadata cache)", converter, first: true);
}

if (Includes("PERF702"))
{
    var requests = smoke ? 10 : 1_000;
    var payload = new byte[256 * 1024];
    new Random(7).NextBytes(payload);
    const int BufferSize = 128 * 1024;

    var buffers = Compare(
        () => Requests(requests, payload, () => new byte[BufferSize], _ => { }),
        () => Requests(requests, payload, () => ArrayPool<byte>.Shared.Rent(BufferSize), b => ArrayPool<byte>.Shared.Return(b)));
    Row("PERF702", $"{requests:N0} requests, each copying a 256 KiB body through a `new byte[128 * 1024]` vs `ArrayPool<byte>.Shared.Rent`", buffers, first: true);
}

if (Includes("PERF302"))
{
    // A search endpoint caching each distinct query's results in IMemoryCache, on a simulated clock: no entry is ever
    // read twice, as with keys built from free-text request input. Flagged: cache.Set(key, value); fixed: the same
    // with TimeSpan.FromSeconds(300), the fix's default. Two run lengths show growth against a flat line.
    var perHour = smoke ? 600 : 50_000;
    report.AppendLine();
    report.AppendLine("## In-memory cache (PERF302): what a cache keyed by request input retains after a bounded run");
    report.AppendLine();
    report.AppendLine(commandLine);
    report.AppendLine(machineLine);
    report.AppendLine($"- {perHour:N0} requests per simulated hour, each a new key (`\"search:\" + id + query`) whose value is five result records; `MemoryCacheOptions.Clock` is a manual clock advanced per request; background expiration scans are off during the run and at the end `Compact(0)` removes the expired entries only (what those scans do), and the bytes retained are `GC.GetTotalMemory(true)` with the cache alive minus the same once it is dropped. Median of {Math.Max(1, rounds / 2)} runs.");
    report.AppendLine();
    report.AppendLine("| Rule | Comparison | Metric | Flagged | Fixed | Flagged ÷ fixed |");
    report.AppendLine("|---|---|---|---:|---:|---:|");
    foreach (var hours in new[] { 1, 4 })
    {
        var requests = perHour * hours;
        var flagged = MedianRetention(() => CacheRun(requests, hours, expiration: null));
        var fixedRun = MedianRetention(() => CacheRun(requests, hours, expiration: TimeSpan.FromSeconds(300)));
        var what = $"{requests:N0} distinct search keys over {hours} simulated hour{(hours > 1 ? "s" : "")}, `cache.Set(key, results)` vs `cache.Set(key, results, TimeSpan.FromSeconds(300))`";
        report.AppendLine($"| PERF302 | {what} | entries retained | {flagged.Entries:N0} | {fixedRun.Entries:N0} | **{Ratio(flagged.Entries, fixedRun.Entries)}** |");
        report.AppendLine($"| PERF302 | | bytes retained (GC heap after a full collection) | {Bytes(flagged.Bytes)} | {Bytes(fixedRun.Bytes)} | {Ratio(flagged.Bytes, fixedRun.Bytes)} |");
    }
}

var text = report.ToString();
Console.WriteLine(text);
var resultsFile = Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", smoke ? "memory-smoke-results.md" : "memory-results.md");
Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
File.WriteAllText(resultsFile, text);
Console.Error.WriteLine($"Written to {resultsFile}");
return 0;

(Measurement Flagged, Measurement Fixed) Compare(Func<Measurement> flagged, Func<Measurement> fixedVariant)
{
    var a = new List<Measurement>();
    var b = new List<Measurement>();
    for (var round = 0; round < warmups + rounds; round++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Measurement x, y;
        if (round % 2 == 0)
        {
            x = flagged();
            GC.Collect();
            y = fixedVariant();
        }
        else
        {
            y = fixedVariant();
            GC.Collect();
            x = flagged();
        }
        if (round >= warmups)
        {
            a.Add(x);
            b.Add(y);
        }
    }
    return (Measurement.Median(a), Measurement.Median(b));
}

void Row(string rule, string what, (Measurement Flagged, Measurement Fixed) result, bool first)
{
    var (f, x) = result;
    report.AppendLine($"| {rule} | {what} | time (ms) | {f.Milliseconds:F1} | {x.Milliseconds:F1} | **{Ratio(f.Milliseconds, x.Milliseconds)}** |");
    report.AppendLine($"| {rule} | | allocated bytes | {Bytes(f.AllocatedBytes)} | {Bytes(x.AllocatedBytes)} | {Ratio(f.AllocatedBytes, x.AllocatedBytes)} |");
    report.AppendLine($"| {rule} | | gen-2 collections | {f.Gen2Collections:F0} | {x.Gen2Collections:F0} | {Ratio(f.Gen2Collections, x.Gen2Collections)} |");
}

// Entries and heap bytes a cache holds at the end of a run; the median of the rounds (retention is near deterministic).
(double Entries, double Bytes) MedianRetention(Func<(double Entries, double Bytes)> run)
{
    var all = Enumerable.Range(0, Math.Max(1, rounds / 2)).Select(_ => run()).ToList();
    return (all.Select(r => r.Entries).OrderBy(v => v).ElementAt(all.Count / 2), all.Select(r => r.Bytes).OrderBy(v => v).ElementAt(all.Count / 2));
}

// One simulated run: requests spread evenly over the hours; every request misses (a new key) and writes its results.
// At the end, Compact(0) removes expired entries only: what the cache's own expiration scans do. The bytes retained
// are the heap with the cache alive minus the heap once it is dropped, both after full collections.
static (double Entries, double Bytes) CacheRun(int requests, int hours, TimeSpan? expiration)
{
    var holder = new MemoryCache?[1];
    var entries = FillCache(holder, requests, hours, expiration);
    var withCache = GC.GetTotalMemory(forceFullCollection: true);
    holder[0]!.Dispose();
    holder[0] = null;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var withoutCache = GC.GetTotalMemory(forceFullCollection: true);
    return (entries, withCache - withoutCache);
}

[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static int FillCache(MemoryCache?[] holder, int requests, int hours, TimeSpan? expiration)
{
    var clock = new ManualClock();
    // No background scan during the run: it runs on the thread pool and would still hold the cache while the heap is
    // measured. Compact(0) at the end removes every expired entry, as the scans would have.
    var cache = new MemoryCache(new MemoryCacheOptions { Clock = clock, ExpirationScanFrequency = TimeSpan.FromDays(365) });
    holder[0] = cache;
    var step = TimeSpan.FromHours(hours) / requests;
    for (var i = 0; i < requests; i++)
    {
        clock.UtcNow += step;
        var key = "search:" + i.ToString("x8") + ":shoes size 42";
        if (!cache.TryGetValue(key, out _))
        {
            var results = SearchResults(i);
            if (expiration is { } ttl)
            {
                cache.Set(key, results, ttl);
            }
            else
            {
                cache.Set(key, results);
            }
        }
    }

    cache.Compact(0);
    return cache.Count;
}

// Five result lines of a product search: a few hundred bytes, like a small cached DTO list.
static OrderLine[] SearchResults(int seed)
    => Enumerable.Range(0, 5).Select(j => new OrderLine(seed + j, "Product " + (seed + j), 1, 9.99m)).ToArray();

static Measurement Serialise(int operations, Order order, Func<JsonSerializerOptions> options)
{
    return Measure(() =>
    {
        var length = 0;
        for (var i = 0; i < operations; i++)
        {
            length += JsonSerializer.Serialize(order, options()).Length;
        }
        return length;
    });
}

// One "request": read the body into a buffer chunk by chunk and hand each chunk on (here: a checksum).
static Measurement Requests(int requests, byte[] payload, Func<byte[]> acquire, Action<byte[]> release)
{
    return Measure(() =>
    {
        var checksum = 0;
        for (var i = 0; i < requests; i++)
        {
            using var body = new MemoryStream(payload, writable: false);
            var buffer = acquire();
            try
            {
                int read;
                while ((read = body.Read(buffer, 0, 128 * 1024)) > 0)
                {
                    checksum += buffer[read - 1];
                }
            }
            finally
            {
                release(buffer);
            }
        }
        return checksum;
    });
}

static Measurement Measure(Func<int> work)
{
    var gen2 = GC.CollectionCount(2);
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var result = work();
    watch.Stop();
    GC.KeepAlive(result);
    return new Measurement(watch.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocated, GC.CollectionCount(2) - gen2);
}

static string Ratio(double flagged, double fixedValue)
{
    if (fixedValue == 0)
    {
        return flagged == 0 ? "1.00" : "∞";
    }
    var ratio = flagged / fixedValue;
    return ratio >= 100 ? ratio.ToString("F0") : ratio >= 0.1 ? ratio.ToString("F2") : ratio.ToString("G2");
}

static string Bytes(double bytes) => bytes switch
{
    >= 1024 * 1024 => $"{bytes / 1024 / 1024:F2} MiB",
    >= 1024 => $"{bytes / 1024:F1} KiB",
    _ => $"{bytes:F0} B",
};

internal readonly record struct Measurement(double Milliseconds, double AllocatedBytes, double Gen2Collections)
{
    public static Measurement Median(List<Measurement> all) => new(
        MedianOf(all.Select(m => m.Milliseconds)),
        MedianOf(all.Select(m => m.AllocatedBytes)),
        MedianOf(all.Select(m => m.Gen2Collections)));

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal enum OrderStatus { Placed, Paid, Shipped }

internal sealed record OrderLine(int ProductId, string Name, int Quantity, decimal UnitPrice);

internal sealed record Order(int Id, string Customer, DateTime PlacedAt, OrderStatus Status, List<OrderLine> Lines)
{
    public static Order Sample() => new(
        42, "Ada Lovelace", new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc), OrderStatus.Paid,
        Enumerable.Range(1, 5).Select(i => new OrderLine(i, "Product " + i, i, 9.99m * i)).ToList());
}

internal sealed class ManualClock : ISystemClock
{
    public DateTimeOffset UtcNow { get; set; } = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
}
