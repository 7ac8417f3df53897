using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>ASP.NET Core types whose instances serve requests (docs/concepts.md#controller, #per-request-type).</summary>
    internal sealed partial class SemanticContext
    {
        // Results that never carry a body: status codes alone, redirects, authentication challenges.
        private static readonly string[] BodilessResultTypeNames =
        {
            "Microsoft.AspNetCore.Mvc.EmptyResult", "Microsoft.AspNetCore.Mvc.RedirectResult", "Microsoft.AspNetCore.Mvc.RedirectToActionResult",
            "Microsoft.AspNetCore.Mvc.RedirectToPageResult", "Microsoft.AspNetCore.Mvc.RedirectToRouteResult", "Microsoft.AspNetCore.Mvc.LocalRedirectResult",
            "Microsoft.AspNetCore.Mvc.ChallengeResult", "Microsoft.AspNetCore.Mvc.ForbidResult", "Microsoft.AspNetCore.Mvc.SignInResult",
            "Microsoft.AspNetCore.Mvc.SignOutResult",
            "Microsoft.AspNetCore.Http.HttpResults.NoContent", "Microsoft.AspNetCore.Http.HttpResults.Ok", "Microsoft.AspNetCore.Http.HttpResults.NotFound",
            "Microsoft.AspNetCore.Http.HttpResults.BadRequest", "Microsoft.AspNetCore.Http.HttpResults.Conflict", "Microsoft.AspNetCore.Http.HttpResults.Accepted",
            "Microsoft.AspNetCore.Http.HttpResults.UnprocessableEntity", "Microsoft.AspNetCore.Http.HttpResults.InternalServerError",
            "Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult", "Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult",
            "Microsoft.AspNetCore.Http.HttpResults.RedirectToRouteHttpResult", "Microsoft.AspNetCore.Http.HttpResults.UnauthorizedHttpResult",
            "Microsoft.AspNetCore.Http.HttpResults.ForbidHttpResult", "Microsoft.AspNetCore.Http.HttpResults.ChallengeHttpResult",
            "Microsoft.AspNetCore.Http.HttpResults.SignInHttpResult", "Microsoft.AspNetCore.Http.HttpResults.SignOutHttpResult",
            "Microsoft.AspNetCore.Http.HttpResults.EmptyHttpResult",
        };

        // Server-rendered HTML pages: out of scope like Razor Pages, since pages are usually personalised.
        private static readonly string[] ViewResultTypeNames =
        {
            "Microsoft.AspNetCore.Mvc.ViewResult", "Microsoft.AspNetCore.Mvc.PartialViewResult", "Microsoft.AspNetCore.Mvc.ViewComponentResult",
        };

        // The simple names of both lists: most types a handler returns are ruled out by name, with no lookup.
        private static readonly HashSet<string> ResultTypeSimpleNames = new HashSet<string>(
            BodilessResultTypeNames.Concat(ViewResultTypeNames).Select(name => name.Substring(name.LastIndexOf('.') + 1)), StringComparer.Ordinal);

        /// <summary>A result type that never carries a response body (not the generic <c>Ok&lt;T&gt;</c> and the like).</summary>
        public bool IsBodilessResultType(INamedTypeSymbol type) => IsOneOf(type, BodilessResultTypeNames);

        /// <summary>An MVC result that renders a view.</summary>
        public bool IsViewResultType(INamedTypeSymbol type) => IsOneOf(type, ViewResultTypeNames);

        private bool IsOneOf(INamedTypeSymbol type, string[] metadataNames)
        {
            if (type.Arity != 0 || !ResultTypeSimpleNames.Contains(type.Name))
            {
                return false;
            }

            foreach (var name in metadataNames)
            {
                if (SymbolEqualityComparer.Default.Equals(type, Get(name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="type"/> is a controller by ASP.NET Core's own conventions: a public, top-level,
        /// non-generic, non-abstract class that derives from <c>ControllerBase</c>, carries <c>[Controller]</c>
        /// (<c>[ApiController]</c> included, inherited from a base) or is named <c>…Controller</c>, and is not
        /// <c>[NonController]</c>.
        /// </summary>
        public bool IsController(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType || type.DeclaredAccessibility != Accessibility.Public
                || type.ContainingType != null || SymbolFacts.HasAttribute(type, NonControllerAttribute, inherit: true))
            {
                return false;
            }

            return type.Name.EndsWith("Controller", StringComparison.Ordinal) || IsControllerByType(type);
        }

        /// <summary>
        /// Types whose instances live for one request (or one hub call): controllers, the abstract base controllers
        /// they derive from (generic ones too), Razor page models, SignalR hubs and FastEndpoints endpoint classes
        /// (which take scoped services in their constructors). Instance state of such a type is created once per request.
        /// </summary>
        public bool IsPerRequestType(INamedTypeSymbol type)
            => IsController(type)
            || (type.IsAbstract && type.TypeKind == TypeKind.Class && IsControllerByType(type)
                && !SymbolFacts.HasAttribute(type, NonControllerAttribute, inherit: true))
            || SymbolFacts.IsOrDerivesFrom(type, PageModel)
            || SymbolFacts.IsOrDerivesFrom(type, Hub)
            || IsFastEndpointsEndpoint(type);

        /// <summary>A FastEndpoints endpoint class: it derives from FastEndpoints' <c>BaseEndpoint</c>.</summary>
        public bool IsFastEndpointsEndpoint(INamedTypeSymbol type) => SymbolFacts.DerivesFrom(type, FastEndpointsBaseEndpoint);

        /// <summary>Derives from <c>ControllerBase</c> or carries <c>[Controller]</c>, here or on a base.</summary>
        private bool IsControllerByType(INamedTypeSymbol type)
            => SymbolFacts.DerivesFrom(type, ControllerBase) || SymbolFacts.HasAttribute(type, ControllerAttribute, inherit: true);
    }
}
