using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// Health and liveness probes written as ordinary endpoints (<c>HealthController.Get</c>, <c>MapGet("/live", ..)</c>
    /// on a <c>/health</c> group). A probe must answer with the service's state at the moment it is asked, so no
    /// caching policy is a decision to make for it; ASP.NET Core's own health-check middleware sends
    /// <c>no-store, no-cache</c> unless told otherwise. PERF301 leaves them alone (docs/rules/PERF301.md, "Health probes").
    /// Only exact names count: <c>/health-records/{id}</c> or <c>GetHealthPlan</c> are data endpoints like any other.
    /// </summary>
    internal static class HealthProbes
    {
        /// <summary>Words that name a probe wherever they stand in a route or a name.</summary>
        private static readonly HashSet<string> ProbeWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "health", "healthz", "healthcheck", "healthchecks", "health-check", "health-checks",
            "livez", "liveness", "readyz", "readiness", "isalive", "ping", "heartbeat",

            // A session keep-alive a page calls while a form is open: a cached answer would not reach the server, and
            // the session would lapse (found in an academies application site's CookiesController.KeepAlive).
            "keepalive", "keep-alive",
        };

        /// <summary>
        /// Words that name a probe only as a whole route (<c>/live</c>, <c>ready</c>); <c>/matches/live</c>, or
        /// <c>/ready</c> on an <c>/orders</c> group, are data.
        /// </summary>
        private static readonly HashSet<string> WholeRouteProbeWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "live", "ready", "alive", "hc" };

        /// <summary>
        /// A route template that names a probe: a segment <c>/health</c>, <c>api/ping</c>, <c>/health/ready</c>, or, when
        /// <paramref name="wholeRoute"/> says the template is the endpoint's whole route (no group or controller prefix),
        /// <c>/live</c> or <c>/ready</c>.
        /// </summary>
        public static bool IsProbeRoute(string? template, bool wholeRoute = false)
        {
            if (template == null)
            {
                return false;
            }

            // [HttpGet("~/alive")]: an application-root route of a controller action, the same route as "/alive".
            if (template.StartsWith("~/", StringComparison.Ordinal))
            {
                template = template.Substring(1);
            }

            var segments = template.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var segment in segments)
            {
                if (ProbeWords.Contains(segment.Trim()))
                {
                    return true;
                }
            }

            return wholeRoute && segments.Length == 1 && WholeRouteProbeWords.Contains(segments[0].Trim());
        }

        /// <summary>A controller or action named after a probe: <c>HealthController</c>, <c>GetHealth</c>, <c>Ping</c>, <c>GetLiveness</c>.</summary>
        public static bool IsProbeName(string name)
        {
            name = StripSuffix(name, "Async");
            name = StripSuffix(name, "Controller");
            if (name.StartsWith("Get", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3]))
            {
                name = name.Substring(3);
            }

            return ProbeWords.Contains(name);
        }

        /// <summary>
        /// A controller action that is a probe: by its name, its controller's name, or a segment of a route template
        /// on the action or the controller (<c>[HttpGet("ping")]</c>, <c>[Route("health")]</c>). The words that count
        /// only as a whole route (<c>alive</c>, <c>live</c>, <c>ready</c>, <c>hc</c>) count when the template is the
        /// action's whole route, as for a minimal endpoint mapped on the application: an action template rooted with
        /// <c>~/</c> or <c>/</c> (<c>[HttpGet("~/alive")]</c>, which ignores the controller's route), an action template on
        /// a controller with no route template, or a controller template of an action that adds none.
        /// </summary>
        public static bool IsProbeAction(IMethodSymbol action)
        {
            if (IsProbeName(action.Name) || IsProbeName(action.ContainingType.Name))
            {
                return true;
            }

            var actionRoute = ProbeRoute(action);
            var controllerRoute = ProbeRoute(action.ContainingType);
            if (actionRoute == RouteVerdict.Probe || controllerRoute == RouteVerdict.Probe)
            {
                return true;
            }

            // Rare: a whole-route word was seen; only now ask where the template stands.
            return (actionRoute == RouteVerdict.ProbeIfWholeRoute && !HasRouteTemplate(action.ContainingType))
                || (controllerRoute == RouteVerdict.ProbeIfWholeRoute && !HasRouteTemplate(action));
        }

        /// <summary>
        /// A handler that asks EF Core about the database itself, whether it can connect or which migrations are applied
        /// (<c>context.Database.CanConnectAsync()</c>, <c>GetPendingMigrations()</c>): it reports the service's state, as a
        /// readiness probe does (found in AliasVault's root endpoint, which answers 500 while migrations are pending).
        /// Read from the body, only for a handler about to be reported.
        /// </summary>
        public static bool ChecksTheDatabase(IOperation? body)
        {
            if (body == null)
            {
                return false;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is IInvocationOperation
                    {
                        TargetMethod:
                        {
                            Name: "CanConnect" or "CanConnectAsync" or "GetPendingMigrations" or "GetPendingMigrationsAsync" or "GetAppliedMigrations" or "GetAppliedMigrationsAsync",
                            ContainingType.Name: "DatabaseFacade" or "RelationalDatabaseFacadeExtensions",
                        } method,
                    }
                    && SymbolFacts.IsNamespace(method.ContainingType.ContainingNamespace, method.ContainingType.Name == "DatabaseFacade" ? "Microsoft.EntityFrameworkCore.Infrastructure" : "Microsoft.EntityFrameworkCore"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A minimal-API handler that takes <c>HealthCheckService</c>: it reports the checks' results.</summary>
        public static bool RunsHealthChecks(IMethodSymbol handler)
        {
            foreach (var parameter in handler.Parameters)
            {
                // By name first: resolving the type would cost a lookup in every compilation for a rare parameter.
                if (parameter.Type.Name == "HealthCheckService"
                    && SymbolFacts.IsNamespace(parameter.Type.ContainingNamespace, "Microsoft.Extensions.Diagnostics.HealthChecks"))
                {
                    return true;
                }
            }

            return false;
        }

        private enum RouteVerdict
        {
            None,
            ProbeIfWholeRoute,
            Probe,
        }

        // [Route("health")], [HttpGet("ping")]: ASP.NET Core's route attributes, told by name (RouteAttribute, Http*Attribute
        // in Microsoft.AspNetCore.Mvc) to keep this check free of type lookups. A template that is a whole-route word
        // (alive, live, ready, hc) is a probe when it is the whole route: rooted (~/alive, /alive) on an action, or
        // otherwise as the caller decides from the templates around it.
        private static RouteVerdict ProbeRoute(ISymbol symbol)
        {
            var verdict = RouteVerdict.None;
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!IsRouteAttribute(attribute, out var template))
                {
                    continue;
                }

                if (IsProbeRoute(template))
                {
                    return RouteVerdict.Probe;
                }

                if (IsProbeRoute(template, wholeRoute: true))
                {
                    var rooted = template.StartsWith("/", StringComparison.Ordinal) || template.StartsWith("~/", StringComparison.Ordinal);
                    if (rooted && symbol is IMethodSymbol)
                    {
                        return RouteVerdict.Probe;
                    }

                    verdict = RouteVerdict.ProbeIfWholeRoute;
                }
            }

            return verdict;
        }

        /// <summary>
        /// A route template on the action (<c>[HttpGet("x")]</c>) or on the controller or a base class
        /// (<c>[Route("api/orders")]</c>, inherited), which an action's own template is appended to.
        /// </summary>
        private static bool HasRouteTemplate(ISymbol symbol)
        {
            for (var current = symbol; current != null; current = (current as INamedTypeSymbol)?.BaseType)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (IsRouteAttribute(attribute, out var template) && template.Length > 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The attribute route of a controller action, as far as attributes tell: the action's own template when it starts
        /// at the root (<c>/</c>, <c>~/</c>) or its controller has none, otherwise the controller's (or a base class's)
        /// <c>[Route]</c> template followed by the action's. Null for a conventionally routed action.
        /// </summary>
        public static string? AttributeRoute(IMethodSymbol action)
        {
            string? actionTemplate = null;
            foreach (var attribute in action.GetAttributes())
            {
                if (IsRouteAttribute(attribute, out var template))
                {
                    actionTemplate = template;
                    break;
                }
            }

            if (actionTemplate != null && (actionTemplate.StartsWith("/", StringComparison.Ordinal) || actionTemplate.StartsWith("~/", StringComparison.Ordinal)))
            {
                return actionTemplate.TrimStart('~', '/');
            }

            for (INamedTypeSymbol? type = action.ContainingType; type != null; type = type.BaseType)
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "RouteAttribute" && IsRouteAttribute(attribute, out var controllerTemplate))
                    {
                        var prefix = controllerTemplate.TrimStart('~', '/');
                        return string.IsNullOrEmpty(actionTemplate) ? prefix : prefix.TrimEnd('/') + "/" + actionTemplate;
                    }
                }
            }

            return actionTemplate;
        }

        private static bool IsRouteAttribute(AttributeData attribute, out string template)
        {
            template = string.Empty;

            // Value throws on an array argument ([Tags("a", "b")], params string[]): read it only on a single value.
            if (attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                && attribute.ConstructorArguments[0].Value is string value
                && attribute.AttributeClass is { } attributeClass
                && (attributeClass.Name == "RouteAttribute" || (attributeClass.Name.StartsWith("Http", StringComparison.Ordinal) && attributeClass.Name.EndsWith("Attribute", StringComparison.Ordinal)))
                && SymbolFacts.IsNamespace(attributeClass.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
            {
                template = value;
                return true;
            }

            return false;
        }

        private static string StripSuffix(string name, string suffix)
            => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - suffix.Length) : name;
    }
}
