using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Formatting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Lane
{
    /// <summary>
    /// The lane really runs what it claims: the analyzers built against the package's minimum Roslyn, bound at run
    /// time to Roslyn 5, with snippets compiled at the newest language version, where C# 13's params collections apply.
    /// </summary>
    public class Roslyn5LaneTests
    {
        [Fact]
        public void The_compiler_and_workspaces_loaded_are_Roslyn_5_or_newer()
        {
            foreach (var type in new[] { typeof(Compilation), typeof(CSharpCompilation), typeof(Workspace), typeof(CSharpFormattingOptions) })
            {
                Assert.True(type.Assembly.GetName().Version!.Major >= 5, type.Assembly.FullName);
            }
        }

        [Fact]
        public void The_analyzers_and_fixes_are_still_built_against_Roslyn_4()
        {
            foreach (var assembly in new[] { typeof(Descriptors).Assembly, typeof(PerfAnalyzers.Infrastructure.CodeFixSyntax).Assembly })
            {
                var compiler = assembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis");
                Assert.Equal(4, compiler.Version!.Major);
            }
        }

        [Fact]
        public void Snippets_compile_at_the_newest_language_version()
        {
            Assert.Equal(LanguageVersion.Preview, TestLane.Language);
            Assert.True(LanguageVersion.Latest.MapSpecifiedToEffectiveVersion() >= LanguageVersion.CSharp14);
        }

        [Fact]
        public void Task_WhenAll_of_listed_tasks_binds_to_params_ReadOnlySpan()
        {
            var tree = CSharpSyntaxTree.ParseText("""
                using System.Threading.Tasks;

                public class C
                {
                    public async Task M(Task a, Task b) => await Task.WhenAll(a, b);
                }
                """, TestLane.ParseOptions);
            var compilation = CSharpCompilation.Create("Probe", new[] { tree }, SnippetReferences.For(Frameworks.NetCore), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Single();
            var method = (IMethodSymbol)compilation.GetSemanticModel(tree).GetSymbolInfo(call).Symbol!;
            var parameter = Assert.Single(method.Parameters);
            Assert.True(parameter.IsParams);
            Assert.Equal("System.ReadOnlySpan<System.Threading.Tasks.Task>", parameter.Type.ToDisplayString());
        }
    }
}
