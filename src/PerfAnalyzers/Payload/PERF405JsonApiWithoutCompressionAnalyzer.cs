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
                || BuildsAHelperApplication(build)
                || !ApplicationFacts.MapsEndpointsWithoutCompression(context.Compilation, context.CancellationToken))
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF405JsonApiWithoutCompression, build.Syntax.GetLocation()));
        }

        /// <summary>
        /// True for a <c>Build()</c> beside another one in the same method whose application maps endpoints directly
        /// (<c>app.MapControllers()</c>) while this one's does not: a program that builds a migration-only application
        /// before the real one is reported once, at the real one (docs/rules/PERF405.md). With one <c>Build()</c>, or when
        /// no application of the method maps endpoints directly (they are mapped in a method it calls), every one counts.
        /// </summary>
        private static bool BuildsAHelperApplication(IInvocationOperation build)
        {
            var index = OperationTreeIndex.For(build);
            var anotherMaps = false;
            foreach (var call in index.Invocations)
            {
                if (call != build && call.TargetMethod.Name == "Build" && call.TargetMethod.Parameters.Length == 0
                    && SymbolFacts.Is(call.TargetMethod.ContainingType, build.TargetMethod.ContainingType)
                    && MapsEndpointsDirectly(call, index))
                {
                    anotherMaps = true;
                    break;
                }
            }

            return anotherMaps && !MapsEndpointsDirectly(build, index);
        }

        /// <summary>The built application is kept in a local on which the method calls a Map* method (or UseMvc, UseEndpoints).</summary>
        private static bool MapsEndpointsDirectly(IInvocationOperation build, OperationTreeIndex index)
        {
            if (build.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            foreach (var occurrence in index.Occurrences(declarator.Symbol))
            {
                // app.MapControllers(): the application converted to IEndpointRouteBuilder is the extension's first argument.
                IOperation value = occurrence;
                while (value.Parent is IConversionOperation conversion)
                {
                    value = conversion;
                }

                var call = value.Parent switch
                {
                    IInvocationOperation invocation when invocation.Instance == value => invocation,
                    IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation } argument
                        when invocation.Arguments.Length > 0 && invocation.Arguments[0] == argument => invocation,
                    _ => null,
                };
                if (call != null && MapsEndpoints(call.TargetMethod.Name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MapsEndpoints(string name)
            => name.StartsWith("Map", System.StringComparison.Ordinal) || name.StartsWith("UseMvc", System.StringComparison.Ordinal) || name == "UseEndpoints";
    }
}
