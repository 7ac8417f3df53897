using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The lexical pre-check that lets whole-project indexes skip trees that cannot contain the call they look for.</summary>
    public class InvokedNamesTests
    {
        private static System.Collections.Generic.HashSet<string> Scan(string text) => InvokedNames.Scan(text.ToCharArray());

        [Fact]
        public void Names_followed_by_a_parenthesis_are_invoked()
        {
            var names = Scan("app.MapGet(\"/\", Handler); Run (); x.Configure\n(o => o.Name);");
            Assert.Contains("MapGet", names);
            Assert.Contains("Run", names);
            Assert.Contains("Configure", names);
        }

        [Fact]
        public void Generic_calls_are_kept_apart_from_plain_calls()
        {
            var names = Scan("var dto = mapper.Map<ProductDto>(entity);");
            Assert.Contains("Map" + InvokedNames.GenericSuffix, names);
            Assert.DoesNotContain("Map", names);
        }

        [Fact]
        public void Names_that_are_not_followed_by_a_call_are_not_invoked()
        {
            var names = Scan("public int MapGet { get; set; } var x = MapPost; int y2 = 3;");
            Assert.DoesNotContain("MapGet", names);
            Assert.DoesNotContain("MapPost", names);
            Assert.DoesNotContain("y2", names);
        }

        [Fact]
        public void Identifiers_with_digits_underscores_and_letters_beyond_ascii_are_read_whole()
        {
            var names = Scan("Map_V2(); Größe(); _private(); 2Map();");
            Assert.Contains("Map_V2", names);
            Assert.Contains("Größe", names);
            Assert.Contains("_private", names);
            Assert.Contains("Map", names);
        }

        [Fact]
        public void Words_in_comments_and_strings_over_approximate_and_that_is_safe()
        {
            // The scan is a pre-check: a tree it names is read properly afterwards.
            var names = Scan("// call MapGet(...) here\nvar s = \"UseResponseCompression()\";");
            Assert.Contains("MapGet", names);
            Assert.Contains("UseResponseCompression", names);
        }

        [Fact]
        public void An_empty_or_truncated_text_is_read_without_error()
        {
            Assert.Empty(Scan(""));
            Assert.Empty(Scan("Map"));
            Assert.Empty(Scan("Map   "));
        }
    }
}
