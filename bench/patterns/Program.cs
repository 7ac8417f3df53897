using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Patterns;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/patterns                 # full run (about 5 minutes on 2 cores)
//   dotnet run -c Release --project bench/patterns -- --smoke      # one tiny iteration of every scenario (seconds)
//   dotnet run -c Release --project bench/patterns -- --only PERF101,PERF5   # a subset, by rule-ID prefix
//   bench/patterns/with-postgres.sh --only PERF10     # the database-access scenarios on a throwaway PostgreSQL server
//   (it passes --postgres "Host=127.0.0.1;Port=…;Username=postgres"; the databases perfanalyzers_patterns and
//   perfanalyzers_patterns_catalogue on that server are dropped and created again)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var settings = Settings.Parse(args);
if (settings.Child is not null)
{
    return await Child.RunAsync(settings);
}

var command = "dotnet run -c Release --project bench/patterns" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
var overall = Stopwatch.StartNew();
var work = Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", $"patterns-{Environment.ProcessId}");
Directory.CreateDirectory(work);
var databasePath = Path.Combine(work, "shop.db");
var largeFile = Path.Combine(work, "large.bin");
try
{
    var counts = Seeder.ForScale(settings.Scale);
    Log($"Seeding {databasePath}: {counts.Total} rows ({counts.Orders} orders, {counts.Orders * counts.LinesPerOrder} order lines, {counts.Customers} customers, {counts.Products} products)...");
    var shopFile = DatabaseTarget.Sqlite(databasePath);
    Seeder.Create(shopFile, counts);

    // The database-access scenarios run on PostgreSQL when --postgres names a server (bench/patterns/with-postgres.sh
    // starts a throwaway one); the HTTP scenarios keep the sample's SQLite file.
    var accessDatabase = settings.Postgres is { } server ? DatabaseTarget.Postgres(server, "perfanalyzers_patterns") : shopFile;
    if (accessDatabase.IsPostgres && settings.Includes("PERF10"))
    {
        Log($"Seeding the same rows into {accessDatabase.Description}...");
        Seeder.Create(accessDatabase, counts);
    }
    using (var file = File.Create(largeFile))
    {
        var block = new byte[64 * 1024];
        new Random(7).NextBytes(block);
        for (long written = 0; written < settings.LargeFileBytes; written += block.Length)
        {
            file.Write(block);
        }
    }

    var report = new StringBuilder();
    report.AppendLine("## Anti-pattern cost: flagged code vs the code the fix produces");
    report.AppendLine();
    report.AppendLine($"- Command: `{command}`{(settings.Smoke ? " (SMOKE: one tiny iteration, figures meaningless)" : "")}");
    report.AppendLine($"- Machine: {Machine.Describe()}");
    report.AppendLine($"- Database-access scenarios (PERF101–PERF108) run on: {accessDatabase.Description}{(accessDatabase.IsPostgres ? $" ({PostgresVersion(accessDatabase)})" : "")}; the HTTP scenarios on the SQLite file");
    report.AppendLine($"- Data: SQLite file database, {counts.Total} rows ({counts.Orders} orders, {counts.Orders * counts.LinesPerOrder} order lines, {counts.Customers} customers, {counts.Products} products); EF Core 10 with lazy-loading proxies as in samples/ShopApi; server GC (the web SDK default)");
    report.AppendLine("- Ratio = flagged ÷ fixed, both measured in this run. For time, bytes, SQL commands, p99, threads and sockets lower is better (ratio > 1: the anti-pattern costs more); for requests/s higher is better (ratio < 1: the anti-pattern serves less).");
    report.AppendLine();

    // Family 1: in-process, alternating variants on one database.
    if (settings.Includes("PERF10"))
    {
        Log("Family 1 (database access)...");
        var db = await new DbScenarios(accessDatabase, counts, settings).RunAsync();
        report.AppendLine($"### Database access (PERF101–PERF108) on the {accessDatabase.Description}: one request's worth of work on a fresh DbContext");
        report.AppendLine();
        report.AppendLine("| Rule | Comparison | Metric | Flagged | Fixed | Flagged ÷ fixed |");
        report.AppendLine("|---|---|---|---:|---:|---:|");
        foreach (var (rule, what, flagged, fixedResult) in db)
        {
            report.AppendLine($"| {rule} | {what} | median time (ms) [{flagged.Iterations}/{fixedResult.Iterations} iterations] | {flagged.MedianMs:F2} | {fixedResult.MedianMs:F2} | **{Ratio(flagged.MedianMs, fixedResult.MedianMs)}** |");
            report.AppendLine($"| {rule} | | SQL commands per operation | {flagged.SqlCommandsPerOp:F0} | {fixedResult.SqlCommandsPerOp:F0} | {Ratio(flagged.SqlCommandsPerOp, fixedResult.SqlCommandsPerOp)} |");
            report.AppendLine($"| {rule} | | allocated bytes per operation | {Bytes(flagged.AllocatedBytesPerOp)} | {Bytes(fixedResult.AllocatedBytesPerOp)} | {Ratio(flagged.AllocatedBytesPerOp, fixedResult.AllocatedBytesPerOp)} |");
        }
        report.AppendLine();
    }

    // Family 6: in process, one fan-out of HTTP calls against a loopback upstream of its own.
    if (settings.Includes("PERF601"))
    {
        Log("Family 6 (concurrency)...");
        await using var fanOut = new FanOutScenario(settings);
        var (flagged, fixedResult) = await fanOut.RunAsync();
        report.AppendLine($"### Concurrency (PERF601): {fanOut.Elements:N0} HTTP calls, one per element, to a loopback upstream that answers after {Server.IoDelayMs} ms; a fresh client per fan-out; flagged and fixed alternate, {flagged.Rounds} rounds each");
        report.AppendLine();
        report.AppendLine("| Rule | Comparison | Metric | Flagged | Fixed | Flagged ÷ fixed |");
        report.AppendLine("|---|---|---|---:|---:|---:|");
        var what = $"`{flagged.Name}` over `ids.Select(..)` vs `{fixedResult.Name}`";
        report.AppendLine($"| PERF601 | {what} (errors {flagged.Errors}/{fixedResult.Errors}) | peak concurrent requests at the upstream | {flagged.PeakConcurrent} | {fixedResult.PeakConcurrent} | **{Ratio(flagged.PeakConcurrent, fixedResult.PeakConcurrent)}** |");
        report.AppendLine($"| PERF601 | | TCP connections opened per fan-out | {flagged.ConnectionsPerFanOut:F0} | {fixedResult.ConnectionsPerFanOut:F0} | {Ratio(flagged.ConnectionsPerFanOut, fixedResult.ConnectionsPerFanOut)} |");
        report.AppendLine($"| PERF601 | | requests rejected (503) by an upstream that admits {FanOutScenario.UpstreamCapacity} at once, per fan-out | {flagged.RejectedPerFanOut:F0} | {fixedResult.RejectedPerFanOut:F0} | {Ratio(flagged.RejectedPerFanOut, fixedResult.RejectedPerFanOut)} |");
        report.AppendLine($"| PERF601 | | median total time of the fan-out (ms) | {flagged.MedianMs:F1} | {fixedResult.MedianMs:F1} | {Ratio(flagged.MedianMs, fixedResult.MedianMs)} |");
        report.AppendLine($"| PERF601 | | allocated bytes per fan-out | {Bytes(flagged.AllocatedBytesPerFanOut)} | {Bytes(fixedResult.AllocatedBytesPerFanOut)} | {Ratio(flagged.AllocatedBytesPerFanOut, fixedResult.AllocatedBytesPerFanOut)} |");
        report.AppendLine();
    }

    // Families 2-5: Kestrel on 127.0.0.1 under a bounded load, a fresh process per variant (fresh thread pool, fresh peak working set).
    var failures = 0;
    var pairs = Scenarios.All(settings).Where(p => settings.Includes(p.Rule)).ToList();
    if (pairs.Count > 0)
    {
        report.AppendLine("### HTTP scenarios: Kestrel on 127.0.0.1, bounded in-process load generator, one fresh process per variant");
        report.AppendLine();
        report.AppendLine($"Load: closed loop, each variant stops at its request cap or time cap, whichever comes first; simulated I/O latency {Server.IoDelayMs} ms. "
            + "Requests still in flight at the time cap are cut off: not counted as completed, but their wait so far is included in the latency percentiles (a lower bound). Allocations are the whole process's (server + in-process client) per completed request; "
            + "peak working set is the process's VmHWM.");
        report.AppendLine();
        report.AppendLine("| Rule | Comparison (load) | Metric | Flagged | Fixed | Flagged ÷ fixed |");
        report.AppendLine("|---|---|---|---:|---:|---:|");
        foreach (var pair in pairs)
        {
            if (overall.Elapsed > settings.OverallBudget)
            {
                report.AppendLine($"| {pair.Rule} | skipped: overall time budget of {settings.OverallBudget.TotalMinutes} min reached | | | | |");
                continue;
            }
            Log($"{pair.Rule}: {pair.Fixed.Key} vs {pair.Flagged.Key}...");
            ChildResult fixedResult, flagged;
            try
            {
                fixedResult = await Child.LaunchAsync(pair.Fixed, settings, databasePath, largeFile);
                flagged = await Child.LaunchAsync(pair.Flagged, settings, databasePath, largeFile);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
            {
                Log($"{pair.Rule} failed: {e}");
                report.AppendLine($"| {pair.Rule} | FAILED: {e.Message.Split('\n')[0]} | | | | |");
                failures++;
                continue;
            }
            var load = $"{pair.Flagged.Concurrency} concurrent, ≤ {pair.Flagged.MaxRequests} requests, ≤ {pair.Flagged.MaxSeconds} s";
            var first = true;
            foreach (var metric in pair.Metrics)
            {
                var (name, get) = Metrics.Get(metric);
                var f = get(flagged);
                var x = get(fixedResult);
                var ratio = Ratio(f, x);
                report.AppendLine($"| {(first ? pair.Rule : "")} | {(first ? $"{pair.What} ({load}; completed {flagged.Completed}/{fixedResult.Completed}, cut off {flagged.CutOff}/{fixedResult.CutOff}, errors {flagged.Errors}/{fixedResult.Errors})" : "")} | {name} | {Metrics.Format(metric, f)} | {Metrics.Format(metric, x)} | {(first ? $"**{ratio}**" : ratio)} |");
                first = false;
            }
        }
        report.AppendLine();
    }
    report.AppendLine($"Whole run: {overall.Elapsed.TotalMinutes:F1} min.");

    var text = report.ToString();
    Console.WriteLine();
    Console.WriteLine(text);
    var resultsFile = Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", settings.Smoke ? "patterns-smoke-results.md" : "patterns-results.md");
    File.WriteAllText(resultsFile, text);
    Log($"Written to {resultsFile}");
    return failures == 0 ? 0 : 1;
}
finally
{
    await Child.StopSharedAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}

static string Ratio(double flagged, double fixedValue)
{
    if (double.IsNaN(flagged) || double.IsNaN(fixedValue))
    {
        return "–";
    }
    if (fixedValue == 0)
    {
        return flagged == 0 ? "1.00" : "∞";
    }
    var ratio = flagged / fixedValue;
    return ratio switch
    {
        0 => "0",
        >= 100 => ratio.ToString("F0"),
        >= 0.1 => ratio.ToString("F2"),
        _ => ratio.ToString("G2"),
    };
}

static string PostgresVersion(DatabaseTarget database)
{
    using var connection = database.OpenConnection();
    using var command = connection.CreateCommand();
    command.CommandText = "SHOW server_version";
    return "PostgreSQL " + command.ExecuteScalar();
}

static string Bytes(double bytes) => bytes switch
{
    double.NaN => "–",
    >= 1024 * 1024 => $"{bytes / 1024 / 1024:F2} MiB",
    >= 1024 => $"{bytes / 1024:F1} KiB",
    _ => $"{bytes:F0} B",
};

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

public sealed class Settings
{
    public bool Smoke { get; private init; }
    public double Scale { get; private init; } = 1.0;
    public string? Child { get; private init; }
    public string? ChildDatabase { get; private init; }
    public string? ChildFile { get; private init; }
    /// <summary>A PostgreSQL server's connection string (no database): the database-access scenarios run there.</summary>
    public string? Postgres { get; private init; }
    public string[] Only { get; private init; } = [];
    public long LargeFileBytes => Smoke ? 256 * 1024 : 16L * 1024 * 1024;
    public int CatalogueProducts => Smoke ? 200 : 10_000;
    public int MicroWarmup => Smoke ? 0 : 3;
    public int MicroMinIterations => Smoke ? 1 : 10;
    public int MicroMaxIterations => Smoke ? 1 : 200;
    public TimeSpan MicroBudget => TimeSpan.FromSeconds(Smoke ? 0 : 6);
    public TimeSpan OverallBudget => TimeSpan.FromMinutes(Smoke ? 2 : 13);
    public bool InProcess { get; private init; }

    public bool Includes(string rule) => Only.Length == 0 || Only.Any(o => rule.StartsWith(o, StringComparison.OrdinalIgnoreCase) || o.StartsWith(rule, StringComparison.OrdinalIgnoreCase));

    public static Settings Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var smoke = args.Contains("--smoke");
        return new Settings
        {
            Smoke = smoke,
            Scale = double.TryParse(Value("--scale"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : smoke ? 0.02 : 1.0,
            Child = Value("--child"),
            ChildDatabase = Value("--db"),
            ChildFile = Value("--file"),
            Postgres = Value("--postgres"),
            Only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            InProcess = smoke || args.Contains("--in-process"),
        };
    }

    public string ChildArguments(string variant, string database, string file)
        => $"--child {variant} --db \"{database}\" --file \"{file}\" --scale {Scale.ToString(CultureInfo.InvariantCulture)}{(Smoke ? " --smoke" : "")}";
}

public static class Machine
{
    public static string Describe()
    {
        var memory = "unknown memory";
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null)
            {
                memory = $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB RAM";
            }
        }
        catch (IOException)
        {
        }
        return $"{Environment.ProcessorCount} cores (nproc), {memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
    }
}
