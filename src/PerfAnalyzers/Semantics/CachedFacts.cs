using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// A fact read from one syntax tree alone (no binding), computed once per tree. After each edit the IDE builds a
    /// new compilation that shares every unchanged tree object, so a compilation-wide fact assembled from per-tree
    /// facts only recomputes the edited tree: its cost follows the edit, not the size of the project.
    /// </summary>
    internal sealed class PerTreeFact<T>
        where T : class
    {
        private readonly ConditionalWeakTable<SyntaxTree, T> cache = new ConditionalWeakTable<SyntaxTree, T>();
        private readonly Func<SyntaxTree, CancellationToken, T> compute;

        public PerTreeFact(Func<SyntaxTree, CancellationToken, T> compute) => this.compute = compute;

        public T Get(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (cache.TryGetValue(tree, out var value))
            {
                return value;
            }

            value = compute(tree, cancellationToken);
            return cache.GetValue(tree, _ => value);
        }
    }

    /// <summary>A yes/no <see cref="PerTreeFact{T}"/>, and which trees of a compilation say yes.</summary>
    internal sealed class PerTreeFlag
    {
        // A tree's answer as the keys of a TreeIndex: the one key "" for yes, none for no.
        private static readonly string[] Yes = { string.Empty };
        private static readonly string[] No = Array.Empty<string>();

        private readonly PerTreeFact<string[]> fact;
        private readonly TreeIndex treesSayingYes;

        public PerTreeFlag(Func<SyntaxTree, CancellationToken, bool> compute)
        {
            fact = new PerTreeFact<string[]>((tree, cancellationToken) => compute(tree, cancellationToken) ? Yes : No);
            treesSayingYes = new TreeIndex(fact.Get);
        }

        public bool Get(SyntaxTree tree, CancellationToken cancellationToken) => fact.Get(tree, cancellationToken) == Yes;

        /// <summary>Whether any tree says yes, carried from the previous compilation so that only edited trees are read again.</summary>
        public bool AnyTree(Compilation compilation, CancellationToken cancellationToken)
            => treesSayingYes.AnyTreeWith(compilation, string.Empty, cancellationToken);

        /// <summary>The trees that say yes, in the compilation's order, carried from the previous compilation like <see cref="AnyTree"/>.</summary>
        public List<SyntaxTree> TreesSayingYes(Compilation compilation, CancellationToken cancellationToken)
            => treesSayingYes.TreesWith(compilation, string.Empty, cancellationToken);
    }

    /// <summary>
    /// Answers a model keeps per compilation (per property, per searched type, per context type …): one dictionary for
    /// each <see cref="SemanticContext"/>, dropped with it, so a new compilation after an edit starts empty.
    /// </summary>
    internal sealed class PerCompilationAnswers<TKey, TValue>
    {
        private readonly ConditionalWeakTable<SemanticContext, System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>> answers =
            new ConditionalWeakTable<SemanticContext, System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>>();

        private readonly ConditionalWeakTable<SemanticContext, System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>>.CreateValueCallback create;

        // The analyzer driver writes to one dictionary from several threads at once, and a build runs more threads than
        // cores. With the default (one lock per core, a first table of 31 buckets, grown while holding every lock) a trace
        // of a compiler server showed analysis threads spinning in the dictionary's lock; sixteen locks and a larger first
        // table make a collision, and a growth, rarer.
        private const int Locks = 16;
        private const int FirstCapacity = 256;

        public PerCompilationAnswers(IEqualityComparer<TKey>? comparer = null)
            => create = _ => new System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>(Locks, FirstCapacity, comparer ?? EqualityComparer<TKey>.Default);

        public System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue> For(SemanticContext context) => answers.GetValue(context, create);
    }

    /// <summary>
    /// A compilation-wide fact computed on first use with the caller's cancellation token. A cancelled computation
    /// stores nothing (unlike <see cref="Lazy{T}"/>, which would cache the exception), and the next caller computes it.
    /// </summary>
    internal sealed class CompilationFact<T>
    {
        private readonly Func<CancellationToken, T> compute;
        private Box? box;

        public CompilationFact(Func<CancellationToken, T> compute) => this.compute = compute;

        public T Get(CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref box);
            if (current == null)
            {
                var computed = new Box(compute(cancellationToken));
                current = Interlocked.CompareExchange(ref box, computed, null) ?? computed;
            }

            return current.Value;
        }

        private sealed class Box
        {
            public Box(T value) => Value = value;

            public T Value { get; }
        }
    }

    /// <summary>
    /// The names a tree's text invokes: every identifier followed (after white space) by <c>(</c>, or by <c>&lt;</c> for a
    /// generic call (kept apart, with <see cref="GenericSuffix"/>). A lexical scan of the text, much cheaper than visiting the syntax, computed once per tree. It
    /// over-approximates (words in comments and strings, comparisons such as <c>a &lt; b</c>), so a tree it names is
    /// then read properly; a tree it does not name has no such call and is skipped without building its syntax nodes.
    /// </summary>
    internal static class InvokedNames
    {
        private static readonly PerTreeFact<HashSet<string>> Cache = new PerTreeFact<HashSet<string>>(Scan);

        private static readonly TreeIndex TreesByName = new TreeIndex((tree, cancellationToken) => Cache.Get(tree, cancellationToken));

        /// <summary>Marks a name followed by <c>&lt;</c>: <c>Map&lt;</c> for <c>mapper.Map&lt;Dto&gt;(x)</c>.</summary>
        public const string GenericSuffix = "<";

        /// <summary>
        /// The trees of <paramref name="compilation"/> whose text may call <paramref name="name"/>, with or without type
        /// arguments, in the compilation's order; after an edit only the edited trees are scanned again.
        /// </summary>
        public static List<SyntaxTree> TreesInvokingEither(Compilation compilation, string name, string genericName, CancellationToken cancellationToken)
            => TreesByName.TreesWithEither(compilation, name, genericName, cancellationToken);

        /// <summary>True when the text may call one of <paramref name="names"/> without type arguments.</summary>
        public static bool MayInvokeAny(SyntaxTree tree, IEnumerable<string> names, CancellationToken cancellationToken)
            => Cache.Get(tree, cancellationToken).Overlaps(names);

        /// <summary>True when the text may call <paramref name="name"/> without type arguments.</summary>
        public static bool MayInvokePlain(SyntaxTree tree, string name, CancellationToken cancellationToken)
            => Cache.Get(tree, cancellationToken).Contains(name);

        internal static HashSet<string> Scan(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken);
            var chars = new char[text.Length];
            text.CopyTo(0, chars, 0, chars.Length);
            return Scan(chars);
        }

        internal static HashSet<string> Scan(char[] chars)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            while (i < chars.Length)
            {
                var c = chars[i];
                if (!IsIdentifierStart(c))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < chars.Length && IsIdentifierPart(chars[i]))
                {
                    i++;
                }

                var end = i;
                var next = i;
                while (next < chars.Length && char.IsWhiteSpace(chars[next]))
                {
                    next++;
                }

                if (next < chars.Length && chars[next] == '(')
                {
                    names.Add(new string(chars, start, end - start));
                }
                else if (next < chars.Length && chars[next] == '<')
                {
                    names.Add(new string(chars, start, end - start) + GenericSuffix);
                }
            }

            return names;
        }

        private static bool IsIdentifierStart(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && char.IsLetter(c));

        internal static bool IsIdentifierPart(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c > 127 && char.IsLetterOrDigit(c));
    }

    /// <summary>
    /// The calls of one name in a tree, found from the places its text spells the name: only the syntax nodes on the
    /// path from the root to each occurrence are built, not the whole tree's.
    /// </summary>
    internal static class InvocationSearch
    {
        /// <summary>Invocations of <c>name(..)</c>, <c>x.name(..)</c>, <c>x?.name(..)</c> and their generic forms.</summary>
        public static List<InvocationExpressionSyntax> Find(SyntaxTree tree, string name, CancellationToken cancellationToken)
        {
            var result = new List<InvocationExpressionSyntax>();
            var text = tree.GetText(cancellationToken).ToString();
            var root = tree.GetRoot(cancellationToken);
            for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                if ((at > 0 && InvokedNames.IsIdentifierPart(text[at - 1])) || (at + name.Length < text.Length && InvokedNames.IsIdentifierPart(text[at + name.Length])))
                {
                    continue;
                }

                var token = root.FindToken(at);
                if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name || token.Parent is not SimpleNameSyntax simpleName)
                {
                    continue;
                }

                ExpressionSyntax invoked = simpleName.Parent switch
                {
                    MemberAccessExpressionSyntax access when access.Name == simpleName => access,
                    MemberBindingExpressionSyntax binding when binding.Name == simpleName => binding,
                    _ => simpleName,
                };
                if (invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked)
                {
                    result.Add(invocation);
                }
            }

            return result;
        }
    }

    internal static class SourceTextSearch
    {
        /// <summary>
        /// True when <paramref name="word"/> occurs in the text: copied a chunk at a time into one buffer and searched
        /// with a vectorised <c>IndexOf</c>, without building a string of the whole text or visiting its syntax.
        /// </summary>
        public static bool Contains(SourceText text, string word)
        {
            var buffer = new char[Math.Max(8192, word.Length * 2)];
            var overlap = word.Length - 1;
            for (var position = 0; position < text.Length;)
            {
                var count = Math.Min(buffer.Length, text.Length - position);
                text.CopyTo(position, buffer, 0, count);
                if (new ReadOnlySpan<char>(buffer, 0, count).IndexOf(word.AsSpan()) >= 0)
                {
                    return true;
                }

                if (position + count >= text.Length)
                {
                    break;
                }

                // The next chunk starts early enough to catch a word cut in two at the chunk boundary.
                position += count - overlap;
            }

            return false;
        }
    }
}
