using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The chunked text search behind the per-tree pre-checks (UseLazyLoadingProxies, UseQuerySplittingBehavior).</summary>
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
        public void Finds_the_word_wherever_it_falls_against_the_chunk_boundaries(int offset)
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
    }
}
