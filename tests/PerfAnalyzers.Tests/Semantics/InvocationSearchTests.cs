using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>Finding the calls of one name from the places the text spells it (the callers index of PERF301, the Map* index).</summary>
    public class InvocationSearchTests
    {
        private static string[] Find(string code, string name)
            => InvocationSearch.Find(CSharpSyntaxTree.ParseText(code), name, default).Select(i => i.ToString()).ToArray();

        [Fact]
        public void Finds_plain_member_conditional_and_generic_calls()
        {
            var calls = Find("""
                class C
                {
                    void M(C c)
                    {
                        Map(1);
                        c.Map(2);
                        c?.Map(3);
                        c.Map<int>(4);
                    }

                    void Map(int x) { }
                    void Map<T>(int x) { }
                }
                """, "Map");
            Assert.Equal(new[] { "Map(1)", "c.Map(2)", ".Map(3)", "c.Map<int>(4)" }, calls);
        }

        [Fact]
        public void Reads_only_the_text_of_the_tree_not_what_a_longer_one_left_in_the_reused_buffer()
        {
            var longer = "class C { void M() { " + new string(' ', 5000) + "Map(1); } void Map(int x) { } }";
            Assert.Single(Find(longer, "Map"));
            Assert.Empty(Find("class D { int Map; }", "Map"));
        }

        [Fact]
        public void Ignores_the_name_in_comments_strings_longer_names_and_non_calls()
        {
            var calls = Find("""
                class C
                {
                    // Map(1) in a comment
                    string s = "Map(2)";
                    int Map2 = 0;
                    int MapX() => 0;
                    System.Action a = Map;
                    void Map() { }
                }
                """, "Map");
            Assert.Empty(calls);
        }

        [Fact]
        public void Finds_nothing_in_an_empty_or_half_typed_file()
        {
            Assert.Empty(Find("", "Map"));
            Assert.Equal(new[] { "app.Map(" }, Find("class C { void M() { app.Map(", "Map"));
        }
    }
}
