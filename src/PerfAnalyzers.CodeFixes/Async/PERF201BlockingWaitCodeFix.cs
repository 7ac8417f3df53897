using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF201 fix: <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>;
    /// <c>t.Wait(token)</c> → <c>await t.WaitAsync(token)</c>; <c>Task.WaitAll(..)</c> → <c>await Task.WhenAll(..)</c>;
    /// a statement <c>Task.WaitAny(..)</c> → <c>await Task.WhenAny(..)</c>. Waits with a timeout have no fix:
    /// their bool result has no awaitable equivalent.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF201BlockingWaitCodeFix)), Shared]
    public sealed class PERF201BlockingWaitCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF201.Await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingWait);

        public override FixAllProvider GetFixAllProvider() => AsyncConversion.CreateFixAllProvider(Plan);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await AsyncConversion.CanFixAsync(context.Document, diagnostic, Plan, context.CancellationToken).ConfigureAwait(false))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Await the task",
                            cancellationToken => AsyncConversion.ApplyAsync(context.Document, diagnostic, Plan, cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static AwaitEdit? Plan(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(PERF201BlockingWaitAnalyzer.KindProperty, out var kindText)
                || !System.Enum.TryParse<BlockingWaitKind>(kindText, out var kind))
            {
                return null;
            }

            switch (kind)
            {
                case BlockingWaitKind.Result when node is MemberAccessExpressionSyntax:
                    return new AwaitEdit(node, current => ((MemberAccessExpressionSyntax)current).Expression);
                case BlockingWaitKind.Wait when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                    return new AwaitEdit(node, current => Receiver(current));
                case BlockingWaitKind.WaitWithToken when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                    return new AwaitEdit(node, current => Rename((InvocationExpressionSyntax)current, "WaitAsync"));
                case BlockingWaitKind.GetResult when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } } }:
                    return new AwaitEdit(node, current => Receiver(((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)current).Expression).Expression));
                case BlockingWaitKind.Wrapper when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, ArgumentList.Arguments.Count: 0 }:
                    return new AwaitEdit(node, current => Receiver(current));
                case BlockingWaitKind.WaitAll when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                    return new AwaitEdit(node, current => Rename((InvocationExpressionSyntax)current, "WhenAll"));
                case BlockingWaitKind.WaitAny when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, Parent: ExpressionStatementSyntax }:
                    return new AwaitEdit(node, current => Rename((InvocationExpressionSyntax)current, "WhenAny"));
                default:
                    return null;
            }
        }

        /// <summary>The <c>t</c> of <c>t.Wait()</c> or <c>t.GetAwaiter()</c>.</summary>
        private static ExpressionSyntax Receiver(SyntaxNode invocation)
            => ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)invocation).Expression).Expression;

        private static ExpressionSyntax Rename(InvocationExpressionSyntax invocation, string name)
        {
            var member = (MemberAccessExpressionSyntax)invocation.Expression;
            return invocation.WithExpression(member.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(member.Name)));
        }
    }
}
