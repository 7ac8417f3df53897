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
using PerfAnalyzers.Semantics;
using PerfAnalyzers.Database;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF102: eager-loads the navigation with <c>.Include(e => e.Nav)</c> (and <c>.ThenInclude(..)</c> for navigations
    /// reached through another one) on the query that produced the looped entities.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(PERF102LazyLoadInLoopCodeFix)), Shared]
    public sealed class PERF102LazyLoadInLoopCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF102.AddInclude";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LazyLoadInLoop);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<MemberAccessExpressionSyntax>(TryApplyAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is MemberAccessExpressionSyntax access
                    && await TryApplyAsync(context.Document, access, context.CancellationToken).ConfigureAwait(false) is Document fixedDocument)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Include the navigation in the query", _ => Task.FromResult(fixedDocument), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> TryApplyAsync(Document document, MemberAccessExpressionSyntax access, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var types = model == null ? null : SemanticContext.For(model.Compilation);
            if (root == null || model == null || types == null || !types.ReferencesEfCore
                || !(model.GetOperation(access, cancellationToken) is IPropertyReferenceOperation navigation))
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
            var updated = IncludeEdit.AppendInclude(query, calls);
            return updated == query ? null : document.WithSyntaxRoot(root.ReplaceNode(query, updated));
        }
    }
}
