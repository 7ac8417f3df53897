using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF102: a lazy-loaded navigation read on the loop variable inside a loop, when the query that produced the
    /// entities (in the same method) does not Include it: every iteration triggers one more query.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF102LazyLoadInLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF102LazyLoadInLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.PropertyReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var navigation = (IPropertyReferenceOperation)context.Operation;
            if (navigation.Instance == null
                || (navigation.Parent is IAssignmentOperation assignment && assignment.Target == navigation))
            {
                return;
            }

            // Most property reads are of scalars or of framework types, ruled out from the symbol; most others are not in a
            // loop, which a walk up the tree rules out before the property is classified (a cache every thread shares).
            if (!LazyNavigationModel.MayBeNavigation(navigation, types) || !LoopModel.IsInsideLoop(navigation, types))
            {
                return;
            }

            var lazyLoading = LazyNavigationModel.GetLazyLoading(navigation.Property, types);
            if (lazyLoading == LazyLoading.Never || EfQueryModel.IsInsideExpressionTree(navigation, types))
            {
                return;
            }

            // The local facts next (a loop over entities of a query that does not include the navigation); whether the
            // compilation uses proxies is a project-wide fact, asked last.
            var use = LazyNavigationModel.TryResolve(navigation, types);
            if (use == null || IsExplicitlyLoadedInLoop(navigation, types)
                || (lazyLoading == LazyLoading.WithProxies && !types.UsesLazyLoadingProxies(context.CancellationToken)))
            {
                return;
            }

            var origin = use.OutermostCollection.Syntax.ToString();
            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF102LazyLoadInLoop,
                navigation.Syntax.GetLocation(),
                use.PathText,
                origin.Length > 60 ? origin.Substring(0, 57) + "..." : origin));
        }

        /// <summary>Entry(x).Collection(nav).Load() in the same loop loads it already: that is PERF103's finding, not a lazy load.</summary>
        private static bool IsExplicitlyLoadedInLoop(IPropertyReferenceOperation navigation, SemanticContext types)
        {
            if (!LoopModel.TryGetEnclosingLoop(navigation, types, out var loop) || loop == null)
            {
                return false;
            }

            foreach (var descendant in loop.Loop.Descendants())
            {
                if (descendant is IInvocationOperation invocation
                    && EfQueryModel.TryGetExecution(invocation, types, out var execution)
                    && execution.Kind == EfExecutionKind.ExplicitLoad
                    && PERF103ExplicitLoadInLoopAnalyzer.NavigationName(execution, types) == navigation.Property.Name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
