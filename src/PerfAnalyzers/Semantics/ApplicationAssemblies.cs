using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The other projects of the application as this compilation references them (docs/concepts.md#declared-by-the-application),
    /// and the classes they declare by each interface those classes implement. The index belongs to the referenced
    /// assembly, which stays the same object while only this project's documents change: an edit does not walk the types
    /// of the other projects again.
    /// </summary>
    internal static class ApplicationAssemblies
    {
        private static readonly ConditionalWeakTable<IAssemblySymbol, Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> ImplementationsByAssembly =
            new ConditionalWeakTable<IAssemblySymbol, Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>();

        private static readonly ConditionalWeakTable<IAssemblySymbol, Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>.CreateValueCallback IndexImplementations = Index;

        /// <summary>Whether a class of <paramref name="assembly"/> satisfies <paramref name="predicate"/> (a fixed, static predicate: the answer is cached per assembly and predicate).</summary>
        public static bool AnyClass(IAssemblySymbol assembly, Func<INamedTypeSymbol, bool> predicate)
        {
            var answers = ClassAnswers.GetValue(assembly, _ => new ConcurrentDictionary<Func<INamedTypeSymbol, bool>, bool>());
            return answers.GetOrAdd(predicate, p => Classes(assembly).Any(p));
        }

        private static readonly ConditionalWeakTable<IAssemblySymbol, ConcurrentDictionary<Func<INamedTypeSymbol, bool>, bool>> ClassAnswers =
            new ConditionalWeakTable<IAssemblySymbol, ConcurrentDictionary<Func<INamedTypeSymbol, bool>, bool>>();

        /// <summary>The classes of <paramref name="assembly"/> that implement <paramref name="interfaceDefinition"/> (an original definition).</summary>
        public static IReadOnlyList<INamedTypeSymbol> Implementations(IAssemblySymbol assembly, INamedTypeSymbol interfaceDefinition)
            => ImplementationsByAssembly.GetValue(assembly, IndexImplementations).TryGetValue(interfaceDefinition, out var found)
                ? found
                : (IReadOnlyList<INamedTypeSymbol>)System.Array.Empty<INamedTypeSymbol>();

        private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> Index(IAssemblySymbol assembly)
        {
            var byInterface = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in Classes(assembly))
            {
                if (type.IsStatic)
                {
                    continue;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    var definition = implemented.OriginalDefinition;
                    if (!byInterface.TryGetValue(definition, out var classes))
                    {
                        byInterface[definition] = classes = new List<INamedTypeSymbol>();
                    }

                    classes.Add(type);
                }
            }

            return byInterface;
        }

        /// <summary>Every class the assembly declares, nested ones included.</summary>
        private static IEnumerable<INamedTypeSymbol> Classes(IAssemblySymbol assembly)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var container = pending.Pop();
                if (container is INamespaceSymbol ns)
                {
                    foreach (var member in ns.GetMembers())
                    {
                        pending.Push(member);
                    }

                    continue;
                }

                var type = (INamedTypeSymbol)container;
                foreach (var nested in type.GetTypeMembers())
                {
                    pending.Push(nested);
                }

                if (type.TypeKind == TypeKind.Class)
                {
                    yield return type;
                }
            }
        }
    }
}
