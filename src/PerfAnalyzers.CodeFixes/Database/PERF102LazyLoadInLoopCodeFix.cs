using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF102: eager-loads the navigation with <c>.Include(e => e.Nav)</c> (and <c>.ThenInclude(..)</c> for navigations
    /// reached through another one) on the query that produced the looped entities.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF102LazyLoadInLoopCodeFix)), Shared]
    public sealed class PERF102LazyLoadInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF102.AddInclude";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LazyLoadInLoop);

        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<MemberAccessExpressionSyntax>(async (document, access, _, _, cancellationToken) =>
            {
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                return model != null && TryPlan(access, model, cancellationToken) is var (query, calls)
                    ? await IncludeEdit.ApplyAsync(document, query, calls, null, cancellationToken).ConfigureAwait(false)
                    : null;
            });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (model != null
                    && root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is MemberAccessExpressionSyntax access
                    && TryPlan(access, model, context.CancellationToken) is var (query, calls))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Include the navigation in the query", cancellationToken => IncludeEdit.ApplyAsync(context.Document, query, calls, null, cancellationToken), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The query that loaded the looped entities and the Include / ThenInclude calls it lacks; null when there is nothing to add.</summary>
        private static (ExpressionSyntax Query, string Calls)? TryPlan(MemberAccessExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            if (!types.ReferencesEfCore || model.GetOperation(access, cancellationToken) is not IPropertyReferenceOperation navigation)
            {
                return null;
            }

            var use = LazyNavigationModel.TryResolve(navigation, types);
            var query = use == null ? null : IncludeEdit.FindOriginQuery(use.OutermostCollection, types);
            if (use == null || query == null)
            {
                return null;
            }

            var calls = string.Concat(use.Path.Select((property, index) =>
            {
                var parameter = char.ToLowerInvariant(property.ContainingType.Name[0]).ToString();
                return $".{(index == 0 ? "Include" : "ThenInclude")}({parameter} => {parameter}.{property.Name})";
            }));
            return IncludeEdit.HasInclude(query, calls) ? null : (query, calls);
        }
    }
}
