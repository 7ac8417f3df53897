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
    /// Policies registered once for a whole application, when the registration is in the same compilation.
    /// Caching: an output-cache base policy (<c>AddOutputCache(o => o.AddBasePolicy(..))</c>, every endpoint), a global
    /// MVC filter (<c>options.Filters.Add(new ResponseCacheAttribute ..)</c>, controllers), and a call named
    /// <c>UseHttpCacheHeaders</c> (the Marvin.Cache.Headers middleware, which writes Cache-Control and ETag on every
    /// response; matched by name, wherever it is declared, like PERF405's compression calls), and a middleware of the
    /// application registered with <c>UseMiddleware</c> that writes <c>Cache-Control</c>.
    /// Authorization (docs/rules/PERF301.md, "What is not flagged"): a global MVC filter
    /// (<c>options.Filters.Add(new AuthorizeFilter(..))</c>) or <c>MapControllers().RequireAuthorization()</c>, every
    /// controller action, and a fallback policy (<c>options.FallbackPolicy = ..</c> on <c>AuthorizationOptions</c>, or
    /// <c>AddAuthorizationBuilder().SetFallbackPolicy(..)</c> or <c>.AddFallbackPolicy(name, ..)</c>: every endpoint without
    /// authorization data).
    /// The candidate nodes are found from syntax once per tree; only they are bound, once per compilation.
    /// </summary>
    internal sealed class GlobalEndpointPolicies
    {
        private static readonly PerTreeFact<ExpressionSyntax[]> Candidates = new PerTreeFact<ExpressionSyntax[]>(FindCandidates);

        // The trees with candidate nodes, carried from one compilation to the next: an edit reads only the edited tree.
        private static readonly PerTreeFlag HasCandidates = new PerTreeFlag((tree, cancellationToken) => Candidates.Get(tree, cancellationToken).Length > 0);

        /// <summary>Every endpoint has a caching policy.</summary>
        public bool AllEndpoints { get; private set; }

        /// <summary>Every controller action has a caching policy.</summary>
        public bool Controllers { get; private set; }

        /// <summary>Every controller action requires authorization unless it allows anonymous callers.</summary>
        public bool ControllersRequireAuthorization { get; private set; }

        /// <summary>Every endpoint requires authorization unless it allows anonymous callers (a fallback policy).</summary>
        public bool AllEndpointsRequireAuthorization { get; private set; }

        public static GlobalEndpointPolicies Find(SemanticContext types, CancellationToken cancellationToken)
        {
            var result = new GlobalEndpointPolicies();
            foreach (var tree in HasCandidates.TreesSayingYes(types.Compilation, cancellationToken))
            {
                var candidates = Candidates.Get(tree, cancellationToken);

                // Another tree than the one being analysed: only its candidate nodes are bound, once per compilation.
#pragma warning disable RS1030
                var model = types.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var syntax in candidates)
                {
                    if (syntax is InvocationExpressionSyntax headers && IsHeadersMiddleware(headers))
                    {
                        result.AllEndpoints = true;
                        continue;
                    }

                    switch (model.GetOperation(syntax, cancellationToken))
                    {
                        case IInvocationOperation invocation:
                            result.Read(invocation, types);
                            break;
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "FallbackPolicy" } fallback } assignment
                            when SymbolFacts.Is(fallback.Property.ContainingType, types.AuthorizationOptions) && !IsNull(assignment.Value):
                            result.AllEndpointsRequireAuthorization = true;
                            break;
                    }
                }
            }

            return result;
        }

        private void Read(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "AddBasePolicy" && SymbolFacts.Is(method.ContainingType, types.OutputCacheOptions))
            {
                AllEndpoints = true;
                return;
            }

            if (method.Name == "UseMiddleware" && MiddlewareType(invocation) is { } middleware && WritesCacheControl(middleware))
            {
                AllEndpoints = true;
                return;
            }

            // app.MapControllers().RequireAuthorization(): every controller action, as a global AuthorizeFilter.
            if (method.Name == "RequireAuthorization" && SymbolFacts.Is(method.ContainingType, types.AuthorizationConventions)
                && invocation.Arguments.Length > 0
                && invocation.Arguments[0].Value.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "MapControllers" or "MapDefaultControllerRoute" or "MapControllerRoute" })
            {
                ControllersRequireAuthorization = true;
                return;
            }

            // builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(policy), or AddFallbackPolicy(name, policy or
            // configure) that also names it: the fallback policy, set the newer way (found in dotnet/eShopSupport).
            if (method.Name is "SetFallbackPolicy" or "AddFallbackPolicy" && SymbolFacts.Is(method.ContainingType, types.AuthorizationBuilder)
                && invocation.Arguments.Length > 0 && !IsNull(invocation.Arguments[invocation.Arguments.Length - 1].Value))
            {
                AllEndpointsRequireAuthorization = true;
                return;
            }

            if (method.Name != "Add" || !SymbolFacts.IsOrDerivesFrom(invocation.Instance?.Type, types.FilterCollection) || invocation.Arguments.Length == 0)
            {
                return;
            }

            var filter = invocation.Arguments[0].Value.WalkDownConversion().Type;
            if (SymbolFacts.IsOrDerivesFrom(filter, types.ResponseCacheAttribute))
            {
                Controllers = true;
            }
            else if (SymbolFacts.IsOrDerivesFrom(filter, types.AuthorizeFilter))
            {
                ControllersRequireAuthorization = true;
            }
        }

        // app.UseMiddleware<T>() or app.UseMiddleware(typeof(T)).
        private static INamedTypeSymbol? MiddlewareType(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.TypeArguments.Length == 1)
            {
                return invocation.TargetMethod.TypeArguments[0] as INamedTypeSymbol;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.WalkDownConversion() is ITypeOfOperation { TypeOperand: INamedTypeSymbol named })
                {
                    return named;
                }
            }

            return null;
        }

        /// <summary>
        /// A middleware of the application whose <c>Invoke</c>/<c>InvokeAsync</c> writes the <c>Cache-Control</c> response
        /// header (<c>Headers.CacheControl = "no-cache"</c>, <c>Headers["Cache-Control"]</c>, <c>HeaderNames.CacheControl</c>):
        /// the responses it sees state a caching policy (found in VirtoCommerce's <c>NoCacheForApiMiddleware</c>). A write
        /// under a condition, such as a path prefix, counts for every endpoint: silent rather than wrong. Read from syntax.
        /// </summary>
        private static bool WritesCacheControl(INamedTypeSymbol middleware)
        {
            foreach (var member in middleware.GetMembers())
            {
                if (member is not IMethodSymbol { Name: "Invoke" or "InvokeAsync" } invoke)
                {
                    continue;
                }

                foreach (var reference in invoke.DeclaringSyntaxReferences)
                {
                    foreach (var node in reference.GetSyntax().DescendantNodes())
                    {
                        switch (node)
                        {
                            case LiteralExpressionSyntax literal when literal.Token.Value is string text && string.Equals(text, "Cache-Control", StringComparison.OrdinalIgnoreCase):
                            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CacheControl" }:
                                return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsNull(IOperation value) => value.WalkDownConversion() is { ConstantValue: { HasValue: true, Value: null } };

        private static bool IsHeadersMiddleware(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "UseHttpCacheHeaders",
                IdentifierNameSyntax name => name.Identifier.ValueText == "UseHttpCacheHeaders",
                _ => false,
            };

        /// <summary>
        /// <c>….AddBasePolicy(..)</c> calls, <c>….Add(..)</c> calls in files that mention Filters with ResponseCache or
        /// AuthorizeFilter, <c>UseHttpCacheHeaders(..)</c> calls, <c>….Map…(..).RequireAuthorization(..)</c> calls,
        /// <c>Set</c>/<c>AddFallbackPolicy(..)</c> and <c>UseMiddleware(..)</c> calls and assignments to <c>FallbackPolicy</c>.
        /// </summary>
        private static ExpressionSyntax[] FindCandidates(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var mentionsBase = TextMarker.AddBasePolicy.OccursIn(tree, cancellationToken);
            var mentionsFilter = TextMarker.Filters.OccursIn(tree, cancellationToken)
                && (TextMarker.ResponseCache.OccursIn(tree, cancellationToken) || TextMarker.AuthorizeFilter.OccursIn(tree, cancellationToken));
            var mentionsHeaders = TextMarker.UseHttpCacheHeaders.OccursIn(tree, cancellationToken);
            var mentionsFallback = TextMarker.FallbackPolicy.OccursIn(tree, cancellationToken);
            var mentionsRequire = TextMarker.RequireAuthorization.OccursIn(tree, cancellationToken);
            var mentionsMiddleware = TextMarker.UseMiddleware.OccursIn(tree, cancellationToken);
            if (!mentionsBase && !mentionsFilter && !mentionsHeaders && !mentionsFallback && !mentionsRequire && !mentionsMiddleware)
            {
                return Array.Empty<ExpressionSyntax>();
            }

            var result = new List<ExpressionSyntax>();
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    if ((mentionsHeaders && IsHeadersMiddleware(invocation))
                        || (invocation.Expression is MemberAccessExpressionSyntax access
                            && ((mentionsBase && access.Name.Identifier.ValueText == "AddBasePolicy")
                                || (mentionsFilter && access.Name.Identifier.ValueText == "Add")
                                || (mentionsFallback && access.Name.Identifier.ValueText is "SetFallbackPolicy" or "AddFallbackPolicy")
                                || (mentionsMiddleware && access.Name.Identifier.ValueText == "UseMiddleware")
                                || (mentionsRequire && access.Name.Identifier.ValueText == "RequireAuthorization"
                                    && access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax mapped }
                                    && mapped.Name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal)))))
                    {
                        result.Add(invocation);
                    }
                }
                else if (mentionsFallback && node is AssignmentExpressionSyntax assignment
                    && assignment.Left switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "FallbackPolicy",
                        IdentifierNameSyntax name => name.Identifier.ValueText == "FallbackPolicy",
                        _ => false,
                    })
                {
                    result.Add(assignment);
                }
            }

            return result.ToArray();
        }
    }
}
