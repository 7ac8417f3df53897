using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DispatchProbe
{
    /// <summary>
    /// Registers an invocation action, as most of our rules do, and returns after reading the called method's name, as
    /// most of their calls do. Its time in the compiler's report is what one more invocation analyzer costs before it
    /// does any work: the driver's dispatch, the clock around the callback and the interruptions it absorbs.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DispatchProbeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
            "PROBE001", "Dispatch probe", "Never reported", "Bench", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
                operation =>
                {
                    // A name no method has: the probe never reports, so it costs the generated-code check nothing.
                    if (((IInvocationOperation)operation.Operation).TargetMethod.Name == "<no method has this name>")
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(Never, operation.Operation.Syntax.GetLocation()));
                    }
                },
                OperationKind.Invocation));
        }
    }
}
