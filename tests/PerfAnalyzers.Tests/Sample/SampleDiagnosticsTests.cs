using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PerfAnalyzers.Tests.Metadata;
using Xunit;

namespace PerfAnalyzers.Tests.Sample
{
    /// <summary>
    /// The sample marks each anti-pattern with `// PERFnnn anti-pattern: ...` and each correct counterpart with
    /// `// PERFnnn correct: ...`. Every implemented rule must fire right below its anti-pattern markers and
    /// nowhere else: the correct counterparts and the rest of a realistic API are a standing false-positive guard.
    /// </summary>
    public class SampleDiagnosticsTests
    {
        // A diagnostic belongs to the marker when it is within this many lines below it (attributes, a wrapped call).
        private const int MarkerReach = 3;
        private static readonly Regex Marker = new Regex(@"//\s*(?<id>PERF\d{3}) (?<kind>anti-pattern|correct):", RegexOptions.Compiled);

        [Fact]
        public async Task Every_implemented_rule_fires_at_its_anti_patterns_and_nowhere_else()
        {
            var compilation = SampleCompilation.Create();
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var analyzers = RuleMetadataTests.Analyzers().ToImmutableArray();
            var implemented = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
            var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

            var markers = SampleCompilation.SourceFiles()
                .SelectMany(file => File.ReadAllLines(file).Select((text, index) => (File: file, Line: index + 1, Match: Marker.Match(text))))
                .Where(m => m.Match.Success)
                .Select(m => (m.File, m.Line, Id: m.Match.Groups["id"].Value, AntiPattern: m.Match.Groups["kind"].Value == "anti-pattern"))
                .ToList();

            var unexpected = diagnostics
                .Where(d => !markers.Any(m => m.AntiPattern && m.Id == d.Id && m.File == d.Location.SourceTree?.FilePath && IsBelow(m.Line, d)))
                .Select(d => d.ToString())
                .ToList();
            Assert.True(unexpected.Count == 0, "Diagnostics away from an anti-pattern marker:\n" + string.Join("\n", unexpected));

            var missed = markers
                .Where(m => m.AntiPattern && implemented.Contains(m.Id))
                .Where(m => !diagnostics.Any(d => d.Id == m.Id && d.Location.SourceTree?.FilePath == m.File && IsBelow(m.Line, d)))
                .Select(m => $"{Path.GetFileName(m.File)}:{m.Line} {m.Id}")
                .ToList();
            Assert.True(missed.Count == 0, "Anti-patterns the analyzers did not report:\n" + string.Join("\n", missed));
        }

        [Fact]
        public void The_sample_marks_an_anti_pattern_and_a_correct_counterpart_for_every_rule_the_package_reports()
        {
            var text = string.Join("\n", SampleCompilation.SourceFiles().Select(File.ReadAllText));
            foreach (var id in RuleMetadataTests.Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct())
            {
                Assert.Contains($"// {id} anti-pattern:", text);
                if (!ApplicationWideRules.Contains(id))
                {
                    Assert.Contains($"// {id} correct:", text);
                }
            }
        }

        // A rule about the whole application (PERF405: compression configured or not) cannot show both sides in one
        // sample; its correct, configured side is the end-to-end fixture's, which must build without the warning.
        private static readonly string[] ApplicationWideRules = { "PERF405" };

        private static bool IsBelow(int markerLine, Diagnostic diagnostic)
        {
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
            return line > markerLine && line <= markerLine + MarkerReach;
        }
    }
}
