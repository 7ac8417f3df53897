using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF106: <c>AddDbContext&lt;T&gt;(options)</c> / <c>AddDbContextFactory&lt;T&gt;(options)</c> in an application that
    /// serves requests, when T could be pooled: its only constructor takes its options, it does not override
    /// OnConfiguring and keeps no mutable instance state (docs/rules/PERF106.md).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF106DbContextWithoutPoolingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF106DbContextWithoutPooling);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore || !types.ReferencesAspNetCore || types.IsTestProject
                    || types.EntityFrameworkServiceCollectionExtensions == null || types.DbContextOptions == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!DbContextPooling.TryGetPooledCounterpart(invocation, types, out var pooledName, out var registered))
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF106DbContextWithoutPooling,
                GetLocation(invocation),
                registered!.Name,
                invocation.TargetMethod.Name,
                pooledName));
        }

        /// <summary>The method name with its type arguments (<c>AddDbContext&lt;ShopDb&gt;</c>).</summary>
        private static Location GetLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.GetLocation()
                : invocation.Syntax.GetLocation();
    }

    /// <summary>When a DbContext registration can use the pooled registration method instead (docs/rules/PERF106.md).</summary>
    internal static class DbContextPooling
    {
        /// <summary>
        /// True when <paramref name="invocation"/> is <c>AddDbContext</c> or <c>AddDbContextFactory</c> with an options
        /// delegate and default lifetimes, and its context type can be pooled; <paramref name="pooledName"/> is then
        /// <c>AddDbContextPool</c> or <c>AddPooledDbContextFactory</c>.
        /// </summary>
        public static bool TryGetPooledCounterpart(IInvocationOperation invocation, SemanticContext types, out string pooledName, out INamedTypeSymbol? context)
        {
            pooledName = "";
            context = null;
            var method = invocation.TargetMethod;
            if (!(method.Name == "AddDbContext" || method.Name == "AddDbContextFactory")
                || !SymbolFacts.Is(method.ContainingType, types.EntityFrameworkServiceCollectionExtensions))
            {
                return false;
            }

            // AddDbContextFactory<TContext, TFactory> takes a factory of the user's own: the pooled factory has no such overload.
            if (method.Name == "AddDbContextFactory" && method.TypeArguments.Length != 1)
            {
                return false;
            }

            var sawOptions = false;
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter == null || parameter.Ordinal == 0)
                {
                    continue;
                }

                if (parameter.Type.TypeKind == TypeKind.Delegate)
                {
                    // A null options delegate is no configuration: the pooled methods require one.
                    sawOptions = argument.ArgumentKind == ArgumentKind.Explicit && !(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value == null);
                    if (sawOptions && ResolvesAnApplicationService(argument.Value, types))
                    {
                        return false;
                    }
                }
                else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    // An explicit lifetime: pooled contexts are scoped (pooled factories singletons), so that is a choice to respect.
                    return false;
                }
            }

            context = method.TypeArguments[method.TypeArguments.Length - 1] as INamedTypeSymbol;
            if (!sawOptions || context == null || !CanBePooled(context, types))
            {
                return false;
            }

            pooledName = method.Name == "AddDbContext" ? "AddDbContextPool" : "AddPooledDbContextFactory";
            return true;
        }

        /// <summary>
        /// <c>(provider, options) =&gt; options.AddInterceptors(provider.GetRequiredService&lt;EventDispatchInterceptor&gt;())</c>:
        /// the options delegate resolves a service of the application from its provider. A pooled context's options are
        /// built once, from the root provider, so a scoped service resolved there would be captured for the life of the pool
        /// (or refused where scopes are validated): the pooled registration would change what the delegate gets (found in
        /// ardalis/CleanArchitecture). Framework services (configuration, logging, options) are singletons and do not count.
        /// </summary>
        private static bool ResolvesAnApplicationService(IOperation options, SemanticContext types)
        {
            if (options.WalkDownConversion() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters: { Length: 2 } parameters } lambda })
            {
                return false;
            }

            var provider = parameters[0];
            foreach (var operation in lambda.Body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "GetService" or "GetRequiredService" or "GetServices" or "GetKeyedService" or "GetRequiredKeyedService" } resolve
                    && ResolvesFrom(resolve, provider)
                    && resolve.NamedType() is { } resolved
                    && types.IsDeclaredByApplication(resolved))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ResolvesFrom(IInvocationOperation resolve, IParameterSymbol provider)
        {
            var receiver = resolve.Instance ?? (resolve.Arguments.Length > 0 ? resolve.Arguments[0].Value : null);
            return receiver?.WalkDownConversion() is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, provider);
        }

        /// <summary>
        /// A context declared in source whose only constructor is public and takes just its options, that does not override
        /// OnConfiguring and has no mutable instance field or settable auto-property (DbSet properties aside), in
        /// itself or a base class declared in source.
        /// </summary>
        public static bool CanBePooled(INamedTypeSymbol context, SemanticContext types)
        {
            if (context.TypeKind != TypeKind.Class || context.IsAbstract || !types.IsDbContext(context) || SymbolFacts.Is(context, types.DbContext))
            {
                return false;
            }

            var constructors = context.InstanceConstructors;
            if (constructors.Length != 1 || constructors[0].Parameters.Length != 1 || constructors[0].DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            var optionsType = constructors[0].Parameters[0].Type;
            if (!(SymbolFacts.Is(optionsType, types.DbContextOptions)
                || (SymbolFacts.Is(optionsType, types.DbContextOptionsOfT) && optionsType is INamedTypeSymbol { TypeArguments.Length: 1 } generic
                    && SymbolEqualityComparer.Default.Equals(generic.TypeArguments[0], context))))
            {
                return false;
            }

            for (var type = context; type != null && !SymbolFacts.Is(type, types.DbContext); type = type.BaseType)
            {
                if (!types.IsDeclaredInCompilation(type))
                {
                    // A base class from a library: its state cannot be checked, except ASP.NET Core Identity's contexts,
                    // which hold only their DbSet properties (found in GZCTF, whose context is an IdentityDbContext).
                    // Another project of the solution counts as a library too: the IDE hands its source over as another
                    // compilation, a build as a reference assembly without private fields, so both stay silent alike.
                    return IsIdentityContext(type);
                }

                if (HasPerInstanceState(type, types))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>IdentityDbContext</c> (any arity) or <c>IdentityUserContext</c> of ASP.NET Core Identity's EF Core store: no
        /// fields of their own, no <c>OnConfiguring</c>, only <c>DbSet</c> properties, and public constructors taking the options.
        /// </summary>
        private static bool IsIdentityContext(INamedTypeSymbol type)
            => type.Name is "IdentityDbContext" or "IdentityUserContext"
            && SymbolFacts.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Identity.EntityFrameworkCore");

        private static bool HasPerInstanceState(INamedTypeSymbol type, SemanticContext types)
        {
            foreach (var member in type.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { Name: "OnConfiguring", IsOverride: true }:
                        return true;
                    case IFieldSymbol field when !field.IsStatic && !field.IsConst && !field.IsReadOnly && !field.IsImplicitlyDeclared:
                        return true;
                    case IPropertySymbol property when !property.IsStatic && property.SetMethod is { IsInitOnly: false } && IsAutoProperty(property)
                        && !types.IsDbSet(property.Type):
                        return true;
                }
            }

            return false;
        }

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            foreach (var member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
