using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF405: a web application that maps controllers or minimal endpoints, in a compilation where nothing calls
    /// <c>AddResponseCompression</c> or <c>UseResponseCompression</c> (docs/rules/PERF405.md). Reported at the
    /// application's <c>WebApplicationBuilder.Build()</c> call, a source location, so the whole-compilation fact is read
    /// from per-tree syntax facts that are computed once per tree.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF405JsonApiWithoutCompressionAnalyzer : DiagnosticAnalyzer
    {
        internal const string CompressedUpstreamOption = "compressed_upstream";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF405JsonApiWithoutCompression);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesAspNetCore || types.WebApplicationBuilder == null || types.IsTestProject)
                {
                    return;
                }

                var compressedUpstream = new PerTreeOptions<bool>(
                    start.Options,
                    options => PerfOptions.GetBool(options, DiagnosticIds.JsonApiWithoutCompression, CompressedUpstreamOption, false));
                start.RegisterOperationAction(operation => Analyze(operation, types, compressedUpstream), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, PerTreeOptions<bool> compressedUpstream)
        {
            var build = (IInvocationOperation)context.Operation;
            if (build.TargetMethod.Name != "Build"
                || build.TargetMethod.Parameters.Length != 0
                || !SymbolFacts.Is(build.TargetMethod.ContainingType, types.WebApplicationBuilder)
                || compressedUpstream.Get(build.Syntax.SyntaxTree)
                || !ApplicationFacts.MapsEndpointsWithoutCompression(context.Compilation, context.CancellationToken))
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF405JsonApiWithoutCompression, build.Syntax.GetLocation()));
        }
    }
}
