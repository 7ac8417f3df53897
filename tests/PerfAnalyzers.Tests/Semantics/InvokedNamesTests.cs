using System;
using System.Linq;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The lexical pre-check that lets whole-project indexes skip trees that cannot contain the call they look for.</summary>
    public class InvokedNamesTests
    {
        private static NameTable Scan(string text) => InvokedNames.Scan(text.ToCharArray());

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
        public void A_name_called_both_plainly_and_generically_is_kept_in_both_forms_once()
        {
            var names = Scan("Map(a); mapper.Map<A>(a); Map(b); mapper.Map<B>(b); Mapper(c);");
            Assert.Equal(new[] { "Map", "Map" + InvokedNames.GenericSuffix, "Mapper" }, names.OrderBy(name => name, StringComparer.Ordinal));
        }

        [Fact]
        public void Thousands_of_distinct_names_are_all_kept()
        {
            // Far past the first table of distinct names, which grows as it fills.
            var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"Call{i}(); Call{i}(); Generic{i}<T>();"));
            var names = Scan(text);
            Assert.Equal(10000, names.Count);
            Assert.Contains("Call4999", names);
            Assert.Contains("Generic0" + InvokedNames.GenericSuffix, names);
            Assert.DoesNotContain("Generic0", names);
        }

        [Fact]
        public void Trees_are_scanned_one_after_another_with_the_text_of_each_alone()
        {
            // The copy buffer is reused between trees: a short tree after a long one must not see the long one's tail.
            var longTree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class A { void M() { First(); Second(); Third(); } }");
            var shortTree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class B { }");
            Assert.Contains("Third", InvokedNames.Scan(longTree, default));
            Assert.Empty(InvokedNames.Scan(shortTree, default));
        }

        [Theory]
        [InlineData("a (b(c<d>(e)))")]
        [InlineData("1abc( 9_x<y>( x.9ab(")]
        [InlineData("Map\t\r\n (  Map\n<  (  <  ((  <<")]
        [InlineData("\u0663ab( \u00e9t\u00e9( \u0663(")]
        [InlineData("if (a < b) return x<y; M(); N <T>();")]
        [InlineData("(Map)")]
        public void The_names_are_those_a_forward_read_finds(string text)
        {
            Assert.Equal(ForwardRead(text).OrderBy(name => name, StringComparer.Ordinal), Scan(text).OrderBy(name => name, StringComparer.Ordinal));
        }

        [Fact]
        public void A_long_mixed_text_gives_the_names_a_forward_read_finds()
        {
            var random = new Random(20261202);
            var pieces = new[] { "Map", "x1", "_y", "9", "\u00e9", " ", "\t", "\n", "(", ")", "<", ">", ".", ";", "\"", "//", "Call", "a<b", "2Go" };
            var text = string.Concat(Enumerable.Range(0, 20000).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(ForwardRead(text).OrderBy(name => name, StringComparer.Ordinal), Scan(text).OrderBy(name => name, StringComparer.Ordinal));
        }

        /// <summary>The definition the scan implements: read identifiers left to right, keep each one followed by '(' or '&lt;'.</summary>
        private static System.Collections.Generic.HashSet<string> ForwardRead(string text)
        {
            var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < text.Length;)
            {
                var c = text[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && char.IsLetter(c))))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && InvokedNames.IsIdentifierPart(text[i]))
                {
                    i++;
                }

                var next = i;
                while (next < text.Length && char.IsWhiteSpace(text[next]))
                {
                    next++;
                }

                if (next < text.Length && (text[next] == '(' || text[next] == '<'))
                {
                    names.Add(text.Substring(start, i - start) + (text[next] == '<' ? InvokedNames.GenericSuffix : string.Empty));
                }
            }

            return names;
        }

        [Fact]
        public void The_table_answers_lookups_as_a_set_of_its_names_would()
        {
            // The table is the set the rules query: every name a forward read finds is in it, with or without the
            // generic marker as read, and names it does not hold (near misses, the other form, the empty name) are not.
            var random = new Random(1202);
            var pieces = new[] { "Map", "MapGet", "x1", "_y", " ", "\n", "(", "<", ".", ";", "Include", "a<b", "Go" };
            var text = string.Concat(Enumerable.Range(0, 5000).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = ForwardRead(text);
            var table = Scan(text);
            Assert.Equal(expected.Count, table.Count);
            var probes = expected.Concat(new[] { "", "<", "Ma", "MapGe", "Maps", "Zzz", "Zzz" + InvokedNames.GenericSuffix })
                .Concat(expected.Select(name => name.EndsWith(InvokedNames.GenericSuffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name + InvokedNames.GenericSuffix));
            foreach (var probe in probes)
            {
                Assert.Equal(expected.Contains(probe), table.Contains(probe));
            }
        }

        [Fact]
        public void A_table_grown_past_its_first_size_still_finds_every_name()
        {
            var text = string.Concat(Enumerable.Range(0, 1000).Select(i => $"Call{i}(); Generic{i}<T>(); "));
            var table = Scan(text);
            Assert.Equal(2000, table.Count);
            // Through the table's own lookup (what the rules call), not an enumeration of it.
            bool Holds(string name) => table.Contains(name);
            Assert.True(Holds("Call999"));
            Assert.True(Holds("Generic0" + InvokedNames.GenericSuffix));
            Assert.False(Holds("Generic0"));
            Assert.False(Holds("Call1000"));
        }

        [Fact]
        public void Trees_that_call_the_same_name_share_one_string_for_it()
        {
            // In a build every tree is scanned: a string per name and tree was most of what the scans allocated.
            var first = Scan("db.Orders.Where(o => o.Open).ToListAsync(); mapper.Map<OrderDto>(o);").ToList();
            var second = Scan("await db.Items.ToListAsync(); var d = mapper.Map<OrderDto>(i);").ToList();
            Assert.Same(first.Single(name => name == "ToListAsync"), second.Single(name => name == "ToListAsync"));
            Assert.Same(first.Single(name => name == "Map" + InvokedNames.GenericSuffix), second.Single(name => name == "Map" + InvokedNames.GenericSuffix));
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
