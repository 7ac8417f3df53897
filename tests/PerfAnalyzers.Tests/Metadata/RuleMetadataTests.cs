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
    /// Every rule an analyzer reports ships with a docs page, a working help link, a release-tracking entry,
    /// a row in the README, and the ID and title of the rule catalogue.
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
        public void Id_and_title_match_the_rule_catalogue(string id)
        {
            var catalogue = Path.Combine(RepositoryRoot, "..", "shared", "RULES.md");
            if (!File.Exists(catalogue))
            {
                // The catalogue lives beside the repository on the team's machines and in CI; a bare clone has
                // no copy, and the docs title test above still pins the title.
                return;
            }

            var row = File.ReadLines(catalogue).SingleOrDefault(line => line.StartsWith($"| {id} |", StringComparison.Ordinal));
            Assert.NotNull(row);
            Assert.Equal(row!.Split('|')[2].Trim(), Descriptor(id).Title.ToString());
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
        public void Readme_rule_table_lists_the_rule(string id)
        {
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
            Assert.Contains($"[{id}](docs/rules/{id}.md)", readme);
            Assert.Contains(Descriptor(id).Title.ToString(), readme);
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
    }
}
