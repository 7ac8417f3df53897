using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>Adds a using directive for a namespace that only extension methods come from (the simplifier cannot infer those).</summary>
    internal static class UsingDirectives
    {
        public static CompilationUnitSyntax Ensure(CompilationUnitSyntax root, string ns, Compilation? compilation)
        {
            if (IsImported(root, ns) || (compilation != null && compilation.SyntaxTrees.Any(tree => HasGlobalUsing(tree, ns))))
            {
                return root;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            var usings = root.Usings;
            var index = 0;
            while (index < usings.Count && Compare(usings[index].Name?.ToString() ?? string.Empty, ns) < 0 && usings[index].Alias == null && usings[index].StaticKeyword.IsKind(SyntaxKind.None))
            {
                index++;
            }

            if (usings.Count == 0)
            {
                directive = directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"));
                var first = root.Members.FirstOrDefault();
                return root.WithUsings(usings.Add(directive.WithLeadingTrivia(first?.GetLeadingTrivia() ?? default)))
                    .ReplaceNode(root.Members.First(), root.Members.First().WithoutLeadingTrivia());
            }

            directive = directive.WithTrailingTrivia(usings[0].GetTrailingTrivia());
            return root.WithUsings(usings.Insert(index, directive));
        }

        private static bool IsImported(CompilationUnitSyntax root, string ns)
        {
            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax))
            {
                if (node is UsingDirectiveSyntax { Alias: null } directive && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == ns)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasGlobalUsing(SyntaxTree tree, string ns)
            => tree.GetRoot() is CompilationUnitSyntax unit
            && unit.Usings.Any(u => !u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Alias == null && u.Name?.ToString() is string name && (name == ns || name == "global::" + ns));

        // System first, then ordinal: the order `dotnet format` keeps.
        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
            if (leftSystem != rightSystem)
            {
                return leftSystem ? -1 : 1;
            }

            return string.CompareOrdinal(left, right);
        }
    }
}
