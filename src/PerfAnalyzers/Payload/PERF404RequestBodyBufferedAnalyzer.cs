using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF404: the request body read to the end in a request handler or middleware
    /// (<c>new StreamReader(Request.Body).ReadToEnd(Async)()</c>, <c>Request.Body.CopyTo(Async)(memoryStream)</c>).
    /// One large request then costs its whole size in memory, twice for text.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF404RequestBodyBufferedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF404RequestBodyBuffered);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.Handlers is not RequestHandlerModel handlers || types.HttpRequest == null || types.TextReader == null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, types, handlers), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, RequestHandlerModel handlers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!ReadsRequestBodyToEnd(invocation, types)
                || !IsInHandlerOrMiddleware(invocation, context.ContainingSymbol, handlers)
                || WebhookSignature.IsVerifiedNear(invocation.Syntax, context.CancellationToken))
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF404RequestBodyBuffered, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
        }

        internal static bool ReadsRequestBodyToEnd(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "ReadToEnd" or "ReadToEndAsync" when SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.TextReader):
                    return Follow(invocation.Instance) is IObjectCreationOperation { Arguments.Length: > 0 } reader
                        && SymbolFacts.IsOrDerivesFrom(reader.Type, types.StreamReader)
                        && types.IsBodyOf(Follow(reader.Arguments[0].Value), types.HttpRequest);
                case "CopyTo" or "CopyToAsync" when SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.Stream):
                    return types.IsBodyOf(Follow(invocation.Instance), types.HttpRequest)
                        && invocation.Arguments.Length > 0
                        && SymbolFacts.IsOrDerivesFrom(Follow(invocation.Arguments[0].Value)?.Type, types.MemoryStream);
                default:
                    return false;
            }
        }

        // Past conversions and through a local written once (`using var reader = new StreamReader(Request.Body)`).
        private static IOperation? Follow(IOperation? operation)
        {
            for (var depth = 0; operation != null && depth < 4; depth++)
            {
                operation = operation.WalkDownConversion();
                if (operation is ILocalReferenceOperation local && EfQueryModel.TryGetSingleValue(local, out var value) && value != null)
                {
                    operation = value;
                    continue;
                }

                return operation;
            }

            return operation;
        }

        private static bool IsInHandlerOrMiddleware(IOperation operation, ISymbol containingSymbol, RequestHandlerModel handlers)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda when handlers.IsMinimalApiHandler(lambda) || RequestHandlerModel.InlineMiddlewareCall(lambda) != null:
                        return true;
                    case ILocalFunctionOperation local when handlers.IsMinimalApiHandler(local):
                        return true;
                }
            }

            return containingSymbol is IMethodSymbol method && handlers.IsRequestHandler(method);
        }

    }
}
