using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// What a FastEndpoints endpoint class states about itself in its <c>Configure()</c> override, or in FastEndpoints'
    /// <c>[HttpGet]</c> and ASP.NET Core's <c>[AllowAnonymous]</c> on the class when it has none (docs/rules/PERF301.md,
    /// "FastEndpoints endpoint classes"): the verb, the route, whether anonymous callers may call it (FastEndpoints
    /// requires authorization unless the endpoint allows them) and whether it states a caching policy. A configuration the
    /// rule cannot read in full (a helper of the application, a sub-group or a group it cannot read, code that does not
    /// bind) is <see cref="Unseen"/>: the rule stays silent on it.
    /// </summary>
    internal sealed class FastEndpointsConfiguration
    {
        private FastEndpointsConfiguration()
        {
        }

        /// <summary>The endpoint answers GET or HEAD.</summary>
        public bool IsGet { get; private set; }

        /// <summary><c>AllowAnonymous()</c>, with no verbs or with GET among them.</summary>
        public bool Anonymous { get; private set; }

        /// <summary><c>ResponseCache(..)</c>, <c>Options(b =&gt; b.CacheOutput(..))</c>, or any call named for a cache.</summary>
        public bool Policy { get; private set; }

        /// <summary>Part of the configuration is out of sight.</summary>
        public bool Unseen { get; private set; }

        /// <summary>The first route, when it is a constant.</summary>
        public string? Route { get; private set; }

        /// <summary>
        /// The configuration of <paramref name="endpoint"/>, or null when it states none the rule can read (no
        /// <c>Configure()</c> of its own and no FastEndpoints verb attribute). <paramref name="model"/> is the handler's
        /// model: <c>Configure()</c> is bound with it when it is in the same file.
        /// </summary>
        public static FastEndpointsConfiguration? Read(INamedTypeSymbol endpoint, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            var configure = OwnConfigure(endpoint);
            if (configure == null)
            {
                return FromAttributes(endpoint, types);
            }

            var result = new FastEndpointsConfiguration();
            if (configure.DeclaringSyntaxReferences.Length != 1
                || HandlerBodyFacts.BindDeclaration(configure.DeclaringSyntaxReferences[0], model, cancellationToken) is not { } body)
            {
                result.Unseen = true;
                return result;
            }

            var requiresAuthorization = false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvalidOperation && !IsWithinSummary(operation))
                {
                    // Half-typed, or a call that does not bind: what it states is not known. Summary(s => ..) only
                    // documents the endpoint.
                    result.Unseen = true;
                    continue;
                }

                if (operation is not IInvocationOperation call)
                {
                    continue;
                }

                var method = call.TargetMethod;
                if (method.Name.IndexOf("Cache", StringComparison.Ordinal) >= 0)
                {
                    // ResponseCache(60), Options(b => b.CacheOutput(..)), or a helper of the application named for it.
                    result.Policy = true;
                    continue;
                }

                if (WithinLambda(call, body))
                {
                    // Description(b => b.Produces(..)), Options(b => b.AllowAnonymous()) or b.RequireAuthorization().
                    result.Anonymous |= method.Name == "AllowAnonymous" && IsWithinOptions(call);
                    requiresAuthorization |= method.Name == "RequireAuthorization" && IsWithinOptions(call);
                    continue;
                }

                if (call.Parent is not IExpressionStatementOperation statement)
                {
                    // A value: Routes(RouteOf(..)).
                    continue;
                }

                if (statement.Parent is not IBlockOperation { Parent: IMethodBodyOperation } || !SymbolFacts.IsNamespace(method.ContainingType?.ContainingNamespace, "FastEndpoints"))
                {
                    // Configuration under a condition, base.Configure() of an application base class, or a helper of the
                    // application: it may state anything.
                    result.Unseen = true;
                    continue;
                }

                if (method.Name == "Group")
                {
                    result.ReadGroup(method, model, cancellationToken);
                    continue;
                }

                result.Read(call);
            }

            result.Anonymous &= !requiresAuthorization;
            return result;
        }

        private void Read(IInvocationOperation call)
        {
            switch (call.TargetMethod.Name)
            {
                case "Get":
                    IsGet = true;
                    Route ??= FirstString(call);
                    break;
                case "Routes":
                    Route ??= FirstString(call);
                    break;
                case "Verbs":
                    IsGet |= NamesGet(call);
                    break;
                case "AllowAnonymous":
                    // AllowAnonymous() lets anonymous callers use every verb; AllowAnonymous(Http.POST) only those named.
                    Anonymous |= !HasArguments(call) || NamesGet(call);
                    break;
                case "PreProcessor":
                case "PostProcessor":
                case "PreProcessors":
                case "PostProcessors":
                    Policy |= NamesCacheControlWriter(call);
                    break;
            }
        }

        /// <summary>
        /// A type of the application named in <paramref name="scope"/> (<c>new CachingPostProcessor()</c>,
        /// <c>PostProcessor&lt;CachingPostProcessor&gt;()</c>, <c>typeof(..)</c>) whose declaration writes <c>Cache-Control</c>
        /// (<c>HeaderNames.CacheControl</c>, <c>Headers.CacheControl</c>, <c>"Cache-Control"</c>): a processor that states the
        /// policy. Read from syntax.
        /// </summary>
        public static bool NamesCacheControlWriter(IOperation scope)
        {
            foreach (var operation in scope.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IObjectCreationOperation { Type: { } created } when WritesCacheControl(created):
                    case ITypeOfOperation { TypeOperand: { } named } when WritesCacheControl(named):
                        return true;
                    case IInvocationOperation call:
                        foreach (var argument in call.TargetMethod.TypeArguments)
                        {
                            if (WritesCacheControl(argument))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        private static bool WritesCacheControl(ITypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (GlobalEndpointPolicies.NamesCacheControl(node))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>Group&lt;PublicApi&gt;()</c>: the group's constructor calls FastEndpoints' <c>Configure("prefix", ep =&gt; ..)</c>,
        /// whose lambda configures every endpoint of the group (<c>ep.AllowAnonymous()</c>, <c>ep.ResponseCache(60)</c>).
        /// Read as the endpoint's own statements; a sub-group, a group without such a call, or one that calls the
        /// application's own code is unseen.
        /// </summary>
        private void ReadGroup(IMethodSymbol groupCall, SemanticModel model, CancellationToken cancellationToken)
        {
            if (groupCall.TypeArguments.Length != 1 || groupCall.TypeArguments[0] is not INamedTypeSymbol group
                || group.DeclaringSyntaxReferences.IsEmpty || group.BaseType is not { Name: "Group" } groupBase
                || !SymbolFacts.IsNamespace(groupBase.ContainingNamespace, "FastEndpoints"))
            {
                Unseen = true;
                return;
            }

            var configured = false;
            foreach (var constructor in group.InstanceConstructors)
            {
                if (constructor.DeclaringSyntaxReferences.Length != 1
                    || HandlerBodyFacts.BindDeclaration(constructor.DeclaringSyntaxReferences[0], model, cancellationToken) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is IInvalidOperation)
                    {
                        Unseen = true;
                    }
                    else if (operation is IInvocationOperation { TargetMethod: { Name: "Configure" } configure } call
                        && SymbolFacts.IsNamespace(configure.ContainingType?.ContainingNamespace, "FastEndpoints"))
                    {
                        configured = true;
                        foreach (var inner in call.Descendants())
                        {
                            if (inner is not IInvocationOperation { TargetMethod: var innerMethod } innerCall)
                            {
                                continue;
                            }

                            if (innerMethod.Name.IndexOf("Cache", StringComparison.Ordinal) >= 0)
                            {
                                Policy = true;
                            }
                            else if (!SymbolFacts.IsNamespace(innerMethod.ContainingType?.ContainingNamespace, "FastEndpoints")
                                && !innerMethod.DeclaringSyntaxReferences.IsEmpty)
                            {
                                Unseen = true;
                            }
                            else if (innerMethod.Name == "AllowAnonymous")
                            {
                                Anonymous |= !HasArguments(innerCall) || NamesGet(innerCall);
                            }
                            else if (innerMethod.Name is "PreProcessor" or "PostProcessor" or "PreProcessors" or "PostProcessors")
                            {
                                Policy |= NamesCacheControlWriter(innerCall);
                            }
                        }
                    }
                }
            }

            Unseen |= !configured;
        }

        /// <summary>The class's own <c>Configure()</c> override, or null when it has none.</summary>
        private static IMethodSymbol? OwnConfigure(INamedTypeSymbol endpoint)
        {
            foreach (var member in endpoint.GetMembers("Configure"))
            {
                if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 0 } configure)
                {
                    return configure;
                }
            }

            return null;
        }

        /// <summary>
        /// <c>[HttpGet("/orders")]</c> (FastEndpoints' own attribute) and <c>[AllowAnonymous]</c> on a class without a
        /// <c>Configure()</c> of its own; a base class of the application that overrides <c>Configure()</c> is not read.
        /// </summary>
        private static FastEndpointsConfiguration? FromAttributes(INamedTypeSymbol endpoint, SemanticContext types)
        {
            FastEndpointsConfiguration? result = null;
            foreach (var attribute in endpoint.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "HttpGetAttribute" or "HttpHeadAttribute" } verb
                    && SymbolFacts.IsNamespace(verb.ContainingNamespace, "FastEndpoints"))
                {
                    result ??= new FastEndpointsConfiguration();
                    result.IsGet = true;
                    result.Route ??= attribute.ConstructorArguments.Length > 0 ? FirstString(attribute.ConstructorArguments[0]) : null;
                }
            }

            if (result == null)
            {
                return null;
            }

            result.Anonymous = SymbolFacts.HasAttributeImplementing(endpoint, types.AllowAnonymous);
            for (var type = endpoint.BaseType; type != null && !SymbolFacts.IsNamespace(type.ContainingNamespace, "FastEndpoints"); type = type.BaseType)
            {
                if (OwnConfigure(type) != null)
                {
                    result.Unseen = true;
                }
            }

            return result;
        }

        private static bool WithinLambda(IOperation call, IOperation body)
        {
            for (var node = call.Parent; node != null && node != body; node = node.Parent)
            {
                if (node is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        // Read from syntax: when Summary's lambda does not bind, neither does the call.
        private static bool IsWithinSummary(IOperation operation)
        {
            foreach (var node in operation.Syntax.AncestorsAndSelf())
            {
                if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Summary" } })
                {
                    return true;
                }

                if (node is MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        private static bool IsWithinOptions(IOperation call)
        {
            for (var node = call.Parent; node != null; node = node.Parent)
            {
                if (node is IInvocationOperation { TargetMethod.Name: "Options" } options)
                {
                    return SymbolFacts.IsNamespace(options.TargetMethod.ContainingType?.ContainingNamespace, "FastEndpoints");
                }
            }

            return false;
        }

        private static bool HasArguments(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.ParamArray
                    || argument.Value is not IArrayCreationOperation { Initializer.ElementValues.Length: 0 })
                {
                    return true;
                }
            }

            return false;
        }

        // Http.GET or Http.HEAD, or "GET"/"HEAD", among the arguments (a params array).
        private static bool NamesGet(IInvocationOperation call)
        {
            foreach (var value in call.Descendants())
            {
                switch (value)
                {
                    case IFieldReferenceOperation { Field: { Name: "GET" or "HEAD", ContainingType.TypeKind: TypeKind.Enum } }:
                        return true;
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string verb } }
                        when string.Equals(verb, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(verb, "HEAD", StringComparison.OrdinalIgnoreCase):
                        return true;
                }
            }

            return false;
        }

        // [HttpGet("/orders")] takes its routes as a params array; the first one, when it is a string.
        private static string? FirstString(TypedConstant argument)
            => argument.Kind == TypedConstantKind.Array
                ? (argument.Values.Length > 0 && argument.Values[0].Value is string first ? first : null)
                : argument.Value as string;

        // Get("/orders") or Get(OrderRequest.Route), a constant.
        private static string? FirstString(IInvocationOperation call)
        {
            foreach (var value in call.Descendants())
            {
                if (value is not IArgumentOperation && value.ConstantValue is { HasValue: true, Value: string text })
                {
                    return text;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the endpoint sends a body: its response type (the second type argument of FastEndpoints'
        /// <c>Endpoint&lt;TRequest, TResponse&gt;</c>, which every endpoint base derives from) is not <c>EmptyResponse</c>;
        /// when it is <c>object</c> (<c>EndpointWithoutRequest</c>, <c>Endpoint&lt;TRequest&gt;</c>), the handler sends a value
        /// (<c>Send.OkAsync(value)</c>, <c>SendAsync(value)</c>) or assigns <c>Response</c>.
        /// </summary>
        public static bool SendsBody(INamedTypeSymbol endpoint, IOperation? body)
        {
            ITypeSymbol? response = null;
            for (var type = endpoint.BaseType; type != null; type = type.BaseType)
            {
                if (type is { Name: "Endpoint", Arity: 2 } && SymbolFacts.IsNamespace(type.ContainingNamespace, "FastEndpoints"))
                {
                    response = type.TypeArguments[1];
                    break;
                }
            }

            if (response == null || response.Name == "EmptyResponse")
            {
                return false;
            }

            if (response.SpecialType != SpecialType.System_Object)
            {
                return true;
            }

            if (body == null)
            {
                return false;
            }

            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation call when Handlers.RequestHandlerModel.IsFastEndpointsSend(call.TargetMethod) && SendsAValue(call):
                        return true;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Response" } target }
                        when SymbolFacts.IsNamespace(target.Property.ContainingType?.ContainingNamespace, "FastEndpoints"):
                        return true;
                }
            }

            return false;
        }

        private static bool SendsAValue(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { Ordinal: 0 } parameter
                    && parameter.Type.Name != "CancellationToken")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The handler's name, where the diagnostic goes: a location inside the analysed method, as the IDE expects of a
        /// diagnostic reported while analysing that method.
        /// </summary>
        public static Location? HandlerLocation(IMethodSymbol handler, CancellationToken cancellationToken)
            => handler.DeclaringSyntaxReferences.Length > 0 && handler.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
                ? declaration.Identifier.GetLocation()
                : null;
    }
}
