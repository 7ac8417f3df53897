using System;

namespace PerfAnalyzers.Semantics
{
    /// <summary>Reading what a member's name says: its first word, as .NET names are written (<c>GetByKey</c>, <c>IsBounceAsync</c>).</summary>
    internal static class NameWords
    {
        /// <summary>The name begins with one of <paramref name="words"/>, followed by an upper-case letter or nothing (<c>Get</c> in <c>GetById</c>, not in <c>Getaway</c>).</summary>
        public static bool StartsWithWord(string name, string[] words)
        {
            foreach (var word in words)
            {
                if (name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || char.IsUpper(name[word.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name without its <c>Async</c> suffix (<c>ToList</c> for <c>ToListAsync</c>), or the name itself.</summary>
        public static string WithoutAsyncSuffix(string name)
            => name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Async".Length) : name;
    }
}
