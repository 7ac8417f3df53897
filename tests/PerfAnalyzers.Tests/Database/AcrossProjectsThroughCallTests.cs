using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// PERF101 and PERF105 through a call of another project's method, whose body the compilation cannot read: judged
    /// from its declaration (docs/concepts.md#executing-an-ef-query, "Across projects"; docs/rules/PERF101.md and
    /// PERF105.md, "Through a call").
    /// </summary>
    public class AcrossProjectsThroughCallTests
    {
        private const string DataProject = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Media.Data
            {
                public class Show : IShowView { public int Id { get; set; } public string Key { get; set; } = ""; public bool Available { get; set; } }
                public class Episode { public int Id { get; set; } public int ShowId { get; set; } }
                public class ShowDto : ISummaryView { public int Id { get; set; } }

                /// <summary>A domain interface an entity implements, and one only a DTO implements.</summary>
                public interface IShowView { int Id { get; } }
                public interface ISummaryView { int Id { get; } }

                public class MediaDb : DbContext
                {
                    public DbSet<Show> Shows => Set<Show>();
                    public DbSet<Episode> Episodes => Set<Episode>();
                }

                public interface IShowRepository
                {
                    Task<Show?> GetByKey(string key);
                    Task<List<Episode>> GetEpisodes(int showId);
                    Task<ShowDto> GetSummary(int id);
                    Task<Show> CreateShow(string key);
                    Task Update(Show show);
                    Task<int> SaveChangesAsync();
                    Task<bool> IsBlocked(string key);
                    Task<int> CountEpisodes(int showId);
                    bool IsValidKey(string key);
                }

                public class ShowRepository : IShowRepository
                {
                    private readonly MediaDb db;
                    public ShowRepository(MediaDb db) => this.db = db;
                    public Task<Show?> GetByKey(string key) => db.Shows.FirstOrDefaultAsync(s => s.Key == key);
                    public Task<List<Episode>> GetEpisodes(int showId) => db.Episodes.Where(e => e.ShowId == showId).ToListAsync();
                    public Task<ShowDto> GetSummary(int id) => Task.FromResult(new ShowDto { Id = id });
                    public async Task<Show> CreateShow(string key) { var show = new Show { Key = key }; db.Add(show); await db.SaveChangesAsync(); return show; }
                    public Task Update(Show show) { db.Update(show); return db.SaveChangesAsync(); }
                    public Task<int> SaveChangesAsync() => db.SaveChangesAsync();
                    public Task<bool> IsBlocked(string key) => db.Shows.AnyAsync(s => s.Key == key && !s.Available);
                    public Task<int> CountEpisodes(int showId) => db.Episodes.CountAsync(e => e.ShowId == showId);
                    public bool IsValidKey(string key) => key.Length > 0;
                }

                public class ShowViewRepository
                {
                    private readonly MediaDb db;
                    public ShowViewRepository(MediaDb db) => this.db = db;
                    public async Task<IShowView?> GetView(string key) => await db.Shows.FirstOrDefaultAsync(s => s.Key == key);
                    public async Task<List<IShowView>> ListViews(int page) => new List<IShowView>(await db.Shows.Skip(page * 10).Take(10).ToListAsync());
                    public Task<ISummaryView> GetSummaryView(int id) => Task.FromResult<ISummaryView>(new ShowDto { Id = id });
                    public Task<IDisposable?> GetLease(string key) => Task.FromResult<IDisposable?>(null);
                }

                /// <summary>An entity the context maps in OnModelCreating only, read through a derived generic repository.</summary>
                public class Season : ISeasonView { public int Id { get; set; } public string Key { get; set; } = ""; }
                public interface ISeasonView { int Id { get; } }

                public abstract class GenericRepository<TEntity> where TEntity : class
                {
                    protected readonly MediaDb db;
                    protected GenericRepository(MediaDb db) => this.db = db;
                }

                public class SeasonRepository : GenericRepository<Season>
                {
                    public SeasonRepository(MediaDb db) : base(db) { }
                    public async Task<Season?> GetByKey(string key) => await db.Set<Season>().FirstOrDefaultAsync(s => s.Key == key);
                    public async Task<ISeasonView?> GetView(string key) => await db.Set<Season>().FirstOrDefaultAsync(s => s.Key == key);
                    public Task<ShowDto> GetSummary(int id) => Task.FromResult(new ShowDto { Id = id });
                }

                public abstract class MemoryStoreBase<TEntity> where TEntity : class
                {
                    protected readonly Dictionary<string, TEntity> items;
                    protected MemoryStoreBase(Dictionary<string, TEntity> items) => this.items = items;
                }

                public class SeasonMemoryStore : MemoryStoreBase<Season>
                {
                    public SeasonMemoryStore(Dictionary<string, Season> items) : base(items) { }
                    public Task<Season?> GetByKey(string key) => Task.FromResult(items.TryGetValue(key, out var season) ? season : null);
                }

                /// <summary>An interface that stands for the context (YIF's IApplicationDbContext).</summary>
                public interface IMediaContext
                {
                    DbSet<Show> Shows { get; }
                }

                /// <summary>A context interface per entity with default reads (a request-training API's IRegionEntityContext).</summary>
                public interface IEntityContext<T> where T : class
                {
                    DbSet<T> Entities { get; }
                }

                public interface IEpisodeContext : IEntityContext<Episode>
                {
                    async Task<Episode?> Get(int id) => await Entities.FirstOrDefaultAsync(e => e.Id == id);
                    async Task<List<ShowDto>> GetSummaries(int showId) => await Entities.Where(e => e.ShowId == showId).Select(e => new ShowDto { Id = e.Id }).ToListAsync();
                    Task<Show?> GetShow(int showId);
                }

                public class ShowReadRepository
                {
                    private readonly IMediaContext context;
                    public ShowReadRepository(IMediaContext context) => this.context = context;
                    public Task<Show?> GetByKey(string key) => context.Shows.FirstOrDefaultAsync(s => s.Key == key);
                    public Task<List<ShowDto>> Find(System.Linq.Expressions.Expression<Func<Show, bool>> filter)
                        => context.Shows.Where(filter).Select(s => new ShowDto { Id = s.Id }).ToListAsync();
                    public Task<List<ShowDto>> FindSummaries(System.Linq.Expressions.Expression<Func<ShowDto, bool>> filter)
                        => Task.FromResult(new List<ShowDto>());
                    public Task<List<ShowDto>> ListSummaries(int page) => context.Shows.Skip(page * 10).Select(s => new ShowDto { Id = s.Id }).ToListAsync();
                }

                /// <summary>A generic store per entity (YIF's IRepository&lt;T, K&gt;): only one entity's store queries.</summary>
                public interface IStore<T, K> where T : class
                {
                    Task<List<K>> Search(System.Linq.Expressions.Expression<Func<T, bool>> filter);
                }

                public interface IShowStore : IStore<Show, ShowDto> { }

                public class ShowStore : IShowStore
                {
                    private readonly IMediaContext context;
                    public ShowStore(IMediaContext context) => this.context = context;
                    public Task<List<ShowDto>> Search(System.Linq.Expressions.Expression<Func<Show, bool>> filter)
                        => context.Shows.Where(filter).Select(s => new ShowDto { Id = s.Id }).ToListAsync();
                }

                public class EpisodeStore : IStore<Episode, ShowDto>
                {
                    private readonly List<Episode> episodes;
                    public EpisodeStore(List<Episode> episodes) => this.episodes = episodes;
                    public Task<List<ShowDto>> Search(System.Linq.Expressions.Expression<Func<Episode, bool>> filter)
                        => Task.FromResult(episodes.Where(filter.Compile()).Select(e => new ShowDto { Id = e.ShowId }).ToList());
                }

                public interface IRepository<T> where T : class
                {
                    Task<T?> Find(int id);
                    Task<int> SaveChangesAsync();
                }

                public class BaseRepository<T, TContext> : IRepository<T> where T : class where TContext : DbContext
                {
                    private readonly TContext context;
                    public BaseRepository(TContext context) => this.context = context;
                    public async Task<T?> Find(int id) => await context.Set<T>().FindAsync(id);
                    public Task<int> SaveChangesAsync() => context.SaveChangesAsync();
                }

                public class Repository<T> where T : class
                {
                    private readonly MediaDb db;
                    public Repository(MediaDb db) => this.db = db;
                    public async Task<T?> GetById(int id) => await db.Set<T>().FindAsync(id);
                }

                public class MemoryStore<T> where T : class
                {
                    private readonly List<T> items;
                    public MemoryStore(List<T> items) => this.items = items;
                    public Task<T?> GetAt(int index) => Task.FromResult<T?>(items.ElementAtOrDefault(index));
                }

                public class ShowCache
                {
                    private readonly Dictionary<string, Show> shows;
                    public ShowCache(Dictionary<string, Show> shows) => this.shows = shows;
                    public Task<Show?> GetByKey(string key) => Task.FromResult(shows.TryGetValue(key, out var show) ? show : null);
                    public Task<int> SaveChangesAsync() => Task.FromResult(0);
                    public Task<bool> IsCached(string key) => Task.FromResult(shows.ContainsKey(key));
                }

                public class ShowService
                {
                    private readonly IShowRepository shows;
                    public ShowService(IShowRepository shows) => this.shows = shows;
                    public async Task<Show?> GetFeatured(string key) => await shows.GetByKey(key);
                }

                public class CachedShowService
                {
                    private readonly IShowRepository shows;
                    private readonly ShowCache cache;
                    public CachedShowService(IShowRepository shows, ShowCache cache) { this.shows = shows; this.cache = cache; }
                    public async Task<Show?> GetFeatured(string key) => await cache.GetByKey(key) ?? await shows.GetByKey(key);
                }

                public static class QueryableExtensions
                {
                    public static async Task<T?> SelectOneAsync<T>(this IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, bool>> predicate) where T : class
                        => await query.FirstOrDefaultAsync(predicate);

                    public static Task<IQueryable<T>> FilteredAsync<T>(this IQueryable<T> query) => Task.FromResult(query);

                    public static string Describe<T>(this IQueryable<T> query) => query.ToQueryString();
                }

                /// <summary>Built on a context it is given lazily (two skills-agency services).</summary>
                public class LazyShowRepository
                {
                    private readonly Lazy<MediaDb> db;
                    public LazyShowRepository(Lazy<MediaDb> db) => this.db = db;
                    public Task<Show?> GetByKey(string key) => db.Value.Shows.FirstOrDefaultAsync(s => s.Key == key);
                    public Task<int> SaveChangesAsync() => db.Value.SaveChangesAsync();
                }

                /// <summary>Built on a context factory, one context per call (Elsa's generic Store, read by its module stores).</summary>
                public class FactoryShowStore
                {
                    private readonly IDbContextFactory<MediaDb> factory;
                    public FactoryShowStore(IDbContextFactory<MediaDb> factory) => this.factory = factory;

                    public async Task<Show?> FindByKeyAsync(string key)
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        return await db.Shows.FirstOrDefaultAsync(s => s.Key == key);
                    }
                }

                /// <summary>Given a factory of something else: not built on a context.</summary>
                public class FactoryOfClients
                {
                    private readonly Func<System.Net.Http.HttpClient> clients;
                    public FactoryOfClients(Func<System.Net.Http.HttpClient> clients) => this.clients = clients;
                    public Task<Show?> FindByKeyAsync(string key) => Task.FromResult<Show?>(null);
                }

                /// <summary>Given a cache lazily: answers from memory.</summary>
                public class LazyCachedShows
                {
                    private readonly Lazy<Dictionary<string, Show>> shows;
                    public LazyCachedShows(Lazy<Dictionary<string, Show>> shows) => this.shows = shows;
                    public Task<Show?> GetByKey(string key) => Task.FromResult(shows.Value.TryGetValue(key, out var show) ? show : null);
                }

                /// <summary>Built on the context, but answers from the cache it takes after it (AuthPermissions' file-store cache).</summary>
                public class ShowFileCache
                {
                    private readonly MediaDb db;
                    private readonly ShowCache cache;
                    public ShowFileCache(MediaDb db, ShowCache cache) { this.db = db; this.cache = cache; }
                    public async Task<Show?> GetByKey(string key) => await cache.GetByKey(key) ?? await db.Shows.FirstOrDefaultAsync(s => s.Key == key);
                }

                /// <summary>A package's read interface with two abstract bases (Ardalis.Specification's repositories).</summary>
                public interface IReadStore<T> where T : class { Task<T?> FirstAsync(int id); }

                public abstract class StoreBase<T> : IReadStore<T> where T : class
                {
                    private readonly DbContext db;
                    protected StoreBase(DbContext db) => this.db = db;
                    public virtual async Task<T?> FirstAsync(int id) => await db.Set<T>().FindAsync(id);
                }

                public abstract class FactoryStoreBase<T> : IReadStore<T> where T : class
                {
                    private readonly Func<T?> make;
                    protected FactoryStoreBase(Func<T?> make) => this.make = make;
                    public virtual Task<T?> FirstAsync(int id) => Task.FromResult(make());
                }

                /// <summary>Static helpers handed the context (PlexRipper's DbContextExtensions in its data project).</summary>
                public static class MediaContextExtensions
                {
                    public static Task<string?> GetShowKeyById(this IMediaContext context, int id)
                        => context.Shows.Where(s => s.Id == id).Select(s => s.Key).FirstOrDefaultAsync();

                    public static Task<Show?> FindShowAsync(this MediaDb db, int id) => db.Shows.FirstOrDefaultAsync(s => s.Id == id);

                    public static Task<bool> IsShowAvailable(this IMediaContext context, int id) => context.Shows.AnyAsync(s => s.Id == id && s.Available);

                    public static string GetSchemaName(this MediaDb db) => "media";

                    public static Task<int> RebuildIndex(this MediaDb db) => Task.FromResult(0);

                    public static IQueryable<Show> GetAvailableShows(this IMediaContext context) => context.Shows.Where(s => s.Available);

                    public static Task<Show?> GetCachedShow(this Dictionary<int, Show> shows, int id)
                        => Task.FromResult(shows.TryGetValue(id, out var show) ? show : null);
                }

                /// <summary>
                /// A content repository per media server whose shared base leaves the episodes to each server (Ombi's
                /// MediaServerContentRepository&lt;T&gt;.GetAllEpisodes); and one whose base keeps them in memory.
                /// </summary>
                public interface IContentRepository<T> where T : class { IQueryable<Episode> GetAllEpisodes(); }

                public abstract class ContentRepositoryBase<T> : IContentRepository<T> where T : class
                {
                    public abstract IQueryable<Episode> GetAllEpisodes();
                }

                public interface IShowContentRepository : IContentRepository<Show> { }

                public class ShowContentRepository : ContentRepositoryBase<Show>, IShowContentRepository
                {
                    private readonly MediaDb db;
                    public ShowContentRepository(MediaDb db) => this.db = db;
                    public override IQueryable<Episode> GetAllEpisodes() => db.Episodes;
                }

                public interface ISeasonContentRepository : IContentRepository<Season> { }

                public class SeasonContentRepository : ContentRepositoryBase<Season>, ISeasonContentRepository
                {
                    private readonly List<Episode> episodes = new();
                    public override IQueryable<Episode> GetAllEpisodes() => episodes.AsQueryable();
                }

                /// <summary>Implemented by a project this one does not reference.</summary>
                public interface IUnitOfWork { Task<int> SaveChangesAsync(CancellationToken cancellationToken); }

                public interface ISettingsStore { void SaveChanges(string path); }
            }
            """;

        private static readonly Lazy<MetadataReference> DataReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Media.Data", DataProject, Frameworks.EfCore));

        // The same code shipped as a package signed by its publisher: not the application's own code.
        private static readonly Lazy<MetadataReference> SignedPackageReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Media.Data", DataProject, Frameworks.EfCore, ProbeCompilations.EfCorePublicKey()));

        private const string UsesData = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Media.Data;

            """;

        private static Task VerifyAsync<TAnalyzer>(string source, MetadataReference? dataProject, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, UsesData + source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(dataProject ?? DataReference.Value);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static Task VerifyQueriesAsync(string source, MetadataReference? dataProject = null, DiagnosticResult? expected = null)
            => VerifyAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(source, dataProject, expected is { } one ? new[] { one } : Array.Empty<DiagnosticResult>());

        private static Task VerifySavesAsync(string source, MetadataReference? dataProject = null)
            => VerifyAsync<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>(source, dataProject);

        // ---- PERF101: flagged ----

        // A request-training API of the fiftieth real-world set: a default read of a context interface of the data
        // project, called once per location.
        [Fact]
        public Task Read_method_of_a_context_interface_returning_its_entity_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IEpisodeContext episodes, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var episode = await {|PERF101:episodes.Get(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_context_interface_returning_another_type_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IEpisodeContext episodes, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var summaries = await episodes.GetSummaries(id);
                        var show = await episodes.GetShow(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_an_abstract_base_a_source_class_derives_from_is_reported() => VerifyQueriesAsync("""
            public class ShowStore : StoreBase<Show> { public ShowStore(MediaDb db) : base(db) { } }

            public class Sync
            {
                public async Task Run(IReadStore<Show> shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var show = await {|PERF101:shows.FirstAsync(id)|};
                    }
                }
            }
            """);

        // Two skills-agency services: repositories of the data project take their context as Lazy<TContext>.
        [Fact]
        public Task Read_method_of_a_repository_built_on_a_lazy_context_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(LazyShowRepository shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await {|PERF101:shows.GetByKey(key)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_store_built_on_a_context_factory_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(FactoryShowStore shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await {|PERF101:shows.FindByKeyAsync(key)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_class_given_another_factory_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(FactoryOfClients shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await shows.FindByKeyAsync(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_class_given_a_lazy_dictionary_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(LazyCachedShows shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await shows.GetByKey(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_class_taking_a_cache_after_its_context_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowFileCache shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await shows.GetByKey(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_an_abstract_base_is_not_judged_when_the_other_base_is_used_too() => VerifyQueriesAsync("""
            public class ShowStore : StoreBase<Show> { public ShowStore(MediaDb db) : base(db) { } }
            public class MadeShows : FactoryStoreBase<Show> { public MadeShows() : base(() => new Show()) { } }

            public class Sync
            {
                public async Task Run(IReadStore<Show> shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var show = await shows.FirstAsync(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Extension_method_of_another_project_given_a_DbSet_runs_it() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(MediaDb db, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await {|#0:db.Shows.SelectOneAsync(s => s.Key == key)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("SelectOneAsync", "('QueryableExtensions.SelectOneAsync') on each iteration of the loop over 'key'", ""));

        [Fact]
        public Task Extension_method_of_another_project_given_an_in_memory_query_is_not_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(List<Show> shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await shows.AsQueryable().SelectOneAsync(s => s.Key == key);
                    }
                }
            }
            """);

        [Fact]
        public Task Extension_method_of_another_project_returning_a_task_of_a_query_is_not_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(MediaDb db, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var shows = await db.Shows.Where(s => s.Key == key).FilteredAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Synchronous_extension_method_of_another_project_given_a_DbSet_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public void Run(MediaDb db, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var sql = db.Shows.Where(s => s.Key == key).Describe();
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_repository_of_another_project_returning_an_entity_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowRepository shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await {|#0:shows.GetByKey(key)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("GetByKey", "('ShowRepository.GetByKey') on each iteration of the loop over 'key'", ""));

        [Fact]
        public Task Read_method_returning_an_interface_an_entity_implements_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowViewRepository views, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var view = await {|#0:views.GetView(key)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("GetView", "('ShowViewRepository.GetView') on each iteration of the loop over 'key'", ""));

        [Fact]
        public Task Read_method_returning_a_list_of_an_interface_an_entity_implements_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowViewRepository views, List<int> pages)
                {
                    foreach (var page in pages)
                    {
                        var shown = await {|PERF101:views.ListViews(page)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_repository_fixing_its_generic_bases_entity_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(SeasonRepository seasons, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var season = await {|PERF101:seasons.GetByKey(key)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_repository_fixing_its_generic_bases_entity_returning_its_interface_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(SeasonRepository seasons, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var view = await {|PERF101:seasons.GetView(key)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_through_an_interface_implemented_in_another_project_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, List<int> showIds)
                {
                    foreach (var showId in showIds)
                    {
                        var episodes = await {|PERF101:shows.GetEpisodes(showId)|};
                    }
                }
            }
            """);

        // A regulator API of the seventy-first real-world set: a handler's loop calls a method of its own class, which
        // reads through the data project's repository.
        [Fact]
        public Task Loop_calling_a_method_of_its_class_that_reads_through_another_projects_repository_is_reported() => VerifyQueriesAsync("""
            public class Handler
            {
                private readonly IShowRepository repo;
                public Handler(IShowRepository repo) => this.repo = repo;
                public async Task Run(List<int> showIds, List<Episode> all)
                {
                    foreach (var showId in showIds)
                    {
                        all.AddRange(await {|PERF101:Missing(showId)|});
                    }
                }
                private async Task<IEnumerable<Episode>> Missing(int showId)
                {
                    var episodes = await repo.GetEpisodes(showId);
                    return episodes.Where(e => e.Id > 0);
                }
            }
            """);

        [Fact]
        public Task Fan_out_calling_a_method_of_its_class_that_reads_through_another_projects_repository_is_reported() => VerifyQueriesAsync("""
            public class Handler(IShowRepository repo)
            {
                public async Task Run(List<int> showIds, List<Episode> all)
                {
                    await Task.WhenAll(showIds.Select(async showId => all.AddRange(await {|PERF101:Missing(showId)|})));
                }
                private async Task<IEnumerable<Episode>> Missing(int showId)
                {
                    var episodes = await repo.GetEpisodes(showId);
                    return episodes.Where(e => e.Id > 0);
                }
            }
            """);

        [Fact]
        public Task Find_of_a_generic_repository_whose_context_is_a_type_parameter_is_reported() => VerifyQueriesAsync("""
            public class Checker
            {
                public async Task Run(IRepository<Show> shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var show = await {|PERF101:shows.Find(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_generic_repository_built_on_a_concrete_context_is_reported() => VerifyQueriesAsync("""
            public class Checker
            {
                public async Task Run(Repository<Episode> episodes, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var episode = await {|PERF101:episodes.GetById(id)|};
                    }
                }
            }
            """);

        // Ombi's availability checks: the episodes of a repository whose shared abstract base leaves them to each server.
        [Fact]
        public Task Query_of_an_abstract_member_overridden_in_the_other_project_is_an_EF_query() => VerifyQueriesAsync("""
            public class Checker
            {
                public void Run(IShowContentRepository shows, List<Show> requested)
                {
                    var episodes = shows.GetAllEpisodes();
                    foreach (var show in requested)
                    {
                        var available = {|PERF101:episodes.Any(e => e.ShowId == show.Id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_of_an_abstract_member_overridden_in_memory_in_the_other_project_is_not_an_EF_query() => VerifyQueriesAsync("""
            public class Checker
            {
                public void Run(ISeasonContentRepository seasons, List<Show> requested)
                {
                    var episodes = seasons.GetAllEpisodes();
                    foreach (var show in requested)
                    {
                        var available = episodes.Any(e => e.ShowId == show.Id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_generic_store_not_built_on_a_DbContext_is_not_judged() => VerifyQueriesAsync("""
            public class Checker
            {
                public async Task Run(MemoryStore<Episode> episodes, List<int> indexes)
                {
                    foreach (var index in indexes)
                    {
                        var episode = await episodes.GetAt(index);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_is_reported_when_the_other_project_is_another_compilation_of_the_solution()
        {
            // The IDE's shape: the other project is a project reference, its source another compilation of the solution.
            var test = WithDataAsAnotherCompilation<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>("""
                public class Sync
                {
                    public async Task Run(IShowRepository shows, List<string> keys)
                    {
                        foreach (var key in keys)
                        {
                            var show = await {|PERF101:shows.GetByKey(key)|};
                        }
                    }
                }
                """);
            return test.RunAsync();
        }

        /// <summary>A test of <paramref name="source"/> with the data project as a project reference, its source another compilation.</summary>
        private static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> WithDataAsAnotherCompilation<TAnalyzer>(string source)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, UsesData + source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            var data = test.TestState.AdditionalProjects["Media.Data"];
            data.Sources.Add(("Data.cs", DataProject));
            data.AdditionalReferences.AddRange(SnippetReferences.For(Frameworks.EfCore));
            test.TestState.AdditionalProjectReferences.Add("Media.Data");
            return test;
        }

        [Fact]
        public Task Asynchronous_check_or_count_of_a_repository_of_another_project_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, List<Show> all)
                {
                    foreach (var show in all)
                    {
                        var blocked = await {|PERF101:shows.IsBlocked(show.Key)|};
                        var episodes = await {|PERF101:shows.CountEpisodes(show.Id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_service_built_on_a_repository_of_another_project_is_reported() => VerifyQueriesAsync("""
            public class Digest
            {
                public async Task Run(ShowService service, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await {|PERF101:service.GetFeatured(key)|};
                    }
                }
            }
            """);

        // YIF's repositories: built on IApplicationDbContext, an interface exposing the sets.
        [Fact]
        public Task Read_method_of_a_repository_built_on_a_context_interface_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowReadRepository shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await {|#0:shows.GetByKey(key)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("GetByKey", "('ShowReadRepository.GetByKey') on each iteration of the loop over 'key'", ""));

        // YIF's InstitutionOfEducationService: a repository Find(predicate) per direction, mapped to DTOs.
        [Fact]
        public Task Read_method_taking_a_filter_over_an_entity_is_reported_whatever_it_returns() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowReadRepository shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var found = await {|#0:shows.Find(s => s.Id == id)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("Find", "('ShowReadRepository.Find') on each iteration of the loop over 'id'", ""));

        // YIF's IRepository<T, K>.Find called for one entity: the stores of other entities take no vote.
        [Fact]
        public Task Read_method_of_a_generic_interface_is_judged_by_the_implementations_of_its_construction() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IShowStore shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var found = await {|#0:shows.Search(s => s.Id == id)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("Search", "('ShowStore.Search') on each iteration of the loop over 'id'", ""));

        // PlexRipper's handlers: a static helper of the data project handed the context reads through it.
        [Fact]
        public Task Read_helper_of_another_project_handed_the_context_interface_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IMediaContext context, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var key = await {|#0:context.GetShowKeyById(id)|};
                    }
                }
            }
            """, expected: new DiagnosticResult("PERF101", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("GetShowKeyById", "('MediaContextExtensions.GetShowKeyById') on each iteration of the loop over 'id'", ""));

        [Fact]
        public Task Read_helper_of_another_project_handed_the_context_class_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(MediaDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var show = await {|PERF101:MediaContextExtensions.FindShowAsync(db, id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Check_helper_of_another_project_handed_the_context_is_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task<int> Run(IMediaContext context, List<int> ids)
                {
                    var available = 0;
                    foreach (var id in ids)
                    {
                        if (await {|PERF101:context.IsShowAvailable(id)|})
                        {
                            available++;
                        }
                    }

                    return available;
                }
            }
            """);

        // ---- PERF101: not flagged ----

        [Fact]
        public Task Helpers_of_another_project_handed_the_context_that_need_not_read_are_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(MediaDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var schema = db.GetSchemaName();
                        var rebuilt = await db.RebuildIndex();
                    }
                }
            }
            """);

        [Fact]
        public Task Helper_of_another_project_composing_a_query_from_the_context_is_not_a_run() => VerifyQueriesAsync("""
            public class Sync
            {
                public void Run(IMediaContext context, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var shows = context.GetAvailableShows();
                    }
                }
            }
            """);

        [Fact]
        public Task Read_helper_of_another_project_given_an_in_memory_map_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(Dictionary<int, Show> cache, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var show = await cache.GetCachedShow(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_returning_a_dto_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var summary = await shows.GetSummary(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_returning_an_interface_only_a_dto_implements_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowViewRepository views, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var summary = await views.GetSummaryView(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_returning_an_interface_of_the_framework_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowViewRepository views, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        using var lease = await views.GetLease(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_derived_generic_repository_returning_a_dto_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(SeasonRepository seasons, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var summary = await seasons.GetSummary(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_store_whose_generic_base_is_not_built_on_a_DbContext_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(SeasonMemoryStore seasons, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var season = await seasons.GetByKey(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_repository_built_on_a_context_interface_returning_a_dto_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowReadRepository shows, List<int> pages)
                {
                    foreach (var page in pages)
                    {
                        var summaries = await shows.ListSummaries(page);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_taking_a_filter_over_a_dto_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowReadRepository shows, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var found = await shows.FindSummaries(s => s.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_generic_interface_whose_implementation_for_the_construction_does_not_query_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IStore<Episode, ShowDto> episodes, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var found = await episodes.Search(e => e.ShowId == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_class_not_built_on_a_DbContext_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowCache cache, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await cache.GetByKey(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_is_not_a_read_is_not_judged_a_query() => VerifyQueriesAsync("""
            public class Import
            {
                public async Task Run(IShowRepository shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await shows.CreateShow(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Synchronous_check_or_a_check_of_a_class_not_built_on_a_DbContext_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, ShowCache cache, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var valid = shows.IsValidKey(key);
                        var cached = await cache.IsCached(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_service_that_keeps_a_cache_is_not_judged() => VerifyQueriesAsync("""
            public class Digest
            {
                public async Task Run(CachedShowService service, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await service.GetFeatured(key);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_called_once_before_the_loop_is_not_reported() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, List<Episode> episodes)
                {
                    var known = await shows.GetEpisodes(1);
                    foreach (var episode in episodes)
                    {
                        var isKnown = known.Any(e => e.Id == episode.Id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_package_signed_by_its_publisher_is_not_judged() => VerifyQueriesAsync("""
            public class Sync
            {
                public async Task Run(ShowRepository shows, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var show = await shows.GetByKey(key);
                    }
                }
            }
            """, SignedPackageReference.Value);

        // ---- PERF601: a fan-out over reads of another project ----

        [Fact]
        public Task Fan_out_over_reads_of_a_repository_of_another_project_is_reported() => VerifyAsync<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, List<string> keys)
                {
                    var found = await {|PERF601:Task.WhenAll(keys.Select(key => shows.GetByKey(key)))|};
                }
            }
            """, null);

        [Fact]
        public Task Fan_out_over_reads_of_a_repository_class_of_another_project_is_reported() => VerifyAsync<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>("""
            public class Sync
            {
                public async Task Run(Repository<Show> shows, List<int> ids)
                {
                    var found = await {|PERF601:Task.WhenAll(ids.Select(id => shows.GetById(id)))|};
                }
            }
            """, null);

        [Fact]
        public Task Fan_out_over_reads_of_a_service_class_of_another_project_is_reported() => VerifyAsync<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>("""
            public class Sync
            {
                public async Task Run(ShowService shows, List<string> keys)
                {
                    var found = await {|PERF601:Task.WhenAll(keys.Select(key => shows.GetFeatured(key)))|};
                }
            }
            """, null);

        [Fact]
        public Task Fan_out_over_reads_of_an_in_memory_class_of_another_project_is_not_reported() => VerifyAsync<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>("""
            public class Sync
            {
                public async Task Run(ShowCache shows, List<string> keys)
                {
                    var found = await Task.WhenAll(keys.Select(key => shows.GetByKey(key)));
                }
            }
            """, null);

        [Fact]
        public Task Fan_out_over_a_read_of_a_dto_of_another_project_is_not_reported() => VerifyAsync<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>("""
            public class Sync
            {
                public async Task Run(IShowRepository shows, List<int> ids)
                {
                    var found = await Task.WhenAll(ids.Select(id => shows.GetSummary(id)));
                }
            }
            """, null);

        // ---- PERF101: reads that return the entity in a package's result or option type ----

        // A forestry licensing service's user accounts: the repository returns Result<UserAccount, E>, the service Maybe<UserAccount>.
        private const string UsersProject = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using CSharpFunctionalExtensions;
            using Microsoft.EntityFrameworkCore;

            namespace Users.Data
            {
                public class UserAccount { public int Id { get; set; } public string Name { get; set; } = ""; }
                public class UserSummary { public int Id { get; set; } }

                public class UsersDb : DbContext
                {
                    public DbSet<UserAccount> Users => Set<UserAccount>();
                }

                public interface IUserRepository
                {
                    Task<Result<UserAccount, string>> GetAsync(int id);
                    Task<Result<IList<UserAccount>>> GetWithIdsAsync(IList<int> ids);
                }

                public class UserRepository : IUserRepository
                {
                    private readonly UsersDb db;
                    public UserRepository(UsersDb db) => this.db = db;
                    public async Task<Result<UserAccount, string>> GetAsync(int id)
                        => await db.Users.FirstOrDefaultAsync(u => u.Id == id) is { } user ? user : Result.Failure<UserAccount, string>("not found");
                    public async Task<Result<IList<UserAccount>>> GetWithIdsAsync(IList<int> ids)
                        => Result.Success<IList<UserAccount>>(await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync());
                }

                public interface IUserService
                {
                    Task<Maybe<UserAccount>> GetUserAccountAsync(int id);
                    Task<Result<UserSummary>> GetSummaryAsync(int id);
                    Task<Own.Result<UserAccount>> GetOwnResultAsync(int id);
                }

                public class UserService : IUserService
                {
                    private readonly IUserRepository users;
                    public UserService(IUserRepository users) => this.users = users;
                    public async Task<Maybe<UserAccount>> GetUserAccountAsync(int id)
                        => (await users.GetAsync(id)) is { IsSuccess: true } found ? Maybe.From(found.Value) : Maybe<UserAccount>.None;
                    public Task<Result<UserSummary>> GetSummaryAsync(int id) => Task.FromResult(Result.Success(new UserSummary { Id = id }));
                    public async Task<Own.Result<UserAccount>> GetOwnResultAsync(int id) => new Own.Result<UserAccount>((await users.GetAsync(id)).Value);
                }
            }

            namespace Users.Data.Own
            {
                /// <summary>The application's own type by a package wrapper's name: what it carries is its own business.</summary>
                public class Result<T> { public Result(T value) => Value = value; public T Value { get; } }
            }
            """;

        private static readonly Lazy<MetadataReference> UsersReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Users.Data", UsersProject, Frameworks.EfCore | Frameworks.Results));

        private static Task VerifyWrappedReadsAsync(string source)
        {
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Users.Data;

                """ + source, null, Frameworks.Web | Frameworks.Results, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(UsersReference.Value);
            return test.RunAsync();
        }

        [Fact]
        public Task Read_method_of_a_repository_of_another_project_returning_a_result_of_its_entity_is_reported() => VerifyWrappedReadsAsync("""
            public class History(IUserRepository users)
            {
                public async Task Run(List<int> assignees)
                {
                    foreach (var id in assignees)
                    {
                        var user = await {|PERF101:users.GetAsync(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_repository_of_another_project_returning_a_result_of_a_list_of_its_entity_is_reported() => VerifyWrappedReadsAsync("""
            public class History(IUserRepository users)
            {
                public async Task Run(List<List<int>> batches)
                {
                    foreach (var batch in batches)
                    {
                        var found = await {|PERF101:users.GetWithIdsAsync(batch)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_of_a_service_of_another_project_returning_a_maybe_of_its_entity_is_reported() => VerifyWrappedReadsAsync("""
            public class History(IUserService accounts)
            {
                public async Task Run(List<int> assignees)
                {
                    foreach (var id in assignees)
                    {
                        var user = await {|PERF101:accounts.GetUserAccountAsync(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_returning_a_result_of_a_dto_is_not_judged() => VerifyWrappedReadsAsync("""
            public class History(IUserService accounts)
            {
                public async Task Run(List<int> assignees)
                {
                    foreach (var id in assignees)
                    {
                        var summary = await accounts.GetSummaryAsync(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Read_method_returning_the_applications_own_type_by_a_wrappers_name_is_not_judged() => VerifyWrappedReadsAsync("""
            public class History(IUserService accounts)
            {
                public async Task Run(List<int> assignees)
                {
                    foreach (var id in assignees)
                    {
                        var user = await accounts.GetOwnResultAsync(id);
                    }
                }
            }
            """);

        // ---- PERF601: which context the elements share, when the repository is another project's ----

        private static Task VerifyFanOutAsync(string source, string io, string collection, string finding)
            => VerifyAsync<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>(source, null,
                Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(io, collection, finding));

        private const string FanOutUnbounded = ", with nothing bounding how many run together; bound it with Parallel.ForEachAsync (MaxDegreeOfParallelism) or a SemaphoreSlim";

        private static string FanOutSharedOn(string context)
            => $", all on DbContext '{context}'; EF Core throws when one context runs two operations at once, so give each element a context of its own (IDbContextFactory) or run them one after another";

        [Fact]
        public Task Fan_out_over_a_held_repository_of_another_project_built_on_a_context_shares_it() => VerifyFanOutAsync("""
            public class Sync(IShowRepository shows)
            {
                public async Task Run(List<string> keys)
                {
                    var found = await {|#0:Task.WhenAll(keys.Select(key => shows.GetByKey(key)))|};
                }
            }
            """, "a call of 'GetByKey', which runs a database query ('ShowRepository.GetByKey'),", "keys", FanOutSharedOn("shows.db"));

        // The regulator API of the seventy-first real-world set: each element calls a method of the handler, which reads
        // through the repository the handler was given; the scoped repository holds the request's one context.
        [Fact]
        public Task Fan_out_calling_a_method_that_reads_through_a_held_repository_of_another_project_shares_its_context() => VerifyFanOutAsync("""
            public class Handler(IShowRepository repo)
            {
                public async Task Run(List<int> showIds, List<Episode> all)
                {
                    await {|#0:Task.WhenAll(showIds.Select(async showId => all.AddRange(await Missing(showId))))|};
                }

                private async Task<IEnumerable<Episode>> Missing(int showId)
                {
                    var episodes = await repo.GetEpisodes(showId);
                    return episodes.Where(e => e.Id > 0);
                }
            }
            """, "a call of 'Missing', which runs a database query ('ShowRepository.GetEpisodes'),", "showIds", FanOutSharedOn("repo.db"));

        [Fact]
        public Task Fan_out_over_a_held_repository_given_its_context_lazily_shares_it() => VerifyFanOutAsync("""
            public class Sync
            {
                private readonly LazyShowRepository _shows;
                public Sync(LazyShowRepository shows) => _shows = shows;

                public Task<Show?[]> Run(List<string> keys) => {|#0:Task.WhenAll(keys.Select(key => _shows.GetByKey(key)))|};
            }
            """, "a call of 'GetByKey', which runs a database query ('LazyShowRepository.GetByKey'),", "keys", FanOutSharedOn("_shows.db"));

        // A store built on a context factory creates a context per call: the elements share none, the fan-out is only unbounded.
        [Fact]
        public Task Fan_out_over_a_store_built_on_a_context_factory_shares_no_context() => VerifyFanOutAsync("""
            public class Sync(FactoryShowStore shows)
            {
                public Task<Show?[]> Run(List<string> keys) => {|#0:Task.WhenAll(keys.Select(key => shows.FindByKeyAsync(key)))|};
            }
            """, "a call of 'FindByKeyAsync', which runs a database query ('FactoryShowStore.FindByKeyAsync'),", "keys", FanOutUnbounded);

        [Fact]
        public Task Fan_out_over_a_held_service_of_another_project_built_on_a_repository_stays_unbounded() => VerifyFanOutAsync("""
            public class Sync(ShowService shows)
            {
                public Task<Show?[]> Run(List<string> keys) => {|#0:Task.WhenAll(keys.Select(key => shows.GetFeatured(key)))|};
            }
            """, "a call of 'GetFeatured', which runs a database query ('ShowService.GetFeatured'),", "keys", FanOutUnbounded);

        // The IDE's shape (and a command-line run that references the other project's compilation): its source is another
        // compilation's, not bound here, and its method is judged from its declaration all the same.
        [Fact]
        public Task Fan_out_over_a_held_repository_shares_its_context_when_the_other_project_is_another_compilation()
        {
            var test = WithDataAsAnotherCompilation<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>("""
                public class Sync(IShowRepository shows)
                {
                    public Task<Show?[]> Run(List<string> keys) => {|#0:Task.WhenAll(keys.Select(key => shows.GetByKey(key)))|};
                }
                """);
            test.ExpectedDiagnostics.Add(Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0)
                .WithArguments("a call of 'GetByKey', which runs a database query ('ShowRepository.GetByKey'),", "keys", FanOutSharedOn("shows.db")));
            return test.RunAsync();
        }

        // A parameter of the fanning-out method is one object for every element, as a field is.
        [Fact]
        public Task Fan_out_over_a_repository_of_another_project_given_as_a_parameter_shares_its_context() => VerifyFanOutAsync("""
            public class Sync
            {
                public Task<Show?[]> Run(IShowRepository shows, List<string> keys) => {|#0:Task.WhenAll(keys.Select(key => shows.GetByKey(key)))|};
            }
            """, "a call of 'GetByKey', which runs a database query ('ShowRepository.GetByKey'),", "keys", FanOutSharedOn("shows.db"));

        [Fact]
        public Task Fan_out_over_a_repository_of_another_project_built_per_element_stays_unbounded() => VerifyFanOutAsync("""
            public class Sync(Func<MediaDb> newContext)
            {
                public Task<Show?[]> Run(List<string> keys) => {|#0:Task.WhenAll(keys.Select(key => new ShowRepository(newContext()).GetByKey(key)))|};
            }
            """, "a call of 'GetByKey', which runs a database query ('ShowRepository.GetByKey'),", "keys", FanOutUnbounded);

        // ---- PERF105: flagged ----

        [Fact]
        public Task SaveChangesAsync_of_a_repository_of_another_project_is_reported() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(IShowRepository shows, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        show.Available = true;
                        await {|PERF105:shows.SaveChangesAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task SaveChangesAsync_of_a_repository_built_on_a_lazy_context_is_reported() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(LazyShowRepository shows, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        show.Available = true;
                        await {|PERF105:shows.SaveChangesAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task SaveChangesAsync_of_a_generic_repository_of_another_project_is_reported() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(IRepository<Show> shows, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        show.Available = true;
                        await {|PERF105:shows.SaveChangesAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Unit_of_work_whose_implementation_is_not_visible_is_reported() => VerifySavesAsync("""
            public class Import
            {
                public async Task Run(IUnitOfWork unitOfWork, List<Show> imported, CancellationToken ct)
                {
                    foreach (var show in imported)
                    {
                        show.Available = true;
                        await {|PERF105:unitOfWork.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        // ---- PERF105: not flagged ----

        [Fact]
        public Task Update_of_another_project_is_not_judged_a_save() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(IShowRepository shows, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        await shows.Update(show);
                    }
                }
            }
            """);

        [Fact]
        public Task SaveChanges_with_an_argument_is_not_EF_Cores() => VerifySavesAsync("""
            public class Export
            {
                public void Run(ISettingsStore store, List<string> paths)
                {
                    foreach (var path in paths)
                    {
                        store.SaveChanges(path);
                    }
                }
            }
            """);

        [Fact]
        public Task SaveChangesAsync_of_a_class_not_built_on_a_DbContext_is_not_judged() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(ShowCache cache, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        await cache.SaveChangesAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Unit_of_work_whose_implementation_in_source_does_not_save_is_not_reported() => VerifySavesAsync("""
            public class InMemoryUnitOfWork : IUnitOfWork
            {
                public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => Task.FromResult(0);
            }

            public class Import
            {
                public async Task Run(IUnitOfWork unitOfWork, List<Show> imported, CancellationToken ct)
                {
                    foreach (var show in imported)
                    {
                        await unitOfWork.SaveChangesAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task Save_of_another_project_after_the_loop_is_not_reported() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(IShowRepository shows, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        show.Available = true;
                    }

                    await shows.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Save_of_a_package_signed_by_its_publisher_is_not_judged() => VerifySavesAsync("""
            public class Resend
            {
                public async Task Run(IShowRepository shows, List<Show> failed)
                {
                    foreach (var show in failed)
                    {
                        await shows.SaveChangesAsync();
                    }
                }
            }
            """, SignedPackageReference.Value);
    }
}
