using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF203: <c>Thread.Sleep</c> in async code or a request handler holds a thread-pool thread while doing nothing;
    /// <c>await Task.Delay</c> releases it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF203ThreadSleepAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF203ThreadSleep);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.Task == null || types.Thread == null)
                {
                    return;
                }

                var scope = new AsyncScope(types, start.Options, DiagnosticIds.ThreadSleep);
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        if (invocation.TargetMethod.Name == "Sleep"
                            && SymbolFacts.Is(invocation.TargetMethod.ContainingType, types.Thread)
                            && scope.IsInScope(invocation, operationContext.ContainingSymbol))
                        {
                            operationContext.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF203ThreadSleep, invocation.Syntax.GetLocation()));
                        }
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
