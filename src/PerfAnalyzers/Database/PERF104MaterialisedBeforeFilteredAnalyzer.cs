using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF104: an EF query materialised (ToList, ToArray, AsEnumerable, ToListAsync …) and then filtered, projected,
    /// ordered, paged or aggregated in memory, so every row crosses the wire first. Silent when the in-memory lambdas
    /// use something EF cannot translate (a method of the user's code, an unmapped property).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF104MaterialisedBeforeFilteredAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the result goes through a local (the code fix only rewrites direct chains).</summary>
        public const string ThroughLocalProperty = "ThroughLocal";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF104MaterialisedBeforeFiltered);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!MaterialisedQuery.TryCreate(invocation, types, out var query))
            {
                return;
            }

            var properties = query.ThroughLocal
                ? ImmutableDictionary<string, string?>.Empty.Add(ThroughLocalProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PERF104MaterialisedBeforeFiltered,
                invocation.Syntax.GetLocation(),
                properties,
                invocation.TargetMethod.Name,
                query.ConsumerName));
        }
    }
}
