using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// Whether an endpoint's response may depend on the caller through something PERF301 does not count as reading the
    /// caller's identity (docs/rules/PERF301.md, "How to fix"): a value bound from a request header, the request's
    /// headers or connection read by the handler, or a filter the rule cannot read (an application's action or
    /// authorization filter, <c>[TypeFilter]</c>/<c>[ServiceFilter]</c>, a controller overriding <c>OnActionExecuting</c>, an
    /// endpoint filter), which may check who is asking or hand the action something about them, a middleware of the
    /// application that turns requests away by their headers, or an API gateway in front of the application. The URL is the same for
    /// every caller there, so a shared cache would answer one caller with another's response. Asked by the code fix only,
    /// when it is offered; the diagnostic does not change.
    /// </summary>
    internal static class CallerDependentInputs
    {
        private const string FiltersNamespace = "Microsoft.AspNetCore.Mvc.Filters";

        // The filter contracts that run around an action and may check or inject the caller, or replace the response.
        private static readonly HashSet<string> FilterInterfaces = new HashSet<string>(StringComparer.Ordinal)
        {
            "IActionFilter", "IAsyncActionFilter", "IAuthorizationFilter", "IAsyncAuthorizationFilter",
            "IResourceFilter", "IAsyncResourceFilter", "IResultFilter", "IAsyncResultFilter", "IFilterFactory",
        };

        // A controller that is its own filter: ASP.NET Core runs these overrides around every action of it.
        private static readonly HashSet<string> ControllerFilterMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "OnActionExecuting", "OnActionExecuted", "OnActionExecutionAsync", "OnAuthorization", "OnAuthorizationAsync",
            "OnResourceExecuting", "OnResourceExecutionAsync",
        };

        /// <summary>
        /// True when a shared policy could serve one caller's response to another although the handler reads no identity:
        /// see the class. <paramref name="mapGet"/> is the <c>MapGet</c> call of a minimal endpoint, null for an action.
        /// </summary>
        public static bool MayDependOnCaller(IMethodSymbol handler, IOperation? body, IInvocationOperation? mapGet, SemanticContext types, Compilation compilation, CancellationToken cancellationToken)
        {
            if (BindsFromHeader(handler) || (body != null && ReadsRequestHeadersOrConnection(body, handler.ContainingType, types, helpersLeft: MaxHelpers)))
            {
                return true;
            }

            if (mapGet != null
                ? MinimalEndpointConventions.Collect(mapGet, types, new MethodCallSites(compilation), cancellationToken).Filtered
                : HasUnreadFilter(handler))
            {
                return true;
            }

            // An application run on AWS Lambda behind API Gateway (its entry points referenced: an application's
            // LambdaEntryPoint : APIGatewayProxyFunction, or AddAWSLambdaHosting, whose package brings them): API keys and
            // authorizers are checked at the gateway, where the code cannot see them, so a shared cache could answer
            // callers the gateway would turn away (found in two London borough APIs).
            if (types.ApiGatewayProxyFunction != null || types.ApiGatewayHttpApiV2ProxyFunction != null)
            {
                return true;
            }

            // A middleware that answers some requests itself by their headers (an API-key check) decides who gets the
            // response: a shared cache would answer callers it turns away.
            return GlobalEndpointPolicies.Find(types, cancellationToken).RequestsGatedByMiddleware;
        }

        /// <summary><c>[FromHeader]</c> on a parameter, or on a property or constructor parameter of a parameter's type declared in source (a bound model, <c>[AsParameters]</c>).</summary>
        private static bool BindsFromHeader(IMethodSymbol handler)
        {
            foreach (var parameter in handler.Parameters)
            {
                if (HasFromHeader(parameter))
                {
                    return true;
                }

                if (parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } model || model.DeclaringSyntaxReferences.Length == 0)
                {
                    continue;
                }

                foreach (var member in model.GetMembers())
                {
                    if (member is IPropertySymbol property && HasFromHeader(property))
                    {
                        return true;
                    }

                    if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                    {
                        foreach (var constructorParameter in constructor.Parameters)
                        {
                            if (HasFromHeader(constructorParameter))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        // MVC's [FromHeader] (which minimal APIs read too) or any attribute carrying IFromHeaderMetadata.
        private static bool HasFromHeader(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is not { } attributeClass)
                {
                    continue;
                }

                if (attributeClass.Name == "FromHeaderAttribute")
                {
                    return true;
                }

                foreach (var implemented in attributeClass.AllInterfaces)
                {
                    if (implemented.Name == "IFromHeaderMetadata")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // Helpers of the handler's own class read for headers: bound one by one, only for a fix being offered.
        private const int MaxHelpers = 4;

        /// <summary>
        /// <c>Request.Headers[..]</c>, <c>HttpContext.Request.Headers.TryGetValue(..)</c>, <c>Request.GetTypedHeaders()</c>,
        /// <c>HttpContext.Connection.RemoteIpAddress</c>, in the handler or in a method of its own class it calls, one level
        /// down (<c>var baseUrl = GetBaseUrl(context);</c> reading <c>X-Forwarded-Host</c>, found in OpenDeepWiki's OAuth
        /// metadata; an action returning another action that reads the caller's address, found in Remotely).
        /// </summary>
        private static bool ReadsRequestHeadersOrConnection(IOperation body, INamedTypeSymbol? ownType, SemanticContext types, int helpersLeft)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences: { Length: 1 } references } helper } call
                            when helpersLeft > 0 && ownType != null
                                && SymbolEqualityComparer.Default.Equals(helper.ContainingType?.OriginalDefinition, ownType.OriginalDefinition)
                                && call.SemanticModel is { } model:
                        helpersLeft--;
                        if (HandlerBodyFacts.BindDeclaration(references[0], model, default) is { } helperBody
                            && ReadsRequestHeadersOrConnection(helperBody, ownType: null, types, helpersLeft: 0))
                        {
                            return true;
                        }

                        break;
                    case IPropertyReferenceOperation { Property.Name: "Headers" } headers when SymbolFacts.IsOrDerivesFrom(headers.Property.ContainingType, types.HttpRequest):
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "Connection", Property.ContainingType: { Name: "HttpContext" } context }
                            when SymbolFacts.IsNamespace(context.ContainingNamespace, "Microsoft.AspNetCore.Http"):
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "GetTypedHeaders" } typed
                            when typed.Arguments.Length == 1 && SymbolFacts.IsOrDerivesFrom(typed.Arguments[0].Value.Type, types.HttpRequest):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A filter on the action, a method it overrides, its controller or a base class that the rule cannot read: an
        /// attribute of the application or a library implementing a filter contract (<c>ActionFilterAttribute</c>,
        /// <c>IAsyncAuthorizationFilter</c>, a filter factory), ASP.NET Core's <c>[TypeFilter]</c>/<c>[ServiceFilter]</c>, which
        /// run such a filter, or a controller overriding <c>OnActionExecuting</c> and the like. ASP.NET Core's own filters
        /// (<c>[RequireHttps]</c>, <c>[Produces]</c>, <c>[ApiController]</c>) do not depend on the caller.
        /// </summary>
        private static bool HasUnreadFilter(IMethodSymbol action)
        {
            for (var method = action; method != null; method = method.OverriddenMethod)
            {
                if (HasFilterAttribute(method))
                {
                    return true;
                }
            }

            for (var type = action.ContainingType; type != null && !IsAspNetCore(type); type = type.BaseType)
            {
                if (HasFilterAttribute(type))
                {
                    return true;
                }
            }

            return ControllerFilterOverrides.Of(action.ContainingType, ControllerFilterMethods, type => !IsAspNetCore(type)).Any();
        }

        private static bool HasFilterAttribute(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && IsUnreadFilter(attributeClass))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsUnreadFilter(INamedTypeSymbol attributeClass)
        {
            if (IsAspNetCore(attributeClass))
            {
                return attributeClass.Name is "TypeFilterAttribute" or "ServiceFilterAttribute";
            }

            foreach (var implemented in attributeClass.AllInterfaces)
            {
                if (FilterInterfaces.Contains(implemented.Name) && SymbolFacts.IsNamespace(implemented.ContainingNamespace, FiltersNamespace))
                {
                    return true;
                }

                // Microsoft.Identity.Web's [RequiredScope] / [RequiredScopeOrAppPermission] (from 2.0 metadata for its
                // authorization handler, before that a type filter): only callers whose token carries the scope are to get
                // the response (found on every controller of a packaging account facade).
                if (implemented.Name is "IAuthRequiredScopeMetadata" or "IAuthRequiredScopeOrAppPermissionMetadata"
                    && SymbolFacts.IsWithinNamespace(implemented.ContainingNamespace, "Microsoft.Identity.Web"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAspNetCore(INamedTypeSymbol type)
            => SymbolFacts.IsWithinNamespace(type.ContainingNamespace, "Microsoft.AspNetCore");
    }
}
