using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace PerfAnalyzers.Serialization
{
    /// <summary>
    /// Fix All for fixes that add members other fixes may share or collide with (a hoisted static field): the
    /// diagnostics of a document are fixed one after another, each on the document the previous one produced, with a
    /// fresh semantic model, so later fixes see and reuse what earlier ones added.
    /// </summary>
    internal static class SequentialDocumentFixAll
    {
        public static FixAllProvider Create(Func<Document, SyntaxNode, CancellationToken, Task<Document?>> fix)
            => FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root == null)
                {
                    return null;
                }

                var targets = diagnostics
                    .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
                    .Distinct()
                    .ToList();
                var annotations = targets.Select(_ => new SyntaxAnnotation()).ToList();
                var current = document.WithSyntaxRoot(root.ReplaceNodes(targets, (original, _) => original.WithAdditionalAnnotations(annotations[targets.IndexOf(original)])));
                foreach (var annotation in annotations)
                {
                    var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                    var node = currentRoot?.GetAnnotatedNodes(annotation).FirstOrDefault();
                    if (node != null)
                    {
                        current = await fix(current, node, context.CancellationToken).ConfigureAwait(false) ?? current;
                    }
                }

                return current;
            });
    }
}
