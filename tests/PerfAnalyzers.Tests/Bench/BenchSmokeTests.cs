using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PerfAnalyzers.Tests.Infrastructure;
using PerfAnalyzers.Tests.Metadata;
using Xunit;

namespace PerfAnalyzers.Tests.Bench
{
    /// <summary>
    /// The benchmarks under bench/ are not run by `dotnet test` or CI (too slow and too noisy). These smoke tests
    /// only check that their tools work on a tiny input: the code-base generator, the analyzer-report parser of the
    /// overhead driver, one tiny iteration of every scenario of the patterns harness, and a few edits of the IDE
    /// latency bench on two tiny code bases.
    /// </summary>
    public class BenchSmokeTests
    {
        private const int MarkerReach = 3;
        private static readonly Regex Marker = new Regex(@"//\s*(?<id>PERF\d{3}) anti-pattern:", RegexOptions.Compiled);

        // The bench tools are built once, side by side, in Debug (so a Release build used for measuring is left alone).
        private static readonly Lazy<Task> BuildTools = new Lazy<Task>(() => Task.WhenAll(
            Task.Run(() => DotnetOrFail($"build \"{Path.Combine(Bench, "analyzer-overhead")}\" -c Debug -nologo -v:q -nodeReuse:false", Root)),
            Task.Run(() => DotnetOrFail($"build \"{Path.Combine(Bench, "patterns")}\" -c Debug -nologo -v:q -nodeReuse:false", Root)),
            Task.Run(() => DotnetOrFail($"build \"{Path.Combine(Bench, "ide-latency")}\" -c Debug -nologo -v:q -nodeReuse:false", Root)),
            Task.Run(() => DotnetOrFail($"build \"{Path.Combine(Bench, "build-inproc")}\" -c Debug -nologo -v:q -nodeReuse:false", Root))));

        private static string Root => RuleMetadataTests.RepositoryRoot;

        private static string Bench => Path.Combine(Root, "bench");

        private static string OverheadDll => Path.Combine(Bench, "analyzer-overhead", "bin", "Debug", "net10.0", "AnalyzerOverhead.dll");

        private static string PatternsDll => Path.Combine(Bench, "patterns", "bin", "Debug", "net10.0", "Patterns.dll");

        private static string IdeLatencyDll => Path.Combine(Bench, "ide-latency", "bin", "Debug", "net10.0", "IdeLatency.dll");

        private static string BuildInProcDll => Path.Combine(Bench, "build-inproc", "bin", "Debug", "net10.0", "BuildInProc.dll");

