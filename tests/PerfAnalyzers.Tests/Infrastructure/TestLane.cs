using Microsoft.CodeAnalysis.CSharp;

namespace PerfAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// The one place that says which C# version test snippets, the sample and robustness inputs are compiled with.
    /// The main lane (PerfAnalyzers.Tests) runs on the Roslyn the analyzers are built against and uses its highest
    /// version, C# 12. The Roslyn 5 lane (PerfAnalyzers.Tests.Roslyn5, which defines ROSLYN5_LANE) compiles the same
    /// sources against the newest Roslyn with the newest language, preview features included.
    /// </summary>
    internal static class TestLane
    {
#if ROSLYN5_LANE
        public const LanguageVersion Language = LanguageVersion.Preview;

        /// <summary>The folder, under tests/, whose snippets the snippet robustness test damages.</summary>
        public const string SnippetFolder = "PerfAnalyzers.Tests.Roslyn5";
#else
        public const LanguageVersion Language = LanguageVersion.CSharp12;

        /// <summary>The folder, under tests/, whose snippets the snippet robustness test damages.</summary>
        public const string SnippetFolder = "PerfAnalyzers.Tests";
#endif

        public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(Language);
    }
}
