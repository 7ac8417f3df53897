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
    /// <summary>PERF203 fix: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x, token)</c>, making the function async.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF203ThreadSleepCodeFix)), Shared]
    public sealed class PERF203ThreadSleepCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF203.AwaitTaskDelay";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadSleep);

        public override FixAllProvider GetFixAllProvider() => AsyncConversion.CreateFixAllProvider(Plan);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await AsyncConversion.CanFixAsync(context.Document, diagnostic, Plan, context.CancellationToken).ConfigureAwait(false))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Await Task.Delay",
                            cancellationToken => AsyncConversion.ApplyAsync(context.Document, diagnostic, Plan, cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static AwaitEdit? Plan(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (node is not InvocationExpressionSyntax sleep)
            {
                return null;
            }

            var token = CancellationTokens.FindInScope(sleep, model, cancellationToken);
            return new AwaitEdit(sleep, current =>
            {
                var arguments = ((InvocationExpressionSyntax)current).ArgumentList;
                if (token != null)
                {
                    arguments = arguments.AddArguments(SyntaxFactory.Argument(token));
                }

                return SyntaxFactory.InvocationExpression(CodeFixSyntax.QualifiedExpression("System.Threading.Tasks.Task.Delay"), arguments);
            });
        }
    }
}
