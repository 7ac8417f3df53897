using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>
    /// The text markers behind the per-tree pre-checks (UseLazyLoadingProxies, UseQuerySplittingBehavior and the
    /// others): searched in the copy of the text the invoked-names scan reads, on a buffer reused per thread.
    /// </summary>
    public class TextMarkerTests
    {
        private const string Word = "UseQuerySplittingBehavior";

        private static SyntaxTree Tree(string text) => CSharpSyntaxTree.ParseText(text);

        [Theory]
        [InlineData(0)]
        [InlineData(100)]
        [InlineData(8192 - 10)]
        [InlineData(8192 - 25)]
        [InlineData(8192 - 1)]
        [InlineData(8192)]
        [InlineData(3 * 8192 - 7)]
        [InlineData(300_000)]
        public void Finds_the_word_wherever_it_falls(int offset)
        {
            var tree = Tree(new string(' ', offset) + Word + new string(' ', 20000));
            Assert.True(TextMarker.UseQuerySplittingBehavior.OccursIn(tree, default));
        }

        [Theory]
        [InlineData("")]
        [InlineData("UseQuerySplitting")]
        [InlineData("useQuerySplittingBehavior")]
        public void Does_not_find_a_word_that_is_not_there(string content)
        {
            Assert.False(TextMarker.UseQuerySplittingBehavior.OccursIn(Tree(new string('x', 9000) + content + new string('x', 9000)), default));
            Assert.False(TextMarker.UseQuerySplittingBehavior.OccursIn(Tree(content), default));
        }

        [Fact]
        public void Finds_the_word_at_the_very_end_of_a_long_text()
        {
            Assert.True(TextMarker.UseQuerySplittingBehavior.OccursIn(Tree(new string(';', 2 * 8192 + 3) + Word), default));
        }

        [Fact]
        public void Does_not_find_a_word_a_longer_text_left_in_the_reused_buffer()
        {
            Assert.True(TextMarker.UseQuerySplittingBehavior.OccursIn(Tree(new string(' ', 5000) + Word), default));
            Assert.False(TextMarker.UseQuerySplittingBehavior.OccursIn(Tree(new string(' ', 4990)), default));
            Assert.False(TextMarker.UseQuerySplittingBehavior.OccursIn(Tree(new string(' ', 400_000)), default));
        }

        [Fact]
        public void Each_marker_answers_for_its_own_word_only()
        {
            // One read finds every marker: a tree that spells one word says yes for that marker and no for the others.
            var markers = new[]
            {
                TextMarker.UseLazyLoadingProxies, TextMarker.UseQuerySplittingBehavior, TextMarker.QueryTrackingBehavior, TextMarker.SizeLimit,
                TextMarker.AddBasePolicy, TextMarker.Filters, TextMarker.ResponseCache, TextMarker.UseHttpCacheHeaders,
            };
            foreach (var marker in markers)
            {
                var tree = Tree("class C { void M() { x." + marker.Word + "(); } }");
                foreach (var other in markers)
                {
                    Assert.Equal(other == marker || marker.Word.Contains(other.Word), other.OccursIn(tree, default));
                }
            }
        }

        [Fact]
        public void A_word_in_a_comment_or_a_string_counts_a_substring_too()
        {
            Assert.True(TextMarker.SizeLimit.OccursIn(Tree("// set SizeLimit later\nclass C { }"), default));
            Assert.True(TextMarker.ResponseCache.OccursIn(Tree("class C { string s = \"ResponseCacheAttribute\"; }"), default));
            Assert.False(TextMarker.Filters.OccursIn(Tree("class C { string s = \"Filter\"; }"), default));
        }
    }
}
