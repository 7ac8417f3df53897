using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// The Fix All of every fix whose edits are not local (a function made async once, one hoisted query, a field or
    /// constructor parameter added once per type, parameters added once per handler): the diagnostics of a document
    /// are fixed one after another on the updated document, each recomputed from scratch, exactly as fixing them one
    /// at a time would. Fixes whose edits are local use <see cref="WellKnownFixAllProviders.BatchFixer"/>.
    /// </summary>
    internal static class SequentialFixAll
    {
        /// <summary>
        /// Fixes one diagnostic: <paramref name="target"/> is the node its location designates, found again in the
        /// current document; <paramref name="equivalenceKey"/> tells which of the fix's actions Fix All applies.
        /// Returns null when the diagnostic is no longer fixable.
        /// </summary>
        public delegate Task<Document?> FixOne<TNode>(Document document, TNode target, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
            where TNode : SyntaxNode;

        public static FixAllProvider Create<TNode>(FixOne<TNode> fix)
            where TNode : SyntaxNode
            => FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root == null)
                {
                    return null;
                }

                // One fix per node: the first diagnostic on a node stands for the others.
                var annotations = new Dictionary<SyntaxNode, SyntaxAnnotation>();
                var targets = new List<(SyntaxAnnotation Annotation, Diagnostic Diagnostic)>();
                foreach (var diagnostic in diagnostics)
                {
                    if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is TNode node && !annotations.ContainsKey(node))
                    {
                        annotations.Add(node, new SyntaxAnnotation());
                        targets.Add((annotations[node], diagnostic));
                    }
                }

                var current = document.WithSyntaxRoot(root.ReplaceNodes(annotations.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotations[original])));
                foreach (var (annotation, diagnostic) in targets)
                {
                    var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                    if (currentRoot?.GetAnnotatedNodes(annotation).FirstOrDefault() is TNode node)
                    {
                        current = await fix(current, node, diagnostic, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false) ?? current;
                    }
                }

                return current;
            });
    }
}
