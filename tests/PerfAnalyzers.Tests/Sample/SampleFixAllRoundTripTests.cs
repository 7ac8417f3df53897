using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Sample
{
    /// <summary>
    /// Applies every code fix, through Fix All in solution scope, to every PERF diagnostic of samples/ShopApi,
    /// as a user clicking "Fix all occurrences in solution" would. The result must compile with no new errors,
    /// no fixable diagnostic may remain, and the diagnostics that have no fix are listed here explicitly.
    /// </summary>
    public class SampleFixAllRoundTripTests
    {
        // Diagnostics of the sample that no code fix handles (file name and rule), kept visible on purpose.
        private static readonly string[] ExpectedWithoutFix =
        {
            // The loop enumerates a parameter: the query that loaded the orders is in the caller, so no Include can be added here.
            "OrderTotalsService.cs PERF103",
        };

        [Fact]
        public async Task Fix_all_over_the_sample_compiles_and_leaves_only_the_diagnostics_without_a_fix()
        {
            using var workspace = new AnalysisWorkspace(SampleCompilation.Documents(), Frameworks.Web, OutputKind.ConsoleApplication);
            Assert.Empty(await workspace.GetCompilerErrorsAsync());
            Assert.NotEmpty(await workspace.GetPerfDiagnosticsAsync());

            var applied = new List<string>();
            for (var round = 0; round < 50; round++)
            {
                var fixedOne = false;
                foreach (var diagnostic in (await workspace.GetPerfDiagnosticsAsync()).OrderBy(d => d.Id).ThenBy(d => d.Location.SourceSpan.Start))
                {
                    var fixes = await workspace.GetFixesAsync(diagnostic);
                    if (fixes.IsEmpty)
                    {
                        continue;
                    }

                    var (provider, action) = fixes[0];
                    var solution = await workspace.FixAllInSolutionAsync(provider, diagnostic, action.EquivalenceKey);
                    Assert.NotNull(solution);
                    workspace.Solution = solution!;
                    applied.Add($"{diagnostic.Id} {action.EquivalenceKey}");
                    fixedOne = true;
                    break;
                }

                if (!fixedOne)
                {
                    break;
                }
            }

            Assert.NotEmpty(applied);
            var errors = await workspace.GetCompilerErrorsAsync();
            Assert.True(errors.IsEmpty, "The fixed sample does not compile:\n" + string.Join("\n", errors));

            var remaining = (await workspace.GetPerfDiagnosticsAsync())
                .Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)} {d.Id}")
                .OrderBy(s => s)
                .ToArray();
            Assert.Equal(ExpectedWithoutFix.OrderBy(s => s).ToArray(), remaining);
        }
    }
}
