using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using AnalyzerOverhead;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/analyzer-overhead -- run [--target generated|multi|shopapi] [--lines 100000] [--projects 30] [--runs 3] [--compiler-server]
//   dotnet run -c Release --project bench/analyzer-overhead -- generate --out DIR [--lines 100000] [--compiler-server] [--no-peers] [--dispatch-probe]
// --compiler-server: the builds use a dedicated VBCSCompiler for this run (as `dotnet build` and the IDE do by
// default), warmed by one unmeasured build; without it every build compiles with a fresh csc (no server).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = Options.Parse(args);
var repo = options.Get("repo") ?? FindRepositoryRoot();
switch (options.Command)
{
    case "generate":
    {
        var outDir = Path.GetFullPath(options.Get("out") ?? Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", "generated"));
        var analyzerDll = options.Get("analyzer-dll") ?? Path.Combine(repo, "src", "PerfAnalyzers", "bin", "Release", "netstandard2.0", "PerfAnalyzers.dll");
        var withPeers = options.Get("no-peers") is null;
        // `generate` only writes files: with --dispatch-probe the project points at the probe `run` would build.
        var probeDll = options.Get("dispatch-probe") is null ? null : Harness.DispatchProbeDll(repo);
        var result = Generator.Generate(outDir, options.GetInt("lines", 100_000), Harness.ProjectFile(analyzerDll, withPeers, options.Get("compiler-server") is not null, probeDll), Harness.EditorConfigFor(withPeers));
        Console.WriteLine($"Generated {result.Lines} lines in {result.Files} files ({result.Modules} modules) into {result.Directory}");
        Console.WriteLine("Anti-patterns placed: " + string.Join(", ", result.AntiPatterns.Select(kv => $"{kv.Key}={kv.Value}")));
        return 0;
    }
    case "run":
        return Harness.Run(repo, options);
    case "report":
        // Re-renders the tables from saved build logs (`--logs a.log,b.log`), e.g. those a run left in its folder.
        return Harness.Report(repo, options);
    default:
        Console.Error.WriteLine("usage: run [--target generated|multi|shopapi] [--projects N] [--lines N] [--runs N] [--warmup N] [--no-peers] [--dispatch-probe] [--compiler-server] [--one-project-at-a-time] [--analyzer-dll PATH] [--out DIR] | generate --out DIR [--lines N] [--compiler-server] [--no-peers] [--dispatch-probe] | report --logs a.log,b.log");
        return 2;
}

static string FindRepositoryRoot()
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
    throw new InvalidOperationException("Run from inside the repository or pass --repo.");
}

internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    public string Command { get; private set; } = "";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var key = args[i][2..];
                o._values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else if (o.Command.Length == 0)
            {
                o.Command = args[i];
            }
        }
        return o;
    }

    public string? Get(string key) => _values.GetValueOrDefault(key);
    public int GetInt(string key, int fallback) => _values.TryGetValue(key, out var v) && int.TryParse(v, out var n) ? n : fallback;
}

internal static partial class Harness
{
    // Peer analyzers whose rules overlap ours, as package references of the measured project.
    private static readonly (string Id, string Version)[] PeerPackages =
    [
        ("Microsoft.VisualStudio.Threading.Analyzers", "18.12.1"),
        ("Meziantou.Analyzer", "3.0.321"),
        ("AsyncFixer", "2.1.0"),
        ("IDisposableAnalyzers", "4.0.8"),
    ];

    /// <summary>For each of our rules, the peer rules that flag the same pattern (CA1849 is in the .NET SDK).</summary>
    private static readonly Dictionary<string, string[]> ComparablePeerRules = new(StringComparer.Ordinal)
    {
        ["PERF201"] = ["VSTHRD002", "MA0042", "MA0045", "AsyncFixer02", "CA1849"],
        ["PERF202"] = ["VSTHRD103", "MA0042", "MA0045", "AsyncFixer02", "CA1849"],
        ["PERF203"] = ["MA0042", "MA0045", "AsyncFixer02", "CA1849"],
        ["PERF501"] = ["IDISP014"],
    };

    /// <summary>
    /// The generated projects' <c>.editorconfig</c>. With peers it turns on the overlapping peer rules that are off by
    /// default, the SDK's CA1849 included. Alone (<c>--no-peers</c>) it turns on nothing: CA1849 binds every method body
    /// and builds its operations, and the compiler charges that shared work to whichever analyzer asks first, so
    /// running it next to ours would hide part of our cost.
    /// </summary>
    public static string EditorConfigFor(bool withPeers) => withPeers ? EditorConfig : EditorConfigAlone;

