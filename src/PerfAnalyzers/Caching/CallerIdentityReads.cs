using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// Whether a handler builds its response from who the caller is (docs/rules/PERF301.md, "Personalised endpoints"):
    /// it reads a <c>ClaimsPrincipal</c> (<c>User</c>, <c>HttpContext.User</c>, a bound parameter,
    /// <c>IHttpContextAccessor.HttpContext.User</c>), the request's cookies or <c>Authorization</c> header, or asks the
    /// authentication handler for a token. The code fix also reads the source methods and property getters the handler
    /// calls, up to three calls down (a service asking a current-user service), also through an interface, wherever
    /// declared, implemented in source. A shared
    /// cache must never store such a response.
    /// </summary>
    internal static class CallerIdentityReads
    {
        private const int MaxFollowed = 48;

        /// <summary>How many calls down the code fix reads a handler's callees.</summary>
        private const int MaxLevels = 3;
        private const int MaxImplementations = 8;

        /// <summary>
        /// The handler's own reads only: its parameters and its body, which the analyzer already has bound. What the
        /// analyzer asks on every build and keystroke.
        /// </summary>
        public static bool ReadsIdentityItself(IMethodSymbol handler, IOperation? body, SemanticContext types)
            => types.ClaimsPrincipal != null && (HasIdentityParameter(handler, types) || (body != null && ReadsDirectly(body, types, null)));

        /// <summary>
        /// The handler's own reads and those of the source members it calls, up to <see cref="MaxLevels"/> calls down.
        /// Reading a callee means binding its body, often in another file, so the code fix asks this when it is applied,
        /// not the analyzer.
        /// </summary>
        public static bool ReadsIdentity(IMethodSymbol handler, IOperation? body, SemanticContext types, Compilation compilation, CancellationToken cancellationToken)
        {
            if (types.ClaimsPrincipal == null)
            {
                return false;
            }

            if (HasIdentityParameter(handler, types))
            {
                return true;
            }

            if (body == null)
            {
                return false;
            }

            var followed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var callees = new List<IMethodSymbol>();
            if (ReadsDirectly(body, types, callees))
            {
                return true;
            }

            // Level by level: a controller's service (1) asks a current-user service (2) that reads the claims (found
            // in OoS-Backend's admin search, where one level down let the fix offer a shared policy).
            for (var level = 1; level <= MaxLevels && callees.Count > 0; level++)
            {
                var next = level < MaxLevels ? new List<IMethodSymbol>() : null;
                foreach (var callee in callees)
                {
                    foreach (var implementation in Implementations(callee, types))
                    {
                        if (followed.Count >= MaxFollowed || !followed.Add(implementation))
                        {
                            continue;
                        }

                        var calleeBody = SourceBody(implementation, compilation, cancellationToken);
                        if (calleeBody != null && ReadsDirectly(calleeBody, types, next))
                        {
                            return true;
                        }
                    }
                }

                callees = next ?? new List<IMethodSymbol>();
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="value"/> comes from the caller's identity: it reads it directly, through a local
        /// assigned once (or a member of one), or through a source member it calls (one level down).
        /// </summary>
        public static bool ComesFromIdentity(IOperation value, SemanticContext types, Compilation compilation, CancellationToken cancellationToken)
        {
            if (types.ClaimsPrincipal == null)
            {
                return false;
            }

            value = value.WalkDownConversion();

            // user.Id, where var user = await GetCurrentUserAsync(): a member of a local assigned once comes from that
            // local's value (found in AliasVault's controllers, whose base class looks the user up from the claims).
            var owner = value;
            while (owner is IPropertyReferenceOperation { Instance: not null, Property.IsIndexer: false } or IFieldReferenceOperation { Instance: not null })
            {
                owner = ((IMemberReferenceOperation)owner).Instance!.WalkDownConversion();
            }

            if (owner is ILocalReferenceOperation local && Database.EfQueryModel.TryGetSingleValue(local, out var written) && written != null)
            {
                value = written;
            }

            var callees = new List<IMethodSymbol>();
            if (ReadsDirectly(value, types, callees))
            {
                return true;
            }

            var followed = 0;
            foreach (var callee in callees)
            {
                foreach (var implementation in Implementations(callee, types))
                {
                    if (++followed > MaxFollowed)
                    {
                        return false;
                    }

                    var calleeBody = SourceBody(implementation, compilation, cancellationToken);
                    if (calleeBody != null && ReadsDirectly(calleeBody, types, null))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasIdentityParameter(IMethodSymbol handler, SemanticContext types)
        {
            foreach (var parameter in handler.Parameters)
            {
                if (IsIdentityType(parameter.Type, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReadsDirectly(IOperation body, SemanticContext types, List<IMethodSymbol>? callees)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation property:
                        if (IsIdentityType(property.Type, types) || SymbolFacts.IsOrImplements(property.Type, types.RequestCookieCollection))
                        {
                            return true;
                        }

                        if (IsAuthorizationHeader(property, types))
                        {
                            return true;
                        }

                        // A context's DbSet property only hands out the set; reading its body would also make the
                        // compiler build every member of the context, which grows with the model.
                        if (property.Property.GetMethod is { } getter && !types.IsDbSet(property.Type))
                        {
                            callees?.Add(getter);
                        }

                        break;
                    case IParameterReferenceOperation or IFieldReferenceOperation or ILocalReferenceOperation when IsIdentityType(operation.Type, types):
                        return true;
                    case IInvocationOperation invocation:
                        if (IsIdentityType(invocation.Type, types) || IsTokenRead(invocation) || IsAuthorizationHeaderLookup(invocation, types))
                        {
                            return true;
                        }

                        callees?.Add(invocation.TargetMethod);
                        break;
                }
            }

            return false;
        }

        private static bool IsIdentityType(ITypeSymbol? type, SemanticContext types)
            => type != null && (SymbolFacts.IsOrDerivesFrom(type, types.ClaimsPrincipal) || SymbolFacts.IsOrDerivesFrom(type, types.ClaimsIdentity));

        // HttpContext.GetTokenAsync("access_token") / AuthenticateAsync(): the handler reads the caller's credentials.
        private static bool IsTokenRead(IInvocationOperation invocation)
            => invocation.TargetMethod.Name is "GetTokenAsync" or "AuthenticateAsync"
            && invocation.TargetMethod.ContainingType?.Name == "AuthenticationHttpContextExtensions";

        // Request.Headers.Authorization, Request.Headers["Authorization"], Request.Headers[HeaderNames.Authorization].
        internal static bool IsAuthorizationHeader(IPropertyReferenceOperation property, SemanticContext types)
        {
            // The shape first: most property reads are neither an indexer nor named Authorization.
            var shaped = property.Property.IsIndexer
                ? property.Arguments.Length == 1 && IsAuthorizationKey(property.Arguments[0].Value, types)
                : property.Property.Name == "Authorization";
            return shaped
                && (SymbolFacts.IsOrImplements(property.Instance?.Type, types.HeaderDictionary) || SymbolFacts.IsOrImplements(property.Property.ContainingType, types.HeaderDictionary));
        }

        // Request.Headers.TryGetValue("Authorization", out ..).
        internal static bool IsAuthorizationHeaderLookup(IInvocationOperation invocation, SemanticContext types)
        {
            // The key first: most calls pass no "Authorization" argument.
            var passesKey = false;
            foreach (var argument in invocation.Arguments)
            {
                if (IsAuthorizationKey(argument.Value, types))
                {
                    passesKey = true;
                    break;
                }
            }

            var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            return passesKey && SymbolFacts.IsOrImplements(receiver?.WalkDownConversion().Type, types.HeaderDictionary);
        }

        private static bool IsAuthorizationKey(IOperation key, SemanticContext types)
        {
            key = key.WalkDownConversion();
            if (key.ConstantValue is { HasValue: true, Value: string text })
            {
                return string.Equals(text, "Authorization", StringComparison.OrdinalIgnoreCase);
            }

            return key is IFieldReferenceOperation { Field.Name: "Authorization" } field && SymbolFacts.Is(field.Field.ContainingType, types.HeaderNames);
        }

        /// <summary>
        /// The member itself when it has a body in source. For an interface member, its implementations among the types
        /// declared in source, found through the index of base-list names, whether the interface is declared here, in
        /// another project or in a package; for an abstract member of a class declared in source, its overrides in the
        /// class's namespace.
        /// </summary>
        private static IEnumerable<IMethodSymbol> Implementations(IMethodSymbol method, SemanticContext types)
        {
            if (!method.IsAbstract)
            {
                if (method.DeclaringSyntaxReferences.Length != 0)
                {
                    yield return method;
                }

                yield break;
            }

            var contract = method.ContainingType;
            if (contract == null)
            {
                yield break;
            }

            if (contract.TypeKind == TypeKind.Interface)
            {
                // Any interface, wherever it is declared (this project, another project, a package): a current-user
                // service implemented here may answer for a contract declared elsewhere.
                var implementations = types.SourceImplementations(method);
                for (var i = 0; implementations != null && i < implementations.Count && i < MaxImplementations; i++)
                {
                    yield return implementations[i];
                }

                yield break;
            }

            if (method.DeclaringSyntaxReferences.Length == 0 || contract.ContainingNamespace is not { } ns)
            {
                yield break;
            }

            var found = 0;
            foreach (var type in ns.GetTypeMembers())
            {
                if (type.TypeKind != TypeKind.Class || type.IsAbstract || !Extends(type, contract))
                {
                    continue;
                }

                var implementation = FindOverride(type, method);
                if (implementation != null && ++found <= MaxImplementations)
                {
                    yield return implementation;
                }
            }
        }

        private static bool Extends(INamedTypeSymbol type, INamedTypeSymbol baseClass)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseClass.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static IMethodSymbol? FindOverride(INamedTypeSymbol type, IMethodSymbol method)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(method.Name))
                {
                    for (var overridden = (member as IMethodSymbol)?.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method.OriginalDefinition))
                        {
                            return (IMethodSymbol)member;
                        }
                    }
                }
            }

            return null;
        }

        internal static IOperation? SourceBody(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            if (method.DeclaringSyntaxReferences.Length == 0)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                return null;
            }

            // A member the handler calls, perhaps in another file: only its own body is bound.
#pragma warning disable RS1030
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(syntax, cancellationToken);
        }
    }
}
