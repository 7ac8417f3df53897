using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Serialization
{
    /// <summary>
    /// PERF702: <c>var buffer = new byte[n];</c> (or <c>char[]</c>) in the body of a request handler, where the array is
    /// on the large object heap (a constant of 85,000 bytes or more) or its size comes from the request, and the buffer
    /// does not outlive the call (docs/rules/PERF702.md).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF702LargeBufferPerCallAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF702LargeBufferPerCall);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.Handlers == null || types.ArrayPoolOfT == null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, types, types.Handlers), OperationKind.ArrayCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, Handlers.RequestHandlerModel handlers)
        {
            var creation = (IArrayCreationOperation)context.Operation;

            // Cheap syntax-level facts first: a one-dimensional byte[]/char[] held in a local.
            if (creation.Type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte or SpecialType.System_Char } array
                || creation.DimensionSizes.Length != 1
                || JsonOptionsCreation.Climb(creation).Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return;
            }

            // A small constant size needs no handler lookup.
            var elementSize = array.ElementType.SpecialType == SpecialType.System_Byte ? 1 : 2;
            if (creation.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int count } && (long)count * elementSize < RequestBuffer.LargeObjectHeapThreshold)
            {
                return;
            }

            var handler = FindHandler(creation, context.ContainingSymbol, handlers);
            if (handler == null)
            {
                return;
            }

            var size = RequestBuffer.Classify(creation, handler, types);
            if (size == BufferSize.None || !RequestBuffer.TryCollectUses(declarator, declarator.Symbol, new List<ILocalReferenceOperation>()))
            {
                return;
            }

            var element = array.ElementType.SpecialType == SpecialType.System_Byte ? "byte" : "char";
            var why = size == BufferSize.LargeConstant ? "on the large object heap" : "with a size the request chooses";
            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF702LargeBufferPerCall, creation.Syntax.GetLocation(), creation.Syntax.ToString(), why, element));
        }

        /// <summary>
        /// The request handler whose own body allocates: a handler method (not a lambda or local function inside it), or
        /// a minimal-API lambda or local function. Null otherwise.
        /// </summary>
        private static IOperation? FindHandler(IOperation creation, ISymbol containingSymbol, Handlers.RequestHandlerModel handlers)
        {
            switch (JsonOptionsCreation.EnclosingFunction(creation))
            {
                case IAnonymousFunctionOperation lambda:
                    return handlers.IsMinimalApiHandler(lambda) ? lambda : null;
                case ILocalFunctionOperation localFunction:
                    return handlers.IsMinimalApiHandler(localFunction) ? localFunction : null;
                default:
                    if (containingSymbol is not IMethodSymbol method || !handlers.IsRequestHandler(method))
                    {
                        return null;
                    }

                    return OperationTreeIndex.Root(creation);
            }
        }
    }
}
