using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// PERF302: an <c>IMemoryCache</c> entry written with <c>Set</c>, <c>GetOrCreate</c> or <c>GetOrCreateAsync</c> that
    /// never expires, or that has no <c>Size</c> while the project sets a <c>SizeLimit</c> (docs/rules/PERF302.md).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF302UnboundedMemoryCacheEntryAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: what the fix adds, "Expiration", "Size" or "Expiration,Size".</summary>
        internal const string MissingProperty = "Missing";

        /// <summary>Diagnostic property: the expiration the fix writes, in seconds.</summary>
        internal const string SecondsProperty = "Seconds";

        internal const string DefaultExpirationOption = "default_expiration_seconds";
        internal const int DefaultExpirationSeconds = 300;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF302UnboundedMemoryCacheEntry);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.MemoryCacheExtensions == null || types.MemoryCacheEntryOptions == null)
                {
                    return;
                }

                var compilation = start.Compilation;
                var sizeLimit = new CompilationFact<bool>(cancellationToken => MemoryCacheSizeLimit.IsSetAnywhere(compilation, cancellationToken));
                var seconds = new PerTreeOptions<int>(
                    start.Options,
                    options => PerfOptions.GetInt(options, DiagnosticIds.UnboundedMemoryCacheEntry, DefaultExpirationOption, DefaultExpirationSeconds, 1, 31536000));
                start.RegisterOperationAction(c => Analyze(c, types, sizeLimit, seconds), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, CompilationFact<bool> sizeLimit, PerTreeOptions<int> seconds)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!MemoryCacheWrite.IsCandidateName(invocation.TargetMethod.Name)
                || MemoryCacheWrite.Find(invocation, types, context.CancellationToken) is not MemoryCacheWrite write)
            {
                return;
            }

            var missingExpiration = !write.Expires;

            // The project-wide fact last, and only for a write that states no size.
            var missingSize = !write.HasSize && sizeLimit.Get(context.CancellationToken);
            if (!missingExpiration && !missingSize)
            {
                return;
            }

            // An entry the object removes when it is disposed lives as long as the object: an expiration would end it early.
            if (!missingSize && DisposeOwnedCacheEntries.IsRemovedOnDispose(invocation, context.ContainingSymbol, types, context.CancellationToken))
            {
                return;
            }

            var missing = missingExpiration && missingSize ? "Expiration,Size" : missingExpiration ? "Expiration" : "Size";
            var what = missingExpiration && missingSize
                ? "that never expires and has no Size, in a project that sets a SizeLimit (with the limit set, the write throws InvalidOperationException); set an expiration and a Size"
                : missingExpiration
                    ? "that never expires; set an absolute or sliding expiration"
                    : "without a Size, in a project that sets a SizeLimit (with the limit set, the write throws InvalidOperationException); set its Size";
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(MissingProperty, missing)
                .Add(SecondsProperty, seconds.Get(invocation.Syntax.SyntaxTree).ToString(CultureInfo.InvariantCulture));
            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF302UnboundedMemoryCacheEntry,
                NameLocation(invocation),
                properties,
                invocation.TargetMethod.Name,
                what));
        }

        /// <summary>The called name (<c>Set</c> in <c>cache.Set(..)</c>): the fix finds the invocation from it.</summary>
        private static Location NameLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.GetLocation()
                : invocation.Syntax.GetLocation();
    }
}
