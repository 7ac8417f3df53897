using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Handlers
{
    /// <summary>What kind of request handler a method, lambda or local function is.</summary>
    internal enum RequestHandlerKind
    {
        None,
        ControllerAction,
        RazorPageHandler,
        MinimalApi,
        Middleware,
        HubMethod,
        GrpcMethod,

        /// <summary>A FastEndpoints endpoint class's <c>HandleAsync</c> or <c>ExecuteAsync</c>.</summary>
        EndpointClass,
    }

    /// <summary>
    /// Decides whether code is an ASP.NET Core request handler, as docs/concepts.md#request-handler defines it: a controller action
    /// (class deriving from <c>ControllerBase</c>, marked <c>[Controller]</c>/<c>[ApiController]</c> or named
    /// <c>…Controller</c>; public, non-static, not <c>[NonAction]</c>), a Razor Pages handler (<c>OnGet</c>,
    /// <c>OnPostAsync</c>, …), a minimal-API handler (lambda, local function or method group passed to
    /// <c>Map</c>/<c>MapGet</c>/…/<c>MapMethods</c>/<c>MapFallback</c>), a middleware's <c>Invoke</c>/<c>InvokeAsync</c>
    /// (by convention or <c>IMiddleware</c>), a SignalR <c>Hub</c> method, a gRPC service override, or a FastEndpoints
    /// endpoint class's <c>HandleAsync</c>/<c>ExecuteAsync</c> override.
    /// One per compilation, from <see cref="SemanticContext.Handlers"/>; it is thread-safe and holds no per-callback state.
    /// </summary>
    internal sealed class RequestHandlerModel
    {
        private static readonly string[] MapMethodNameList = { "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback" };

        private static readonly ImmutableHashSet<string> MapMethodNames = ImmutableHashSet.Create(StringComparer.Ordinal, MapMethodNameList);

        private static readonly string[] PageHandlerVerbs = { "Get", "Post", "Put", "Delete", "Patch", "Head", "Options" };

        private static readonly Dictionary<string, List<InvocationExpressionSyntax>> NoMapCalls =
            new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);

        // Per tree, the Map* calls that pass something shaped like a method group, by that method group's name. Read
        // from syntax alone and once per tree: the IDE's compilation after an edit re-reads only the edited tree.
        private static readonly PerTreeFact<Dictionary<string, List<InvocationExpressionSyntax>>> MapCallsByMethodGroupName =
            new PerTreeFact<Dictionary<string, List<InvocationExpressionSyntax>>>(FindMethodGroupCandidates);

        // The trees with such a call, by method group name, carried from one compilation to the next.
        private static readonly TreeIndex TreesByMethodGroupName =
            new TreeIndex((tree, cancellationToken) => MapCallsByMethodGroupName.Get(tree, cancellationToken).Keys);

        private readonly SemanticContext context;
        private readonly ConcurrentDictionary<string, ImmutableHashSet<IMethodSymbol>> methodGroupHandlersByName =
            new ConcurrentDictionary<string, ImmutableHashSet<IMethodSymbol>>(StringComparer.Ordinal);

        // Every rule asks about the method it is in, once per operation: the answer is kept per method, without a lock.
        // Sized to the project: a build creates one model per compilation.
        private readonly AnswerMemo<IMethodSymbol, RequestHandlerKind> handlerKinds;

        private readonly AnswerMemo<INamedTypeSymbol, TypeRoles> typeRoles;

        [Flags]
        private enum TypeRoles
        {
            None = 0,
            Controller = 1,
            PageModel = 2,
            Hub = 4,
            FastEndpoint = 8,
        }

        /// <summary>Created by <see cref="SemanticContext.Handlers"/>, once per compilation.</summary>
        internal RequestHandlerModel(SemanticContext context)
        {
            this.context = context;
            handlerKinds = new AnswerMemo<IMethodSymbol, RequestHandlerKind>(
                AnswerMemo<IMethodSymbol, RequestHandlerKind>.SlotsFor(context.Compilation, slotsPerTree: 16, maxSlots: 2048), SymbolEqualityComparer.Default);
            typeRoles = new AnswerMemo<INamedTypeSymbol, TypeRoles>(
                AnswerMemo<INamedTypeSymbol, TypeRoles>.SlotsFor(context.Compilation, slotsPerTree: 4, maxSlots: 512), SymbolEqualityComparer.Default);
        }

        /// <summary>True when <paramref name="method"/> (an ordinary method, not a local function) is a request handler.</summary>
        public bool IsRequestHandler(IMethodSymbol method) => GetHandlerKind(method) != RequestHandlerKind.None;

        /// <summary>
        /// The kind of handler an ordinary method is. A minimal-API method group is recognised when a <c>Map*</c> call
        /// passes a method group of the same name (a syntactic index, kept per tree) and binding that call confirms it;
        /// only calls naming the method are bound, once per compilation, and only when no cheaper kind matched.
        /// </summary>
        public RequestHandlerKind GetHandlerKind(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is null)
            {
                return RequestHandlerKind.None;
            }

            var definition = method.OriginalDefinition;
            return handlerKinds.TryGetValue(definition, out var known) ? known : handlerKinds.Store(definition, ComputeHandlerKind(definition));
        }

        private RequestHandlerKind ComputeHandlerKind(IMethodSymbol method)
        {
            var type = method.ContainingType;

            if (!method.IsStatic && method.DeclaredAccessibility == Accessibility.Public && !method.IsGenericMethod)
            {
                var roles = RolesOf(type);
                if ((roles & TypeRoles.Controller) != 0 && IsAction(method))
                {
                    return RequestHandlerKind.ControllerAction;
                }

                if ((roles & TypeRoles.PageModel) != 0 && IsPageHandler(method))
                {
                    return RequestHandlerKind.RazorPageHandler;
                }

                if (IsMiddlewareInvoke(type, method))
                {
                    return RequestHandlerKind.Middleware;
                }

                if ((roles & TypeRoles.Hub) != 0 && IsHubMethod(method))
                {
                    return RequestHandlerKind.HubMethod;
                }

                if (IsGrpcOverride(method))
                {
                    return RequestHandlerKind.GrpcMethod;
                }

                if ((roles & TypeRoles.FastEndpoint) != 0 && IsEndpointClassHandler(method))
                {
                    return RequestHandlerKind.EndpointClass;
                }
            }

            return IsMethodGroupHandler(method) ? RequestHandlerKind.MinimalApi : RequestHandlerKind.None;
        }

        /// <summary>True when the lambda is passed to a <c>Map*</c> endpoint call.</summary>
        public bool IsMinimalApiHandler(IAnonymousFunctionOperation lambda) => IsPassedToMap(lambda);

        /// <summary>
        /// Middleware written inline: the <c>Use</c>, <c>Run</c>, <c>UseWhen</c> or <c>MapWhen</c> call of
        /// <c>Microsoft.AspNetCore.Builder</c> the lambda is passed to (<c>app.Use(async (context, next) =&gt; ..)</c>,
        /// <c>app.Run(async context =&gt; ..)</c>); null when it is passed to none.
        /// </summary>
        public static IInvocationOperation? InlineMiddlewareCall(IAnonymousFunctionOperation lambda)
        {
            IOperation current = lambda;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Use" or "Run" or "UseWhen" or "MapWhen" } call }
                && SymbolFacts.IsNamespace(call.TargetMethod.ContainingNamespace, "Microsoft.AspNetCore.Builder")
                ? call
                : null;
        }

        /// <summary>
        /// True when the local function is passed as a method group to a <c>Map*</c> call in the body that declares it.
        /// </summary>
        public bool IsMinimalApiHandler(ILocalFunctionOperation localFunction)
        {
            foreach (var reference in localFunction.MethodGroupUses())
            {
                if (IsPassedToMap(reference))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is a controller (see <see cref="SemanticContext.IsController"/>).</summary>
        public bool IsController(INamedTypeSymbol type) => (RolesOf(type) & TypeRoles.Controller) != 0;

        private bool IsAction(IMethodSymbol method)
            => !method.IsAbstract
            && !SymbolFacts.HasAttribute(method, context.NonActionAttribute, inherit: false)
            && !OverridesFrameworkMethod(method)
            && !IsDispose(method);

        /// <summary>What a type's methods may be handlers of, kept per type: every public method of a type asks.</summary>
        private TypeRoles RolesOf(INamedTypeSymbol type)
        {
            if (typeRoles.TryGetValue(type, out var known))
            {
                return known;
            }

            var roles = TypeRoles.None;
            if (context.IsController(type))
            {
                roles |= TypeRoles.Controller;
            }

            if (SymbolFacts.DerivesFrom(type, context.PageModel))
            {
                roles |= TypeRoles.PageModel;
            }

            if (DerivesFromHub(type))
            {
                roles |= TypeRoles.Hub;
            }

            if (context.IsFastEndpointsEndpoint(type))
            {
                roles |= TypeRoles.FastEndpoint;
            }

            return typeRoles.Store(type, roles);
        }

        /// <summary>
        /// <c>public override async Task HandleAsync(GetOrder req, CancellationToken ct)</c>, or <c>ExecuteAsync</c>, which
        /// returns the response: the methods FastEndpoints calls for each request (docs/concepts.md#request-handler). The
        /// method it overrides must be FastEndpoints' own, not an application base class's helper of the same name.
        /// </summary>
        private static bool IsEndpointClassHandler(IMethodSymbol method)
        {
            if (!method.IsOverride || method.Name is not ("HandleAsync" or "ExecuteAsync"))
            {
                return false;
            }

            return SymbolFacts.IsNamespace(FirstDeclaration(method).ContainingType?.ContainingNamespace, "FastEndpoints");
        }

        /// <summary>
        /// <c>await Send.OkAsync(orders, ct)</c> in a FastEndpoints handler, <c>ResponseAsync</c> and <c>CreatedAtAsync</c>, or
        /// the older <c>SendAsync</c>/<c>SendOkAsync</c>/<c>SendCreatedAtAsync</c> of the endpoint base: they serialise the
        /// value they are given as the response, as returning it from a controller action does.
        /// </summary>
        public static bool IsFastEndpointsSend(IMethodSymbol method)
            => method.Name is "OkAsync" or "ResponseAsync" or "CreatedAtAsync" or "SendAsync" or "SendOkAsync" or "SendCreatedAtAsync"
            && SymbolFacts.IsNamespace(method.ContainingType?.ContainingNamespace, "FastEndpoints");

        private bool IsPageHandler(IMethodSymbol method)
        {
            if (!method.Name.StartsWith("On", StringComparison.Ordinal)
                || SymbolFacts.HasAttribute(method, context.NonHandlerAttribute, inherit: false) || OverridesFrameworkMethod(method))
            {
                return false;
            }

            foreach (var verb in PageHandlerVerbs)
            {
                if (string.CompareOrdinal(method.Name, 2, verb, 0, verb.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsMiddlewareInvoke(INamedTypeSymbol type, IMethodSymbol method)
        {
            if (method.Name != "Invoke" && method.Name != "InvokeAsync")
            {
                return false;
            }

            if (context.Middleware != null)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented, context.Middleware) && method.Name == "InvokeAsync")
                    {
                        return true;
                    }
                }
            }

            // Convention-based middleware: Invoke(Async)(HttpContext, …) returning Task.
            return method.Parameters.Length > 0
                && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, context.HttpContext)
                && SymbolEqualityComparer.Default.Equals(method.ReturnType, context.Task);
        }

        private bool IsHubMethod(IMethodSymbol method) => !IsDispose(method) && !OverridesObjectMethod(method);

        private bool DerivesFromHub(INamedTypeSymbol type)
        {
            if (context.Hub == null)
            {
                return false;
            }

            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, context.Hub)
                    || SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, context.HubOfT))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsGrpcOverride(IMethodSymbol method)
        {
            if (context.BindServiceMethodAttribute == null || !method.IsOverride)
            {
                return false;
            }

            return method.OverriddenMethod is { } overridden
                && SymbolFacts.HasAttribute(FirstDeclaration(overridden).ContainingType, context.BindServiceMethodAttribute, inherit: false);
        }

        private bool IsPassedToMap(IOperation operation)
        {
            var current = operation.Parent;
            while (current is IDelegateCreationOperation || current is IConversionOperation)
            {
                current = current.Parent;
            }

            return current is IArgumentOperation { Parent: IInvocationOperation invocation } && IsMapCall(invocation.TargetMethod);
        }

        private bool IsMapCall(IMethodSymbol method)
            => MapMethodNames.Contains(method.Name)
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, context.EndpointRouteBuilderExtensions);

        private bool IsMethodGroupHandler(IMethodSymbol method)
            => context.EndpointRouteBuilderExtensions != null
            && methodGroupHandlersByName.GetOrAdd(method.Name, BindMethodGroupHandlers).Contains(method.OriginalDefinition);

        /// <summary>The methods named <paramref name="name"/> that a <c>Map*</c> call passes as a method group.</summary>
        private ImmutableHashSet<IMethodSymbol> BindMethodGroupHandlers(string name)
        {
            var result = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var tree in TreesByMethodGroupName.TreesWith(context.Compilation, name, CancellationToken.None))
            {
                // Another tree than the one being analysed: only its Map* calls that pass this name are bound, once per compilation.
#pragma warning disable RS1030
                var model = context.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var invocation in MapCallsByMethodGroupName.Get(tree, CancellationToken.None)[name])
                {
                    AddMethodGroupHandlers(model, invocation, name, result);
                }
            }

            return result.ToImmutable();
        }

        private void AddMethodGroupHandlers(SemanticModel model, InvocationExpressionSyntax invocation, string name, ImmutableHashSet<IMethodSymbol>.Builder result)
        {
            if (model.GetOperation(invocation) is not IInvocationOperation operation || !IsMapCall(operation.TargetMethod))
            {
                return;
            }

            foreach (var argument in operation.Arguments)
            {
                var value = argument.Value;
                while (value is IConversionOperation or IDelegateCreationOperation)
                {
                    value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
                }

                if (value is IMethodReferenceOperation reference && reference.Method.MethodKind == MethodKind.Ordinary && reference.Method.Name == name)
                {
                    result.Add(reference.Method.OriginalDefinition);
                }
            }
        }

        /// <summary>
        /// <c>app.MapGet("/x", Handlers.Get)</c>-shaped calls: a non-generic <c>Map*</c> name, a pattern and at least one
        /// argument shaped like a method group. A mapper's <c>mapper.Map&lt;Dto&gt;(entity)</c> is not such a call.
        /// </summary>
        private static Dictionary<string, List<InvocationExpressionSyntax>> FindMethodGroupCandidates(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // Only trees whose text invokes a Map* name are read: most files are skipped without building their syntax
            // nodes, including those that call a mapper's Map<T>(..) (a generic name, never a Map* endpoint call here).
            if (!InvokedNames.MayInvokeAny(tree, MapMethodNameList, cancellationToken))
            {
                return NoMapCalls;
            }

            // Then only the places the text spells a Map* name are read, not the whole tree.
            Dictionary<string, List<InvocationExpressionSyntax>>? result = null;
            foreach (var mapName in MapMethodNameList)
            {
                if (!InvokedNames.MayInvokePlain(tree, mapName, cancellationToken))
                {
                    continue;
                }

                foreach (var invocation in InvocationSearch.Find(tree, mapName, cancellationToken))
                {
                    if (invocation.ArgumentList.Arguments.Count < 2
                        || invocation.Expression is not (MemberAccessExpressionSyntax { Name: IdentifierNameSyntax } or IdentifierNameSyntax))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        var methodGroupName = GetName(argument.Expression);
                        if (methodGroupName.Length == 0)
                        {
                            continue;
                        }

                        result ??= new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);
                        if (!result.TryGetValue(methodGroupName, out var calls))
                        {
                            result.Add(methodGroupName, calls = new List<InvocationExpressionSyntax>());
                        }

                        if (!calls.Contains(invocation))
                        {
                            calls.Add(invocation);
                        }
                    }
                }
            }

            return result ?? NoMapCalls;
        }

        /// <summary>The simple name of <c>Name</c>, <c>Type.Name</c> or <c>Name&lt;T&gt;</c>; empty for anything else.</summary>
        private static string GetName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => string.Empty,
        };

        private static bool IsDispose(IMethodSymbol method)
            => (method.Name == "Dispose" && method.Parameters.Length == 0) || (method.Name == "DisposeAsync" && method.Parameters.Length == 0);

        /// <summary>
        /// True for overrides of a framework virtual (<c>ToString</c>, <c>Controller.OnActionExecuting</c>, …):
        /// ASP.NET Core does not route to those.
        /// </summary>
        private static bool OverridesFrameworkMethod(IMethodSymbol method)
        {
            var root = FirstDeclaration(method);
            return !SymbolEqualityComparer.Default.Equals(root, method) && (root.ContainingType.SpecialType == SpecialType.System_Object || root.Locations.Length == 0 || root.Locations[0].IsInMetadata);
        }

        private static bool OverridesObjectMethod(IMethodSymbol method)
            => FirstDeclaration(method).ContainingType.SpecialType == SpecialType.System_Object;

        /// <summary>The method an override chain starts from (the method itself when it overrides nothing).</summary>
        private static IMethodSymbol FirstDeclaration(IMethodSymbol method)
        {
            var root = method;
            while (root.OverriddenMethod is { } overridden)
            {
                root = overridden;
            }

            return root;
        }
    }
}
