using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF108CartesianExplosionCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF108CartesianExplosionTests
    {
        private const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public List<Post> Posts { get; set; } = new(); public List<Tag> Tags { get; set; } = new(); public Author? Owner { get; set; } }
            public class Post { public int Id { get; set; } public int BlogId { get; set; } public Blog? Blog { get; set; } public Author? Author { get; set; } public List<Comment> Comments { get; set; } = new(); public ICollection<Tag> Tags { get; set; } = new List<Tag>(); }
            public class Author { public int Id { get; set; } public string Name { get; set; } = ""; public List<Post> Posts { get; set; } = new(); }
            public class Comment { public int Id { get; set; } public string Text { get; set; } = ""; }
            public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }

            """;

        internal const string Db = Model + """
            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                public DbSet<Blog> Blogs => Set<Blog>();
                public DbSet<Post> Posts => Set<Post>();
            }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_two_collections_included_side_by_side() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public async Task<List<Blog>> M(BlogDb db)
                    => await db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToListAsync()|};
            }
            """);

        // A council's finance data migration reads under a no-lock transaction through its own ToListWithNoLockAsync.
        private const string NoLockHelpers = """
            public static class QueryableLocks
            {
                public static async Task<List<T>> ToListWithNoLockAsync<T>(this IQueryable<T> query)
                {
                    using var scope = new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled);
                    var result = await query.ToListAsync();
                    scope.Complete();
                    return result;
                }

                public static Task<int> CountWithNoLockAsync<T>(this IQueryable<T> query) => query.CountAsync();
            }

            """;

        [Fact]
        public Task Reports_a_query_run_by_a_helper_of_the_application_that_materialises_it() => VerifyCS.AnalyzerAsync(Db + NoLockHelpers + """
            public class AccountsGateway(BlogDb db)
            {
                public Task<List<Blog>> Extracted(int count)
                    => db.Blogs.Where(b => b.Id > count).Take(count).Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToListWithNoLockAsync()|};
            }
            """);

        // Ombi's recently-added list: the Plex shows, with their seasons and episodes, go through a helper to one that
        // enumerates them.
        private const string RecentlyAdded = """
            public static class Gatherer
            {
                public static IEnumerable<string> Gather(IQueryable<Blog> blogs, IQueryable<Blog> names)
                {
                    var model = new HashSet<string>();
                    Transform(blogs, model);
                    Transform(names, model);
                    return model;
                }

                public static void Keep(IQueryable<Blog> blogs, List<IQueryable<Blog>> kept) => kept.Add(blogs);

                private static void Transform(IQueryable<Blog> blogs, HashSet<string> model)
                {
                    foreach (var blog in blogs)
                    {
                        foreach (var post in blog.Posts)
                        {
                            foreach (var tag in blog.Tags)
                            {
                                model.Add(post.Id + tag.Label);
                            }
                        }
                    }
                }
            }

            """;

        [Fact]
        public Task Reports_a_query_handed_through_a_helper_to_one_that_enumerates_it() => VerifyCS.AnalyzerAsync(Db + RecentlyAdded + """
            public class RecentlyAdded(BlogDb db)
            {
                public IEnumerable<string> Recent()
                {
                    var blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > 3);
                    var names = db.Blogs.Include(b => b.Posts).Where(b => b.Id > 3);
                    return Gatherer.{|PERF108:Gather(blogs, names)|};
                }
            }
            """);

        [Fact]
        public Task A_query_kept_by_a_helper_or_split_before_an_enumerating_one_is_not_reported() => VerifyCS.AnalyzerAsync(Db + RecentlyAdded + """
            public class RecentlyAdded(BlogDb db)
            {
                public IEnumerable<string> Split()
                {
                    var blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery();
                    return Gatherer.Gather(blogs, db.Blogs);
                }

                public void Kept(List<IQueryable<Blog>> kept) => Gatherer.Keep(db.Blogs.Include(b => b.Posts).Include(b => b.Tags), kept);
            }
            """);

        [Fact]
        public Task Fix_splits_the_query_handed_to_a_helper_that_enumerates_it() => VerifyFix.CodeFixAsync(Db + RecentlyAdded + """
            public class RecentlyAdded(BlogDb db)
            {
                public IEnumerable<string> Recent()
                {
                    var blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > 3);
                    return Gatherer.{|PERF108:Gather(blogs, db.Blogs)|};
                }
            }
            """, Db + RecentlyAdded + """
            public class RecentlyAdded(BlogDb db)
            {
                public IEnumerable<string> Recent()
                {
                    var blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > 3);
                    return Gatherer.Gather(blogs.AsSplitQuery(), db.Blogs);
                }
            }
            """);

        [Fact]
        public Task A_helper_that_counts_or_a_list_given_to_a_helper_or_a_split_query_is_not_reported() => VerifyCS.AnalyzerAsync(Db + NoLockHelpers + """
            public class AccountsGateway(BlogDb db)
            {
                public Task<int> Count() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).CountWithNoLockAsync();

                public Task<List<Blog>> Split() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery().ToListWithNoLockAsync();

                public Task<List<Blog>> Single() => db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments).ToListWithNoLockAsync();

                public Task<List<Blog>> InMemory(List<Blog> blogs) => blogs.AsQueryable().ToListWithNoLockAsync();
            }
            """);

        [Fact]
        public Task Reports_a_query_that_starts_at_a_helper_of_the_class_that_includes_two_collections() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public async Task<List<Blog>> Named(string name) => await WithContent().Where(b => b.Name == name).{|PERF108:ToListAsync()|};

                public Task<List<Blog>> All() => WithContent().{|PERF108:ToListAsync()|};

                private IQueryable<Blog> WithContent()
                {
                    return db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                }
            }
            """);

        // A TB surveillance service's notifications: the banner query adds collections to a basic-information query, which
        // adds includes of its own and states AsSplitQuery(); the caller runs the banner query.
        [Fact]
        public Task A_query_split_by_a_helper_two_levels_down_is_not_reported() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<Blog?> Find(int id) => WithContent().SingleOrDefaultAsync(b => b.Id == id);

                private IQueryable<Blog> WithContent() => WithBasics().Include(b => b.Posts).Include(b => b.Tags).OrderBy(b => b.Id);

                private IQueryable<Blog> WithBasics() => Live().Include(b => b.Owner).OrderBy(b => b.Id).AsSplitQuery();

                private IQueryable<Blog> Live() => db.Blogs.Where(b => b.Name != "");
            }
            """);

        [Fact]
        public Task Reports_collections_included_by_helpers_at_two_levels() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<Blog?> Find(int id) => WithContent().{|PERF108:SingleOrDefaultAsync(b => b.Id == id)|};

                private IQueryable<Blog> WithContent() => WithPosts().Include(b => b.Tags).Include(b => b.Owner);

                private IQueryable<Blog> WithPosts() => db.Blogs.Include(b => b.Posts).Include(b => b.Owner);
            }
            """);

        [Fact]
        public Task Reports_a_query_that_starts_at_a_property_of_the_class_that_includes_two_collections() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                private IQueryable<Blog> Everything => db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments).Include(b => b.Tags);

                public Blog? Find(int id) => Everything.{|PERF108:FirstOrDefault(b => b.Id == id)|};
            }
            """);

        [Fact]
        public Task Reports_a_helper_query_composed_by_an_extension_of_the_application() => VerifyCS.AnalyzerAsync(Db + """
            public static class QueryableExtensions
            {
                public static IQueryable<T> WhereIf<T>(this IQueryable<T> source, bool condition, System.Linq.Expressions.Expression<Func<T, bool>> predicate)
                    => condition ? source.Where(predicate) : source;
            }

            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> Search(string? name) => WithContent(name).{|PERF108:ToListAsync()|};

                private IQueryable<Blog> WithContent(string? name) => db.Blogs
                    .Include(b => b.Posts)
                    .Include(b => b.Tags)
                    .WhereIf(name != null, b => b.Name == name);
            }
            """);

        // A forestry licensing service's report: a filter object composes the query it is handed, then it runs.
        [Fact]
        public Task Reports_includes_under_a_method_of_the_application_that_composes_the_query_it_is_given() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogReportQuery
            {
                public string? Name { get; set; }

                internal IQueryable<Blog> Apply(IQueryable<Blog> baseQuery) => Name == null ? baseQuery : baseQuery.Where(b => b.Name == Name);
            }

            public class BlogRepository(BlogDb db)
            {
                public async Task<Blog[]> Report(BlogReportQuery query)
                {
                    var baseQuery = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsNoTracking();
                    var filtered = query.Apply(baseQuery);
                    return await filtered.{|PERF108:ToArrayAsync()|};
                }
            }
            """);

        // hearings = ApplyOptionalFilters(query, hearings): a helper that hands back the query it is given, written back to
        // the local the includes were written on (found in a video-hearings booking API's paged search).
        [Fact]
        public Task Reports_includes_of_a_local_written_back_through_a_method_that_composes_it() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogSearch
            {
                public string? Name { get; set; }
                public bool Recent { get; set; }
            }

            public class BlogRepository(BlogDb db)
            {
                public async Task<List<Blog>> Search(BlogSearch search)
                {
                    var blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsNoTracking();
                    blogs = ApplyOptionalFilters(search, blogs);
                    blogs = blogs.OrderBy(b => b.Id);
                    return await blogs.Take(20).{|PERF108:ToListAsync()|};
                }

                private static IQueryable<Blog> ApplyOptionalFilters(BlogSearch search, IQueryable<Blog> blogs)
                {
                    if (search.Name != null)
                    {
                        blogs = blogs.Where(b => b.Name == search.Name);
                    }

                    if (search.Recent)
                    {
                        blogs = blogs.Where(b => b.Id > 1000);
                    }

                    return blogs;
                }
            }
            """);

        [Fact]
        public Task Reports_includes_written_on_a_local_after_a_method_composed_it() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public async Task<List<Blog>> Search(string? name)
                {
                    var blogs = db.Blogs.AsQueryable();
                    blogs = Named(blogs, name).Include(b => b.Posts);
                    blogs = blogs.Include(b => b.Tags);
                    return await blogs.{|PERF108:ToListAsync()|};
                }

                private static IQueryable<Blog> Named(IQueryable<Blog> blogs, string? name) => name == null ? blogs : blogs.Where(b => b.Name == name);
            }
            """);

        // A method that returns another query than the one it is given does not compose the local: its includes are unknown.
        [Fact]
        public Task Ignores_a_local_written_back_through_a_method_that_returns_another_query() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public async Task<List<Blog>> Search(string? name)
                {
                    var blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsNoTracking();
                    blogs = Recent(blogs, name);
                    return await blogs.ToListAsync();
                }

                private IQueryable<Blog> Recent(IQueryable<Blog> blogs, string? name) => db.Blogs.Where(b => b.Name == name);
            }
            """);

        // The same report's filter object, whose first step is LinqKit's AsExpandable(): the EF query goes on under it.
        [Fact]
        public Task Reports_includes_under_LinqKits_AsExpandable_in_a_method_that_composes_the_query_it_is_given() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogReportQuery
            {
                public string? Name { get; set; }

                internal IQueryable<Blog> Apply(IQueryable<Blog> baseQuery)
                {
                    var result = LinqKit.Extensions.AsExpandable(baseQuery);
                    if (Name != null)
                    {
                        result = result.Where(b => b.Name == Name);
                    }

                    return result;
                }
            }

            public class BlogRepository(BlogDb db)
            {
                public async Task<Blog[]> Report(BlogReportQuery query)
                {
                    var baseQuery = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsNoTracking();
                    return await query.Apply(baseQuery).{|PERF108:ToArrayAsync()|};
                }
            }
            """, frameworks: Frameworks.Web | Frameworks.LinqKit);

        // Given two queries, it may return either: the includes of neither are known to load.
        [Fact]
        public Task Ignores_includes_under_a_method_given_two_queries() => VerifyCS.AnalyzerAsync(Db + """
            public class Choice
            {
                public bool Archived { get; set; }

                public IQueryable<Blog> Pick(IQueryable<Blog> current, IQueryable<Blog> archived) => Archived ? archived : current;
            }

            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> List(Choice choice)
                    => choice.Pick(db.Blogs.Include(b => b.Posts).Include(b => b.Tags), db.Blogs.Where(b => b.Id < 0)).ToListAsync();
            }
            """);

        [Fact]
        public Task Reports_a_helper_include_beside_one_written_at_the_call() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> All() => WithPosts().Include(b => b.Tags).{|PERF108:ToListAsync()|};

                private IQueryable<Blog> WithPosts() => db.Blogs.Include(b => b.Posts).Include(b => b.Owner);
            }
            """);

        [Fact]
        public async Task Message_names_both_collections()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Db + """
                public class C
                {
                    public Blog? M(BlogDb db) => db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments).Include(b => b.Tags).{|#0:FirstOrDefault(b => b.Id == 1)|};
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF108CartesianExplosion).WithLocation(0).WithArguments("Posts.Comments", "Tags", ""));
            await test.RunAsync();
        }

        // Remotely's user deletion includes six collection paths: the message names the two deepest, not the first two.
        [Fact]
        public async Task Message_names_the_two_deepest_of_many_collections()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Db + """
                public class C
                {
                    public Blog? M(BlogDb db) => db.Blogs.Include(b => b.Tags)
                        .Include(b => b.Posts).ThenInclude(p => p.Comments)
                        .Include(b => b.Posts).ThenInclude(p => p.Tags)
                        .{|#0:FirstOrDefault(b => b.Id == 1)|};
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF108CartesianExplosion).WithLocation(0).WithArguments("Posts.Comments", "Posts.Tags", ""));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_includes_written_with_explicit_type_arguments() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db)
                    => db.Blogs.Include<Blog, List<Post>>(b => b.Posts).Include<Blog, List<Tag>>(b => b.Tags).{|PERF108:ToList()|};
            }
            """);

        [Fact]
        public Task Reports_two_ThenInclude_branches_under_the_same_collection() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db)
                    => db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments)
                        .Include(b => b.Posts).ThenInclude(p => p.Tags)
                        .{|PERF108:ToList()|};
            }
            """);

        [Fact]
        public Task Reports_a_collection_reached_through_a_reference_beside_another_collection() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public Task<List<Post>> M(BlogDb db)
                    => db.Posts.Include(p => p.Author).ThenInclude(a => a!.Posts).Include(p => p.Comments).{|PERF108:ToListAsync()|};
            }
            """);

        [Fact]
        public Task Reports_string_includes_and_filtered_includes() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.Include("Posts").Include("Tags").{|PERF108:ToArray()|};
                    var b = db.Blogs.Include(x => x.Posts.Where(p => p.Id > 3).OrderBy(p => p.Id)).Include(x => x.Tags).{|PERF108:ToList()|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_built_in_a_local_and_enumerated_by_foreach() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db, bool withTags)
                {
                    var query = db.Blogs.Where(b => b.Name != "").Include(b => b.Posts).Include(b => b.Tags);
                    foreach (var blog in {|PERF108:query|})
                    {
                        Console.WriteLine(blog.Posts.Count + blog.Tags.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_queries_when_the_compilation_chooses_single_query_splitting() => VerifyCS.AnalyzerAsync(Model + """
            // A council's bonus calculator: one query per load chosen for the whole context, which is also how EF Core's
            // own multiple-collection-include warning is turned off.
            public class BlogDb : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();
                protected override void OnConfiguring(DbContextOptionsBuilder options)
                    => options.UseSqlite("Data Source=blogs.db", o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).ToList();
            }
            """);

        [Fact]
        public Task Reports_when_the_splitting_call_is_only_named() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();

                // UseQuerySplittingBehavior(..) is left to the host.
                protected override void OnConfiguring(DbContextOptionsBuilder options)
                    => options.UseSqlite("Data Source=blogs.db", o => Console.WriteLine("no UseQuerySplittingBehavior(SingleQuery) here"));
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToList()|};
            }
            """);

        [Fact]
        public Task Reports_a_query_whose_includes_are_in_a_local_captured_by_a_lambda() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public Func<List<Blog>> M(BlogDb db)
                {
                    var withPosts = db.Blogs.Include(b => b.Posts);
                    return () => withPosts.Include(b => b.Tags).{|PERF108:ToList()|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_executed_in_a_property_getter() => VerifyCS.AnalyzerAsync(Db + """
            public class C(BlogDb db)
            {
                public List<Blog> Everything
                {
                    get { return db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToList()|}; }
                }
            }
            """);

        [Fact]
        public async Task Reports_top_level_statements_whose_includes_are_in_earlier_statements()
        {
            // Top-level statements are one method: a local of one statement is read in the next.
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, """
                using System.Linq;
                using Microsoft.EntityFrameworkCore;

                var db = new BlogDb();
                var withPosts = db.Blogs.Include(b => b.Posts);
                var withBoth = withPosts.Include(b => b.Tags);
                var blogs = withBoth.{|PERF108:ToList()|};
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
            test.TestState.Sources.Add(("Model.cs", Db));
            await test.RunAsync();
        }

        // ---- Not flagged ----
        [Fact]
        public Task Does_not_follow_a_helper_that_splits_its_query() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> All() => WithContent().ToListAsync();

                private IQueryable<Blog> WithContent() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery();
            }
            """);

        [Fact]
        public Task Does_not_report_a_helper_that_includes_one_collection_and_a_reference() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> All() => WithPosts().ToListAsync();

                private IQueryable<Blog> WithPosts() => db.Blogs.Include(b => b.Posts).Include(b => b.Owner);
            }
            """);

        [Fact]
        public Task Does_not_report_a_helper_whose_includes_a_projection_drops() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<string>> Names() => WithContent().Select(b => b.Name).ToListAsync();

                private IQueryable<Blog> WithContent() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
            }
            """);

        [Fact]
        public Task Does_not_read_through_an_extension_that_projects_to_another_type() => VerifyCS.AnalyzerAsync(Db + """
            public static class BlogProjections
            {
                public static IQueryable<string> Names(this IQueryable<Blog> blogs) => blogs.Select(b => b.Name);
            }

            public class BlogRepository(BlogDb db)
            {
                public Task<List<string>> Names() => WithContent().Names().ToListAsync();

                private IQueryable<Blog> WithContent() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
            }
            """);

        [Fact]
        public Task Does_not_report_a_helper_that_includes_one_collection_path() => VerifyCS.AnalyzerAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> All() => WithComments().ToListAsync();

                private IQueryable<Blog> WithComments() => db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments).Include(b => b.Owner);
            }
            """);


        [Fact]
        public Task Reports_includes_added_to_a_local_under_a_condition() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, bool withTags)
                {
                    IQueryable<Blog> q = db.Blogs.Include(b => b.Posts);
                    if (withTags)
                    {
                        q = q.Include(b => b.Tags);
                    }

                    return q.{|PERF108:ToList()|};
                }
            }
            """);

        // A forestry licensing service's list of applications: sorted either way by a conditional write of the local.
        [Fact]
        public Task Reports_includes_of_a_local_sorted_either_way_by_a_conditional_write() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public Task<List<Blog>> M(BlogDb db, bool descending, int page)
                {
                    IQueryable<Blog> q = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    q = descending ? q.OrderByDescending(b => b.Id) : q.OrderBy(b => b.Id);
                    if (page > 0)
                    {
                        q = q.Skip(page * 20).Take(20);
                    }

                    return q.{|PERF108:ToListAsync()|};
                }
            }
            """);

        [Fact]
        public Task Reports_includes_of_a_local_filtered_on_one_branch_of_a_conditional_write() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, string? name)
                {
                    var q = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    IQueryable<Blog> r = q;
                    r = name == null ? r : r.Where(b => b.Name == name);
                    return r.{|PERF108:ToList()|};
                }
            }
            """);

        [Fact]
        public Task Reports_includes_of_a_local_filtered_by_a_switch_expression_write() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, string? status)
                {
                    IQueryable<Blog> q = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    q = status switch
                    {
                        "named" => q.Where(b => b.Name != null),
                        "recent" => q.OrderByDescending(b => b.Id),
                        _ => q,
                    };
                    return q.{|PERF108:ToList()|};
                }
            }
            """);

        // The throwing default arm gives no query; the other arms filter the local that loads both collections.
        [Fact]
        public Task Reports_includes_of_a_local_filtered_by_a_switch_expression_write_ending_in_a_throw() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, string? status)
                {
                    IQueryable<Blog> q = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    q = status switch
                    {
                        "named" => q.Where(b => b.Name != null),
                        "all" => q,
                        _ => throw new ArgumentOutOfRangeException(nameof(status)),
                    };
                    return q.{|PERF108:ToList()|};
                }
            }
            """);

        [Fact]
        public Task Ignores_collections_included_on_arms_of_a_switch_expression_write_ending_in_a_throw() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, int view)
                {
                    IQueryable<Blog> q = db.Blogs.Where(b => b.Id > 0);
                    q = view switch
                    {
                        1 => q.Include(b => b.Tags),
                        2 => q.Include(b => b.Posts),
                        _ => throw new ArgumentOutOfRangeException(nameof(view)),
                    };
                    return q.ToList();
                }
            }
            """);

        // Each arm loads one collection: no path loads both.
        [Fact]
        public Task Ignores_collections_included_on_arms_of_a_switch_expression_write() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, int view)
                {
                    IQueryable<Blog> q = db.Blogs.Where(b => b.Id > 0);
                    q = view switch
                    {
                        1 => q.Include(b => b.Tags),
                        _ => q.Include(b => b.Posts),
                    };
                    return q.ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_split_on_one_branch_of_a_conditional_write() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, bool split)
                {
                    IQueryable<Blog> q = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    q = split ? q.AsSplitQuery() : q.AsSingleQuery();
                    return q.ToList();
                }
            }
            """);

        // Each branch loads one collection: no path loads both.
        [Fact]
        public Task Ignores_collections_included_on_the_two_branches_of_a_conditional_write() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, bool withTags)
                {
                    IQueryable<Blog> q = db.Blogs.Where(b => b.Id > 0);
                    q = withTags ? q.Include(b => b.Tags) : q.Include(b => b.Posts);
                    return q.ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_whose_includes_may_belong_to_another_query() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db, IQueryable<Blog> other, bool all)
                {
                    var q = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    IQueryable<Blog> chosen = q;
                    if (!all)
                    {
                        chosen = other;
                    }

                    var first = q.Include(b => b.Posts).AsSplitQuery().ToList();
                    return chosen.ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_reference_navigations_beside_one_collection() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Post> M(BlogDb db) => db.Posts.Include(p => p.Blog).Include(p => p.Author).Include(p => p.Comments).ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_single_collection() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public Task<List<Blog>> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Posts).ToListAsync();
            }
            """);

        [Fact]
        public Task Ignores_collections_in_one_ThenInclude_path() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments).ToList();
                    var b = db.Blogs.Include(b => b.Posts).Include(b => b.Posts).ThenInclude(p => p.Comments).ToList();
                    var c = db.Blogs.Include("Posts.Comments").Include(b => b.Posts).ToList();
                    var d = db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Author).ThenInclude(a => a!.Posts).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_queries_that_state_AsSingleQuery_or_AsSplitQuery() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSingleQuery().ToList();
                    var b = db.Blogs.AsSplitQuery().Include(b => b.Posts).Include(b => b.Tags).ToList();
                    var query = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    var c = query.AsSplitQuery().ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_queries_when_no_provider_is_configured_in_the_compilation() => VerifyCS.AnalyzerAsync(Model + """
            // ErsatzTV: the context is configured in the host project, with split queries; this project only queries it.
            public class BlogDb : DbContext
            {
                public BlogDb(DbContextOptions<BlogDb> options) : base(options) { }
                public DbSet<Blog> Blogs => Set<Blog>();
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).ToList();
            }
            """);

        [Fact]
        public Task Reports_when_the_provider_is_configured_in_a_registration_of_the_compilation() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                public BlogDb(DbContextOptions<BlogDb> options) : base(options) { }
                public DbSet<Blog> Blogs => Set<Blog>();
            }

            public static class Registration
            {
                public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services) 
                    => Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions.AddDbContext<BlogDb>(services, o => o.UseSqlite("Data Source=blogs.db"));
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToList()|};
            }
            """);

        [Fact]
        public Task Ignores_queries_when_the_compilation_splits_queries_by_default() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();
                protected override void OnConfiguring(DbContextOptionsBuilder options)
                    => options.UseSqlite("Data Source=blogs.db", o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).ToList();
            }
            """);

        [Fact]
        public Task Ignores_includes_dropped_by_a_projection_and_aggregates() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var names = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Select(b => b.Name).ToList();
                    var count = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Count();
                    var any = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Any(b => b.Id > 2);
                }
            }
            """);

        [Fact]
        public Task Reports_includes_kept_by_a_projection_of_the_entity_itself() => VerifyCS.AnalyzerAsync(Db + """
            public record BlogDto(int Id, int Posts, int Tags)
            {
                public BlogDto(Blog blog) : this(blog.Id, blog.Posts.Count, blog.Tags.Count) { }
            }

            public class C
            {
                public List<BlogDto> M(BlogDb db)
                    => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Select(b => new BlogDto(b)).{|PERF108:ToList()|};

                public List<Blog> Same(BlogDb db)
                    => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Select(b => b).{|PERF108:ToList()|};
            }
            """);

        [Fact]
        public Task Ignores_includes_dropped_by_a_projection_of_members() => VerifyCS.AnalyzerAsync(Db + """
            public record BlogDto(int Id, string Name);

            public class C
            {
                public List<BlogDto> M(BlogDb db)
                    => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Select(b => new BlogDto(b.Id, b.Name)).ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_query_that_is_not_executed_in_the_method() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public IQueryable<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
            }
            """);

        [Fact]
        public async Task Ignores_includes_written_in_another_method_of_another_file()
        {
            // The Include calls are read in the method that executes the query (and the locals it assigns once);
            // the executing file calls no Include at all.
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Db + """
                public static class BlogQueries
                {
                    public static IQueryable<Blog> WithEverything(this BlogDb db) => db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.Sources.Add(("Caller.cs", """
                using System.Collections.Generic;
                using System.Linq;

                public class C
                {
                    public List<Blog> M(BlogDb db) => db.WithEverything().ToList();
                }
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task Ignores_includes_split_between_helper_methods_of_the_executing_file() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db) => WithTags(WithPosts(db)).ToList();

                private static IQueryable<Blog> WithPosts(BlogDb db) => db.Blogs.Include(b => b.Posts);

                private static IQueryable<Blog> WithTags(IQueryable<Blog> blogs) => blogs.Include(b => b.Tags);
            }
            """);

        [Fact]
        public Task Ignores_a_method_whose_two_includes_belong_to_two_queries() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var blogs = db.Blogs.Include(b => b.Posts).ToList();
                    var posts = db.Posts.Include(p => p.Comments).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_in_memory_collections_and_half_typed_code() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public void M(BlogDb db, List<Blog> blogs)
                {
                    var a = blogs.Where(b => b.Posts.Count > 0 && b.Tags.Count > 0).ToList();
                    var b = db.Blogs.Include(b => b.Posts).Include(b => b.{|CS1061:Tagz|}).ToList();
                }
            }
            """);

        // ---- Code fix ----

        [Fact]
        public Task Fix_appends_AsSplitQuery_before_the_execution() => VerifyFix.CodeFixAsync(Db + """
            public class C
            {
                public async Task<List<Blog>> M(BlogDb db)
                    => await db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > 1).{|PERF108:ToListAsync()|};
            }
            """, Db + """
            public class C
            {
                public async Task<List<Blog>> M(BlogDb db)
                    => await db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > 1).AsSplitQuery().ToListAsync();
            }
            """);

        [Fact]
        public Task Fix_appends_AsSplitQuery_before_a_helper_that_runs_the_query() => VerifyFix.CodeFixAsync(Db + NoLockHelpers + """
            public class AccountsGateway(BlogDb db)
            {
                public Task<List<Blog>> All() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToListWithNoLockAsync()|};
            }
            """, Db + NoLockHelpers + """
            public class AccountsGateway(BlogDb db)
            {
                public Task<List<Blog>> All() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery().ToListWithNoLockAsync();
            }
            """);

        [Fact]
        public Task Fix_appends_AsSplitQuery_to_a_local_written_back_through_a_method_that_composes_it() => VerifyFix.CodeFixAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public async Task<List<Blog>> Search(string? name)
                {
                    IQueryable<Blog> blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    blogs = Named(blogs, name);
                    return await blogs.{|PERF108:ToListAsync()|};
                }

                private static IQueryable<Blog> Named(IQueryable<Blog> blogs, string? name) => name == null ? blogs : blogs.Where(b => b.Name == name);
            }
            """, Db + """
            public class BlogRepository(BlogDb db)
            {
                public async Task<List<Blog>> Search(string? name)
                {
                    IQueryable<Blog> blogs = db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
                    blogs = Named(blogs, name);
                    return await blogs.AsSplitQuery().ToListAsync();
                }

                private static IQueryable<Blog> Named(IQueryable<Blog> blogs, string? name) => name == null ? blogs : blogs.Where(b => b.Name == name);
            }
            """);

        [Fact]
        public Task Fix_appends_AsSplitQuery_at_each_caller_of_an_including_helper() => VerifyFix.CodeFixAsync(Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> Named(string name) => WithContent().Where(b => b.Name == name).{|PERF108:ToListAsync()|};

                public Blog? Find(int id) => WithContent().{|PERF108:FirstOrDefault(b => b.Id == id)|};

                private IQueryable<Blog> WithContent() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
            }
            """, Db + """
            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> Named(string name) => WithContent().Where(b => b.Name == name).AsSplitQuery().ToListAsync();

                public Blog? Find(int id) => WithContent().AsSplitQuery().FirstOrDefault(b => b.Id == id);

                private IQueryable<Blog> WithContent() => db.Blogs.Include(b => b.Posts).Include(b => b.Tags);
            }
            """);

        [Fact]
        public Task Fix_splits_a_foreach_collection_and_a_local_query() => VerifyFix.CodeFixAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in {|PERF108:db.Blogs.Include(b => b.Posts).Include(b => b.Tags)|})
                    {
                        Console.WriteLine(blog.Name);
                    }

                    var query = db.Posts.Include(p => p.Comments).Include(p => p.Tags);
                    var first = query.{|PERF108:FirstOrDefault()|};
                }
            }
            """, Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery())
                    {
                        Console.WriteLine(blog.Name);
                    }

                    var query = db.Posts.Include(p => p.Comments).Include(p => p.Tags);
                    var first = query.AsSplitQuery().FirstOrDefault();
                }
            }
            """);

        [Fact]
        public Task Fix_all_splits_every_query_of_the_document() => VerifyFix.CodeFixAsync(Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToList()|};
                    var b = (from p in db.Posts.Include(p => p.Comments).Include("Tags") where p.Id > 2 select p).{|PERF108:ToArray()|};
                    var c = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsEnumerable().Where(b => b.Name != "").{|PERF108:ToList()|};
                }
            }
            """, Db + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery().ToList();
                    var b = (from p in db.Posts.Include(p => p.Comments).Include("Tags") where p.Id > 2 select p).AsSplitQuery().ToArray();
                    var c = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery().AsEnumerable().Where(b => b.Name != "").ToList();
                }
            }
            """);
    }
}
