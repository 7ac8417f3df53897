using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// PERF301: a GET/HEAD endpoint (controller action or <c>MapGet</c> handler) that returns data but states no
    /// caching policy anywhere it could be stated: on the action, controller or base class, the endpoint's
    /// conventions and route groups, its own body, or a global policy in the same compilation.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF301GetWithoutCachingPolicyAnalyzer : DiagnosticAnalyzer
    {
        public const string KindProperty = "Kind";
        public const string PrivateProperty = "Private";
        public const string DurationProperty = "Duration";
        public const string ControllerKind = "Controller";
        public const string MinimalKind = "Minimal";
        public const string EndpointClassKind = "EndpointClass";

        /// <summary>
        /// The second message argument for an endpoint that does not itself read the caller's identity. It may still
        /// build its response from it through a service it calls: the analyzer does not read callees (the code fix does
        /// when it is applied), so the advice says what to do then.
        /// </summary>
        public const string SharedAdvice = "cache it (privately if the response depends on who is asking) or mark it as not cacheable";

        /// <summary>The second message argument for an endpoint that reads the caller's identity itself: a shared cache would serve one caller's data to another.</summary>
        public const string PersonalAdvice = "it reads the caller's identity, so cache it privately (private) or mark it as not cacheable (no-store), never in a shared cache";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF301GetWithoutCachingPolicy);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                // A test project (stand-in services included) serves no real traffic to cache.
                if (types.HttpResult == null || (types.ControllerBase == null && types.EndpointRouteBuilderExtensions == null) || types.IsTestProject)
                {
                    return;
                }

                var globals = new CompilationFact<GlobalEndpointPolicies>(cancellationToken => GlobalEndpointPolicies.Find(types, cancellationToken));
                var options = new PerTreeOptions<Perf301Options>(start.Options, Perf301Options.Parse);
                var handlers = types.Handlers;
                if (handlers != null && ((types.ControllerBase != null && types.HttpGetAttribute != null) || types.FastEndpointsBaseEndpoint != null))
                {
                    start.RegisterOperationBlockAction(block => AnalyzeAction(block, types, handlers, globals, options));
                }

                if (types.EndpointRouteBuilderExtensions != null)
                {
                    var callSites = new MethodCallSites(start.Compilation);
                    start.RegisterOperationAction(operation => AnalyzeMapGet(operation, types, globals, options, callSites), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeAction(OperationBlockAnalysisContext context, SemanticContext types, RequestHandlerModel handlers, CompilationFact<GlobalEndpointPolicies> globals, PerTreeOptions<Perf301Options> perTree)
        {
            if (context.OwningSymbol is IMethodSymbol { IsOverride: true, Name: "HandleAsync" or "ExecuteAsync" } endpointHandler && types.FastEndpointsBaseEndpoint != null)
            {
                AnalyzeEndpointClass(context, endpointHandler, types, handlers, globals, perTree);
                return;
            }

            if (context.OwningSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } method
                || types.HttpGetAttribute == null
                || !IsGetAction(method, types)
                || !handlers.IsController(method.ContainingType)
                || SymbolFacts.HasAttribute(method, types.NonActionAttribute)
                || method.DeclaringSyntaxReferences.Length == 0)
            {
                return;
            }

            var options = perTree.Get(context.FilterTree);
            if (options.EnabledFor == "minimal" || HasPolicyAttribute(method, types) || HealthProbes.IsProbeAction(method)
                || ControllerFilterWritesCacheControl(method.ContainingType, types))
            {
                return;
            }

            var stated = StatedAuthorization(method, types);
            if (stated == true && !options.IncludeAuthorized)
            {
                return;
            }

            foreach (var block in context.OperationBlocks)
            {
                if (HandlerBodyFacts.DeclaresPolicy(block, types))
                {
                    return;
                }
            }

            var body = MethodBodyBlock(context.OperationBlocks);
            if (!HandlerBodyFacts.ReturnsData(method, body, types) || globals.Get(context.CancellationToken).AllEndpoints || globals.Get(context.CancellationToken).Controllers
                || globals.Get(context.CancellationToken).CoversRoute(HealthProbes.AttributeRoute(method))
                || ReturnsThroughProbeAction(method, body, types))
            {
                return;
            }

            // Nothing stated on the action or its controller: a global AuthorizeFilter or fallback policy decides.
            var authorized = stated ?? (globals.Get(context.CancellationToken).ControllersRequireAuthorization || globals.Get(context.CancellationToken).AllEndpointsRequireAuthorization);
            if (authorized && !options.IncludeAuthorized)
            {
                return;
            }

            if (method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration
                && !HandlerBodyFacts.ReturnsThroughPolicyHelper(body, types)
                && !HandlerBodyFacts.CallsPolicySetter(method, body, types)
                && !HealthProbes.ChecksTheDatabase(body)
                && !IsAuthenticatedInBody(ref authorized, body, types, options, context.CancellationToken))
            {
                var personal = CallerIdentityReads.ReadsIdentityItself(method, body, types);
                context.ReportOutsideGeneratedCode(Create(declaration.Identifier.GetLocation(), method.Name, ControllerKind, authorized, personal, options));
            }
        }

        /// <summary>
        /// A FastEndpoints endpoint class answering GET (docs/rules/PERF301.md, "FastEndpoints endpoint classes"): read
        /// from its <c>Configure()</c>. FastEndpoints requires authorization unless the endpoint
        /// calls <c>AllowAnonymous()</c>, so by default only anonymous endpoints are reported. Reported on the handler's
        /// name, with the route (or else the class's name) in the message.
        /// </summary>
        private static void AnalyzeEndpointClass(OperationBlockAnalysisContext context, IMethodSymbol method, SemanticContext types, RequestHandlerModel handlers, CompilationFact<GlobalEndpointPolicies> globals, PerTreeOptions<Perf301Options> perTree)
        {
            var options = perTree.Get(context.FilterTree);
            var body = MethodBodyBlock(context.OperationBlocks);
            if (options.EnabledFor == "controllers" || body?.SemanticModel is not { } model
                || handlers.GetHandlerKind(method) != RequestHandlerKind.EndpointClass
                || HasPolicyAttribute(method, types))
            {
                return;
            }

            var endpoint = method.ContainingType;
            var configuration = FastEndpointsConfiguration.Read(endpoint, model, types, context.CancellationToken);
            if (configuration is not { IsGet: true, Policy: false, Unseen: false }
                || HealthProbes.IsProbeRoute(configuration.Route, wholeRoute: true))
            {
                return;
            }

            var authorized = !configuration.Anonymous || SymbolFacts.HasAttributeImplementing(endpoint, types.AuthorizeData);
            if ((authorized && !options.IncludeAuthorized)
                || !FastEndpointsConfiguration.SendsBody(endpoint, body)
                || HandlerBodyFacts.DeclaresPolicy(body, types))
            {
                return;
            }

            var globalPolicies = globals.Get(context.CancellationToken);
            if (globalPolicies.AllEndpoints || globalPolicies.FastEndpoints || globalPolicies.CoversRoute(configuration.Route)
                || HandlerBodyFacts.CallsPolicySetter(method, body, types) || HealthProbes.ChecksTheDatabase(body)
                || FastEndpointsConfiguration.HandlerLocation(method, context.CancellationToken) is not { } location)
            {
                return;
            }

            var personal = CallerIdentityReads.ReadsIdentityItself(method, body, types);
            // The route names the endpoint better than its class, which vertical slices often all call Endpoint.
            context.ReportOutsideGeneratedCode(Create(location, configuration.Route ?? endpoint.Name, EndpointClassKind, authorized, personal, options));
        }

        private static void AnalyzeMapGet(OperationAnalysisContext context, SemanticContext types, CompilationFact<GlobalEndpointPolicies> globals, PerTreeOptions<Perf301Options> perTree, MethodCallSites callSites)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name != "MapGet" || !SymbolFacts.Is(method.ContainingType, types.EndpointRouteBuilderExtensions))
            {
                return;
            }

            var options = perTree.Get(invocation.Syntax.SyntaxTree);
            if (options.EnabledFor == "controllers" || !TryGetHandler(invocation, out var handler, out var body, context.CancellationToken))
            {
                return;
            }

            if (HasPolicyAttribute(handler, types) || HealthProbes.IsProbeRoute(Pattern(invocation), wholeRoute: !MappedOnGroup(invocation, types)) || HealthProbes.RunsHealthChecks(handler)
                || HandlerBodyFacts.DeclaresPolicy(body, types))
            {
                return;
            }

            var facts = MinimalEndpointConventions.Collect(invocation, types, callSites, context.CancellationToken);
            if (facts.Policy || facts.UnseenGroup || facts.HealthProbe)
            {
                return;
            }

            // A fallback authorization policy applies to every endpoint that states nothing about authorization.
            var authorized = (facts.Authorized || SymbolFacts.HasAttributeImplementing(handler, types.AuthorizeData)
                    || globals.Get(context.CancellationToken).AllEndpointsRequireAuthorization)
                && !facts.Anonymous && !SymbolFacts.HasAttributeImplementing(handler, types.AllowAnonymous);
            if ((authorized && !options.IncludeAuthorized) || !HandlerBodyFacts.ReturnsData(handler, body, types) || globals.Get(context.CancellationToken).AllEndpoints
                || globals.Get(context.CancellationToken).CoversRoute(MappedOnGroup(invocation, types) ? null : Pattern(invocation)))
            {
                return;
            }

            if (HandlerBodyFacts.ReturnsThroughPolicyHelper(body, types) || HealthProbes.ChecksTheDatabase(body)
                || IsAuthenticatedInBody(ref authorized, body, types, options, context.CancellationToken))
            {
                return;
            }

            var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.GetLocation()
                : invocation.Syntax.GetLocation();
            var personal = CallerIdentityReads.ReadsIdentityItself(handler, body, types);
            context.ReportOutsideGeneratedCode(Create(location, Describe(invocation), MinimalKind, authorized, personal, options));
        }

        /// <summary>
        /// A handler nothing else authorizes that authenticates its caller itself before anything else
        /// (<see cref="ImperativeAuthentication"/>) requires authorization: silent by default, reported with the private
        /// policy under <c>include_authorized</c>. Asked last, for a handler about to be reported, as it binds the
        /// bodies of the methods the handler calls first.
        /// </summary>
        private static bool IsAuthenticatedInBody(ref bool authorized, IOperation? body, SemanticContext types, Perf301Options options, CancellationToken cancellationToken)
        {
            if (authorized || !ImperativeAuthentication.AuthenticatesFirst(body, types, cancellationToken))
            {
                return false;
            }

            authorized = true;
            return !options.IncludeAuthorized;
        }

        /// <summary>
        /// The block that is the method's body. An operation block action also receives the operations of the
        /// method's attributes (on the method and on its parameters, e.g. <c>[FromQuery]</c>) and of parameter default
        /// values, in no promised order: the body is never simply the first block.
        /// </summary>
        internal static IOperation? MethodBodyBlock(ImmutableArray<IOperation> blocks)
        {
            foreach (var block in blocks)
            {
                if (block is IMethodBodyOperation or IBlockOperation)
                {
                    return block;
                }
            }

            return null;
        }

        // A personalised endpoint (it reads the caller's identity) may only be cached privately or not at all: the
        // "Private" property makes every fix emit a client-only policy, and the message says why. Without it the fix
        // still reads the members the handler calls before it writes a policy (docs/rules/PERF301.md). Returns the
        // diagnostic rather than taking a reporting delegate: a lambda over the analysis context would be allocated on
        // every call of the callbacks, reported or not.
        private static Diagnostic Create(Location location, string name, string kind, bool authorized, bool personal, Perf301Options options)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, kind)
                .Add(PrivateProperty, authorized || personal ? "true" : "false")
                .Add(DurationProperty, options.DefaultDuration.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Diagnostic.Create(Descriptors.PERF301GetWithoutCachingPolicy, location, properties, name, personal ? PersonalAdvice : SharedAdvice);
        }

        private static string Describe(IInvocationOperation mapGet) => Pattern(mapGet) ?? "MapGet";

        private static bool MappedOnGroup(IInvocationOperation mapGet, SemanticContext types)
            => mapGet.Arguments.Length > 0 && SymbolFacts.Is(mapGet.Arguments[0].Value.WalkDownConversion().Type, types.RouteGroupBuilder);

        /// <summary>The route pattern of a <c>MapGet</c> call when it is a constant.</summary>
        private static string? Pattern(IInvocationOperation mapGet)
        {
            foreach (var argument in mapGet.Arguments)
            {
                if (argument.Parameter?.Name == "pattern" && argument.Value.ConstantValue is { HasValue: true, Value: string pattern })
                {
                    return pattern;
                }
            }

            return null;
        }

        /// <summary>The handler of a <c>MapGet</c> call (a lambda or a method group) and its body.</summary>
        internal static bool TryGetHandler(IInvocationOperation mapGet, out IMethodSymbol handler, out IOperation? body, CancellationToken cancellationToken)
        {
            handler = null!;
            body = null;
            foreach (var argument in mapGet.Arguments)
            {
                if (argument.Parameter?.Name != "handler" || argument.Value.WalkDownConversion() is not IDelegateCreationOperation creation)
                {
                    continue;
                }

                switch (creation.Target)
                {
                    case IAnonymousFunctionOperation lambda:
                        handler = lambda.Symbol;
                        body = lambda.Body;
                        return true;
                    case IMethodReferenceOperation reference:
                        handler = reference.Method;
                        // A handler method declared in another file: its body decides whether it returns data or sets headers.
                        body = reference.Method.DeclaringSyntaxReferences.Length > 0 && mapGet.SemanticModel is { } model
                            ? HandlerBodyFacts.BindDeclaration(reference.Method.DeclaringSyntaxReferences[0], model, cancellationToken)
                            : null;
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An alias of a probe: every value the action returns is the result of a probe action of its own controller
        /// (<c>[HttpGet("~/now")] GetNow() => GetAlive();</c> next to <c>[HttpGet("~/alive")] GetAlive()</c>). It answers
        /// exactly what the probe answers, at the moment it is asked, so it is a probe too (docs/rules/PERF301.md,
        /// "Health probes"). Only the returned calls are read, never another method's body.
        /// </summary>
        private static bool ReturnsThroughProbeAction(IMethodSymbol action, IOperation? body, SemanticContext types)
        {
            if (body == null)
            {
                return false;
            }

            var values = new System.Collections.Generic.List<IOperation>();
            HandlerBodyFacts.CollectReturnedValues(body, values);
            foreach (var returned in values)
            {
                var value = returned.WalkDownConversion();
                if (value is IAwaitOperation awaited)
                {
                    value = awaited.Operation.WalkDownConversion();
                }

                if (value is not IInvocationOperation { Instance: null or IInstanceReferenceOperation } call
                    || SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, action.OriginalDefinition)
                    || !SymbolFacts.IsOrDerivesFrom(action.ContainingType, call.TargetMethod.ContainingType)
                    || !IsGetAction(call.TargetMethod, types)
                    || !HealthProbes.IsProbeAction(call.TargetMethod))
                {
                    return false;
                }
            }

            return values.Count > 0;
        }

        private static bool IsGetAction(IMethodSymbol method, SemanticContext types)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolFacts.IsOrDerivesFrom(attribute.AttributeClass, types.HttpGetAttribute) || SymbolFacts.IsOrDerivesFrom(attribute.AttributeClass, types.HttpHeadAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasPolicyAttribute(IMethodSymbol method, SemanticContext types)
        {
            for (var current = method; current != null; current = current.OverriddenMethod)
            {
                if (SymbolFacts.HasAttribute(current, types.ResponseCacheAttribute) || SymbolFacts.HasAttribute(current, types.OutputCacheAttribute) || HasCustomCachingAttribute(current))
                {
                    return true;
                }
            }

            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                if (SymbolFacts.HasAttribute(type, types.ResponseCacheAttribute) || SymbolFacts.HasAttribute(type, types.OutputCacheAttribute) || HasCustomCachingAttribute(type))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] ControllerFilterMethods = { "OnActionExecuting", "OnActionExecuted", "OnActionExecutionAsync", "OnResultExecuting" };

        /// <summary>
        /// The controller or a base controller declared in source overrides a filter method of MVC's <c>Controller</c>
        /// (<c>OnActionExecuting</c> and the like) that writes the response's <c>Cache-Control</c>: every action of the
        /// class states that policy (a video-hearings site's <c>BaseNoCacheController</c> sends <c>no-cache, no-store</c>;
        /// the fix's 60-second cache would have replaced it). Read from syntax, only for a GET action about to be judged.
        /// </summary>
        private static bool ControllerFilterWritesCacheControl(INamedTypeSymbol controller, SemanticContext types)
        {
            foreach (var filter in ControllerFilterOverrides.Of(controller, ControllerFilterMethods, types.IsDeclaredInCompilation))
            {
                if (filter.IsOverride && GlobalEndpointPolicies.CacheControlScope(DeclarationSyntax.BodiesOf(filter)) != null)
                {
                    return true;
                }
            }

            return false;
        }

        // A caching attribute of the application's own or of a third-party library ([Cached(600)] backed by a
        // distributed cache, [HttpCacheExpiration] from a header library): its name says it states a policy, which
        // the rule cannot read further. Attributes of ASP.NET Core itself are recognised by type above.
        private static bool HasCustomCachingAttribute(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass
                    && attributeClass.Name.IndexOf("Cache", StringComparison.Ordinal) >= 0
                    && !SymbolFacts.IsWithinNamespace(attributeClass.ContainingNamespace, "Microsoft.AspNetCore"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What the action and its controllers state: true for <c>[Authorize]</c> or an application's authorization filter
        /// attribute (<see cref="AuthorizationFilterAttributes"/>), false for <c>[AllowAnonymous]</c>
        /// (which wins), null when neither says anything and a global filter or fallback policy decides
        /// (<see cref="GlobalEndpointPolicies"/>).
        /// </summary>
        private static bool? StatedAuthorization(IMethodSymbol method, SemanticContext types)
        {
            var authorized = SymbolFacts.HasAttributeImplementing(method, types.AuthorizeData) || AuthorizationFilterAttributes.Requires(method, types);
            if (SymbolFacts.HasAttributeImplementing(method, types.AllowAnonymous))
            {
                return false;
            }

            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                if (SymbolFacts.HasAttributeImplementing(type, types.AllowAnonymous))
                {
                    return false;
                }

                authorized |= SymbolFacts.HasAttributeImplementing(type, types.AuthorizeData) || AuthorizationFilterAttributes.Requires(type, types);
            }

            return authorized ? true : null;
        }
    }

    internal sealed class Perf301Options
    {
        private Perf301Options(string enabledFor, bool includeAuthorized, int defaultDuration)
        {
            EnabledFor = enabledFor;
            IncludeAuthorized = includeAuthorized;
            DefaultDuration = defaultDuration;
        }

        /// <summary>controllers, minimal or all.</summary>
        public string EnabledFor { get; }

        public bool IncludeAuthorized { get; }

        public int DefaultDuration { get; }

        public static Perf301Options Parse(AnalyzerConfigOptions options) => new Perf301Options(
            PerfOptions.GetChoice(PerfOptions.GetRaw(options, DiagnosticIds.GetWithoutCachingPolicy, "enabled_for"), "all", "controllers", "minimal", "all"),
            PerfOptions.GetBool(options, DiagnosticIds.GetWithoutCachingPolicy, "include_authorized", false),
            PerfOptions.GetInt(options, DiagnosticIds.GetWithoutCachingPolicy, "default_duration", 60, 1, 31536000));
    }
}
