using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>PERF107: inserts <c>.AsNoTracking()</c> right after the query root (docs/rules/PERF107.md).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF107TrackingQueryInReadOnlyHandlerCodeFix)), Shared]
    public sealed class PERF107TrackingQueryInReadOnlyHandlerCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF107.AsNoTracking";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TrackingQueryInReadOnlyHandler);

        // Two queries may share a root (a local read twice): each fix is recomputed on the updated document.
        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<InvocationExpressionSyntax>((document, node, _, _, cancellationToken) => TryApplyAsync(document, node, cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The rewrite runs when the action is chosen, not when the light bulb is shown.
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } node)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Add AsNoTracking() to the query",
                            async cancellationToken => await TryApplyAsync(context.Document, node, cancellationToken).ConfigureAwait(false) ?? context.Document,
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> TryApplyAsync(Document document, InvocationExpressionSyntax node, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var types = SemanticContext.For(model.Compilation);
            if (!types.ReferencesEfCore || types.Handlers is not RequestHandlerModel handlers
                || model.GetOperation(node, cancellationToken) is not IInvocationOperation invocation)
            {
                return null;
            }

            var containing = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
            var found = ReadOnlyTrackingModel.TryFind(
                invocation, types, handlers, containing, token => ReadOnlyTrackingModel.IsNoTrackingByDefault(model.Compilation, token), cancellationToken);
            if (found?.NoTrackingTarget.Syntax is not ExpressionSyntax target || target.SyntaxTree != node.SyntaxTree)
            {
                return null;
            }

            while (target.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                target = parenthesized;
            }

            var receiver = target is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax or GenericNameSyntax
                ? target.WithoutTrivia()
                : SyntaxFactory.ParenthesizedExpression(target.WithoutTrivia());
            var noTracking = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("AsNoTracking")))
                .WithTriviaFrom(target);
            var updated = root.ReplaceNode(target, Imports.Require(noTracking, "Microsoft.EntityFrameworkCore"));
            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(updated), cancellationToken).ConfigureAwait(false);
        }
    }
}
