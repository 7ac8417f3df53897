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
    /// text invokes the name (<see cref="InvokedNames"/>) have their invocations indexed by name, once (syntax only),
    /// and only the calls whose name matches are bound.
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

        private static readonly InvocationExpressionSyntax[] None = Array.Empty<InvocationExpressionSyntax>();

        private static readonly PerTreeFact<Dictionary<string, InvocationExpressionSyntax[]>> ByName =
            new PerTreeFact<Dictionary<string, InvocationExpressionSyntax[]>>(Index);

        public static List<IInvocationOperation> Find(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var result = new List<IInvocationOperation>();
            var target = method.OriginalDefinition;
            var genericName = method.Name + InvokedNames.GenericSuffix;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!InvokedNames.MayInvokeEither(tree, method.Name, genericName, cancellationToken)
                    || !ByName.Get(tree, cancellationToken).TryGetValue(method.Name, out var candidates))
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

        private static Dictionary<string, InvocationExpressionSyntax[]> Index(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var lists = new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && InvokedName(invocation.Expression) is { } name)
                {
                    if (!lists.TryGetValue(name, out var list))
                    {
                        lists[name] = list = new List<InvocationExpressionSyntax>();
                    }

                    list.Add(invocation);
                }
            }

            var index = new Dictionary<string, InvocationExpressionSyntax[]>(lists.Count, StringComparer.Ordinal);
            foreach (var pair in lists)
            {
                index[pair.Key] = pair.Value.ToArray();
            }

            return index;
        }

        private static string? InvokedName(ExpressionSyntax expression) => expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
