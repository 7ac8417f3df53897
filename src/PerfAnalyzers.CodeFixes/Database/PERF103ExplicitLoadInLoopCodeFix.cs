using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF103: removes <c>Entry(x).Collection(..).Load()</c> / <c>Reference(..).Load()</c> (or the awaited LoadAsync) from
    /// the foreach body and adds the matching <c>Include</c> to the query the loop enumerates.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF103ExplicitLoadInLoopCodeFix)), Shared]
    public sealed class PERF103ExplicitLoadInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF103.IncludeInQuery";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExplicitLoadInLoop);

        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<InvocationExpressionSyntax>(async (document, load, _, _, cancellationToken) =>
            {
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                return model != null && TryPlan(load, model, cancellationToken) is var (query, include, statement)
                    ? await IncludeEdit.ApplyAsync(document, query, include, statement, cancellationToken).ConfigureAwait(false)
                    : null;
            });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (model != null
                    && root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax load
                    && TryPlan(load, model, context.CancellationToken) is var (query, include, statement))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Include the navigation in the query instead", cancellationToken => IncludeEdit.ApplyAsync(context.Document, query, include, statement, cancellationToken), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The query the loop enumerates, the Include to add to it and the load statement to remove.</summary>
        private static (ExpressionSyntax Query, string Include, StatementSyntax Statement)? TryPlan(InvocationExpressionSyntax load, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            if (!types.ReferencesEfCore
                || model.GetOperation(load, cancellationToken) is not IInvocationOperation operation
                || !EfQueryModel.TryGetExecution(operation, types, out var execution)
                || execution.Kind != EfExecutionKind.ExplicitLoad
                || !LoopModel.TryGetEnclosingLoop(operation, types, out var loop)
                || loop?.Loop is not IForEachLoopOperation forEach || forEach.IsAsynchronous)
            {
                return null;
            }

            // db.Entry(item).Collection(x => x.Nav).Load(); as a statement of its own, item being the loop variable.
            if ((load.Parent is AwaitExpressionSyntax awaited ? awaited.Parent : load.Parent) is not ExpressionStatementSyntax statement
                || !(load.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax navigation })
                || navigation.ArgumentList.Arguments.Count != 1
                || !(navigation.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax entry })
                || entry.ArgumentList.Arguments.Count != 1
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(entry.ArgumentList.Arguments[0].Expression, cancellationToken).Symbol, loop.IterationSymbol))
            {
                return null;
            }

            var query = IncludeEdit.FindOriginQuery(forEach.Collection, types);
            return query == null ? null : (query, $".Include({navigation.ArgumentList.Arguments[0]})", statement);
        }
    }
}
