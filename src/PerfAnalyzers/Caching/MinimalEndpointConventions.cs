using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>What the conventions of a minimal-API endpoint and its route groups say about caching and authorization.</summary>
    internal struct EndpointConventionFacts
    {
        public bool Policy;
        public bool Authorized;
        public bool Anonymous;

        /// <summary>The endpoint is mapped on a group that comes from elsewhere (a parameter or field): its conventions are unseen.</summary>
        public bool UnseenGroup;

        /// <summary>A route group it is mapped on names a health probe (<c>MapGroup("/health")</c>, see <see cref="HealthProbes"/>).</summary>
        public bool HealthProbe;

        /// <summary>
        /// An endpoint filter that writes no caching header runs on it (<c>.AddEndpointFilter(..)</c>, on it or on a group):
        /// it may check or hand the handler something about the caller, so the code fix never emits a shared policy.
        /// </summary>
        public bool Filtered;
    }

    /// <summary>
    /// Follows a <c>MapGet</c> call through the conventions chained on it (<c>.CacheOutput()</c>,
    /// <c>.WithMetadata(..)</c>, <c>.RequireAuthorization()</c>, <c>.AddEndpointFilter(..)</c>), conventions applied
    /// later to a local holding it, and the chain of route groups it is mapped on (nested <c>MapGroup</c>s, locals).
    /// Everything is looked up inside the method (or top-level program) that maps the endpoint.
    /// </summary>
    internal static class MinimalEndpointConventions
    {
        private const int MaxDepth = 16;

        private const int MaxCallerDepth = 2;

        /// <summary>The facts of the endpoint; the walk stops once they hold a policy or an unseen group (PERF301 is then silent).</summary>
        public static EndpointConventionFacts Collect(IInvocationOperation mapCall, SemanticContext types, MethodCallSites? callSites = null, CancellationToken cancellationToken = default)
        {
            var walk = new Walk(types, callSites, cancellationToken);
            var facts = default(EndpointConventionFacts);
            var root = OperationTreeIndex.Root(mapCall);
            walk.ExamineOuterChain(mapCall, root, ref facts, 0, 0);
            if (mapCall.Arguments.Length > 0 && !Decided(facts, 0))
            {
                walk.ExamineBuilder(mapCall.Arguments[0].Value, root, ref facts, 0, 0);
            }

            return facts;
        }

        private sealed class Walk
        {
            private readonly SemanticContext types;
            private readonly MethodCallSites? callSites;
            private readonly CancellationToken cancellationToken;

            public Walk(SemanticContext types, MethodCallSites? callSites, CancellationToken cancellationToken)
            {
                this.types = types;
                this.callSites = callSites;
                this.cancellationToken = cancellationToken;
            }

        // builder.MapGet(..).CacheOutput().RequireAuthorization(): each outer call receives the inner one as its first argument.
        public void ExamineOuterChain(IOperation builderCall, IOperation root, ref EndpointConventionFacts facts, int depth, int callers)
        {
            var current = builderCall;
            while (true)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                if (parent is IArgumentOperation { Parent: IInvocationOperation outer } argument
                    && outer.Arguments.Length > 0 && outer.Arguments[0] == argument && outer.TargetMethod.IsExtensionMethod)
                {
                    ExamineConvention(outer, types, ref facts);
                    current = outer;
                    continue;
                }

                if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    ExamineLaterConventions(declarator.Symbol, root, ref facts, depth, callers);
                }
                else if (parent is IReturnOperation)
                {
                    // return app.MapGroup("/orders"): the callers chain the conventions on what is returned.
                    ExamineCallers(current, ref facts, depth, callers);
                }

                return;
            }
        }

        public void ExamineBuilder(IOperation builder, IOperation root, ref EndpointConventionFacts facts, int depth, int callers)
        {
            if (depth > MaxDepth || Decided(facts, callers))
            {
                return;
            }

            builder = builder.WalkDownConversion();
            switch (builder)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0:
                    if (invocation.TargetMethod.Name != "MapGroup")
                    {
                        ExamineConvention(invocation, types, ref facts);
                    }
                    else if (invocation.Arguments.Length > 1 && HealthProbes.IsProbeRoute(invocation.Arguments[1].Value.ConstantValue.Value as string))
                    {
                        facts.HealthProbe = true;
                    }

                    ExamineBuilder(invocation.Arguments[0].Value, root, ref facts, depth + 1, callers);
                    break;
                case ILocalReferenceOperation local:
                    var declarator = FindDeclarator(root, local.Local);
                    if (declarator?.Initializer != null)
                    {
                        ExamineBuilder(declarator.Initializer.Value, root, ref facts, depth + 1, callers);
                    }

                    ExamineLaterConventions(local.Local, root, ref facts, depth, callers);
                    break;
                case IParameterReferenceOperation parameter when callSites != null && callers < MaxCallerDepth
                        && parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } owner
                        && CallSitesOf(owner) is { } calls && (calls.Count > 0 || HasUnboundCall(owner)):
                    // MapOrdersApi(this IEndpointRouteBuilder app) called as api.MapOrdersApi(): the conventions of
                    // the builder each caller passes apply. Unseen when the method has no call in this compilation.
                    var passed = UnboundCallerFacts(owner, out var first);
                    foreach (var call in calls)
                    {
                        var site = default(EndpointConventionFacts);
                        if (ArgumentFor(call, parameter.Parameter) is { } argument)
                        {
                            ExamineBuilder(argument, OperationTreeIndex.Root(call), ref site, depth + 1, callers + 1);
                        }

                        Meet(ref passed, site, first);
                        first = false;
                    }

                    Join(ref facts, passed);
                    break;
                case IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                        when SymbolFacts.Is(builder.Type, types.RouteGroupBuilder):
                    facts.UnseenGroup = true;
                    break;
            }
        }

        // The method that maps the endpoint returns the group (or the endpoint): what every caller chains on the
        // returned value applies, e.g. app.MapOrdersApi().RequireAuthorization().
        private void ExamineCallers(IOperation returned, ref EndpointConventionFacts facts, int depth, int callers)
        {
            if (callSites == null || callers >= MaxCallerDepth || depth > MaxDepth || Decided(facts, callers)
                || returned.SemanticModel?.GetEnclosingSymbol(returned.Syntax.SpanStart, cancellationToken) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } owner
                || CallSitesOf(owner) is not { } calls || (calls.Count == 0 && !HasUnboundCall(owner)))
            {
                return;
            }

            var chained = UnboundCallerFacts(owner, out var first);
            foreach (var call in calls)
            {
                var site = default(EndpointConventionFacts);
                ExamineOuterChain(call, OperationTreeIndex.Root(call), ref site, depth + 1, callers + 1);
                Meet(ref chained, site, first);
                first = false;
            }

            Join(ref facts, chained);
        }

        private List<IInvocationOperation>? CallSitesOf(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length == 0 ? null : callSites!.Of(method, cancellationToken);

        private bool HasUnboundCall(IMethodSymbol method) => callSites!.HasUnboundCall(method, cancellationToken);

        // A caller that does not bind (its group's type is missing: api.MapOrders() on a group built through a package
        // the build cannot see) may add anything, authorization included: it counts as an unseen group.
        private EndpointConventionFacts UnboundCallerFacts(IMethodSymbol owner, out bool first)
        {
            first = !HasUnboundCall(owner);
            return new EndpointConventionFacts { UnseenGroup = !first };
        }

        private static IOperation? ArgumentFor(IInvocationOperation call, IParameterSymbol parameter)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter != null && argument.Parameter.Ordinal == parameter.Ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        // What holds for the endpoint through its callers is what every caller says: one caller that adds no policy
        // (or no authorization) leaves the endpoint without it. An unseen group or AllowAnonymous at any caller counts.
        private static void Meet(ref EndpointConventionFacts all, EndpointConventionFacts site, bool first)
        {
            if (first)
            {
                all = site;
                return;
            }

            all.Policy &= site.Policy;
            all.Authorized &= site.Authorized;
            all.Anonymous |= site.Anonymous;
            all.UnseenGroup |= site.UnseenGroup;
            all.HealthProbe &= site.HealthProbe;
            all.Filtered |= site.Filtered;
        }

        private static void Join(ref EndpointConventionFacts facts, EndpointConventionFacts more)
        {
            facts.Policy |= more.Policy;
            facts.Authorized |= more.Authorized;
            facts.Anonymous |= more.Anonymous;
            facts.UnseenGroup |= more.UnseenGroup;
            facts.HealthProbe |= more.HealthProbe;
            facts.Filtered |= more.Filtered;
        }

        // var products = app.MapGroup("/products"); products.CacheOutput();
        private void ExamineLaterConventions(ILocalSymbol local, IOperation root, ref EndpointConventionFacts facts, int depth, int callers)
        {
            if (Decided(facts, callers))
            {
                return;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is IInvocationOperation invocation
                    && invocation.TargetMethod.IsExtensionMethod
                    && invocation.Arguments.Length > 0
                    && invocation.Arguments[0].Value.WalkDownConversion() is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    ExamineConvention(invocation, types, ref facts);
                    if (depth < MaxDepth && invocation.TargetMethod.Name != "MapGroup" && !IsMap(invocation))
                    {
                        ExamineOuterChain(invocation, root, ref facts, depth + 1, callers);
                    }
                }
                else if (operation is IReturnOperation { ReturnedValue: { } value }
                    && value.WalkDownConversion() is ILocalReferenceOperation returned
                    && SymbolEqualityComparer.Default.Equals(returned.Local, local))
                {
                    // var orders = app.MapGroup("/orders"); ..; return orders;
                    ExamineCallers(value, ref facts, depth, callers);
                }
            }
        }

        }

        // The endpoint's own facts (callers == 0) only ever gain: once they hold a policy, an unseen group or a probe's
        // group, PERF301 stays silent whatever else is found, so the caller search and the later-conventions scan are skipped.
        private static bool Decided(EndpointConventionFacts facts, int callers) => callers == 0 && (facts.Policy || facts.UnseenGroup || facts.HealthProbe);

        private static bool IsMap(IInvocationOperation invocation)
            => invocation.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal);

        private static void ExamineConvention(IInvocationOperation invocation, SemanticContext types, ref EndpointConventionFacts facts)
        {
            var method = invocation.TargetMethod;
            var container = method.ContainingType;
            if (SymbolFacts.Is(container, types.OutputCacheConventions) && method.Name == "CacheOutput")
            {
                facts.Policy = true;
            }
            else if (SymbolFacts.Is(container, types.AuthorizationConventions))
            {
                if (method.Name == "RequireAuthorization")
                {
                    facts.Authorized = true;
                }
                else if (method.Name == "AllowAnonymous")
                {
                    facts.Anonymous = true;
                }
            }
            else if (SymbolFacts.Is(container, types.RoutingConventions) && method.Name == "WithMetadata")
            {
                foreach (var operation in invocation.Descendants())
                {
                    if (operation is IObjectCreationOperation creation)
                    {
                        if (SymbolFacts.IsOrDerivesFrom(creation.Type, types.ResponseCacheAttribute) || SymbolFacts.IsOrDerivesFrom(creation.Type, types.OutputCacheAttribute))
                        {
                            facts.Policy = true;
                        }
                        else if (SymbolFacts.IsOrImplements(creation.Type, types.AllowAnonymous))
                        {
                            facts.Anonymous = true;
                        }
                        else if (SymbolFacts.IsOrImplements(creation.Type, types.AuthorizeData))
                        {
                            facts.Authorized = true;
                        }
                    }
                }
            }
            else if (SymbolFacts.Is(container, types.EndpointFilterExtensions) && method.Name is "AddEndpointFilter" or "AddEndpointFilterFactory")
            {
                if (method.Name == "AddEndpointFilter" && HandlerBodyFacts.DeclaresPolicy(invocation, types))
                {
                    facts.Policy = true;
                }
                else
                {
                    facts.Filtered = true;
                }
            }
            else if (IsApplicationRequirement(method))
            {
                facts.Authorized = true;
            }
        }

        /// <summary>
        /// <c>.RequirePermission(Permissions.Orders.View)</c>, <c>.RequireScope("orders")</c>: a convention of the
        /// application (or a library outside ASP.NET Core) named <c>Require…</c> attaches an access requirement, usually
        /// metadata its own authorization handler reads. ASP.NET Core's own <c>RequireHost</c>, <c>RequireCors</c> and
        /// <c>RequireRateLimiting</c> are not requirements on the caller.
        /// </summary>
        private static bool IsApplicationRequirement(IMethodSymbol method)
            => method.Name.StartsWith("Require", StringComparison.Ordinal) && method.Name.Length > "Require".Length
            && method.ContainingNamespace is { } ns
            && !SymbolFacts.IsWithinNamespace(ns, "Microsoft.AspNetCore") && !SymbolFacts.IsWithinNamespace(ns, "Microsoft.Extensions");

        private static IVariableDeclaratorOperation? FindDeclarator(IOperation root, ILocalSymbol local)
        {
            foreach (var occurrence in OperationTreeIndex.For(root).Occurrences(local))
            {
                if (occurrence is IVariableDeclaratorOperation declarator)
                {
                    return declarator;
                }
            }

            return null;
        }
    }
}
