using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// Fix All for rewrites that several diagnostics may share (one hoisted query, one Include on the same query): the
    /// diagnostics of a document are fixed one after another on the updated document, each recomputed from scratch.
    /// </summary>
    internal static class SequentialFixAll
    {
        public static FixAllProvider Create<TNode>(Func<Document, TNode, CancellationToken, Task<Document?>> fix)
            where TNode : SyntaxNode
            => FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root == null)
                {
                    return null;
                }

                var targets = diagnostics
                    .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
                    .OfType<TNode>()
                    .Distinct()
                    .ToList();
                var annotations = targets.Select(_ => new SyntaxAnnotation()).ToList();
                var current = document.WithSyntaxRoot(root.ReplaceNodes(targets, (original, _) => original.WithAdditionalAnnotations(annotations[targets.IndexOf(original)])));
                foreach (var annotation in annotations)
                {
                    var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                    if (currentRoot?.GetAnnotatedNodes(annotation).FirstOrDefault() is TNode node)
                    {
                        current = await fix(current, node, context.CancellationToken).ConfigureAwait(false) ?? current;
                    }
                }

                return current;
            });
    }
}
