using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Infrastructure.ProbeCompilations;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>
    /// Known types found in metadata once per set of referenced assemblies, not once per compilation: the next
    /// compilation after an edit, or the next project on a compiler server, reuses the answers.
    /// </summary>
    [Collection(ReferencedTypesCache.Name)]
    public class ReferencedTypesTests
    {
        private const string OwnNonAction = "namespace Microsoft.AspNetCore.Mvc { public class NonActionAttribute : System.Attribute { } }";

        [Fact]
        public void A_compilation_after_an_edit_shares_the_answers_of_the_one_before()
        {
            var before = Compile("class C { }", Frameworks.Web);
            var after = before.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { }"));
            Assert.Same(ReferencedTypes.For(before), ReferencedTypes.For(after));
            Assert.Same(SemanticContext.For(before).DbContext, SemanticContext.For(after).DbContext);
        }

        [Fact]
        public void Compilations_with_different_references_do_not_share()
        {
            var web = Compile("class C { }", Frameworks.Web);
            var plain = Compile("class C { }", Frameworks.NetCore);
            Assert.NotSame(ReferencedTypes.For(web), ReferencedTypes.For(plain));
            Assert.Null(SemanticContext.For(plain).DbContext);
        }

        [Fact]
        public void A_type_the_next_compilation_defines_itself_still_wins()
        {
            var before = Compile("class C { }", Frameworks.Web);
            Assert.Equal("Microsoft.AspNetCore.Mvc.Core", SemanticContext.For(before).NonActionAttribute!.ContainingAssembly.Name);

            var after = before.AddSyntaxTrees(CSharpSyntaxTree.ParseText(OwnNonAction));
            Assert.Same(ReferencedTypes.For(before), ReferencedTypes.For(after));
            Assert.Equal(after.Assembly, SemanticContext.For(after).NonActionAttribute!.ContainingAssembly);
        }

        [Fact]
        public void An_own_generic_type_wins_over_the_referenced_one()
        {
            // "System.Lazy`1": a metadata name with an arity suffix.
            var own = Compile("namespace System { public class Lazy<T> { } }", Frameworks.Web);
            Assert.Equal(own.Assembly, SemanticContext.For(own).Lazy!.ContainingAssembly);
            Assert.Equal("System.Runtime", SemanticContext.For(Compile("class C { }", Frameworks.Web)).Lazy!.ContainingAssembly.Name);
        }

        [Fact]
        public void An_own_nested_type_wins_over_the_referenced_one()
        {
            // "ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter": a nested type of a generic type.
            var own = Compile(
                "namespace System.Runtime.CompilerServices { public struct ConfiguredTaskAwaitable<T> { public struct ConfiguredTaskAwaiter { } } }",
                Frameworks.Web);
            Assert.Equal(own.Assembly, SemanticContext.For(own).ConfiguredTaskAwaiterOfT!.ContainingAssembly);
        }

        [Fact]
        public void A_type_one_compilation_defines_is_not_shared_with_the_next()
        {
            var defining = Compile(OwnNonAction, Frameworks.Web);
            Assert.Equal(defining.Assembly, SemanticContext.For(defining).NonActionAttribute!.ContainingAssembly);

            var next = defining.RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText("class C { }"));
            Assert.Same(ReferencedTypes.For(defining), ReferencedTypes.For(next));
            Assert.Equal("Microsoft.AspNetCore.Mvc.Core", SemanticContext.For(next).NonActionAttribute!.ContainingAssembly.Name);
        }

        [Fact]
        public void A_reference_under_an_extern_alias_is_not_seen_and_its_compilation_keeps_its_own_answers()
        {
            var grpc = Library("Grpc.Core.Api", "namespace Grpc.Core { public class BindServiceMethodAttribute : System.Attribute { } }");
            var aliased = Compile("class C { }", Frameworks.NetCore, grpc.WithAliases(new[] { "grpc" }));
            var plain = Compile("class C { }", Frameworks.NetCore, grpc);

            Assert.Null(SemanticContext.For(aliased).BindServiceMethodAttribute);
            Assert.NotNull(SemanticContext.For(plain).BindServiceMethodAttribute);
            Assert.NotSame(ReferencedTypes.For(aliased), ReferencedTypes.For(aliased.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { }"))));
        }

        [Fact]
        public void The_shared_answers_die_with_the_last_compilation_that_uses_them()
        {
            // A reference set of its own, so no other test's compilation holds the same answers alive.
            var unique = Library("Unique" + Guid.NewGuid().ToString("N"), "public class Marker { }");
            var answers = ResolveAndDrop(unique);
            for (var attempt = 0; attempt < 3 && IsAlive(answers); attempt++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.False(IsAlive(answers));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference<ReferencedTypes> ResolveAndDrop(MetadataReference unique)
        {
            var compilation = Compile("class C { }", Frameworks.NetCore, unique);
            Assert.NotNull(SemanticContext.For(compilation).Task);
            return new WeakReference<ReferencedTypes>(ReferencedTypes.For(compilation));
        }

        // Out of line: a strong reference read in the test method itself could stay in its frame and keep the target alive.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool IsAlive(WeakReference<ReferencedTypes> reference) => reference.TryGetTarget(out _);
    }

    /// <summary>
    /// The cache keeps the last few reference sets for the whole process: tests compiling against other references at the
    /// same time could push a set out between the two lookups a test compares, so these tests run alone.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ReferencedTypesCache
    {
        public const string Name = "Referenced types cache";
    }
}
