using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// PERF301 fixes: "Cache for N seconds" (<c>[ResponseCache(Duration = N)]</c> / <c>.CacheOutput(p =&gt; p.Expire(..))</c>;
    /// a client-only policy for endpoints that require authorization or read the caller's identity, themselves or
    /// through a member they call, or whose response may depend on the caller through a request header or a filter the
    /// rule cannot read) and "Mark as not cacheable". On a FastEndpoints endpoint class, the same policies as a
    /// <c>ResponseCache(..)</c> call in its <c>Configure()</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF301GetWithoutCachingPolicyCodeFix)), Shared]
    public sealed class PERF301GetWithoutCachingPolicyCodeFix : CodeFixProvider
    {
        public const string CacheKey = "PERF301.Cache";
        public const string NoStoreKey = "PERF301.NoStore";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.GetWithoutCachingPolicy);

        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<SyntaxNode>(async (document, node, diagnostic, key, cancellationToken) =>
            {
                node = EndpointClassOrHandler(node, diagnostic);

                // Fix All with "Cache": a GET that writes in the scope, or whose resource an action of its controller writes,
                // keeps no policy rather than a cached one.
                if (key != NoStoreKey
                    && (IsWrittenOnTheSameRoute(node)
                        || await IsEndpointClassWrittenOnTheSameRouteAsync(document, node, cancellationToken).ConfigureAwait(false)
                        || (await ReadHandlerAsync(document, node, diagnostic, cancellationToken).ConfigureAwait(false)).ChangesState))
                {
                    return document;
                }

                return await FixAsync(document, node, diagnostic, key, knownPrivate: null, cancellationToken).ConfigureAwait(false);
            });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = EndpointClassOrHandler(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), diagnostic);
                if (node is TypeDeclarationSyntax endpointClass && OwnConfigure(endpointClass) == null)
                {
                    // A FastEndpoints endpoint configured by attributes: FastEndpoints has no attribute for a policy.
                    continue;
                }

                // A personalised or authorized response is only ever cached by the client: the title says so. A GET that
                // writes (an unsubscribe link, a download counter) is only ever marked not cacheable: a cached response
                // would skip the write.
                var (isPrivate, readsIdentity, changesState) = await ReadHandlerAsync(context.Document, node, diagnostic, context.CancellationToken).ConfigureAwait(false);

                // A resource that a PUT, PATCH, DELETE or POST of the same controller changes: a cached answer could be read
                // back stale right after the change, so not caching comes first (and Fix All with "Cache" leaves it alone).
                // So it does for a response built from the caller's identity: the browser keys its cache by URL, not by
                // who is signed in, so a private copy outlives a sign-out or a change of user in the same browser.
                var writtenOnTheSameRoute = !changesState
                    && (IsWrittenOnTheSameRoute(node) || await IsEndpointClassWrittenOnTheSameRouteAsync(context.Document, node, context.CancellationToken).ConfigureAwait(false));
                var noStoreFirst = writtenOnTheSameRoute || readsIdentity;
                var noStore = CodeAction.Create("Mark as not cacheable", ct => FixAsync(context.Document, node, diagnostic, NoStoreKey, isPrivate, ct), NoStoreKey);
                if (noStoreFirst)
                {
                    context.RegisterCodeFix(noStore, diagnostic);
                }

                if (!changesState)
                {
                    var title = isPrivate ? $"Cache privately for {Duration(diagnostic)} seconds" : $"Cache for {Duration(diagnostic)} seconds";
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => FixAsync(context.Document, node, diagnostic, CacheKey, isPrivate, ct), CacheKey),
                        diagnostic);
                }

                if (!noStoreFirst)
                {
                    context.RegisterCodeFix(noStore, diagnostic);
                }
            }
        }

        /// <summary>
        /// Whether only the client may cache the response (docs/rules/PERF301.md, "Personalised endpoints" and "How to
        /// fix"): the endpoint requires authorization or reads the caller's identity itself (the analyzer's <c>Private</c>
        /// property), a source member it calls reads it, or its response may depend on the caller through an input the rule
        /// does not count as identity (a request header, a filter it cannot read: <see cref="CallerDependentInputs"/>). The analyzer leaves callees to the fix: reading them means binding their
        /// bodies, a cost every build and keystroke would pay for the few diagnostics anyone fixes. Without a semantic
        /// model the answer is yes, since a private policy never serves one caller's data to another.
        /// </summary>
        private static async Task<bool> IsPrivateAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
            => (await ReadHandlerAsync(document, node, diagnostic, cancellationToken).ConfigureAwait(false)).IsPrivate;

        /// <summary>
        /// <see cref="IsPrivateAsync"/>, whether the handler reads the caller's identity (then "Mark as not cacheable"
        /// comes first), and whether it changes state (<see cref="StateChangingHandlers"/>): then only "Mark as not
        /// cacheable" is offered. Unknown (no semantic model, no handler) counts as private, not reading the identity and
        /// not changing state, the same two fixes as before.
        /// </summary>
        private static async Task<(bool IsPrivate, bool ReadsIdentity, bool ChangesState)> ReadHandlerAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var knownPrivate = diagnostic.Properties.TryGetValue(PERF301GetWithoutCachingPolicyAnalyzer.PrivateProperty, out var value) && value == "true";
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model == null)
            {
                return (true, false, false);
            }

            IMethodSymbol? handler = null;
            IOperation? body = null;
            IInvocationOperation? endpoint = null;
            if (node is MethodDeclarationSyntax method)
            {
                handler = model.GetDeclaredSymbol(method, cancellationToken);
                body = model.GetOperation(method, cancellationToken);
            }
            else if (node is TypeDeclarationSyntax endpointClass)
            {
                // A FastEndpoints endpoint class: its handler is the HandleAsync or ExecuteAsync override.
                var handlerDeclaration = endpointClass.Members.OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => m.Identifier.ValueText is "HandleAsync" or "ExecuteAsync" && m.Modifiers.Any(SyntaxKind.OverrideKeyword));
                if (handlerDeclaration != null)
                {
                    handler = model.GetDeclaredSymbol(handlerDeclaration, cancellationToken);
                    body = model.GetOperation(handlerDeclaration, cancellationToken);
                }
            }
            else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation
                && model.GetOperation(invocation, cancellationToken) is IInvocationOperation mapGet
                && PERF301GetWithoutCachingPolicyAnalyzer.TryGetHandler(mapGet, out var found, out var foundBody, cancellationToken))
            {
                handler = found;
                body = foundBody;
                endpoint = mapGet;
            }

            if (handler == null)
            {
                return (true, false, false);
            }

            var types = SemanticContext.For(model.Compilation);
            var changesState = StateChangingHandlers.ChangesState(body, types);
            var readsIdentity = CallerIdentityReads.ReadsIdentity(handler, body, types, model.Compilation, cancellationToken)
                || TakesACredential(handler) || ReturnsACredential(body) || RelaysTheRequest(body, types);
            var isPrivate = knownPrivate || readsIdentity
                || CallerDependentInputs.MayDependOnCaller(handler, body, endpoint, types, model.Compilation, cancellationToken);
            return (isPrivate, readsIdentity, changesState);
        }

        /// <summary>
        /// The request carries a credential: a parameter of the handler, or a property of a FastEndpoints request type
        /// declared in source, named for a token, a secret, a password, an API key or a session (<c>sessions/{Token}</c>,
        /// <c>reset/{resetToken}</c>; found in plan-backend's session lookup). Whoever holds it gets the answer, which a
        /// cache would keep after the credential is revoked, so not caching comes first, as for an endpoint that reads the
        /// caller's identity. A paging token (<c>continuationToken</c>, <c>pageToken</c>) and a cancellation token are none.
        /// </summary>
        private static bool TakesACredential(IMethodSymbol handler)
        {
            foreach (var parameter in handler.Parameters)
            {
                if (NamesACredential(parameter.Name, parameter.Type))
                {
                    return true;
                }

                if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } request && !request.DeclaringSyntaxReferences.IsEmpty)
                {
                    foreach (var member in request.GetMembers())
                    {
                        if (member is IPropertySymbol { IsStatic: false } property && NamesACredential(property.Name, property.Type))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The response is a credential: the handler returns, itself or wrapped in <c>Ok(..)</c> / <c>new OkObjectResult(..)</c>,
        /// a local, parameter, member or call named for one (<c>var invitedUserToken = await service.UserInvitedTokenAsync(id);
        /// return new OkObjectResult(invitedUserToken);</c>, found in a packaging account service). Whoever gets a cached copy
        /// holds it after it is used or revoked, so not caching comes first. Returns inside a nested lambda are not read.
        /// </summary>
        private static bool ReturnsACredential(IOperation? body)
        {
            if (body == null)
            {
                return false;
            }

            var returned = new List<IOperation>();
            HandlerBodyFacts.CollectReturnedValues(body, returned);
            foreach (var value in returned)
            {
                if (NamesACredential(Unwrapped(value)))
                {
                    return true;
                }
            }

            return false;

            // Ok(x), Json(x), new OkObjectResult(x), Results.Ok(x), TypedResults.Ok(x): the value sent.
            static IOperation Unwrapped(IOperation value)
            {
                value = value.WalkDownConversion();
                var sent = value switch
                {
                    IInvocationOperation { TargetMethod.Name: "Ok" or "Json", Arguments: { Length: > 0 } arguments } => arguments[arguments.Length - 1].Value,
                    IObjectCreationOperation { Type.Name: "OkObjectResult" or "JsonResult", Arguments: { Length: > 0 } arguments } => arguments[0].Value,
                    _ => value,
                };
                sent = sent.WalkDownConversion();
                return sent is IAwaitOperation awaited ? awaited.Operation.WalkDownConversion() : sent;
            }

            static bool NamesACredential(IOperation value)
            {
                var name = value switch
                {
                    ILocalReferenceOperation local => local.Local.Name,
                    IParameterReferenceOperation parameter => parameter.Parameter.Name,
                    IPropertyReferenceOperation property => property.Property.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    IInvocationOperation call => NameWords.WithoutAsyncSuffix(call.TargetMethod.Name),
                    _ => null,
                };
                return name != null && value.Type != null && PERF301GetWithoutCachingPolicyCodeFix.NamesACredential(name, value.Type);
            }
        }

        /// <summary>
        /// The handler echoes the whole query string or form into its response (SimpleIdServer's form-post relay, which
        /// turns an authorization response's parameters into an auto-submitting form): whatever credential the request
        /// carries is in the answer, so not caching comes first. Read as the request's <c>Query</c> or <c>Form</c>
        /// collection enumerated, directly or through a local assigned once.
        /// </summary>
        private static bool RelaysTheRequest(IOperation? body, SemanticContext types)
        {
            if (body == null || types.HttpRequest == null)
            {
                return false;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "Query" or "Form" } property
                    && SymbolFacts.IsOrDerivesFrom(property.Instance?.Type, types.HttpRequest)
                    && IsEnumerated(property))
                {
                    return true;
                }
            }

            return false;

            static bool IsEnumerated(IOperation collection)
            {
                if (collection.ClimbToValueUse().Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    // var query = Request.Query; then query.Where(..): the local's reads.
                    foreach (var read in OperationTreeIndex.For(declarator).Occurrences(declarator.Symbol))
                    {
                        if (read is ILocalReferenceOperation local && IsEnumeratedHere(local))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                return IsEnumeratedHere(collection);
            }

            // The source of a foreach, or the sequence an Enumerable method is given.
            static bool IsEnumeratedHere(IOperation value)
            {
                var use = value.ClimbToValueUse();
                return use.Parent switch
                {
                    IForEachLoopOperation loop => loop.Collection == use,
                    IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ContainingType.Name: "Enumerable" } } call } argument
                        => call.Arguments.Length > 0 && call.Arguments[0] == argument,
                    _ => false,
                };
            }
        }

        private static bool NamesACredential(string name, ITypeSymbol type)
        {
            if (type.Name == "CancellationToken")
            {
                return false;
            }

            var plain = name.Replace("_", "").ToLowerInvariant();
            if (plain.EndsWith("token", StringComparison.Ordinal))
            {
                return !(plain.EndsWith("continuationtoken", StringComparison.Ordinal) || plain.EndsWith("pagetoken", StringComparison.Ordinal)
                    || plain.EndsWith("nexttoken", StringComparison.Ordinal) || plain.EndsWith("paginationtoken", StringComparison.Ordinal));
            }

            return plain.Contains("secret") || plain.Contains("password") || plain.Contains("apikey")
                || plain is "session" or "sessionid" or "otp";
        }

        /// <summary>
        /// A controller action whose route another action of the same class answers with <c>[HttpPut]</c>, <c>[HttpPatch]</c>,
        /// <c>[HttpDelete]</c> or <c>[HttpPost]</c> (found in kgrzybek's CQRS sample: the orders a GET lists are added,
        /// changed and removed on its route). The route is the template of the <c>Http…</c> attribute, or else of the
        /// method's <c>[Route]</c>, compared as written. Read from syntax.
        /// </summary>
        private static bool IsWrittenOnTheSameRoute(SyntaxNode node)
        {
            if (node is not MethodDeclarationSyntax action || action.Parent is not TypeDeclarationSyntax controller)
            {
                return false;
            }

            var route = RouteOf(action);
            foreach (var member in controller.Members)
            {
                if (member != action && member is MethodDeclarationSyntax other && WritesWith(other) && RouteOf(other) == route)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A FastEndpoints endpoint class whose route another endpoint class of the project answers with <c>Post</c>,
        /// <c>Put</c>, <c>Patch</c> or <c>Delete</c> in its <c>Configure()</c> (the same decision as for a controller's actions,
        /// across classes, since each endpoint is its own class). Routes are constants (a literal or a <c>const</c>),
        /// compared without their slashes and case. Only files whose text calls one of those verbs (the analyzers'
        /// per-file index of called names) are read, and bound only where a <c>Configure()</c> calls one.
        /// </summary>
        private static async Task<bool> IsEndpointClassWrittenOnTheSameRouteAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            if (node is not TypeDeclarationSyntax endpointClass || OwnConfigure(endpointClass) is not { } configure
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
                || ConfiguredRoutes(configure, model, cancellationToken, "Get").FirstOrDefault() is not { } route)
            {
                return false;
            }

            var compilation = model.Compilation;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!InvokedNames.MayInvokeAny(tree, WriteVerbs, cancellationToken))
                {
                    continue;
                }

                SemanticModel? treeModel = null;
                var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                foreach (var declaration in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (declaration.Identifier.ValueText != "Configure" || declaration == configure || !CallsAWriteVerb(declaration))
                    {
                        continue;
                    }

                    treeModel ??= tree == model.SyntaxTree ? model : compilation.GetSemanticModel(tree);
                    if (ConfiguredRoutes(declaration, treeModel, cancellationToken, WriteVerbs).Contains(route))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static readonly string[] WriteVerbs = { "Post", "Put", "Patch", "Delete" };

        private static bool CallsAWriteVerb(MethodDeclarationSyntax configure)
            => configure.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(call => call.Expression is IdentifierNameSyntax name && WriteVerbs.Contains(name.Identifier.ValueText));

        /// <summary>The constant first arguments of <c>Configure()</c>'s calls of the given verbs, without slashes, in lower case.</summary>
        private static IEnumerable<string> ConfiguredRoutes(MethodDeclarationSyntax configure, SemanticModel model, CancellationToken cancellationToken, params string[] verbs)
        {
            foreach (var call in configure.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is IdentifierNameSyntax name && verbs.Contains(name.Identifier.ValueText)
                    && call.ArgumentList.Arguments.Count > 0
                    && model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: string route })
                {
                    yield return route.Trim('/').ToLowerInvariant();
                }
            }
        }

        private static bool WritesWith(MethodDeclarationSyntax method)
        {
            foreach (var list in method.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (AttributeName(attribute) is "HttpPut" or "HttpPatch" or "HttpDelete" or "HttpPost")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // The template of the method's Http… attribute, or else of its [Route]; "" when neither names one.
        private static string RouteOf(MethodDeclarationSyntax method)
        {
            string? route = null;
            foreach (var list in method.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = AttributeName(attribute);
                    var template = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals == null && a.NameColon == null)?.Expression is LiteralExpressionSyntax literal
                        ? literal.Token.ValueText.Trim('/')
                        : null;
                    if (name.StartsWith("Http", StringComparison.Ordinal) && template != null)
                    {
                        return template;
                    }

                    if (name == "Route" && template != null)
                    {
                        route = template;
                    }
                }
            }

            return route ?? "";
        }

        private static string AttributeName(AttributeSyntax attribute)
        {
            var name = SemanticContext.SimpleName(attribute.Name) ?? "";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        /// <summary>
        /// The attribute on the action, or the convention chained on the endpoint, with the usings they need.
        /// <paramref name="knownPrivate"/> is the answer the offered fix's title was built from, for the same document;
        /// Fix All, which changes the document between diagnostics, asks again (null).
        /// </summary>
        private static async Task<Document> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, string? key, bool? knownPrivate, CancellationToken cancellationToken)
        {
            var noStore = key == NoStoreKey;
            var isPrivate = !noStore && (knownPrivate ?? await IsPrivateAsync(document, node, diagnostic, cancellationToken).ConfigureAwait(false));
            var duration = Duration(diagnostic);
            var namespaces = new List<string>();
            SyntaxNode target;
            SyntaxNode replacement;
            if (node is MethodDeclarationSyntax method)
            {
                target = method;
                replacement = AddAttribute(method, ControllerAttribute(noStore, isPrivate, duration));
                namespaces.Add("Microsoft.AspNetCore.Mvc");
            }
            else if (node is TypeDeclarationSyntax endpointClass && OwnConfigure(endpointClass) is { } configure)
            {
                target = configure;
                replacement = AddStatement(configure, EndpointClassPolicy(noStore, isPrivate, duration));
                if (noStore || isPrivate)
                {
                    namespaces.Add("Microsoft.AspNetCore.Mvc");
                }
            }
            else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation)
            {
                var outputCache = !noStore && !isPrivate && await ConfiguresOutputCachingAsync(document, cancellationToken).ConfigureAwait(false);
                var convention = MinimalConvention(noStore, isPrivate, duration, outputCache, namespaces);
                target = invocation;
                replacement = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName(convention.Name)),
                        SyntaxFactory.ParseArgumentList(convention.Arguments))
                    .WithTrailingTrivia(invocation.GetTrailingTrivia());
            }
            else
            {
                return document;
            }

            foreach (var ns in namespaces)
            {
                replacement = Imports.Require(replacement, ns);
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(root!.ReplaceNode(target, replacement)), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// FastEndpoints' <c>ResponseCache(..)</c> in the endpoint's <c>Configure()</c>: FastEndpoints writes the
        /// <c>Cache-Control</c> header from it, as <c>[ResponseCache]</c> does on an action.
        /// </summary>
        private static string EndpointClassPolicy(bool noStore, bool isPrivate, string duration)
            => noStore ? "ResponseCache(0, ResponseCacheLocation.None, noStore: true);"
            : isPrivate ? $"ResponseCache({duration}, ResponseCacheLocation.Client);"
            : $"ResponseCache({duration});";

        /// <summary>
        /// The endpoint class for a diagnostic on a FastEndpoints handler (its policy goes into the class's
        /// <c>Configure()</c>); the reported node otherwise.
        /// </summary>
        private static SyntaxNode EndpointClassOrHandler(SyntaxNode node, Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(PERF301GetWithoutCachingPolicyAnalyzer.KindProperty, out var kind)
                && kind == PERF301GetWithoutCachingPolicyAnalyzer.EndpointClassKind
                && node.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.Parent is TypeDeclarationSyntax endpointClass
                ? endpointClass
                : node;

        private static MethodDeclarationSyntax? OwnConfigure(TypeDeclarationSyntax endpointClass)
            => endpointClass.Members.OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == "Configure" && m.ParameterList.Parameters.Count == 0 && m.Modifiers.Any(SyntaxKind.OverrideKeyword));

        /// <summary>The statement at the end of <c>Configure()</c>; an expression body becomes a block.</summary>
        private static MethodDeclarationSyntax AddStatement(MethodDeclarationSyntax configure, string statementText)
        {
            var statement = SyntaxFactory.ParseStatement(statementText).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            if (configure.Body is { } block)
            {
                return configure.WithBody(block.AddStatements(statement));
            }

            if (configure.ExpressionBody is { } arrow)
            {
                var body = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(arrow.Expression), statement).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
                return configure.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body);
            }

            return configure;
        }

        private static string ControllerAttribute(bool noStore, bool isPrivate, string duration)
            => noStore ? "ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)"
            : isPrivate ? $"ResponseCache(Duration = {duration}, Location = ResponseCacheLocation.Client)"
            : $"ResponseCache(Duration = {duration})";

        /// <summary>
        /// Whether a file of the project sets up output caching (<c>AddOutputCache</c>): without it, <c>.CacheOutput(..)</c>
        /// is metadata no middleware reads, and the endpoint would stay uncached (found in LANCommander). Asked of the
        /// analyzers' per-file index of called names, which keeps each file's answer, so Fix All over many endpoints reads
        /// each file once; a comment or a string that spells the name does not count.
        /// </summary>
        private static async Task<bool> ConfiguresOutputCachingAsync(Document document, CancellationToken cancellationToken)
        {
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null)
            {
                return false;
            }

            // The index is lexical: a file it names is read for a call in its syntax.
            foreach (var tree in InvokedNames.TreesInvokingEither(compilation, "AddOutputCache", "AddOutputCache" + InvokedNames.GenericSuffix, cancellationToken))
            {
                if (InvocationSearch.Find(tree, "AddOutputCache", cancellationToken).Count > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static (string Name, string Arguments) MinimalConvention(bool noStore, bool isPrivate, string duration, bool outputCache, List<string> namespaces)
        {
            if (noStore)
            {
                // The header [ResponseCache(NoStore = true)] sends on an action. .CacheOutput(p => p.NoCache()) only keeps
                // the server's output cache out and sends nothing: without AddOutputCache it is metadata no one reads.
                namespaces.Add("Microsoft.AspNetCore.Http");
                return ("AddEndpointFilter", "(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = \"no-store\"; return await next(context); })");
            }

            if (isPrivate)
            {
                // Output caching is a shared server cache: a per-user response may only be cached by the client.
                namespaces.Add("Microsoft.AspNetCore.Http");
                return ("AddEndpointFilter", $"(async (context, next) => {{ context.HttpContext.Response.Headers.CacheControl = \"private, max-age={duration}\"; return await next(context); }})");
            }

            if (!outputCache)
            {
                // No output cache to store the response: the same header [ResponseCache(Duration = N)] sends, for clients
                // and shared caches in front of the application.
                namespaces.Add("Microsoft.AspNetCore.Http");
                return ("AddEndpointFilter", $"(async (context, next) => {{ context.HttpContext.Response.Headers.CacheControl = \"public, max-age={duration}\"; return await next(context); }})");
            }

            namespaces.Add("System");
            namespaces.Add("Microsoft.Extensions.DependencyInjection");
            return ("CacheOutput", $"(p => p.Expire(TimeSpan.FromSeconds({duration})))");
        }

        private static MethodDeclarationSyntax AddAttribute(MethodDeclarationSyntax method, string attributeText)
        {
            var attribute = SyntaxFactory.ParseCompilationUnit($"[{attributeText}] class C {{ }}").Members[0].AttributeLists[0].Attributes[0];
            var lists = method.AttributeLists;
            if (lists.Count == 0)
            {
                // A GET action always carries [HttpGet]/[HttpHead]; nothing else is reported.
                return method;
            }

            var last = lists[lists.Count - 1];
            var indentation = last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
            var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(last.GetTrailingTrivia());
            return method.WithAttributeLists(lists.Add(newList));
        }

        private static string Duration(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(PERF301GetWithoutCachingPolicyAnalyzer.DurationProperty, out var value) && value != null ? value : "60";
    }
}
