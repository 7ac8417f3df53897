using System;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>ASP.NET Core types whose instances serve requests (docs/concepts.md#controller, #per-request-type).</summary>
    internal sealed partial class SemanticContext
    {
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
        /// they derive from (generic ones too), Razor page models and SignalR hubs. Instance state of such a type is
        /// created once per request.
        /// </summary>
        public bool IsPerRequestType(INamedTypeSymbol type)
            => IsController(type)
            || (type.IsAbstract && type.TypeKind == TypeKind.Class && IsControllerByType(type)
                && !SymbolFacts.HasAttribute(type, NonControllerAttribute, inherit: true))
            || SymbolFacts.IsOrDerivesFrom(type, PageModel)
            || SymbolFacts.IsOrDerivesFrom(type, Hub);

        /// <summary>Derives from <c>ControllerBase</c> or carries <c>[Controller]</c>, here or on a base.</summary>
        private bool IsControllerByType(INamedTypeSymbol type)
            => SymbolFacts.DerivesFrom(type, ControllerBase) || SymbolFacts.HasAttribute(type, ControllerAttribute, inherit: true);
    }
}
