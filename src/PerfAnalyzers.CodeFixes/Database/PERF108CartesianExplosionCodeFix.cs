using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>PERF108: appends <c>.AsSplitQuery()</c> to the executed query (docs/rules/PERF108.md).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF108CartesianExplosionCodeFix)), Shared]
    public sealed class PERF108CartesianExplosionCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF108.AsSplitQuery";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CartesianExplosion);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<ExpressionSyntax>((document, node, _, _, cancellationToken) => TryApplyAsync(document, node, cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The rewrite runs when the action is chosen, not when the light bulb is shown.
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax node)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Split the query with AsSplitQuery()",
                            async cancellationToken => await TryApplyAsync(context.Document, node, cancellationToken).ConfigureAwait(false) ?? context.Document,
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> TryApplyAsync(Document document, ExpressionSyntax node, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var types = SemanticContext.For(model.Compilation);
            var executing = node.Parent is ForEachStatementSyntax loop && loop.Expression == node ? (SyntaxNode)loop : node;
            var operation = model.GetOperation(executing, cancellationToken);
            var found = operation == null || !types.ReferencesEfCore
                ? null
                : CollectionIncludeModel.TryFind(
                    operation,
                    types,
                    token => AutoIncludedNavigations.For(model.Compilation, token),
                    token => CollectionIncludeModel.HasSplittingDefault(model.Compilation, token),
                    cancellationToken);
            if (found?.SplitTarget.Syntax is not ExpressionSyntax target)
            {
                return null;
            }

            while (target.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                target = parenthesized;
            }

            var receiver = target is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
                ? target.WithoutTrivia()
                : SyntaxFactory.ParenthesizedExpression(target.WithoutTrivia());
            var split = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("AsSplitQuery")))
                .WithTriviaFrom(target);
            var updated = root.ReplaceNode(target, Imports.Require(split, "Microsoft.EntityFrameworkCore"));
            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(updated), cancellationToken).ConfigureAwait(false);
        }
    }
}
