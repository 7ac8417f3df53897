using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Tests.Infrastructure;
using PerfAnalyzers.Tests.Metadata;

namespace PerfAnalyzers.Tests.Sample
{
    /// <summary>samples/ShopApi compiled in memory the way the web SDK compiles it (implicit usings, nullable).</summary>
    internal static class SampleCompilation
    {
        public static string Directory => Path.Combine(RuleMetadataTests.RepositoryRoot, "samples", "ShopApi");

        public static ImmutableArray<string> SourceFiles()
            => System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToImmutableArray();

        /// <summary>The sample's files and the SDK's implicit usings, as (path, text) pairs.</summary>
        public static ImmutableArray<(string Path, string Text)> Documents()
            => SourceFiles().Select(f => (f, File.ReadAllText(f))).Append(("/sample/GlobalUsings.g.cs", WebSdkImplicitUsings.Source)).ToImmutableArray();

        public static CSharpCompilation Create()
        {
            var parseOptions = TestLane.ParseOptions;
            var trees = SourceFiles()
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, path: f, encoding: Encoding.UTF8))
                .Append(CSharpSyntaxTree.ParseText(WebSdkImplicitUsings.Source, parseOptions, path: "GlobalUsings.g.cs"));
            return CSharpCompilation.Create(
                "ShopApi",
                trees,
                SnippetReferences.For(Frameworks.Web),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        }
    }
}
