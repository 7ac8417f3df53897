using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF108CartesianExplosionCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>PERF108 with navigations the model auto-includes (docs/rules/PERF108.md, "Auto-included navigations").</summary>
    public class PERF108AutoIncludeTests
    {
        private const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public List<Post> Posts { get; set; } = new(); public List<Tag> Tags { get; set; } = new(); public Author? Owner { get; set; } }
            public class Post { public int Id { get; set; } public Blog? Blog { get; set; } public List<Comment> Comments { get; set; } = new(); public List<Tag> Tags { get; set; } = new(); }
            public class Author { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Comment { public int Id { get; set; } public string Text { get; set; } = ""; }
            public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }

            """;

        // Blog auto-includes both of its collections, in an entity type configuration.
        private const string BothAutoIncluded = Model + """
            public class BlogConfiguration : IEntityTypeConfiguration<Blog>
            {
                public void Configure(EntityTypeBuilder<Blog> builder)
                {
                    builder.Navigation(b => b.Posts).AutoInclude();
                    builder.Navigation(b => b.Tags).AutoInclude();
                }
            }

            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                public DbSet<Blog> Blogs => Set<Blog>();
                public DbSet<Post> Posts => Set<Post>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new BlogConfiguration());
            }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_a_query_of_an_entity_that_auto_includes_two_collections() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class C
            {
                public Task<List<Blog>> M(BlogDb db) => db.Blogs.Where(b => b.Name != "").{|PERF108:ToListAsync()|};
                public Blog? N(BlogDb db) => db.Set<Blog>().{|PERF108:FirstOrDefault(b => b.Id == 1)|};
            }
            """);

        [Fact]
        public async Task Message_says_which_collections_the_model_auto_includes()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, BothAutoIncluded + """
                public class C
                {
                    public List<Blog> M(BlogDb db) => db.Blogs.{|#0:ToList()|};
                    public List<Blog> N(BlogDb db) => db.Blogs.Include(b => b.Posts).{|#1:ToList()|};
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF108CartesianExplosion).WithLocation(0).WithArguments("Posts", "Tags", " (both auto-included by the model)"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF108CartesianExplosion).WithLocation(1).WithArguments("Posts", "Tags", " ('Tags' is auto-included by the model)"));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_an_include_beside_one_auto_included_collection_configured_in_OnModelCreating() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                public DbSet<Blog> Blogs => Set<Blog>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                    => modelBuilder.Entity<Blog>().Navigation(b => b.Tags).AutoInclude();
            }

            public class C
            {
                public async Task M(BlogDb db)
                {
                    var blogs = await db.Blogs.Include(b => b.Posts).OrderBy(b => b.Name).{|PERF108:ToListAsync()|};
                }
            }
            """);

        [Fact]
        public Task Reports_auto_includes_configured_through_a_lambda_a_local_a_string_and_nameof() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                public DbSet<Blog> Blogs => Set<Blog>();
                public DbSet<Post> Posts => Set<Post>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Blog>(blog =>
                    {
                        blog.Navigation(b => b.Posts).AutoInclude();
                        blog.Navigation("Tags").AutoInclude(true);
                    });
                    var post = modelBuilder.Entity<Post>();
                    post.Navigation(nameof(Post.Comments)).AutoInclude();
                    post.Navigation(p => p.Tags).AutoInclude();
                }
            }

            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in {|PERF108:db.Blogs|})
                    {
                        Console.WriteLine(blog.Name);
                    }

                    var posts = db.Posts;
                    var first = posts.{|PERF108:SingleOrDefault(p => p.Id == 3)|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_composed_in_a_local_under_conditions() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class C
            {
                public Task<List<Blog>> M(BlogDb db, string? name, int? before)
                {
                    IQueryable<Blog> q = db.Blogs.Where(b => b.Id > 0);
                    if (name != null)
                    {
                        q = q.Where(b => b.Name == name);
                    }

                    if (before is { } id)
                    {
                        q = q.Where(b => b.Id < id).OrderBy(b => b.Id);
                    }

                    return q.Take(20).{|PERF108:ToListAsync()|};
                }
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_auto_includes_dropped_by_IgnoreAutoIncludes_a_projection_or_an_aggregate() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.IgnoreAutoIncludes().ToList();
                    var b = db.Blogs.Where(b => b.Id > 1).IgnoreAutoIncludes().Include(b => b.Posts).ToList();
                    var c = db.Blogs.Select(b => new { b.Name, PostCount = b.Posts.Count }).ToList();
                    var d = db.Blogs.Count();
                    var e = db.Blogs.Any(b => b.Name == "");
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_that_states_AsSplitQuery_or_AsSingleQuery() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var a = db.Blogs.AsSplitQuery().ToList();
                    var b = db.Blogs.AsSingleQuery().ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_one_auto_included_collection_beside_references_and_an_auto_include_turned_off() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                public DbSet<Blog> Blogs => Set<Blog>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Blog>().Navigation(b => b.Posts).AutoInclude();
                    modelBuilder.Entity<Blog>().Navigation(b => b.Owner).AutoInclude();
                    modelBuilder.Entity<Blog>().Navigation(b => b.Tags).AutoInclude(false);
                }
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.Include(b => b.Owner).ToList();
            }
            """);

        [Fact]
        public Task Ignores_an_auto_include_whose_value_the_syntax_does_not_show() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                private readonly bool loadEverything;
                public BlogDb(bool loadEverything) => this.loadEverything = loadEverything;
                public DbSet<Blog> Blogs => Set<Blog>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Blog>().Navigation(b => b.Posts).AutoInclude(loadEverything);
                    modelBuilder.Entity<Blog>().Navigation(b => b.Tags).AutoInclude(loadEverything);
                }
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.ToList();
            }
            """);

        [Fact]
        public Task Ignores_entities_whose_collections_are_not_auto_included() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class C
            {
                public List<Post> M(BlogDb db) => db.Posts.Include(p => p.Comments).ToList();
                public List<Tag> N(List<Blog> blogs) => blogs.SelectMany(b => b.Tags).ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_local_written_with_another_query_or_ignoring_auto_includes_on_one_path() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class C
            {
                public List<Blog> M(BlogDb db, IQueryable<Blog> other, bool light)
                {
                    var q = db.Blogs.Where(b => b.Id > 0);
                    if (light)
                    {
                        q = other;
                    }

                    return q.ToList();
                }

                public List<Blog> N(BlogDb db, bool light)
                {
                    IQueryable<Blog> q = db.Blogs;
                    if (light)
                    {
                        q = q.IgnoreAutoIncludes();
                    }

                    return q.ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_handed_out_by_another_method() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class BlogRepository
            {
                private readonly BlogDb db;
                public BlogRepository(BlogDb db) => this.db = db;
                public IQueryable<Blog> Query() => db.Blogs.IgnoreAutoIncludes();
            }

            public class C
            {
                public List<Blog> M(BlogRepository blogs) => blogs.Query().Where(b => b.Id > 1).ToList();
            }
            """);

        [Fact]
        public Task Ignores_auto_includes_when_the_compilation_splits_queries_by_default() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogDb : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();
                protected override void OnConfiguring(DbContextOptionsBuilder options)
                    => options.UseSqlite("Data Source=blogs.db", o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Blog>().Navigation(b => b.Posts).AutoInclude();
                    modelBuilder.Entity<Blog>().Navigation(b => b.Tags).AutoInclude();
                }
            }

            public class C
            {
                public List<Blog> M(BlogDb db) => db.Blogs.ToList();
            }
            """);

        [Fact]
        public Task Ignores_half_typed_configuration() => VerifyCS.AnalyzerAsync(BothAutoIncluded + """
            public class HalfTyped
            {
                public void Configure(EntityTypeBuilder<Blog> builder, ModelBuilder modelBuilder)
                {
                    builder.{|CS1501:Navigation|}().AutoInclude();
                    builder.Navigation(b => b.{|CS1061:Missing|}).AutoInclude();
                    modelBuilder.Entity<{|CS0246:Missing|}>().Navigation("Posts").AutoInclude();
                    {|CS0103:unknown|}.Navigation("Tags").AutoInclude();
                }
            }

            public class C
            {
                public List<Post> M(BlogDb db) => db.Posts.ToList();
            }
            """);

        // ---- Fix ----

        [Fact]
        public Task Fix_splits_a_query_of_an_entity_with_auto_included_collections() => VerifyFix.CodeFixAsync(BothAutoIncluded + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    var all = await db.Blogs.{|PERF108:ToListAsync()|};
                    foreach (var blog in {|PERF108:db.Blogs.Where(b => b.Name != "")|})
                    {
                        Console.WriteLine(blog.Name);
                    }
                }
            }
            """, BothAutoIncluded + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    var all = await db.Blogs.AsSplitQuery().ToListAsync();
                    foreach (var blog in db.Blogs.Where(b => b.Name != "").AsSplitQuery())
                    {
                        Console.WriteLine(blog.Name);
                    }
                }
            }
            """);
    }
}
