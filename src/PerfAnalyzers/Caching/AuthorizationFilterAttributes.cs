using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// An application's own authorization attribute: a class of the compilation implementing MVC's
    /// <c>IAuthorizationFilter</c> or <c>IAsyncAuthorizationFilter</c> whose <c>OnAuthorization(Async)</c> sets the
    /// context's <c>Result</c>, which rejects the request (<c>[RequireUser]</c>, <c>[RequireAdmin]</c>, found in GZCTF). It
    /// requires authorization as <c>[Authorize]</c> does. See docs/rules/PERF301.md, "What is not flagged".
    /// </summary>
    internal static class AuthorizationFilterAttributes
    {
        private const string FiltersNamespace = "Microsoft.AspNetCore.Mvc.Filters";

        private static readonly string[] FilterMethodNames = { "OnAuthorization", "OnAuthorizationAsync" };

        /// <summary>True when an attribute on <paramref name="symbol"/> is such an authorization filter.</summary>
        public static bool Requires(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && IsRejectingFilter(attributeClass))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRejectingFilter(INamedTypeSymbol attributeClass)
        {
            if (!ImplementsAuthorizationFilter(attributeClass))
            {
                return false;
            }

            // The filter method may be declared on a base attribute (RequireUserAttribute : RequirePrivilegeAttribute).
            for (var type = attributeClass; type != null && type.DeclaringSyntaxReferences.Length > 0; type = type.BaseType)
            {
                foreach (var name in FilterMethodNames)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IMethodSymbol { IsStatic: false } method && SetsTheResult(method))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool ImplementsAuthorizationFilter(INamedTypeSymbol type)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name is "IAuthorizationFilter" or "IAsyncAuthorizationFilter"
                    && SymbolFacts.IsNamespace(implemented.ContainingNamespace, FiltersNamespace))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>context.Result = ..</c> on the method's context parameter: the filter answers instead of the action.</summary>
        private static bool SetsTheResult(IMethodSymbol method)
        {
            if (method.Parameters.Length != 1)
            {
                return false;
            }

            var contextName = method.Parameters[0].Name;
            foreach (var body in DeclarationSyntax.BodiesOf(method))
            {
                foreach (var node in body.DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax
                        {
                            Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Expression: IdentifierNameSyntax receiver },
                        }
                        && string.Equals(receiver.Identifier.ValueText, contextName, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
