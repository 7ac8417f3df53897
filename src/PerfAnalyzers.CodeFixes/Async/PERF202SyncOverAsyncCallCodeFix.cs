using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF202 fix: <c>x.Name(args)</c> → <c>await x.NameAsync(args, token)</c> with the CancellationToken in scope,
    /// importing the async method's extension namespace (Microsoft.EntityFrameworkCore) when needed and making the
    /// function async. Only the flagged call is awaited, so <c>Equal(1, db.Items.Count())</c> becomes
    /// <c>Equal(1, await db.Items.CountAsync())</c>. A synchronous <c>foreach</c> over an EF query becomes <c>await foreach</c>
    /// over <c>AsAsyncEnumerable()</c> (with <c>WithCancellation(token)</c> when a token is in scope): the rows are still
    /// read one at a time, as before, so the loop's body sees the same rows in the same order.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF202SyncOverAsyncCallCodeFix)), Shared]
    public sealed class PERF202SyncOverAsyncCallCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF202.AwaitAsyncCounterpart";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncOverAsyncCall);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<SyntaxNode>(async (document, node, diagnostic, _, cancellationToken)
            => IsForEach(diagnostic)
                ? await EnumerateAsynchronouslyAsync(document, node, cancellationToken).ConfigureAwait(false)
                : await AsyncConversion.ApplyAsync(document, node, diagnostic, Plan, cancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (IsForEach(diagnostic))
                {
                    var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                    var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                    var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (node != null && model != null && PlanForEach(node, model, context.CancellationToken) != null)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Enumerate with await foreach",
                                cancellationToken => EnumerateAsynchronouslyAsync(context.Document, node, cancellationToken),
                                EquivalenceKey),
                            diagnostic);
                    }

                    continue;
                }

                if (diagnostic.Properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.AsyncNameProperty, out var asyncName) && asyncName != null
                    && await AsyncConversion.CanFixAsync(context.Document, diagnostic, Plan, context.CancellationToken).ConfigureAwait(false))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Await " + asyncName,
                            cancellationToken => AsyncConversion.ApplyAsync(context.Document, diagnostic, Plan, cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static AwaitEdit? Plan(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var properties = diagnostic.Properties;
            if (properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.ShapeProperty, out var shape) && shape == PERF202SyncOverAsyncCallAnalyzer.RangeArgumentShape)
            {
                return PlanRangeArgument(node, model, cancellationToken);
            }

            if (!properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.AsyncNameProperty, out var asyncName) || asyncName == null
                || node is not InvocationExpressionSyntax call
                || call.Expression is not (MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax))
            {
                return null;
            }

            ExpressionSyntax? token = null;
            if (properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.TakesTokenProperty, out var takesToken) && takesToken == "true"
                && CancellationTokens.MayCancel(asyncName))
            {
                token = CancellationTokens.FindInScope(call, model, cancellationToken);
            }

            properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.TokenParameterProperty, out var tokenParameter);
            properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.SyncParameterCountProperty, out var countText);
            var syncParameterCount = int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : -1;
            properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.ExtensionNamespaceProperty, out var extensionNamespace);

            return new AwaitEdit(
                call,
                current =>
                {
                    var invocation = (InvocationExpressionSyntax)current;
                    var renamed = invocation.WithExpression(Rename(invocation.Expression, asyncName));
                    return token == null ? renamed : renamed.WithArgumentList(AsyncConversion.AddToken(invocation.ArgumentList, token, syncParameterCount, tokenParameter));
                },
                extensionNamespace);
        }

        /// <summary>
        /// <c>db.Tags.RemoveRange(query)</c> → <c>db.Tags.RemoveRange(await query.ToListAsync(token))</c>; a spread, <c>[.. query]</c>
        /// → <c>[.. await query.ToListAsync(token)]</c>.
        /// </summary>
        private static AwaitEdit? PlanRangeArgument(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var query = ReportedExpression(node);
            if (query?.Parent is not (ArgumentSyntax or SpreadElementSyntax))
            {
                return null;
            }

            var token = CancellationTokens.FindInScope(query, model, cancellationToken);
            return new AwaitEdit(
                query,
                current =>
                {
                    return CallOn(AsReceiver(((ExpressionSyntax)current).WithoutTrivia()), "ToListAsync", token);
                },
                "Microsoft.EntityFrameworkCore");
        }

        /// <summary>The expression a diagnostic covers: the node found at its span, or the expression of that argument.</summary>
        private static ExpressionSyntax? ReportedExpression(SyntaxNode node)
            => node as ExpressionSyntax ?? (node as ArgumentSyntax)?.Expression;

        /// <summary><c>receiver.name()</c>, or <c>receiver.name(token)</c> when a token is given.</summary>
        private static InvocationExpressionSyntax CallOn(ExpressionSyntax receiver, string name, ExpressionSyntax? token)
            => SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)),
                token == null ? SyntaxFactory.ArgumentList() : SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(token))));

        /// <summary>The expression as the receiver of a member access: parenthesised unless it binds tighter already.</summary>
        private static ExpressionSyntax AsReceiver(ExpressionSyntax expression)
            => expression is InvocationExpressionSyntax or MemberAccessExpressionSyntax or SimpleNameSyntax or ElementAccessExpressionSyntax
                or ParenthesizedExpressionSyntax or ThisExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);

        private static bool IsForEach(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(PERF202SyncOverAsyncCallAnalyzer.ShapeProperty, out var shape)
            && shape == PERF202SyncOverAsyncCallAnalyzer.ForEachShape;

        /// <summary>The loop whose collection was reported, its function, and how that function becomes async; null when it cannot.</summary>
        private static (CommonForEachStatementSyntax Loop, SyntaxNode Function, AsyncSignature.Plan Plan)? PlanForEach(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var expression = ReportedExpression(node);
            if (expression?.Parent is not CommonForEachStatementSyntax loop || loop.Expression != expression || loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                || FunctionSyntax.Enclosing(loop) is not { } function
                || AsyncSignature.PlanAwait(function, loop, model, cancellationToken) is not { } plan)
            {
                return null;
            }

            return (loop, function, plan);
        }

        /// <summary><c>foreach (var o in query)</c> → <c>await foreach (var o in query.AsAsyncEnumerable())</c>, the function made async.</summary>
        private static async Task<Document> EnumerateAsynchronouslyAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            if (PlanForEach(node, editor.SemanticModel, cancellationToken) is not var (loop, function, plan))
            {
                return document;
            }

            var token = CancellationTokens.FindInScope(loop, editor.SemanticModel, cancellationToken);
            editor.ReplaceNode(loop, (current, _) =>
            {
                var statement = (CommonForEachStatementSyntax)current;
                var collection = statement.Expression;
                var source = AsReceiver(collection.WithoutTrivia());

                // AsAsyncEnumerable is EF Core's extension method, WithCancellation the runtime's (System.Threading.Tasks).
                ExpressionSyntax streamed = Imports.Require(CallOn(source, "AsAsyncEnumerable", null), "Microsoft.EntityFrameworkCore");
                if (token != null)
                {
                    streamed = Imports.Require(CallOn(streamed, "WithCancellation", token), "System.Threading.Tasks");
                }

                var foreachKeyword = statement.ForEachKeyword;
                return statement
                    .WithExpression(streamed.WithTriviaFrom(collection))
                    .WithForEachKeyword(foreachKeyword.WithLeadingTrivia())
                    .WithAwaitKeyword(SyntaxFactory.Token(foreachKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            });
            editor.ReplaceNode(function, (current, _) => AsyncSignature.MakeAsync(current, plan));
            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        private static ExpressionSyntax Rename(ExpressionSyntax expression, string name)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax member:
                    return member.WithName(Rename(member.Name, name));
                case SimpleNameSyntax simple:
                    return Rename(simple, name);
                default:
                    return expression;
            }
        }

        private static SimpleNameSyntax Rename(SimpleNameSyntax simple, string name)
            => simple is GenericNameSyntax generic
                ? generic.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(generic.Identifier))
                : SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(name).WithTriviaFrom(simple.GetFirstToken()));
    }
}
