using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// Which trees of a compilation hold a key (a name the tree calls, a type it declares, a flag it sets), read from a
    /// per-tree fact. A key is looked up in every tree the first time it is asked. After an edit the IDE builds a new
    /// compilation that shares every unchanged tree at the same position: the answers of the previous compilation are
    /// carried over and only the changed trees are asked again, so a keystroke costs the same whatever the size of the
    /// project, instead of one visit per tree and key.
    /// </summary>
    internal sealed class TreeIndex
    {
        /// <summary>Past this many trees changed between two compilations, the answers are not carried over.</summary>
        private const int MaxChangedTrees = 64;

        /// <summary>The answers carried from one compilation to the next, at most.</summary>
        private const int MaxCarriedKeys = 4096;

        /// <summary>The compilations kept as starting points for the next one: the IDE has several projects open.</summary>
        private const int RecentCount = 4;

        private readonly Func<SyntaxTree, CancellationToken, ICollection<string>> keysOf;
        private readonly ConditionalWeakTable<Compilation, Snapshot> snapshots = new ConditionalWeakTable<Compilation, Snapshot>();
        // Held weakly: a snapshot lives as long as its compilation (the weak table above) or one of its anchor trees
        // (below), so a closed solution's trees are not kept alive by this index.
        private readonly WeakReference<Snapshot>?[] recent = new WeakReference<Snapshot>?[RecentCount];
        private int nextRecent;

        // The latest snapshot that holds a tree at an anchor position (first, middle, last), kept as long as that tree
        // lives. The IDE drops the compilation it analysed soon after an edit, while the unchanged trees live on in the
        // next one: without this, a collected predecessor meant asking every tree again. A weak table's value does not
        // keep its key alive, so the trees of a closed solution are still not kept alive.
        private readonly ConditionalWeakTable<SyntaxTree, SnapshotHolder> byAnchorTree = new ConditionalWeakTable<SyntaxTree, SnapshotHolder>();

        /// <param name="keysOf">The keys of one tree; cache it per tree (a <see cref="PerTreeFact{T}"/>): changed trees are asked again.</param>
        public TreeIndex(Func<SyntaxTree, CancellationToken, ICollection<string>> keysOf) => this.keysOf = keysOf;

        /// <summary>The trees of <paramref name="compilation"/> that hold <paramref name="key"/>, in the compilation's order.</summary>
        public List<SyntaxTree> TreesWith(Compilation compilation, string key, CancellationToken cancellationToken)
            => TreesWith(Get(compilation, cancellationToken), key, cancellationToken);

        private List<SyntaxTree> TreesWith(Snapshot snapshot, string key, CancellationToken cancellationToken)
        {
            var positions = Positions(snapshot, key, cancellationToken);
            var result = new List<SyntaxTree>(positions.Length);
            foreach (var position in positions)
            {
                result.Add(snapshot.Trees[position]);
            }

            return result;
        }

        /// <summary>The trees that hold either key, in the compilation's order.</summary>
        public List<SyntaxTree> TreesWithEither(Compilation compilation, string key, string otherKey, CancellationToken cancellationToken)
        {
            var snapshot = Get(compilation, cancellationToken);
            if (!snapshot.Answers.ContainsKey(key) && !snapshot.Answers.ContainsKey(otherKey))
            {
                Read(snapshot, new[] { key, otherKey }, cancellationToken);
            }

            var first = Positions(snapshot, key, cancellationToken);
            var second = Positions(snapshot, otherKey, cancellationToken);
            var result = new List<SyntaxTree>(first.Length + second.Length);
            int i = 0, j = 0;
            while (i < first.Length || j < second.Length)
            {
                // Merge the two ascending lists, each tree once.
                var position = j >= second.Length || (i < first.Length && first[i] <= second[j]) ? first[i] : second[j];
                if (i < first.Length && first[i] == position)
                {
                    i++;
                }

                if (j < second.Length && second[j] == position)
                {
                    j++;
                }

                result.Add(snapshot.Trees[position]);
            }

            return result;
        }

        /// <summary>
        /// A value computed from the trees that hold <paramref name="key"/> (<paramref name="derive"/> gets them in the
        /// compilation's order), kept while none of those trees changes: the next compilation after an edit elsewhere
        /// reuses it instead of reading every one of them again. Per index, one derivation per key: the value must depend
        /// on the trees alone, and is shared across threads and compilations, so it is never modified.
        /// </summary>
        public T Derive<T>(Compilation compilation, string key, Func<List<SyntaxTree>, T> derive, CancellationToken cancellationToken)
            where T : class
        {
            var snapshot = Get(compilation, cancellationToken);
            if (snapshot.Derived.TryGetValue(key, out var known))
            {
                return (T)known;
            }

            return (T)snapshot.Derived.GetOrAdd(key, derive(TreesWith(snapshot, key, cancellationToken)));
        }

        /// <summary>True when some tree of <paramref name="compilation"/> holds <paramref name="key"/>.</summary>
        public bool AnyTreeWith(Compilation compilation, string key, CancellationToken cancellationToken)
            => Positions(Get(compilation, cancellationToken), key, cancellationToken).Length > 0;

        private int[] Positions(Snapshot snapshot, string key, CancellationToken cancellationToken)
        {
            if (!snapshot.Answers.TryGetValue(key, out var known))
            {
                Read(snapshot, new[] { key }, cancellationToken);
                known = snapshot.Answers[key];
            }

            return known;
        }

        /// <summary>Every tree asked for <paramref name="keys"/> in one pass: each tree's keys are fetched once, not once per key.</summary>
        private void Read(Snapshot snapshot, string[] keys, CancellationToken cancellationToken)
        {
            var found = new List<int>[keys.Length];
            for (var k = 0; k < keys.Length; k++)
            {
                found[k] = new List<int>();
            }

            for (var position = 0; position < snapshot.Trees.Length; position++)
            {
                var treeKeys = keysOf(snapshot.Trees[position], cancellationToken);
                for (var k = 0; k < keys.Length; k++)
                {
                    if (treeKeys.Contains(keys[k]))
                    {
                        found[k].Add(position);
                    }
                }
            }

            for (var k = 0; k < keys.Length; k++)
            {
                snapshot.Answers.TryAdd(keys[k], found[k].ToArray());
            }
        }

        private Snapshot Get(Compilation compilation, CancellationToken cancellationToken)
        {
            if (snapshots.TryGetValue(compilation, out var known))
            {
                return known;
            }

            // The compilation's own array, not a copy: a copy of every tree reference per keystroke is garbage that grows
            // with the project.
            var trees = compilation is CSharpCompilation csharp ? csharp.SyntaxTrees : compilation.SyntaxTrees.ToImmutableArray();
            Snapshot? predecessor = null;
            int[]? changed = null;
            lock (recent)
            {
                foreach (var reference in recent)
                {
                    if (reference != null && reference.TryGetTarget(out var candidate) && (changed = candidate.ChangedPositions(trees, MaxChangedTrees)) != null)
                    {
                        predecessor = candidate;
                        break;
                    }
                }
            }

            if (predecessor == null)
            {
                foreach (var position in AnchorPositions(trees.Length))
                {
                    if (byAnchorTree.TryGetValue(trees[position], out var holder) && holder.Snapshot is { } candidate
                        && (changed = candidate.ChangedPositions(trees, MaxChangedTrees)) != null)
                    {
                        predecessor = candidate;
                        break;
                    }
                }
            }

            var snapshot = new Snapshot(trees);
            if (predecessor != null && changed != null)
            {
                Carry(predecessor, snapshot, changed, cancellationToken);
            }

            lock (recent)
            {
                var slot = -1;
                for (var i = 0; i < recent.Length && predecessor != null; i++)
                {
                    if (recent[i] != null && recent[i]!.TryGetTarget(out var held) && ReferenceEquals(held, predecessor))
                    {
                        slot = i;
                    }
                }

                if (slot < 0)
                {
                    slot = nextRecent;
                    nextRecent = (nextRecent + 1) % recent.Length;
                }

                recent[slot] = new WeakReference<Snapshot>(snapshot);
            }

            foreach (var position in AnchorPositions(trees.Length))
            {
                byAnchorTree.GetValue(trees[position], _ => new SnapshotHolder()).Snapshot = snapshot;
            }

            return snapshots.GetValue(compilation, _ => snapshot);
        }

        /// <summary>The first, middle and last positions: an edit rarely changes all three trees.</summary>
        private static IEnumerable<int> AnchorPositions(int count)
        {
            if (count == 0)
            {
                yield break;
            }

            yield return 0;
            if (count > 2)
            {
                yield return count / 2;
            }

            if (count > 1)
            {
                yield return count - 1;
            }
        }

        /// <summary>The previous compilation's answers, with only the trees at <paramref name="changed"/> asked again.</summary>
        private void Carry(Snapshot from, Snapshot to, int[] changed, CancellationToken cancellationToken)
        {
            var changedKeys = new ICollection<string>[changed.Length];
            for (var i = 0; i < changed.Length; i++)
            {
                changedKeys[i] = keysOf(to.Trees[changed[i]], cancellationToken);
            }

            foreach (var answer in from.Answers.Take(MaxCarriedKeys))
            {
                var positions = answer.Value;
                List<int>? updated = null;
                for (var i = 0; i < changed.Length; i++)
                {
                    var had = Array.BinarySearch(positions, changed[i]) >= 0;
                    if (had != changedKeys[i].Contains(answer.Key))
                    {
                        updated ??= new List<int>(positions);
                        if (had)
                        {
                            updated.Remove(changed[i]);
                        }
                        else
                        {
                            updated.Add(changed[i]);
                        }
                    }
                }

                if (updated != null)
                {
                    updated.Sort();
                    positions = updated.ToArray();
                }

                to.Answers.TryAdd(answer.Key, positions);
                if (from.Derived.TryGetValue(answer.Key, out var derived) && !HoldsAny(answer.Value, changed) && !HoldsAny(positions, changed))
                {
                    // No tree that held the key, or holds it now, changed: what was derived from them still holds.
                    to.Derived.TryAdd(answer.Key, derived);
                }
            }
        }

        private static bool HoldsAny(int[] positions, int[] changed)
        {
            foreach (var position in changed)
            {
                if (Array.BinarySearch(positions, position) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class SnapshotHolder
        {
            private Snapshot? snapshot;

            public Snapshot? Snapshot
            {
                get => Volatile.Read(ref snapshot);
                set => Volatile.Write(ref snapshot, value);
            }
        }

        /// <summary>The trees of one compilation and the keys asked of them so far (key → ascending positions).</summary>
        private sealed class Snapshot
        {
            public Snapshot(ImmutableArray<SyntaxTree> trees) => Trees = trees;

            public ImmutableArray<SyntaxTree> Trees { get; }

            public ConcurrentDictionary<string, int[]> Answers { get; } = new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal);

            /// <summary>Key → the value <see cref="Derive"/> computed from the trees that hold it.</summary>
            public ConcurrentDictionary<string, object> Derived { get; } = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);

            /// <summary>
            /// The positions whose tree differs in <paramref name="trees"/>, if they continue this compilation (as many trees,
            /// at most <paramref name="limit"/> of them changed, and at most half); otherwise null. Another project of a
            /// solution often has as many trees: none of them is shared, and carrying its answers would only ask every
            /// tree again for keys this compilation may never ask.
            /// </summary>
            public int[]? ChangedPositions(ImmutableArray<SyntaxTree> trees, int limit)
            {
                if (trees == Trees)
                {
                    // The same array: a clone of the compilation (the one the analyzer driver runs on).
                    return Array.Empty<int>();
                }

                if (trees.Length != Trees.Length)
                {
                    return null;
                }

                limit = Math.Min(limit, trees.Length / 2);
                var changed = new List<int>();
                for (var position = 0; position < trees.Length; position++)
                {
                    if (!ReferenceEquals(trees[position], Trees[position]))
                    {
                        changed.Add(position);
                        if (changed.Count > limit)
                        {
                            return null;
                        }
                    }
                }

                return changed.ToArray();
            }
        }
    }
}
