using System;
using System.Collections.Generic;
using System.Linq;
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
    /// facts only recomputes the edited tree: its cost follows the edit, not the size of the project. Every fact keeps
    /// its answer in the tree's <see cref="TreeSlots"/>: create facts once, in static fields.
    /// </summary>
    internal sealed class PerTreeFact<T>
        where T : class
    {
        private readonly Func<SyntaxTree, CancellationToken, T> compute;
        private readonly int slot;

        // Only if more facts were created than a tree has slots (never, with the facts in static fields).
        private readonly ConditionalWeakTable<SyntaxTree, T>? overflow;

        public PerTreeFact(Func<SyntaxTree, CancellationToken, T> compute)
        {
            this.compute = compute;
            slot = TreeSlots.Reserve();
            if (slot < 0)
            {
                overflow = new ConditionalWeakTable<SyntaxTree, T>();
            }
        }

        public T Get(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (overflow != null)
            {
                if (overflow.TryGetValue(tree, out var known))
                {
                    return known;
                }

                var value = compute(tree, cancellationToken);
                return overflow.GetValue(tree, _ => value);
            }

            var slots = TreeSlots.For(tree);
            if (Volatile.Read(ref slots[slot]) is T found)
            {
                return found;
            }

            // A cancelled computation stores nothing; of two threads that compute at once, the first answer stays.
            var computed = compute(tree, cancellationToken);
            return (T)(Interlocked.CompareExchange(ref slots[slot], computed, null) ?? computed);
        }
    }

    /// <summary>
    /// One entry per syntax tree for all <see cref="PerTreeFact{T}"/>s, each fact in its own slot. A weak table entry
    /// costs a runtime handle and a locked insert, and in a build every tree is new: one entry per tree instead of one
    /// per fact and tree (fourteen facts) takes most of that out of the per-compilation cost. The entry lives as long
    /// as the tree.
    /// </summary>
    internal static class TreeSlots
    {
        /// <summary>Slots per tree: more than the facts the analyzers create (about 20), with room for new ones.</summary>
        public const int Capacity = 32;

        private static readonly ConditionalWeakTable<SyntaxTree, object?[]> Table = new ConditionalWeakTable<SyntaxTree, object?[]>();
        private static readonly ConditionalWeakTable<SyntaxTree, object?[]>.CreateValueCallback Create = _ => new object?[Capacity];
        private static int reserved;

        /// <summary>A slot for a new fact, or -1 when every slot is taken.</summary>
        public static int Reserve()
        {
            var next = Interlocked.Increment(ref reserved) - 1;
            return next < Capacity ? next : -1;
        }

        /// <summary>How many slots facts have taken so far.</summary>
        internal static int Reserved => Math.Min(Volatile.Read(ref reserved), Capacity);

        public static object?[] For(SyntaxTree tree) => Table.TryGetValue(tree, out var slots) ? slots : Table.GetValue(tree, Create);
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
    /// One <see cref="AnswerMemo{TKey, TValue}"/> per compilation: answers about its symbols and syntax, dropped with it.
    /// </summary>
    internal sealed class PerCompilationAnswers<TKey, TValue>
        where TKey : class
    {
        private readonly ConditionalWeakTable<SemanticContext, AnswerMemo<TKey, TValue>> answers = new ConditionalWeakTable<SemanticContext, AnswerMemo<TKey, TValue>>();

        private readonly ConditionalWeakTable<SemanticContext, AnswerMemo<TKey, TValue>>.CreateValueCallback create;

        /// <param name="slotsPerTree">
        /// Slots per source file: the memo is sized to the project (at least 64, at most <paramref name="maxSlots"/>
        /// slots), because a build creates one per compilation, and a fixed size for a large project made most of what
        /// a small one allocates. A key that shares a slot is computed again.
        /// </param>
        public PerCompilationAnswers(int slotsPerTree, int maxSlots = 4096, IEqualityComparer<TKey>? comparer = null)
            => create = context => new AnswerMemo<TKey, TValue>(AnswerMemo<TKey, TValue>.SlotsFor(context.Compilation, slotsPerTree, maxSlots), comparer);

        public AnswerMemo<TKey, TValue> For(SemanticContext context) => answers.GetValue(context, create);
    }

    /// <summary>
    /// A fixed-size memo of answers that do not depend on who computes them, read and written without a lock. Each key
    /// has one slot; a key that shares a slot with another replaces it, and the replaced answer is computed again the
    /// next time it is asked. The analyzer driver asks from several threads at once: traces of a compiler server showed
    /// threads spinning on the locks a concurrent dictionary takes for every write (and every growth).
    /// </summary>
    internal sealed class AnswerMemo<TKey, TValue>
        where TKey : class
    {
        private readonly Entry?[] entries;
        private readonly IEqualityComparer<TKey> comparer;

        /// <param name="slots">Rounded up to a power of two.</param>
        public AnswerMemo(int slots, IEqualityComparer<TKey>? comparer = null)
        {
            var size = 16;
            while (size < slots)
            {
                size *= 2;
            }

            entries = new Entry?[size];
            this.comparer = comparer ?? EqualityComparer<TKey>.Default;
        }

        /// <summary>Slots for a memo of <paramref name="compilation"/>: per source file, between 64 and <paramref name="maxSlots"/>.</summary>
        public static int SlotsFor(Compilation compilation, int slotsPerTree, int maxSlots)
            => Math.Max(64, Math.Min(maxSlots, compilation.SyntaxTrees.Count() * slotsPerTree));

        public bool TryGetValue(TKey key, out TValue value)
        {
            var hash = comparer.GetHashCode(key);
            var entry = Volatile.Read(ref entries[hash & (entries.Length - 1)]);
            if (entry != null && entry.Hash == hash && comparer.Equals(entry.Key, key))
            {
                value = entry.Value;
                return true;
            }

            value = default!;
            return false;
        }

        /// <summary>Keeps <paramref name="value"/> as the answer for <paramref name="key"/> and returns it.</summary>
        public TValue Store(TKey key, TValue value)
        {
            var hash = comparer.GetHashCode(key);
            Volatile.Write(ref entries[hash & (entries.Length - 1)], new Entry(hash, key, value));
            return value;
        }

        // Immutable: a reader sees a whole entry or none, never a key with another key's answer.
        private sealed class Entry
        {
            public Entry(int hash, TKey key, TValue value)
            {
                Hash = hash;
                Key = key;
                Value = value;
            }

            public int Hash { get; }

            public TKey Key { get; }

            public TValue Value { get; }
        }
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
    /// The same read of the text also looks for every <see cref="TextMarker"/>, so a tree's text is copied once for all
    /// of them.
    /// </summary>
    internal static class InvokedNames
    {
        private static readonly PerTreeFact<TreeText> Cache = new PerTreeFact<TreeText>(Read);

        private static readonly TreeIndex TreesByName = new TreeIndex((tree, cancellationToken) => Cache.Get(tree, cancellationToken).InvokedNames);

        /// <summary>Marks a name followed by <c>&lt;</c>: <c>Map&lt;</c> for <c>mapper.Map&lt;Dto&gt;(x)</c>.</summary>
        public const string GenericSuffix = "<";

        /// <summary>
        /// The trees of <paramref name="compilation"/> whose text may call <paramref name="name"/>, with or without type
        /// arguments, in the compilation's order; after an edit only the edited trees are scanned again.
        /// </summary>
        public static List<SyntaxTree> TreesInvokingEither(Compilation compilation, string name, string genericName, CancellationToken cancellationToken)
            => TreesByName.TreesWithEither(compilation, name, genericName, cancellationToken);

        /// <summary>True when the text may call one of <paramref name="names"/> (a name ending in <see cref="GenericSuffix"/>: with type arguments).</summary>
        public static bool MayInvokeAny(SyntaxTree tree, string[] names, CancellationToken cancellationToken)
        {
            var invoked = Cache.Get(tree, cancellationToken).InvokedNames;
            foreach (var name in names)
            {
                if (invoked.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the text may call <paramref name="name"/> without type arguments.</summary>
        public static bool MayInvokePlain(SyntaxTree tree, string name, CancellationToken cancellationToken)
            => Cache.Get(tree, cancellationToken).InvokedNames.Contains(name);

        /// <summary>True when the text of <paramref name="tree"/> contains the marker's word anywhere (code, comments, strings).</summary>
        public static bool Mentions(SyntaxTree tree, TextMarker marker, CancellationToken cancellationToken)
            => Cache.Get(tree, cancellationToken).Mentions(marker);

        internal static NameTable Scan(SyntaxTree tree, CancellationToken cancellationToken) => Read(tree, cancellationToken).InvokedNames;

        internal static NameTable Scan(char[] chars) => Scan(chars, chars.Length);

        private static TreeText Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken);
            var length = text.Length;

            // The thread's copy of the text: read by both searches before anything else is copied on this thread.
            var chars = TextCopies.CopyOf(text);
            return new TreeText(Scan(chars, length), TextMarker.FoundIn(new ReadOnlySpan<char>(chars, 0, length)));
        }

        // Finds each '(' and '<' with a vectorised search and reads the name before it backwards, instead of visiting
        // every character: about one character in twenty-five opens a call, so most of the text is skipped in bulk. The
        // names are those a forward read gives: the identifier (minus any leading digits, which start no name) that
        // ends where only white space separates it from the '(' or '<'.
        private static NameTable Scan(char[] chars, int length)
        {
            var names = new NameTable();
            var text = new ReadOnlySpan<char>(chars, 0, length);
            for (var from = 0; from < length;)
            {
                var found = text.Slice(from).IndexOfAny('(', '<');
                if (found < 0)
                {
                    break;
                }

                var open = from + found;
                from = open + 1;

                var end = open;
                while (end > 0 && char.IsWhiteSpace(chars[end - 1]))
                {
                    end--;
                }

                var start = end;
                while (start > 0 && IsIdentifierPart(chars[start - 1]))
                {
                    start--;
                }

                while (start < end && !IsIdentifierStart(chars[start]))
                {
                    start++;
                }

                if (start < end)
                {
                    names.Add(chars, start, end - start, generic: chars[open] == '<');
                }
            }

            return names;
        }

        /// <summary>What one read of a tree's text found.</summary>
        private sealed class TreeText
        {
            private readonly int markers;

            public TreeText(NameTable invokedNames, int markers)
            {
                InvokedNames = invokedNames;
                this.markers = markers;
            }

            public NameTable InvokedNames { get; }

            public bool Mentions(TextMarker marker) => (markers & marker.Bit) != 0;
        }

        private static bool IsIdentifierStart(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && char.IsLetter(c));

        internal static bool IsIdentifierPart(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c > 127 && char.IsLetterOrDigit(c));
    }

    /// <summary>
    /// The distinct names of a scan, in an open-addressing table that is also the set the rules query: a name is compared
    /// in the text buffer and becomes a string only the first time it is seen (a file calls the same few names many
    /// times over), and a lookup hashes the name's characters instead of building another set. Read-only once the scan
    /// that filled it returns.
    /// </summary>
    internal sealed class NameTable : ICollection<string>
    {
        // Small to start: most files call a few dozen distinct names (a median of 4 to 20 in the applications measured),
        // and every tree of a build gets a table; it doubles as it fills.
        private string?[] slots = new string?[32];

        public int Count { get; private set; }

        bool ICollection<string>.IsReadOnly => true;

        public bool Contains(string item) => slots[SlotOf(NameOf(item), IsGeneric(item))] != null;

        public IEnumerator<string> GetEnumerator()
        {
            foreach (var name in slots)
            {
                if (name != null)
                {
                    yield return name;
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void CopyTo(string[] array, int arrayIndex)
        {
            foreach (var name in this)
            {
                array[arrayIndex++] = name;
            }
        }

        void ICollection<string>.Add(string item) => throw new NotSupportedException();

        void ICollection<string>.Clear() => throw new NotSupportedException();

        bool ICollection<string>.Remove(string item) => throw new NotSupportedException();

        internal void Add(char[] chars, int start, int length, bool generic)
        {
            var name = new ReadOnlySpan<char>(chars, start, length);
            var hash = Hash(name, generic);
            var slot = SlotOf(name, generic, hash);
            if (slots[slot] != null)
            {
                return;
            }

            slots[slot] = SharedNames.Get(name, generic, hash);
            if (++Count * 2 > slots.Length)
            {
                Grow();
            }
        }

        /// <summary>The slot that holds the name, or the empty slot where it would go.</summary>
        private int SlotOf(ReadOnlySpan<char> name, bool generic) => SlotOf(name, generic, Hash(name, generic));

        private int SlotOf(ReadOnlySpan<char> name, bool generic, int hash)
        {
            var mask = slots.Length - 1;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                var existing = slots[slot];
                if (existing == null || IsStoredName(existing, name, generic))
                {
                    return slot;
                }
            }
        }

        private static bool IsGeneric(string stored) => stored.Length > 0 && stored[stored.Length - 1] == '<';

        /// <summary>A stored name without its generic marker.</summary>
        private static ReadOnlySpan<char> NameOf(string stored) => stored.AsSpan(0, stored.Length - (IsGeneric(stored) ? InvokedNames.GenericSuffix.Length : 0));

        private static bool IsStoredName(string stored, ReadOnlySpan<char> name, bool generic)
            => IsGeneric(stored) == generic && NameOf(stored).SequenceEqual(name);

        // FNV-1a over the name's characters, then its generic marker.
        private static int Hash(ReadOnlySpan<char> name, bool generic)
        {
            var hash = 2166136261u;
            foreach (var c in name)
            {
                hash = (hash ^ c) * 16777619u;
            }

            if (generic)
            {
                hash = (hash ^ '<') * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }

        private void Grow()
        {
            var old = slots;
            slots = new string?[old.Length * 2];
            var mask = slots.Length - 1;
            foreach (var name in old)
            {
                if (name == null)
                {
                    continue;
                }

                var slot = Hash(NameOf(name), IsGeneric(name)) & mask;
                while (slots[slot] != null)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = name;
            }
        }

        /// <summary>
        /// One string per name for all trees: every file of a project calls the same few hundred names (Where,
        /// ToListAsync, Ok ..), and in a build every tree is scanned, so a string per name and tree was most of what
        /// the scans allocated. A fixed table without a lock: a name that shares a slot with another replaces it and
        /// is allocated again the next time, and two threads that write one slot at once each keep a correct string.
        /// It keeps at most 4,096 names for the life of the process (a compiler server, the IDE).
        /// </summary>
        private static class SharedNames
        {
            private static readonly string?[] Slots = new string?[4096];

            public static string Get(ReadOnlySpan<char> name, bool generic, int hash)
            {
                ref var slot = ref Slots[hash & (Slots.Length - 1)];
                var known = Volatile.Read(ref slot);
                if (known != null && IsStoredName(known, name, generic))
                {
                    return known;
                }

                var created = generic ? string.Concat(name.ToString(), InvokedNames.GenericSuffix) : name.ToString();
                Volatile.Write(ref slot, created);
                return created;
            }
        }
    }

    /// <summary>
    /// A word some rule looks for in a tree's text before it reads the tree's syntax (a setting that is rare, such as
    /// <c>UseQuerySplittingBehavior</c>). Every marker is searched in the copy of the text that <see cref="InvokedNames"/>
    /// reads, once per tree, instead of copying the text once per word: in a build, where every tree is read once, the
    /// copies were most of the cost of these checks. The search is for the characters anywhere, as a substring.
    /// </summary>
    internal sealed class TextMarker
    {
        private static readonly List<TextMarker> All = new List<TextMarker>();

        public static readonly TextMarker UseLazyLoadingProxies = new TextMarker("UseLazyLoadingProxies");
        public static readonly TextMarker UseQuerySplittingBehavior = new TextMarker("UseQuerySplittingBehavior");
        public static readonly TextMarker QueryTrackingBehavior = new TextMarker("QueryTrackingBehavior");
        public static readonly TextMarker SizeLimit = new TextMarker("SizeLimit");
        public static readonly TextMarker AddBasePolicy = new TextMarker("AddBasePolicy");
        public static readonly TextMarker Filters = new TextMarker("Filters");
        public static readonly TextMarker ResponseCache = new TextMarker("ResponseCache");
        public static readonly TextMarker UseHttpCacheHeaders = new TextMarker("UseHttpCacheHeaders");
        public static readonly TextMarker UseNoCacheHttpHeaders = new TextMarker("UseNoCacheHttpHeaders");

        public static readonly TextMarker UseMiddleware = new TextMarker("UseMiddleware");
        public static readonly TextMarker RequestHeaders = new TextMarker("Request.Headers");
        public static readonly TextMarker AuthorizeFilter = new TextMarker("AuthorizeFilter");
        public static readonly TextMarker FallbackPolicy = new TextMarker("FallbackPolicy");
        public static readonly TextMarker RequireAuthorization = new TextMarker("RequireAuthorization");
        public static readonly TextMarker Configurator = new TextMarker("Configurator");
        public static readonly TextMarker Conventions = new TextMarker("Conventions");

        // The Cache-Control header written by an inline middleware: Headers.CacheControl, HeaderNames.CacheControl, or
        // the header's name in a string, in either case.
        public static readonly TextMarker CacheControlProperty = new TextMarker("CacheControl");
        public static readonly TextMarker CacheControlHeader = new TextMarker("Cache-Control");
        public static readonly TextMarker CacheControlHeaderLowerCase = new TextMarker("cache-control");

        // ILazyLoader, and the lazyLoader constructor parameter EF Core binds by name (Action<object, string>).
        public static readonly TextMarker LazyLoader = new TextMarker("azyLoader");

        private TextMarker(string word)
        {
            Word = word;
            Bit = 1 << All.Count;
            All.Add(this);
        }

        public string Word { get; }

        internal int Bit { get; }

        /// <summary>True when the text of <paramref name="tree"/> contains the word, read once per tree with every other marker.</summary>
        public bool OccursIn(SyntaxTree tree, CancellationToken cancellationToken) => InvokedNames.Mentions(tree, this, cancellationToken);

        /// <summary>The bits of the markers whose word occurs in <paramref name="text"/>.</summary>
        internal static int FoundIn(ReadOnlySpan<char> text)
        {
            var found = 0;
            foreach (var marker in All)
            {
                if (text.IndexOf(marker.Word.AsSpan()) >= 0)
                {
                    found |= marker.Bit;
                }
            }

            return found;
        }
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
            var root = tree.GetRoot(cancellationToken);
            var sourceText = tree.GetText(cancellationToken);
            var length = sourceText.Length;

            // The thread's copy of the text, not a string of it per search; read before another text is copied.
            var text = TextCopies.CopyOf(sourceText);
            for (var at = IndexOf(text, length, name, 0); at >= 0; at = IndexOf(text, length, name, at + name.Length))
            {
                if ((at > 0 && InvokedNames.IsIdentifierPart(text[at - 1])) || (at + name.Length < length && InvokedNames.IsIdentifierPart(text[at + name.Length])))
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

        private static int IndexOf(char[] text, int length, string name, int from)
        {
            var found = new ReadOnlySpan<char>(text, from, length - from).IndexOf(name.AsSpan());
            return found < 0 ? -1 : from + found;
        }
    }

    /// <summary>
    /// The text of a tree copied into one buffer per thread, reused from tree to tree: a fresh array per tree and per
    /// search was most of the cost of the lexical scans in a build, where every tree is read once, and its garbage
    /// brought collections forward, whose pauses count in the time of every callback they interrupt. Files over 256k
    /// characters (512 KB kept per thread at most) get an array of their own. Callers read the copy before they copy
    /// another text on the same thread.
    /// </summary>
    internal static class TextCopies
    {
        private const int MaxKeptBuffer = 1 << 18;

        [ThreadStatic]
        private static char[]? buffer;

        /// <summary>A buffer whose first <c>text.Length</c> characters are the text.</summary>
        public static char[] CopyOf(SourceText text)
        {
            var length = text.Length;
            char[] chars;
            if (length > MaxKeptBuffer)
            {
                chars = new char[length];
            }
            else
            {
                chars = buffer!;
                if (chars == null || chars.Length < length)
                {
                    chars = new char[Math.Max(length, 16 * 1024)];
                    buffer = chars;
                }
            }

            text.CopyTo(0, chars, 0, length);
            return chars;
        }
    }
}
