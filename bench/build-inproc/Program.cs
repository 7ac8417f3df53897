using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;
using IdeLatency;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/build-inproc -- [--lines 3500] [--rounds 30] [--warmup 5]
//       [--analyzers LABEL=PATH ...] [--only PERF301,PERF101] [--primed] [--concurrent] [--trace-rounds] [--driver-baseline [--driver-baseline-analyzers N]]
//       [--out DIR]
// Each round parses the code base afresh (new trees, as in every build), emits it once with no analyzer (the
// baseline), then analyses a fresh compilation with each analyzer set in turn (the order rotates every round). Two
// or more sets are compared round by round, so a slow stretch of the machine hits them alike.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var lines = IntArg("lines", 3500);
var rounds = IntArg("rounds", 30);
var warmup = IntArg("warmup", 5);
var primed = args.Contains("--primed");
// --concurrent: analyzers run concurrently, as csc runs them in a build (/parallel+); their callbacks are then charged
// whatever they wait for, as in the build's report.
var concurrent = args.Contains("--concurrent");
// --trace-rounds: each analysis's charged total, collections and its four dearest analyzers, to stderr (a charge far
// above the rest is a callback the scheduler or a collection interrupted).
var traceRounds = args.Contains("--trace-rounds");
var only = Arg("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
var setArguments = Args("analyzers").ToList();
if (setArguments.Count == 0)
{
    setArguments.Add("built=" + Path.Combine(AppContext.BaseDirectory, "PerfAnalyzers.dll"));
}

var sets = setArguments.Select(a => AnalyzerSet.Load(a, only)).ToList();
if (args.Contains("--driver-baseline"))
{
    // The shared work any operation-based analyzer makes the driver do: every body bound, every operation tree built.
    // With --driver-baseline-analyzers N, N such analyzers: what the driver charges per registered call action alone.
    var count = Math.Max(1, IntArg("driver-baseline-analyzers", 1));
    var noOps = Enumerable.Range(0, count).Select(_ => (DiagnosticAnalyzer)new OperationTreesOnly()).ToImmutableArray();
    var description = count == 1 ? "(one analyzer that asks for every invocation and does nothing)" : $"({count} analyzers that ask for every invocation and do nothing)";
    sets.Insert(0, new AnalyzerSet("driver", description, noOps, "-"));
}
var work = Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", "build-inproc", lines.ToString(CultureInfo.InvariantCulture));
var codeBase = CodeBase.Create(work, lines, mapper: false);
var sources = codeBase.Compilation.SyntaxTrees.Select(t => (t.FilePath, Text: t.GetText().ToString())).ToList();
var total = Stopwatch.StartNew();
Console.Error.WriteLine($"{codeBase.Lines:N0} lines in {codeBase.Files} files; sets: {string.Join(", ", sets.Select(s => $"{s.Label} ({s.Analyzers.Length} analyzers)"))}; {warmup} warm-up + {rounds} rounds");

var emitMs = new List<double>();
var emitMb = new List<double>();
var exceptions = new List<string>();
for (var round = 0; round < warmup + rounds; round++)
{
    var emitAllocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var emit = Stopwatch.StartNew();
    using (var stream = new MemoryStream())
    {
        var result = Fresh().Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }
    }
    emit.Stop();
    var emitAllocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - emitAllocatedBefore) / 1048576.0;

    for (var k = 0; k < sets.Count; k++)
    {
        var set = sets[(round + k) % sets.Count];
        var measured = await AnalyseAsync(set);
        if (round >= warmup)
        {
            set.Rounds.Add(measured);
        }
    }

    if (round >= warmup)
    {
        emitMs.Add(emit.Elapsed.TotalMilliseconds);
        emitMb.Add(emitAllocatedMb);
    }
}
total.Stop();

var report = Render();
Console.WriteLine(report);
var outDir = Arg("out");
if (outDir != null)
{
    Directory.CreateDirectory(outDir);
    File.WriteAllText(Path.Combine(outDir, "build-inproc.md"), report);
}
return 0;

