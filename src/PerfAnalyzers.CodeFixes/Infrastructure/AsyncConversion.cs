using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// One "await this instead" edit: <see cref="Node"/> is replaced by <c>await</c> of what
    /// <see cref="CreateAwaited"/> builds from the current node.
    /// </summary>
    internal sealed class AwaitEdit
    {
        public AwaitEdit(SyntaxNode node, Func<SyntaxNode, ExpressionSyntax> createAwaited, string? requiredNamespace = null)
        {
            Node = node;
            CreateAwaited = createAwaited;
            RequiredNamespace = requiredNamespace;
        }

        public SyntaxNode Node { get; }

        public Func<SyntaxNode, ExpressionSyntax> CreateAwaited { get; }

        /// <summary>A namespace to import (an extension method's, e.g. Microsoft.EntityFrameworkCore) when not yet in scope.</summary>
        public string? RequiredNamespace { get; }
    }

    /// <summary>
    /// Reusable machinery for fixes that turn a blocking call into an <c>await</c>: awaits the new expression
    /// (parenthesised where needed: <c>(await x.ToListAsync()).Count</c>) and makes the enclosing function async
    /// (see <see cref="AsyncSignature"/>). Use <see cref="CanFixAsync"/> before offering the action,
    /// <see cref="ApplyAsync"/> inside it, and <see cref="CreateFixAllProvider"/>.
    /// </summary>
    internal static class AsyncConversion
    {
        /// <summary>Plans the edit for the diagnostic on <paramref name="node"/>, or returns null when the shape is not fixable.</summary>
        public delegate AwaitEdit? EditPlanner(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

        /// <summary>Fix All: the diagnostics of a document one after another, so each function is made async once.</summary>
        public static FixAllProvider CreateFixAllProvider(EditPlanner planner)
            => SequentialFixAll.Create<SyntaxNode>(async (document, node, diagnostic, _, cancellationToken)
                => await ApplyAsync(document, node, diagnostic, planner, cancellationToken).ConfigureAwait(false));

        /// <summary>True when the diagnostic can be fixed (used before offering the code action).</summary>
        public static async Task<bool> CanFixAsync(Document document, Diagnostic diagnostic, EditPlanner planner, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return false;
            }

            var edit = planner(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, diagnostic, cancellationToken);
            return edit != null && FunctionSyntax.Enclosing(edit.Node) is { } function && AsyncSignature.PlanAwait(function, edit.Node, model, cancellationToken) != null;
        }

        /// <summary>The document with the diagnostic's node awaited and its function made async.</summary>
        public static Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, EditPlanner planner, CancellationToken cancellationToken)
            => ApplyAsync(document, null, diagnostic, planner, cancellationToken);

        /// <summary>As above, for the diagnostic's <paramref name="node"/> found again in a document Fix All has already changed.</summary>
        public static async Task<Document> ApplyAsync(Document document, SyntaxNode? node, Diagnostic diagnostic, EditPlanner planner, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            node ??= editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var edit = planner(node, model, diagnostic, cancellationToken);
            var function = edit == null ? null : FunctionSyntax.Enclosing(edit.Node);
            var plan = function == null ? null : AsyncSignature.PlanAwait(function, edit!.Node, model, cancellationToken);
            if (edit == null || function == null || plan == null)
            {
                return document;
            }

            var original = edit.Node;
            editor.ReplaceNode(original, (current, _) =>
            {
                var awaited = Await(original, edit.CreateAwaited(current)).WithTriviaFrom(current);
                return edit.RequiredNamespace == null ? awaited : Imports.Require(awaited, edit.RequiredNamespace);
            });
            editor.ReplaceNode(function, (current, _) => AsyncSignature.MakeAsync(current, plan));
            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Appends <paramref name="token"/> to an argument list, by name when earlier optional arguments were omitted.</summary>
        public static ArgumentListSyntax AddToken(ArgumentListSyntax arguments, ExpressionSyntax token, int syncParameterCount, string? tokenParameterName)
        {
            var positional = arguments.Arguments.Count == syncParameterCount && arguments.Arguments.All(a => a.NameColon == null);
            var argument = positional || tokenParameterName == null
                ? SyntaxFactory.Argument(token)
                : SyntaxFactory.Argument(SyntaxFactory.NameColon(tokenParameterName), default, token);
            return arguments.AddArguments(argument);
        }

        private static ExpressionSyntax Await(SyntaxNode original, ExpressionSyntax awaited)
        {
            ExpressionSyntax result = SyntaxFactory.AwaitExpression(awaited.WithoutTrivia());
            var parent = original.Parent;
            var needsParentheses = parent switch
            {
                MemberAccessExpressionSyntax member => member.Expression == original,
                ConditionalAccessExpressionSyntax conditional => conditional.Expression == original,
                ElementAccessExpressionSyntax element => element.Expression == original,
                InvocationExpressionSyntax invocation => invocation.Expression == original,
                PostfixUnaryExpressionSyntax => true,
                _ => false,
            };
            return needsParentheses ? SyntaxFactory.ParenthesizedExpression(result) : result;
        }
    }
}
