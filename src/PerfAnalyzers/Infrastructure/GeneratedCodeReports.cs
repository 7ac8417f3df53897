using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// How every rule reports (docs/concepts.md#generated-code). The analyzers configure
    /// <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/> without <see cref="GeneratedCodeAnalysisFlags.Analyze"/>:
    /// the compiler runs no callback on generated files and members, and does not check each reported location itself.
    /// That check visits every token of each file where a rule reports, once per compilation, which in a build was a
    /// sizeable part of our own time. The compiler still calls back for what it does not skip and the check would have
    /// caught, so it is done here from the symbols at hand: accessors of a property or event marked
    /// <c>[GeneratedCode]</c>, and <c>#line hidden</c> regions.
    /// </summary>
    internal static class GeneratedCodeReports
    {
        public static void ReportOutsideGeneratedCode(this OperationAnalysisContext context, Diagnostic diagnostic)
        {
            if (!IsInGeneratedCode(context.ContainingSymbol, diagnostic.Location, context.Compilation))
            {
#pragma warning disable RS0030 // The one place that reports for operation actions.
                context.ReportDiagnostic(diagnostic);
#pragma warning restore RS0030
            }
        }

        public static void ReportOutsideGeneratedCode(this OperationBlockAnalysisContext context, Diagnostic diagnostic)
        {
            if (!IsInGeneratedCode(context.OwningSymbol, diagnostic.Location, context.Compilation))
            {
#pragma warning disable RS0030 // The one place that reports for operation block actions.
                context.ReportDiagnostic(diagnostic);
#pragma warning restore RS0030
            }
        }

        public static void ReportOutsideGeneratedCode(this SyntaxNodeAnalysisContext context, Diagnostic diagnostic)
        {
            if (!IsInGeneratedCode(context.ContainingSymbol, diagnostic.Location, context.Compilation))
            {
#pragma warning disable RS0030 // The one place that reports for syntax node actions.
                context.ReportDiagnostic(diagnostic);
#pragma warning restore RS0030
            }
        }

        /// <summary>
        /// True when a diagnostic reported from code of <paramref name="containingSymbol"/> at <paramref name="location"/>
        /// lies in generated code the compiler did not skip: a hidden region, or an accessor of a property or event marked
        /// <c>[GeneratedCode]</c>.
        /// </summary>
        internal static bool IsInGeneratedCode(ISymbol? containingSymbol, Location location, Compilation compilation)
        {
            var tree = location.SourceTree;
            if (tree != null && tree.HasHiddenRegions() && tree.GetLineVisibility(location.SourceSpan.Start) == LineVisibility.Hidden)
            {
                return true;
            }

            // The compiler skips members marked [GeneratedCode] and members of types marked with it, but calls back for
            // the accessors of a property or event marked with it.
            return containingSymbol is IMethodSymbol { AssociatedSymbol: { } associated }
                && SymbolFacts.HasAttribute(associated, SemanticContext.For(compilation).GeneratedCodeAttribute);
        }
    }
}
