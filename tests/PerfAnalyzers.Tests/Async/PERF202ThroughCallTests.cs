using System.Threading.Tasks;
using PerfAnalyzers.Async;
using Xunit;
using static PerfAnalyzers.Tests.Async.PERF202SyncOverAsyncCallTests;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "Through a call": async code calls a synchronous method of the application that blocks on an
    /// EF Core call further down. Reported at the call, with the path, and without a fix.
    /// </summary>
    public class PERF202ThroughCallTests
    {
        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Through(string method, string path, string asyncName)
            => VerifyCS.Diagnostic(Descriptors.PERF202SyncOverAsyncCall).WithLocation(0).WithArguments(method, " (" + path + ")", asyncName);

        // ---- Flagged ----

        [Fact]
        public Task Reports_a_private_helper_that_runs_a_synchronous_query_with_the_path_in_the_message() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                public async Task<IActionResult> Delete(int id)
                {
                    await Task.Yield();
                    if (!{|#0:BlogExists(id)|})
                    {
                        return NotFound();
                    }

                    return NoContent();
                }

                private bool BlogExists(int id) => db.Blogs.Any(b => b.Id == id);
            }
            """, expected: Through("BlogExists", "'Any'", "AnyAsync"));

        [Fact]
        public Task Reports_a_query_two_synchronous_methods_down() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogStore
            {
                private readonly BlogDb db;
                public BlogStore(BlogDb db) => this.db = db;
                public Blog? Find(int id) => Load(id);
                private Blog? Load(int id) => db.Blogs.FirstOrDefault(b => b.Id == id);
            }

            public class Service
            {
                public async Task<string> NameOf(BlogStore store, int id)
                {
                    await Task.Yield();
                    return {|#0:store.Find(id)|}?.Name ?? "";
                }
            }
            """, expected: Through("Find", "'Load' → 'FirstOrDefault'", "FirstOrDefaultAsync"));

        [Fact]
        public Task Reports_a_repository_interface_whose_implementation_runs_a_synchronous_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IBlogRepository { bool Exists(int id); }

            public class BlogRepository : IBlogRepository
            {
                private readonly BlogDb db;
                public BlogRepository(BlogDb db) => this.db = db;
                public bool Exists(int id) => db.Blogs.Any(b => b.Id == id);
            }

            public class Service
            {
                public async Task<bool> Check(IBlogRepository blogs, int id)
                {
                    await Task.Yield();
                    return {|#0:blogs.Exists(id)|};
                }
            }
            """, expected: Through("Exists", "'Any'", "AnyAsync"));

        [Fact]
        public Task Reports_a_helper_that_saves_synchronously() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task Rename(Blog blog, string name)
                {
                    await Task.Yield();
                    blog.Name = name;
                    {|#0:Commit()|};
                }

                private void Commit() => db.SaveChanges();
            }
            """, expected: Through("Commit", "'SaveChanges'", "SaveChangesAsync"));

        [Fact]
        public Task Reports_the_call_in_a_synchronous_request_handler() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                [HttpGet("blogs/{id}")]
                public IActionResult Get(int id) => {|PERF202:BlogExists(id)|} ? Ok() : NotFound();

                private bool BlogExists(int id) => db.Blogs.Any(b => b.Id == id);
            }
            """);

        [Fact]
        public Task Offers_no_fix_for_a_call_through_a_helper() => VerifyFix.NoCodeFixAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return {|PERF202:CountBlogs()|};
                }

                private int CountBlogs() => db.Blogs.Count();
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_a_helper_that_queries_only_on_the_first_call() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                private List<Blog>? cache;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return All().Count;
                }

                private List<Blog> All() => cache ??= db.Blogs.ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_helper_called_from_synchronous_code_that_is_not_a_handler() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public int Count() => CountBlogs();

                private int CountBlogs() => db.Blogs.Count();
            }
            """);

        [Fact]
        public Task Ignores_a_helper_that_only_composes_a_query_or_defers_it_in_a_lambda() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<List<Blog>> Named(string name)
                {
                    var loader = Later();
                    return await ByName(name).ToListAsync();
                }

                private IQueryable<Blog> ByName(string name) => db.Blogs.Where(b => b.Name == name);

                private Func<int> Later() => () => db.Blogs.Count();
            }
            """);

        [Fact]
        public Task Ignores_an_async_helper_which_is_reported_where_it_blocks() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return await CountBlogs();
                }

                private async Task<int> CountBlogs()
                {
                    await Task.Yield();
                    return {|PERF202:db.Blogs.Count()|};
                }
            }
            """);

        [Fact]
        public Task Does_not_follow_a_task_returning_method_further_down() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return Total();
                }

                private int Total()
                {
                    var pending = CountSoon();
                    return 0;
                }

                // Task-returning: async code, so its blocking call is reported here, not at every caller up the chain.
                private Task<int> CountSoon() => Task.FromResult({|PERF202:db.Blogs.Count()|});
            }
            """);

        [Fact]
        public Task Ignores_a_helper_that_reads_the_rows_through_AsEnumerable_as_async_code_does() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return Named().Count;
                }

                private List<Blog> Named() => db.Blogs.AsEnumerable().Where(b => b.Name.Length > 3).ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_helper_over_in_memory_data() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly List<Blog> blogs = new();

                public async Task<bool> Has(int id)
                {
                    await Task.Yield();
                    return Exists(id);
                }

                private bool Exists(int id) => blogs.Any(b => b.Id == id);
            }
            """);

        [Fact]
        public Task Reports_only_the_blocking_call_itself_when_every_method_is_in_scope() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return CountBlogs();
                }

                private int CountBlogs() => {|PERF202:db.Blogs.Count()|};
            }
            """, editorConfig: "perf_analyzers.PERF202.async.scope = all");

        [Fact]
        public Task Ignores_a_helper_listed_in_excluded_symbols() => VerifyCS.AnalyzerAsync(Model + """
            public class Service
            {
                private readonly BlogDb db;
                public Service(BlogDb db) => this.db = db;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return CountBlogs();
                }

                private int CountBlogs() => db.Blogs.Count();
            }
            """, editorConfig: "perf_analyzers.PERF202.excluded_symbols = M:Service.CountBlogs");
    }
}
