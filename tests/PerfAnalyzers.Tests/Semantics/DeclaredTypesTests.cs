using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The one read of a tree's type declarations that base-list names, entity shapes and controller attributes share.</summary>
    public class DeclaredTypesTests
    {
        private static string[] Names(string source)
            => DeclaredTypes.In(CSharpSyntaxTree.ParseText(source), default).Select(type => type.Identifier.ValueText).ToArray();

        [Fact]
        public void Types_in_namespaces_and_nested_types_are_listed_in_document_order()
        {
            var names = Names("namespace A { class Outer { class Inner { } struct S { } } namespace B { interface I { } } } record R(int X); class Last { }");
            Assert.Equal(new[] { "Outer", "Inner", "S", "I", "R", "Last" }, names);
        }

        [Fact]
        public void A_file_scoped_namespace_is_read_like_a_block_one()
        {
            Assert.Equal(new[] { "Order", "OrdersController" }, Names("namespace Shop;\nclass Order { }\npublic class OrdersController : ControllerBase { }"));
        }

        [Fact]
        public void Enums_delegates_and_types_declared_nowhere_are_not_listed()
        {
            Assert.Empty(Names("enum Color { Red } delegate void D(); var x = 1; System.Console.WriteLine(x);"));
        }

        [Fact]
        public void Half_typed_code_is_read_without_error()
        {
            Assert.Equal(new[] { "A", "B" }, Names("namespace N { class A { void M( } class B : "));
        }
    }
}
