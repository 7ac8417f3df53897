using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>
    /// PERF502: a long-lived (static or singleton) HttpClient whose handler never recycles its pooled
    /// connections, so the client keeps talking to the addresses DNS gave it at start-up.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF502HttpClientWithoutPooledLifetimeAnalyzer : DiagnosticAnalyzer
    {
        internal const string PooledConnectionLifetime = "PooledConnectionLifetime";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF502HttpClientWithoutPooledLifetime);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);

                // Without SocketsHttpHandler (.NET Framework, netstandard) there is no pooled lifetime to set.
                if (types.HttpClient == null || types.SocketsHttpHandler == null || types.IsBlazorWebAssembly)
                {
                    return;
                }

                start.RegisterOperationAction(operationContext => AnalyzeCreation(operationContext, types), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, SemanticContext types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, types.HttpClient)
                || creation.SemanticModel == null
                || types.IsInsideClientInfrastructure(context.ContainingSymbol)
                || !LacksPooledLifetime(creation, types, context.CancellationToken))
            {
                return;
            }

            var site = HttpClientCreationSite.Classify(creation.Syntax, creation.SemanticModel, types, context.CancellationToken);
            if (site.Lifetime == HttpClientLifetime.LongLived)
            {
                context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF502HttpClientWithoutPooledLifetime, creation.Syntax.GetLocation(), site.Description));
            }
        }

        /// <summary>
        /// True only when the handler is known to keep connections forever: the default handler, an
        /// <c>HttpClientHandler</c>, or a <c>SocketsHttpHandler</c> never given a PooledConnectionLifetime.
        /// A handler we cannot see (a parameter, a factory call, a custom or delegating handler) is not flagged.
        /// </summary>
        private static bool LacksPooledLifetime(IObjectCreationOperation client, SemanticContext types, CancellationToken cancellationToken)
        {
            if (client.Arguments.Length == 0)
            {
                return true;
            }

            var handler = client.Arguments[0].Value.WalkDownConversion();
            switch (handler)
            {
                case IObjectCreationOperation handlerCreation:
                    return IsHandlerWithoutLifetime(handlerCreation, types);
                case ILocalReferenceOperation local:
                    return LocalHandlerLacksLifetime(local.Local, types, cancellationToken);
                case IFieldReferenceOperation field:
                    return FieldHandlerLacksLifetime(field.Field, types, cancellationToken);
                default:
                    return false;
            }
        }

        private static bool IsHandlerWithoutLifetime(IObjectCreationOperation handler, SemanticContext types)
        {
            if (SymbolEqualityComparer.Default.Equals(handler.Type, types.HttpClientHandler))
            {
                return true;
            }

            if (!SymbolEqualityComparer.Default.Equals(handler.Type, types.SocketsHttpHandler))
            {
                return false;
            }

            if (handler.Initializer != null)
            {
                foreach (var initializer in handler.Initializer.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: PooledConnectionLifetime } } })
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool LocalHandlerLacksLifetime(ILocalSymbol local, SemanticContext types, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.Initializer == null)
            {
                return false;
            }

            var body = declarator.FirstAncestorOrSelf<BlockSyntax>();
            return body != null
                && HandlerExpressionLacksLifetime(local.Type, declarator.Initializer.Value, types)
                && !AssignsPooledLifetime(body, local.Name);
        }

        private static bool FieldHandlerLacksLifetime(IFieldSymbol field, SemanticContext types, CancellationToken cancellationToken)
        {
            if (!field.IsStatic
                || field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.Initializer == null
                || declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not TypeDeclarationSyntax type)
            {
                return false;
            }

            return HandlerExpressionLacksLifetime(field.Type, declarator.Initializer.Value, types) && !AssignsPooledLifetime(type, field.Name);
        }

        /// <summary>Judges a handler declared elsewhere from its syntax: the declaration may live in another tree.</summary>
        private static bool HandlerExpressionLacksLifetime(ITypeSymbol declaredType, ExpressionSyntax expression, SemanticContext types)
        {
            if (expression is not BaseObjectCreationExpressionSyntax creation)
            {
                return false;
            }

            // Target-typed `new()` creates the declared type.
            var typeName = creation is ObjectCreationExpressionSyntax explicitCreation ? LastIdentifier(explicitCreation.Type) : declaredType.Name;
            if (typeName == types.HttpClientHandler?.Name)
            {
                return true;
            }

            if (typeName != types.SocketsHttpHandler?.Name)
            {
                return false;
            }

            if (creation.Initializer != null)
            {
                foreach (var assignment in creation.Initializer.Expressions)
                {
                    if (assignment is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier: { ValueText: PooledConnectionLifetime } } })
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool AssignsPooledLifetime(SyntaxNode scope, string handlerName)
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax
                    {
                        Left: MemberAccessExpressionSyntax
                        {
                            Name: { Identifier: { ValueText: PooledConnectionLifetime } },
                            Expression: var target,
                        },
                    }
                    && LastIdentifier(target) == handlerName)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? LastIdentifier(SyntaxNode node)
            => node switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => null,
            };
    }
}
