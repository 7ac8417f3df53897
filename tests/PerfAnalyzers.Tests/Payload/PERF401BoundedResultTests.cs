using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer>;

namespace PerfAnalyzers.Tests.Payload
{
    /// <summary>
    /// docs/rules/PERF401.md, "Bounded results" and "Reference tables": a query the request bounds (keys, a key list,
    /// the caller's own rows) or a query over a reference table is not flagged; near misses still are.
    /// </summary>
    public class PERF401BoundedResultTests
    {
        private const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class CatalogBrand { public int Id { get; set; } public string Brand { get; set; } = ""; }
            public class CatalogType { public int Id { get; set; } public string Type { get; set; } = ""; }
            public class CatalogItem
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public int CatalogBrandId { get; set; }
                public CatalogBrand? CatalogBrand { get; set; }
                public int CatalogTypeId { get; set; }
                public CatalogType? CatalogType { get; set; }
            }

            public class Order { public int Id { get; set; } public string BuyerId { get; set; } = ""; public int CatalogItemId { get; set; } }
            public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }

            public class CatalogDb : DbContext
            {
                public DbSet<CatalogBrand> CatalogBrands => Set<CatalogBrand>();
                public DbSet<CatalogType> CatalogTypes { get; set; } = null!;
                public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
            }

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Model + body);

        // ---- Bounded by the request ----

        [Fact]
        public Task A_query_filtered_by_a_caller_supplied_key_list_is_not_flagged() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("items/by")]
                public Task<List<CatalogItem>> ByIds([FromQuery] int[] ids) => db.CatalogItems.Where(i => ids.Contains(i.Id)).ToListAsync();

                [HttpGet("items/by-list")]
                public async Task<List<CatalogItem>> ByList([FromQuery] List<int> ids) => await db.CatalogItems.Where(i => ids.Contains(i.Id)).OrderBy(i => i.Name).ToListAsync();
            }
            """);

        [Fact]
        public Task A_query_filtered_by_its_key_is_not_flagged() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("items/{id}")]
                public Task<List<CatalogItem>> Get(int id) => db.CatalogItems.Where(i => i.Id == id).ToListAsync();

                [HttpGet("items/{id}/named")]
                public Task<List<CatalogItem>> Named(int id, string name) => db.CatalogItems.Where(i => i.Name == name && id == i.Id).ToListAsync();
            }
            """);

        [Fact]
        public Task A_query_of_the_callers_own_rows_is_not_flagged() => Verify("""
            [Authorize]
            public class OrdersController(CatalogDb db) : ControllerBase
            {
                [HttpGet("orders/mine")]
                public Task<List<Order>> Mine()
                {
                    var buyer = User.FindFirstValue(ClaimTypes.NameIdentifier);
                    return db.Orders.Where(o => o.BuyerId == buyer).ToListAsync();
                }
            }

            public static class OrdersApi
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/orders", (ClaimsPrincipal user, CatalogDb db) => db.Orders.Where(o => o.BuyerId == user.Identity!.Name).ToListAsync()).RequireAuthorization();
                }
            }
            """);

        // AliasVault's controllers: a base class looks the current user up from the claims, the action filters by its id.
        [Fact]
        public Task A_query_of_the_rows_of_the_user_a_helper_finds_from_the_claims_is_not_flagged() => Verify("""
            public class Buyer { public string Id { get; set; } = ""; }

            [Authorize]
            public abstract class AuthenticatedController : ControllerBase
            {
                protected Task<Buyer> GetCurrentBuyerAsync() => Task.FromResult(new Buyer { Id = User.FindFirstValue(ClaimTypes.NameIdentifier)! });
            }

            public class OrdersController(CatalogDb db) : AuthenticatedController
            {
                [HttpGet("orders/mine")]
                public async Task<IActionResult> Mine()
                {
                    var buyer = await GetCurrentBuyerAsync();
                    var orders = await db.Orders.Where(o => o.BuyerId == buyer.Id).ToListAsync();
                    return Ok(orders);
                }
            }
            """);

        [Fact]
        public Task A_query_filtered_by_a_member_of_a_row_read_before_is_flagged() => Verify("""
            public class OrdersController(CatalogDb db) : ControllerBase
            {
                [HttpGet("orders/like-first")]
                public async Task<IActionResult> LikeFirst()
                {
                    var first = await db.Orders.FirstAsync();
                    var orders = await {|PERF401:db.Orders.Where(o => o.BuyerId == first.BuyerId).ToListAsync()|};
                    return Ok(orders);
                }
            }
            """);

        // ---- Through a mapping library's projection (docs/concepts.md#ef-query) ----

        private const string Mapped = "using AutoMapper;\nusing AutoMapper.QueryableExtensions;\n" + Model + """
            public class ItemDto { public int Id { get; set; } public string Name { get; set; } = ""; }

            """;

        private static Task VerifyMapped(string body) => VerifyCS.AnalyzerAsync(Mapped + body, frameworks: Frameworks.Web | Frameworks.Mappers);

        [Fact]
        public Task A_whole_table_projected_with_ProjectTo_is_flagged() => VerifyMapped("""
            public class ItemsController(CatalogDb db, IMapper mapper) : ControllerBase
            {
                [HttpGet("items")]
                public Task<List<ItemDto>> All() => {|PERF401:mapper.ProjectTo<ItemDto>(db.CatalogItems).ToListAsync()|};

                [HttpGet("items/by-name")]
                public Task<List<ItemDto>> ByName() => {|PERF401:db.CatalogItems.OrderBy(i => i.Name).ProjectTo<ItemDto>(mapper.ConfigurationProvider).ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_projected_reference_table_or_page_is_not_flagged() => VerifyMapped("""
            public class CatalogController(CatalogDb db, IMapper mapper) : ControllerBase
            {
                [HttpGet("brands")]
                public Task<List<ItemDto>> Brands() => mapper.ProjectTo<ItemDto>(db.CatalogBrands.OrderBy(b => b.Brand)).ToListAsync();

                [HttpGet("items")]
                public Task<List<ItemDto>> Page(int page) => mapper.ProjectTo<ItemDto>(db.CatalogItems.OrderBy(i => i.Id).Skip(page * 20).Take(20)).ToListAsync();
            }
            """);

        // ---- Reference tables ----

        [Fact]
        public Task A_reference_table_listed_in_order_is_not_flagged() => Verify("""
            public class CatalogController(CatalogDb db) : ControllerBase
            {
                [HttpGet("brands")]
                public Task<List<CatalogBrand>> Brands() => db.CatalogBrands.OrderBy(b => b.Brand).ToListAsync();

                [HttpGet("types")]
                public async Task<IActionResult> Types() => Ok(await db.CatalogTypes.ToListAsync());
            }
            """);

        [Fact]
        public Task A_reference_table_pointed_at_by_a_join_entity_without_a_set_is_not_flagged() => Verify("""
            public class Genre { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShowGenre { public int ShowId { get; set; } public Show? Show { get; set; } public int GenreId { get; set; } public Genre? Genre { get; set; } }
            public class Show { public int Id { get; set; } public string Title { get; set; } = ""; public ICollection<ShowGenre> Genres { get; set; } = new List<ShowGenre>(); }
            public class ShowDb : DbContext
            {
                public DbSet<Show> Shows => Set<Show>();
                public DbSet<Genre> Genres => Set<Genre>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<ShowGenre>().HasKey(g => new { g.ShowId, g.GenreId });
            }

            public class GenresController(ShowDb db) : ControllerBase
            {
                [HttpGet("genres")]
                public Task<List<Genre>> All() => db.Genres.ToListAsync();
            }
            """);

        // ---- Near misses: still flagged ----

        [Fact]
        public Task An_entity_pointed_at_by_a_type_that_no_entity_of_the_context_collects_is_flagged() => Verify("""
            public class Genre { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShowGenre { public int GenreId { get; set; } public Genre? Genre { get; set; } }
            public class Playlist { public int Id { get; set; } public List<ShowGenre> Picks { get; set; } = new(); }
            public class Show { public int Id { get; set; } public string Title { get; set; } = ""; }
            public class ShowDb : DbContext
            {
                public DbSet<Show> Shows => Set<Show>();
                public DbSet<Genre> Genres => Set<Genre>();
            }

            public class GenresController(ShowDb db) : ControllerBase
            {
                [HttpGet("genres")]
                public Task<List<Genre>> All() => {|PERF401:db.Genres.ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_filter_on_a_foreign_key_is_flagged() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("brands/{id}/items")]
                public Task<List<CatalogItem>> ByBrand(int id) => {|PERF401:db.CatalogItems.Where(i => i.CatalogBrandId == id).ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_filter_that_widens_a_key_match_with_or_is_flagged() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("items")]
                public Task<List<CatalogItem>> Search(int id, string name) => {|PERF401:db.CatalogItems.Where(i => i.Id == id || i.Name == name).ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_contains_over_a_subquery_or_a_string_is_flagged() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("items/ordered")]
                public Task<List<CatalogItem>> Ordered() => {|PERF401:db.CatalogItems.Where(i => db.Orders.Select(o => o.CatalogItemId).Contains(i.Id)).ToListAsync()|};

                [HttpGet("items/search")]
                public Task<List<CatalogItem>> Search(string q) => {|PERF401:db.CatalogItems.Where(i => i.Name.Contains(q)).ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_filter_by_a_value_that_does_not_come_from_the_caller_identity_is_flagged() => Verify("""
            public class OrdersController(CatalogDb db) : ControllerBase
            {
                [HttpGet("orders/of/{buyer}")]
                public Task<List<Order>> Of(string buyer) => {|PERF401:db.Orders.Where(o => o.BuyerId == buyer).ToListAsync()|};
            }
            """);

        [Fact]
        public Task An_entity_that_points_at_others_is_not_a_reference_table() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("items")]
                public Task<List<CatalogItem>> All() => {|PERF401:db.CatalogItems.OrderBy(i => i.Name).ToListAsync()|};
            }
            """);

        [Fact]
        public Task An_entity_nothing_references_is_not_a_reference_table() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public Task<List<AuditEntry>> All() => {|PERF401:db.AuditEntries.ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_reference_table_with_an_include_is_flagged() => Verify("""
            public class Region { public int Id { get; set; } public List<Country> Countries { get; set; } = new(); }
            public class Country { public int Id { get; set; } public int RegionId { get; set; } }
            public class Address { public int Id { get; set; } public Region? Region { get; set; } }
            public class GeoDb : DbContext
            {
                public DbSet<Region> Regions => Set<Region>();
                public DbSet<Address> Addresses => Set<Address>();
                public DbSet<Country> Countries => Set<Country>();
            }

            public class RegionsController(GeoDb db) : ControllerBase
            {
                [HttpGet("regions")]
                public Task<List<Region>> All() => {|PERF401:db.Regions.Include(r => r.Countries).ToListAsync()|};
            }
            """);

        [Fact]
        public Task A_reference_table_of_a_partial_context_pointed_at_by_a_qualified_navigation_is_not_flagged() => Verify("""
            namespace Geo
            {
                public class Currency { public int Id { get; set; } public string Code { get; set; } = ""; }
                public class Price { public int Id { get; set; } public Geo.Currency? Currency { get; set; } }
                public partial class PriceDb : DbContext { public DbSet<Price> Prices => Set<Price>(); }
                public partial class PriceDb { public DbSet<Currency> Currencies => Set<Currency>(); }

                public class CurrenciesController(PriceDb db) : ControllerBase
                {
                    [HttpGet("currencies")]
                    public Task<List<Currency>> All() => db.Currencies.ToListAsync();
                }
            }
            """);

        [Fact]
        public Task A_reference_table_whose_sets_are_declared_on_a_base_context_is_not_flagged() => Verify("""
            public class Status { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Ticket { public int Id { get; set; } public int StatusId { get; set; } }
            public abstract class TicketDbBase : DbContext { public DbSet<Status> Statuses => Set<Status>(); }
            public class TicketDb : TicketDbBase { public DbSet<Ticket> Tickets => Set<Ticket>(); }

            public class StatusesController(TicketDb db) : ControllerBase
            {
                [HttpGet("statuses")]
                public Task<List<Status>> All() => db.Statuses.ToListAsync();
            }
            """);

        [Fact]
        public Task An_entity_whose_base_class_has_a_foreign_key_is_not_a_reference_table() => Verify("""
            public class Tenant { public int Id { get; set; } }
            public abstract class TenantOwned { public int Id { get; set; } public int TenantId { get; set; } }
            public class Project : TenantOwned { public string Name { get; set; } = ""; }
            public class Task2 { public int Id { get; set; } public int ProjectId { get; set; } }
            public class WorkDb : DbContext
            {
                public DbSet<Tenant> Tenants => Set<Tenant>();
                public DbSet<Project> Projects => Set<Project>();
                public DbSet<Task2> Tasks => Set<Task2>();
            }

            public class ProjectsController(WorkDb db) : ControllerBase
            {
                [HttpGet("projects")]
                public Task<List<Project>> All() => {|PERF401:db.Projects.ToListAsync()|};
            }
            """);

        [Fact]
        public Task An_entity_pointed_at_only_by_a_class_outside_the_context_is_not_a_reference_table() => Verify("""
            public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }
            public class TagDto { public int TagId { get; set; } public Tag? Tag { get; set; } }
            public class TagDb : DbContext { public DbSet<Tag> Tags => Set<Tag>(); }

            public class TagsController(TagDb db) : ControllerBase
            {
                [HttpGet("tags")]
                public Task<List<Tag>> All() => {|PERF401:db.Tags.ToListAsync()|};
            }
            """);

        // ---- Edits: the IDE's next compilation keeps unchanged trees, and the answers follow the changed ones ----

        [Fact]
        public async Task An_edit_to_one_slice_of_a_partial_context_changes_the_answer_and_an_edit_elsewhere_keeps_it()
        {
            const string Entities = """
                public class Currency { public int Id { get; set; } public string Code { get; set; } = ""; }
                public class Price { public int Id { get; set; } public int CurrencyId { get; set; } }
                """;
            const string PricesSlice = """
                using Microsoft.EntityFrameworkCore;
                public partial class PriceDb : DbContext { public DbSet<Price> Prices => Set<Price>(); }
                """;
            const string Controller = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;
                public partial class PriceDb { public DbSet<Currency> Currencies => Set<Currency>(); }
                public class CurrenciesController(PriceDb db) : ControllerBase
                {
                    [HttpGet("currencies")]
                    public Task<List<Currency>> All() => db.Currencies.ToListAsync();
                }
                """;
            using var workspace = new AnalysisWorkspace(
                new[] { ("/0/Entities.cs", Entities), ("/0/PricesSlice.cs", PricesSlice), ("/0/CurrenciesController.cs", Controller) },
                Frameworks.Web);
            var project = workspace.Project;
            async Task<int> Perf401Count() => (await workspace.GetPerfDiagnosticsAsync(project)).Count(d => d.Id == "PERF401");
            Project Edited(string name, string text)
                => project.GetDocument(project.Documents.Single(d => d.Name == name).Id)!.WithText(SourceText.From(text)).Project;

            // Prices point at Currency: a reference table.
            Assert.Equal(0, await Perf401Count());

            // An edit to another file: the slices are not read again, and the answer stays.
            project = Edited("CurrenciesController.cs", Controller + "// edited\n");
            Assert.Equal(0, await Perf401Count());

            // The slice that declared Prices no longer does: nothing in the context points at Currency.
            project = Edited("PricesSlice.cs", "public partial class PriceDb : Microsoft.EntityFrameworkCore.DbContext { }\n");
            Assert.Equal(1, await Perf401Count());

            project = Edited("PricesSlice.cs", PricesSlice);
            Assert.Equal(0, await Perf401Count());
        }

        // ---- Parameter attributes do not hide the handler's body ----

        [Fact]
        public Task An_unbounded_query_returned_by_an_action_whose_parameter_has_an_attribute_is_flagged() => Verify("""
            public class ItemsController(CatalogDb db) : ControllerBase
            {
                [HttpGet("items")]
                public Task<List<CatalogItem>> All([FromQuery] bool? enabled = null) => {|PERF401:db.CatalogItems.OrderBy(i => i.Name).ToListAsync()|};
            }
            """);
    
        // ---- The model in another project of the application (a compiled reference, as a command-line build sees it) ----

        private const string ModelProject = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Data
            {
                public class CatalogBrand { public int Id { get; set; } public string Brand { get; set; } = ""; }
                public class CatalogItem { public int Id { get; set; } public int CatalogBrandId { get; set; } public CatalogBrand? CatalogBrand { get; set; } }
                public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }
                public class Genre { public int Id { get; set; } public string Name { get; set; } = ""; }
                public class ShowGenre { public int ShowId { get; set; } public int GenreId { get; set; } public Genre? Genre { get; set; } }
                public class Show { public int Id { get; set; } public Show? Sequel { get; set; } public ICollection<ShowGenre> Genres { get; set; } = new List<ShowGenre>(); }

                public class ShopDb : DbContext
                {
                    public DbSet<CatalogBrand> CatalogBrands => Set<CatalogBrand>();
                    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();
                    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
                    public DbSet<Genre> Genres => Set<Genre>();
                    public DbSet<Show> Shows => Set<Show>();
                }
            }
            """;

        private static readonly System.Lazy<MetadataReference> ModelReference =
            new System.Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Data", ModelProject, Frameworks.EfCore));

        private static Task VerifyWithModelInAnotherProject(string body)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>();
            SnippetTest.Configure(test, """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;
                using Shop.Data;

                """ + body, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(ModelReference.Value);
            return test.RunAsync();
        }

        [Fact]
        public Task A_reference_table_of_a_model_in_another_project_is_not_flagged() => VerifyWithModelInAnotherProject("""
            public class CatalogController(ShopDb db) : ControllerBase
            {
                [HttpGet("brands")]
                public Task<List<CatalogBrand>> Brands() => db.CatalogBrands.OrderBy(b => b.Brand).ToListAsync();

                [HttpGet("genres")]
                public async Task<IActionResult> Genres() => Ok(await db.Genres.Select(g => new { g.Id, g.Name }).ToListAsync());
            }
            """);

        [Fact]
        public Task Entities_of_a_model_in_another_project_that_are_no_reference_tables_are_flagged() => VerifyWithModelInAnotherProject("""
            public class CatalogController(ShopDb db) : ControllerBase
            {
                [HttpGet("items")]
                public Task<List<CatalogItem>> Items() => {|PERF401:db.CatalogItems.ToListAsync()|};

                [HttpGet("audit")]
                public Task<List<AuditEntry>> Audit() => {|PERF401:db.AuditEntries.ToListAsync()|};

                [HttpGet("shows")]
                public Task<List<Show>> Shows() => {|PERF401:db.Shows.Include(s => s.Genres).ToListAsync()|};
            }
            """);
        // ---- A reference table reached through a repository of the application ----

        private const string Repositories = """
            public interface IRepository<T> where T : class { IQueryable<T> GetAll(); }

            public class Repository<T> : IRepository<T> where T : class
            {
                private readonly CatalogDb db;
                public Repository(CatalogDb db) => this.db = db;
                public IQueryable<T> GetAll() => db.Set<T>();
            }

            """;

        [Fact]
        public Task A_reference_table_listed_through_a_generic_repository_is_not_flagged() => Verify(Repositories + """
            public class CatalogController(IRepository<CatalogBrand> brands, Repository<CatalogType> types) : ControllerBase
            {
                [HttpGet("brands")]
                public Task<List<CatalogBrand>> Brands() => brands.GetAll().OrderBy(b => b.Brand).ToListAsync();

                [HttpGet("types")]
                public Task<List<CatalogType>> Types() => types.GetAll().ToListAsync();
            }
            """);

        [Fact]
        public Task Other_entities_listed_through_a_generic_repository_are_flagged() => Verify(Repositories + """
            public class CatalogController(IRepository<CatalogItem> items, Repository<AuditEntry> audit) : ControllerBase
            {
                [HttpGet("items")]
                public Task<List<CatalogItem>> Items() => {|PERF401:items.GetAll().ToListAsync()|};

                [HttpGet("audit")]
                public Task<List<AuditEntry>> Audit() => {|PERF401:audit.GetAll().ToListAsync()|};
            }
            """);

        private const string StoreProject = """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Store
            {
                public class IssueCategory { public int Id { get; set; } public string Value { get; set; } = ""; }
                public class Issue { public int Id { get; set; } public int IssueCategoryId { get; set; } public IssueCategory? IssueCategory { get; set; } }
                public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }
                public class PlexContent { public int Id { get; set; } }

                public class AppContext : DbContext
                {
                    public DbSet<IssueCategory> IssueCategories => Set<IssueCategory>();
                    public DbSet<Issue> Issues => Set<Issue>();
                    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
                }

                public class ExternalContext : DbContext
                {
                    public DbSet<PlexContent> PlexContent => Set<PlexContent>();
                }

                public interface IRepository<T> where T : class { IQueryable<T> GetAll(); }

                public class BaseRepository<T, TContext> : IRepository<T> where T : class where TContext : DbContext
                {
                    private readonly TContext context;
                    public BaseRepository(TContext context) => this.context = context;
                    public IQueryable<T> GetAll() => context.Set<T>();
                }

                public class Repository<T> : BaseRepository<T, AppContext> where T : class
                {
                    public Repository(AppContext context) : base(context) { }
                }

                public class ExternalRepository<T> : BaseRepository<T, ExternalContext> where T : class
                {
                    public ExternalRepository(ExternalContext context) : base(context) { }
                }
            }
            """;

        private static readonly System.Lazy<MetadataReference> StoreReference =
            new System.Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Store", StoreProject, Frameworks.EfCore));

        private static Task VerifyWithStoreInAnotherProject(string body)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>();
            SnippetTest.Configure(test, """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;
                using Shop.Store;

                """ + body, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(StoreReference.Value);
            return test.RunAsync();
        }

        [Fact]
        public Task A_reference_table_listed_through_another_projects_repository_with_two_contexts_is_not_flagged() => VerifyWithStoreInAnotherProject("""
            public class IssuesController(IRepository<IssueCategory> categories) : ControllerBase
            {
                [HttpGet("categories")]
                public async Task<IEnumerable<IssueCategory>> Categories() => await categories.GetAll().ToListAsync();
            }
            """);

        [Fact]
        public Task Other_entities_listed_through_another_projects_repository_are_flagged() => VerifyWithStoreInAnotherProject("""
            public class IssuesController(IRepository<Issue> issues, IRepository<AuditEntry> audit) : ControllerBase
            {
                [HttpGet("issues")]
                public async Task<IEnumerable<Issue>> Issues() => await {|PERF401:issues.GetAll().ToListAsync()|};

                [HttpGet("audit")]
                public async Task<IEnumerable<AuditEntry>> Audit() => await {|PERF401:audit.GetAll().ToListAsync()|};
            }
            """);

        // ---- Paged through a local composed again ----

        [Fact]
        public Task A_local_paged_by_a_statement_every_path_runs_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? text, int page = 0, int pageSize = 50)
                {
                    var entries = db.AuditEntries.AsQueryable();
                    if (text != null)
                    {
                        entries = entries.Where(e => e.Text.Contains(text));
                    }

                    entries = entries.OrderBy(e => e.Id).Skip(page * pageSize).Take(pageSize);
                    return Ok(entries.ToList());
                }
            }
            """);

        [Fact]
        public Task A_local_paged_then_composed_under_a_condition_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(bool firstOfEach, int page = 0, int pageSize = 50)
                {
                    var entries = db.AuditEntries.AsQueryable();
                    entries = entries.OrderBy(e => e.Id).Skip(page * pageSize).Take(pageSize);
                    if (firstOfEach)
                    {
                        entries = entries.GroupBy(e => e.Text).Select(g => g.OrderBy(e => e.Id).First()).AsQueryable();
                    }

                    return Ok(entries.ToList());
                }
            }
            """);

        [Fact]
        public Task A_paged_first_value_composed_under_a_condition_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? text)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).Take(100);
                    if (text != null)
                    {
                        entries = entries.Where(e => e.Text.Contains(text));
                    }

                    return Ok(entries.ToList());
                }
            }
            """);

        // Sorted either way by a conditional write, then paged: the conditional write must not hide the paging.
        [Fact]
        public Task A_local_sorted_by_a_conditional_write_then_paged_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(bool descending, int page = 0, int pageSize = 50)
                {
                    var entries = db.AuditEntries.AsQueryable();
                    entries = descending ? entries.OrderByDescending(e => e.Id) : entries.OrderBy(e => e.Id);
                    entries = entries.Skip(page * pageSize).Take(pageSize);
                    return Ok(entries.ToList());
                }
            }
            """);

        [Fact]
        public Task A_local_paged_on_both_branches_of_a_conditional_write_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(bool preview)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = preview ? entries.Take(10) : entries.Take(100);
                    return Ok(entries.ToList());
                }
            }
            """);

        [Fact]
        public Task A_local_paged_on_one_branch_of_a_conditional_write_is_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(bool preview)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = preview ? entries.Take(10) : entries;
                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        [Fact]
        public Task A_local_paged_on_every_arm_of_a_switch_expression_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? size)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = size switch
                    {
                        "small" => entries.Take(10),
                        "large" => entries.Take(500),
                        _ => entries.Take(50),
                    };
                    return Ok(entries.ToList());
                }
            }
            """);

        // A throwing default arm gives no value: the arms that do give one all page.
        [Fact]
        public Task A_local_paged_on_every_arm_of_a_switch_expression_ending_in_a_throw_is_not_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? size)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = size switch
                    {
                        "small" => entries.Take(10),
                        "large" => entries.Take(500),
                        _ => throw new ArgumentOutOfRangeException(nameof(size)),
                    };
                    return Ok(entries.ToList());
                }
            }
            """);

        [Fact]
        public Task A_local_paged_on_one_branch_of_a_switch_expression_ending_in_a_throw_is_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? size)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = size switch
                    {
                        "small" => entries.Take(10),
                        "all" => entries,
                        _ => throw new ArgumentOutOfRangeException(nameof(size)),
                    };
                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        // A filtering helper and a paging helper of the application, each handing back the query it is given.
        private const string AuditQueryHelpers = """
            public static class AuditQueries
            {
                public static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, string? text)
                    => text == null ? entries : entries.Where(e => e.Text.Contains(text));

                public static IQueryable<AuditEntry> Paginate(IQueryable<AuditEntry> entries, int page, int pageSize)
                    => entries.Skip(page * pageSize).Take(pageSize);
            }

            """;

        // q = Paginate(q, page, pageSize): a paging helper of the application written back to the local, on every path.
        [Fact]
        public Task A_local_paged_by_a_paging_helper_written_back_to_it_is_not_flagged() => Verify(AuditQueryHelpers + """
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? text, int page = 0, int pageSize = 50)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = AuditQueries.Filter(entries, text);
                    entries = AuditQueries.Paginate(entries, page, pageSize);
                    return Ok(entries.ToList());
                }
            }
            """);

        [Fact]
        public Task A_local_written_back_only_by_a_filtering_helper_is_flagged() => Verify(AuditQueryHelpers + """
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? text)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = AuditQueries.Filter(entries, text);
                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        [Fact]
        public Task A_local_paged_by_a_paging_helper_under_a_condition_only_is_flagged() => Verify(AuditQueryHelpers + """
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(bool paged, int page = 0, int pageSize = 50)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    if (paged)
                    {
                        entries = AuditQueries.Paginate(entries, page, pageSize);
                    }

                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        [Fact]
        public Task A_local_paged_on_some_arms_of_a_switch_expression_is_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(string? size)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = size switch
                    {
                        "small" => entries.Take(10),
                        _ => entries,
                    };
                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        [Fact]
        public Task A_local_paged_only_under_a_condition_is_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(int pageSize = 0)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    if (pageSize > 0)
                    {
                        entries = entries.Take(pageSize);
                    }

                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        [Fact]
        public Task A_local_paged_then_given_another_query_is_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(bool all, int pageSize = 50)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    entries = entries.Take(pageSize);
                    if (all)
                    {
                        entries = db.AuditEntries;
                    }

                    return Ok({|PERF401:entries.ToList()|});
                }
            }
            """);

        [Fact]
        public Task A_local_paged_after_the_read_is_flagged() => Verify("""
            public class AuditController(CatalogDb db) : ControllerBase
            {
                [HttpGet("audit")]
                public IActionResult List(int pageSize = 50)
                {
                    var entries = db.AuditEntries.OrderBy(e => e.Id).AsQueryable();
                    var rows = {|PERF401:entries.ToList()|};
                    entries = entries.Take(pageSize);
                    return Ok(rows);
                }
            }
            """);
    }
}
