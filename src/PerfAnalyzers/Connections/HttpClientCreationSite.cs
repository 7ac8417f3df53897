using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>How often the code that creates an HttpClient runs.</summary>
    internal enum HttpClientLifetime
    {
        /// <summary>Lifetime decided elsewhere (e.g. a non-controller instance field, a Lazy, a public factory): say nothing.</summary>
        Unknown,

        /// <summary>Per call, per request or per instance of a per-request type: PERF501.</summary>
        PerOperation,

        /// <summary>Static field, static constructor, static Lazy factory or singleton registration: PERF502's concern.</summary>
        LongLived,

        /// <summary>Program start-up (top-level statements, Main): runs once, not an issue for either rule.</summary>
        Startup,
    }

    /// <summary>Where an HttpClient is created and, from that, how long it lives.</summary>
    internal readonly struct HttpClientCreationSite
    {
        private HttpClientCreationSite(HttpClientLifetime lifetime, string description)
        {
            Lifetime = lifetime;
            Description = description;
        }

        public HttpClientLifetime Lifetime { get; }

        /// <summary>Completes the rule messages, e.g. "in method 'GetWeather'".</summary>
        public string Description { get; }

        public static HttpClientCreationSite Classify(SyntaxNode creation, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            if (IsFallbackOfAResolvedClient(creation))
            {
                return default;
            }

            for (var node = creation.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        return ClassifyLambda(lambda, creation, model, types, cancellationToken);
                    case LocalFunctionStatementSyntax localFunction:
                        return PerOperation($"in local function '{localFunction.Identifier.ValueText}'");
                    case AccessorDeclarationSyntax accessor when accessor.Parent?.Parent is BasePropertyDeclarationSyntax property:
                        return PerOperation($"in the {accessor.Keyword.ValueText} accessor of '{MemberName(property)}'");
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is BasePropertyDeclarationSyntax property:
                        return PerOperation($"in the getter of '{MemberName(property)}'");
                    case ConstructorDeclarationSyntax constructor:
                        return constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                            ? LongLived($"in the static constructor of '{constructor.Identifier.ValueText}'")
                            : PerInstance(constructor, $"by the constructor of '{constructor.Identifier.ValueText}'", model, types, cancellationToken);
                    case MethodDeclarationSyntax method:
                        return ClassifyMethod(method, creation, model, types, cancellationToken);
                    case BaseMethodDeclarationSyntax other:
                        return PerOperation($"in '{other.GetFirstToken().ValueText}'");
                    case VariableDeclaratorSyntax declarator when declarator.Parent?.Parent is BaseFieldDeclarationSyntax field:
                        return IsStatic(field.Modifiers)
                            ? LongLived($"in static field '{declarator.Identifier.ValueText}'")
                            : PerInstance(field, $"by field '{declarator.Identifier.ValueText}'", model, types, cancellationToken);
                    case PropertyDeclarationSyntax property:
                        return IsStatic(property.Modifiers)
                            ? LongLived($"in static property '{property.Identifier.ValueText}'")
                            : PerInstance(property, $"by property '{property.Identifier.ValueText}'", model, types, cancellationToken);
                    case GlobalStatementSyntax _:
                        return new HttpClientCreationSite(HttpClientLifetime.Startup, "at start-up");
                    case BaseTypeDeclarationSyntax _:
                        return default;
                }
            }

            return default;
        }

        private static HttpClientCreationSite ClassifyLambda(AnonymousFunctionExpressionSyntax lambda, SyntaxNode creation, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } })
            {
                if (call is BaseObjectCreationExpressionSyntax lazyCreation
                    && types.IsLazyOfHttpClient(model.GetTypeInfo(lazyCreation, cancellationToken).Type))
                {
                    // A Lazy<HttpClient> creates its client once; it lives as long as the Lazy does.
                    var owner = Classify(lazyCreation, model, types, cancellationToken);
                    return owner.Lifetime == HttpClientLifetime.LongLived
                        ? LongLived("in the Lazy<HttpClient> factory " + owner.Description)
                        : default;
                }

                if (call is InvocationExpressionSyntax invocation && IsSingletonRegistration(invocation, model, types, cancellationToken))
                {
                    return LongLived("registered as a singleton service");
                }
            }

            // Like a non-private factory method: whoever holds the factory decides how often it runs. Checked after the
            // Lazy and singleton cases, which PERF502 still judges.
            if (IsClientFactoryHandedOver(lambda, creation))
            {
                return default;
            }

            return PerOperation("in a lambda");
        }

        /// <summary>
        /// A parameterless lambda whose result is the new client, assigned to a member or handed to a method
        /// (<c>new CosmosClientOptions { HttpClientFactory = () => new HttpClient(handler) }</c>, found in an NHS
        /// appointments service): a client factory given to the object that calls it, and that object decides how often
        /// (the Cosmos SDK calls it once per <c>CosmosClient</c>). Told by syntax alone, so it holds when the holder's
        /// package is not referenced. A lambda that uses the client it creates, or takes a parameter (a per-element
        /// <c>Select</c>, a scoped registration's <c>sp =&gt; ..</c>), is not a factory handed over.
        /// </summary>
        private static bool IsClientFactoryHandedOver(AnonymousFunctionExpressionSyntax lambda, SyntaxNode creation)
        {
            var parameterless = lambda switch
            {
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.Count == 0,
                AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList is null || anonymous.ParameterList.Parameters.Count == 0,
                _ => false,
            };
            if (!parameterless)
            {
                return false;
            }

            var handedOver = lambda.Parent is AssignmentExpressionSyntax assignment && assignment.Right == lambda
                || lambda.Parent is ArgumentSyntax;
            return handedOver && IsTheResultOf(lambda, creation);
        }

        /// <summary><c>() =&gt; new HttpClient(..)</c>, <c>{ return new HttpClient(..); }</c>, or a local holding it that is returned.</summary>
        private static bool IsTheResultOf(AnonymousFunctionExpressionSyntax lambda, SyntaxNode creation)
        {
            var node = creation;
            while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
            {
                node = node.Parent;
            }

            if (lambda.ExpressionBody is { } body)
            {
                return body == node;
            }

            if (lambda.Block is not { } block)
            {
                return false;
            }

            if (node.Parent is ReturnStatementSyntax returned)
            {
                return returned.Parent == block;
            }

            if (node.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax local } } declarator }
                && local.Parent == block
                && local.UsingKeyword.IsKind(SyntaxKind.None))
            {
                var name = declarator.Identifier.ValueText;
                return block.Statements.OfType<ReturnStatementSyntax>().Any(r => r.Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name);
            }

            return false;
        }

        private static HttpClientCreationSite ClassifyMethod(MethodDeclarationSyntax method, SyntaxNode creation, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            var name = method.Identifier.ValueText;
            if (name == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return new HttpClientCreationSite(HttpClientLifetime.Startup, "in Main");
            }

            if (model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol
                && ReturnsHttpClient(symbol.ReturnType, types))
            {
                // A factory method hands the client to its callers, who decide how long it lives.
                return symbol.DeclaredAccessibility == Accessibility.Private
                    ? ClassifyPrivateFactory(method, symbol, model, types, cancellationToken)
                    : default;
            }

            if (CreatedOnStaticCacheMissOnly(creation, method, model, cancellationToken))
            {
                return default;
            }

            return PerOperation($"in method '{name}'");
        }

        /// <summary>
        /// <c>if (Cache.TryGetValue(key, out var value)) return value;</c> before the creation, with <c>Cache</c> a static field
        /// or property: the client is created on a cache miss only, once per key for the process, and what it answers is
        /// kept (found in Smartstore's local host probe). Syntax first; the cache is bound only for such a check.
        /// </summary>
        private static bool CreatedOnStaticCacheMissOnly(SyntaxNode creation, MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
        {
            for (var node = creation; node != null && node != method; node = node.Parent)
            {
                if (node is not StatementSyntax statement || node.Parent is not BlockSyntax block)
                {
                    continue;
                }

                foreach (var earlier in block.Statements)
                {
                    if (earlier == statement)
                    {
                        break;
                    }

                    if (earlier is IfStatementSyntax { Else: null } check && AlwaysReturns(check.Statement)
                        && LooksUpStaticCache(check.Condition, model, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool AlwaysReturns(StatementSyntax statement)
            => statement is ReturnStatementSyntax
            || (statement is BlockSyntax { Statements: { Count: > 0 } statements } && statements[statements.Count - 1] is ReturnStatementSyntax);

        private static bool LooksUpStaticCache(ExpressionSyntax condition, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var call in condition.DescendantNodesAndSelf())
            {
                if (call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" or "ContainsKey", Expression: var cache } }
                    && model.GetSymbolInfo(cache, cancellationToken).Symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>HttpClient</c>, or an async factory's <c>Task&lt;HttpClient&gt;</c> / <c>ValueTask&lt;HttpClient&gt;</c>.</summary>
        private static bool ReturnsHttpClient(ITypeSymbol returnType, SemanticContext types)
            => SymbolEqualityComparer.Default.Equals(types.AwaitedType(returnType), types.HttpClient);

        /// <summary>
        /// A private factory method lives as long as what its callers in the same type store its result in: per operation
        /// when one caller is, long-lived when every caller is. A caller whose lifetime is decided elsewhere (the
        /// constructor of a service, whose container decides how long it lives; found in mixcore's PayPal service) or
        /// start-up code leaves the factory undecided, as the creation would be written in that caller.
        /// </summary>
        private static HttpClientCreationSite ClassifyPrivateFactory(MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            if (method.Parent is not TypeDeclarationSyntax type)
            {
                return default;
            }

            var longLivedCallers = 0;
            var otherCallers = 0;
            foreach (var invocation in type.DescendantNodes())
            {
                if (invocation is not InvocationExpressionSyntax call
                    || !IsCallTo(call, symbol.Name)
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(call, cancellationToken).Symbol?.OriginalDefinition, symbol))
                {
                    continue;
                }

                var caller = Classify(call, model, types, cancellationToken);
                switch (caller.Lifetime)
                {
                    case HttpClientLifetime.PerOperation:
                        return PerOperation($"by factory method '{symbol.Name}', called {caller.Description}");
                    case HttpClientLifetime.LongLived:
                        longLivedCallers++;
                        break;
                    default:
                        otherCallers++;
                        break;
                }
            }

            return longLivedCallers > 0 && otherCallers == 0 ? LongLived($"returned by '{symbol.Name}'") : default;
        }

        /// <summary>
        /// <c>sp.GetService&lt;HttpClient&gt;() ?? new()</c>: a client created only when the container has none, which the
        /// application registers with the client factory as a rule (found in dotnet/eShopSupport's chat client
        /// registration). How long it lives is the registered client's question, not this line's.
        /// </summary>
        private static bool IsFallbackOfAResolvedClient(SyntaxNode creation)
        {
            var node = creation;
            while (node.Parent is ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            if (node.Parent is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce || coalesce.Right != node)
            {
                return false;
            }

            // (HttpClient?)sp.GetService(typeof(HttpClient)), sp.GetService(typeof(HttpClient)) as HttpClient
            var resolved = DeclarationSyntax.WithoutCasts(coalesce.Left, throughAs: true);
            return resolved is InvocationExpressionSyntax resolve
                && resolve.Expression switch
                {
                    MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetService" } => true,
                    GenericNameSyntax { Identifier.ValueText: "GetService" } => true,
                    IdentifierNameSyntax { Identifier.ValueText: "GetService" } => true,
                    _ => false,
                };
        }

        private static bool IsCallTo(InvocationExpressionSyntax call, string name)
            => call.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
                _ => false,
            };

        private static bool IsSingletonRegistration(InvocationExpressionSyntax invocation, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return false;
            }

            var definition = method.ReducedFrom ?? method;
            if ((definition.Name == "AddSingleton" || definition.Name == "TryAddSingleton")
                && (SymbolEqualityComparer.Default.Equals(definition.ContainingType, types.ServiceCollectionServiceExtensions)
                    || SymbolEqualityComparer.Default.Equals(definition.ContainingType, types.ServiceCollectionDescriptorExtensions)))
            {
                return true;
            }

            return HasLifetimeParameter(method) && model.GetOperation(invocation, cancellationToken) is IInvocationOperation call && PassesSingletonLifetime(call);
        }

        /// <summary>A registration method with a <c>ServiceLifetime</c> parameter (Microsoft.Extensions.AI's <c>AddChatClient(factory, lifetime = Singleton)</c>).</summary>
        private static bool HasLifetimeParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsServiceLifetime(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The call's <c>ServiceLifetime</c> argument is <c>Singleton</c>, passed or left to its default (docs/rules/PERF501.md:
        /// found in dotnet/eShopSupport, where <c>AddChatClient(sp => .. ?? new())</c> registers a singleton by default).
        /// </summary>
        private static bool PassesSingletonLifetime(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                // ServiceLifetime.Singleton is 0.
                if (argument.Parameter != null && IsServiceLifetime(argument.Parameter.Type)
                    && argument.Value.ConstantValue is { HasValue: true, Value: int lifetime })
                {
                    return lifetime == 0;
                }
            }

            return false;
        }

        private static bool IsServiceLifetime(ITypeSymbol type)
            => type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "ServiceLifetime" } && SymbolFacts.IsNamespace(type.ContainingNamespace, "Microsoft.Extensions.DependencyInjection");

        private static HttpClientCreationSite PerInstance(MemberDeclarationSyntax member, string description, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            // Instances of controllers, page models and hubs are created for every request; other types' lifetimes are unknown.
            return member.Parent is TypeDeclarationSyntax type
                && model.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol symbol
                && types.IsPerRequestType(symbol)
                ? PerOperation($"for every request {description}")
                : default;
        }

        private static bool IsStatic(SyntaxTokenList modifiers)
            => modifiers.Any(SyntaxKind.StaticKeyword) || modifiers.Any(SyntaxKind.ConstKeyword);

        private static string MemberName(BasePropertyDeclarationSyntax property)
            => property is PropertyDeclarationSyntax named ? named.Identifier.ValueText : "this[]";

        private static HttpClientCreationSite PerOperation(string description) => new HttpClientCreationSite(HttpClientLifetime.PerOperation, description);

        private static HttpClientCreationSite LongLived(string description) => new HttpClientCreationSite(HttpClientLifetime.LongLived, description);
    }
}
