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
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF202 fix: <c>x.Name(args)</c> → <c>await x.NameAsync(args, token)</c> with the CancellationToken in scope,
    /// importing the async method's extension namespace (Microsoft.EntityFrameworkCore) when needed and making the
    /// function async. Only the flagged call is awaited, so <c>Equal(1, db.Items.Count())</c> becomes
    /// <c>Equal(1, await db.Items.CountAsync())</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF202SyncOverAsyncCallCodeFix)), Shared]
    public sealed class PERF202SyncOverAsyncCallCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF202.AwaitAsyncCounterpart";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncOverAsyncCall);

        public override FixAllProvider GetFixAllProvider() => AsyncConversion.CreateFixAllProvider(Plan);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
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
