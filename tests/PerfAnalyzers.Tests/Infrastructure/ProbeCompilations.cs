using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace PerfAnalyzers.Tests.Infrastructure
{
    /// <summary>Small compilations for tests of the semantic layer: one source file, the frameworks asked for, and libraries built on the spot.</summary>
    internal static class ProbeCompilations
    {
        public static CSharpCompilation Compile(string source, Frameworks frameworks, params MetadataReference[] extra)
            => CSharpCompilation.Create(
                "Probe",
                new[] { CSharpSyntaxTree.ParseText(source) },
                SnippetReferences.For(frameworks).Concat(extra),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        /// <summary>A library named <paramref name="name"/> compiled from <paramref name="source"/>, referenced from its image.</summary>
        public static MetadataReference Library(string name, string source)
        {
            var library = CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, SnippetReferences.For(Frameworks.NetCore), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            Assert.True(library.Emit(image).Success);
            return MetadataReference.CreateFromImage(image.ToArray());
        }
    }
}
