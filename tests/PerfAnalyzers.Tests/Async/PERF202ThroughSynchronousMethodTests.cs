using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Async;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "Through a synchronous method": async code calling a synchronous method of the application
    /// that runs an EF query or saves without awaiting, itself or through synchronous methods it calls. Reported at the
    /// call, with the path to the blocking call; no fix, since the method needs an async twin.
    /// </summary>
    public class PERF202ThroughSynchronousMethodTests
    {
        private const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Visit { public int Id { get; set; } public int ClientId { get; set; } public string Title { get; set; } = ""; }
            public class ClinicDb : DbContext
            {
                public ClinicDb(DbContextOptions<ClinicDb> options) : base(options) { }
                public DbSet<Visit> Visits => Set<Visit>();
            }

            """;

        /// <summary>
        /// The snippet's <c>{|#0:..|}</c> call blocks through the synchronous method <paramref name="method"/>, whose path to
        /// the blocking call is <paramref name="path"/> (<c>'Load' → 'ToList'</c>).
        /// </summary>
        private static Task VerifyBlocksThroughAsync(string snippet, string method, string path, bool namedAsync = false)
        {
            var test = new CSharpAnalyzerTest<PERF202SyncOverAsyncCallAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + snippet, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF202SyncOverAsyncCall).WithLocation(0)
                .WithArguments(method, namedAsync ? method : method + "Async", " (" + path + ")", namedAsync ? "make it return a task and " : "write an async version of it and "));
            return test.RunAsync();
        }

        // ---- flagged ----

        [Fact]
        public Task Reports_a_call_to_a_synchronous_method_that_runs_a_query() => VerifyBlocksThroughAsync("""
                    public class TitleUpdater(ClinicDb db)
                    {
                        public async Task Handle(int clientId, string title)
                        {
                            {|#0:UpdateTitles(clientId, title)|};
                            await db.SaveChangesAsync();
                        }

                        private void UpdateTitles(int clientId, string title)
                        {
                            foreach (var visit in db.Visits.Where(v => v.ClientId == clientId).ToList())
                            {
                                visit.Title = title;
                            }
                        }
                    }
                    """, "UpdateTitles", "'ToList'");

        // A packaging account service: a private helper named for async work that returns the array it queried with ToArray().
        [Fact]
        public Task Reports_a_call_to_a_method_named_async_that_returns_no_task() => VerifyBlocksThroughAsync("""
                    public class ConnectionService(ClinicDb db)
                    {
                        public async Task<int> Handle(int clientId)
                        {
                            var visits = {|#0:GetVisitsAsync(clientId)|};
                            await Task.Yield();
                            return visits.Length;
                        }

                        private Visit[] GetVisitsAsync(int clientId) => db.Visits.Where(v => v.ClientId == clientId).ToArray();
                    }
                    """, "GetVisitsAsync", "'ToArray'", namedAsync: true);

        // Named for async work and returning a task, a stream of rows, or a query: nothing blocks at the call.
        [Fact]
        public Task Ignores_methods_named_async_that_return_a_task_a_stream_or_a_query() => VerifyCS.AnalyzerAsync(Model + """
                    public class ConnectionService(ClinicDb db)
                    {
                        public async Task<int> Handle(int clientId)
                        {
                            var visits = await GetVisitsAsync(clientId);
                            await foreach (var visit in StreamVisitsAsync(clientId))
                            {
                                visits.Add(visit);
                            }

                            return visits.Count + await QueryVisitsAsync(clientId).CountAsync();
                        }

                        private Task<List<Visit>> GetVisitsAsync(int clientId) => db.Visits.Where(v => v.ClientId == clientId).ToListAsync();

                        private IAsyncEnumerable<Visit> StreamVisitsAsync(int clientId) => db.Visits.Where(v => v.ClientId == clientId).AsAsyncEnumerable();

                        private IQueryable<Visit> QueryVisitsAsync(int clientId) => db.Visits.Where(v => v.ClientId == clientId);
                    }
                    """);

        // A context interface that declares SaveChanges and no SaveChangesAsync: the save is the context's, and blocks.
        [Fact]
        public Task Reports_SaveChanges_of_a_context_interface_without_an_async_twin() => VerifyBlocksThroughAsync("""
                    public interface IClinicContext { DbSet<Visit> Visits { get; } int SaveChanges(); }
                    public class ClinicContext(DbContextOptions<ClinicContext> options) : DbContext(options), IClinicContext
                    {
                        public DbSet<Visit> Visits => Set<Visit>();
                    }

                    public class VisitRepository(IClinicContext db)
                    {
                        public async Task<Visit> Add(Visit visit)
                        {
                            var entry = await db.Visits.AddAsync(visit);
                            {|#0:db.SaveChanges()|};
                            return entry.Entity;
                        }
                    }
                    """, "SaveChanges", "'DbContext.SaveChanges'");

        [Fact]
        public Task Reports_SaveChanges_of_a_unit_of_work_a_context_implements() => VerifyBlocksThroughAsync("""
                    public interface IUnitOfWork { int SaveChanges(); }
                    public class ClinicContext(DbContextOptions<ClinicContext> options) : DbContext(options), IUnitOfWork
                    {
                        public DbSet<Visit> Visits => Set<Visit>();
                    }

                    public class VisitTitles(ClinicContext db, IUnitOfWork unitOfWork)
                    {
                        public async Task Rename(int id, string title)
                        {
                            var visit = await db.Visits.SingleAsync(v => v.Id == id);
                            visit.Title = title;
                            {|#0:unitOfWork.SaveChanges()|};
                        }
                    }
                    """, "SaveChanges", "'DbContext.SaveChanges'");

        // Implemented in a project this one does not reference: EF Core's own save signature on a context interface tells.
        [Fact]
        public Task Reports_SaveChanges_of_a_context_interface_implemented_out_of_sight() => VerifyBlocksThroughAsync("""
                    public interface IClinicContext { DbSet<Visit> Visits { get; } int SaveChanges(); }

                    public class VisitRemoval(IClinicContext db)
                    {
                        public async Task Remove(int id)
                        {
                            var visit = await db.Visits.SingleAsync(v => v.Id == id);
                            db.Visits.Remove(visit);
                            {|#0:db.SaveChanges()|};
                        }
                    }
                    """, "SaveChanges", "'IClinicContext.SaveChanges'");

        // A NameAsync of another class that wraps the save is no namesake: its callers await it, and it blocks (as
        // Oqtane's services wrap their repositories' synchronous reads).
        [Fact]
        public Task Reports_SaveChanges_inside_an_async_wrapper_of_another_class() => VerifyBlocksThroughAsync("""
                    public interface IClinicContext { DbSet<Visit> Visits { get; } int SaveChanges(); }

                    public class ClinicStore(IClinicContext db)
                    {
                        public Task<int> SaveChangesAsync() => Task.FromResult({|#0:db.SaveChanges()|});
                    }
                    """, "SaveChanges", "'IClinicContext.SaveChanges'");

        [Fact]
        public Task Reports_a_query_two_synchronous_calls_down() => VerifyBlocksThroughAsync("""
                    public class CurrentClient(ClinicDb db)
                    {
                        public async Task<string> Greeting(int id)
                        {
                            await Task.Yield();
                            return "Hello " + {|#0:Title(id)|};
                        }

                        private string Title(int id) => Find(id)?.Title ?? "";

                        private Visit? Find(int id) => db.Visits.FirstOrDefault(v => v.Id == id);
                    }
                    """, "Title", "'Find' → 'FirstOrDefault'");

        // Oqtane's GetUser(id, tracking): both branches query, and the message names the one the call selects.
        [Fact]
        public Task Names_the_branch_a_flag_argument_selects()
        {
            var test = new CSharpAnalyzerTest<PERF202SyncOverAsyncCallAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class VisitStore(ClinicDb db)
                {
                    public async Task<string> Titles(int id)
                    {
                        await Task.Yield();
                        return {|#0:Get(id, false)|}?.Title + {|#1:Get(id, true)|}?.Title;
                    }

                    private Visit? Get(int id, bool tracking)
                    {
                        if (tracking)
                        {
                            return db.Visits.Find(id);
                        }
                        else
                        {
                            return db.Visits.AsNoTracking().FirstOrDefault(v => v.Id == id);
                        }
                    }
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF202SyncOverAsyncCall).WithLocation(0).WithArguments("Get", "GetAsync", " ('FirstOrDefault')", "write an async version of it and "));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF202SyncOverAsyncCall).WithLocation(1).WithArguments("Get", "GetAsync", " ('Find')", "write an async version of it and "));
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_a_synchronous_save_in_a_called_method() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitWriter(ClinicDb db)
            {
                public async Task Add(Visit visit)
                {
                    await Task.Yield();
                    {|PERF202:Store(visit)|};
                }

                private void Store(Visit visit)
                {
                    db.Visits.Add(visit);
                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task Reports_a_call_through_an_interface_whose_implementation_blocks() => VerifyCS.AnalyzerAsync(Model + """
            public interface IVisitLookup { Visit? ById(int id); }

            public class VisitLookup(ClinicDb db) : IVisitLookup
            {
                public Visit? ById(int id) => db.Visits.SingleOrDefault(v => v.Id == id);
            }

            public class VisitsController(IVisitLookup lookup) : ControllerBase
            {
                [HttpGet("{id}")]
                public async Task<IActionResult> Get(int id)
                {
                    await Task.Yield();
                    return Ok({|PERF202:lookup.ById(id)|});
                }
            }
            """);

        [Fact]
        public Task Reports_a_call_in_a_method_returning_a_task_without_async() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitCounter(ClinicDb db)
            {
                public Task<int> CountFor(int clientId) => Task.FromResult({|PERF202:Count(clientId)|});

                private int Count(int clientId) => db.Visits.Count(v => v.ClientId == clientId);
            }
            """);

        [Fact]
        public Task Reports_a_called_method_that_enumerates_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class TitleList(ClinicDb db)
            {
                public async Task<List<string>> Titles()
                {
                    await Task.Yield();
                    return {|PERF202:Collect()|};
                }

                private List<string> Collect()
                {
                    var titles = new List<string>();
                    foreach (var visit in db.Visits)
                    {
                        titles.Add(visit.Title);
                    }

                    return titles;
                }
            }
            """);

        [Fact]
        public Task Reports_a_call_in_an_async_lambda() => VerifyCS.AnalyzerAsync(Model + """
            public class Scheduler(ClinicDb db)
            {
                public Func<Task<int>> Job() => async () =>
                {
                    await Task.Yield();
                    return {|PERF202:Latest()|};
                };

                private int Latest() => db.Visits.Max(v => v.Id);
            }
            """);

        [Fact]
        public Task Reports_a_static_helper_given_the_context() => VerifyCS.AnalyzerAsync(Model + """
            public static class VisitQueries
            {
                public static List<Visit> ForClient(ClinicDb db, int clientId) => db.Visits.Where(v => v.ClientId == clientId).ToList();
            }

            public class VisitsController(ClinicDb db) : ControllerBase
            {
                [HttpGet("{clientId}")]
                public async Task<IActionResult> Get(int clientId)
                {
                    await Task.Yield();
                    return Ok({|PERF202:VisitQueries.ForClient(db, clientId)|});
                }
            }
            """);

        [Fact]
        public Task Reports_a_method_of_a_class_generic_over_its_context() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitStore<TContext> where TContext : ClinicDb
            {
                private readonly TContext db;

                public VisitStore(TContext db) => this.db = db;

                public async Task<int> CountFor(int clientId)
                {
                    await Task.Yield();
                    return {|PERF202:Count(clientId)|};
                }

                private int Count(int clientId) => db.Visits.Count(v => v.ClientId == clientId);
            }
            """);

        [Fact]
        public Task Reports_a_static_helper_given_the_context_as_a_type_parameter() => VerifyCS.AnalyzerAsync(Model + """
            public static class VisitQueries
            {
                public static List<Visit> ForClient<TContext>(TContext db, int clientId) where TContext : DbContext
                    => db.Set<Visit>().Where(v => v.ClientId == clientId).ToList();
            }

            public class ClientPage<TContext>(TContext db) where TContext : DbContext
            {
                public async Task<int> Count(int clientId)
                {
                    await Task.Yield();
                    return {|PERF202:VisitQueries.ForClient(db, clientId)|}.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_a_static_helper_given_a_factory_of_a_context_type_parameter() => VerifyCS.AnalyzerAsync(Model + """
            public static class VisitQueries
            {
                public static int Count<TContext>(IDbContextFactory<TContext> factory) where TContext : ClinicDb
                {
                    using var db = factory.CreateDbContext();
                    return db.Visits.Count();
                }
            }

            public class Dashboard<TContext>(IDbContextFactory<TContext> factory) where TContext : ClinicDb
            {
                public async Task<int> Visits()
                {
                    await Task.Yield();
                    return {|PERF202:VisitQueries.Count(factory)|};
                }
            }
            """);

        [Fact]
        public Task Offers_no_fix_for_a_call_to_a_synchronous_method() => VerifyFix.NoCodeFixAsync(Model + """
            public class VisitWriter(ClinicDb db)
            {
                public async Task Add(Visit visit)
                {
                    await Task.Yield();
                    {|PERF202:Store(visit)|};
                }

                private void Store(Visit visit)
                {
                    db.Visits.Add(visit);
                    db.SaveChanges();
                }
            }
            """);

        // A paging helper given its query (docs/concepts.md#executing-an-ef-query, "Through a call"): it blocks where the
        // call passes an EF query, as the query written in the async method would.
        [Fact]
        public Task Reports_a_synchronous_helper_that_runs_the_query_it_is_given() => VerifyBlocksThroughAsync("""
                public record Page<T>(List<T> Items, int Total);

                public static class Paging
                {
                    public static Page<T> ToPage<T>(this IQueryable<T> source, int page, int size)
                    {
                        var total = source.Count();
                        var items = source.Skip((page - 1) * size).Take(size).ToList();
                        return new Page<T>(items, total);
                    }
                }

                public class VisitList(ClinicDb db)
                {
                    public async Task<Page<Visit>> Handle(int clientId)
                    {
                        await Task.Yield();
                        return {|#0:db.Visits.Where(v => v.ClientId == clientId).ToPage(1, 20)|};
                    }
                }
                """, "ToPage", "'Count'");

        // Enumerable's ToList() over the parameter runs the query as EF Core's operators do.
        [Fact]
        public Task Reports_a_static_factory_that_lists_the_query_it_is_given() => VerifyBlocksThroughAsync("""
                public class PagedResult<T>
                {
                    public List<T> Items { get; private set; } = new();

                    public static PagedResult<T> Create(IQueryable<T> source, int page, int size)
                        => new PagedResult<T> { Items = source.OrderBy(x => 0).Skip(page * size).Take(size).ToList() };
                }

                public class VisitsController(ClinicDb db) : ControllerBase
                {
                    [HttpGet]
                    public async Task<IActionResult> List(int page)
                    {
                        await Task.Yield();
                        return Ok({|#0:PagedResult<Visit>.Create(db.Visits, page, 20)|});
                    }
                }
                """, "Create", "'ToList'");

        // Ombi's newsletter: a synchronous helper enumerates the query it is given with foreach.
        private const string Titles = """
            public static class Titles
            {
                public static HashSet<string> Collect(IQueryable<Visit> visits)
                {
                    var titles = new HashSet<string>();
                    foreach (var visit in visits)
                    {
                        titles.Add(visit.Title);
                    }

                    return titles;
                }
            }

            """;

        [Fact]
        public Task Reports_a_synchronous_helper_that_enumerates_the_query_it_is_given() => VerifyBlocksThroughAsync(Titles + """
                public class VisitList(ClinicDb db)
                {
                    public async Task<HashSet<string>> Handle(int clientId)
                    {
                        await Task.Yield();
                        return {|#0:Titles.Collect(db.Visits.Where(v => v.ClientId == clientId))|};
                    }
                }
                """, "Collect", "'foreach'");

        [Fact]
        public Task Does_not_report_a_synchronous_helper_that_enumerates_a_list_it_is_given() => VerifyCS.AnalyzerAsync(Model + Titles + """
            public class VisitList
            {
                public async Task<HashSet<string>> Handle(List<Visit> visits)
                {
                    await Task.Yield();
                    return Titles.Collect(visits.AsQueryable());
                }
            }
            """);

        // The helper hands its query parameter on to another that runs it.
        [Fact]
        public Task Reports_a_helper_that_passes_its_query_on_to_one_that_runs_it() => VerifyBlocksThroughAsync("""
                public static class Paging
                {
                    public static List<T> FirstPage<T>(this IQueryable<T> source) => Page(source, 0, 20);

                    private static List<T> Page<T>(IQueryable<T> source, int page, int size) => source.Skip(page * size).Take(size).ToList();
                }

                public class VisitList(ClinicDb db)
                {
                    public async Task<List<Visit>> Handle()
                    {
                        await Task.Yield();
                        return {|#0:db.Visits.FirstPage()|};
                    }
                }
                """, "FirstPage", "'Page' → 'ToList'");

        // The given query followed through a local and through a helper of the application that hands it back composed.
        [Fact]
        public Task Reports_a_helper_that_runs_its_query_through_a_local_and_another_helper() => VerifyBlocksThroughAsync("""
                public static class Paging
                {
                    public static IQueryable<T> Paginate<T>(this IQueryable<T> source, int page, int size)
                        => source.Skip((page - 1) * size).Take(size);

                    public static List<T> ToPage<T>(this IQueryable<T> source, int page, int size)
                    {
                        var window = source.Paginate(page, size);
                        return window.ToList();
                    }
                }

                public class VisitList(ClinicDb db)
                {
                    public async Task<List<Visit>> Handle(int clientId)
                    {
                        await Task.Yield();
                        return {|#0:db.Visits.Where(v => v.ClientId == clientId).ToPage(1, 20)|};
                    }
                }
                """, "ToPage", "'ToList'");

        [Fact]
        public Task Reports_a_helper_that_filters_its_query_into_a_local_under_a_condition() => VerifyCS.AnalyzerAsync(Model + """
            public static class Counting
            {
                public static int CountWhere<T>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, bool>>? filter)
                {
                    var query = source;
                    if (filter != null)
                    {
                        query = query.Where(filter);
                    }

                    return query.Count();
                }
            }

            public class VisitList(ClinicDb db)
            {
                public async Task<int> Handle(int clientId)
                {
                    await Task.Yield();
                    return {|PERF202:db.Visits.CountWhere(v => v.ClientId == clientId)|};
                }
            }
            """);

        // A helper that composes the query it is given into a local, recomposes it through another helper in a loop and
        // runs it there: every write of the local holds the parameter or composes the local itself.
        [Fact]
        public Task Reports_a_helper_that_runs_its_query_in_a_loop_recomposing_a_local() => VerifyBlocksThroughAsync("""
                public static class Including
                {
                    public static IQueryable<T> WithDepth<T>(this IQueryable<T> query, int depth) where T : class
                    {
                        var result = query.AsNoTracking().Deeper();
                        while (result.Any() && depth < 10)
                        {
                            result = result.Deeper();
                            depth++;
                        }

                        return result;
                    }

                    private static IQueryable<T> Deeper<T>(this IQueryable<T> query) where T : class => query.Where(e => e != null);
                }

                public class VisitList(ClinicDb db)
                {
                    public async Task<Visit> Handle(int id)
                        => await {|#0:db.Visits.Where(v => v.Id == id).WithDepth(1)|}.FirstAsync();
                }
                """, "WithDepth", "'Any'");

        // A commitments service's apprenticeship search: a filter extension given the query collects the matching ids
        // with List<T>.AddRange, which enumerates the query before the filter returns.
        [Fact]
        public Task Reports_a_filter_that_adds_the_ids_of_the_query_it_is_given_to_a_list() => VerifyBlocksThroughAsync("""
                public static class VisitFilters
                {
                    public static IQueryable<Visit> Filter(this IQueryable<Visit> visits, string? term)
                    {
                        if (string.IsNullOrEmpty(term))
                        {
                            return visits;
                        }

                        var found = new List<int>();
                        found.AddRange(visits.Where(v => v.Title.StartsWith(term)).Select(v => v.Id));
                        return visits.Where(v => found.Contains(v.Id));
                    }
                }

                public class VisitSearch(ClinicDb db)
                {
                    public async Task<int> Find(string? term)
                    {
                        var query = db.Visits.Where(v => v.ClientId > 0);
                        query = {|#0:query.Filter(term)|};
                        return await query.CountAsync();
                    }
                }
                """, "Filter", "'AddRange'");

        // The same search reaches the filter through a method of its own class that builds the query.
        [Fact]
        public Task Reports_a_method_that_builds_its_query_through_a_filter_that_enumerates_it() => VerifyBlocksThroughAsync("""
                public static class VisitFilters
                {
                    public static IQueryable<Visit> Filter(this IQueryable<Visit> visits, string term)
                    {
                        var found = new List<int>(visits.Where(v => v.Title.StartsWith(term)).Select(v => v.Id));
                        return visits.Where(v => found.Contains(v.Id));
                    }
                }

                public class VisitSearch(ClinicDb db)
                {
                    public async Task<int> Find(string term) => await {|#0:FilteredVisits(term)|}.CountAsync();

                    private IQueryable<Visit> FilteredVisits(string term) => db.Visits.Filter(term);
                }
                """, "FilteredVisits", "'Filter' → 'new List<int>'");

        // A collection expression that spreads a query reads it synchronously (docs/concepts.md#executing-an-ef-query).
        [Fact]
        public Task Reports_a_synchronous_method_that_joins_a_query() => VerifyBlocksThroughAsync("""
                    public class VisitTitles(ClinicDb db)
                    {
                        public async Task<string> Handle(int clientId)
                        {
                            await Task.Yield();
                            return {|#0:Titles(clientId)|};
                        }

                        private string Titles(int clientId) => string.Join(", ", db.Visits.Where(v => v.ClientId == clientId).Select(v => v.Title));
                    }
                    """, "Titles", "'Join'");

        [Fact]
        public Task Reports_a_synchronous_method_that_spreads_a_query() => VerifyBlocksThroughAsync("""
                public class VisitTitles(ClinicDb db)
                {
                    public async Task<List<string>> Handle(int clientId)
                    {
                        await Task.Yield();
                        return {|#0:Titles(clientId)|};
                    }

                    private List<string> Titles(int clientId) => [.. db.Visits.Where(v => v.ClientId == clientId).Select(v => v.Title)];
                }
                """, "Titles", "'[..]'");

        // ---- not flagged ----

        // The filter given an in-memory sequence made queryable, or called from synchronous code, blocks on nothing.
        [Fact]
        public Task Does_not_report_a_filter_that_enumerates_an_in_memory_query_or_is_called_synchronously() => VerifyCS.AnalyzerAsync(Model + """
            public static class VisitFilters
            {
                public static IQueryable<Visit> Filter(this IQueryable<Visit> visits, string term)
                {
                    var found = new List<int>();
                    found.AddRange(visits.Where(v => v.Title.StartsWith(term)).Select(v => v.Id));
                    return visits.Where(v => found.Contains(v.Id));
                }
            }

            public class VisitSearch(ClinicDb db)
            {
                public async Task<int> FindRecent(List<Visit> recent, string term)
                {
                    await Task.Yield();
                    return recent.AsQueryable().Filter(term).Count();
                }

                public int FindNow(string term) => db.Visits.Filter(term).Count();
            }
            """);

        [Fact]
        public Task Does_not_report_SaveChanges_of_a_context_interface_in_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public interface IClinicContext { DbSet<Visit> Visits { get; } int SaveChanges(); }
            public class ClinicContext(DbContextOptions<ClinicContext> options) : DbContext(options), IClinicContext
            {
                public DbSet<Visit> Visits => Set<Visit>();
            }

            public class VisitRepository(IClinicContext db)
            {
                public Visit Add(Visit visit)
                {
                    db.Visits.Add(visit);
                    db.SaveChanges();
                    return visit;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_SaveChanges_of_an_interface_implemented_in_memory() => VerifyCS.AnalyzerAsync(Model + """
            public interface IUnitOfWork { int SaveChanges(); }
            public class PendingChanges : IUnitOfWork
            {
                public List<Visit> Pending { get; } = new();
                public int SaveChanges() { var count = Pending.Count; Pending.Clear(); return count; }
            }

            public class VisitTitles(ClinicDb db, IUnitOfWork unitOfWork)
            {
                public async Task Rename(int id, string title)
                {
                    var visit = await db.Visits.SingleAsync(v => v.Id == id);
                    visit.Title = title;
                    unitOfWork.SaveChanges();
                }
            }
            """);

        // ---- a helper given its query: only where the call passes an EF query, from async code ----

        [Fact]
        public Task Does_not_report_a_paging_helper_given_a_list_made_queryable() => VerifyCS.AnalyzerAsync(Model + """
            public static class Paging
            {
                public static List<T> ToPage<T>(this IQueryable<T> source, int page, int size)
                    => source.Skip((page - 1) * size).Take(size).ToList();
            }

            public class Samples
            {
                public async Task<List<Visit>> Handle(List<Visit> visits)
                {
                    await Task.Yield();
                    return visits.AsQueryable().ToPage(1, 20);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_helper_that_only_composes_the_query_it_is_given() => VerifyCS.AnalyzerAsync(Model + """
            public static class Paging
            {
                public static IQueryable<T> Page<T>(this IQueryable<T> source, int page, int size)
                    => source.Skip((page - 1) * size).Take(size);
            }

            public class VisitList(ClinicDb db)
            {
                public async Task<List<Visit>> Handle()
                    => await db.Visits.Page(1, 20).ToListAsync();
            }
            """);

        [Fact]
        public Task Does_not_report_a_helper_that_hands_back_the_task_of_the_query_it_is_given() => VerifyCS.AnalyzerAsync(Model + """
            public static class Counting
            {
                public static Task<int> CountOf<T>(IQueryable<T> source) => source.CountAsync();
            }

            public class VisitList(ClinicDb db)
            {
                public async Task<int> Handle() => await Counting.CountOf(db.Visits);
            }
            """);

        // Whether the given query runs depends on the argument: a local that may hold a list instead is not followed.
        [Fact]
        public Task Does_not_report_a_helper_whose_local_may_hold_another_query() => VerifyCS.AnalyzerAsync(Model + """
            public static class Counting
            {
                public static int CountOrCached<T>(this IQueryable<T> source, List<T>? cached)
                {
                    var query = source;
                    if (cached != null)
                    {
                        query = cached.AsQueryable();
                    }

                    return query.Count();
                }
            }

            public class VisitList(ClinicDb db)
            {
                public async Task<int> Handle(List<Visit>? cached)
                {
                    await Task.Yield();
                    return db.Visits.CountOrCached(cached);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_paging_helper_called_from_synchronous_code() => VerifyCS.AnalyzerAsync(Model + """
            public static class Paging
            {
                public static List<T> ToPage<T>(this IQueryable<T> source, int page, int size)
                    => source.Skip((page - 1) * size).Take(size).ToList();
            }

            public class VisitList(ClinicDb db)
            {
                public List<Visit> Handle() => db.Visits.ToPage(1, 20);
            }
            """);


        [Fact]
        public Task Does_not_report_a_call_in_a_synchronous_action() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitsController(ClinicDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult Count() => Ok(CountAll());

                private int CountAll() => db.Visits.Count();
            }
            """);

        [Fact]
        public Task Does_not_report_a_method_that_only_reads_memory() => VerifyCS.AnalyzerAsync(Model + """
            public class TitleFormatter
            {
                public async Task<string> Format(List<Visit> visits)
                {
                    await Task.Yield();
                    return Join(visits);
                }

                private static string Join(List<Visit> visits) => string.Join(", ", visits.Where(v => v.Id > 0).Select(v => v.Title).ToList());
            }
            """);

        [Fact]
        public Task Does_not_report_a_method_that_queries_only_on_its_first_call() => VerifyCS.AnalyzerAsync(Model + """
            public class TitleCache(ClinicDb db)
            {
                private List<string>? titles;

                public async Task<int> Count()
                {
                    await Task.Yield();
                    return Titles().Count;
                }

                private List<string> Titles() => titles ??= db.Visits.Select(v => v.Title).ToList();
            }
            """);

        [Fact]
        public Task Does_not_report_a_lazy_initialiser_that_returns_once_its_field_is_set() => VerifyCS.AnalyzerAsync(Model + """
            public class Agent { public string Name { get; set; } = ""; }
            public class Tracker(ClinicDb db, Func<bool> isConfigured)
            {
                private Agent? agent;

                public async Task<bool> Viewed(int clientId)
                {
                    await Task.Yield();
                    EnsureAgent(clientId);
                    return agent != null;
                }

                private void EnsureAgent(int clientId)
                {
                    if (agent != null || !isConfigured())
                        return;

                    agent = new Agent();
                    agent.Name = db.Visits.Where(v => v.ClientId == clientId).Select(v => v.Title).FirstOrDefault() ?? "";
                }
            }
            """);

        [Fact]
        public Task Reports_a_method_that_returns_on_a_field_it_never_sets() => VerifyCS.AnalyzerAsync(Model + """
            public class Agent { public string Name { get; set; } = ""; }
            public class Tracker(ClinicDb db)
            {
                private Agent? agent;
                private string name = "";

                public async Task<string> Viewed(int clientId)
                {
                    await Task.Yield();
                    {|PERF202:Describe(clientId)|};
                    return name;
                }

                public void Use(Agent given) => agent = given;

                private void Describe(int clientId)
                {
                    if (agent == null)
                        return;

                    name = db.Visits.Where(v => v.ClientId == clientId).Select(v => v.Title).FirstOrDefault() ?? "";
                }
            }
            """);

        [Fact]
        public Task Reports_a_method_that_returns_on_a_set_field_it_assigns_before_its_check() => VerifyCS.AnalyzerAsync(Model + """
            public class Agent { public string Name { get; set; } = ""; }
            public class Tracker(ClinicDb db)
            {
                private Agent? agent;

                public async Task<string> Viewed(int clientId)
                {
                    await Task.Yield();
                    return {|PERF202:Describe(clientId)|};
                }

                private string Describe(int clientId)
                {
                    agent = null;
                    if (agent is not null)
                        return agent.Name;

                    return db.Visits.Where(v => v.ClientId == clientId).Select(v => v.Title).FirstOrDefault() ?? "";
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_method_that_queries_only_on_a_cache_miss() => VerifyCS.AnalyzerAsync(Model + """
            public class Lru<TKey, TValue> where TKey : notnull
            {
                private readonly Dictionary<TKey, TValue> items = new();
                public bool TryGet(TKey key, out TValue value) => items.TryGetValue(key, out value!);
                public void Add(TKey key, TValue value) => items[key] = value;
            }

            public class VisitLibrary(ClinicDb db)
            {
                private readonly Lru<int, Visit> _cache = new();

                public async Task<string> Title(int id)
                {
                    await Task.Yield();
                    return ById(id)?.Title ?? "";
                }

                private Visit? ById(int id)
                {
                    if (_cache.TryGet(id, out var visit))
                    {
                        return visit;
                    }

                    visit = db.Visits.FirstOrDefault(v => v.Id == id);
                    if (visit != null) _cache.Add(id, visit);
                    return visit;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_method_that_queries_only_when_it_fails() => VerifyCS.AnalyzerAsync(Model + """
            public class Audit(ClinicDb db)
            {
                public async Task Record(string title)
                {
                    await Task.Yield();
                    Check(title);
                }

                private void Check(string title)
                {
                    try
                    {
                        if (title.Length == 0) throw new ArgumentException(nameof(title));
                    }
                    catch (ArgumentException)
                    {
                        Console.WriteLine(db.Visits.Count());
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_method_that_returns_the_query_unexecuted() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitQueries(ClinicDb db)
            {
                public async Task<List<Visit>> ForClient(int clientId) => await Of(clientId).ToListAsync();

                private IQueryable<Visit> Of(int clientId) => db.Visits.Where(v => v.ClientId == clientId);
            }
            """);

        [Fact]
        public Task Reports_only_the_async_twin_when_the_method_has_one() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitLoader(ClinicDb db)
            {
                public async Task<int> Run()
                {
                    await Task.Yield();
                    return {|PERF202:Load()|}.Count;
                }

                public List<Visit> Load() => db.Visits.ToList();

                public Task<List<Visit>> LoadAsync() => db.Visits.ToListAsync();
            }
            """);

        [Fact]
        public Task Reports_a_method_whose_async_namesake_takes_other_parameters() => VerifyBlocksThroughAsync("""
                    public interface IVisitRepository
                    {
                        IEnumerable<Visit> GetAll();
                        Task<IEnumerable<Visit>> GetAllAsync(Func<Visit, bool>? filter = null, bool tracked = true, CancellationToken cancellationToken = default);
                    }

                    public class VisitRepository(ClinicDb db) : IVisitRepository
                    {
                        public IEnumerable<Visit> GetAll() => db.Visits.ToList();

                        public async Task<IEnumerable<Visit>> GetAllAsync(Func<Visit, bool>? filter = null, bool tracked = true, CancellationToken cancellationToken = default)
                            => await db.Visits.ToListAsync(cancellationToken);
                    }

                    public class VisitReport(IVisitRepository visits)
                    {
                        public async Task<int> Run()
                        {
                            await Task.Yield();
                            return {|#0:visits.GetAll()|}.Count();
                        }
                    }
                    """, "GetAll", "'ToList'");

        [Fact]
        public Task Reports_a_method_whose_async_namesake_takes_fewer_parameters() => VerifyBlocksThroughAsync("""
                    public class VisitLoader(ClinicDb db)
                    {
                        public async Task<int> Run(int clientId)
                        {
                            await Task.Yield();
                            return {|#0:Load(clientId)|}.Count;
                        }

                        public List<Visit> Load(int clientId) => db.Visits.Where(v => v.ClientId == clientId).ToList();

                        public Task<List<Visit>> LoadAsync() => db.Visits.ToListAsync();
                    }
                    """, "Load", "'ToList'");

        [Fact]
        public Task Does_not_report_a_call_inside_its_async_namesake_of_another_shape() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitLoader(ClinicDb db)
            {
                public List<Visit> Load(int clientId) => db.Visits.Where(v => v.ClientId == clientId).ToList();

                public Task<List<Visit>> LoadAsync(int clientId, bool tracked) => Task.FromResult(Load(clientId));
            }
            """);

        [Fact]
        public Task Does_not_report_a_method_whose_async_namesake_takes_other_parameters_when_it_reads_memory() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitCache(ClinicDb db)
            {
                private readonly List<Visit> _visits = new();

                public async Task<int> Run()
                {
                    await Task.Yield();
                    return GetAll().Count;
                }

                public List<Visit> GetAll() => _visits.ToList();

                public Task<List<Visit>> GetAllAsync(bool tracked) => db.Visits.ToListAsync();
            }
            """);

        [Fact]
        public Task Does_not_report_the_call_when_every_method_is_in_scope() => VerifyCS.AnalyzerAsync(Model + """
            public class VisitCounter(ClinicDb db)
            {
                public async Task<int> Total()
                {
                    await Task.Yield();
                    return Count();
                }

                private int Count() => {|PERF202:db.Visits.Count()|};
            }
            """, editorConfig: "perf_analyzers.async.scope = all");

        [Fact]
        public Task Does_not_report_a_method_that_awaits_nothing_it_blocks_on() => VerifyCS.AnalyzerAsync(Model + """
            public class Deferred(ClinicDb db)
            {
                public async Task Run()
                {
                    await Task.Yield();
                    var later = Prepare();
                    await later();
                }

                private Func<Task<int>> Prepare() => () => db.Visits.CountAsync();
            }
            """);

        [Fact]
        public Task Does_not_report_a_generic_helper_over_a_context_that_only_reads_memory() => VerifyCS.AnalyzerAsync(Model + """
            public static class VisitText
            {
                public static string Describe<TContext>(TContext db, List<Visit> visits) where TContext : DbContext
                    => db.GetType().Name + ": " + visits.Where(v => v.Id > 0).Count();
            }

            public class ClientPage<TContext>(TContext db) where TContext : DbContext
            {
                public async Task<string> Summary(List<Visit> visits)
                {
                    await Task.Yield();
                    return VisitText.Describe(db, visits);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_generic_helper_whose_type_parameter_is_an_entity() => VerifyCS.AnalyzerAsync(Model + """
            public static class Titles
            {
                public static List<string> Of<TEntity>(IEnumerable<TEntity> items) where TEntity : Visit
                    => items.Select(v => v.Title).ToList();
            }

            public class TitlePage<TEntity> where TEntity : Visit
            {
                public async Task<int> Count(List<TEntity> visits)
                {
                    await Task.Yield();
                    return Titles.Of(visits).Count;
                }
            }
            """);

        // Known limitation (docs/rules/PERF202.md): a static helper given only plain values is not read, so that a mapper or
        // a validator called from async code costs no binding of its body.
        [Fact]
        public Task Does_not_read_a_static_helper_given_only_plain_values() => VerifyCS.AnalyzerAsync(Model + """
            public static class Lookup
            {
                public static ClinicDb? Shared;

                public static int CountFor(int clientId) => Shared!.Visits.Count(v => v.ClientId == clientId);
            }

            public class Report
            {
                public async Task<int> Run(int clientId)
                {
                    await Task.Yield();
                    return Lookup.CountFor(clientId);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_query_over_a_list_made_queryable() => VerifyCS.AnalyzerAsync(Model + """
            public class Samples
            {
                public async Task<int> Count(List<Visit> visits)
                {
                    await Task.Yield();
                    return CountOf(visits);
                }

                private static int CountOf(List<Visit> visits) => visits.AsQueryable().Count(v => v.Id > 0);
            }
            """);
    }
}
