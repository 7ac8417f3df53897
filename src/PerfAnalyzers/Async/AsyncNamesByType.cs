using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// For a type, the names <c>Name</c> such that the type declares a member <c>NameAsync</c>: what PERF202 asks of every
    /// call's type before it looks for a counterpart. Kept per type symbol, so a set is built once per type and then read
    /// without a lock. A referenced type's symbol is shared by every compilation on a compiler server and after each
    /// keystroke in the IDE; a source type's set is dropped with its compilation. Asking the compiler for a type's member
    /// names per call instead cost a string per call and a set lookup per type in the hierarchy.
    /// </summary>
    internal static class AsyncNamesByType
    {
        private const string AsyncSuffix = "Async";

        private static readonly HashSet<string> None = new HashSet<string>(StringComparer.Ordinal);

        private static readonly ConditionalWeakTable<INamedTypeSymbol, HashSet<string>> DeclaredByType = new ConditionalWeakTable<INamedTypeSymbol, HashSet<string>>();

        private static readonly ConditionalWeakTable<INamedTypeSymbol, HashSet<string>> SearchedByType = new ConditionalWeakTable<INamedTypeSymbol, HashSet<string>>();

        /// <summary>The names whose <c>…Async</c> member <paramref name="type"/> itself declares (a static call searches no further).</summary>
        public static HashSet<string> Declared(INamedTypeSymbol type)
        {
            if (DeclaredByType.TryGetValue(type, out var known))
            {
                return known;
            }

            HashSet<string>? names = null;
            foreach (var memberName in type.MemberNames)
            {
                if (memberName.Length > AsyncSuffix.Length && memberName.EndsWith(AsyncSuffix, StringComparison.Ordinal))
                {
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    names.Add(memberName.Substring(0, memberName.Length - AsyncSuffix.Length));
                }
            }

            return Keep(DeclaredByType, type, names ?? None);
        }

        /// <summary>
        /// The names whose <c>…Async</c> member an instance call on <paramref name="type"/> could reach: declared by the
        /// type or a base type, or, for an interface, by an interface it extends.
        /// </summary>
        public static HashSet<string> Searched(INamedTypeSymbol type)
        {
            if (SearchedByType.TryGetValue(type, out var known))
            {
                return known;
            }

            var own = Declared(type);
            var inherited = type.TypeKind == TypeKind.Interface ? FromInterfaces(type) : FromBaseType(type);
            return Keep(SearchedByType, type, inherited.Count == 0 ? own : own.Count == 0 ? inherited : Union(own, inherited));
        }

        // Of two threads that compute a type's set at once, the first one's stays. A method of its own: a lambda over a
        // local of the callers would be allocated on every call, cached or not.
        private static HashSet<string> Keep(ConditionalWeakTable<INamedTypeSymbol, HashSet<string>> table, INamedTypeSymbol type, HashSet<string> computed)
            => table.GetValue(type, _ => computed);

        private static HashSet<string> FromBaseType(INamedTypeSymbol type)
        {
            // The base type's own set covers its whole chain. The compiler never hands out a cyclic chain: an erroneous
            // cycle ends in an error type.
            var baseType = type.BaseType?.OriginalDefinition;
            return baseType == null ? None : Searched(baseType);
        }

        private static HashSet<string> FromInterfaces(INamedTypeSymbol type)
        {
            HashSet<string>? names = null;
            foreach (var extended in type.AllInterfaces)
            {
                var declared = Declared(extended.OriginalDefinition);
                if (declared.Count > 0)
                {
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    names.UnionWith(declared);
                }
            }

            return names ?? None;
        }

        private static HashSet<string> Union(HashSet<string> first, HashSet<string> second)
        {
            var union = new HashSet<string>(first, StringComparer.Ordinal);
            union.UnionWith(second);
            return union;
        }
    }
}
