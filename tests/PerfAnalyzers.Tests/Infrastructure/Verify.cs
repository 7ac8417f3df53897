using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PerfAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// One-line verification of an analyzer on a snippet marked up with <c>{|PERFnnn:...|}</c>:
    /// the snippet compiles against the real frameworks (see <see cref="SnippetReferences"/>), optional
    /// .editorconfig lines apply to it, and compiler errors in the snippet fail the test.
    /// </summary>
    public static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        /// <summary>
        /// Runs the analyzer; expected diagnostics come from the markup and from <paramref name="expected"/>
        /// (use <c>{|#0:...|}</c> with <c>Diagnostic(..).WithLocation(0).WithArguments(..)</c> to check a message).
        /// </summary>
        public static Task AnalyzerAsync(string source, string? editorConfig = null, Frameworks frameworks = Frameworks.Web, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, source, editorConfig, frameworks, outputKind);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }

    /// <summary>Verification of a code fix: the fixed code must match, compile, and no longer be flagged.</summary>
    public static class Verify<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        public static Task AnalyzerAsync(string source, string? editorConfig = null, Frameworks frameworks = Frameworks.Web, params DiagnosticResult[] expected)
            => Verify<TAnalyzer>.AnalyzerAsync(source, editorConfig, frameworks, OutputKind.DynamicallyLinkedLibrary, expected);

        /// <summary>
        /// Applies the fix with <paramref name="equivalenceKey"/> (the first offered fix when null) to every
        /// diagnostic, one at a time and through Fix All in document, project and solution scope.
        /// </summary>
        public static Task CodeFixAsync(string source, string fixedSource, string? equivalenceKey = null, string? editorConfig = null, Frameworks frameworks = Frameworks.Web, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
            {
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
            };
            SnippetTest.Configure(test, source, editorConfig, frameworks, outputKind);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// A fix whose result still has diagnostics of the rule, marked in <paramref name="fixedSource"/> (the testing
        /// library otherwise expects the fixed code to hold none it can fix).
        /// </summary>
        public static Task CodeFixLeavingDiagnosticsAsync(string source, string fixedSource)
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { FixedCode = fixedSource };
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Like <see cref="CodeFixAsync(string, string, string?, string?, Frameworks, OutputKind)"/>, for a fix that edits several files of one project.</summary>
        public static Task CodeFixAsync(string[] sources, string[] fixedSources, string? equivalenceKey = null, Frameworks frameworks = Frameworks.Web, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { CodeActionEquivalenceKey = equivalenceKey };
            SnippetTest.Configure(test, sources[0], null, frameworks, outputKind);
            for (var i = 0; i < sources.Length; i++)
            {
                if (i > 0)
                {
                    test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
                }

                test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The diagnostics are reported, but no fix with that key is offered.</summary>
        public static Task NoCodeFixAsync(string source, string? equivalenceKey = null, string? editorConfig = null, Frameworks frameworks = Frameworks.Web)
            => CodeFixAsync(source, source, equivalenceKey, editorConfig, frameworks);
    }

    internal static class SnippetTest
    {
        // Nothing is resolved from a package feed: the references come from SnippetReferences alone.
        private static readonly ReferenceAssemblies NoPackageReferences = new ReferenceAssemblies("net10.0");

        public static void Configure(AnalyzerTest<DefaultVerifier> test, string source, string? editorConfig, Frameworks frameworks, OutputKind outputKind)
        {
            test.TestCode = source;
            test.ReferenceAssemblies = NoPackageReferences;
            test.SolutionTransforms.Add(WithLaneLanguage);
            ConfigureState(test.TestState, editorConfig, frameworks, outputKind);
        }

        // The testing library's own default is the loaded Roslyn's default version; the lane decides instead.
        private static Solution WithLaneLanguage(Solution solution, ProjectId projectId)
            => solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(TestLane.Language));

        public static void ConfigureState(SolutionState state, string? editorConfig, Frameworks frameworks, OutputKind outputKind)
        {
            state.OutputKind = outputKind;
            state.AdditionalReferences.AddRange(SnippetReferences.For(frameworks));
            if (editorConfig != null)
            {
                state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }
        }
    }
}
