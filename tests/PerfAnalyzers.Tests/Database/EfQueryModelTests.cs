#pragma warning disable RS2008, RS1036 // test-only probe analyzer
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using Xunit;
using VerifyProbe = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Tests.Database.EfExecutionProbe>;

using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>Reports every operation <see cref="EfQueryModel"/> says executes an EF query, with the root as the ID.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EfExecutionProbe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor DbSetRule = Rule("EfDbSet");
        private static readonly DiagnosticDescriptor SetRule = Rule("EfSet");
        private static readonly DiagnosticDescriptor SqlRule = Rule("EfSql");
        private static readonly DiagnosticDescriptor EntryRule = Rule("EfEntry");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DbSetRule, SetRule, SqlRule, EntryRule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c =>
                    {
                        if (!EfQueryModel.TryGetExecution(c.Operation, types, out var execution))
                        {
                            return;
                        }

                        var rule = execution.Root switch
                        {
                            EfQueryRoot.SetMethod => SetRule,
                            EfQueryRoot.Sql => SqlRule,
                            EfQueryRoot.EntryQuery => EntryRule,
                            _ => DbSetRule,
                        };
                        var location = c.Operation.Syntax is CommonForEachStatementSyntax loop ? loop.Expression.GetLocation() : c.Operation.Syntax.GetLocation();
                        c.ReportDiagnostic(Diagnostic.Create(rule, location, execution.Name + "/" + execution.Kind));
                    },
                    OperationKind.Invocation,
                    OperationKind.Loop);
            });
        }

        private static DiagnosticDescriptor Rule(string id) => new DiagnosticDescriptor(id, "EF execution", "{0}", "Test", DiagnosticSeverity.Warning, true);
    }

    public class EfQueryModelTests
    {
        private const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public List<Post> Posts { get; set; } = new(); }
            public class Post { public int Id { get; set; } public int BlogId { get; set; } public Blog? Blog { get; set; } }
            public class Db : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();
                public DbSet<Post> Posts { get; set; } = null!;
                public IQueryable<Blog> NamedBlogs => Blogs.Where(b => b.Name != "");
            }

            """;

        [Fact]
        public Task Sync_materialisers_on_a_DbSet_chain_execute() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public void M(Db db)
                {
                    var a = {|EfDbSet:db.Blogs.Where(b => b.Id > 1).OrderBy(b => b.Name).ToList()|};
                    var b = {|EfDbSet:db.Blogs.ToArray()|};
                    var c = {|EfDbSet:db.Blogs.ToDictionary(x => x.Id)|};
                    var d = {|EfDbSet:db.Blogs.First(x => x.Id == 1)|};
                    var e = {|EfDbSet:db.Blogs.Count()|};
                    var f = {|EfDbSet:db.Blogs.Any(x => x.Id == 2)|};
                    var g = {|EfDbSet:db.Blogs.Sum(x => x.Id)|};
                    var h = {|EfDbSet:db.Blogs.Find(1)|};
                    var i = {|EfDbSet:db.Posts.Select(p => p.BlogId).Contains(3)|};
                    var j = {|EfDbSet:db.Blogs.ToLookup(x => x.Name)|};
                    var k = {|EfDbSet:db.Blogs.Include(x => x.Posts).AsNoTracking().SingleOrDefault(x => x.Id == 1)|};
                }
            }
            """);

        [Fact]
        public Task Async_forms_execute() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(Db db, CancellationToken ct)
                {
                    var a = await {|EfDbSet:db.Blogs.Where(b => b.Id > 1).ToListAsync(ct)|};
                    var b = await {|EfDbSet:db.Blogs.FirstOrDefaultAsync(x => x.Id == 1, ct)|};
                    var c = await {|EfDbSet:db.Blogs.CountAsync(ct)|};
                    var d = await {|EfDbSet:db.Blogs.FindAsync(1)|};
                    var e = await {|EfDbSet:db.Blogs.ToDictionaryAsync(x => x.Id, ct)|};
                    await {|EfDbSet:db.Blogs.LoadAsync(ct)|};
                    var f = await {|EfDbSet:db.FindAsync<Blog>(1)|};
                }
            }
            """);

        [Fact]
        public Task Other_roots_are_recognised() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(Db db, Blog blog)
                {
                    var a = {|EfSet:db.Set<Post>().Where(p => p.BlogId == 1).ToList()|};
                    var b = {|EfSql:db.Blogs.FromSqlRaw("select * from Blogs").ToList()|};
                    var c = {|EfSql:db.Database.SqlQuery<int>($"select 1").ToList()|};
                    var d = {|EfEntry:db.Entry(blog).Collection(x => x.Posts).Query().Count()|};
                    {|EfEntry:db.Entry(blog).Collection(x => x.Posts).Load()|};
                    await {|EfEntry:db.Entry(new Post()).Reference(x => x.Blog).LoadAsync()|};
                    var e = {|EfDbSet:db.NamedBlogs.ToList()|};
                }
            }
            """);

        [Fact]
        public Task Query_syntax_and_locals_assigned_once_are_followed() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(Db db, bool onlyNamed)
                {
                    var query = from b in db.Blogs where b.Id > 3 orderby b.Name select b;
                    var list = {|EfDbSet:query.ToList()|};
                    var count = {|EfDbSet:(from p in db.Posts select p.Id).Count()|};
                    IQueryable<Blog> composed = db.Blogs;
                    if (onlyNamed)
                    {
                        composed = composed.Where(b => b.Name != "");
                    }

                    var named = await {|EfDbSet:composed.ToListAsync()|};
                }
            }
            """);

        [Fact]
        public Task Enumeration_executes_including_AsEnumerable_chains() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(Db db)
                {
                    foreach (var b in {|EfDbSet:db.Blogs.Where(x => x.Id > 1)|}) { }
                    await foreach (var b in {|EfDbSet:db.Blogs.AsAsyncEnumerable()|}) { }
                    foreach (var b in {|EfDbSet:db.Blogs.AsEnumerable().Where(x => x.Name.Length > 2)|}) { }
                    var e = db.Blogs.AsEnumerable();
                    var list = {|EfDbSet:e.Select(x => x.Name).ToList()|};
                }
            }
            """);

        [Fact]
        public Task In_memory_sequences_and_unknown_queryables_do_not_execute() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public void M(Db db, List<Blog> blogs, IQueryable<Blog> unknown)
                {
                    var a = blogs.Where(b => b.Id > 1).ToList();
                    var b = blogs.AsQueryable().First();
                    var c = unknown.Count();
                    foreach (var x in blogs) { }
                    var q = db.Blogs.Where(x => x.Id > 1);
                    var d = q.Select(x => x.Name);
                    var loaded = {|EfDbSet:db.Blogs.ToList()|};
                    var e = loaded.Where(x => x.Id > 1).ToList();
                    foreach (var x in loaded) { }
                }
            }
            """);

        [Fact]
        public Task Subqueries_inside_expression_trees_do_not_execute() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public void M(Db db)
                {
                    var a = {|EfDbSet:db.Blogs.Select(b => new { b.Name, Count = db.Posts.Count(p => p.BlogId == b.Id) }).ToList()|};
                    var b = {|EfDbSet:db.Blogs.Where(b => db.Posts.Any(p => p.BlogId == b.Id)).ToList()|};
                    var c = {|EfDbSet:(from x in db.Blogs select new { x.Id, First = db.Posts.FirstOrDefault(p => p.BlogId == x.Id) }).ToList()|};
                }
            }
            """);

        [Fact]
        public Task Locals_with_untraceable_writes_are_not_EF_queries() => VerifyProbe.AnalyzerAsync(Model + """
            public class C
            {
                public void M(Db db, IQueryable<Blog> other, bool flag)
                {
                    var q = db.Blogs.AsQueryable();
                    if (flag)
                    {
                        q = other;
                    }

                    var a = q.ToList();
                    IQueryable<Blog> r;
                    Make(db, out r);
                    var b = r.Count();
                }

                private static void Make(Db db, out IQueryable<Blog> q) => q = db.Blogs;
            }
            """);

        [Fact]
        public Task Nothing_is_reported_without_EF_Core() => VerifyProbe.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public class C
            {
                public int M(List<int> xs) => xs.AsQueryable().Where(x => x > 1).Count();
            }
            """, frameworks: PerfAnalyzers.Tests.Infrastructure.Frameworks.NetCore);
    }
}
