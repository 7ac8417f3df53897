using System.Linq;
using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Robustness
{
    public class CodeFixRobustnessTests
    {
        [Fact]
        public async Task Fix_still_applies_when_the_simplifier_throws_on_broken_code()
        {
            // `class` is missing, so Main parses as a top-level local function; Roslyn 4.8's simplifier throws
            // on this file. The fix must still produce its edit, with names left fully qualified if need be.
            const string Broken = """
                using System.Threading;
                using System.Threading.Tasks;

                public static  Program
                {
                    public static async Task Main()
                    {
                        Thread.Sleep(100);
                        await Task.Yield();
                    }
                }
                """;
            using var workspace = new AnalysisWorkspace(new[] { ("/0/Broken.cs", Broken) }, Frameworks.NetCore);
            var diagnostic = Assert.Single(await workspace.GetPerfDiagnosticsAsync(), d => d.Id == "PERF203");
            var (_, action) = Assert.Single(await workspace.GetFixesAsync(diagnostic));

            var fixedSolution = await AnalysisWorkspace.ApplyAsync(action, workspace.Solution);

            var text = (await fixedSolution.GetProject(workspace.ProjectId)!.Documents.Single().GetTextAsync()).ToString();
            Assert.Contains("await ", text);
            Assert.Contains("Task.Delay(100)", text);
            Assert.DoesNotContain("Thread.Sleep", text);
        }
    }
}
