using System;
using System.Collections.Generic;
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
    /// endpoint), a global MVC filter (<c>options.Filters.Add(new ResponseCacheAttribute ..)</c>, controllers), and
    /// a call named <c>UseHttpCacheHeaders</c> (the Marvin.Cache.Headers middleware, which writes Cache-Control and
    /// ETag on every response; matched by name, wherever it is declared, like PERF405's compression calls).
    /// The candidate calls are found from syntax once per tree; only they are bound, once per compilation.
    /// </summary>
    internal sealed class GlobalCachingPolicies
    {
        private static readonly PerTreeFact<InvocationExpressionSyntax[]> Candidates = new PerTreeFact<InvocationExpressionSyntax[]>(FindCandidates);

        // The trees with candidate calls, carried from one compilation to the next: an edit reads only the edited tree.
        private static readonly PerTreeFlag HasCandidates = new PerTreeFlag((tree, cancellationToken) => Candidates.Get(tree, cancellationToken).Length > 0);

        public bool AllEndpoints { get; private set; }

        public bool Controllers { get; private set; }

        public static GlobalCachingPolicies Find(SemanticContext types, CancellationToken cancellationToken)
        {
            var result = new GlobalCachingPolicies();
            foreach (var tree in HasCandidates.TreesSayingYes(types.Compilation, cancellationToken))
            {
                var candidates = Candidates.Get(tree, cancellationToken);

                // Another tree than the one being analysed: only its candidate calls are bound, once per compilation.
#pragma warning disable RS1030
                var model = types.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var syntax in candidates)
                {
                    if (IsHeadersMiddleware(syntax))
                    {
                        result.AllEndpoints = true;
                        continue;
                    }

                    if (model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
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
                        && SymbolFacts.IsOrDerivesFrom(invocation.Arguments[0].Value.WalkDownConversion().Type, types.ResponseCacheAttribute))
                    {
                        result.Controllers = true;
                    }
                }
            }

            return result;
        }

        private static bool IsHeadersMiddleware(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "UseHttpCacheHeaders",
                IdentifierNameSyntax name => name.Identifier.ValueText == "UseHttpCacheHeaders",
                _ => false,
            };

        /// <summary>
        /// <c>….AddBasePolicy(..)</c> calls, <c>….Add(..)</c> calls in files that mention both Filters and ResponseCache,
        /// and <c>UseHttpCacheHeaders(..)</c> calls.
        /// </summary>
        private static InvocationExpressionSyntax[] FindCandidates(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var mentionsBase = TextMarker.AddBasePolicy.OccursIn(tree, cancellationToken);
            var mentionsFilter = TextMarker.Filters.OccursIn(tree, cancellationToken) && TextMarker.ResponseCache.OccursIn(tree, cancellationToken);
            var mentionsHeaders = TextMarker.UseHttpCacheHeaders.OccursIn(tree, cancellationToken);
            if (!mentionsBase && !mentionsFilter && !mentionsHeaders)
            {
                return Array.Empty<InvocationExpressionSyntax>();
            }

            var result = new List<InvocationExpressionSyntax>();
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation)
                {
                    continue;
                }

                if ((mentionsHeaders && IsHeadersMiddleware(invocation))
                    || (invocation.Expression is MemberAccessExpressionSyntax access
                        && ((mentionsBase && access.Name.Identifier.ValueText == "AddBasePolicy")
                            || (mentionsFilter && access.Name.Identifier.ValueText == "Add"))))
                {
                    result.Add(invocation);
                }
            }

            return result.ToArray();
        }
    }
}
