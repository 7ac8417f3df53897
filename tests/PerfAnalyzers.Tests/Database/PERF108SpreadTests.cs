using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.PERF108CartesianExplosionTests;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF108CartesianExplosionCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// A collection expression runs the EF query it spreads (<c>[.. query]</c>, docs/concepts.md#executing-an-ef-query): two
    /// collections included side by side explode there as they do under <c>ToList()</c> (docs/rules/PERF108.md).
    /// </summary>
    public class PERF108SpreadTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_a_spread_query_that_includes_two_collections() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db) => [.. {|PERF108:db.Blogs.Include(b => b.Posts).Include(b => b.Tags)|}];
            }
            """);

        [Fact]
        public Task Reports_a_spread_local_that_holds_such_a_query() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public Blog[] M(BlogDb db, int id)
                {
                    var query = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > id);
                    return [.. {|PERF108:query|}];
                }
            }
            """);

        [Fact]
        public Task Reports_a_spread_of_a_materialised_query_once_as_its_call() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public async Task<List<Blog>> M(BlogDb db) => [.. await db.Blogs.Include(b => b.Posts).Include(b => b.Tags).{|PERF108:ToListAsync()|}];
            }
            """);

        // ---- Near-misses ----

        [Fact]
        public Task Leaves_a_split_spread_query_alone() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db) => [.. db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery()];
            }
            """);

        [Fact]
        public Task Leaves_a_spread_query_with_one_include_path_alone() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db) => [.. db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Comments).Include(b => b.Owner)];
            }
            """);

        [Fact]
        public Task Leaves_a_spread_of_a_list_alone() => VerifyCS.AnalyzerAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db)
                {
                    var blogs = db.Blogs.Include(b => b.Posts).AsSplitQuery().Include(b => b.Tags).ToList();
                    return [.. blogs.Where(b => b.Id > 1)];
                }
            }
            """);

        // ---- Fix ----

        [Fact]
        public Task Fix_splits_the_spread_query() => VerifyFix.CodeFixAsync(Db + """
            public class C
            {
                public List<Blog> M(BlogDb db) => [.. {|PERF108:db.Blogs.Include(b => b.Posts).Include(b => b.Tags)|}];
            }
            """, Db + """
            public class C
            {
                public List<Blog> M(BlogDb db) => [.. db.Blogs.Include(b => b.Posts).Include(b => b.Tags).AsSplitQuery()];
            }
            """);

        [Fact]
        public Task Fix_splits_a_spread_local() => VerifyFix.CodeFixAsync(Db + """
            public class C
            {
                public Blog[] M(BlogDb db, int id)
                {
                    var query = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > id);
                    return [.. {|PERF108:query|}];
                }
            }
            """, Db + """
            public class C
            {
                public Blog[] M(BlogDb db, int id)
                {
                    var query = db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Where(b => b.Id > id);
                    return [.. query.AsSplitQuery()];
                }
            }
            """);
    }
}
