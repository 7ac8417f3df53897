using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// Per-compilation caches of the query-provenance model (docs/concepts.md#ef-query): one summary per source member,
    /// computed on first use, and an index of the source types by the simple names in their base lists, assembled from
    /// per-tree facts so an edit only re-reads the edited tree.
    /// </summary>
    internal sealed partial class SemanticContext
    {
        // The type declarations of a tree with a base list, keyed by each simple name the list spells.
        private static readonly PerTreeFact<KeyValuePair<string, TypeDeclarationSyntax>[]> BaseListNames =
            new PerTreeFact<KeyValuePair<string, TypeDeclarationSyntax>[]>((tree, cancellationToken) =>
            {
                var builder = new List<KeyValuePair<string, TypeDeclarationSyntax>>();
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is not MemberDeclarationSyntax || n is BaseNamespaceDeclarationSyntax || n is TypeDeclarationSyntax))
                {
                    if (node is TypeDeclarationSyntax type && type.BaseList != null)
                    {
                        foreach (var baseType in type.BaseList.Types)
                        {
                            var name = SimpleName(baseType.Type);
                            if (name != null)
                            {
                                builder.Add(new KeyValuePair<string, TypeDeclarationSyntax>(name, type));
                            }
                        }
                    }
                }

                return builder.ToArray();
            });

        private readonly ConcurrentDictionary<ISymbol, object> querySummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);
        private CompilationFact<ILookup<string, TypeDeclarationSyntax>>? typesByBaseName;

        private readonly ConcurrentDictionary<ISymbol, object> runSummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);

        /// <summary>The cache of query-provenance summaries ("returns an EF query"), keyed by original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> MemberSummaries => querySummaries;

        /// <summary>The cache of "runs a query when called" summaries, keyed by the method's original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> RunSummaries => runSummaries;

        /// <summary>
        /// The source types whose base list names <paramref name="simpleName"/> (an interface or a base class): the
        /// candidates for implementing it. Syntactic, so callers bind and check each one.
        /// </summary>
        internal IEnumerable<TypeDeclarationSyntax> TypesNamingBase(string simpleName, CancellationToken cancellationToken)
        {
            var fact = LazyInitializer.EnsureInitialized(ref typesByBaseName, () => new CompilationFact<ILookup<string, TypeDeclarationSyntax>>(BuildBaseIndex))!;
            return fact.Get(cancellationToken)[simpleName];
        }

        private ILookup<string, TypeDeclarationSyntax> BuildBaseIndex(CancellationToken cancellationToken)
            => Compilation.SyntaxTrees
                .SelectMany(tree => BaseListNames.Get(tree, cancellationToken))
                .ToLookup(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

        private static string? SimpleName(TypeSyntax type)
        {
            switch (type)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case GenericNameSyntax generic:
                    return generic.Identifier.ValueText;
                case QualifiedNameSyntax qualified:
                    return SimpleName(qualified.Right);
                case AliasQualifiedNameSyntax alias:
                    return SimpleName(alias.Name);
                default:
                    return null;
            }
        }
    }
}
