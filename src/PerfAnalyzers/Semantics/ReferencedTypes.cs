using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The types the referenced assemblies of a compilation declare under a metadata name, shared by every compilation
    /// whose referenced assemblies are the same symbols. The compiler reuses a reference's assembly symbol in the next
    /// compilation when the references are unchanged: after each keystroke in the IDE, and from project to project on
    /// a compiler server. Finding a type in metadata walks namespaces merged over 200+ assemblies, which the compiler
    /// builds again for every compilation; sharing the answers makes that a per-reference-set cost instead.
    /// </summary>
    internal sealed class ReferencedTypes
    {
        /// <summary>The reference sets kept for the next compilation: a solution has a few distinct ones.</summary>
        private const int RecentCount = 4;

        private static readonly object Gate = new object();

        // Held weakly: a set lives as long as a compilation that uses it (through its KnownSymbols), so the index never
        // keeps the assembly symbols of a closed solution alive.
        private static readonly WeakReference<ReferencedTypes>?[] Recent = new WeakReference<ReferencedTypes>?[RecentCount];
        private static int nextRecent;

        private readonly ImmutableArray<IAssemblySymbol> assemblies;
        private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> candidates =
            new ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>>(StringComparer.Ordinal);

        private ReferencedTypes(ImmutableArray<IAssemblySymbol> assemblies) => this.assemblies = assemblies;

        /// <summary>The shared answers for the referenced assemblies of <paramref name="compilation"/>.</summary>
        public static ReferencedTypes For(Compilation compilation)
        {
            var assemblies = compilation.SourceModule.ReferencedAssemblySymbols;
            if (HasExternAlias(compilation))
            {
                // An aliased reference is not in the global namespace, and two compilations may alias the same
                // assembly differently: such a compilation keeps its own answers.
                return new ReferencedTypes(assemblies);
            }

            lock (Gate)
            {
                foreach (var weak in Recent)
                {
                    if (weak != null && weak.TryGetTarget(out var known) && SameSymbols(known.assemblies, assemblies))
                    {
                        return known;
                    }
                }

                var created = new ReferencedTypes(assemblies);
                Recent[nextRecent] = new WeakReference<ReferencedTypes>(created);
                nextRecent = (nextRecent + 1) % RecentCount;
                return created;
            }
        }

        /// <summary>
        /// The types declared in a referenced assembly under <paramref name="metadataName"/>, found once per reference
        /// set through the merged namespaces of <paramref name="compilation"/> (one of the compilations that share it).
        /// Types of the compilation's own source are left out: they belong to one compilation only.
        /// </summary>
        public ImmutableArray<INamedTypeSymbol> Candidates(string metadataName, Compilation compilation)
        {
            if (candidates.TryGetValue(metadataName, out var known))
            {
                return known;
            }

            var found = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var candidate in InMergedNamespaces(metadataName, compilation))
            {
                if (!SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
                {
                    found.Add(candidate);
                }
            }

            return candidates.GetOrAdd(metadataName, found.ToImmutable());
        }

        private static bool HasExternAlias(Compilation compilation)
        {
            var references = compilation.ExternalReferences;
            for (var i = 0; i < references.Length; i++)
            {
                var aliases = references[i].Properties.Aliases;
                for (var j = 0; j < aliases.Length; j++)
                {
                    if (aliases[j] != "global")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool SameSymbols(ImmutableArray<IAssemblySymbol> known, ImmutableArray<IAssemblySymbol> other)
        {
            if (known.Length != other.Length)
            {
                return false;
            }

            for (var i = 0; i < known.Length; i++)
            {
                if (!ReferenceEquals(known[i], other[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Every type the compilation sees under <paramref name="metadataName"/>, found by walking the merged namespace
        /// tree. <c>GetTypesByMetadataName</c> asks each of the (often 200+) referenced assemblies in turn and splits the
        /// name again for each; the merged namespaces consult only the assemblies that declare the namespace.
        /// </summary>
        private static ImmutableArray<INamedTypeSymbol> InMergedNamespaces(string metadataName, Compilation compilation)
        {
            var nestedNames = metadataName.Split('+');
            var topLevel = nestedNames[0];
            var lastDot = topLevel.LastIndexOf('.');
            INamespaceSymbol? containingNamespace = compilation.GlobalNamespace;
            if (lastDot > 0)
            {
                foreach (var segment in topLevel.Substring(0, lastDot).Split('.'))
                {
                    containingNamespace = SingleNamespaceMember(containingNamespace, segment);
                    if (containingNamespace == null)
                    {
                        return ImmutableArray<INamedTypeSymbol>.Empty;
                    }
                }
            }

            var (name, arity) = NameAndArity(topLevel.Substring(lastDot + 1));
            var found = containingNamespace.GetTypeMembers(name, arity);
            for (var level = 1; level < nestedNames.Length && !found.IsEmpty; level++)
            {
                var (nestedName, nestedArity) = NameAndArity(nestedNames[level]);
                var nested = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var container in found)
                {
                    nested.AddRange(container.GetTypeMembers(nestedName, nestedArity));
                }

                found = nested.ToImmutable();
            }

            return found;
        }

        private static INamespaceSymbol? SingleNamespaceMember(INamespaceSymbol container, string name)
        {
            foreach (var member in container.GetMembers(name))
            {
                if (member is INamespaceSymbol ns)
                {
                    return ns;
                }
            }

            return null;
        }

        /// <summary>Splits a metadata name such as <c>Task`1</c> into the type's name and arity.</summary>
        private static (string Name, int Arity) NameAndArity(string metadataName)
        {
            var tick = metadataName.IndexOf('`');
            return tick > 0 && int.TryParse(metadataName.Substring(tick + 1), out var arity)
                ? (metadataName.Substring(0, tick), arity)
                : (metadataName, 0);
        }
    }
}
