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
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF106: <c>AddDbContext&lt;T&gt;(..)</c> becomes <c>AddDbContextPool&lt;T&gt;(..)</c> and <c>AddDbContextFactory&lt;T&gt;(..)</c>
    /// becomes <c>AddPooledDbContextFactory&lt;T&gt;(..)</c>; the type arguments and the options delegate stay as written.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF106DbContextWithoutPoolingCodeFix)), Shared]
    public sealed class PERF106DbContextWithoutPoolingCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF106.Pool";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DbContextWithoutPooling);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            var types = SemanticContext.For(model.Compilation);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name
                    || name.Parent is not MemberAccessExpressionSyntax access || access.Name != name
                    || access.Parent is not InvocationExpressionSyntax call
                    || model.GetOperation(call, context.CancellationToken) is not IInvocationOperation invocation
                    || !DbContextPooling.TryGetPooledCounterpart(invocation, types, out var pooledName, out _))
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Register the context with {pooledName}",
                        _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, SyntaxFactory.Identifier(pooledName).WithTriviaFrom(name.Identifier)))),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
