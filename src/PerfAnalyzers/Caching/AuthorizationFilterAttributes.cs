using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// An application's own authorization attribute, which requires authorization as <c>[Authorize]</c> does (see
    /// docs/rules/PERF301.md, "What is not flagged"):
    /// <list type="bullet">
    /// <item>a class of the compilation implementing MVC's <c>IAuthorizationFilter</c> or <c>IAsyncAuthorizationFilter</c>
    /// whose <c>OnAuthorization(Async)</c> sets the context's <c>Result</c>, which rejects the request (<c>[RequireUser]</c>,
    /// <c>[RequireAdmin]</c>, found in GZCTF);</item>
    /// <item><c>[TypeFilter(typeof(F))]</c> / <c>[ServiceFilter(typeof(F))]</c>, or an attribute of the compilation deriving
    /// from <c>TypeFilterAttribute</c> whose constructor passes <c>typeof(F)</c> to its base, where <c>F</c> is such a
    /// filter (mixcore's <c>[MixAuthorize]</c> over its <c>AuthorizeActionFilter</c>);</item>
    /// <item>a filter factory attribute of the compilation (<c>IFilterFactory</c>) whose <c>CreateInstance</c> creates such a
    /// filter, or hands back one a service builds and is named as a filter of another project must be (below): Kyoo's
    /// <c>[PartialPermission(Kind.Read)]</c> asks its permission validator for an authorization filter;</item>
    /// <item>an attribute or filter of another project of the application, whose body a build cannot read, judged by its
    /// declaration: a filter attribute (one of the two interfaces, a filter factory, or <c>TypeFilterAttribute</c> /
    /// <c>ServiceFilterAttribute</c>) whose name says it authorizes (<c>Authoriz…</c> or <c>…Permission…</c>, not
    /// <c>…Optional…</c> or <c>…Anonymous…</c>);</item>
    /// <item>an attribute that does not bind, whose name says it authorizes the same way.</item>
    /// </list>
    /// </summary>
    internal static class AuthorizationFilterAttributes
    {
        private const string FiltersNamespace = "Microsoft.AspNetCore.Mvc.Filters";

        private static readonly string[] FilterMethodNames = { "OnAuthorization", "OnAuthorizationAsync" };

        /// <summary>True when an attribute on <paramref name="symbol"/> is such an authorization filter.</summary>
        public static bool Requires(ISymbol symbol, SemanticContext types)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is not { } attributeClass)
                {
                    continue;
                }

                if (attributeClass.TypeKind == TypeKind.Error)
                {
                    // A package's attribute that does not bind (not restored, half-typed code): a build that binds it
                    // judges an unsigned package's filter by its name, so the name decides here too
                    // ([AuthorizeEndpointByGroups("..")] of a council's shared authorization package).
                    if (NamesAuthorization(attributeClass.Name))
                    {
                        return true;
                    }

                    continue;
                }

                if (IsFrameworkFilterAttribute(attributeClass))
                {
                    // [TypeFilter(typeof(AuthFilter))] / [ServiceFilter(typeof(AuthFilter))]: the filter named.
                    if (attribute.ConstructorArguments.Length > 0
                        && attribute.ConstructorArguments[0].Value is INamedTypeSymbol filter
                        && IsRejectingFilter(filter, types, depth: 1))
                    {
                        return true;
                    }

                    continue;
                }

                if (IsRejectingFilter(attributeClass, types, depth: 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRejectingFilter(INamedTypeSymbol type, SemanticContext types, int depth)
        {
            var implementsFilter = ImplementsAuthorizationFilter(type);
            var typeFilter = !implementsFilter && DerivesFromFrameworkFilterAttribute(type);

            // TypeFilterAttribute and ServiceFilterAttribute are filter factories too, read above by the filter they name.
            var factory = !implementsFilter && !typeFilter && ImplementsFiltersInterface(type, "IFilterFactory");
            if (!implementsFilter && !factory && !typeFilter)
            {
                return false;
            }

            if (!types.IsDeclaredInCompilation(type))
            {
                // Another project's filter: the same answer in a build (metadata) and in the IDE (its source), from the name.
                return types.IsDeclaredByApplication(type) && NamesAFilterThatAuthorizes(type.Name);
            }

            if (typeFilter)
            {
                return depth < 2 && FilterPassedToBase(type, types) is { } filter && IsRejectingFilter(filter, types, depth + 1);
            }

            if (factory)
            {
                return depth < 2 && CreatesARejectingFilter(type, types, depth);
            }

            // The filter method may be declared on a base attribute (RequireUserAttribute : RequirePrivilegeAttribute).
            for (var current = type; current != null && types.IsDeclaredInCompilation(current); current = current.BaseType)
            {
                foreach (var name in FilterMethodNames)
                {
                    foreach (var member in current.GetMembers(name))
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

        /// <summary>A type name that says it authorizes: it contains <c>Authoriz</c>, and neither <c>Optional</c> nor <c>Anonymous</c>.</summary>
        internal static bool NamesAuthorization(string name)
            => name.IndexOf("Authoriz", StringComparison.Ordinal) >= 0
            && name.IndexOf("Optional", StringComparison.Ordinal) < 0
            && name.IndexOf("Anonymous", StringComparison.Ordinal) < 0;

        /// <summary>
        /// The name of a filter of another project that says it authorizes: <see cref="NamesAuthorization"/>, or it names a
        /// permission check (<c>Permission</c>, neither <c>Optional</c> nor <c>Anonymous</c>; Kyoo's <c>[Permission]</c> and
        /// <c>[PartialPermission]</c> filter factories, which authorize every action of its API). Asked only of a type that
        /// is a filter, so a marker attribute of that name does not count.
        /// </summary>
        private static bool NamesAFilterThatAuthorizes(string name)
            => NamesAuthorization(name)
            || (name.IndexOf("Permission", StringComparison.Ordinal) >= 0
                && name.IndexOf("Optional", StringComparison.Ordinal) < 0
                && name.IndexOf("Anonymous", StringComparison.Ordinal) < 0);

        private static bool ImplementsAuthorizationFilter(INamedTypeSymbol type)
            => ImplementsFiltersInterface(type, "IAuthorizationFilter") || ImplementsFiltersInterface(type, "IAsyncAuthorizationFilter");

        private static bool ImplementsFiltersInterface(INamedTypeSymbol type, string name)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == name && SymbolFacts.IsNamespace(implemented.ContainingNamespace, FiltersNamespace))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A filter factory of the compilation whose <c>CreateInstance</c> (its own or a base class's in source) returns a
        /// filter it creates in place that rejects requests, or hands back what something else builds (a service:
        /// <c>serviceProvider.GetRequiredService&lt;IPermissionValidator&gt;().Create(this)</c>) while its name says it
        /// authorizes. A factory that creates only other filters in place does not count.
        /// </summary>
        private static bool CreatesARejectingFilter(INamedTypeSymbol factory, SemanticContext types, int depth)
        {
            var returnsWhatItDoesNotCreate = false;
            for (var current = factory; current != null && types.IsDeclaredInCompilation(current); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    // public IFilterMetadata CreateInstance(..), or IFilterFactory.CreateInstance(..) implemented explicitly.
                    if (member is not IMethodSymbol { IsStatic: false, Parameters.Length: 1, Name: var name } method
                        || !(name == "CreateInstance" || name.EndsWith(".CreateInstance", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    foreach (var body in DeclarationSyntax.BodiesOf(method))
                    {
                        foreach (var returned in ReturnedExpressions(body))
                        {
                            if (returned is not BaseObjectCreationExpressionSyntax creation)
                            {
                                returnsWhatItDoesNotCreate = true;
                                continue;
                            }

                            // One created type in another file, read only for an attribute on an endpoint being judged.
#pragma warning disable RS1030
                            var model = types.Compilation.GetSemanticModel(creation.SyntaxTree);
#pragma warning restore RS1030
                            if (model.GetTypeInfo(creation).Type is INamedTypeSymbol created && IsRejectingFilter(created, types, depth + 1))
                            {
                                return true;
                            }
                        }
                    }

                    // The nearest CreateInstance is the one that runs.
                    return returnsWhatItDoesNotCreate && NamesAFilterThatAuthorizes(factory.Name);
                }
            }

            return false;
        }

        private static IEnumerable<ExpressionSyntax> ReturnedExpressions(SyntaxNode body)
        {
            if (body is ArrowExpressionClauseSyntax arrow)
            {
                yield return arrow.Expression;
                yield break;
            }

            foreach (var node in body.DescendantNodes(descendIntoChildren: child => child is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax { Expression: { } value })
                {
                    yield return value;
                }
            }
        }

        private static bool IsFrameworkFilterAttribute(INamedTypeSymbol type)
            => type.Name is "TypeFilterAttribute" or "ServiceFilterAttribute" && SymbolFacts.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Mvc");

        private static bool DerivesFromFrameworkFilterAttribute(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (IsFrameworkFilterAttribute(current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The <c>F</c> of <c>: base(typeof(F))</c> in a constructor of <paramref name="attribute"/>, or null.</summary>
        private static INamedTypeSymbol? FilterPassedToBase(INamedTypeSymbol attribute, SemanticContext types)
        {
            foreach (var constructor in attribute.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is ConstructorDeclarationSyntax { Initializer: { ArgumentList.Arguments: { Count: > 0 } arguments } }
                        && arguments[0].Expression is TypeOfExpressionSyntax typeOf)
                    {
                        // One type name in another file, read only for an attribute on an endpoint being judged.
#pragma warning disable RS1030
                        var model = types.Compilation.GetSemanticModel(typeOf.SyntaxTree);
#pragma warning restore RS1030
                        if (model.GetTypeInfo(typeOf.Type).Type is INamedTypeSymbol filter)
                        {
                            return filter;
                        }
                    }
                }
            }

            return null;
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
