using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using PerfAnalyzers.Tests.Robustness;
using Xunit;

namespace PerfAnalyzers.Tests.Lane
{
    /// <summary>
    /// Each rule's C# 13/14 tests run only that rule. Here every analyzer and every fix it offers meets each of those
    /// snippets whole (the snippet robustness test only sees them damaged): none may throw on the new syntax.
    /// </summary>
    public class IntactSnippetTests
    {
        [Theory]
        [MemberData(nameof(SnippetRobustnessTests.TestFiles), MemberType = typeof(SnippetRobustnessTests))]
        public async Task Every_analyzer_and_fix_runs_on_the_intact_snippets(string relativePath)
        {
            foreach (var snippet in SnippetRobustnessTests.Snippets(relativePath))
            {
                // Without xunit: a test project would silence PERF501, whose fixes must meet these shapes too.
                using var workspace = new AnalysisWorkspace(new[] { ("/0/Snippet.cs", snippet) }, Frameworks.Web);
                foreach (var diagnostic in await workspace.GetPerfDiagnosticsAsync())
                {
                    foreach (var (_, action) in await workspace.GetFixesAsync(diagnostic))
                    {
                        Assert.NotNull(await AnalysisWorkspace.ApplyAsync(action, workspace.Solution));
                    }
                }
            }
        }
    }
}
