using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PerfAnalyzers.Tests.Metadata
{
    /// <summary>
    /// The package's analyzers and fixes and the repository's location, for every test. Kept apart from the metadata
    /// tests themselves so the Roslyn 5 lane can share these without running those tests twice.
    /// </summary>
    public partial class RuleMetadataTests
    {
        internal static string RepositoryRoot => typeof(RuleMetadataTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

        internal static IEnumerable<DiagnosticAnalyzer> Analyzers()
            => typeof(Descriptors).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

        internal static IEnumerable<CodeFixProvider> CodeFixes()
            => typeof(PerfAnalyzers.Infrastructure.CodeFixSyntax).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() != null)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);
    }
}