    public const string EditorConfigAlone = """
        root = true

        [*.cs]
        # Our package alone: every peer rule keeps its default (the overlapping ones, CA1849 included, are off).

        """;

    public const string EditorConfig = """
        root = true

        [*.cs]
        # The peer rules that overlap PerfAnalyzers, enabled so that they run (some are off by default).
        dotnet_diagnostic.VSTHRD002.severity = warning
        dotnet_diagnostic.VSTHRD103.severity = warning
        dotnet_diagnostic.MA0042.severity = warning
        dotnet_diagnostic.MA0045.severity = warning
        dotnet_diagnostic.AsyncFixer02.severity = warning
        dotnet_diagnostic.IDISP014.severity = warning
        # Built-in .NET analyzer (off by default): "Call async methods when in an async method".
        dotnet_diagnostic.CA1849.severity = warning

        """;

    /// <summary>Where `dotnet build -c Release bench/dispatch-probe` puts the probe.</summary>
    public static string DispatchProbeDll(string repo) => Path.Combine(repo, "bench", "dispatch-probe", "bin", "Release", "netstandard2.0", "DispatchProbe.dll");

    /// <param name="useSharedCompilation">Written into the project; the driver's build command passes the same value.</param>
    /// <param name="probeDll">The dispatch probe (<c>--dispatch-probe</c>), added next to ours; null to leave it out.</param>
    public static string ProjectFile(string analyzerDll, bool withPeers = true, bool useSharedCompilation = false, string? probeDll = null)
    {
        var probe = probeDll is null ? "" : $"""

                <!-- The dispatch probe: an invocation analyzer that does no work (bench/dispatch-probe). -->
                <Analyzer Include="{probeDll}" />
            """;
        var peers = string.Join("\n", PeerPackages.Where(_ => withPeers).Select(p => $"""    <PackageReference Include="{p.Id}" Version="{p.Version}" PrivateAssets="all" />"""));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <!-- Written by bench/analyzer-overhead. Compiled only to measure analyzer time; never run. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
                <IsPackable>false</IsPackable>
                <UseSharedCompilation>{(useSharedCompilation ? "true" : "false")}</UseSharedCompilation>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Proxies" Version="10.0.15" />
              </ItemGroup>
              <ItemGroup>
                <!-- PerfAnalyzers as built from src/ (whatever rules the assembly contains). -->
                <Analyzer Include="{analyzerDll}" />{probe}
              </ItemGroup>
              <ItemGroup>
            {peers}
              </ItemGroup>
            </Project>

            """;
    }

    public static int Run(string repo, Options options)
    {
        var target = options.Get("target") ?? "generated";
        var runs = Math.Max(1, options.GetInt("runs", 3));
        // --compiler-server: the builds compile on a VBCSCompiler of this run's own (its pipe name is the id), so
        // that other builds on the machine neither share nor disturb it; one warm-up build loads and JITs the analyzers.
        var server = options.Get("compiler-server") is null ? null : $"perfanalyzers-bench-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}";
        var warmup = Math.Max(0, options.GetInt("warmup", server is null ? 0 : 1));
        // --one-project-at-a-time: MSBuild builds the projects of a solution one after another (-m:1), so compilations
        // do not share the cores; a check of how much of a share comes from two compilations contending.
        var buildArguments = "build --no-restore --no-incremental -nologo -nodeReuse:false "
            + (options.Get("one-project-at-a-time") is null ? "" : "-m:1 ")
            + (server is null ? "-p:UseSharedCompilation=false" : $"-p:UseSharedCompilation=true -p:SharedCompilationId={server}")
            + " -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary";
        var withPeers = options.Get("no-peers") is null;
        var lines = options.GetInt("lines", 100_000);
        var outDir = Path.GetFullPath(options.Get("out") ?? Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", target));
        var command = "dotnet run -c Release --project bench/analyzer-overhead -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        var started = Stopwatch.StartNew();

        // 1. Our analyzers, built from src/ in Release.
        var analyzerDll = options.Get("analyzer-dll");
        if (analyzerDll is null)
        {
            Log("Building src/PerfAnalyzers (Release)...");
            Exec("dotnet", $"build \"{Path.Combine(repo, "src", "PerfAnalyzers", "PerfAnalyzers.csproj")}\" -c Release -v:q -nologo", repo, null);
            analyzerDll = Path.Combine(repo, "src", "PerfAnalyzers", "bin", "Release", "netstandard2.0", "PerfAnalyzers.dll");
        }
        analyzerDll = Path.GetFullPath(analyzerDll);

        // --dispatch-probe: one more invocation analyzer that returns at once, to show what the driver charges any such
        // analyzer per build before it does any work (most of our rules register an invocation action).
        string? probeDll = null;
        if (options.Get("dispatch-probe") is not null)
        {
            Log("Building bench/dispatch-probe (Release)...");
            Exec("dotnet", $"build \"{Path.Combine(repo, "bench", "dispatch-probe", "DispatchProbe.csproj")}\" -c Release -v:q -nologo", repo, null);
            probeDll = DispatchProbeDll(repo);
        }

        // 2. The code base to compile.
        int codeLines;
        string description;
        if (target == "shopapi")
        {
            var sample = Path.Combine(repo, "samples", "ShopApi");
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
            foreach (var file in Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                var dest = Path.Combine(outDir, Path.GetRelativePath(sample, file));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(file, dest);
            }
            File.WriteAllText(Path.Combine(outDir, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(outDir, "ShopApi.csproj"), ProjectFile(analyzerDll, withPeers, server is not null, probeDll).Replace("<IsPackable>", "<RootNamespace>ShopApi</RootNamespace>\n    <IsPackable>", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(outDir, ".editorconfig"), EditorConfigFor(withPeers));
            codeLines = Generator.CountCSharpLines(outDir);
            description = $"samples/ShopApi ({codeLines} lines of C#), copied to {outDir} with the peer analyzers added";
        }
        else if (target == "multi")
        {
            // A solution of many small services: fixed per-compilation work counts once per project.
            var projects = Math.Max(2, options.GetInt("projects", 30));
            Log($"Generating {projects} projects of >= {lines / projects} lines each into {outDir}...");
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
            Directory.CreateDirectory(outDir);
            var files = 0;
            var antiPatterns = 0;
            Exec("dotnet", "new sln -n Generated -o . --format sln", outDir, null);
            for (var p = 1; p <= projects; p++)
            {
                var name = $"Service{p:00}";
                var generated = Generator.Generate(Path.Combine(outDir, name), lines / projects, ProjectFile(analyzerDll, withPeers, server is not null, probeDll), EditorConfigFor(withPeers));
                File.Move(Path.Combine(outDir, name, "Generated.csproj"), Path.Combine(outDir, name, name + ".csproj"));
                Exec("dotnet", $"sln Generated.sln add {name}/{name}.csproj", outDir, null);
                files += generated.Files;
                antiPatterns += generated.AntiPatterns.Values.Sum();
            }
            File.WriteAllText(Path.Combine(outDir, "Directory.Build.props"), "<Project />\n");
            codeLines = Generator.CountCSharpLines(outDir);
            description = $"generated solution of {projects} ASP.NET Core + EF Core projects: {codeLines} lines of C# in {files} files (anti-patterns placed: {antiPatterns})";
        }
        else
        {
            Log($"Generating >= {lines} lines into {outDir}...");
            var generated = Generator.Generate(outDir, lines, ProjectFile(analyzerDll, withPeers, server is not null, probeDll), EditorConfigFor(withPeers));
            codeLines = Generator.CountCSharpLines(outDir);
            description = $"generated ASP.NET Core + EF Core code base: {codeLines} lines of C# in {generated.Files} files ({generated.Modules} modules; "
                + $"anti-patterns placed: {generated.AntiPatterns.Values.Sum()}, about 1 per {codeLines / Math.Max(1, generated.AntiPatterns.Values.Sum())} lines)";
        }

        // 3. Restore once, then warm-up and measured builds.
        Log("Restoring...");
        Exec("dotnet", "restore -v:q -nologo", outDir, null);
        var reports = new List<BuildReport>();
        var walls = new List<double>();
        ConsoleCancelEventHandler? onCancel = null;
        if (server is not null)
        {
            Log($"Compiler server: dedicated VBCSCompiler `{server}`, {warmup} warm-up build(s)");
            onCancel = (_, _) =>
            {
                var stopped = StopCompilerServer(server);
                Log($"Interrupted; stopped compiler server `{server}` ({(stopped.Count == 0 ? "it had already exited" : "pid " + string.Join(", ", stopped))})");
            };
            Console.CancelKeyPress += onCancel;
        }
        try
        {
            for (var i = 0; i < warmup + runs; i++)
            {
                var measured = i >= warmup;
                var logFile = Path.Combine(outDir, measured ? $"build-run{i - warmup + 1}.log" : $"build-warmup{i + 1}.log");
                Log(measured ? $"Build {i - warmup + 1}/{runs}..." : $"Warm-up build {i + 1}/{warmup}...");
                var sw = Stopwatch.StartNew();
                var code = Exec("dotnet", buildArguments, outDir, logFile, sharedCompilation: server is not null);
                sw.Stop();
                var report = ReportParser.Parse(File.ReadLines(logFile));
                if (code != 0 || double.IsNaN(report.TotalAnalyzerSeconds) || double.IsNaN(report.CscSeconds))
                {
                    Console.Error.WriteLine($"Build failed or printed no analyzer report (exit {code}); see {logFile}");
                    foreach (var l in File.ReadLines(logFile).Where(l => l.Contains(" error ", StringComparison.Ordinal)).Take(20))
                    {
                        Console.Error.WriteLine(l);
                    }
                    return 1;
                }
                // A compilation the server did not run (the task fell back to csc), or that went to another server,
                // would be mislabelled: refuse it. The Csc task logs "Named pipe 'ID' connected" once per compilation.
                var offServer = report.CompilerServerLines.Count(l => !ReportParser.RanOnServer(l));
                var connected = server is null ? 0 : File.ReadLines(logFile).Count(l => l.Contains($"Named pipe '{server}' connected", StringComparison.Ordinal));
                if (server is not null && (offServer > 0 || report.CompilerServerLines.Count == 0 || connected < report.CompilerServerLines.Count))
                {
                    Console.Error.WriteLine($"{offServer} of {report.CompilerServerLines.Count} compilation(s) did not run on a compiler server; {connected} connection(s) to `{server}`; see {logFile}");
                    foreach (var l in report.CompilerServerLines.Where(l => !ReportParser.RanOnServer(l)).Take(5))
                    {
                        Console.Error.WriteLine(l);
                    }
                    if (measured)
                    {
                        return 1;
                    }
                }
                Log($"  compile (Csc task) {report.CscSeconds:F1} s, analyzers {report.TotalAnalyzerSeconds:F1} s, wall {sw.Elapsed.TotalSeconds:F1} s");
                if (measured)
                {
                    reports.Add(report);
                    walls.Add(sw.Elapsed.TotalSeconds);
                }
            }
        }
        finally
        {
            if (server is not null)
            {
                var stopped = StopCompilerServer(server);
                Log(stopped.Count == 0
                    ? $"No VBCSCompiler process with `{server}` found to stop"
                    : $"Stopped compiler server `{server}` (pid {string.Join(", ", stopped)})");
                Console.CancelKeyPress -= onCancel;
            }
        }

        var mode = new BuildMode("dotnet " + buildArguments, server, warmup);
        var markdown = Render(repo, reports, walls, description + (withPeers ? "" : "; --no-peers: peer packages not referenced")
            + (probeDll is null ? "" : "; --dispatch-probe: `DispatchProbe` in the assembly table is an invocation analyzer that returns at once (bench/dispatch-probe)"), command, target, started.Elapsed, mode);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var resultsFile = Path.Combine(outDir, "results.md");
        File.WriteAllText(resultsFile, markdown);
        Log($"Written to {resultsFile}");
        return 0;
    }

    public static int Report(string repo, Options options)
    {
        var logs = (options.Get("logs") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reports = logs.Select(l => ReportParser.Parse(File.ReadLines(l))).ToList();
        if (reports.Count == 0 || reports.Any(r => double.IsNaN(r.TotalAnalyzerSeconds)))
        {
            Console.Error.WriteLine("No analyzer report in the given logs (build with -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary).");
            return 1;
        }
        var command = "dotnet run -c Release --project bench/analyzer-overhead -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        Console.WriteLine(Render(repo, reports, reports.Select(_ => double.NaN).ToList(), $"{logs.Length} saved build log(s)", command, options.Get("target") ?? "saved logs", TimeSpan.Zero, mode: null));
        return 0;
    }

    /// <summary>How the measured builds compiled: the build command, the dedicated server's id (null: no server) and the warm-up builds.</summary>
    private sealed record BuildMode(string BuildCommand, string? ServerId, int Warmup);

    private static string Render(string repo, List<BuildReport> reports, List<double> walls, string description, string command, string target, TimeSpan elapsed, BuildMode? mode)
    {
        var sb = new StringBuilder();
        var csc = Median(reports.Select(r => r.CscSeconds));
        var totalAnalyzers = Median(reports.Select(r => r.TotalAnalyzerSeconds));
        const string Ours = "PerfAnalyzers";

        // Saved logs (`report`) say themselves whether their compilations ran on a server.
        var onServer = mode is null ? reports[0].CompilerServerLines.Any(ReportParser.RanOnServer) : mode.ServerId is not null;
        sb.AppendLine($"## Analyzer overhead: {target}{(onServer ? ", compiler server" : "")}");
        sb.AppendLine();
        sb.AppendLine($"- Command: `{command}`");
        sb.AppendLine($"- Machine: {Machine.Describe()}");
        sb.AppendLine($"- Code base: {description}");
        sb.AppendLine(mode is null
            ? $"- Builds: {reports.Count} saved build log(s) (medians below)"
            : $"- Builds: {reports.Count} measured (medians below){(mode.Warmup > 0 ? $" after {mode.Warmup} unmeasured warm-up build(s)" : "")}, each `{mode.BuildCommand}`; whole run {elapsed.TotalMinutes:F1} min");
        var compilations = reports[0].CompilerServerLines.Count;
        var served = reports[0].CompilerServerLines.Count(ReportParser.RanOnServer);
        sb.AppendLine(mode switch
        {
            null when served > 0 => $"- Compiler server: UseSharedCompilation=true: {served} of {compilations} compilation(s) in the first log ran on a compiler server (whether it was warm is not in the log); the log says: `{reports[0].CompilerServer}`",
            null or { ServerId: null } => $"- Compiler server: UseSharedCompilation=false (no VBCSCompiler: csc starts and JITs our analyzers in every compilation; the log says: `{reports[0].CompilerServer}`)",
            { Warmup: > 0 } => $"- Compiler server: UseSharedCompilation=true, dedicated server `{mode.ServerId}`, warm ({mode.Warmup} warm-up build(s)): the measured builds ran on the server the warm-up build started, with the analyzers already loaded and JITed, as in `dotnet build` on a developer machine and in the IDE; "
                + $"{served} of {compilations} compilation(s) per build on the server, each connected to pipe `{mode.ServerId}`; the log says: `{reports[0].CompilerServer}`; the server was stopped at the end of the run",
            _ => $"- Compiler server: UseSharedCompilation=true, dedicated server `{mode.ServerId}`, cold (--warmup 0): the first measured build started the server and paid its start-up and JIT; "
                + $"{served} of {compilations} compilation(s) per build on the server, each connected to pipe `{mode.ServerId}`; the log says: `{reports[0].CompilerServer}`; the server was stopped at the end of the run",
        });
        sb.AppendLine("- \"Compile time\" is MSBuild's Csc task time (parse, bind, analyzers, emit). Analyzer times are the compiler's own report; analyzers run concurrently, so their sum can exceed wall-clock time, and a semantic computation shared by several analyzers is charged to whichever asks first.");
        sb.AppendLine();
        sb.AppendLine("| Build (median) | Seconds |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine($"| `dotnet build` wall clock | {(walls.All(double.IsNaN) ? "–" : Median(walls).ToString("F1"))} |");
        sb.AppendLine($"| Compile (Csc task) | {csc:F1} |");
        sb.AppendLine($"| All analyzers in the build (SDK, peers, ours) | {totalAnalyzers:F2} |");
        sb.AppendLine($"| **PerfAnalyzers total** | **{Median(reports.Select(r => r.AssemblySeconds.GetValueOrDefault(Ours))):F3}** ({Pct(Median(reports.Select(r => r.AssemblySeconds.GetValueOrDefault(Ours))), csc)} of compile time) |");
        sb.AppendLine();
        AppendPerCompilation(sb, reports, Ours);
        AppendLargeRows(sb, reports, Ours, csc);

        sb.AppendLine("| Analyzer assembly | Median time (s) | Share of compile time | Runs (s) |");
        sb.AppendLine("|---|---:|---:|---|");
        foreach (var assembly in reports.SelectMany(r => r.AssemblySeconds.Keys).Distinct()
                     .Select(a => (Name: a, Median: Median(reports.Select(r => r.AssemblySeconds.GetValueOrDefault(a)))))
                     .OrderByDescending(a => a.Median))
        {
            var name = assembly.Name == Ours ? $"**{Ours}** (ours)" : assembly.Name;
            sb.AppendLine($"| {name} | {assembly.Median:F3} | {Pct(assembly.Median, csc)} | {string.Join(" / ", reports.Select(r => r.AssemblySeconds.GetValueOrDefault(assembly.Name).ToString("F3")))} |");
        }
        sb.AppendLine();

        // Our rules, discovered from the report (each of our analyzer types lists the IDs it reports).
        var ourRows = reports.SelectMany(r => r.Analyzers).Where(a => a.Assembly == Ours).Select(a => (a.Type, Ids: string.Join(", ", a.Ids))).Distinct().ToList();
        var catalogue = RulesInCatalogue(repo);
        sb.AppendLine("| Our rule | Analyzer | Median time (ms) | Share of compile time | Warnings reported | Fastest comparable peer rule (ms) | Ours / fastest peer |");
        sb.AppendLine("|---|---|---:|---:|---:|---|---:|");
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var slower = new List<string>();
        foreach (var row in ourRows.OrderBy(r => r.Ids, StringComparer.Ordinal))
        {
            var ms = 1000 * Median(reports.Select(r => r.Analyzers.Where(a => a.Assembly == Ours && a.Type == row.Type).Sum(a => a.Seconds)));
            string peerCell = "no peer rule", ratioCell = "–";
            var peers = row.Ids.Split(", ").Where(ComparablePeerRules.ContainsKey).SelectMany(id => ComparablePeerRules[id]).Distinct().ToList();
            var peerTimes = peers.Select(p => (Rule: p, Ms: PeerMs(reports, p))).Where(p => p.Ms is not null).OrderBy(p => p.Ms).ToList();
            if (peers.Count > 0 && peerTimes.Count == 0)
            {
                peerCell = "peers not in this build";
            }
            if (peerTimes.Count > 0)
            {
                var fastest = peerTimes[0];
                peerCell = $"{fastest.Rule} {fastest.Ms:F1}";
                ratioCell = fastest.Ms > 0 ? $"{ms / fastest.Ms!.Value:F2}" : "n/a (peer < 1 ms)";
                if (fastest.Ms > 0 && ms > fastest.Ms)
                {
                    slower.Add(row.Ids);
                }
            }
            foreach (var id in row.Ids.Split(", "))
            {
                seenIds.Add(id);
            }
            sb.AppendLine($"| {row.Ids} | `{ShortType(row.Type)}` | {ms:F1} | {Pct(ms / 1000, csc)} | {string.Join(" + ", row.Ids.Split(", ").Select(id => reports[0].WarningsById.GetValueOrDefault(id)))} | {peerCell} | {ratioCell} |");
        }
        foreach (var missing in catalogue.Where(id => !seenIds.Contains(id)))
        {
            sb.AppendLine($"| {missing} | not in the built assembly | – | – | – | – | – |");
        }
        sb.AppendLine();
        var ourShare = 100 * Median(reports.Select(r => r.AssemblySeconds.GetValueOrDefault(Ours))) / csc;
        sb.AppendLine($"Targets (issue 6): whole package below 3% of compile time: **{(ourShare < 3 ? "met" : "NOT met")}** ({ourShare:F2}%); "
            + $"each rule no slower than the fastest comparable peer rule: **{(slower.Count == 0 ? "met" : "NOT met for " + string.Join(", ", slower))}**; "
            + $"rules of the catalogue not in the built assembly: {(catalogue.Count(id => !seenIds.Contains(id)) is var n && n == 0 ? "none" : n.ToString())}.");
        sb.AppendLine();

        sb.AppendLine("| Our rule | Comparable peer rule | Peer analyzer (IDs it reports) | Peer warnings | Peer median (ms) | Ours (ms) | Ours / peer |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var (ours, peerRules) in ComparablePeerRules)
        {
            var ourMs = seenIds.Contains(ours)
                ? 1000 * Median(reports.Select(r => r.Analyzers.Where(a => a.Assembly == Ours && a.Ids.Contains(ours)).Sum(a => a.Seconds)))
                : (double?)null;
            foreach (var peer in peerRules)
            {
                var row = reports.SelectMany(r => r.Analyzers).FirstOrDefault(a => a.Assembly != Ours && a.Ids.Contains(peer));
                var peerMs = PeerMs(reports, peer);
                var ratio = ourMs is null ? "rule not built" : peerMs is null ? "peer not run" : peerMs > 0 ? $"{ourMs / peerMs:F2}" : "n/a";
                sb.AppendLine($"| {ours} | {peer} | {(row is null ? "not in report" : $"`{ShortType(row.Type)}` ({string.Join(", ", row.Ids)})")} | {reports[0].WarningsById.GetValueOrDefault(peer)} | {(peerMs is null ? "–" : peerMs.Value.ToString("F1"))} | {(ourMs is null ? "–" : ourMs.Value.ToString("F1"))} | {ratio} |");
            }
        }
        sb.AppendLine();
        sb.AppendLine("A peer analyzer type that reports several IDs is timed as a whole (the compiler times analyzer types, not IDs). "
            + "Times below 1 ms are reported by the compiler as \"<0.001\" and counted as 0. "
            + "Warnings: distinct warnings with that ID in the first measured build (in the generated code base each of our anti-patterns is placed about 12 times).");
        return sb.ToString();
    }

    private static double? PeerMs(List<BuildReport> reports, string rule)
    {
        if (!reports.Any(r => r.Analyzers.Any(a => a.Assembly != "PerfAnalyzers" && a.Ids.Contains(rule))))
        {
            return null;
        }

        var seconds = reports.Select(r => r.Analyzers.Where(a => a.Assembly != "PerfAnalyzers" && a.Ids.Contains(rule)).Sum(a => a.Seconds)).ToList();

        // A rule that is off (the SDK's CA1849 by default) is still listed, under 1 ms, in every build: not run.
        if (seconds.All(s => s == 0) && reports.All(r => r.WarningsById.GetValueOrDefault(rule) == 0))
        {
            return null;
        }

        return 1000 * Median(seconds);
    }

    private static List<string> RulesInCatalogue(string repo)
    {
        foreach (var path in new[] { Path.Combine(repo, "src", "PerfAnalyzers", "AnalyzerReleases.Unshipped.md"), Path.Combine(repo, "README.md") })
        {
            if (File.Exists(path))
            {
                var ids = RuleId().Matches(File.ReadAllText(path)).Select(m => m.Value).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
                if (ids.Count > 0)
                {
                    return ids;
                }
            }
        }
        return [];
    }

    [GeneratedRegex(@"\bPERF\d{3}\b")]
    private static partial Regex RuleId();

    private static string ShortType(string type) => type.Contains('.') ? type[(type.LastIndexOf('.') + 1)..] : type;

    /// <summary>
    /// With several compilations per build: how our time spreads over them. The compiler times each callback by the
    /// clock, so a callback that a collection pause or another thread interrupts is charged the interruption; a few
    /// compilations then hold much of the total, and the lower quartile is closer to the work itself.
    /// </summary>
    private static void AppendPerCompilation(System.Text.StringBuilder sb, IReadOnlyList<BuildReport> reports, string ours)
    {
        var perBuild = reports
            .Select(r => r.AssemblySecondsPerCompilation.TryGetValue(ours, out var values) ? values.OrderBy(v => v).ToList() : [])
            .Where(values => values.Count > 1)
            .ToList();
        if (perBuild.Count == 0)
        {
            return;
        }

        sb.AppendLine("| PerfAnalyzers per compilation (ms), each measured build | Compilations | Min | Lower quartile | Median | Max | Share of the build's total in its 10% largest compilations |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < perBuild.Count; i++)
        {
            var values = perBuild[i];
            var largest = Math.Max(1, values.Count / 10);
            var total = values.Sum();
            var tail = values.Skip(values.Count - largest).Sum();
            sb.AppendLine($"| Build {i + 1} | {values.Count} | {1000 * values[0]:F0} | {1000 * values[values.Count / 4]:F0} | {1000 * values[values.Count / 2]:F0} | {1000 * values[^1]:F0} | {(total > 0 ? 100 * tail / total : 0):F0}% |");
        }

        sb.AppendLine();
    }

    /// <summary>Rows of 10 ms or more: far above what one of our rules costs on one small project's compilation.</summary>
    private const double LargeRowSeconds = 0.010;

    /// <summary>
    /// With several compilations per build: how much of each assembly's time sits in a few large rows (one analyzer
    /// type in one compilation, 10 ms or more). A row is the clock time of the analyzer's callbacks, so a collection
    /// pause or a thread preempted on a busy machine is charged to every callback it interrupts. When rules that do
    /// almost nothing (a few tenths of a millisecond per compilation in process) show such rows, those rows are mostly
    /// interruptions, and the rows under 10 ms are closer to the work itself. Both parts count in the totals above.
    /// </summary>
    private static void AppendLargeRows(System.Text.StringBuilder sb, IReadOnlyList<BuildReport> reports, string ours, double csc)
    {
        if (reports.All(r => r.AnalyzerRowsPerCompilation.Count == 0) || reports.All(r => r.CompilerServerLines.Count < 2))
        {
            return;
        }

        sb.AppendLine($"| Rows of one analyzer in one compilation, each measured build ({ours}) | Rows | Rows of 10 ms or more | Their share of our total | Rules in them | Our rows under 10 ms (s) | Share of compile time |");
        sb.AppendLine("|---|---:|---:|---:|---|---:|---:|");
        for (var i = 0; i < reports.Count; i++)
        {
            var rows = reports[i].AnalyzerRowsPerCompilation.Where(r => r.Assembly == ours).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var large = rows.Where(r => r.Seconds >= LargeRowSeconds).ToList();
            var total = rows.Sum(r => r.Seconds);
            var small = total - large.Sum(r => r.Seconds);
            var rules = string.Join(", ", large.SelectMany(r => r.Ids).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            sb.AppendLine($"| Build {i + 1} | {rows.Count} | {large.Count} | {(total > 0 ? 100 * large.Sum(r => r.Seconds) / total : 0):F0}% | {(rules.Length == 0 ? "–" : rules)} | {small:F3} | {Pct(small, reports[i].CscSeconds)} |");
        }

        sb.AppendLine();
        sb.AppendLine("| Analyzer assembly (all measured builds) | Rows | Rows of 10 ms or more | Their share of the assembly's total |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var assembly in reports.SelectMany(r => r.AnalyzerRowsPerCompilation).GroupBy(r => r.Assembly)
                     .Select(g => (Name: g.Key, Rows: g.Count(), Large: g.Count(r => r.Seconds >= LargeRowSeconds), Total: g.Sum(r => r.Seconds), LargeTotal: g.Where(r => r.Seconds >= LargeRowSeconds).Sum(r => r.Seconds)))
                     .Where(a => a.Total > 0)
                     .OrderByDescending(a => a.Total))
        {
            var name = assembly.Name == ours ? $"**{ours}** (ours)" : assembly.Name;
            sb.AppendLine($"| {name} | {assembly.Rows} | {assembly.Large} | {100 * assembly.LargeTotal / assembly.Total:F0}% |");
        }

        sb.AppendLine();
    }

    private static string Pct(double part, double whole) => whole > 0 ? $"{100 * part / whole:F2}%" : "–";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Kills the VBCSCompiler process(es) started for this run only: those whose command line names the run's pipe
    /// (`-pipename:ID`). Never `dotnet build-server shutdown`, which would stop every server on the machine.
    /// </summary>
    private static List<int> StopCompilerServer(string id)
    {
        var stopped = new List<int>();
        if (!Directory.Exists("/proc"))
        {
            Log($"No /proc: stop the VBCSCompiler with `{id}` in its command line by hand");
            return stopped;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (!arguments.Any(a => a.Contains("VBCSCompiler", StringComparison.Ordinal))
                || !arguments.Any(a => a.EndsWith(":" + id, StringComparison.Ordinal) || a == id))
            {
                continue;
            }
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
                stopped.Add(pid);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        // A killed server leaves its pipe (a Unix socket named after the run's id in the temporary folder) behind.
        var socket = Path.Combine(Path.GetTempPath(), id);
        if (File.Exists(socket))
        {
            try
            {
                File.Delete(socket);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return stopped;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private static int Exec(string file, string arguments, string workingDirectory, string? logFile, bool sharedCompilation = false)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (sharedCompilation)
        {
            // This machine's environment may say UseSharedCompilation=false; the build command's -p: decides.
            psi.Environment.Remove("UseSharedCompilation");
        }
        else
        {
            psi.Environment["UseSharedCompilation"] = "false";
        }
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(psi)!;
        using var writer = logFile is null ? null : new StreamWriter(logFile);
        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (tail)
            {
                writer?.WriteLine(line);
                tail.Enqueue(line);
                if (tail.Count > 30)
                {
                    tail.Dequeue();
                }
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        if (process.ExitCode != 0 && logFile is null)
        {
            throw new InvalidOperationException($"`{file} {arguments}` failed in {workingDirectory}:\n" + string.Join('\n', tail));
        }
        return process.ExitCode;
    }
}

internal static class Machine
{
    public static string Describe()
    {
        var memory = "unknown memory";
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                memory = $"{kb / 1024.0 / 1024.0:F1} GiB RAM";
            }
        }
        catch (IOException)
        {
        }
        var sdk = "unknown";
        try
        {
            var psi = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            sdk = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        return $"{Environment.ProcessorCount} cores (nproc), {memory}, {RuntimeInformation.OSDescription}, .NET SDK {sdk}, runtime {RuntimeInformation.FrameworkDescription}";
    }
}
