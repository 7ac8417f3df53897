using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF107: a request handler materialises a tracking EF query (ToList, ToArray, ToDictionary … and their Async forms)
    /// and never modifies, attaches, removes or saves what it loaded; no AsNoTracking/AsTracking on the query and no
    /// no-tracking default in the compilation. The change tracker snapshots every row for nothing.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF107TrackingQueryInReadOnlyHandlerAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF107TrackingQueryInReadOnlyHandler);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);

                // AsNoTracking lives in EF Core's queryable extensions; the handlers need ASP.NET Core.
                if (!types.ReferencesEfCore || types.EntityFrameworkQueryableExtensions == null || types.Handlers is not RequestHandlerModel handlers)
                {
                    return;
                }

                var compilation = start.Compilation;
                var noTracking = new CompilationFact<bool>(cancellationToken => ReadOnlyTrackingModel.IsNoTrackingByDefault(compilation, cancellationToken));
                Func<CancellationToken, bool> isNoTrackingByDefault = noTracking.Get;
                start.RegisterOperationAction(c => Analyze(c, types, handlers, isNoTrackingByDefault), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, RequestHandlerModel handlers, Func<CancellationToken, bool> isNoTrackingByDefault)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var found = ReadOnlyTrackingModel.TryFind(invocation, types, handlers, context.ContainingSymbol, isNoTrackingByDefault, context.CancellationToken);
            if (found == null)
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF107TrackingQueryInReadOnlyHandler,
                GetLocation(invocation),
                invocation.TargetMethod.Name,
                found.Entity.Name));
        }

        /// <summary>The materialising call from its name on (<c>ToListAsync()</c>).</summary>
        internal static Location GetLocation(IInvocationOperation invocation) => CallLocations.FromCalledName(invocation.Syntax);
    }
}
