using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>The EF query model's answers on single calls: kind, async-ness, the executed query and its operators.</summary>
    public class EfQueryModelDirectTests
    {
        private static (EfExecution Execution, SemanticContext Types) Classify(string body, string call)
        {
            var source = DatabaseSnippets.Model + "public class C { public async Task M(ShopDb db, CancellationToken ct) { " + body + " } }";
            var tree = CSharpSyntaxTree.ParseText(source, TestLane.ParseOptions);
            var compilation = CSharpCompilation.Create("Probe", new[] { tree }, SnippetReferences.For(Frameworks.Web), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var model = compilation.GetSemanticModel(tree);
            var invocation = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Last(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == call);
            var types = SemanticContext.For(compilation);
            Assert.True(EfQueryModel.TryGetExecution(model.GetOperation(invocation)!, types, out var execution));
            return (execution, types);
        }

        [Fact]
        public void Async_materialisation_reports_kind_name_and_query()
        {
            var (execution, types) = Classify("var x = await db.Orders.Where(o => o.Total > 1).OrderBy(o => o.Id).Take(5).ToListAsync(ct);", "ToListAsync");
            Assert.Equal(EfExecutionKind.Materialise, execution.Kind);
            Assert.True(execution.IsAsync);
            Assert.Equal("ToListAsync", execution.Name);
            Assert.Equal(EfQueryRoot.DbSet, execution.Root);
            Assert.Equal(new[] { "Take", "OrderBy", "Where" }, EfQueryModel.GetOperators(execution.Query, types).Select(o => o.TargetMethod.Name));
        }

        [Fact]
        public void Element_aggregate_and_find_kinds()
        {
            Assert.Equal(EfExecutionKind.Element, Classify("var x = db.Orders.FirstOrDefault(o => o.Id == 1);", "FirstOrDefault").Execution.Kind);
            Assert.Equal(EfExecutionKind.Aggregate, Classify("var x = await db.Orders.SumAsync(o => o.Total, ct);", "SumAsync").Execution.Kind);
            var find = Classify("var x = db.Customers.Find(1);", "Find").Execution;
            Assert.Equal(EfExecutionKind.Find, find.Kind);
            Assert.False(find.IsAsync);
        }

        [Fact]
        public void Operators_are_followed_through_a_local_assigned_once()
        {
            var (execution, types) = Classify("var q = db.Orders.Where(o => o.Total > 1).Include(o => o.Lines); var x = q.Count();", "Count");
            Assert.Equal(EfExecutionKind.Aggregate, execution.Kind);
            Assert.Equal(new[] { "Include", "Where" }, EfQueryModel.GetOperators(execution.Query, types).Select(o => o.TargetMethod.Name));
        }
    }
}
