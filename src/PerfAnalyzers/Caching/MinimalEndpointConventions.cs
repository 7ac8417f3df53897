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

        public static EndpointConventionFacts Collect(IInvocationOperation mapCall, SemanticContext types)
        {
            var facts = default(EndpointConventionFacts);
            var root = Root(mapCall);
            ExamineOuterChain(mapCall, root, types, ref facts, 0);
            if (mapCall.Arguments.Length > 0)
            {
                ExamineBuilder(mapCall.Arguments[0].Value, root, types, ref facts, 0);
            }

            return facts;
        }

        // builder.MapGet(..).CacheOutput().RequireAuthorization(): each outer call receives the inner one as its first argument.
        private static void ExamineOuterChain(IOperation builderCall, IOperation root, SemanticContext types, ref EndpointConventionFacts facts, int depth)
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
                    ExamineLaterConventions(declarator.Symbol, root, types, ref facts, depth);
                }

                return;
            }
        }

        private static void ExamineBuilder(IOperation builder, IOperation root, SemanticContext types, ref EndpointConventionFacts facts, int depth)
        {
            if (depth > MaxDepth)
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

                    ExamineBuilder(invocation.Arguments[0].Value, root, types, ref facts, depth + 1);
                    break;
                case ILocalReferenceOperation local:
                    var declarator = FindDeclarator(root, local.Local);
                    if (declarator?.Initializer != null)
                    {
                        ExamineBuilder(declarator.Initializer.Value, root, types, ref facts, depth + 1);
                    }

                    ExamineLaterConventions(local.Local, root, types, ref facts, depth);
                    break;
                case IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                        when SymbolFacts.Is(builder.Type, types.RouteGroupBuilder):
                    facts.UnseenGroup = true;
                    break;
            }
        }

        // var products = app.MapGroup("/products"); products.CacheOutput();
        private static void ExamineLaterConventions(ILocalSymbol local, IOperation root, SemanticContext types, ref EndpointConventionFacts facts, int depth)
        {
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
                        ExamineOuterChain(invocation, root, types, ref facts, depth + 1);
                    }
                }
            }
        }

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
            else if (SymbolFacts.Is(container, types.EndpointFilterExtensions) && method.Name == "AddEndpointFilter"
                && HandlerBodyFacts.DeclaresPolicy(invocation, types))
            {
                facts.Policy = true;
            }
        }

        private static IVariableDeclaratorOperation? FindDeclarator(IOperation root, ILocalSymbol local)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator;
                }
            }

            return null;
        }

        private static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
