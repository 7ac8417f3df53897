using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF101: loads the rows of a per-iteration key lookup with one query before the loop (see <see cref="QueryHoist"/>).
    /// Fix All applies the rewrites of a document one after another, so hoisted names never collide.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF101QueryInLoopCodeFix)), Shared]
    public sealed class PERF101QueryInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF101.HoistIntoLookup";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.QueryInLoop);

        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<InvocationExpressionSyntax>((document, invocation, _, _, cancellationToken) => QueryHoist.TryApplyAsync(document, invocation, cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // Offered only when the shape is one the rewrite handles; the code is written when the action runs. A query
                // reached through a called method has no automatic fix: the docs page shows the batch-method refactor.
                if (model != null
                    && !diagnostic.Properties.ContainsKey(PERF101QueryInLoopAnalyzer.ThroughCallProperty)
                    && !diagnostic.Properties.ContainsKey(PERF101QueryInLoopAnalyzer.HandedToMethodProperty)
                    && root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation
                    && QueryHoist.TryPlan(model, invocation, context.CancellationToken) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Load all rows in one query before the loop", cancellationToken => QueryHoist.ApplyAsync(context.Document, model, plan, cancellationToken), EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }
}
