using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The text search behind the per-tree pre-checks (UseLazyLoadingProxies, UseQuerySplittingBehavior), on a buffer reused per thread.</summary>
    public class SourceTextSearchTests
    {
        private const string Word = "UseQuerySplittingBehavior";

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
            var text = SourceText.From(new string(' ', offset) + Word + new string(' ', 20000));
            Assert.True(SourceTextSearch.Contains(text, Word));
        }

        [Theory]
        [InlineData("")]
        [InlineData("UseQuerySplitting")]
        [InlineData("useQuerySplittingBehavior")]
        public void Does_not_find_a_word_that_is_not_there(string content)
        {
            Assert.False(SourceTextSearch.Contains(SourceText.From(new string('x', 9000) + content + new string('x', 9000)), Word));
            Assert.False(SourceTextSearch.Contains(SourceText.From(content), Word));
        }

        [Fact]
        public void Finds_the_word_at_the_very_end_of_a_long_text()
        {
            Assert.True(SourceTextSearch.Contains(SourceText.From(new string(';', 2 * 8192 + 3) + Word), Word));
        }

        [Fact]
        public void Does_not_find_a_word_a_longer_text_left_in_the_reused_buffer()
        {
            Assert.True(SourceTextSearch.Contains(SourceText.From(new string(' ', 5000) + Word), Word));
            Assert.False(SourceTextSearch.Contains(SourceText.From(new string(' ', 4990)), Word));
            Assert.False(SourceTextSearch.Contains(SourceText.From(new string(' ', 400_000)), Word));
        }
    }
}