async Task<Measurement> AnalyseAsync(AnalyzerSet set)
{
    var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]),
        (e, a, _) => { lock (exceptions) { exceptions.Add($"{set.Label}: {a.GetType().Name}: {e.GetType().Name}: {e.Message}"); } },
        concurrentAnalysis: concurrent, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
    var primer = new AnalysisCompilationPrimer();
    var analyzers = set.Analyzers.Insert(0, primer);
    var withAnalyzers = Fresh().WithAnalyzers(analyzers, options);
    if (primed)
    {
        // Every body bound and its operation tree built first, so a rule's own file costs it no binding. The driver drops
        // a file's semantic model once it is done with that file, so a rule that reads another file's body later still
        // binds it again (PERF301's identity reads do).
        foreach (var tree in withAnalyzers.Compilation.SyntaxTrees)
        {
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);
            _ = model.GetDiagnostics();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)
                {
                    _ = model.GetOperation(node);
                }
            }
        }
    }

    // What the analysis allocates (the driver's binding and operation trees included) and the collections during it.
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var collectionsBefore = GC.CollectionCount(0);
    var pausedBefore = GC.GetTotalPauseDuration();
    var wall = Stopwatch.StartNew();
    _ = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    wall.Stop();
    var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
    var collections = GC.CollectionCount(0) - collectionsBefore;
    var pausedMs = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
    var perAnalyzer = new Dictionary<string, double>(StringComparer.Ordinal);
    foreach (var analyzer in set.Analyzers)
    {
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        // Several instances of one analyzer type (the driver's baseline) add up under its name.
        var name = analyzer.GetType().Name;
        perAnalyzer[name] = (perAnalyzer.TryGetValue(name, out var earlier) ? earlier : 0) + telemetry.ExecutionTime.TotalMilliseconds;
    }
    if (traceRounds)
    {
        Console.Error.WriteLine($"{set.Label}: total {perAnalyzer.Values.Sum():F1} ms, gcs {collections}, paused {pausedMs:F1}; top: " +
            string.Join(", ", perAnalyzer.OrderByDescending(p => p.Value).Take(4).Select(p => $"{p.Key[..7]} {p.Value:F1}")));
    }
    return new Measurement(perAnalyzer, wall.Elapsed.TotalMilliseconds, allocatedMb, collections, pausedMs);
}

CSharpCompilation Fresh()
{
    var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, CodeBase.ParseOptions, path: s.FilePath, encoding: Encoding.UTF8)).ToArray();
    return codeBase.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
}

string Render()
{
    var sb = new StringBuilder();
    var emitMedian = Stats.Median(emitMs);
    sb.AppendLine("## Analyzer cost per compilation, in process (a build's workload without the build)");
    sb.AppendLine();
    var configuration = typeof(AnalyzerSet).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
    sb.AppendLine($"- Command: `dotnet run -c {configuration} --project bench/build-inproc -- {string.Join(' ', args)}`");
    sb.AppendLine($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; host compiler Microsoft.CodeAnalysis {FileVersionInfo.GetVersionInfo(typeof(Compilation).Assembly.Location).ProductVersion?.Split('+')[0]}; whole run {total.Elapsed.TotalMinutes:F1} min");
    sb.AppendLine($"- Code base: bench/analyzer-overhead's generator at {lines:N0} lines (one project of its 30-project variant is about 3,500) plus the IDE bench's orders module: {codeBase.Lines:N0} lines in {codeBase.Files} files, parsed afresh every round");
    sb.AppendLine($"- Rounds: {warmup} warm-up + {rounds} measured; each emits a fresh compilation with no analyzer (the baseline), then analyses a fresh compilation with each set, the order rotating; concurrent analysis {(concurrent ? "on (--concurrent)" : "off")}{(primed ? "; every body bound before the analyzers run (--primed)" : "; the analyzers bind what they ask for, as in a build")}");
    sb.AppendLine("- Analyzers: those with a rule at warning or error by default, the ones a command-line build runs (it skips analyzers that only report Info or hidden diagnostics)");
    sb.AppendLine($"- Baseline: emit of the fresh compilation, median {emitMedian:F1} ms, {Stats.Median(emitMb):F1} MB allocated");
    sb.AppendLine();
    sb.AppendLine("| Set | Assembly | Ours per compilation, median (ms) | Lower quartile (ms) | Share of the baseline | Whole analysis, median (ms) | Allocated during the analysis, median (MB) | Collections during it, median | Paused for them, median (ms) |");
    sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var set in sets)
    {
        var totals = set.Totals();
        sb.AppendLine($"| {set.Label} | `{set.Path}` ({set.Version}) | {Stats.Median(totals):F2} | {Stats.Quantile(totals, 0.25):F2} | {100 * Stats.Median(totals) / emitMedian:F2}% | {set.MedianOf(r => r.WallMs):F1} | {set.MedianOf(r => r.AllocatedMb):F1} | {set.MedianOf(r => r.Collections):F0} | {set.MedianOf(r => r.PausedMs):F1} |");
    }
    sb.AppendLine();
    // The driver's baseline charges nothing to speak of: the assemblies are paired with each other.
    var compared = sets.Where(s => s.Analyzers.Any(a => a is not OperationTreesOnly)).ToList();
    if (compared.Count > 1)
    {
        var first = compared[0].Totals();
        foreach (var set in compared.Skip(1))
        {
            var ratios = set.Totals().Zip(first, (b, a) => b / a).ToList();
            sb.AppendLine($"Paired by round, {set.Label} / {compared[0].Label}: median ratio {Stats.Median(ratios):F3} (quartiles {Stats.Quantile(ratios, 0.25):F3} to {Stats.Quantile(ratios, 0.75):F3}, {ratios.Count} rounds).");
        }
        sb.AppendLine();
    }

    var names = sets.SelectMany(s => s.Analyzers.Select(a => a.GetType().Name)).Distinct().ToList();
    sb.AppendLine($"| Analyzer | {string.Join(" | ", sets.Select(s => s.Label + ", median (ms)"))} |");
    sb.AppendLine($"|---|{string.Concat(sets.Select(_ => "---:|"))}");
    foreach (var name in names.OrderByDescending(n => sets.Max(s => s.MedianOf(n))))
    {
        sb.AppendLine($"| {name} | {string.Join(" | ", sets.Select(s => s.MedianOf(name).ToString("F2", CultureInfo.InvariantCulture)))} |");
    }
    foreach (var e in exceptions.Distinct())
    {
        sb.AppendLine();
        sb.AppendLine("Analyzer exception: " + e);
    }
    return sb.ToString();
}

