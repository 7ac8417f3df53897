using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>
    /// PERF501: <c>new HttpClient(..)</c> in code that runs per call or per request. Each client owns a
    /// connection pool, so a client per operation means a new TCP (and TLS) connection per operation and
    /// sockets left in TIME_WAIT.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF501HttpClientPerOperationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF501HttpClientPerOperation);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.HttpClient == null || types.IsBlazorWebAssembly || types.IsTestProject)
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
                || types.IsInsideClientInfrastructure(context.ContainingSymbol))
            {
                return;
            }

            var site = HttpClientCreationSite.Classify(creation.Syntax, creation.SemanticModel, types, context.CancellationToken);
            if (site.Lifetime == HttpClientLifetime.PerOperation)
            {
                context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF501HttpClientPerOperation, creation.Syntax.GetLocation(), site.Description));
            }
        }
    }
}