        [Fact]
        public async Task Generator_writes_a_compilable_web_code_base_where_each_rule_fires_only_at_its_sparse_anti_patterns()
        {
            await BuildTools.Value;
            using var outputPath = new ScratchPath();
            var output = outputPath.Path;
            var run = DotnetOrFail($"\"{OverheadDll}\" generate --out \"{output}\" --lines 12000", Root);
            Assert.Contains("Generated", run, StringComparison.Ordinal);

            foreach (var expected in new[] { "Generated.csproj", ".editorconfig", "Directory.Build.props", "Program.cs", Path.Combine("Data", "AppDbContext.cs") })
            {
                Assert.True(File.Exists(Path.Combine(output, expected)), expected + " is missing");
            }
            foreach (var folder in new[] { "Controllers", "Services", "Endpoints", "Contracts", "Data" })
            {
                Assert.True(Directory.GetFiles(Path.Combine(output, folder), "*.cs").Length >= 5, folder + " has too few files");
            }
            var project = File.ReadAllText(Path.Combine(output, "Generated.csproj"));
            Assert.Contains("<Analyzer Include=", project, StringComparison.Ordinal);
            foreach (var peer in new[] { "Microsoft.VisualStudio.Threading.Analyzers", "Meziantou.Analyzer", "AsyncFixer", "IDisposableAnalyzers" })
            {
                Assert.Contains($"<PackageReference Include=\"{peer}\"", project, StringComparison.Ordinal);
            }

            var files = Directory.GetFiles(output, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var lines = files.Sum(f => File.ReadAllLines(f).Length);
            Assert.InRange(lines, 12000, 16000);

            // Every rule of the catalogue has anti-patterns in the code base, at a low density.
            var markers = files
                .SelectMany(f => File.ReadAllLines(f).Select((text, index) => (File: f, Line: index + 1, Match: Marker.Match(text))))
                .Where(m => m.Match.Success)
                .Select(m => (m.File, m.Line, Id: m.Match.Groups["id"].Value))
                .ToList();
            var catalogue = Regex.Matches(File.ReadAllText(Path.Combine(Root, "src", "PerfAnalyzers", "AnalyzerReleases.Unshipped.md")), @"\bPERF\d{3}\b")
                .Select(m => m.Value).Distinct().ToList();
            Assert.NotEmpty(catalogue);
            foreach (var id in catalogue)
            {
                Assert.Contains(markers, m => m.Id == id);
            }
            Assert.InRange(lines / markers.Count, 300, 2000);

            // The code base compiles against the real ASP.NET Core and EF Core, and each implemented rule fires at
            // each of its anti-patterns; nothing is reported away from the anti-patterns (the clean code is the
            // correct counterpart of each pattern).
            var compilation = Compile(files);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

            var analyzers = RuleMetadataTests.Analyzers().ToImmutableArray();
            var implemented = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
            var diagnostics = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
                .Select(d => (File: d.Location.GetLineSpan().Path, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
                .ToList();

            foreach (var marker in markers.Where(m => implemented.Contains(m.Id)))
            {
                Assert.True(
                    diagnostics.Any(d => d.Id == marker.Id && d.File == marker.File && d.Line > marker.Line && d.Line <= marker.Line + MarkerReach),
                    $"{marker.Id} does not fire at its anti-pattern {Path.GetFileName(marker.File)}:{marker.Line}");
            }
            var stray = diagnostics
                .Where(d => !markers.Any(m => m.File == d.File && d.Line > m.Line && d.Line <= m.Line + MarkerReach))
                .Select(d => $"{d.Id} at {Path.GetFileName(d.File)}:{d.Line}")
                .ToList();
            Assert.Empty(stray);
        }

        [Fact]
        public async Task Overhead_driver_turns_a_compiler_analyzer_report_into_the_comparison_tables()
        {
            await BuildTools.Value;
            // The shape of `dotnet build -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary` output (abridged).
            var logText = string.Join("\n",
                "   1:7>/tmp/x/Program.cs(2,33): warning PERF501: A new HttpClient is created in a lambda [/tmp/x/x.csproj]",
                "   1:7>/tmp/x/Program.cs(2,25): warning IDISP014: Use a single instance of HttpClient [/tmp/x/x.csproj]",
                "         CompilerServer: tool - using command line tool by design '/usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc' - Generated (net10.0)",
                "         NOTE: Elapsed time may be less than analyzer execution time because analyzers can run concurrently.",
                "         ",
                "         Total analyzer execution time: 5.577 seconds.",
                "         ",
                "         Time (s)    %   Analyzer",
                "            0.210    3   IDisposableAnalyzers, Version=4.0.8.0, Culture=neutral, PublicKeyToken=3feb74da3c492280",
                "            0.095    1      IDisposableAnalyzers.CreationAnalyzer (IDISP004, IDISP014)",
                "           <0.001   <1      IDisposableAnalyzers.SuppressFinalizeAnalyzer (IDISP024)",
                "            0.046   <1   AsyncFixer, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null",
                "           <0.001   <1      AsyncFixer.BlockingCallInsideAsync.BlockingCallInsideAsyncAnalyzer (AsyncFixer02)",
                "            0.031   <1   PerfAnalyzers, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null",
                "            0.029   <1      PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer (PERF501)",
                "            0.002   <1      PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeAnalyzer (PERF502)",
                "         ",
                "       Done executing task \"Csc\".",
                "Task Performance Summary:",
                "    12738 ms  Csc                                        1 calls",
                "/tmp/x/Program.cs(2,33): warning PERF501: A new HttpClient is created in a lambda [/tmp/x/x.csproj]",
                "");

            var output = ReportOf(logText);

            Assert.Contains("| Compile (Csc task) | 12.7 |", output, StringComparison.Ordinal);
            Assert.Contains("| **PerfAnalyzers total** | **0.031** (0.24% of compile time) |", output, StringComparison.Ordinal);
            Assert.Contains("| PERF501 | `PERF501HttpClientPerOperationAnalyzer` | 29.0 | 0.23% | 1 | IDISP014 95.0 | 0.31 |", output, StringComparison.Ordinal);
            Assert.Contains("| PERF502 | `PERF502HttpClientWithoutPooledLifetimeAnalyzer` | 2.0 | 0.02% | 0 | no peer rule | – |", output, StringComparison.Ordinal);
            Assert.Contains("| PERF501 | IDISP014 | `CreationAnalyzer` (IDISP004, IDISP014) | 1 | 95.0 | 29.0 | 0.31 |", output, StringComparison.Ordinal);
            Assert.Contains("UseSharedCompilation=false", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Overhead_driver_alone_turns_on_no_peer_rule_and_reports_a_rule_that_is_off_as_not_run()
        {
            await BuildTools.Value;
            using var outputPath = new ScratchPath();
            var output = outputPath.Path;
            // Alone, CA1849 stays off: it binds every method body, and that shared work would be charged to it, not us.
            DotnetOrFail($"\"{OverheadDll}\" generate --out \"{output}\" --lines 3000 --no-peers", Root);
            var editorConfig = File.ReadAllText(Path.Combine(output, ".editorconfig"));
            Assert.DoesNotContain(".severity", editorConfig, StringComparison.Ordinal);
            Assert.DoesNotContain("Meziantou", File.ReadAllText(Path.Combine(output, "Generated.csproj")), StringComparison.Ordinal);

            // A rule that is off is still listed by the compiler, under 1 ms: it is not a peer that ran.
            var logText = string.Join("\n",
                AnalyzerReport(
                    "            0.300    3   Microsoft.CodeAnalysis.NetAnalyzers, Version=10.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35",
                    "           <0.001   <1      Microsoft.NetCore.Analyzers.Runtime.UseAsyncMethodInAsyncContext (CA1849)",
                    "            0.050   <1   PerfAnalyzers, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null",
                    "            0.050   <1      PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer (PERF202)"),
                "Task Performance Summary:",
                "    5000 ms  Csc                                        1 calls",
                "");
            var report = ReportOf(logText);

            Assert.Contains("| PERF202 | `PERF202SyncOverAsyncCallAnalyzer` | 50.0 | 1.00% | 0 | peers not in this build | – |", report, StringComparison.Ordinal);
            Assert.Contains("| PERF202 | CA1849 | `UseAsyncMethodInAsyncContext` (CA1849) | 0 | – | 50.0 | peer not run |", report, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Overhead_driver_adds_the_dispatch_probe_next_to_ours_in_a_valid_project_file()
        {
            await BuildTools.Value;
            using var outputPath = new ScratchPath();
            var output = outputPath.Path;
            DotnetOrFail($"\"{OverheadDll}\" generate --out \"{output}\" --lines 3000 --no-peers --dispatch-probe", Root);

            var project = System.Xml.Linq.XDocument.Load(Path.Combine(output, "Generated.csproj"));
            var analyzers = project.Descendants("Analyzer").Select(a => (string?)a.Attribute("Include") ?? "").ToList();
            Assert.Equal(2, analyzers.Count);
            Assert.EndsWith("PerfAnalyzers.dll", analyzers[0], StringComparison.Ordinal);
            Assert.EndsWith(Path.Combine("bench", "dispatch-probe", "bin", "Release", "netstandard2.0", "DispatchProbe.dll"), analyzers[1], StringComparison.Ordinal);
        }

        [Fact]
        public async Task Overhead_driver_shows_how_our_time_spreads_over_the_compilations_of_a_solution_build()
        {
            await BuildTools.Value;
            // Two projects, one analyzer report each.
            string Report(string seconds) => AnalyzerReport(
                $"            {seconds}    3   PerfAnalyzers, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null",
                $"            {seconds}    3      PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer (PERF501)");
            var logText = string.Join("\n",
                "         CompilerServer: tool - using command line tool by design '/usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc' - A (net10.0)",
                Report("0.010"),
                "         CompilerServer: tool - using command line tool by design '/usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc' - B (net10.0)",
                Report("0.030"),
                "Task Performance Summary:",
                "    4000 ms  Csc                                        2 calls",
                "");

            var output = ReportOf(logText);

            Assert.Contains("| **PerfAnalyzers total** | **0.040** (1.00% of compile time) |", output, StringComparison.Ordinal);
            Assert.Contains("| Build 1 | 2 | 10 | 10 | 30 | 30 | 75% |", output, StringComparison.Ordinal);

            // Rows (one analyzer in one compilation): the 30 ms row reaches 10 ms and holds 75% of ours; the 10 ms row too.
            Assert.Contains("| Build 1 | 2 | 2 | 100% | PERF501 | 0.000 | 0.00% |", output, StringComparison.Ordinal);
            Assert.Contains("| **PerfAnalyzers** (ours) | 2 | 2 | 100% |", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Overhead_driver_splits_our_time_into_rows_of_ten_milliseconds_or_more_and_the_rest()
        {
            await BuildTools.Value;
            string Report(string perf501, string perf502) => AnalyzerReport(
                "            0.040    3   PerfAnalyzers, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null",
                $"            {perf501}    3      PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer (PERF501)",
                $"            {perf502}    3      PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeAnalyzer (PERF502)",
                "            0.020    1   Microsoft.EntityFrameworkCore.Analyzers, Version=10.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60",
                "            0.020    1      Microsoft.EntityFrameworkCore.InternalUsageDiagnosticAnalyzer (EF1001)");
            var logText = string.Join("\n",
                "         CompilerServer: tool - using command line tool by design '/usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc' - A (net10.0)",
                Report("0.036", "0.004"),
                "         CompilerServer: tool - using command line tool by design '/usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc' - B (net10.0)",
                Report("0.002", "<0.001"),
                "Task Performance Summary:",
                "    2000 ms  Csc                                        2 calls",
                "");

            var output = ReportOf(logText);

            // Ours: 4 rows, the one of 36 ms is the only large one (36 of 42 ms); 6 ms in the others, 0.30% of 2 s.
            Assert.Contains("| Build 1 | 4 | 1 | 86% | PERF501 | 0.006 | 0.30% |", output, StringComparison.Ordinal);
            Assert.Contains("| **PerfAnalyzers** (ours) | 4 | 1 | 86% |", output, StringComparison.Ordinal);
            Assert.Contains("| Microsoft.EntityFrameworkCore.Analyzers | 2 | 2 | 100% |", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Patterns_harness_runs_one_tiny_iteration_of_every_scenario_on_loopback()
        {
            await BuildTools.Value;
            var output = DotnetOrFail($"\"{PatternsDll}\" --smoke", Root);

            Assert.Contains("SMOKE", output, StringComparison.Ordinal);
            foreach (var rule in new[] { "PERF101", "PERF102", "PERF103", "PERF104", "PERF107", "PERF201", "PERF202", "PERF203", "PERF301", "PERF401", "PERF402", "PERF403", "PERF404", "PERF501" })
            {
                Assert.Matches(new Regex($@"^\| {rule} \| .+\|\s*\*\*[^|]+\*\* \|$", RegexOptions.Multiline), output);
            }
            // N+1: one query for the orders plus one per order; the hoisted form needs two.
            Assert.Matches(new Regex(@"^\| PERF101 \| \| SQL commands per operation \| 51 \| 2 \|", RegexOptions.Multiline), output);
            Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Ide_latency_bench_times_every_analyzer_set_per_edit_at_two_sizes_and_judges_the_targets()
        {
            await BuildTools.Value;
            using var outputPath = new ScratchPath();
            var output = outputPath.Path;
            var run = DotnetOrFail($"\"{IdeLatencyDll}\" --sizes 2000,3000 --edits 3 --warmup 1 --mapper --out \"{output}\"", Root);

            Assert.Contains("Command: `dotnet run -c Debug --project bench/ide-latency -- --sizes 2000,3000 --edits 3 --warmup 1 --mapper", run, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^Machine: \d+ cores, ", RegexOptions.Multiline), run);

            // Every set is measured at both sizes (the peers loaded from their packages), the mapper variant for ours.
            foreach (var set in new[] { "compiler", "\\*\\*ours\\*\\*", "Meziantou\\.Analyzer", "Microsoft\\.VisualStudio\\.Threading\\.Analyzers", "AsyncFixer" })
            {
                Assert.Equal(2, new Regex($@"^\| [\d,]+ \| {set} \| \d", RegexOptions.Multiline).Matches(run.Split("## Per edit: mapper")[0]).Count);
            }
            Assert.Contains("## Per edit: mapper variant", run, StringComparison.Ordinal);

            // Each of our analyzers has its own row, timed by the driver's telemetry.
            foreach (var analyzer in RuleMetadataTests.Analyzers())
            {
                Assert.Matches(new Regex($@"^\| `{analyzer.GetType().Name} \(", RegexOptions.Multiline), run);
            }

            // The compiler's symbol tables of the analysis compilation are charged to the primer, on a line of their own.
            Assert.Contains("| `(analysis compilation's symbol tables, built for the first analyzer)` |", run, StringComparison.Ordinal);
            Assert.Contains("(3) our analyzers' own time per edited document, mapper minus plain", run, StringComparison.Ordinal);

            // The edited documents still compile after every edit (the tool stops otherwise) and our rules fire on them.
            Assert.Contains("- plain, controller: PERF301", run, StringComparison.Ordinal);
            Assert.Contains("- plain, service: PERF102", run, StringComparison.Ordinal);
            Assert.Contains("Analyzer exceptions: none.", run, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^\*\*Verdict: (MET|NOT MET)\*\* \(\d of 4 checked targets met, 0 not checked\)$", RegexOptions.Multiline), run);

            // The printed report is the results file; every sample is kept beside it.
            Assert.Contains(File.ReadAllText(Path.Combine(output, "ide-latency.md")).Trim(), run, StringComparison.Ordinal);
            var samples = File.ReadAllLines(Path.Combine(output, "ide-latency-samples.csv"));
            Assert.StartsWith("variant,target_lines,set,edit,document,", samples[0], StringComparison.Ordinal);
            // plain: 5 sets, mapper: compiler and ours; 3 edits at each of 2 sizes.
            Assert.Equal((5 + 2) * 3 * 2, samples.Length - 1);
        }

        [Fact]
        public async Task Build_inproc_bench_compares_two_analyzer_assemblies_round_by_round()
        {
            await BuildTools.Value;
            using var outputPath = new ScratchPath();
            var output = outputPath.Path;
            var ours = Path.Combine(Path.GetDirectoryName(BuildInProcDll)!, "PerfAnalyzers.dll");
            var run = DotnetOrFail($"\"{BuildInProcDll}\" --lines 1500 --rounds 2 --warmup 0 --driver-baseline --analyzers first=\"{ours}\" --analyzers second=\"{ours}\" --out \"{output}\"", Root);

            Assert.Contains("- Command: `dotnet run -c Debug --project bench/build-inproc -- --lines 1500 --rounds 2 --warmup 0", run, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^- Baseline: emit of the fresh compilation, median \d+\.\d ms, \d+\.\d MB allocated$", RegexOptions.Multiline), run);
            Assert.Matches(new Regex(@"^\| first \| `.*PerfAnalyzers\.dll` \(.*\) \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d% \| \d+\.\d \| \d+\.\d \| \d+ \| \d+\.\d \|$", RegexOptions.Multiline), run);
            Assert.Matches(new Regex(@"^\| second \| ", RegexOptions.Multiline), run);
            Assert.Matches(new Regex(@"^\| driver \| `\(one analyzer that asks for every invocation and does nothing\)` \(-\) \| ", RegexOptions.Multiline), run);
            Assert.Matches(new Regex(@"^Paired by round, second / first: median ratio \d+\.\d{3} \(quartiles .*, 2 rounds\)\.$", RegexOptions.Multiline), run);

            // A row per analyzer a command-line build runs (a rule at warning or error), none for the Info-only ones.
            foreach (var analyzer in RuleMetadataTests.Analyzers())
            {
                var runsInBuild = analyzer.SupportedDiagnostics.Any(d => d.IsEnabledByDefault && d.DefaultSeverity >= DiagnosticSeverity.Warning);
                Assert.Equal(runsInBuild, new Regex($@"^\| {analyzer.GetType().Name} \| ", RegexOptions.Multiline).IsMatch(run));
            }
            Assert.DoesNotContain("Analyzer exception", run, StringComparison.Ordinal);
            Assert.Contains(File.ReadAllText(Path.Combine(output, "build-inproc.md")).Trim(), run, StringComparison.Ordinal);
        }

        /// <summary>
        /// A minimal compiler analyzer report, as `-p:ReportAnalyzer=true -v:d` prints it for one compilation: the header,
        /// <paramref name="rows"/> (assemblies and their analyzer types), and the end of the Csc task.
        /// </summary>
        private static string AnalyzerReport(params string[] rows) => string.Join("\n",
            new[] { "         Total analyzer execution time: 1.000 seconds.", "         Time (s)    %   Analyzer" }
                .Concat(rows)
                .Append("       Done executing task \"Csc\"."));

        /// <summary>The overhead driver's tables for one build log with <paramref name="logText"/>.</summary>
        private static string ReportOf(string logText)
        {
            using var log = new ScratchPath(".log");
            File.WriteAllText(log.Path, logText);
            return DotnetOrFail($"\"{OverheadDll}\" report --logs \"{log.Path}\"", Root);
        }

        /// <summary>A fresh path under the temp folder for one test's output, deleted (file or folder) when disposed.</summary>
        private sealed class ScratchPath : IDisposable
        {
            public ScratchPath(string suffix = "")
                => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfanalyzers-bench-smoke-" + Guid.NewGuid().ToString("N") + suffix);

            public string Path { get; }

            public void Dispose()
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                File.Delete(Path);
            }
        }

        private static CSharpCompilation Compile(IEnumerable<string> files)
        {
            var parseOptions = TestLane.ParseOptions;
            var trees = files
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, path: f, encoding: Encoding.UTF8))
                .Append(CSharpSyntaxTree.ParseText(WebSdkImplicitUsings.Source, parseOptions, path: "GlobalUsings.g.cs"));
            return CSharpCompilation.Create(
                "Generated",
                trees,
                SnippetReferences.For(Frameworks.Web),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        }

        private static string DotnetOrFail(string arguments, string workingDirectory)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["UseSharedCompilation"] = "false";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'dotnet {arguments}' did not finish in 5 minutes.");
            }
            var output = stdout.Result + stderr.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'dotnet {arguments}' exited with {process.ExitCode}:\n{output}");
            }
            return output;
        }
    }
}
