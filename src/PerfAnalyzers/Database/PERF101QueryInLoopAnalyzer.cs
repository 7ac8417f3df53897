using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF101: an EF Core query executed once per iteration of a loop or of a per-element lambda (N+1 queries).
    /// Explicit loading through <c>Entry(..)</c> is PERF103's; paging, retry and exit-after-query loops are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF101QueryInLoopAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property set when the query reads nothing that changes per iteration.</summary>
        public const string LoopInvariantProperty = "LoopInvariant";

        private const string HoistSuffix = "; it does not depend on the loop, so run it once before the loop";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF101QueryInLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = EfCoreTypes.TryCreate(start.Compilation);
                if (types == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation, OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, EfCoreTypes types)
        {
            if (!EfQueryModel.TryGetExecution(context.Operation, types, out var execution)
                || execution.Kind == EfExecutionKind.ExplicitLoad
                || execution.Root == EfQueryRoot.EntryQuery
                || !LoopModel.TryGetEnclosingLoop(execution.Operation, types, out var loop)
                || loop == null
                || LoopExclusions.IsExcluded(execution, loop, types))
            {
                return;
            }

            var invariant = !loop.IsWhileOrDo && !loop.DependsOnLoop(execution.Operation is IForEachLoopOperation forEach ? forEach.Collection : execution.Operation);
            var properties = invariant
                ? ImmutableDictionary<string, string?>.Empty.Add(LoopInvariantProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PERF101QueryInLoop,
                GetLocation(execution.Operation),
                properties,
                execution.Name,
                loop.Description,
                invariant ? HoistSuffix : ""));
        }

        /// <summary>The executing call (from the receiver to the closing parenthesis), or a foreach loop's collection.</summary>
        internal static Location GetLocation(IOperation operation)
            => operation.Syntax is CommonForEachStatementSyntax loop ? loop.Expression.GetLocation() : operation.Syntax.GetLocation();
    }
}
