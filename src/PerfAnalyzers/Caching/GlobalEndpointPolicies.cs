using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// Policies registered once for a whole application, when the registration is in the same compilation.
    /// Caching: an output-cache base policy (<c>AddOutputCache(o => o.AddBasePolicy(..))</c>, every endpoint), a global
    /// MVC filter (<c>options.Filters.Add(new ResponseCacheAttribute ..)</c>, controllers), and a call named
    /// <c>UseHttpCacheHeaders</c> (the Marvin.Cache.Headers middleware, which writes Cache-Control and ETag on every
    /// response; matched by name, wherever it is declared, like PERF405's compression calls) or <c>UseNoCacheHttpHeaders</c>
    /// (NWebsec's, which marks every response not cacheable), and a middleware of the
    /// application that writes <c>Cache-Control</c>, registered with <c>UseMiddleware</c> or written in place with
    /// <c>app.Use(..)</c>; FastEndpoints' global configurator when it states a policy for every endpoint class (<see cref="FastEndpoints"/>).
    /// Authorization (docs/rules/PERF301.md, "What is not flagged"): a global MVC filter
    /// (<c>options.Filters.Add(new AuthorizeFilter(..))</c>) or <c>MapControllers().RequireAuthorization()</c>, every
    /// controller action, and a fallback policy (<c>options.FallbackPolicy = ..</c> on <c>AuthorizationOptions</c>, or
    /// <c>AddAuthorizationBuilder().SetFallbackPolicy(..)</c> or <c>.AddFallbackPolicy(name, ..)</c>: every endpoint without
    /// authorization data), and an application model convention that authorizes every controller
    /// (<c>options.Conventions.Add(new AuthorizeControllerModelConvention(..))</c>, <see cref="AuthorizingConvention"/>).
    /// The candidate nodes are found from syntax once per tree; only they are bound, once per compilation.
    /// </summary>
    internal sealed class GlobalEndpointPolicies
    {
        private static readonly PerTreeFact<ExpressionSyntax[]> Candidates = new PerTreeFact<ExpressionSyntax[]>(FindCandidates);

        // The trees with candidate nodes, carried from one compilation to the next: an edit reads only the edited tree.
        private static readonly PerTreeFlag HasCandidates = new PerTreeFlag((tree, cancellationToken) => Candidates.Get(tree, cancellationToken).Length > 0);

        /// <summary>Every endpoint has a caching policy.</summary>
        public bool AllEndpoints { get; private set; }

        // Path prefixes under which a middleware of the application writes Cache-Control (api for "/api").
        private List<string>? pathPrefixes;

        /// <summary>
        /// A middleware writes <c>Cache-Control</c> on the responses under a path prefix, and <paramref name="route"/> is
        /// under one, or is not known (a conventional route, a route group's endpoint): silent rather than wrong.
        /// </summary>
        public bool CoversRoute(string? route)
        {
            if (pathPrefixes == null)
            {
                return false;
            }

            if (route == null)
            {
                return true;
            }

            var path = route.TrimStart('~', '/');
            foreach (var prefix in pathPrefixes)
            {
                if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (path.Length == prefix.Length || path[prefix.Length] == '/' || prefix.EndsWith("/", StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Every FastEndpoints endpoint has a caching policy, or may: the global configurator
        /// (<c>app.UseFastEndpoints(c =&gt; c.Endpoints.Configurator = ep =&gt; ..)</c>) calls a method named for a cache
        /// (<c>ep.ResponseCache(60)</c>), adds a processor of the application that writes <c>Cache-Control</c>, or calls a
        /// helper of the application, which the rule does not read.
        /// </summary>
        public bool FastEndpoints { get; private set; }

        /// <summary>Every controller action has a caching policy.</summary>
        public bool Controllers { get; private set; }

        /// <summary>Every controller action requires authorization unless it allows anonymous callers.</summary>
        public bool ControllersRequireAuthorization { get; private set; }

        /// <summary>Every endpoint requires authorization unless it allows anonymous callers (a fallback policy).</summary>
        public bool AllEndpointsRequireAuthorization { get; private set; }

        /// <summary>
        /// A middleware of the application registered with <c>UseMiddleware</c> reads the request's headers and can end the
        /// request without calling the next one: an API-key or tenant check the rule does not count as authorization.
        /// The response then depends on what the caller sent, so the code fix caches privately (docs/rules/PERF301.md,
        /// "How to fix"); the diagnostic does not change.
        /// </summary>
        public bool RequestsGatedByMiddleware { get; private set; }

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

                    if (syntax is InvocationExpressionSyntax convention && AuthorizingConvention(convention, model, types, cancellationToken))
                    {
                        result.ControllersRequireAuthorization = true;
                        continue;
                    }

                    switch (model.GetOperation(syntax, cancellationToken))
                    {
                        case IInvocationOperation invocation:
                            result.Read(invocation, types);
                            break;
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Configurator" } configurator } assignment
                            when SymbolFacts.IsNamespace(configurator.Property.ContainingType?.ContainingNamespace, "FastEndpoints"):
                            result.FastEndpoints |= ConfiguresCaching(assignment.Value);
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

            if ((method.Name == "UseMiddleware" && invocation.NamedType() is INamedTypeSymbol gate && GatesOnRequestHeaders(gate))
                || (method.Name == "Use" && InlineMiddlewareBody(invocation) is LambdaExpressionSyntax { Body: BlockSyntax inlineGate } && GatesOnRequestHeaders(inlineGate)))
            {
                RequestsGatedByMiddleware = true;
            }

            // app.UseMiddleware<T>() or app.UseMiddleware(typeof(T)), or a middleware written inline:
            // app.Use(async (context, next) => { context.Response.Headers.CacheControl = ..; await next(); }).
            var scope = method.Name switch
            {
                "UseMiddleware" when invocation.NamedType() is INamedTypeSymbol middleware => CacheControlScope(middleware),
                "Use" when InlineMiddlewareBody(invocation) is { } inline => CacheControlScope(new[] { inline }),
                _ => null,
            };

            if (scope != null)
            {
                if (scope.Length == 0)
                {
                    AllEndpoints = true;
                }
                else
                {
                    (pathPrefixes ??= new List<string>()).Add(scope);
                }

                return;
            }

            // app.MapControllers().RequireAuthorization(): every controller action, as a global AuthorizeFilter.
            if (method.Name == "RequireAuthorization" && SymbolFacts.Is(method.ContainingType, types.AuthorizationConventions)
                && invocation.Arguments.Length > 0
                && invocation.Arguments[0].Value.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "MapControllers" or "MapDefaultControllerRoute" or "MapControllerRoute" })
            {
                // MapControllers().RequireAuthorization().AllowAnonymous(): anonymous callers are let in after all (found in
                // a statistics service's public data API, which signs in its admin users but serves everyone).
                ControllersRequireAuthorization |= !IsAllowedAnonymousAfterwards(invocation);
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

        /// <summary>
        /// <c>options.Conventions.Add(new AuthorizeControllerModelConvention(..))</c> on <c>MvcOptions</c>: a convention that
        /// authorizes every controller, as a global <c>AuthorizeFilter</c> does. Found in an apprenticeship service's
        /// developer API, whose shared package's convention authorizes every controller outside development, and whose
        /// <c>GET</c> of a user's subscriptions returns API keys: the fix offered a shared cache. One declared in the
        /// compilation counts when it creates an <c>AuthorizeFilter</c> or an <c>[Authorize]</c> attribute; one from a package,
        /// whose body a build does not read, or one that does not bind, when its name says it authorizes (as an
        /// authorization filter of another project is judged, <see cref="AuthorizationFilterAttributes"/>).
        /// </summary>
        private static bool AuthorizingConvention(InvocationExpressionSyntax invocation, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            if (!IsConventionCreation(invocation, out var conventions, out var creation))
            {
                return false;
            }

            var onMvcOptions = IsMvcOptionsConventions(model.GetSymbolInfo(conventions, cancellationToken).Symbol);
            if (model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol { TypeKind: not TypeKind.Error } convention
                || !types.IsDeclaredInCompilation(convention))
            {
                return (onMvcOptions || ConfiguresMvc(invocation)) && AuthorizationFilterAttributes.NamesAuthorization(creation.Type.ToString());
            }

            if (!onMvcOptions)
            {
                return false;
            }

            foreach (var reference in convention.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The convention's own declaration, bound once per compilation with the other candidates.
                var declarationModel = types.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is not ObjectCreationExpressionSyntax created)
                    {
                        continue;
                    }

                    var type = declarationModel.GetTypeInfo(created, cancellationToken).Type;
                    if (SymbolFacts.IsOrDerivesFrom(type, types.AuthorizeFilter) || SymbolFacts.IsOrImplements(type, types.AuthorizeData))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsMvcOptionsConventions(ISymbol? symbol)
            => symbol is IPropertySymbol { Name: "Conventions", ContainingType: { Name: "MvcOptions" } options }
            && SymbolFacts.IsNamespace(options.ContainingNamespace, "Microsoft.AspNetCore.Mvc");

        // In a lambda handed to AddMvc, AddControllers, AddControllersWithViews or AddMvcCore. When the convention does not
        // bind, neither does the lambda's body, and the compiler may read the lambda against another overload of that
        // name (Asp.Versioning's AddMvc(Action<MvcApiVersioningOptions>), whose options also have Conventions).
        private static bool ConfiguresMvc(SyntaxNode node)
            => node.FirstAncestorOrSelf<LambdaExpressionSyntax>() is { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } }
            && call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddMvc" or "AddControllers" or "AddControllersWithViews" or "AddMvcCore" };

        // ….Conventions.Add(new NAuthorizeN(..)): read from syntax, so that only such calls are bound.
        private static bool IsConventionCreation(InvocationExpressionSyntax invocation, out MemberAccessExpressionSyntax conventions, out ObjectCreationExpressionSyntax creation)
        {
            conventions = null!;
            creation = null!;
            if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add", Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Conventions" } list }
                && invocation.ArgumentList.Arguments.Count == 1
                && invocation.ArgumentList.Arguments[0].Expression is ObjectCreationExpressionSyntax created)
            {
                conventions = list;
                creation = created;
                return true;
            }

            return false;
        }

        // The convention builder a call returns is handed straight on to AllowAnonymous().
        private static bool IsAllowedAnonymousAfterwards(IInvocationOperation invocation)
            => invocation.ClimbToValueUse().Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "AllowAnonymous" } next } argument
                && next.Arguments.Length > 0 && next.Arguments[0] == argument;

        /// <summary>
        /// The middleware's <c>Invoke</c>/<c>InvokeAsync</c> reads the request's headers (<c>context.Request.Headers</c>) and
        /// has a <c>return</c> that does not follow a call of the next delegate: it answers some requests itself, by what
        /// they carry (found in a DEFRA identity service, whose API-key middleware answers 400 without the key and whose
        /// <c>GET /applications</c> lists client secrets). Read from syntax; a middleware that always calls the next one
        /// (a correlation id copied from a header) does not gate.
        /// </summary>
        private static bool GatesOnRequestHeaders(INamedTypeSymbol middleware)
        {
            foreach (var member in middleware.GetMembers())
            {
                if (member is not IMethodSymbol { Name: "Invoke" or "InvokeAsync" } invoke)
                {
                    continue;
                }

                foreach (var reference in invoke.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is MethodDeclarationSyntax { Body: { } body } && GatesOnRequestHeaders(body))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A middleware's body (a method's, or a lambda's given to app.Use) that answers some requests itself by their headers.
        private static bool GatesOnRequestHeaders(BlockSyntax body) => ReadsRequestHeaders(body) && EndsWithoutNext(body);

        private static bool ReadsRequestHeaders(SyntaxNode body)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Headers" } headers
                    && headers.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Request" } or IdentifierNameSyntax { Identifier.ValueText: "Request" })
                {
                    return true;
                }
            }

            return false;
        }

        // A return whose own expression, and the statement before it in its block, call no next delegate.
        private static bool EndsWithoutNext(SyntaxNode body)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is not ReturnStatementSyntax returned || (returned.Expression != null && CallsNext(returned.Expression)))
                {
                    continue;
                }

                if (returned.Parent is BlockSyntax block)
                {
                    var index = block.Statements.IndexOf(returned);
                    if (index > 0 && CallsNext(block.Statements[index - 1]))
                    {
                        continue;
                    }
                }

                return true;
            }

            return false;
        }

        private static bool CallsNext(SyntaxNode node)
        {
            foreach (var call in node.DescendantNodesAndSelf())
            {
                if (call is InvocationExpressionSyntax invocation
                    && invocation.Expression switch
                    {
                        IdentifierNameSyntax name => IsNextName(name.Identifier.ValueText),
                        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" } access => access.Expression is IdentifierNameSyntax target && IsNextName(target.Identifier.ValueText)
                            || access.Expression is MemberAccessExpressionSyntax { Name: var member } && IsNextName(member.Identifier.ValueText),
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => IsNextName(access.Name.Identifier.ValueText),
                        _ => false,
                    })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNextName(string name) => name is "next" or "_next" or "Next" or "nextMiddleware" or "_nextMiddleware";

        /// <summary>
        /// Where a middleware of the application writes the <c>Cache-Control</c> response header in its
        /// <c>Invoke</c>/<c>InvokeAsync</c> (<c>Headers.CacheControl = "no-cache"</c>, <c>Headers["Cache-Control"]</c>,
        /// <c>HeaderNames.CacheControl</c>): the responses it sees state a caching policy (found in VirtoCommerce's
        /// <c>NoCacheForApiMiddleware</c>). The path prefix of the <c>if</c> that every write sits in
        /// (<c>context.Request.Path.StartsWithSegments("/api")</c>), without its leading slash; an empty string when a write
        /// is under no such condition (every response); null when it writes none. Read from syntax.
        /// </summary>
        private static string? CacheControlScope(INamedTypeSymbol middleware)
        {
            var bodies = new List<SyntaxNode>();
            foreach (var member in middleware.GetMembers())
            {
                if (member is IMethodSymbol { Name: "Invoke" or "InvokeAsync" } invoke)
                {
                    foreach (var reference in invoke.DeclaringSyntaxReferences)
                    {
                        bodies.Add(reference.GetSyntax());
                    }
                }
            }

            return CacheControlScope(bodies);
        }

        // The same for the bodies of a middleware: the path prefix every Cache-Control write sits under, an empty string
        // for every response, null when none writes it.
        internal static string? CacheControlScope(IEnumerable<SyntaxNode> bodies)
        {
            string? scope = null;
            foreach (var body in bodies)
            {
                foreach (var node in body.DescendantNodes())
                {
                    if (!NamesCacheControl(node) || OnTheRequest(node))
                    {
                        continue;
                    }

                    var prefix = GuardingPathPrefix(node, body);
                    if (prefix == null)
                    {
                        return string.Empty;
                    }

                    if (scope != null && !string.Equals(scope, prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        // Two prefixes: keep it simple, every response.
                        return string.Empty;
                    }

                    scope = prefix;
                }
            }

            return scope;
        }

        /// <summary>
        /// The lambda of <c>app.Use(..)</c> when it is middleware written inline (<see cref="RequestHandlerModel.InlineMiddlewareCall"/>,
        /// the definition PERF404 reads too; found in an NHS buying catalogue's start-up, which sends <c>no-cache,
        /// no-store</c> on every response this way). A method group or a delegate from elsewhere is not read.
        /// </summary>
        private static SyntaxNode? InlineMiddlewareBody(IInvocationOperation use)
            => use.Arguments.Length > 0
                && use.Arguments[use.Arguments.Length - 1].Value.WalkDownConversion() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                && RequestHandlerModel.InlineMiddlewareCall(lambda) == use
                ? lambda.Syntax
                : null;

        /// <summary>
        /// The <c>Cache-Control</c> header named in syntax: <c>"Cache-Control"</c>, <c>Headers.CacheControl</c> or
        /// <c>HeaderNames.CacheControl</c>.
        /// </summary>
        internal static bool NamesCacheControl(SyntaxNode node)
            => node switch
            {
                LiteralExpressionSyntax literal => literal.Token.Value is string text && string.Equals(text, "Cache-Control", StringComparison.OrdinalIgnoreCase),
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "CacheControl",
                _ => false,
            };

        // Cache-Control of the request, not of the response: context.Request.Headers.CacheControl, or the name given to
        // context.Request.Headers[..] or .TryGetValue(..). A middleware that only reads what the client sent states no policy.
        private static bool OnTheRequest(SyntaxNode cacheControl)
        {
            var receiver = cacheControl switch
            {
                MemberAccessExpressionSyntax { Expression: var expression } access when access.Name.Identifier.ValueText == "CacheControl"
                    && expression is not IdentifierNameSyntax { Identifier.ValueText: "HeaderNames" } => expression,
                _ => cacheControl.Parent is ArgumentSyntax { Parent.Parent: var call }
                    ? call switch
                    {
                        ElementAccessExpressionSyntax element => element.Expression,
                        InvocationExpressionSyntax invocation => invocation.Expression,
                        _ => null,
                    }
                    : null,
            };

            if (receiver == null)
            {
                return false;
            }

            foreach (var node in receiver.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax { Identifier.ValueText: "Request" })
                {
                    return true;
                }
            }

            return false;
        }

        // The prefix of the nearest enclosing if whose condition asks Path.StartsWithSegments("/api") (or StartsWith), when
        // the node is in its then-branch; null otherwise.
        private static string? GuardingPathPrefix(SyntaxNode node, SyntaxNode body)
        {
            for (var current = node; current != null && current != body; current = current.Parent)
            {
                if (current.Parent is IfStatementSyntax guard && guard.Statement == current)
                {
                    foreach (var call in guard.Condition.DescendantNodesAndSelf())
                    {
                        if (call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartsWithSegments" or "StartsWith" }, ArgumentList.Arguments: { Count: > 0 } arguments }
                            && arguments[0].Expression is LiteralExpressionSyntax { Token.Value: string prefix }
                            && guard.Condition is not PrefixUnaryExpressionSyntax)
                        {
                            return prefix.TrimStart('~', '/');
                        }
                    }

                    return null;
                }
            }

            return null;
        }

        private static bool ConfiguresCaching(IOperation configurator)
        {
            foreach (var operation in configurator.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod: var method }
                    && (method.Name.IndexOf("Cache", StringComparison.Ordinal) >= 0
                        || (!method.DeclaringSyntaxReferences.IsEmpty && !SymbolFacts.IsNamespace(method.ContainingType?.ContainingNamespace, "FastEndpoints"))))
                {
                    return true;
                }
            }

            return FastEndpointsConfiguration.NamesCacheControlWriter(configurator);
        }

        private static bool IsNull(IOperation value) => value.WalkDownConversion() is { ConstantValue: { HasValue: true, Value: null } };

        private static bool IsHeadersMiddleware(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => IsHeadersMiddlewareName(access.Name.Identifier.ValueText),
                IdentifierNameSyntax name => IsHeadersMiddlewareName(name.Identifier.ValueText),
                _ => false,
            };

        // Marvin.Cache.Headers' UseHttpCacheHeaders; NWebsec's UseNoCacheHttpHeaders, which sends "no-cache, no-store,
        // must-revalidate" on every response (found in a justice system's video-hearings admin site).
        private static bool IsHeadersMiddlewareName(string name) => name is "UseHttpCacheHeaders" or "UseNoCacheHttpHeaders";

        // app.Use(async (context, next) => { if (!context.Request.Headers.ContainsKey("x-api-key")) { ..; return; } await next(); })
        private static bool GatesInPlace(InvocationExpressionSyntax use)
        {
            var arguments = use.ArgumentList.Arguments;
            return arguments.Count > 0 && arguments[arguments.Count - 1].Expression is LambdaExpressionSyntax { Body: BlockSyntax body }
                && GatesOnRequestHeaders(body);
        }

        // app.Use(..) whose last argument is a lambda writing Cache-Control (on the response, anywhere in it).
        private static bool WritesCacheControlInPlace(InvocationExpressionSyntax use)
        {
            var arguments = use.ArgumentList.Arguments;
            return arguments.Count > 0 && arguments[arguments.Count - 1].Expression is LambdaExpressionSyntax lambda
                && CacheControlScope(new SyntaxNode[] { lambda }) != null;
        }

        /// <summary>
        /// <c>….AddBasePolicy(..)</c> calls, <c>….Add(..)</c> calls in files that mention Filters with ResponseCache or
        /// AuthorizeFilter, <c>UseHttpCacheHeaders(..)</c> calls, <c>….Map…(..).RequireAuthorization(..)</c> calls,
        /// <c>Set</c>/<c>AddFallbackPolicy(..)</c> and <c>UseMiddleware(..)</c> calls, <c>Use(..)</c> calls with a lambda that
        /// names <c>Cache-Control</c> or answers requests itself by their headers, and assignments to <c>FallbackPolicy</c>
        /// and to FastEndpoints' <c>Configurator</c>.
        /// </summary>
        private static ExpressionSyntax[] FindCandidates(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var mentionsBase = TextMarker.AddBasePolicy.OccursIn(tree, cancellationToken);
            var mentionsFilter = TextMarker.Filters.OccursIn(tree, cancellationToken)
                && (TextMarker.ResponseCache.OccursIn(tree, cancellationToken) || TextMarker.AuthorizeFilter.OccursIn(tree, cancellationToken));
            var mentionsHeaders = TextMarker.UseHttpCacheHeaders.OccursIn(tree, cancellationToken) || TextMarker.UseNoCacheHttpHeaders.OccursIn(tree, cancellationToken);
            var mentionsFallback = TextMarker.FallbackPolicy.OccursIn(tree, cancellationToken);
            var mentionsRequire = TextMarker.RequireAuthorization.OccursIn(tree, cancellationToken);
            var mentionsMiddleware = TextMarker.UseMiddleware.OccursIn(tree, cancellationToken);
            var mentionsRequestHeaders = TextMarker.RequestHeaders.OccursIn(tree, cancellationToken);
            var mentionsConfigurator = TextMarker.Configurator.OccursIn(tree, cancellationToken);
            var mentionsConventions = TextMarker.Conventions.OccursIn(tree, cancellationToken);
            var mentionsCacheControl = TextMarker.CacheControlProperty.OccursIn(tree, cancellationToken)
                || TextMarker.CacheControlHeader.OccursIn(tree, cancellationToken)
                || TextMarker.CacheControlHeaderLowerCase.OccursIn(tree, cancellationToken);
            if (!mentionsBase && !mentionsFilter && !mentionsHeaders && !mentionsFallback && !mentionsRequire && !mentionsMiddleware && !mentionsConfigurator && !mentionsConventions
                && !mentionsCacheControl && !mentionsRequestHeaders)
            {
                return Array.Empty<ExpressionSyntax>();
            }

            var result = new List<ExpressionSyntax>();
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    if ((mentionsHeaders && IsHeadersMiddleware(invocation))
                        || (mentionsConventions && IsConventionCreation(invocation, out _, out _))
                        || (invocation.Expression is MemberAccessExpressionSyntax access
                            && ((mentionsBase && access.Name.Identifier.ValueText == "AddBasePolicy")
                                || (mentionsFilter && access.Name.Identifier.ValueText == "Add")
                                || (mentionsFallback && access.Name.Identifier.ValueText is "SetFallbackPolicy" or "AddFallbackPolicy")
                                || (mentionsMiddleware && access.Name.Identifier.ValueText == "UseMiddleware")
                                || (mentionsCacheControl && access.Name.Identifier.ValueText == "Use" && WritesCacheControlInPlace(invocation))
                                || (mentionsRequestHeaders && access.Name.Identifier.ValueText == "Use" && GatesInPlace(invocation))
                                || (mentionsRequire && access.Name.Identifier.ValueText == "RequireAuthorization"
                                    && access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax mapped }
                                    && mapped.Name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal)))))
                    {
                        result.Add(invocation);
                    }
                }
                else if ((mentionsFallback || mentionsConfigurator) && node is AssignmentExpressionSyntax assignment
                    && assignment.Left switch
                    {
                        MemberAccessExpressionSyntax member => (mentionsFallback && member.Name.Identifier.ValueText == "FallbackPolicy")
                            || (mentionsConfigurator && member.Name.Identifier.ValueText == "Configurator"),
                        IdentifierNameSyntax name => mentionsFallback && name.Identifier.ValueText == "FallbackPolicy",
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
