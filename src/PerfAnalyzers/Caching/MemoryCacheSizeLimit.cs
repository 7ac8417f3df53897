using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// Whether some source file sets <c>MemoryCacheOptions.SizeLimit</c> (docs/rules/PERF302.md, "Size-limited caches"):
    /// in <c>AddMemoryCache(o =&gt; o.SizeLimit = ..)</c>, <c>Configure&lt;MemoryCacheOptions&gt;(..)</c>, or the initializer of
    /// <c>new MemoryCacheOptions { SizeLimit = .. }</c>. Read from
    /// syntax and cached per tree, so an edit rescans one file; a text pre-check skips files that never say SizeLimit.
    /// </summary>
    internal static class MemoryCacheSizeLimit
    {
        private static readonly PerTreeFlag Trees = new PerTreeFlag(SetsSizeLimit);

        public static bool IsSetAnywhere(Compilation compilation, CancellationToken cancellationToken) => Trees.AnyTree(compilation, cancellationToken);

        private static bool SetsSizeLimit(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!TextMarker.SizeLimit.OccursIn(tree, cancellationToken))
            {
                return false;
            }

            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != "SizeLimit" || token.Parent is not IdentifierNameSyntax name)
                {
                    continue;
                }

                SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (target.Parent is not AssignmentExpressionSyntax assignment || assignment.Left != target
                    || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    || assignment.Right.IsKind(SyntaxKind.NullLiteralExpression))
                {
                    continue;
                }

                if (target == name ? InMemoryCacheOptionsInitializer(assignment) : InMemoryCacheOptionsSetup(assignment))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>new MemoryCacheOptions { SizeLimit = .. }</c>.</summary>
        private static bool InMemoryCacheOptionsInitializer(AssignmentExpressionSyntax assignment)
            => assignment.Parent?.Parent is ObjectCreationExpressionSyntax creation && RightmostName(creation.Type) == "MemoryCacheOptions";

        /// <summary><c>o.SizeLimit = ..</c> in a lambda passed to <c>AddMemoryCache</c> or <c>(Post)Configure&lt;MemoryCacheOptions&gt;</c>.</summary>
        private static bool InMemoryCacheOptionsSetup(AssignmentExpressionSyntax assignment)
        {
            var lambda = assignment.FirstAncestorOrSelf<LambdaExpressionSyntax>();
            if (lambda?.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } })
            {
                return false;
            }

            var called = invocation.Expression is MemberAccessExpressionSyntax member ? member.Name : invocation.Expression as SimpleNameSyntax;
            return called switch
            {
                IdentifierNameSyntax { Identifier.ValueText: "AddMemoryCache" } => true,
                GenericNameSyntax generic when generic.Identifier.ValueText is "Configure" or "PostConfigure"
                    && generic.TypeArgumentList.Arguments.Count == 1 => RightmostName(generic.TypeArgumentList.Arguments[0]) == "MemoryCacheOptions",
                _ => false,
            };
        }

        private static string? RightmostName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }
}
