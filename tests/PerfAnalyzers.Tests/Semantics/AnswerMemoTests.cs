using System;
using System.Linq;
using System.Threading.Tasks;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The lock-free memo the per-compilation models keep their answers in: it may forget, never mix up.</summary>
    public class AnswerMemoTests
    {
        /// <summary>A key whose hash the test chooses, to put two keys in one slot.</summary>
        private sealed class Key
        {
            public Key(int hash) => Hash = hash;

            public int Hash { get; }

            public override int GetHashCode() => Hash;
        }

        [Fact]
        public void A_stored_answer_is_read_back()
        {
            var memo = new AnswerMemo<string, int>(64);
            Assert.False(memo.TryGetValue("orders", out _));
            Assert.Equal(3, memo.Store("orders", 3));
            Assert.True(memo.TryGetValue("orders", out var answer));
            Assert.Equal(3, answer);
        }

        [Theory]
        [InlineData(1, 16, 64)]
        [InlineData(57, 16, 912)]
        [InlineData(57, 0, 64)]
        [InlineData(5000, 16, 4096)]
        public void A_memo_per_compilation_is_sized_to_the_project_within_bounds(int trees, int slotsPerTree, int expected)
        {
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "Sized", Enumerable.Range(0, trees).Select(i => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText($"class C{i} {{ }}")));
            Assert.Equal(expected, AnswerMemo<string, int>.SlotsFor(compilation, slotsPerTree, maxSlots: 4096));
        }

        [Fact]
        public void A_key_sharing_a_slot_replaces_the_answer_and_the_other_key_is_not_answered()
        {
            var memo = new AnswerMemo<Key, string>(16);
            var first = new Key(5);
            var second = new Key(5 + 16);
            memo.Store(first, "first");
            memo.Store(second, "second");

            Assert.False(memo.TryGetValue(first, out _));
            Assert.True(memo.TryGetValue(second, out var answer));
            Assert.Equal("second", answer);
        }

        [Fact]
        public void Equal_hashes_of_different_keys_are_told_apart()
        {
            var memo = new AnswerMemo<Key, string>(16);
            memo.Store(new Key(7), "stored");
            Assert.False(memo.TryGetValue(new Key(7), out _));
        }

        [Fact]
        public void The_comparer_decides_which_keys_are_equal()
        {
            var memo = new AnswerMemo<string, bool>(16, StringComparer.OrdinalIgnoreCase);
            memo.Store("Orders", true);
            Assert.True(memo.TryGetValue("ORDERS", out var answer));
            Assert.True(answer);
        }

        [Fact]
        public void Answers_written_from_several_threads_are_each_read_with_their_own_key()
        {
            var memo = new AnswerMemo<string, string>(64);
            var keys = Enumerable.Range(0, 1000).Select(i => "key" + i).ToArray();
            Parallel.For(0, 8, _ =>
            {
                foreach (var key in keys)
                {
                    if (memo.TryGetValue(key, out var answer))
                    {
                        Assert.Equal(key.ToUpperInvariant(), answer);
                    }
                    else
                    {
                        memo.Store(key, key.ToUpperInvariant());
                    }
                }
            });

            var answered = keys.Count(key => memo.TryGetValue(key, out var answer) && answer == key.ToUpperInvariant());
            Assert.InRange(answered, 1, 64);
        }
    }
}
