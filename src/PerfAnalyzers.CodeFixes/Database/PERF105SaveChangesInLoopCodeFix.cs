using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Database;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF105: moves the save from the end of the loop body to the statement after the loop (docs/rules/PERF105.md).
    /// Offered only when the analyzer marked the save movable; Fix All moves the saves of every loop of a document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF105SaveChangesInLoopCodeFix)), Shared]
    public sealed class PERF105SaveChangesInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF105.SaveOnceAfterLoop";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SaveChangesInLoop);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root != null && TryFind(root, diagnostic, out var statement, out var loop))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Save once after the loop",
                            cancellationToken => MoveAsync(context.Document, statement, loop, cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static bool TryFind(SyntaxNode root, Diagnostic diagnostic, out StatementSyntax statement, out StatementSyntax loop)
        {
            statement = null!;
            loop = null!;
            if (!diagnostic.Properties.ContainsKey(PERF105SaveChangesInLoopAnalyzer.MovableProperty)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                return false;
            }

            SyntaxNode expression = invocation;
            while (expression.Parent is AwaitExpressionSyntax || expression.Parent is ParenthesizedExpressionSyntax)
            {
                expression = expression.Parent;
            }

            if (expression.Parent is ExpressionStatementSyntax expressionStatement
                && expressionStatement.Parent is BlockSyntax body
                && body.Parent is StatementSyntax loopStatement
                && (loopStatement is ForEachStatementSyntax || loopStatement is ForStatementSyntax)
                && loopStatement.Parent is BlockSyntax)
            {
                statement = expressionStatement;
                loop = loopStatement;
                return true;
            }

            return false;
        }

        private static async Task<Document> MoveAsync(Document document, StatementSyntax statement, StatementSyntax loop, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }

            // The loop's own indentation; the statement keeps its end of line.
            var indentation = loop.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var moved = statement.WithLeadingTrivia(indentation);
            var tracked = root.TrackNodes(statement, loop);
            tracked = tracked.RemoveNode(tracked.GetCurrentNode(statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            tracked = tracked.InsertNodesAfter(tracked.GetCurrentNode(loop)!, new[] { moved });
            return document.WithSyntaxRoot(tracked);
        }
    }
}
