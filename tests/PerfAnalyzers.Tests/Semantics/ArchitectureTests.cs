using System;
using System.IO;
using System.Linq;
using PerfAnalyzers.Tests.Metadata;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The layering docs/architecture.md describes, checked on the source so that it stays true.</summary>
    public class ArchitectureTests
    {
        [Fact]
        public void Only_the_registry_looks_types_up_by_metadata_name()
        {
            var offenders = SourceFiles()
                .Where(file => !file.EndsWith(Path.Combine("Semantics", "KnownSymbols.cs"), StringComparison.Ordinal))
                .Where(file => File.ReadAllText(file).Contains("ByMetadataName(", StringComparison.Ordinal))
                .ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void The_analyzer_assembly_builds_one_request_handler_model_per_compilation()
        {
            // The model is created by SemanticContext.Handlers only: a second construction would repeat its per-compilation work.
            var constructions = SourceFiles().Where(file => File.ReadAllText(file).Contains("new RequestHandlerModel(", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { Path.Combine("Semantics", "SemanticContext.cs") }, constructions.Select(f => Path.Combine(Path.GetFileName(Path.GetDirectoryName(f)!), Path.GetFileName(f))));
        }

        private static string[] SourceFiles()
            => Directory.EnumerateFiles(Path.Combine(RuleMetadataTests.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToArray();
    }
}
