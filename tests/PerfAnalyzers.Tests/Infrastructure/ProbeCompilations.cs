using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
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

        /// <summary>
        /// Another project of the application as a command-line build references it: its reference assembly (public and
        /// protected members only), compiled from <paramref name="source"/> against <paramref name="frameworks"/>, and
        /// public-signed with <paramref name="publicKey"/> when one is given.
        /// </summary>
        public static MetadataReference ReferencedProject(string name, string source, Frameworks frameworks, ImmutableArray<byte> publicKey = default, string? filePath = null)
        {
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
            if (!publicKey.IsDefaultOrEmpty)
            {
                options = options.WithCryptoPublicKey(publicKey).WithPublicSign(true);
            }

            var project = CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, SnippetReferences.For(frameworks), options);
            using var image = new MemoryStream();
            var emitted = project.Emit(image, options: new EmitOptions(metadataOnly: true));
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray(), filePath: filePath);
        }

        /// <summary>
        /// Another project of the solution as the IDE hands it over: its compilation, source symbols and all, rather than the
        /// metadata a build references (<see cref="ReferencedProject"/>).
        /// </summary>
        public static MetadataReference ReferencedProjectInTheIde(string name, string source, Frameworks frameworks)
            => CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, SnippetReferences.For(frameworks),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)).ToMetadataReference();

        /// <summary>The public key EF Core's assemblies are signed with: a real key for tests that need a signed assembly.</summary>
        public static ImmutableArray<byte> EfCorePublicKey()
        {
            var compilation = Compile("", Frameworks.EfCore);
            var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            Assert.NotNull(dbContext);
            return dbContext!.ContainingAssembly.Identity.PublicKey;
        }
    }
}
