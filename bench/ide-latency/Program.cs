using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using IdeLatency;
using Microsoft.CodeAnalysis;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/ide-latency -- [--sizes 25000,100000,400000] [--edits 18] [--warmup 3]
//       [--seed 1] [--sets compiler,ours,peers] [--mapper] [--out DIR]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = Options.Parse(args);
if (options.Has("help"))
{
    Console.WriteLine("usage: [--sizes 25000,100000,400000] [--edits 18] [--warmup 3] [--seed 1] [--sets compiler,ours,peers] [--mapper] [--out DIR]");
    return 0;
}

var sizes = (options.Get("sizes") ?? "25000,100000,400000").Split(',', StringSplitOptions.RemoveEmptyEntries)
    .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).OrderBy(s => s).ToList();
var edits = options.GetInt("edits", 18);
var warmup = options.GetInt("warmup", 3);
var seed = options.GetInt("seed", 1);
var setNames = (options.Get("sets") ?? "compiler,ours,peers").Split(',', StringSplitOptions.RemoveEmptyEntries);
var mapper = options.Has("mapper");
var work = Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", "ide-latency");
var outDir = Path.GetFullPath(options.Get("out") ?? work);
Directory.CreateDirectory(outDir);

var total = Stopwatch.StartNew();
void Log(string message) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

var problems = new List<string>();
var sets = AnalyzerSets.Load(setNames, problems);
foreach (var problem in problems)
{
    Log("analyzer load: " + problem);
}
foreach (var set in sets.Where(s => !s.IsCompiler))
{
    Log($"{set.Name}: {set.Analyzers.Length} analyzers ({set.Description})");
    if (set.Analyzers.IsEmpty)
    {
        throw new InvalidOperationException($"No analyzer loaded for the set '{set.Name}'.");
    }
}

var loadAverageAtStart = Machine.LoadAverage();
var runner = new Runner(edits, warmup, seed, Log);
var variants = mapper ? new[] { "plain", "mapper" } : ["plain"];
foreach (var variant in variants)
{
    // The mapper variant only matters to ours (the Map* scan); the compiler baseline is measured with it.
    var variantSets = variant == "plain" ? sets : sets.Where(s => s.IsCompiler || s.IsOurs).ToList();
    foreach (var size in sizes)
    {
        await runner.RunAsync(variant, size, Path.Combine(work, $"code-{variant}-{size}"), variantSets);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
total.Stop();

var header = new StringBuilder();
header.AppendLine("# IDE per-keystroke latency: analyzers on the edited document of a new compilation");
header.AppendLine();
header.AppendLine($"Command: `dotnet run -c {Machine.Configuration} --project bench/ide-latency -- {string.Join(' ', args)}`".Replace(" -- `", "`", StringComparison.Ordinal));
header.AppendLine();
header.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Machine.MemoryGiB():F1} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
    + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC{(GCSettings.LatencyMode == GCLatencyMode.Interactive ? " (concurrent)" : "")}; "
    + $"host compiler Microsoft.CodeAnalysis {FileVersionInfo.GetVersionInfo(typeof(Compilation).Assembly.Location).ProductVersion?.Split('+')[0]}; "
    + $"load average {loadAverageAtStart} at the start, {Machine.LoadAverage()} at the end.");
header.AppendLine();
header.AppendLine($"Code under test: {Machine.Commit()}. Sets: {string.Join("; ", sets.Select(s => $"{s.Name} = {s.Description}{(s.IsCompiler ? "" : $", {s.Analyzers.Length} analyzers")}"))}.");
header.AppendLine();
header.AppendLine($"Run: sizes {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} lines; variants {string.Join(", ", variants)}; {warmup} warm-up + {edits} measured edits per size, seed {seed}; "
    + $"concurrent analysis off, execution times logged; whole run {total.Elapsed.TotalMinutes:F1} min.");
header.AppendLine();
if (problems.Count > 0)
{
    header.AppendLine("Analyzer load problems: " + string.Join("; ", problems));
    header.AppendLine();
}

var report = Report.Render(runner, sets, header.ToString());
var resultFile = Path.Combine(outDir, "ide-latency.md");
File.WriteAllText(resultFile, report);
File.WriteAllText(Path.Combine(outDir, "ide-latency-samples.csv"), Report.Csv(runner));
Console.WriteLine(report);
Log($"written to {resultFile} (every sample in ide-latency-samples.csv beside it)");
return 0;

internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
            var key = args[i][2..];
            o._values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return o;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public int GetInt(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

internal static class Machine
{
    public static string Configuration
        => typeof(Machine).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static double MemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line == null ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0;
    }

    /// <summary>The repository's commit, and whether src/ differs from it (the analyzers measured are built from src/).</summary>
    public static string Commit()
    {
        var root = FindRepositoryRoot();
        if (root == null)
        {
            return "commit unknown (not run from the repository)";
        }
        var head = Git(root, "rev-parse --short=12 HEAD");
        var src = Git(root, "log -1 --format=%h -- src");
        var srcSubject = Git(root, "log -1 --format=%s -- src");
        var dirty = Git(root, "status --porcelain -- src").Length > 0 ? "; src/ has uncommitted changes" : "";
        return $"commit {head}; src/ last changed in {src} (\"{srcSubject}\"){dirty}";
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PerfAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }

    private static string Git(string root, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{root}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
