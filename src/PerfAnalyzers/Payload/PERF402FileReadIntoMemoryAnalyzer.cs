using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF402: <c>File.ReadAllBytes(Async)</c> / <c>File.ReadAllText(Async)</c> whose result is sent as a response
    /// (<c>File(..)</c>, <c>Results.File/Bytes/Content/Text</c>, <c>Content(..)</c>, a write to the response body),
    /// directly or through a local. The whole file is held in memory per request instead of streamed from disk.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF402FileReadIntoMemoryAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF402FileReadIntoMemory);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.File == null || types.HttpResponse == null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, types), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var read = (IInvocationOperation)context.Operation;
            var method = read.TargetMethod;
            if (method.Name is not ("ReadAllBytes" or "ReadAllBytesAsync" or "ReadAllText" or "ReadAllTextAsync")
                || !SymbolFacts.Is(method.ContainingType, types.File))
            {
                return;
            }

            var uses = new List<IOperation>();
            ValueUses.TryCollect(read, uses);
            foreach (var use in uses)
            {
                if (IsResponseSink(use, types))
                {
                    context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF402FileReadIntoMemory, read.Syntax.GetLocation(), "File." + method.Name));
                    return;
                }
            }
        }

        /// <summary>True when <paramref name="use"/> is handed to something that sends it as the response.</summary>
        internal static bool IsResponseSink(IOperation use, SemanticContext types)
        {
            if (use.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Content" or "FileContents" } property }
                && (SymbolFacts.IsOrDerivesFrom(property.Property.ContainingType, types.ContentResult) || SymbolFacts.IsOrDerivesFrom(property.Property.ContainingType, types.FileContentResult)))
            {
                return true;
            }

            switch (ValueUses.ReceivingCall(use, out _))
            {
                case IObjectCreationOperation creation:
                    return SymbolFacts.IsOrDerivesFrom(creation.Type, types.FileContentResult);
                case IInvocationOperation call:
                    var method = call.TargetMethod;
                    var container = method.ContainingType;
                    if (SymbolFacts.IsOrDerivesFrom(container, types.ControllerBase))
                    {
                        return method.Name is "File" or "Content";
                    }

                    if (SymbolFacts.Is(container, types.Results) || SymbolFacts.Is(container, types.TypedResults))
                    {
                        return method.Name is "File" or "Bytes" or "Content" or "Text";
                    }

                    if (SymbolFacts.Is(container, types.HttpResponseWritingExtensions))
                    {
                        return method.Name == "WriteAsync";
                    }

                    return method.Name is "Write" or "WriteAsync"
                        && types.IsBodyOf(call.Instance?.WalkDownConversion(), types.HttpResponse);
                default:
                    return false;
            }
        }
    }
}
