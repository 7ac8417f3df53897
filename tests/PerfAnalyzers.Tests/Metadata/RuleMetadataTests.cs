using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace PerfAnalyzers.Tests.Metadata
{
    /// <summary>
    /// Every rule an analyzer reports ships with a docs page that uses the shared definitions of docs/concepts.md,
    /// a working help link, a release-tracking entry, and a README row whose title is the descriptor's and the
    /// docs page's. The repository is its own specification: nothing in it cites a file outside it.
    /// </summary>
    public partial class RuleMetadataTests
    {
        public static IEnumerable<object[]> ImplementedRules()
            => Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id).Select(id => new object[] { id });

        [Fact]
        public void At_least_one_rule_is_implemented() => Assert.NotEmpty(ImplementedRules());

        [Theory]
        [MemberData(nameof(ImplementedRules))]
        public void Docs_page_exists_and_its_title_matches(string id)
        {
            var descriptor = Descriptor(id);
            var page = Path.Combine(RepositoryRoot, "docs", "rules", id + ".md");
            Assert.True(File.Exists(page), $"{page} is missing");
            Assert.Equal($"# {id}: {descriptor.Title}", File.ReadLines(page).First());
        }

        [Theory]
        [MemberData(nameof(ImplementedRules))]
        public void Help_link_points_at_the_docs_page_in_the_repository(string id)
        {
            var descriptor = Descriptor(id);
            Assert.Equal($"https://github.com/PerfAnalyzers/PerfAnalyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
            var relative = descriptor.HelpLinkUri.Substring("https://github.com/PerfAnalyzers/PerfAnalyzers/blob/main/".Length);
            Assert.True(File.Exists(Path.Combine(RepositoryRoot, relative)));
        }

        [Theory]
        [MemberData(nameof(ImplementedRules))]
        public void Docs_page_links_the_shared_concepts(string id)
        {
            var page = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md"));
            Assert.Contains("](../concepts.md#", page, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(ImplementedRules))]
        public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
        {
            var descriptor = Descriptor(id);
            var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, "src", "PerfAnalyzers", "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(Path.Combine(RepositoryRoot, "src", "PerfAnalyzers", "AnalyzerReleases.Shipped.md")));
            Assert.Contains(lines, line => Regex.IsMatch(line, $@"^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{descriptor.DefaultSeverity}\s*\|"));
        }

        [Theory]
        [MemberData(nameof(ImplementedRules))]
        public void Readme_row_title_is_the_descriptor_title_and_the_docs_title(string id)
        {
            var rows = File.ReadLines(Path.Combine(RepositoryRoot, "README.md"))
                .Where(line => line.StartsWith($"| [{id}](docs/rules/{id}.md) |", StringComparison.Ordinal))
                .ToList();
            var row = Assert.Single(rows);
            var readmeTitle = row.Split('|')[2].Trim();
            Assert.Equal(Descriptor(id).Title.ToString(), readmeTitle);
            Assert.Equal($"# {id}: {readmeTitle}", File.ReadLines(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md")).First());
        }

        [Fact]
        public void No_file_of_the_repository_cites_a_file_outside_it()
        {
            // Built from pieces so that this file does not match itself.
            var outside = new[] { "RULES" + ".md", ".." + "/shared", ".." + "\\shared", "\"..\", \"" + "shared\"" };
            var offenders = new List<string>();
            foreach (var file in RepositoryTextFiles())
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    foreach (var needle in outside)
                    {
                        if (lines[i].Contains(needle, StringComparison.Ordinal))
                        {
                            offenders.Add($"{Path.GetRelativePath(RepositoryRoot, file)}:{i + 1}: {lines[i].Trim()}");
                        }
                    }
                }
            }

            Assert.True(offenders.Count == 0, "Cite docs/rules/PERFnnn.md or docs/concepts.md instead:\n" + string.Join("\n", offenders));
        }

        [Fact]
        public void Every_concepts_anchor_a_docs_page_links_to_exists()
        {
            var concepts = Path.Combine(RepositoryRoot, "docs", "concepts.md");
            var anchors = MarkdownAnchors(concepts);
            var links = MarkdownFiles().SelectMany(file => RelativeLinks(file).Select(link => (File: file, Link: link)))
                .Where(l => l.Link.Anchor.Length > 0 && SamePath(l.Link.Target, concepts))
                .ToList();
            Assert.NotEmpty(links);
            var missing = links.Where(l => !anchors.Contains(l.Link.Anchor))
                .Select(l => $"{Path.GetRelativePath(RepositoryRoot, l.File)} links to concepts.md#{l.Link.Anchor}, which has no such heading")
                .ToList();
            Assert.True(missing.Count == 0, string.Join("\n", missing));
        }

        [Fact]
        public void Every_relative_link_in_the_docs_and_readme_resolves()
        {
            foreach (var file in MarkdownFiles())
            {
                foreach (var (target, anchor) in RelativeLinks(file))
                {
                    var where = $"{Path.GetRelativePath(RepositoryRoot, file)} → {Path.GetRelativePath(RepositoryRoot, target)}{(anchor.Length > 0 ? "#" + anchor : "")}";
                    Assert.True(File.Exists(target) || Directory.Exists(target), where + ": no such file");
                    if (anchor.Length > 0 && target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                    {
                        Assert.True(MarkdownAnchors(target).Contains(anchor), where + ": no such heading");
                    }
                }
            }
        }

        [Fact]
        public void Every_analyzer_leaves_generated_code_alone()
        {
            foreach (var analyzer in Analyzers())
            {
                var context = new RecordingAnalysisContext();
                analyzer.Initialize(context);
                // Not run on generated code; reports are filtered by GeneratedCodeReports rather than by the compiler's
                // visit of every token of each file with a report.
                Assert.True(context.GeneratedCode == GeneratedCodeAnalysisFlags.ReportDiagnostics, $"{analyzer.GetType().Name} does not configure generated code as the rules do (docs/concepts.md#generated-code)");
            }
        }

        [Theory]
        [MemberData(nameof(ImplementedRules))]
        public void Rule_is_enabled_by_default_with_a_help_link_and_a_description(string id)
        {
            var descriptor = Descriptor(id);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.Matches(@"^PERF\d{3}$", descriptor.Id);
        }

        [Fact]
        public void Every_reported_descriptor_is_the_one_in_Descriptors()
        {
            var declared = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToImmutableHashSet();
            foreach (var descriptor in Analyzers().SelectMany(a => a.SupportedDiagnostics))
            {
                Assert.Contains(descriptor, declared);
            }
        }

        [Fact]
        public void Each_rule_is_reported_by_exactly_one_analyzer()
        {
            var owners = Analyzers().SelectMany(a => a.SupportedDiagnostics.Select(d => (d.Id, Analyzer: a.GetType().Name))).GroupBy(p => p.Id);
            foreach (var owner in owners)
            {
                Assert.Single(owner);
                Assert.StartsWith(owner.Key, owner.Single().Analyzer, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Every_code_fix_fixes_an_implemented_rule_and_supports_fix_all()
        {
            var implemented = ImplementedRules().Select(r => (string)r[0]).ToImmutableHashSet();
            var fixes = CodeFixes().ToList();
            Assert.NotEmpty(fixes);
            foreach (var fix in fixes)
            {
                Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, implemented));
                Assert.NotNull(fix.GetFixAllProvider());
                Assert.StartsWith(fix.FixableDiagnosticIds.Single(), fix.GetType().Name, StringComparison.Ordinal);
            }
        }

        private static DiagnosticDescriptor Descriptor(string id)
            => Analyzers().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);

        private static readonly string[] SkippedDirectories = { "bin", "obj", "TestResults", "artifacts", "node_modules", ".vs" };

        /// <summary>Text files of the product: src, tests, docs, bench, samples and the README (build output skipped).</summary>
        private static IEnumerable<string> RepositoryTextFiles()
        {
            var roots = new[] { "src", "tests", "docs", "bench", "samples" }.Select(d => Path.Combine(RepositoryRoot, d)).Where(Directory.Exists);
            var files = roots.SelectMany(FilesBelow).Append(Path.Combine(RepositoryRoot, "README.md"));
            return files.Where(file => !File.ReadAllBytes(file).Contains((byte)0));
        }

        private static IEnumerable<string> FilesBelow(string directory)
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
                {
                    foreach (var file in FilesBelow(child))
                    {
                        yield return file;
                    }
                }
            }
        }

        private static IEnumerable<string> MarkdownFiles()
            => FilesBelow(Path.Combine(RepositoryRoot, "docs")).Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                .Append(Path.Combine(RepositoryRoot, "README.md"));

        /// <summary>Lines of a markdown file outside fenced code blocks, with inline code removed.</summary>
        private static IEnumerable<string> ProseLines(string file)
        {
            var inFence = false;
            foreach (var line in File.ReadLines(file))
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                {
                    inFence = !inFence;
                    continue;
                }

                if (!inFence)
                {
                    yield return Regex.Replace(line, "`[^`]*`", "");
                }
            }
        }

        /// <summary>Links to files of the repository (not URLs), as a full path and an anchor ("" when none).</summary>
        private static IEnumerable<(string Target, string Anchor)> RelativeLinks(string file)
        {
            foreach (var line in ProseLines(file))
            {
                foreach (Match match in Regex.Matches(line, @"\]\(([^)\s]+)\)"))
                {
                    var link = match.Groups[1].Value;
                    if (Regex.IsMatch(link, "^[a-zA-Z][a-zA-Z0-9+.-]*:"))
                    {
                        continue;
                    }

                    var hash = link.IndexOf('#');
                    var path = hash < 0 ? link : link.Substring(0, hash);
                    var anchor = hash < 0 ? "" : link.Substring(hash + 1);
                    var target = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                    yield return (target, anchor);
                }
            }
        }

        /// <summary>The anchors GitHub generates for a markdown file's headings.</summary>
        private static HashSet<string> MarkdownAnchors(string file)
        {
            var anchors = new HashSet<string>(StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var line in ProseLines(file))
            {
                var heading = Regex.Match(line, "^#{1,6} +(.+?) *#* *$");
                if (!heading.Success)
                {
                    continue;
                }

                var slug = new string(heading.Groups[1].Value.ToLowerInvariant()
                    .Where(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == ' ')
                    .Select(c => c == ' ' ? '-' : c)
                    .ToArray());
                seen.TryGetValue(slug, out var count);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }

            return anchors;
        }

        private static bool SamePath(string a, string b)
            => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

        /// <summary>Records what an analyzer configures in Initialize; registers nothing.</summary>
        private sealed class RecordingAnalysisContext : AnalysisContext
        {
            public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCode = analysisMode;

            public override void EnableConcurrentExecution()
            {
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            {
            }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
            {
            }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
            {
            }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            {
            }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            {
            }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
            {
            }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
            {
            }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            {
            }
        }
    }
}
