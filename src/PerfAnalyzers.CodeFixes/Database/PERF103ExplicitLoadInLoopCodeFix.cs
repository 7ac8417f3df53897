using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;
using PerfAnalyzers.Database;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF103: removes <c>Entry(x).Collection(..).Load()</c> / <c>Reference(..).Load()</c> (or the awaited LoadAsync) from
    /// the foreach body and adds the matching <c>Include</c> to the query the loop enumerates.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(PERF103ExplicitLoadInLoopCodeFix)), Shared]
    public sealed class PERF103ExplicitLoadInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF103.IncludeInQuery";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExplicitLoadInLoop);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<InvocationExpressionSyntax>(TryApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation
                    && await TryApplyAsync(context.Document, invocation, context.CancellationToken).ConfigureAwait(false) is Document fixedDocument)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Include the navigation in the query instead", _ => Task.FromResult(fixedDocument), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> TryApplyAsync(Document document, InvocationExpressionSyntax load, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var types = model == null ? null : SemanticContext.For(model.Compilation);
            if (root == null || model == null || types == null || !types.ReferencesEfCore
                || !(model.GetOperation(load, cancellationToken) is IInvocationOperation operation)
                || !EfQueryModel.TryGetExecution(operation, types, out var execution)
                || execution.Kind != EfExecutionKind.ExplicitLoad
                || !LoopModel.TryGetEnclosingLoop(operation, types, out var loop)
                || !(loop?.Loop is IForEachLoopOperation forEach) || forEach.IsAsynchronous)
            {
                return null;
            }

            // db.Entry(item).Collection(x => x.Nav).Load(); as a statement of its own, item being the loop variable.
            SyntaxNode statement = load.Parent is AwaitExpressionSyntax awaited ? awaited.Parent! : load.Parent!;
            if (!(statement is ExpressionStatementSyntax)
                || !(load.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax navigation })
                || navigation.ArgumentList.Arguments.Count != 1
                || !(navigation.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax entry })
                || entry.ArgumentList.Arguments.Count != 1
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(entry.ArgumentList.Arguments[0].Expression, cancellationToken).Symbol, loop.IterationSymbol))
            {
                return null;
            }

            var query = IncludeEdit.FindOriginQuery(forEach.Collection, types);
            if (query == null)
            {
                return null;
            }

            var include = $".Include({navigation.ArgumentList.Arguments[0]})";
            var tracked = root.TrackNodes(query, statement);
            var currentQuery = tracked.GetCurrentNode(query)!;
            tracked = tracked.ReplaceNode(currentQuery, IncludeEdit.AppendInclude(currentQuery, include));
            tracked = tracked.RemoveNode(tracked.GetCurrentNode(statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            return document.WithSyntaxRoot(tracked);
        }
    }
}
