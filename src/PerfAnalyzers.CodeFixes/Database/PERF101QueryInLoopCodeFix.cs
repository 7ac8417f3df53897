using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF101: loads the rows of a per-iteration key lookup with one query before the loop (see <see cref="QueryHoist"/>).
    /// Fix All applies the rewrites of a document one after another, so hoisted names never collide.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(PERF101QueryInLoopCodeFix)), Shared]
    public sealed class PERF101QueryInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF101.HoistIntoLookup";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.QueryInLoop);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<InvocationExpressionSyntax>(QueryHoist.TryApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation))
                {
                    continue;
                }

                // Offered only when the rewrite applies: computing it once here keeps the light bulb honest.
                var fixedDocument = await QueryHoist.TryApplyAsync(context.Document, invocation, context.CancellationToken).ConfigureAwait(false);
                if (fixedDocument != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Load all rows in one query before the loop", _ => Task.FromResult(fixedDocument), EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }
}
