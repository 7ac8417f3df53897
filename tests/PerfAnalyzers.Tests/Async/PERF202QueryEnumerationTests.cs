using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "A synchronous foreach over an EF query" and "An EF query handed to a method that enumerates it": in async
    /// code or a request handler, <c>foreach</c> over a query, or <c>RemoveRange(query)</c> or <c>string.Join(", ", query)</c>, reads its rows
    /// synchronously; the fixes await them with <c>await foreach</c> over <c>AsAsyncEnumerable()</c>, or <c>ToListAsync()</c>.
    /// </summary>
    public class PERF202QueryEnumerationTests
    {
        private const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public bool Archived { get; set; } }
            public class BlogDb : DbContext
            {
                public BlogDb(DbContextOptions<BlogDb> options) : base(options) { }
                public DbSet<Blog> Blogs => Set<Blog>();
            }

            """;

        // ---- flagged ----

        [Fact]
        public Task Reports_foreach_over_a_query_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db)
                {
                    foreach (var blog in {|PERF202:db.Blogs.Where(b => b.Name == "")|})
                    {
                        blog.Archived = true;
                    }

                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_foreach_over_a_db_set_in_a_sync_action() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public List<string> Names()
                {
                    var names = new List<string>();
                    foreach (var blog in {|PERF202:db.Blogs|})
                    {
                        names.Add(blog.Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Reports_foreach_over_a_query_held_in_a_local() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public async Task<int> Count(BlogDb db, bool archived)
                {
                    await Task.Yield();
                    var query = db.Blogs.Where(b => b.Archived == archived);
                    var count = 0;
                    foreach (var blog in {|PERF202:query|})
                    {
                        count += blog.Name.Length;
                    }

                    return count;
                }
            }
            """);

        [Fact]
        public Task Reports_foreach_over_a_query_a_repository_hands_out() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogRepository(BlogDb db)
            {
                public IQueryable<Blog> Active() => db.Blogs.Where(b => !b.Archived);
            }

            public class Digest(BlogRepository blogs)
            {
                public async Task<string> Build()
                {
                    await Task.Yield();
                    var text = "";
                    foreach (var blog in {|PERF202:blogs.Active()|})
                    {
                        text += blog.Name;
                    }

                    return text;
                }
            }
            """);

        [Fact]
        public Task Reports_foreach_over_a_query_in_a_task_returning_method() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public Task<int> Total(BlogDb db)
                {
                    var total = 0;
                    foreach (var blog in {|PERF202:db.Blogs|})
                    {
                        total += blog.Id;
                    }

                    return Task.FromResult(total);
                }
            }
            """);

        [Fact]
        public Task Reports_foreach_over_a_query_in_an_async_lambda() => VerifyCS.AnalyzerAsync(Model + """
            public class Jobs
            {
                public Func<BlogDb, Task> Archive { get; } = async db =>
                {
                    foreach (var (id, name) in {|PERF202:db.Blogs.Select(b => new Tuple<int, string>(b.Id, b.Name))|})
                    {
                        Console.WriteLine(id + name);
                    }

                    await Task.Yield();
                };
            }
            """);

        // TASVideos' publication editor: the old tags removed through a query.
        [Fact]
        public Task Reports_a_query_handed_to_remove_range_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class Cleaner
            {
                public async Task Purge(BlogDb db)
                {
                    db.Blogs.RemoveRange({|PERF202:db.Blogs.Where(b => b.Archived)|});
                    await db.SaveChangesAsync();
                }
            }
            """);

        // Bitwarden's group membership update: the new rows, projected by a query, handed to AddRangeAsync.
        [Fact]
        public Task Reports_a_query_handed_to_add_range_async() => VerifyCS.AnalyzerAsync(Model + """
            public class Copier
            {
                public async Task Copy(BlogDb db)
                {
                    var copies = db.Blogs.Where(b => b.Archived).Select(b => new Blog { Name = b.Name });
                    await db.AddRangeAsync({|PERF202:copies|});
                    await db.Blogs.AddRangeAsync({|PERF202:db.Blogs.Where(b => !b.Archived).Select(b => new Blog { Name = b.Name })|});
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Does_not_report_entities_or_a_loaded_list_handed_to_add_range_async() => VerifyCS.AnalyzerAsync(Model + """
            public class Copier
            {
                public async Task Copy(BlogDb db, List<Blog> imported)
                {
                    await db.AddRangeAsync(imported);
                    await db.Blogs.AddRangeAsync(new Blog { Name = "a" }, new Blog { Name = "b" });
                    await db.AddRangeAsync(await db.Blogs.Where(b => b.Archived).Select(b => new Blog { Name = b.Name }).ToListAsync());
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_local_handed_to_the_context_in_a_sync_action() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult Purge()
                {
                    var archived = db.Blogs.Where(b => b.Archived);
                    db.RemoveRange({|PERF202:archived|});
                    {|PERF202:db.SaveChanges()|};
                    return NoContent();
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_handed_to_update_range() => VerifyCS.AnalyzerAsync(Model + """
            public class Cleaner
            {
                public async Task Touch(BlogDb db)
                {
                    await Task.Yield();
                    db.Blogs.UpdateRange({|PERF202:db.Blogs.Where(b => b.Name == "")|});
                }
            }
            """);

        // A collection expression enumerates what it spreads: [.. query] reads the rows synchronously, as ToList() does.
        [Fact]
        public Task Reports_a_query_handed_to_a_list() => VerifyCS.AnalyzerAsync(Model + """
            public class Digest
            {
                public async Task<int> Count(BlogDb db)
                {
                    await Task.Yield();
                    var names = new List<string>();
                    names.AddRange({|PERF202:db.Blogs.Select(b => b.Name)|});
                    return names.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_joined_into_a_string_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class Digest
            {
                public async Task<string> Names(BlogDb db)
                {
                    await Task.Yield();
                    return string.Join(", ", {|PERF202:db.Blogs.Select(b => b.Name)|});
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_concatenated_in_a_sync_action() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public string Names() => string.Concat({|PERF202:db.Blogs.Select(b => b.Name)|});
            }
            """);

        [Fact]
        public Task Reports_a_query_copied_into_a_new_list_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class Digest
            {
                public async Task<int> Count(BlogDb db)
                {
                    await Task.Yield();
                    var names = new HashSet<string>({|PERF202:db.Blogs.Select(b => b.Name)|});
                    return names.Count;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_copied_into_a_new_list_in_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public class Digest
            {
                public int Count(BlogDb db) => new List<Blog>(db.Blogs).Count;
            }
            """);

        [Fact]
        public Task Reports_a_query_spread_into_a_collection_expression_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogNames
            {
                public async Task<List<string>> Names(BlogDb db)
                {
                    await Task.Yield();
                    List<string> names = [.. {|PERF202:db.Blogs.Where(b => !b.Archived).Select(b => b.Name)|}];
                    return names;
                }
            }
            """);

        [Fact]
        public Task Reports_a_db_set_and_a_query_local_spread_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogNames
            {
                public async Task<List<Blog>> All(BlogDb db, bool archived)
                {
                    await Task.Yield();
                    var query = db.Blogs.Where(b => b.Archived == archived);
                    List<Blog> some = [.. {|PERF202:query|}];
                    return [.. some, .. {|PERF202:db.Blogs|}];
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_spread_among_other_elements_in_a_sync_action() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public string[] Names() => ["all", .. {|PERF202:db.Blogs.OrderBy(b => b.Name).Select(b => b.Name)|}];
            }
            """);

        // ---- not flagged ----

        [Fact]
        public Task Ignores_rows_loaded_before_they_are_spread() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogNames
            {
                public async Task<List<string>> Names(BlogDb db)
                    => [.. await db.Blogs.Select(b => b.Name).ToListAsync()];
            }
            """);

        [Fact]
        public Task Ignores_a_query_spread_in_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogNames
            {
                public List<string> Names(BlogDb db) => [.. db.Blogs.Select(b => b.Name)];
            }
            """);

        [Fact]
        public Task Ignores_an_in_memory_queryable_spread() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogNames
            {
                public async Task<List<string>> Names(List<Blog> blogs)
                {
                    await Task.Yield();
                    return [.. blogs.AsQueryable().Select(b => b.Name)];
                }
            }
            """);


        [Fact]
        public Task Ignores_await_foreach_over_the_query() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db)
                {
                    await foreach (var blog in db.Blogs.AsAsyncEnumerable())
                    {
                        blog.Archived = true;
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_foreach_over_rows_already_loaded() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db)
                {
                    foreach (var blog in await db.Blogs.ToListAsync())
                    {
                        blog.Archived = true;
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_foreach_over_a_query_in_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public void Archive(BlogDb db)
                {
                    foreach (var blog in db.Blogs)
                    {
                        blog.Archived = true;
                    }

                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task Ignores_foreach_over_an_in_memory_queryable() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public async Task<int> Count(List<Blog> loaded)
                {
                    await Task.Yield();
                    var count = 0;
                    foreach (var blog in loaded.AsQueryable().Where(b => b.Archived))
                    {
                        count++;
                    }

                    return count;
                }
            }
            """);

        // A sequence, not a query: it has no AsAsyncEnumerable to await (see the page's design decisions).
        [Fact]
        public Task Ignores_foreach_over_a_query_turned_into_a_sequence() => VerifyCS.AnalyzerAsync(Model + """
            public class Archiver
            {
                public async Task<int> Count(BlogDb db)
                {
                    await Task.Yield();
                    var count = 0;
                    foreach (var blog in db.Blogs.AsEnumerable())
                    {
                        count++;
                    }

                    return count;
                }
            }
            """);

        [Fact]
        public Task Ignores_foreach_over_a_query_in_the_program_entry_point() => VerifyCS.AnalyzerAsync(Model + """
            public static class Program
            {
                public static async Task Main()
                {
                    using var db = new BlogDb(new DbContextOptionsBuilder<BlogDb>().Options);
                    foreach (var blog in db.Blogs)
                    {
                        Console.WriteLine(blog.Name);
                    }

                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Ignores_rows_loaded_before_remove_range() => VerifyCS.AnalyzerAsync(Model + """
            public class Cleaner
            {
                public async Task Purge(BlogDb db)
                {
                    db.Blogs.RemoveRange(await db.Blogs.Where(b => b.Archived).ToListAsync());
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_handed_to_remove_range_in_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public class Cleaner
            {
                public void Purge(BlogDb db)
                {
                    db.Blogs.RemoveRange(db.Blogs.Where(b => b.Archived));
                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task Ignores_an_in_memory_list_handed_to_remove_range() => VerifyCS.AnalyzerAsync(Model + """
            public class Cleaner
            {
                public async Task Purge(BlogDb db, List<Blog> stale)
                {
                    db.Blogs.RemoveRange(stale.Where(b => b.Archived));
                    await db.SaveChangesAsync();
                }
            }
            """);

        // A method of the application may keep the query for later: what it does with it is its own business.
        [Fact]
        public Task Ignores_a_query_handed_to_a_method_of_the_application() => VerifyCS.AnalyzerAsync(Model + """
            public class Pending
            {
                public void Remember(IQueryable<string> names) { }
            }

            public class Digest
            {
                public async Task Keep(BlogDb db, Pending pending)
                {
                    await Task.Yield();
                    pending.Remember(db.Blogs.Select(b => b.Name));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_list_joined_in_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class Digest
            {
                public async Task<string> Names(BlogDb db)
                {
                    var blogs = await db.Blogs.ToListAsync();
                    return string.Join(", ", blogs.Select(b => b.Name));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_joined_in_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public class Digest
            {
                public string Names(BlogDb db) => string.Join(", ", db.Blogs.Select(b => b.Name));
            }
            """);

        // ---- fix ----

        [Fact]
        public Task Fix_enumerates_the_query_with_await_foreach() => VerifyFix.CodeFixAsync(Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db)
                {
                    // every blog without a name
                    foreach (var blog in {|PERF202:db.Blogs.Where(b => b.Name == "")|})
                    {
                        blog.Archived = true;
                    }

                    await db.SaveChangesAsync();
                }
            }
            """, Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db)
                {
                    // every blog without a name
                    await foreach (var blog in db.Blogs.Where(b => b.Name == "").AsAsyncEnumerable())
                    {
                        blog.Archived = true;
                    }

                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Fix_passes_the_token_in_scope() => VerifyFix.CodeFixAsync(Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db, CancellationToken token)
                {
                    foreach (var blog in {|PERF202:db.Blogs|})
                    {
                        blog.Archived = true;
                    }

                    await db.SaveChangesAsync(token);
                }
            }
            """, Model + """
            public class Archiver
            {
                public async Task Archive(BlogDb db, CancellationToken token)
                {
                    await foreach (var blog in db.Blogs.AsAsyncEnumerable().WithCancellation(token))
                    {
                        blog.Archived = true;
                    }

                    await db.SaveChangesAsync(token);
                }
            }
            """);

        [Fact]
        public Task Fix_makes_a_sync_action_async() => VerifyFix.CodeFixAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public List<string> Names()
                {
                    var names = new List<string>();
                    foreach (var blog in {|PERF202:db.Blogs|})
                    {
                        names.Add(blog.Name);
                    }

                    return names;
                }
            }
            """, Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<string>> Names()
                {
                    var names = new List<string>();
                    await foreach (var blog in db.Blogs.AsAsyncEnumerable().WithCancellation(HttpContext.RequestAborted))
                    {
                        names.Add(blog.Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Fix_all_makes_the_method_async_once() => VerifyFix.CodeFixAsync(Model + """
            public class Archiver
            {
                public Task<int> Total(BlogDb db)
                {
                    var total = 0;
                    foreach (var blog in {|PERF202:db.Blogs|})
                    {
                        total += blog.Id;
                    }

                    foreach (var blog in {|PERF202:db.Blogs.Where(b => b.Archived)|})
                    {
                        total -= blog.Id;
                    }

                    return Task.FromResult(total);
                }
            }
            """, Model + """
            public class Archiver
            {
                public async Task<int> Total(BlogDb db)
                {
                    var total = 0;
                    await foreach (var blog in db.Blogs.AsAsyncEnumerable())
                    {
                        total += blog.Id;
                    }

                    await foreach (var blog in db.Blogs.Where(b => b.Archived).AsAsyncEnumerable())
                    {
                        total -= blog.Id;
                    }

                    return await Task.FromResult(total);
                }
            }
            """);

        [Fact]
        public Task Fix_loads_the_query_handed_to_remove_range() => VerifyFix.CodeFixAsync(Model + """
            public class Cleaner
            {
                public async Task Purge(BlogDb db, CancellationToken token)
                {
                    db.Blogs.RemoveRange({|PERF202:db.Blogs.Where(b => b.Archived)|});
                    await db.SaveChangesAsync(token);
                }
            }
            """, Model + """
            public class Cleaner
            {
                public async Task Purge(BlogDb db, CancellationToken token)
                {
                    db.Blogs.RemoveRange(await db.Blogs.Where(b => b.Archived).ToListAsync(token));
                    await db.SaveChangesAsync(token);
                }
            }
            """);

        [Fact]
        public Task Fix_loads_the_query_handed_to_add_range_async() => VerifyFix.CodeFixAsync(Model + """
            public class Copier
            {
                public async Task Copy(BlogDb db, CancellationToken token)
                {
                    await db.AddRangeAsync({|PERF202:db.Blogs.Where(b => b.Archived).Select(b => new Blog { Name = b.Name })|}, token);
                    await db.SaveChangesAsync(token);
                }
            }
            """, Model + """
            public class Copier
            {
                public async Task Copy(BlogDb db, CancellationToken token)
                {
                    await db.AddRangeAsync(await db.Blogs.Where(b => b.Archived).Select(b => new Blog { Name = b.Name }).ToListAsync(token), token);
                    await db.SaveChangesAsync(token);
                }
            }
            """);

        [Fact]
        public Task Fix_loads_the_query_joined_into_a_string() => VerifyFix.CodeFixAsync(Model + """
            public class Digest
            {
                public async Task<string> Names(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    return string.Join(", ", {|PERF202:db.Blogs.Select(b => b.Name)|});
                }
            }
            """, Model + """
            public class Digest
            {
                public async Task<string> Names(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    return string.Join(", ", await db.Blogs.Select(b => b.Name).ToListAsync(token));
                }
            }
            """);

        [Fact]
        public Task Fix_loads_the_query_copied_into_a_new_list() => VerifyFix.CodeFixAsync(Model + """
            public class Digest
            {
                public async Task<int> Count(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    var blogs = new List<Blog>({|PERF202:db.Blogs.Where(b => !b.Archived)|});
                    return blogs.Count;
                }
            }
            """, Model + """
            public class Digest
            {
                public async Task<int> Count(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    var blogs = new List<Blog>(await db.Blogs.Where(b => !b.Archived).ToListAsync(token));
                    return blogs.Count;
                }
            }
            """);

        [Fact]
        public Task Fix_all_loads_the_query_and_makes_the_action_async() => VerifyFix.CodeFixAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult Purge()
                {
                    var archived = db.Blogs.Where(b => b.Archived);
                    db.RemoveRange({|PERF202:archived|});
                    foreach (var blog in {|PERF202:db.Blogs|})
                    {
                        blog.Name = blog.Name.Trim();
                    }

                    return NoContent();
                }
            }
            """, Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Purge()
                {
                    var archived = db.Blogs.Where(b => b.Archived);
                    db.RemoveRange(await archived.ToListAsync(HttpContext.RequestAborted));
                    await foreach (var blog in db.Blogs.AsAsyncEnumerable().WithCancellation(HttpContext.RequestAborted))
                    {
                        blog.Name = blog.Name.Trim();
                    }

                    return NoContent();
                }
            }
            """);

        [Fact]
        public Task Fix_loads_the_query_before_it_is_spread() => VerifyFix.CodeFixAsync(Model + """
            public class BlogNames
            {
                public async Task<List<string>> Names(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    return ["all", .. {|PERF202:db.Blogs.Select(b => b.Name)|}];
                }
            }
            """, Model + """
            public class BlogNames
            {
                public async Task<List<string>> Names(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    return ["all", .. await db.Blogs.Select(b => b.Name).ToListAsync(token)];
                }
            }
            """);

        [Fact]
        public Task Fix_all_loads_every_spread_query_and_makes_the_action_async() => VerifyFix.CodeFixAsync(Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public List<string> Names()
                {
                    List<string> active = [.. {|PERF202:db.Blogs.Where(b => !b.Archived).Select(b => b.Name)|}];
                    List<string> archived = [.. {|PERF202:db.Blogs.Where(b => b.Archived).Select(b => b.Name)|}];
                    return [.. active, .. archived];
                }
            }
            """, Model + """
            public class BlogsController(BlogDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<string>> Names()
                {
                    List<string> active = [.. await db.Blogs.Where(b => !b.Archived).Select(b => b.Name).ToListAsync(HttpContext.RequestAborted)];
                    List<string> archived = [.. await db.Blogs.Where(b => b.Archived).Select(b => b.Name).ToListAsync(HttpContext.RequestAborted)];
                    return [.. active, .. archived];
                }
            }
            """);

        [Fact]
        public Task No_fix_inside_a_lock() => VerifyFix.NoCodeFixAsync(Model + """
            public class Archiver
            {
                private readonly object gate = new();

                public async Task Archive(BlogDb db)
                {
                    await Task.Yield();
                    lock (gate)
                    {
                        foreach (var blog in {|PERF202:db.Blogs|})
                        {
                            blog.Archived = true;
                        }
                    }
                }
            }
            """);
    }
}
