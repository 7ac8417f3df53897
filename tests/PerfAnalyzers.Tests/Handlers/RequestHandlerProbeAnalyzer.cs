using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Handlers;

using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Tests.Handlers
{
    /// <summary>
    /// Test-only analyzer that reports every request handler the model finds, with the handler kind as the
    /// diagnostic ID (ACTION, PAGE, MINIMAL, MIDDLEWARE, HUB, GRPC): methods and local functions at their name,
    /// lambdas at their arrow.
    /// </summary>
#pragma warning disable RS1036 // Test-only probe, not shipped.
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RequestHandlerProbeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly Dictionary<RequestHandlerKind, DiagnosticDescriptor> ByKind = new Dictionary<RequestHandlerKind, DiagnosticDescriptor>
        {
            [RequestHandlerKind.ControllerAction] = Create("ACTION"),
            [RequestHandlerKind.RazorPageHandler] = Create("PAGE"),
            [RequestHandlerKind.MinimalApi] = Create("MINIMAL"),
            [RequestHandlerKind.Middleware] = Create("MIDDLEWARE"),
            [RequestHandlerKind.HubMethod] = Create("HUB"),
            [RequestHandlerKind.GrpcMethod] = Create("GRPC"),
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.CreateRange(ByKind.Values);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var model = SemanticContext.For(start.Compilation).Handlers;
                if (model == null)
                {
                    return;
                }

                start.RegisterSymbolAction(
                    symbolContext =>
                    {
                        var method = (IMethodSymbol)symbolContext.Symbol;
                        var kind = model.GetHandlerKind(method);
                        if (kind != RequestHandlerKind.None)
                        {
                            symbolContext.ReportDiagnostic(Diagnostic.Create(ByKind[kind], method.Locations[0]));
                        }
                    },
                    SymbolKind.Method);

                start.RegisterOperationAction(
                    operationContext =>
                    {
                        var lambda = (IAnonymousFunctionOperation)operationContext.Operation;
                        if (model.IsMinimalApiHandler(lambda) && lambda.Syntax is LambdaExpressionSyntax syntax)
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(ByKind[RequestHandlerKind.MinimalApi], syntax.ArrowToken.GetLocation()));
                        }
                    },
                    OperationKind.AnonymousFunction);

                start.RegisterOperationAction(
                    operationContext =>
                    {
                        var local = (ILocalFunctionOperation)operationContext.Operation;
                        if (model.IsMinimalApiHandler(local) && local.Syntax is LocalFunctionStatementSyntax syntax)
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(ByKind[RequestHandlerKind.MinimalApi], syntax.Identifier.GetLocation()));
                        }
                    },
                    OperationKind.LocalFunction);
            });
        }

        private static DiagnosticDescriptor Create(string id)
            => new DiagnosticDescriptor(id, id, id + " handler", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    }
}
