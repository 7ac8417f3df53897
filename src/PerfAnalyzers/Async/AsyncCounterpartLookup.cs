using System;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF202's general rule: the asynchronous counterpart of a synchronous method is a method named
    /// <c>NameAsync</c> on the same type (or its base types), or in the same extension class, with the same
    /// parameters — <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c> may become <c>Memory&lt;T&gt;</c>/<c>ReadOnlyMemory&lt;T&gt;</c> —
    /// optionally plus a trailing <c>CancellationToken</c>, not obsolete, accessible, and returning a task.
    /// </summary>
    internal static class AsyncCounterpartLookup
    {
        // Per compilation: whether the types searched from a given type have any member named NameAsync. Most calls
        // (LINQ operators, string and logging methods) have none; the answer is shared by every call of that name.
        private static readonly PerCompilationAnswers<SearchKey, bool> NamesWithCandidates = new PerCompilationAnswers<SearchKey, bool>();

        /// <summary>
        /// False when <see cref="Find"/> would find nothing because no type it searches has a member named
        /// <c>NameAsync</c>; cached per compilation, searched type and name, so the common call costs one lookup.
        /// </summary>
        public static bool MayHaveCounterpart(IMethodSymbol method, ITypeSymbol? receiverType, SemanticContext types)
        {
            var start = method.IsStatic ? method.ContainingType : receiverType as INamedTypeSymbol ?? method.ContainingType;
            if (start == null)
            {
                return false;
            }

            // Keyed by the generic definition: List<Order> and List<Line> have the same member names, and a key per
            // constructed type would make most lookups in a large project a first-time insertion.
            start = start.OriginalDefinition;
            var key = new SearchKey(start, method.Name, method.IsStatic);
            var answers = NamesWithCandidates.For(types);
            if (answers.TryGetValue(key, out var known))
            {
                return known;
            }

            return answers.GetOrAdd(key, HasMemberNamed(start, method.Name + "Async", method.IsStatic));
        }

        private static bool HasMemberNamed(INamedTypeSymbol start, string name, bool staticOnly)
        {
            if (staticOnly)
            {
                return !start.GetMembers(name).IsEmpty;
            }

            for (var type = start; type != null; type = type.BaseType)
            {
                if (!type.GetMembers(name).IsEmpty)
                {
                    return true;
                }
            }

            if (start.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in start.AllInterfaces)
                {
                    if (!implemented.GetMembers(name).IsEmpty)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private readonly struct SearchKey : IEquatable<SearchKey>
        {
            private readonly INamedTypeSymbol type;
            private readonly string name;
            private readonly bool isStatic;

            public SearchKey(INamedTypeSymbol type, string name, bool isStatic)
            {
                this.type = type;
                this.name = name;
                this.isStatic = isStatic;
            }

            public bool Equals(SearchKey other)
                => isStatic == other.isStatic && string.Equals(name, other.name, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(type, other.type);

            public override bool Equals(object? obj) => obj is SearchKey other && Equals(other);

            public override int GetHashCode()
                => unchecked((SymbolEqualityComparer.Default.GetHashCode(type) * 397) ^ StringComparer.Ordinal.GetHashCode(name) ^ (isStatic ? 1 : 0));
        }

        public static IMethodSymbol? Find(IMethodSymbol method, ITypeSymbol? receiverType, SemanticContext types, Compilation compilation, INamedTypeSymbol? within)
        {
            var name = method.Name + "Async";
            var sync = method.ConstructedFrom;
            IMethodSymbol? best = null;
            if (method.IsStatic)
            {
                Search(method.ContainingType, name, sync, types, compilation, within, ref best);
                return best;
            }

            for (var type = receiverType as INamedTypeSymbol ?? method.ContainingType; type != null; type = type.BaseType)
            {
                Search(type, name, sync, types, compilation, within, ref best);
            }

            if (best == null && receiverType is INamedTypeSymbol { TypeKind: TypeKind.Interface } interfaceType)
            {
                foreach (var implemented in interfaceType.AllInterfaces)
                {
                    Search(implemented, name, sync, types, compilation, within, ref best);
                }
            }

            return best;
        }

        /// <summary>True when <paramref name="candidate"/> takes one more parameter than <paramref name="sync"/>: a CancellationToken.</summary>
        public static bool TakesExtraToken(IMethodSymbol sync, IMethodSymbol candidate) => candidate.Parameters.Length == sync.Parameters.Length + 1;

        private static void Search(INamedTypeSymbol type, string name, IMethodSymbol sync, SemanticContext types, Compilation compilation, INamedTypeSymbol? within, ref IMethodSymbol? best)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol candidate
                    && candidate.IsStatic == sync.IsStatic
                    && candidate.IsExtensionMethod == sync.IsExtensionMethod
                    && candidate.TypeParameters.Length == sync.TypeParameters.Length
                    && types.IsTaskLike(candidate.ReturnType)
                    && ParametersMatch(sync, candidate, types)
                    && (within == null || compilation.IsSymbolAccessibleWithin(candidate, within))
                    && !IsObsolete(candidate, types)
                    && (best == null || (TakesExtraToken(sync, candidate) && !TakesExtraToken(sync, best))))
                {
                    best = candidate;
                }
            }
        }

        private static bool ParametersMatch(IMethodSymbol sync, IMethodSymbol candidate, SemanticContext types)
        {
            var count = sync.Parameters.Length;
            if (candidate.Parameters.Length != count
                && !(candidate.Parameters.Length == count + 1 && SymbolFacts.Is(candidate.Parameters[count].Type, types.CancellationToken)))
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                if (sync.Parameters[i].RefKind != candidate.Parameters[i].RefKind
                    || !TypesMatch(sync.Parameters[i].Type, candidate.Parameters[i].Type, types))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TypesMatch(ITypeSymbol sync, ITypeSymbol candidate, SemanticContext types)
        {
            if (SymbolEqualityComparer.Default.Equals(sync, candidate))
            {
                return true;
            }

            if (sync is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } left)
            {
                return candidate is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } right && left.Ordinal == right.Ordinal;
            }

            if (sync is IArrayTypeSymbol syncArray)
            {
                return candidate is IArrayTypeSymbol candidateArray && syncArray.Rank == candidateArray.Rank
                    && TypesMatch(syncArray.ElementType, candidateArray.ElementType, types);
            }

            if (sync is not INamedTypeSymbol { IsGenericType: true } syncNamed || candidate is not INamedTypeSymbol { IsGenericType: true } candidateNamed
                || syncNamed.TypeArguments.Length != candidateNamed.TypeArguments.Length)
            {
                return false;
            }

            var syncDefinition = syncNamed.OriginalDefinition;
            var candidateDefinition = candidateNamed.OriginalDefinition;
            var sameDefinition = SymbolEqualityComparer.Default.Equals(syncDefinition, candidateDefinition)
                || (SymbolFacts.Is(syncDefinition, types.Span) && SymbolFacts.Is(candidateDefinition, types.Memory))
                || (SymbolFacts.Is(syncDefinition, types.ReadOnlySpan) && SymbolFacts.Is(candidateDefinition, types.ReadOnlyMemory));
            if (!sameDefinition)
            {
                return false;
            }

            for (var i = 0; i < syncNamed.TypeArguments.Length; i++)
            {
                if (!TypesMatch(syncNamed.TypeArguments[i], candidateNamed.TypeArguments[i], types))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsObsolete(ISymbol symbol, SemanticContext types)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolFacts.Is(attribute.AttributeClass, types.ObsoleteAttribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
