using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Tests.Infrastructure;
using PerfAnalyzers.Tests.Metadata;
using Xunit;

namespace PerfAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Every test snippet of every rule, cut short at token boundaries and with a token deleted (fixed seed):
    /// no analyzer may throw, and every code fix offered on the damaged code must either produce a document
    /// or decline — never throw. New rules' snippets are picked up automatically.
    /// </summary>
    public class SnippetRobustnessTests
    {
        private const int TruncationsPerSnippet = 6;
        private const int DeletionsPerSnippet = 2;
        private static readonly Regex Markup = new Regex(@"\{\|(#\d+|PERF\d{3}):|\|\}", RegexOptions.Compiled);

        public static IEnumerable<object[]> TestFiles()
            => Directory.GetFiles(Path.Combine(RuleMetadataTests.RepositoryRoot, "tests", TestLane.SnippetFolder), "*Tests.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Robustness" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                         && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetRelativePath(RuleMetadataTests.RepositoryRoot, f) });

        [Fact]
        public void Snippets_are_found() => Assert.NotEmpty(TestFiles().SelectMany(f => Snippets((string)f[0])));

        [Theory]
        [MemberData(nameof(TestFiles))]
        public async Task Analyzers_and_fixes_survive_damaged_snippets(string relativePath)
        {
            var random = new Random(relativePath.Length * 31 + 17);
            foreach (var snippet in Snippets(relativePath))
            {
                foreach (var variant in Damaged(snippet, random))
                {
                    // FastEndpoints too, so that its endpoint classes bind in the snippets that use them.
                    using var workspace = new AnalysisWorkspace(new[] { ("/0/Snippet.cs", variant) }, Frameworks.FastEndpoints | Frameworks.Xunit);
                    foreach (var diagnostic in await workspace.GetPerfDiagnosticsAsync())
                    {
                        foreach (var (_, action) in await workspace.GetFixesAsync(diagnostic))
                        {
                            var changed = await AnalysisWorkspace.ApplyAsync(action, workspace.Solution);
                            Assert.NotNull(changed);
                        }
                    }
                }
            }
        }

        /// <summary>The raw string literals of a test file with the diagnostic markup removed.</summary>
        private static IEnumerable<string> Snippets(string relativePath)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(RuleMetadataTests.RepositoryRoot, relativePath)), TestLane.ParseOptions).GetRoot();
            return root.DescendantTokens()
                .Where(t => t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                .Select(t => Markup.Replace(t.ValueText, string.Empty))
                .Distinct();
        }

        private static IEnumerable<string> Damaged(string snippet, Random random)
        {
            var tokens = CSharpSyntaxTree.ParseText(snippet, TestLane.ParseOptions).GetRoot().DescendantTokens().ToList();
            if (tokens.Count < 4)
            {
                yield break;
            }

            for (var i = 1; i <= TruncationsPerSnippet; i++)
            {
                yield return snippet.Substring(0, tokens[tokens.Count * i / (TruncationsPerSnippet + 1)].SpanStart);
            }

            for (var i = 0; i < DeletionsPerSnippet; i++)
            {
                var token = tokens[random.Next(tokens.Count)];
                yield return snippet.Remove(token.SpanStart, token.Span.Length);
            }
        }
    }
}
