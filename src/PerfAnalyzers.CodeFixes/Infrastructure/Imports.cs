using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// The one way code fixes add using directives. A fix marks what it wrote: <see cref="Require"/> for a namespace
    /// only an extension method comes from (nothing in the code names it), <see cref="QualifiedNames"/> (through
    /// <see cref="CodeFixSyntax.QualifiedExpression"/> and its siblings) for type names written fully qualified.
    /// <see cref="CodeFixSyntax.FinishAsync(Document, CancellationToken)"/> then adds each directive that is not in
    /// scope where the marked code stands, in the compilation unit, sorted System first, on a line of its own.
    /// </summary>
    internal static class Imports
    {
        private const string NamespaceKind = "PerfAnalyzers.Imports.Namespace";

        /// <summary>
        /// Fully qualified names whose namespaces are imported so that the simplifier can shorten them; a namespace
        /// whose import would make a name used elsewhere in the file ambiguous is not imported (the name stays qualified).
        /// </summary>
        public static SyntaxAnnotation QualifiedNames { get; } = new SyntaxAnnotation("PerfAnalyzers.Imports.QualifiedNames");

        /// <summary>Marks <paramref name="node"/> as needing <paramref name="ns"/> imported where it stands.</summary>
        public static TNode Require<TNode>(TNode node, string ns)
            where TNode : SyntaxNode
            => node.WithAdditionalAnnotations(new SyntaxAnnotation(NamespaceKind, ns));

        /// <summary>Adds the directives the marked nodes of <paramref name="document"/> need and drops the marks.</summary>
        public static async Task<Document> AddAsync(Document document, CancellationToken cancellationToken)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
            {
                return document;
            }

            var required = root.GetAnnotatedNodes(NamespaceKind).ToList();
            var qualified = root.GetAnnotatedNodes(QualifiedNames).ToList();
            if (required.Count == 0 && qualified.Count == 0)
            {
                return document;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var namespaces = new SortedSet<string>(StringComparer.Ordinal);
            var typeNames = new HashSet<SyntaxNode>();
            if (model != null)
            {
                foreach (var node in required)
                {
                    foreach (var annotation in node.GetAnnotations(NamespaceKind))
                    {
                        if (annotation.Data is string ns && !IsInScope(model, node.SpanStart, ns))
                        {
                            namespaces.Add(ns);
                        }
                    }
                }

                foreach (var node in qualified)
                {
                    foreach (var (typeName, type) in QualifiedTypeNames(node, model, cancellationToken))
                    {
                        typeNames.Add(typeName);
                        var ns = type.ContainingNamespace;
                        var name = ns.ToDisplayString();
                        if (!namespaces.Contains(name) && !IsInScope(model, typeName.SpanStart, name)
                            && IsFree(model, typeName.SpanStart, type.Name) && !WouldBeAmbiguous(root, model, ns, qualified, cancellationToken))
                        {
                            namespaces.Add(name);
                        }
                    }
                }
            }

            // The simplifier shortens the qualified type names themselves, whatever node the fix marked.
            var marked = new HashSet<SyntaxNode>(required.Concat(qualified));
            root = root.ReplaceNodes(marked.Concat(typeNames).Distinct(), (original, rewritten) =>
            {
                var result = marked.Contains(original) ? rewritten.WithoutAnnotations(NamespaceKind).WithoutAnnotations(QualifiedNames) : rewritten;
                return typeNames.Contains(original) ? result.WithAdditionalAnnotations(Simplifier.Annotation) : result;
            });
            var newLine = CodeFixSyntax.NewLine(root);
            foreach (var ns in namespaces)
            {
                root = Add(root, ns, newLine);
            }

            return document.WithSyntaxRoot(root);
        }

        /// <summary>
        /// True when the types and extension methods of <paramref name="ns"/> are visible at <paramref name="position"/>:
        /// a using directive in scope there (global ones included), or code inside <paramref name="ns"/> or a namespace nested in it.
        /// </summary>
        private static bool IsInScope(SemanticModel model, int position, string ns)
        {
            foreach (var scope in model.GetImportScopes(position))
            {
                foreach (var import in scope.Imports)
                {
                    if (import.NamespaceOrType is INamespaceSymbol imported && imported.ToDisplayString() == ns)
                    {
                        return true;
                    }
                }
            }

            for (var enclosing = model.GetEnclosingSymbol(position)?.ContainingNamespace; enclosing != null && !enclosing.IsGlobalNamespace; enclosing = enclosing.ContainingNamespace)
            {
                if (enclosing.ToDisplayString() == ns)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The namespace-qualified type names in <paramref name="node"/>: <c>System.Threading.Tasks.Task</c> in <c>System.Threading.Tasks.Task.Delay</c>.</summary>
        private static IEnumerable<(SyntaxNode TypeName, INamedTypeSymbol Type)> QualifiedTypeNames(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var candidate in node.DescendantNodesAndSelf())
            {
                var left = candidate switch
                {
                    QualifiedNameSyntax name => name.Left,
                    MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) => access.Expression,
                    _ => null,
                };
                if (left != null
                    && model.GetSymbolInfo(left, cancellationToken).Symbol is INamespaceSymbol
                    && model.GetSymbolInfo(candidate, cancellationToken).Symbol is INamedTypeSymbol type)
                {
                    yield return (candidate, type);
                }
            }
        }

        /// <summary>
        /// Nothing named <paramref name="name"/> is visible at <paramref name="position"/>: once imported, the simple name
        /// would mean the type. (In a controller, <c>File</c> is the controller's method: importing System.IO would not
        /// let <c>System.IO.File</c> be shortened.)
        /// </summary>
        private static bool IsFree(SemanticModel model, int position, string name) => model.LookupSymbols(position, name: name).IsEmpty;

        /// <summary>
        /// Importing <paramref name="ns"/> would make a simple name of the file ambiguous: the name binds today to a type
        /// that <paramref name="ns"/> does not hold, and <paramref name="ns"/> has a type of that name.
        /// </summary>
        private static bool WouldBeAmbiguous(SyntaxNode root, SemanticModel model, INamespaceSymbol ns, List<SyntaxNode> generated, CancellationToken cancellationToken)
        {
            var typeNames = new HashSet<string>(ns.GetTypeMembers().Select(t => t.Name), StringComparer.Ordinal);
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (!typeNames.Contains(name.Identifier.ValueText)
                    || name.Parent is QualifiedNameSyntax { Right: var right } && right == name
                    || name.Parent is MemberAccessExpressionSyntax { Name: var member } && member == name
                    || generated.Any(g => g.Span.Contains(name.Span)))
                {
                    continue;
                }

                if (model.GetSymbolInfo(name, cancellationToken).Symbol is INamedTypeSymbol bound
                    && !SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition.ContainingSymbol, ns))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>using ns;</c> among the compilation unit's plain usings, System first then ordinal (the order
        /// <c>dotnet format</c> keeps). The first directive of a file takes over the file's banner comment and is
        /// followed by a blank line.
        /// </summary>
        private static CompilationUnitSyntax Add(CompilationUnitSyntax root, string ns, string newLine)
        {
            var endOfLine = SyntaxFactory.EndOfLine(newLine);
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(endOfLine);
            var usings = root.Usings;
            if (usings.Count == 0)
            {
                return AddFirst(root, directive, endOfLine);
            }

            // Global usings must come first: a plain using goes after them.
            var index = 0;
            while (index < usings.Count && !usings[index].GlobalKeyword.IsKind(SyntaxKind.None))
            {
                index++;
            }

            while (index < usings.Count && usings[index].Alias == null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                && Compare(usings[index].Name?.ToString() ?? string.Empty, ns) < 0)
            {
                index++;
            }

            if (index == 0 && !usings[0].GetLeadingTrivia().Any(t => t.IsDirective))
            {
                // The banner above the first using stays at the top of the file.
                directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
            }

            return root.WithUsings(usings.Insert(index, directive));
        }

        private static CompilationUnitSyntax AddFirst(CompilationUnitSyntax root, UsingDirectiveSyntax directive, SyntaxTrivia endOfLine)
        {
            var first = root.Members.FirstOrDefault();
            if (first == null)
            {
                return root.WithUsings(root.Usings.Add(directive));
            }

            // The banner is what comes before the last blank line; comments right above the member stay with it.
            var leading = first.GetLeadingTrivia();
            var bannerEnd = -1;
            for (var i = 1; i < leading.Count; i++)
            {
                if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia) && IsBlankLineEnd(leading, i))
                {
                    bannerEnd = i;
                }
            }

            if (leading.Any(t => t.IsDirective))
            {
                bannerEnd = -1;
            }

            var banner = SyntaxFactory.TriviaList(leading.Take(bannerEnd + 1));
            var rest = SyntaxFactory.TriviaList(leading.Skip(bannerEnd + 1));
            return root
                .ReplaceNode(first, first.WithLeadingTrivia(rest.Insert(0, endOfLine)))
                .WithUsings(root.Usings.Add(directive.WithLeadingTrivia(banner)));
        }

        // The end of line at `index` closes a line holding nothing but whitespace.
        private static bool IsBlankLineEnd(SyntaxTriviaList trivia, int index)
        {
            for (var i = index - 1; i >= 0; i--)
            {
                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return true;
                }

                if (!trivia[i].IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    return false;
                }
            }

            return false;
        }

        // System first, then ordinal.
        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
            return leftSystem != rightSystem ? (leftSystem ? -1 : 1) : string.CompareOrdinal(left, right);
        }
    }
}
