using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Serialization
{
    /// <summary>
    /// PERF701: a <c>new JsonSerializerOptions(..)</c> that is created again on every call, read or request and reaches
    /// a JSON API (docs/rules/PERF701.md): passed straight to one, held in a local that is passed to one, returned by a
    /// property getter, or stored in an instance field of a per-request type.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF701JsonSerializerOptionsPerCallAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Lets users who keep CA1869 drop the shapes both rules report.</summary>
        internal const string IncludeCa1869ShapesOption = "include_ca1869_shapes";

        /// <summary>Diagnostic property: which shape was found (the fix reads it).</summary>
        internal const string ShapeKey = "Shape";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF701JsonSerializerOptionsPerCall);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.JsonSerializerOptions == null)
                {
                    return;
                }

                var includeCa1869Shapes = new PerTreeOptions<bool>(
                    start.Options,
                    options => PerfOptions.GetBool(options, DiagnosticIds.JsonSerializerOptionsPerCall, IncludeCa1869ShapesOption, true));
                start.RegisterOperationAction(
                    operation => Analyze(operation, types, includeCa1869Shapes),
                    OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, PerTreeOptions<bool> includeCa1869Shapes)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolFacts.Is(creation.Type, types.JsonSerializerOptions))
            {
                return;
            }

            // A console program runs one job and exits: options made per call of a method cost once per run unless the
            // creation sits in a loop (docs/rules/PERF701.md, "Console programs").
            if (types.IsConsoleProgram && !IsInALoop(creation.Syntax))
            {
                return;
            }

            var finding = JsonOptionsCreation.Classify(creation, context.ContainingSymbol, types);
            if (finding.Shape == JsonOptionsShape.None
                || (finding.IsCa1869Shape && !includeCa1869Shapes.Get(creation.Syntax.SyntaxTree)))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeKey, finding.Shape.ToString());
            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF701JsonSerializerOptionsPerCall,
                creation.Syntax.GetLocation(),
                properties,
                finding.Where));
        }

        /// <summary>A <c>for</c>, <c>foreach</c>, <c>while</c> or <c>do</c> loop around the node in its own member or local function.</summary>
        private static bool IsInALoop(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                        return true;
                    case MemberDeclarationSyntax or LocalFunctionStatementSyntax:
                        return false;
                }
            }

            return false;
        }
    }
}
