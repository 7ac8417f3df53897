using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PerfAnalyzers.Semantics
{
    /// <summary>EF Core and LINQ types (docs/concepts.md#ef-query).</summary>
    internal sealed partial class SemanticContext
    {
        // Whether a tree's code calls (or names) UseLazyLoadingProxies: a token check, once per tree.
        private static readonly PerTreeFlag NamesUseLazyLoadingProxies = new PerTreeFlag((tree, cancellationToken) =>
        {
            if (!TextMarker.UseLazyLoadingProxies.OccursIn(tree, cancellationToken))
            {
                return false;
            }

            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "UseLazyLoadingProxies")
                {
                    return true;
                }
            }

            return false;
        });

        private readonly CompilationFact<bool> usesLazyLoadingProxies;

        /// <summary>
        /// True when EF Core's proxies are referenced and some source file of the compilation calls
        /// <c>UseLazyLoadingProxies</c>: virtual navigations are then lazy-loaded. Assembled from per-tree facts.
        /// </summary>
        public bool UsesLazyLoadingProxies(CancellationToken cancellationToken)
        {
            return ProxiesExtensions != null && usesLazyLoadingProxies.Get(cancellationToken);
        }

        private bool AnyTreeNamesUseLazyLoadingProxies(CancellationToken cancellationToken)
            => NamesUseLazyLoadingProxies.AnyTree(Compilation, cancellationToken);

        /// <summary>True for <c>DbSet&lt;T&gt;</c> and types derived from it.</summary>
        public bool IsDbSet(ITypeSymbol? type) => SymbolFacts.IsOrDerivesFrom(type, DbSet);

        public bool IsDbContext(ITypeSymbol? type) => SymbolFacts.IsOrDerivesFrom(type, DbContext);

        /// <summary>True for <c>IQueryable</c>, <c>IQueryable&lt;T&gt;</c> and every type implementing them.</summary>
        public bool IsQueryable(ITypeSymbol? type)
        {
            if (type == null || IQueryable == null)
            {
                return false;
            }

            if (SymbolFacts.Is(type, IQueryableOfT))
            {
                return true;
            }

            // Asked for nearly every call's receiver; the answer belongs to the generic definition, and reading a
            // type's interfaces through the public API allocates them anew on each call.
            var definition = type.OriginalDefinition;
            if (queryableDefinitions.TryGetValue(definition, out var known))
            {
                return known;
            }

            return queryableDefinitions.Store(definition, SymbolFacts.IsOrImplements(definition, IQueryable));
        }

        private readonly AnswerMemo<ITypeSymbol, bool> queryableDefinitions = new AnswerMemo<ITypeSymbol, bool>(1024, SymbolEqualityComparer.Default);

        /// <summary>A lambda converted to this type is an expression tree: EF translates it, nothing in it runs in memory.</summary>
        private bool IsExpressionTreeType(ITypeSymbol? type)
            => SymbolFacts.Is(type, ExpressionOfT) || SymbolFacts.IsOrDerivesFrom(type, LambdaExpression);

        /// <summary>
        /// True when <paramref name="lambda"/> (an anonymous function) is converted to an expression tree. A lambda
        /// converted to a delegate sits under a delegate creation, ruled out by kind before any type is compared.
        /// </summary>
        public bool IsExpressionTreeLambda(IOperation lambda)
            => lambda.Parent is { } parent && parent.Kind != OperationKind.DelegateCreation && IsExpressionTreeType(parent.Type);

        /// <summary>
        /// The same question for a lambda read from the syntax of another method (a called method's body): binds the lambda
        /// alone, asked only once syntax has found a per-element operator's lambda.
        /// </summary>
        public bool IsExpressionTreeLambda(Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax lambda)
            => Compilation.ContainsSyntaxTree(lambda.SyntaxTree)
            && IsExpressionTreeType(Compilation.GetSemanticModel(lambda.SyntaxTree).GetTypeInfo(lambda).ConvertedType);

        /// <summary>The LINQ operator classes: <c>Queryable</c>, EF Core's queryable extensions, <c>Enumerable</c>, <c>AsyncEnumerable</c>.</summary>
        public bool IsLinqOperatorClass(ITypeSymbol? type)
            => SymbolFacts.Is(type, Enumerable) || SymbolFacts.Is(type, Queryable)
            || SymbolFacts.Is(type, EntityFrameworkQueryableExtensions) || SymbolFacts.Is(type, AsyncEnumerable);

        private HashSet<string>? efAsyncOperatorStems;

        /// <summary>
        /// True when EF Core's queryable extensions have a method named <c><paramref name="syncName"/>Async</c>
        /// (<c>ToList</c> → <c>ToListAsync</c>): the only names an EF query's async counterpart can have.
        /// </summary>
        public bool HasEfAsyncCounterpartName(string syncName)
        {
            var stems = LazyInitializer.EnsureInitialized(ref efAsyncOperatorStems, () =>
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in EntityFrameworkQueryableExtensions?.MemberNames ?? Array.Empty<string>())
                {
                    if (name.EndsWith("Async", StringComparison.Ordinal))
                    {
                        names.Add(name.Substring(0, name.Length - "Async".Length));
                    }
                }

                return names;
            })!;
            return stems.Contains(syncName);
        }
    }
}