string? Arg(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();

IEnumerable<string> Args(string name)
{
    for (var i = 0; i < args.Length - 1; i++)
    {
        if (args[i] == "--" + name)
        {
            yield return args[i + 1];
        }
    }
}

int IntArg(string name, int fallback) => int.TryParse(Arg(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

/// <summary>One analyzer assembly, loaded in its own context so that two builds of it can be compared in one process.</summary>
internal sealed class AnalyzerSet(string label, string path, ImmutableArray<DiagnosticAnalyzer> analyzers, string version)
{
    public string Label { get; } = label;

    public string Path { get; } = path;

    public string Version { get; } = version;

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = analyzers;

    /// <summary>The measured rounds (warm-up rounds are not kept).</summary>
    public List<Measurement> Rounds { get; } = [];

    public List<double> Totals() => Rounds.Select(r => r.PerAnalyzerMs.Values.Sum()).ToList();

    public double MedianOf(string analyzer)
        => Rounds.Count == 0 || !Rounds[0].PerAnalyzerMs.ContainsKey(analyzer) ? 0 : Stats.Median(Rounds.Select(r => r.PerAnalyzerMs[analyzer]).ToList());

    public double MedianOf(Func<Measurement, double> value) => Stats.Median(Rounds.Select(value).ToList());

    public static AnalyzerSet Load(string argument, string[]? only)
    {
        var equals = argument.IndexOf('=');
        var label = equals > 0 ? argument[..equals] : System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(argument)) ?? argument;
        var path = System.IO.Path.GetFullPath(equals > 0 ? argument[(equals + 1)..] : argument);
        var assembly = new IsolatedContext(path).LoadFromAssemblyPath(path);
        var analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => a.SupportedDiagnostics.Any(d => d.DefaultSeverity >= DiagnosticSeverity.Warning && d.IsEnabledByDefault))
            .Where(a => only == null || only.Any(id => a.SupportedDiagnostics.Any(d => d.Id == id)))
            .ToImmutableArray();
        return new AnalyzerSet(label, path, analyzers, FileVersionInfo.GetVersionInfo(path).ProductVersion ?? "?");
    }

    /// <summary>Loads the analyzer assembly itself and shares everything else (Microsoft.CodeAnalysis) with the host.</summary>
    private sealed class IsolatedContext(string path) : AssemblyLoadContext(System.IO.Path.GetFileNameWithoutExtension(path) + "@" + path, isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}

/// <summary>
/// One analysis of one set: each analyzer's charged time, the whole analysis's wall time (the driver's own work
/// included), what it allocated, and the collections during it with their pauses (a pause lands on whichever
/// callback is running, and is charged to it).
/// </summary>
internal sealed record Measurement(Dictionary<string, double> PerAnalyzerMs, double WallMs, double AllocatedMb, double Collections, double PausedMs);

// A bench analyzer loaded in process, like the IDE bench's primer: the rules for shipped analyzers do not apply.
#pragma warning disable RS1041, RS1036, RS2008

/// <summary>An analyzer that only makes the driver bind every body and build its operation tree.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class OperationTreesOnly : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Unused = new("INPROC0", "unused", "unused", "bench", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Unused];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
    }
}

#pragma warning restore RS1041, RS1036, RS2008

internal static class Stats
{
    public static double Median(List<double> values) => Quantile(values, 0.5);

    public static double Quantile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.OrderBy(v => v).ToList();
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
