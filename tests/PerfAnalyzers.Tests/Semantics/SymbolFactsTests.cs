using Microsoft.CodeAnalysis;
using PerfAnalyzers.Semantics;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    public class SymbolFactsTests
    {
        private static readonly Compilation Web = ProbeCompilations.Compile("class C { }", Frameworks.Web);

        private static INamedTypeSymbol Type(string metadataName) => Web.GetTypeByMetadataName(metadataName)!;

        [Fact]
        public void A_built_in_type_implements_the_core_library_interfaces_it_declares()
        {
            var enumerableOfChar = Type("System.Collections.Generic.IEnumerable`1").Construct(Web.GetSpecialType(SpecialType.System_Char));
            Assert.True(SymbolFacts.IsOrImplements(Web.GetSpecialType(SpecialType.System_String), Type("System.IComparable")));
            Assert.True(SymbolFacts.IsOrImplements(Web.GetSpecialType(SpecialType.System_String), enumerableOfChar.OriginalDefinition));
            Assert.True(SymbolFacts.IsOrImplements(Web.GetSpecialType(SpecialType.System_Int32), Type("System.IComparable")));
        }

        [Fact]
        public void A_built_in_type_implements_no_interface_of_another_assembly()
        {
            var cookies = Type("Microsoft.AspNetCore.Http.IRequestCookieCollection");
            Assert.False(SymbolFacts.IsOrImplements(Web.GetSpecialType(SpecialType.System_String), cookies));
            Assert.False(SymbolFacts.IsOrImplements(Web.GetSpecialType(SpecialType.System_Object), cookies));
        }

        [Theory]
        [InlineData("Microsoft.AspNetCore.Mvc", true)]
        [InlineData("AspNetCore.Mvc", false)]
        [InlineData("Microsoft.AspNetCore", false)]
        [InlineData("Microsoft.AspNetCore.Mvc.Filters", false)]
        [InlineData("Microsoft.AspNetCore.Mv", false)]
        [InlineData("xMicrosoft.AspNetCore.Mvc", false)]
        public void A_namespace_is_compared_name_by_name(string dottedName, bool expected)
            => Assert.Equal(expected, SymbolFacts.IsNamespace(Type("Microsoft.AspNetCore.Mvc.ControllerBase").ContainingNamespace, dottedName));

        [Theory]
        [InlineData("Microsoft.AspNetCore", true)]
        [InlineData("Microsoft", true)]
        [InlineData("Microsoft.AspNetCore.Mvc", true)]
        [InlineData("Microsoft.AspNet", false)]
        [InlineData("Microsoft.Extensions", false)]
        [InlineData("Microsoft.AspNetCore.Mvc.Filters", false)]
        public void A_namespace_is_within_itself_and_its_containing_namespaces(string dottedName, bool expected)
            => Assert.Equal(expected, SymbolFacts.IsWithinNamespace(Type("Microsoft.AspNetCore.Mvc.ControllerBase").ContainingNamespace, dottedName));

        [Fact]
        public void The_global_namespace_and_null_are_no_named_namespace()
        {
            Assert.False(SymbolFacts.IsNamespace(Web.GlobalNamespace, "System"));
            Assert.False(SymbolFacts.IsNamespace(null, "System"));
            Assert.False(SymbolFacts.IsWithinNamespace(null, "System"));
        }

        [Fact]
        public void A_framework_class_implements_an_interface_of_another_assembly()
            => Assert.True(SymbolFacts.IsOrImplements(Type("Microsoft.AspNetCore.Http.HeaderDictionary"), Type("Microsoft.AspNetCore.Http.IHeaderDictionary")));
    }
}
