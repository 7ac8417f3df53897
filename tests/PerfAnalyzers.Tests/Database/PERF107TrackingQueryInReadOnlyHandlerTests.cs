using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF107TrackingQueryInReadOnlyHandlerTests
    {
        internal const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.EntityFrameworkCore;

            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; public decimal Price { get; set; } public Category? Category { get; set; } public List<Review> Reviews { get; set; } = new(); public void Rename(string name) => Name = name; }
            public class Category { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Review { public int Id { get; set; } public string Text { get; set; } = ""; }
            public record ProductDto(int Id, string Name);
            public class ShopDb : DbContext { public DbSet<Product> Products => Set<Product>(); public DbSet<Category> Categories { get; set; } = null!; }

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Usings + body);

        // ---- Flagged ----

        [Fact]
        public Task Reports_a_list_returned_from_a_controller_action() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => await db.Products.Where(p => p.Price > 0).{|PERF107:ToListAsync()|};
            }
            """);

        [Fact]
        public Task Reports_a_list_whose_prices_a_loop_adds_to_a_total() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("total")]
                public async Task<decimal> Total()
                {
                    var products = await db.Products.{|PERF107:ToListAsync()|};
                    var totals = new List<decimal>();
                    foreach (var price in products.Select(p => p.Price))
                    {
                        totals.Add(price);
                    }

                    return totals.Sum();
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_whose_entities_a_loop_renames() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("names")]
                public async Task<List<string>> Names()
                {
                    var products = await db.Products.ToListAsync();
                    var names = new List<string>();
                    foreach (var product in products.Where(p => p.Price > 0))
                    {
                        product.Rename(product.Name.Trim());
                        names.Add(product.Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_wrapped_in_Ok() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await db.Products.OrderBy(p => p.Name).{|PERF107:ToListAsync()|};
                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Reports_a_minimal_API_lambda_returning_Results_Ok() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/products", async (ShopDb db) => Results.Ok(await db.Products.{|PERF107:ToArrayAsync()|}));
                    app.MapGet("/categories", (ShopDb db) => db.Categories.{|PERF107:ToList()|});
                }
            }
            """);

        [Fact]
        public Task Reports_a_Razor_Pages_handler() => Verify("""
            public class IndexModel(ShopDb db) : PageModel
            {
                public List<Product> Products { get; private set; } = new();

                public async Task OnGetAsync()
                {
                    var loaded = await db.Set<Product>().Include(p => p.Category).{|PERF107:ToListAsync()|};
                    Console.WriteLine(loaded.Count);
                }
            }
            """);

        [Fact]
        public Task Reports_a_Razor_Pages_handler_filling_its_own_property() => Verify("""
            public class ProductsModel(ShopDb db) : PageModel
            {
                public IList<Product> Products { get; set; } = default!;

                public async Task OnGetAsync() => Products = await db.Products.OrderBy(p => p.Name).{|PERF107:ToListAsync()|};
            }
            """);

        [Fact]
        public Task Ignores_a_page_property_whose_entities_the_handler_then_changes() => Verify("""
            public class ProductsModel(ShopDb db) : PageModel
            {
                public IList<Product> Products { get; set; } = default!;

                public async Task OnGetAsync()
                {
                    Products = await db.Products.ToListAsync();
                    Products[0].Name = "featured";
                }
            }
            """);

        [Fact]
        public Task Reports_entities_read_by_LINQ_to_Objects_and_string_interpolation() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<string> Summary()
                {
                    var products = await db.Products.{|PERF107:ToListAsync()|};
                    var cheap = products.Where(p => p.Price < 10).Select(p => p.Name).ToList();
                    foreach (var product in products)
                    {
                        if (product.Category?.Name == "x") { return $"{product.Name}: {product.Price}"; }
                    }

                    return string.Join(", ", cheap) + products.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_a_dictionary_of_entities() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> ById() => Ok(await db.Products.{|PERF107:ToDictionaryAsync(p => p.Id)|});
            }
            """);

        [Fact]
        public Task Reports_a_query_reached_through_a_repository_and_an_extension_method() => Verify("""
            public static class ProductQueries
            {
                public static IQueryable<Product> Cheap(this IQueryable<Product> query) => query.Where(p => p.Price < 10);
            }

            public class ProductRepository(ShopDb db)
            {
                public IQueryable<Product> All() => db.Products;
            }

            public class ProductsController(ShopDb db, ProductRepository repository) : ControllerBase
            {
                [HttpGet("a")]
                public async Task<List<Product>> A() => await repository.All().Where(p => p.Id > 0).{|PERF107:ToListAsync()|};

                [HttpGet("b")]
                public async Task<List<Product>> B() => await db.Products.Cheap().{|PERF107:ToListAsync()|};
            }
            """);

        // The answer must not depend on which query was analysed first: the first query summarises D(); the second
        // meets that summary through A(), deeper than the depth limit allows.
        [Fact]
        public Task A_member_answer_found_for_a_shallower_member_does_not_extend_the_depth_limit() => Verify("""
            public class ProductRepository(ShopDb db)
            {
                public IQueryable<Product> A() => B();
                public IQueryable<Product> B() => D();
                public IQueryable<Product> D() => E();
                public IQueryable<Product> E() => db.Products;
            }

            public class ProductsController(ProductRepository repository) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var near = await repository.D().Where(p => p.Id > 0).{|PERF107:ToListAsync()|};
                    var far = await repository.A().Where(p => p.Id > 0).ToListAsync();
                    return Ok(new { near, far });
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_built_in_a_local_first() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult List(string name)
                {
                    var query = db.Products.Where(p => p.Name.StartsWith(name));
                    return Ok(query.OrderBy(p => p.Id).{|PERF107:ToList()|});
                }
            }
            """);

        // A digital-services register's retest requests: the status filter is a switch expression over the local.
        [Fact]
        public Task Reports_a_local_filtered_by_a_switch_expression_write() => Verify("""
            public class RetestController(ShopDb db) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Requests(string? status)
                {
                    var query = db.Products.Include(p => p.Category).AsQueryable();
                    query = status switch
                    {
                        "cheap" => query.Where(p => p.Price < 10),
                        "dear" => query.Where(p => p.Price >= 100),
                        _ => query,
                    };
                    var products = await query.OrderBy(p => p.Name).{|PERF107:ToListAsync()|};
                    return View(products);
                }
            }
            """);

        [Fact]
        public Task Reports_a_local_filtered_by_a_switch_expression_write_ending_in_a_throw() => Verify("""
            public class RetestController(ShopDb db) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Requests(string status)
                {
                    var query = db.Products.Include(p => p.Category).AsQueryable();
                    query = status switch
                    {
                        "cheap" => query.Where(p => p.Price < 10),
                        "all" => query,
                        _ => throw new ArgumentOutOfRangeException(nameof(status)),
                    };
                    var products = await query.OrderBy(p => p.Name).{|PERF107:ToListAsync()|};
                    return View(products);
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_written_with_query_syntax() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List() => (from p in db.Products where p.Price > 5 select p).{|PERF107:ToList()|};
            }
            """);

        [Fact]
        public Task Reports_a_minimal_API_method_group_handler() => Verify("""
            public static class ProductEndpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/products", List);

                public static async Task<IResult> List(ShopDb db) => TypedResults.Ok(await db.Products.Where(p => p.Price > 0).{|PERF107:ToListAsync()|});
            }
            """);

        [Fact]
        public Task Reports_entities_copied_into_a_new_list_or_an_anonymous_object() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A()
                {
                    var products = db.Products.{|PERF107:ToList()|};
                    var copy = new List<Product>(products);
                    return Ok(new { Items = copy, Total = copy.Count });
                }
            }
            """);

        private const string GenericRepository = """
            public interface IRepository<T> where T : class { IQueryable<T> GetAll(); Task Save(); }

            public class Repository<T>(ShopDb context) : IRepository<T> where T : class
            {
                private DbSet<T> Set => context.Set<T>();
                public IQueryable<T> GetAll() => Set.AsQueryable();
                public Task Save() => context.SaveChangesAsync();
            }

            """;

        [Fact]
        public Task Reports_a_list_of_a_generic_repository_returned_from_an_action() => Verify(GenericRepository + """
            public class ProductsController(IRepository<Product> products) : ControllerBase
            {
                [HttpGet]
                public async Task<IEnumerable<Product>> List() => await products.GetAll().Include(p => p.Category).{|PERF107:ToListAsync()|};
            }
            """);

        // One repository per entity behind a generic interface: the call names the entity's construction, whose one
        // implementation returns a tracking query of that entity (the others return other entities).
        private const string RepositoriesPerEntity = """
            public interface IRepositoryBase<T> where T : class { IQueryable<T> FindAll(); }
            public interface IProductRepository : IRepositoryBase<Product> { }
            public interface ICategoryRepository : IRepositoryBase<Category> { }

            public class ProductRepository(ShopDb db) : IProductRepository
            {
                public IQueryable<Product> FindAll() => db.Products;
            }

            public class CategoryRepository(ShopDb db) : ICategoryRepository
            {
                public IQueryable<Category> FindAll() => db.Categories.AsNoTracking();
            }

            """;

        [Fact]
        public Task Reports_a_list_of_an_entitys_repository_returned_from_an_action() => Verify(RepositoriesPerEntity + """
            public class ProductsController(IProductRepository products) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => await products.FindAll().Where(p => p.Price > 0).{|PERF107:ToListAsync()|};
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_of_an_entitys_repository_that_adds_AsNoTracking() => Verify(RepositoriesPerEntity + """
            public class CategoriesController(ICategoryRepository categories) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Category>> List() => await categories.FindAll().ToListAsync();
            }
            """);

        [Fact]
        public Task Does_not_report_a_generic_repository_query_in_a_handler_that_saves() => Verify(GenericRepository + """
            public class ProductsController(IRepository<Product> products) : ControllerBase
            {
                [HttpPost]
                public async Task<IEnumerable<Product>> Touch()
                {
                    var all = await products.GetAll().ToListAsync();
                    await products.Save();
                    return all;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_query_in_a_handler_that_commits_through_a_unit_of_work() => Verify("""
            public interface IUnitOfWork { IQueryable<Product> Products { get; } Task Commit(); }

            public class UnitOfWork(ShopDb db) : IUnitOfWork
            {
                public IQueryable<Product> Products => db.Products;
                public Task Commit() => db.SaveChangesAsync();
            }

            public class ProductsController(IUnitOfWork work) : ControllerBase
            {
                [HttpPost("stamp")]
                public async Task<List<Product>> Stamp()
                {
                    var products = await work.Products.ToListAsync();
                    await work.Commit();
                    return products;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_generic_repository_query_projected_to_another_type() => Verify(GenericRepository + """
            public class ProductsController(IRepository<Product> products) : ControllerBase
            {
                [HttpGet]
                public async Task<List<ProductDto>> List() => await products.GetAll().Select(p => new ProductDto(p.Id, p.Name)).ToListAsync();
            }
            """);

        // ---- Near misses: the handler writes ----

        [Fact]
        public Task Ignores_a_handler_that_saves_changes() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Touch()
                {
                    var products = await db.Products.ToListAsync();
                    await db.SaveChangesAsync();
                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_assignment_to_a_member_of_an_entity() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Discount()
                {
                    var products = await db.Products.ToListAsync();
                    foreach (var product in products)
                    {
                        product.Price *= 0.9m;
                    }

                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_assignment_through_an_element_or_a_navigation() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost("a")]
                public IActionResult A()
                {
                    var products = db.Products.ToList();
                    products[0].Name = "first";
                    return Ok(products);
                }

                [HttpPost("b")]
                public IActionResult B()
                {
                    var products = db.Products.Include(p => p.Category).ToList();
                    products.First().Category!.Name = "renamed";
                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_assignment_in_a_lambda_over_the_entities() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult A()
                {
                    var products = db.Products.ToList();
                    var renamed = products.Select(p => { p.Name = p.Name.Trim(); return p; }).ToList();
                    return Ok(renamed);
                }
            }
            """);

        [Fact]
        public Task Ignores_Update_Remove_Attach_and_Entry_on_the_context_or_a_set() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost("a")]
                public IActionResult A() { var p = db.Products.ToList(); db.Update(p[0]); return Ok(); }

                [HttpPost("b")]
                public IActionResult B() { var p = db.Products.ToList(); db.Products.RemoveRange(p); return Ok(); }

                [HttpPost("c")]
                public IActionResult C() { var p = db.Products.ToList(); db.Attach(p[0]); return Ok(); }

                [HttpPost("d")]
                public IActionResult D() { var p = db.Products.ToList(); db.Entry(p[0]).State = EntityState.Modified; return Ok(); }
            }
            """);

        [Fact]
        public Task Ignores_entities_passed_to_an_application_method() => Verify("""
            public class PriceService { public void Recalculate(List<Product> products) { } }

            public class ProductsController(ShopDb db, PriceService prices) : ControllerBase
            {
                [HttpPost]
                public IActionResult A()
                {
                    var products = db.Products.ToList();
                    prices.Recalculate(products);
                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_entity_passed_to_a_method_group_or_a_constructor_of_the_application() => Verify("""
            public class ProductView { public ProductView(Product product) { } }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public IActionResult A() => Ok(db.Products.ToList().Select(p => new ProductView(p)).ToList());

                [HttpGet("b")]
                public IActionResult B() => Ok(db.Products.ToList().Select(Describe).ToList());

                private static string Describe(Product product) => product.Name;
            }
            """);

        [Fact]
        public Task Ignores_a_method_of_the_entity_called_on_it() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult A()
                {
                    foreach (var product in db.Products.ToList())
                    {
                        product.Rename("x");
                    }

                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_navigation_collection_changed_through_Add() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult A()
                {
                    var products = db.Products.Include(p => p.Reviews).ToList();
                    products[0].Reviews.Add(new Review { Text = "ok" });
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_navigation_collection_changed_after_two_null_conditional_accesses() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> A()
                {
                    var product = await db.Products.Include(p => p.Reviews).ToListAsync();
                    product.FirstOrDefault()?.Reviews?.Add(new Review { Text = "ok" });
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Reports_entities_only_read_after_two_null_conditional_accesses() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> A()
                {
                    var products = await db.Products.Include(p => p.Category).{|PERF107:ToListAsync()|};
                    return Ok(products.FirstOrDefault()?.Category?.Name);
                }
            }
            """);

        [Fact]
        public Task Ignores_entities_passed_to_a_framework_method_it_does_not_know() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A()
                {
                    var products = db.Products.ToList();
                    System.Diagnostics.Debug.WriteLine(products[0]);
                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_entity_leaving_through_an_out_variable() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult A(int id)
                {
                    var byId = db.Products.ToDictionary(p => p.Id);
                    if (byId.TryGetValue(id, out var product)) { product.Price = 1; }
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_entities_stored_in_a_field() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                private List<Product>? last;

                [HttpGet]
                public IActionResult A()
                {
                    last = db.Products.ToList();
                    return Ok(last);
                }
            }
            """);

        [Fact]
        public Task Ignores_TryUpdateModelAsync_on_an_entity() => Verify("""
            public class ProductsController(ShopDb db) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> A()
                {
                    var products = await db.Products.ToListAsync();
                    await TryUpdateModelAsync(products[0]);
                    return View(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_the_context_handed_to_application_code() => Verify("""
            public static class Audit { public static void Touch(ShopDb db) { } }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A()
                {
                    var products = db.Products.ToList();
                    Audit.Touch(db);
                    return Ok(products);
                }
            }
            """);

        // ---- Near misses: tracking already decided ----

        [Fact]
        public Task Ignores_AsNoTracking_AsNoTrackingWithIdentityResolution_and_AsTracking() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public List<Product> A() => db.Products.AsNoTracking().Where(p => p.Id > 0).ToList();

                [HttpGet("b")]
                public List<Product> B() => db.Products.Where(p => p.Id > 0).AsNoTrackingWithIdentityResolution().ToList();

                [HttpGet("c")]
                public List<Product> C() => db.Products.AsTracking().ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_repository_that_already_adds_AsNoTracking() => Verify("""
            public interface IProductRepository { IQueryable<Product> Query(); }

            public class ProductRepository(ShopDb db) : IProductRepository
            {
                public IQueryable<Product> Query() => db.Products.AsNoTracking();
            }

            public class ProductsController(IProductRepository repository) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => repository.Query().Where(p => p.Id > 0).ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_context_configured_with_UseQueryTrackingBehavior_NoTracking() => Verify("""
            public class ReadDb : DbContext
            {
                public DbSet<Review> Reviews => Set<Review>();

                protected override void OnConfiguring(DbContextOptionsBuilder options)
                    => options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_context_setting_ChangeTracker_QueryTrackingBehavior() => Verify("""
            public class ReadDb : DbContext
            {
                public ReadDb() => ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTrackingWithIdentityResolution;
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.ToList();
            }
            """);

        // BTCPay Server: one method's own context set to no-tracking for its reads is no default of the application.
        [Fact]
        public Task Reports_a_handler_beside_a_method_that_sets_no_tracking_on_its_own_context() => Verify("""
            public class ShopDbFactory { public ShopDb CreateContext() => new ShopDb(); }

            public class Reports(ShopDbFactory factory)
            {
                public async Task<List<Product>> Cheap()
                {
                    await using var ctx = factory.CreateContext();
                    ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                    return await ctx.Products.Where(p => p.Price < 10).ToListAsync();
                }
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.{|PERF107:ToList()|};
            }
            """);

        [Fact]
        public Task Ignores_every_handler_when_a_factory_hands_out_no_tracking_contexts() => Verify("""
            public class ShopDbFactory
            {
                public ShopDb CreateReadContext()
                {
                    var ctx = new ShopDb();
                    ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                    return ctx;
                }
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.ToList();
            }
            """);

        [Fact]
        public Task Ignores_every_handler_when_a_repository_sets_no_tracking_on_the_context_it_is_given() => Verify("""
            public class ProductReader
            {
                private readonly ShopDb db;
                public ProductReader(ShopDb db)
                {
                    this.db = db;
                    db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                }
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_handler_that_sets_no_tracking_on_its_own_context() => Verify("""
            public class ShopDbFactory { public ShopDb CreateContext() => new ShopDb(); }

            public class ProductsController(ShopDbFactory factory) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> A()
                {
                    await using var ctx = factory.CreateContext();
                    ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                    return await ctx.Products.ToListAsync();
                }
            }
            """);

        // ---- Near misses: nothing tracked, or not a handler ----

        [Fact]
        public Task Ignores_a_projection_into_a_non_entity_type() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public List<ProductDto> A() => db.Products.Select(p => new ProductDto(p.Id, p.Name)).ToList();

                [HttpGet("b")]
                public List<string> B() => db.Products.Select(p => p.Name).ToList();

                [HttpGet("c")]
                public IActionResult C() => Ok(db.Products.Select(p => new { p.Id, p.Name }).ToList());

                [HttpGet("d")]
                public List<Product> D() => db.Products.Select(p => new Product { Id = p.Id, Name = p.Name }).ToList();
            }
            """);

        [Fact]
        public Task Ignores_scalar_and_single_entity_results_and_Find() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public async Task<int> A() => await db.Products.CountAsync();

                [HttpGet("b")]
                public async Task<bool> B() => await db.Products.AnyAsync(p => p.Price > 100);

                [HttpGet("c")]
                public async Task<decimal> C() => await db.Products.SumAsync(p => p.Price);

                [HttpGet("d")]
                public async Task<Product?> D(int id) => await db.Products.FirstOrDefaultAsync(p => p.Id == id);

                [HttpGet("e")]
                public async Task<Product?> E(int id) => await db.Products.FindAsync(id);
            }
            """);

        [Fact]
        public Task Ignores_methods_that_are_not_request_handlers() => Verify("""
            public class ProductService(ShopDb db)
            {
                public List<Product> All() => db.Products.ToList();
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [NonAction]
                public List<Product> Helper() => db.Products.ToList();

                private List<Product> Load() => db.Products.ToList();
            }
            """);

        [Fact]
        public Task Ignores_middleware_and_a_foreach_directly_over_a_query() => Verify("""
            public class CatalogueMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context, ShopDb db)
                {
                    var products = await db.Products.ToListAsync();
                    context.Items["count"] = products.Count;
                    await next(context);
                }
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public int A()
                {
                    var total = 0;
                    foreach (var product in db.Products) { total += product.Name.Length; }
                    return total;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_in_a_lambda_nested_in_a_handler() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A(int[] ids)
                {
                    Func<List<Product>> load = () => db.Products.ToList();
                    return Ok(load());
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_filtered_under_conditions_through_its_local() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> A(bool cheap, string? name)
                {
                    var query = db.Products.AsQueryable();
                    if (cheap) { query = query.Where(p => p.Price < 10); }
                    if (name != null) query = query.Where(p => p.Name == name).OrderBy(p => p.Name);
                    return Ok(await query.Take(50).{|PERF107:ToListAsync()|});
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_a_condition_makes_no_tracking() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A(bool readOnly)
                {
                    IQueryable<Product> query = db.Products;
                    if (readOnly) { query = query.AsNoTracking(); }
                    return Ok(query.ToList());
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_given_two_unrelated_queries() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A(bool cheap)
                {
                    IQueryable<Product> query = db.Products;
                    if (cheap) { query = db.Products.AsNoTracking().Where(p => p.Price < 10); }
                    return Ok(query.ToList());
                }
            }
            """);

        [Fact]
        public Task Ignores_a_filtered_local_whose_entities_are_modified() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> A(bool cheap)
                {
                    var query = db.Products.AsQueryable();
                    if (cheap) { query = query.Where(p => p.Price < 10); }
                    var products = await query.ToListAsync();
                    products[0].Rename("x");
                    await db.SaveChangesAsync();
                    return Ok(products);
                }
            }
            """);

        [Fact]
        public Task Ignores_Load_which_exists_to_fill_the_change_tracker() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A()
                {
                    db.Products.Load();
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_an_in_memory_list_that_is_not_a_query() => Verify("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public List<Product> A(List<Product> input) => input.Where(p => p.Id > 0).ToList();
            }
            """);
    }
}
