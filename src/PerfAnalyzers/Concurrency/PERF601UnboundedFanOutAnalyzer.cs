using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Concurrency
{
    /// <summary>
    /// PERF601: <c>Task.WhenAll</c> over one task per element of a collection whose size is not visibly small, where each
    /// element does I/O (an HTTP request, an EF query, or a method of the application that does one) and no semaphore
    /// bounds it; and, whatever the size, elements that all query one <c>DbContext</c> (docs/rules/PERF601.md).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF601UnboundedFanOutAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The .editorconfig option the fix reads: how many elements may run at once.</summary>
        internal const string MaxDegreeOfParallelismOption = "max_degree_of_parallelism";

        internal const int DefaultMaxDegreeOfParallelism = 8;

        /// <summary>Diagnostic property: the bound the fix writes.</summary>
        internal const string MaxDegreeKey = "MaxDegreeOfParallelism";

        /// <summary>Diagnostic property: <see cref="UnboundedKind"/> or <see cref="SharedContextKind"/> (no fix for the latter).</summary>
        internal const string KindKey = "Kind";

        internal const string UnboundedKind = "Unbounded";

        internal const string SharedContextKind = "SharedDbContext";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF601UnboundedFanOut);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if ((!types.ReferencesAspNetCore && !types.ReferencesEfCore) || types.Task == null || types.Enumerable == null)
                {
                    return;
                }

                var degrees = new PerTreeOptions<int>(start.Options, options => PerfOptions.GetInt(
                    options, DiagnosticIds.UnboundedFanOut, MaxDegreeOfParallelismOption, DefaultMaxDegreeOfParallelism, 1, 10000));
                start.RegisterOperationAction(operation => Analyze(operation, types, degrees), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, PerTreeOptions<int> degrees)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "WhenAll" || !SymbolFacts.Is(invocation.TargetMethod.ContainingType, types.Task))
            {
                return;
            }

            if (FanOutModel.Find(invocation, types) is not FanOut fanOut)
            {
                // WhenAll(a, b): a fixed list of distinct tasks, reported only when two of them share one context.
                if (FanOutModel.SharedContextOfDistinctTasks(invocation, types, out var taskIo, out var listText) is { } sharedByTasks)
                {
                    Report(context, invocation, degrees, SharedContextKind, taskIo!, listText, SharedContextTail(sharedByTasks));
                }

                return;
            }

            var element = FanOutModel.Describe(fanOut, types);
            if (element.Io == null || element.Bounded)
            {
                return;
            }

            string kind, tail;
            if (element.SharedContext != null)
            {
                kind = SharedContextKind;
                tail = SharedContextTail(element.SharedContext);
            }
            else if (!fanOut.IsFixedSize)
            {
                kind = UnboundedKind;
                tail = ", with nothing bounding how many run together; bound it with Parallel.ForEachAsync (MaxDegreeOfParallelism) or a SemaphoreSlim";
            }
            else
            {
                return;
            }

            Report(context, invocation, degrees, kind, element.Io, fanOut.CollectionText, tail);
        }

        private static string SharedContextTail(string context)
            => $", all on DbContext '{context}'; EF Core throws when one context runs two operations at once, so give each element a context of its own (IDbContextFactory) or run them one after another";

        private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, PerTreeOptions<int> degrees, string kind, string io, string collectionText, string tail)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindKey, kind)
                .Add(MaxDegreeKey, degrees.Get(invocation.Syntax.SyntaxTree).ToString(CultureInfo.InvariantCulture));
            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF601UnboundedFanOut,
                invocation.Syntax.GetLocation(),
                properties,
                io,
                Shorten(collectionText),
                tail));
        }

        private static string Shorten(string text)
        {
            text = text.Replace("\r", string.Empty).Replace("\n", " ");
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}
