using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Tests.Database;
using PerfAnalyzers.Tests.Infrastructure;
using PerfAnalyzers.Tests.Metadata;
using PerfAnalyzers.Tests.Robustness;
using Xunit;

namespace PerfAnalyzers.Tests.Lane
{
    /// <summary>
    /// Each rule's C# 13/14 tests run only that rule. Here every analyzer and every fix it offers meets each of those
    /// snippets whole (the snippet robustness test only sees them damaged): the snippet must compile, and nothing may throw.
    /// </summary>
    public class IntactSnippetTests
    {
        private static readonly Regex Markup = new Regex(@"\{\|(#\d+|PERF\d{3}):|\|\}", RegexOptions.Compiled);

        [Theory]
        [MemberData(nameof(SnippetRobustnessTests.TestFiles), MemberType = typeof(SnippetRobustnessTests))]
        public async Task Every_analyzer_and_fix_runs_on_the_intact_snippets(string relativePath)
        {
            foreach (var snippet in Snippets(relativePath))
            {
                // Without xunit: a test project would silence PERF501, whose fixes must meet these shapes too.
                using var workspace = new AnalysisWorkspace(new[] { ("/0/Snippet.cs", snippet) }, Frameworks.Web);
                var errors = await workspace.GetCompilerErrorsAsync();
                Assert.True(errors.IsEmpty, snippet + "\n\n" + string.Join("\n", errors));

                foreach (var diagnostic in await workspace.GetPerfDiagnosticsAsync())
                {
                    foreach (var (_, action) in await workspace.GetFixesAsync(diagnostic))
                    {
                        Assert.NotNull(await AnalysisWorkspace.ApplyAsync(action, workspace.Solution));
                    }
                }
            }
        }

        /// <summary>
        /// The sources a test file compiles: each raw string, after the constant the test prepends to it
        /// (<c>Usings + """..."""</c>, <c>Model + """..."""</c>), with the markup removed. The constants are not snippets.
        /// </summary>
        private static IEnumerable<string> Snippets(string relativePath)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(RuleMetadataTests.RepositoryRoot, relativePath)), TestLane.ParseOptions).GetRoot();
            var constants = root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
                .Where(v => v.Initializer?.Value is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                .ToDictionary(v => v.Identifier.ValueText, v => ((LiteralExpressionSyntax)v.Initializer!.Value).Token.ValueText);
            constants.TryAdd(nameof(DatabaseSnippets.Model), DatabaseSnippets.Model);

            foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)))
            {
                if (literal.Parent is EqualsValueClauseSyntax)
                {
                    continue;
                }

                var prefix = literal.Parent is BinaryExpressionSyntax { Left: IdentifierNameSyntax name } add && add.Right == literal
                    ? constants[name.Identifier.ValueText]
                    : string.Empty;
                yield return Markup.Replace(prefix + literal.Token.ValueText, string.Empty);
            }
        }
    }
}
