using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    public class PERF202SyncOverAsyncCallCodeFixTests
    {
        private const string Model = PERF202SyncOverAsyncCallTests.Model;

        [Fact]
        public Task Fix_awaits_to_list_async_with_the_token_parameter() => VerifyFix.CodeFixAsync(Model + """
            public class BlogService
            {
                public async Task<List<Blog>> ListAsync(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    return {|PERF202:db.Blogs.Where(b => b.Id > 0).ToList()|};
                }
            }
            """, Model + """
            public class BlogService
            {
                public async Task<List<Blog>> ListAsync(BlogDb db, CancellationToken token)
                {
                    await Task.Yield();
                    return await db.Blogs.Where(b => b.Id > 0).ToListAsync(token);
                }
            }
            """);

        [Fact]
        public Task Fix_makes_a_task_returning_method_async_and_awaits_what_it_returned() => VerifyFix.CodeFixAsync(Model + """
            public class BlogService
            {
                public Task<List<Blog>> All(BlogDb db) => Task.FromResult({|PERF202:db.Blogs.ToList()|});

                public Task<int> Count(BlogDb db)
                {
                    var blogs = {|PERF202:db.Blogs.ToList()|};
                    return Task.FromResult(blogs.Count);
                }
            }
            """, Model + """
            public class BlogService
            {
                public async Task<List<Blog>> All(BlogDb db) => await Task.FromResult(await db.Blogs.ToListAsync());

                public async Task<int> Count(BlogDb db)
                {
                    var blogs = await db.Blogs.ToListAsync();
                    return await Task.FromResult(blogs.Count);
                }
            }
            """);

        [Fact]
        public Task Fix_makes_sync_action_async_with_request_aborted_and_parentheses() => VerifyFix.CodeFixAsync(Model + """
            public class BlogsController : ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                public int Count() => {|PERF202:db.Blogs.ToList()|}.Count;
            }
            """, Model + """
            public class BlogsController : ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                public async Task<int> Count() => (await db.Blogs.ToListAsync(HttpContext.RequestAborted)).Count;
            }
            """);

        [Fact]
        public Task Fix_awaits_the_inner_call_of_an_assertion() => VerifyFix.CodeFixAsync(Model + """
            public class BlogTests
            {
                public async Task Counts_blogs(BlogDb db)
                {
                    await Task.Yield();
                    Equal(1, {|PERF202:db.Blogs.Count()|});
                }

                private static void Equal(int expected, int actual) { }
            }
            """, Model + """
            public class BlogTests
            {
                public async Task Counts_blogs(BlogDb db)
                {
                    await Task.Yield();
                    Equal(1, await db.Blogs.CountAsync());
                }

                private static void Equal(int expected, int actual) { }
            }
            """);

        [Fact]
        public Task Fix_awaits_the_inner_call_of_a_real_xunit_assertion() => VerifyFix.CodeFixAsync(Model + """
            public class BlogXunitTests
            {
                [Xunit.Fact]
                public async Task Counts_blogs()
                {
                    await using var db = new BlogDb(new DbContextOptionsBuilder<BlogDb>().UseSqlite("Data Source=:memory:").Options);
                    Xunit.Assert.Equal(1, {|PERF202:db.Blogs.Count()|});
                    Xunit.Assert.True({|PERF202:db.Blogs.Any()|});
                }
            }
            """, Model + """
            public class BlogXunitTests
            {
                [Xunit.Fact]
                public async Task Counts_blogs()
                {
                    await using var db = new BlogDb(new DbContextOptionsBuilder<BlogDb>().UseSqlite("Data Source=:memory:").Options);
                    Xunit.Assert.Equal(1, await db.Blogs.CountAsync());
                    Xunit.Assert.True(await db.Blogs.AnyAsync());
                }
            }
            """, frameworks: Frameworks.Web | Frameworks.Xunit);

        [Fact]
        public Task Fix_adds_the_entity_framework_using_when_missing() => VerifyFix.CodeFixAsync("""
            using System.Linq;
            using Shop.Data;

            namespace Shop.Data
            {
                using Microsoft.EntityFrameworkCore;

                public class Item { public int Id { get; set; } }
                public class ItemDb : DbContext { public DbSet<Item> Items => Set<Item>(); }
            }

            public class ItemsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public bool Any([Microsoft.AspNetCore.Mvc.FromServices] ItemDb db) => {|PERF202:db.Items.Any()|};
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Data;

            namespace Shop.Data
            {
                using Microsoft.EntityFrameworkCore;

                public class Item { public int Id { get; set; } }
                public class ItemDb : DbContext { public DbSet<Item> Items => Set<Item>(); }
            }

            public class ItemsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public async Task<bool> Any([Microsoft.AspNetCore.Mvc.FromServices] ItemDb db) => await db.Items.AnyAsync(HttpContext.RequestAborted);
            }
            """);

        [Fact]
        public Task Fix_all_makes_minimal_api_lambda_async_once_and_uses_request_aborted() => VerifyFix.CodeFixAsync(Model + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/blogs/{id}", (int id, BlogDb db, Microsoft.AspNetCore.Http.HttpContext context) =>
                    {
                        var blog = {|PERF202:db.Blogs.Find(id)|};
                        var count = {|PERF202:db.Blogs.Count()|};
                        {|PERF202:db.SaveChanges()|};
                        return count;
                    });
                }
            }
            """, Model + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/blogs/{id}", async (int id, BlogDb db, Microsoft.AspNetCore.Http.HttpContext context) =>
                    {
                        var blog = await db.Blogs.FindAsync(id);
                        var count = await db.Blogs.CountAsync(context.RequestAborted);
                        await db.SaveChangesAsync();
                        return count;
                    });
                }
            }
            """);

        // Teknik's upload API saves that it forgets the user's key: a save cancelled when the client leaves would keep it.
        [Fact]
        public Task Fix_passes_the_token_to_reads_only_not_to_writes() => VerifyFix.CodeFixAsync(Model + """
            public class BlogsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                [Microsoft.AspNetCore.Mvc.HttpPost("forget/{id}")]
                public async Task<int> Forget(int id, CancellationToken token)
                {
                    await Task.Yield();
                    var blog = {|PERF202:db.Blogs.First(b => b.Id == id)|};
                    {|PERF202:System.IO.File.WriteAllText("forgotten.txt", blog.Id.ToString())|};
                    return {|PERF202:db.SaveChanges()|};
                }
            }
            """, Model + """
            public class BlogsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                [Microsoft.AspNetCore.Mvc.HttpPost("forget/{id}")]
                public async Task<int> Forget(int id, CancellationToken token)
                {
                    await Task.Yield();
                    var blog = await db.Blogs.FirstAsync(b => b.Id == id, token);
                    await System.IO.File.WriteAllTextAsync("forgotten.txt", blog.Id.ToString());
                    return await db.SaveChangesAsync();
                }
            }
            """);

        // Teknik's account deletion calls other controllers' Delete actions and returns their results.
        [Fact]
        public Task No_fix_for_an_action_that_code_of_the_compilation_calls() => VerifyFix.NoCodeFixAsync(Model + """
            public class LinksController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly BlogDb db;
                public LinksController(BlogDb db) => this.db = db;

                [Microsoft.AspNetCore.Mvc.HttpPost("links/{id}/delete")]
                public Microsoft.AspNetCore.Mvc.IActionResult Delete(int id)
                {
                    var blog = {|PERF202:db.Blogs.Find(id)|};
                    db.Blogs.Remove(blog!);
                    {|PERF202:db.SaveChanges()|};
                    return Json(new { result = true });
                }
            }

            public class AccountController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly BlogDb db;
                public AccountController(BlogDb db) => this.db = db;

                [Microsoft.AspNetCore.Mvc.HttpPost("account/data/{id}")]
                public Microsoft.AspNetCore.Mvc.IActionResult DeleteData(int id)
                {
                    var links = new LinksController(db) { ControllerContext = ControllerContext };
                    return links.Delete(id);
                }
            }
            """);

        [Fact]
        public Task Fix_passes_token_by_name_when_optional_arguments_are_omitted() => VerifyFix.CodeFixAsync(Model + """
            public class Loader
            {
                public string Load(string name, int retries = 3) => name;
                public Task<string> LoadAsync(string name, int retries = 3, CancellationToken cancellationToken = default) => Task.FromResult(name);

                public async Task<string> RunAsync(CancellationToken token)
                {
                    await Task.Yield();
                    return {|PERF202:Load("a")|} + {|PERF202:File.ReadAllText("b")|};
                }
            }
            """, Model + """
            public class Loader
            {
                public string Load(string name, int retries = 3) => name;
                public Task<string> LoadAsync(string name, int retries = 3, CancellationToken cancellationToken = default) => Task.FromResult(name);

                public async Task<string> RunAsync(CancellationToken token)
                {
                    await Task.Yield();
                    return await LoadAsync("a", cancellationToken: token) + await File.ReadAllTextAsync("b", token);
                }
            }
            """);

        [Fact]
        public Task Fix_makes_sync_local_function_handler_async() => VerifyFix.CodeFixAsync(Model + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/blogs", List);

                    static List<Blog> List(BlogDb db) => {|PERF202:db.Blogs.ToList()|};
                }
            }
            """, Model + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/blogs", List);

                    static async Task<List<Blog>> List(BlogDb db) => await db.Blogs.ToListAsync();
                }
            }
            """);

        [Fact]
        public Task Fix_awaits_contains_async() => VerifyFix.CodeFixAsync(Model + """
            public class BlogChecks
            {
                public async Task<bool> Exists(BlogDb db, int id)
                {
                    await Task.Yield();
                    return {|PERF202:db.Blogs.Select(b => b.Id).Contains(id)|};
                }
            }
            """, Model + """
            public class BlogChecks
            {
                public async Task<bool> Exists(BlogDb db, int id)
                {
                    await Task.Yield();
                    return await db.Blogs.Select(b => b.Id).ContainsAsync(id);
                }
            }
            """);

        // The synchronous lambda of an in-memory operator cannot await: no fix (docs/rules/PERF202.md).
        [Fact]
        public Task No_fix_for_contains_in_a_synchronous_lambda() => VerifyFix.NoCodeFixAsync(Model + """
            public class BlogSync
            {
                public async Task Save(BlogDb db, List<Blog> blogs)
                {
                    var existingIds = db.Blogs.Select(b => b.Id);
                    db.UpdateRange(blogs.Where(b => {|PERF202:existingIds.Contains(b.Id)|}));
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_query_continued_after_a_null_conditional() => VerifyFix.NoCodeFixAsync(Model + """
            public class BlogService
            {
                public async Task<Blog?> GetAsync(BlogDb db)
                {
                    await Task.Yield();
                    return db.Blogs.Where(b => b.Id > 0)?{|PERF202:.FirstOrDefault()|};
                }
            }
            """);

        // OpenIddict's stores: the transaction is null for providers without one. 'await transaction?.CommitAsync()' would
        // await null and throw, so no fix is offered for a call after '?.'.
        [Fact]
        public Task No_fix_for_a_commit_after_a_null_conditional() => VerifyFix.NoCodeFixAsync(Model + """
            public class BlogStore
            {
                public async Task DeleteAsync(BlogDb db, Blog blog, CancellationToken ct)
                {
                    using var transaction = db.Database.IsRelational() ? await db.Database.BeginTransactionAsync(ct) : null;
                    db.Remove(blog);
                    await db.SaveChangesAsync(ct);
                    transaction?{|PERF202:.Commit()|};
                }
            }
            """);

        [Fact]
        public Task No_fix_for_sync_method_that_is_not_a_handler() => VerifyFix.NoCodeFixAsync(Model + """
            public class Seeder
            {
                public int Seed(BlogDb db) => {|PERF202:db.SaveChanges()|};
            }
            """, editorConfig: "perf_analyzers.async.scope = all");
    }
}
