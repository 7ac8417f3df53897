using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeLatency;

// A measuring aid hosted by the benchmark, never shipped: the rules for analyzer assemblies do not apply.
#pragma warning disable RS1041, RS1036, RS2008, RS1012

/// <summary>
/// Runs first in every measured set and reports nothing. <c>CompilationWithAnalyzers</c> hands the analyzers a clone of
/// the edited compilation, so its symbol tables (the merged global namespace, the source namespaces) are built again
/// for whichever analyzer first resolves a type: compiler work whose cost follows the size of the project. Without the
/// primer it lands on one analyzer's telemetry (the first compilation-start action) and reads as that analyzer's
/// growth; with it, every set pays it here, it stays in the set's added time, and the per-analyzer table shows it on
/// its own line.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class AnalysisCompilationPrimer : DiagnosticAnalyzer
{
    public const string DisplayName = "(analysis compilation's symbol tables, built for the first analyzer)";

    private static readonly DiagnosticDescriptor Unused = new("IDEBENCH0", "unused", "unused", "bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Unused];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // What a first type lookup makes the compiler build: by metadata name (most analyzers) and through the
            // merged namespaces (ours).
            _ = start.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            foreach (var name in new[] { "System", "Microsoft" })
            {
                _ = start.Compilation.GlobalNamespace.GetMembers(name);
            }
        });
    }
}
