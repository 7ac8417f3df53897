using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// Caching policies registered once for a whole application, when the registration is in the same
    /// compilation: an output-cache base policy (<c>AddOutputCache(o => o.AddBasePolicy(..))</c>, every
    /// endpoint) and a global MVC filter (<c>options.Filters.Add(new ResponseCacheAttribute ..)</c>, controllers).
    /// Computed lazily, once per compilation, and only on files whose text mentions them.
    /// </summary>
    internal sealed class GlobalCachingPolicies
    {
        public bool AllEndpoints { get; private set; }

        public bool Controllers { get; private set; }

        public static GlobalCachingPolicies Find(Compilation compilation, SemanticContext types, CancellationToken cancellationToken)
        {
            var result = new GlobalCachingPolicies();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var text = tree.GetText(cancellationToken).ToString();
                var mentionsBase = text.Contains("AddBasePolicy");
                var mentionsFilter = text.Contains("Filters") && text.Contains("ResponseCache");
                if (!mentionsBase && !mentionsFilter)
                {
                    continue;
                }

                // Once per compilation and only on the few files that mention a global policy.
#pragma warning disable RS1030
                var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax syntax
                        || model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
                    {
                        continue;
                    }

                    var method = invocation.TargetMethod;
                    if (method.Name == "AddBasePolicy" && SymbolFacts.Is(method.ContainingType, types.OutputCacheOptions))
                    {
                        result.AllEndpoints = true;
                    }
                    else if (method.Name == "Add" && SymbolFacts.IsOrDerivesFrom(invocation.Instance?.Type, types.FilterCollection)
                        && invocation.Arguments.Length > 0
                        && SymbolFacts.IsOrDerivesFrom(Infrastructure.OperationExtensions.WalkDownConversion(invocation.Arguments[0].Value).Type, types.ResponseCacheAttribute))
                    {
                        result.Controllers = true;
                    }
                }
            }

            return result;
        }
    }
}
