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
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, List<IInvocationOperation>> found =
            new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);

        public MethodCallSites(Compilation compilation) => Compilation = compilation;

        public Compilation Compilation { get; }

        /// <summary>The calls of <paramref name="method"/>, looked up once per compilation.</summary>
        public List<IInvocationOperation> Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (found.TryGetValue(method, out var calls))
            {
                return calls;
            }

            calls = Find(method, Compilation, cancellationToken);
            return found.GetOrAdd(method, calls);
        }

        // Per tree, the calls found so far by name: a tree is searched for a name at most once.
        private static readonly PerTreeFact<System.Collections.Concurrent.ConcurrentDictionary<string, List<InvocationExpressionSyntax>>> ByName =
            new PerTreeFact<System.Collections.Concurrent.ConcurrentDictionary<string, List<InvocationExpressionSyntax>>>(
                (_, _) => new System.Collections.Concurrent.ConcurrentDictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal));

        public static List<IInvocationOperation> Find(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var result = new List<IInvocationOperation>();
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
                    if (model.GetOperation(syntax, cancellationToken) is IInvocationOperation invocation
                        && SymbolEqualityComparer.Default.Equals((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition, target))
                    {
                        result.Add(invocation);
                    }
                }
            }

            return result;
        }
    }
}
