using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// PERF101 and a level-by-level walk of a graph (docs/concepts.md#loop-exclusions, 9): one query over the whole
    /// frontier per round is the batched form (found in Jellyfin's descendant queries); a walk that takes one node at a
    /// time is an N+1.
    /// </summary>
    public class PERF101LevelWalkTests
    {
        // ---- Not flagged: one query per level ----

        [Fact]
        public Task Ignores_a_walk_whose_query_reads_the_whole_frontier_in_Contains() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public List<Guid> Ancestors(TreeDb db, List<Guid> start)
                {
                    var resolved = start.ToHashSet();
                    var frontier = start.ToList();
                    while (frontier.Count != 0)
                    {
                        var next = db.Links.Where(l => frontier.Contains(l.ChildId)).Select(l => l.ParentId).Distinct().ToArray();
                        frontier = [];
                        foreach (var id in next)
                        {
                            if (resolved.Add(id))
                            {
                                frontier.Add(id);
                            }
                        }
                    }

                    return resolved.ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_walk_that_passes_the_frontier_to_an_extension_of_the_application() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public async Task<HashSet<Guid>> Descendants(TreeDb db, Guid root, CancellationToken ct)
                {
                    var seen = new HashSet<Guid> { root };
                    var frontier = new List<Guid> { root };
                    while (frontier.Count > 0)
                    {
                        var children = await db.Folders.WhereOneOrMany(frontier, f => f.ParentId).Select(f => f.Id).ToListAsync(ct);
                        frontier = new List<Guid>();
                        foreach (var id in children)
                        {
                            if (seen.Add(id))
                            {
                                frontier.Add(id);
                            }
                        }
                    }

                    return seen;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_walk_that_clears_and_refills_the_frontier() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public int Depth(TreeDb db, List<Guid> roots)
                {
                    var depth = 0;
                    var seen = new HashSet<Guid>(roots);
                    var frontier = new HashSet<Guid>(roots);
                    while (0 < frontier.Count)
                    {
                        var children = db.Folders.Where(f => frontier.Contains(f.ParentId)).Select(f => f.Id).ToList();
                        frontier.Clear();
                        foreach (var id in children)
                        {
                            if (seen.Add(id))
                            {
                                frontier.Add(id);
                            }
                        }

                        depth++;
                    }

                    return depth;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_do_loop_whose_condition_asks_Any() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public async Task<List<Guid>> Parents(TreeDb db, Guid[] frontier, CancellationToken ct)
                {
                    var all = new List<Guid>();
                    do
                    {
                        var parents = await db.Links.Where(l => frontier.Contains(l.ChildId)).Select(l => l.ParentId).Distinct().ToArrayAsync(ct);
                        frontier = parents.Where(p => !all.Contains(p)).ToArray();
                        all.AddRange(frontier);
                    }
                    while (frontier.Any());

                    return all;
                }
            }
            """);

        [Fact]
        public Task Ignores_every_query_of_a_round_built_on_the_frontier_through_locals_and_a_helper() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                private static IQueryable<Guid> Closure(TreeDb db, IReadOnlyList<Guid> roots)
                    => db.Folders.WhereOneOrMany(roots, f => f.ParentId).Select(f => f.Id);

                public List<Guid> LinkRoots(TreeDb db, Guid parentId)
                {
                    var linkRoots = new List<Guid> { parentId };
                    var visited = new HashSet<Guid> { parentId };
                    var frontier = new List<Guid> { parentId };
                    while (frontier.Count != 0)
                    {
                        var closureIds = Closure(db, frontier);
                        var linkedIds = db.Links.WhereOneOrMany(frontier, l => l.ParentId).Select(l => l.ChildId);
                        var linkedFolders = db.Folders.Where(f => f.IsFolder && linkedIds.Contains(f.Id)).Select(f => f.Id).ToHashSet();
                        var linkOwners = db.Links
                            .Where(l => closureIds.Contains(l.ParentId) || linkedIds.Contains(l.ParentId))
                            .Select(l => l.ParentId)
                            .Distinct()
                            .ToArray();

                        frontier = [];
                        foreach (var id in linkOwners.Concat(linkedFolders))
                        {
                            if (visited.Add(id))
                            {
                                frontier.Add(id);
                                linkRoots.Add(id);
                            }
                        }
                    }

                    return linkRoots;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_round_whose_query_is_composed_of_queries_over_the_frontier() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public List<Guid> LinkParents(TreeDb db, HashSet<Guid> resolved)
                {
                    var frontier = resolved.ToList();
                    while (frontier.Count != 0)
                    {
                        var direct = db.Links.WhereOneOrMany(frontier, l => l.ChildId).Select(l => l.ParentId);
                        var containing = db.Folders.WhereOneOrMany(frontier, f => f.Id).Select(f => f.ParentId);
                        var next = direct.Concat(containing).Distinct().ToArray();
                        frontier = [];
                        foreach (var id in next)
                        {
                            if (resolved.Add(id))
                            {
                                frontier.Add(id);
                            }
                        }
                    }

                    return [.. resolved];
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_that_reads_a_query_of_the_round_over_the_frontier() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> frontier)
                {
                    while (frontier.Count > 0)
                    {
                        var linked = db.Links.Where(l => frontier.Contains(l.ParentId)).Select(l => l.ChildId);
                        frontier = db.Folders.Where(f => f.IsFolder && linked.Contains(f.Id)).Select(f => f.Id).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_call_per_round_that_takes_the_whole_frontier() => VerifyCS.AnalyzerAsync(Tree + """
            public class Links
            {
                private readonly TreeDb db;
                public Links(TreeDb db) => this.db = db;

                public List<Guid> ParentsOf(IReadOnlyCollection<Guid> children)
                    => db.Links.Where(l => children.Contains(l.ChildId)).Select(l => l.ParentId).Distinct().ToList();
            }

            public class C
            {
                public HashSet<Guid> Ancestors(Links links, Guid start)
                {
                    var seen = new HashSet<Guid> { start };
                    var frontier = new List<Guid> { start };
                    while (frontier.Count > 0)
                    {
                        var parents = links.ParentsOf(frontier);
                        frontier = parents.Where(seen.Add).ToList();
                    }

                    return seen;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_walk_that_swaps_two_buffers() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public int Count(TreeDb db, Guid root)
                {
                    var total = 0;
                    var current = new List<Guid> { root };
                    var next = new List<Guid>();
                    while (current.Count > 0 && total < 100_000)
                    {
                        next.Clear();
                        next.AddRange(db.Folders.Where(f => current.Contains(f.ParentId)).Select(f => f.Id).ToList());
                        total += next.Count;
                        (current, next) = (next, current);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_walk_over_a_frontier_field() => VerifyCS.AnalyzerAsync(Tree + """
            public class Walker
            {
                private List<Guid> frontier = new();
                private readonly TreeDb db;
                public Walker(TreeDb db) => this.db = db;

                public void Run()
                {
                    while (frontier.Any())
                    {
                        var ids = frontier.ToList();
                        frontier = db.Folders.Where(f => ids.Contains(f.ParentId)).Select(f => f.Id).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_another_query_of_the_same_round() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public List<int> FolderCounts(TreeDb db, Guid root)
                {
                    var counts = new List<int>();
                    var frontier = new List<Guid> { root };
                    while (frontier.Count > 0)
                    {
                        counts.Add(db.Folders.Count(f => f.IsFolder));
                        frontier = db.Folders.Where(f => frontier.Contains(f.ParentId)).Select(f => f.Id).ToList();
                    }

                    return counts;
                }
            }
            """);

        // ---- Flagged: one query per node ----

        [Fact]
        public Task Reports_a_walk_that_dequeues_one_node_at_a_time() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public int Count(TreeDb db, Folder root)
                {
                    var count = 0;
                    var queue = new Queue<Folder>();
                    queue.Enqueue(root);
                    while (queue.Count > 0)
                    {
                        var node = queue.Dequeue();
                        var children = {|PERF101:db.Folders.Where(f => f.ParentId == node.Id).ToList()|};
                        foreach (var child in children)
                        {
                            count++;
                            queue.Enqueue(child);
                        }
                    }

                    return count;
                }
            }
            """);

        [Fact]
        public Task Reports_a_walk_that_takes_one_node_off_a_list_it_rebuilds() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> todo)
                {
                    while (todo.Count > 0)
                    {
                        var id = todo[0];
                        var children = {|PERF101:db.Folders.Where(f => f.ParentId == id).Select(f => f.Id).ToList()|};
                        todo = todo.Skip(1).Concat(children).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_walk_that_takes_one_node_even_when_its_query_also_reads_the_whole_list() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> todo)
                {
                    while (todo.Count > 0)
                    {
                        var id = todo.First();
                        var children = {|PERF101:db.Folders.Where(f => f.ParentId == id && !todo.Contains(f.Id)).Select(f => f.Id).ToList()|};
                        todo = todo.Skip(1).Concat(children).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_walk_that_takes_one_node_off_a_copy_of_the_list() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> frontier)
                {
                    while (frontier.Count > 0)
                    {
                        var ids = frontier.ToList();
                        var id = ids[0];
                        var children = {|PERF101:db.Folders.Where(f => f.ParentId == id).Select(f => f.Id).ToList()|};
                        frontier = ids.Skip(1).Concat(children).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_walk_whose_helper_picks_one_node_of_the_list() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                private static Guid Pick(IReadOnlyList<Guid> nodes) => nodes[nodes.Count - 1];

                private static List<Guid> Without(IReadOnlyList<Guid> nodes, Guid node) => nodes.Where(n => n != node).ToList();

                public void Walk(TreeDb db, List<Guid> frontier)
                {
                    while (frontier.Count > 0)
                    {
                        var id = Pick(frontier);
                        var children = {|PERF101:db.Folders.Where(f => f.ParentId == id).Select(f => f.Id).ToList()|};
                        frontier = Without(frontier, id);
                        frontier.AddRange(children);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_walk_whose_condition_reads_a_set_the_body_never_rebuilds() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, Guid root)
                {
                    var stack = new Stack<Guid>();
                    stack.Push(root);
                    var pending = new HashSet<Guid> { root };
                    while (pending.Count > 0)
                    {
                        var node = stack.Pop();
                        pending.Remove(node);
                        var children = {|PERF101:db.Folders.Where(f => f.ParentId == node && !pending.Contains(f.Id)).Select(f => f.Id).ToList()|};
                        foreach (var child in children)
                        {
                            pending.Add(child);
                            stack.Push(child);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_round_whose_query_reads_another_collection_than_the_condition() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> frontier, HashSet<Guid> visited, Guid id)
                {
                    while (frontier.Count != 0)
                    {
                        var next = {|PERF101:db.Links.Where(l => visited.Contains(l.ChildId) && l.ParentId != id).Select(l => l.ParentId).ToList()|};
                        frontier = next.Where(visited.Add).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_node_of_an_inner_loop_over_the_frontier() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> frontier)
                {
                    while (frontier.Count > 0)
                    {
                        var next = new List<Guid>();
                        foreach (var id in frontier)
                        {
                            next.AddRange({|PERF101:db.Folders.Where(f => f.ParentId == id).Select(f => f.Id).ToList()|});
                        }

                        frontier = next;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_node_of_a_lambda_over_the_frontier() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> frontier)
                {
                    while (frontier.Count > 0)
                    {
                        frontier = frontier.SelectMany(id => {|PERF101:db.Folders.Where(f => f.ParentId == id).Select(f => f.Id).ToList()|}).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_call_per_dequeued_node() => VerifyCS.AnalyzerAsync(Tree + """
            public class Folders
            {
                private readonly TreeDb db;
                public Folders(TreeDb db) => this.db = db;

                public List<Guid> ChildrenOf(Guid parentId) => db.Folders.Where(f => f.ParentId == parentId).Select(f => f.Id).ToList();
            }

            public class C
            {
                public void Walk(Folders folders, Guid root)
                {
                    var queue = new Queue<Guid>();
                    queue.Enqueue(root);
                    while (queue.Count > 0)
                    {
                        foreach (var child in {|PERF101:folders.ChildrenOf(queue.Dequeue())|})
                        {
                            queue.Enqueue(child);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_over_the_frontier_when_the_condition_compares_its_size_with_a_limit() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void Walk(TreeDb db, List<Guid> found, Guid id)
                {
                    while (found.Count < 100)
                    {
                        var more = {|PERF101:db.Folders.Where(f => !found.Contains(f.Id) && f.ParentId == id).Select(f => f.Id).Take(1).ToList()|};
                        found = found.Concat(more).ToList();
                    }
                }
            }
            """);
    }
}
