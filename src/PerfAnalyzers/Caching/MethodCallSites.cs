using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// The calls of a source method anywhere in the compilation, found without scanning it per edit: only trees whose
    /// text invokes the name (<see cref="InvokedNames"/>) are searched, at the places their text spells it
    /// (<see cref="InvocationSearch"/>, once per tree and name), and only the calls found there are bound.
    /// </summary>
    internal sealed class MethodCallSites
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, Sites> found =
            new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, Sites>(SymbolEqualityComparer.Default);

        public MethodCallSites(Compilation compilation) => Compilation = compilation;

        public Compilation Compilation { get; }

        /// <summary>The calls of <paramref name="method"/>, looked up once per compilation.</summary>
        public List<IInvocationOperation> Of(IMethodSymbol method, CancellationToken cancellationToken)
            => SitesOf(method, cancellationToken).Calls;

        /// <summary>
        /// A call spelled with the method's name does not bind (its receiver's type is missing, or overload resolution
        /// failed with the method among the candidates): a caller whose code cannot be read, so what it adds is unknown.
        /// </summary>
        public bool HasUnboundCall(IMethodSymbol method, CancellationToken cancellationToken)
            => SitesOf(method, cancellationToken).Unbound;

        private Sites SitesOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (found.TryGetValue(method, out var sites))
            {
                return sites;
            }

            sites = Search(method, Compilation, cancellationToken);
            return found.GetOrAdd(method, sites);
        }

        private sealed class Sites
        {
            public Sites(List<IInvocationOperation> calls, bool unbound)
            {
                Calls = calls;
                Unbound = unbound;
            }

            public List<IInvocationOperation> Calls { get; }

            public bool Unbound { get; }
        }

        // Per tree, the calls found so far by name: a tree is searched for a name at most once.
        private static readonly PerTreeFact<System.Collections.Concurrent.ConcurrentDictionary<string, List<InvocationExpressionSyntax>>> ByName =
            new PerTreeFact<System.Collections.Concurrent.ConcurrentDictionary<string, List<InvocationExpressionSyntax>>>(
                (_, _) => new System.Collections.Concurrent.ConcurrentDictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal));

        public static List<IInvocationOperation> Find(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
            => Search(method, compilation, cancellationToken).Calls;

        private static Sites Search(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var result = new List<IInvocationOperation>();
            var unbound = false;
            var target = method.OriginalDefinition;
            var genericName = method.Name + InvokedNames.GenericSuffix;
            foreach (var tree in InvokedNames.TreesInvokingEither(compilation, method.Name, genericName, cancellationToken))
            {
                var found = ByName.Get(tree, cancellationToken);
                if (!found.TryGetValue(method.Name, out var candidates))
                {
                    candidates = found.GetOrAdd(method.Name, InvocationSearch.Find(tree, method.Name, cancellationToken));
                }

                if (candidates.Count == 0)
                {
                    continue;
                }

                // Another tree than the one being analysed: only the calls of this name are bound.
#pragma warning disable RS1030
                var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var syntax in candidates)
                {
                    var operation = model.GetOperation(syntax, cancellationToken);
                    if (operation is IInvocationOperation invocation
                        && SymbolEqualityComparer.Default.Equals((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition, target))
                    {
                        result.Add(invocation);
                    }
                    else if (operation is IInvalidOperation && !unbound)
                    {
                        unbound = CouldBe(model.GetSymbolInfo(syntax, cancellationToken), target, syntax, model, cancellationToken);
                    }
                }
            }

            return new Sites(result, unbound);
        }

        // A call that fails because a type it uses is missing (group.MapOrders() on a group built through a package the
        // build cannot see, or an argument of such a type), with the method among the candidates or no candidate at all.
        // A call that fails on types that are all known is another mistake, not a caller of this method whose code is hidden
        // (services.MapOrders() on the wrong receiver, services.Configure((Action<Missing>)..) of another method).
        private static bool CouldBe(SymbolInfo info, IMethodSymbol target, InvocationExpressionSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        {
            if (info.Symbol != null || !UsesAMissingType(syntax, model, cancellationToken))
            {
                return false;
            }

            foreach (var candidate in info.CandidateSymbols)
            {
                if (candidate is IMethodSymbol method
                    && SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).OriginalDefinition, target))
                {
                    return true;
                }
            }

            return info.CandidateSymbols.IsEmpty;
        }

        private static bool UsesAMissingType(InvocationExpressionSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
        {
            if (syntax.Expression is MemberAccessExpressionSyntax access && IsMissing(model.GetTypeInfo(access.Expression, cancellationToken).Type))
            {
                return true;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (IsMissing(model.GetTypeInfo(argument.Expression, cancellationToken).Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsMissing(ITypeSymbol? type) => type is { TypeKind: TypeKind.Error };
    }
}
