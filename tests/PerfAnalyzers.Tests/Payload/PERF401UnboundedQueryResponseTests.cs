using System.Threading.Tasks;
using PerfAnalyzers.Payload;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer, PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    public class PERF401UnboundedQueryResponseTests
    {
        private const string Usings = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShopDb : DbContext { public DbSet<Product> Products => Set<Product>(); }

            """;

        private static Task Verify(string body, string? editorConfig = null) => VerifyCS.AnalyzerAsync(Usings + body, editorConfig);

        private static Task Fix(string body, string fixedBody, string key, string? editorConfig = null)
            => VerifyFix.CodeFixAsync(Usings + body, Usings + fixedBody, key, editorConfig);

        [Fact]
        public Task Reports_materialised_query_returned_from_an_action() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => await {|PERF401:db.Products.ToListAsync()|};

                [HttpGet("names")]
                public string[] Names() => {|PERF401:db.Products.Select(p => p.Name).ToArray()|};
            }
            """);

        [Fact]
        public Task Reports_query_wrapped_in_ok_json_or_object_result() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public async Task<IActionResult> A() => Ok(await {|PERF401:db.Products.Where(p => p.Id > 0).ToListAsync()|});

                [HttpGet("c")]
                public IActionResult C() => new ObjectResult({|PERF401:db.Products.ToArray()|});

                [HttpPost("d")]
                public async Task<ActionResult<List<Product>>> D() => await {|PERF401:db.Products.OrderBy(p => p.Name).ToListAsync()|};
            }

            public class ViewsController(ShopDb db) : Controller
            {
                [HttpGet("b")]
                public IActionResult B() => Json({|PERF401:db.Products.ToList()|});
            }
            """);

        [Fact]
        public Task Reports_query_returned_through_a_local() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await {|PERF401:db.Products.AsNoTracking().ToListAsync()|};
                    return Ok(products);
                }
            }
            """);

        // ConferencePlanner's session list: the list is tested and returned through the pattern's local.
        [Fact]
        public Task Reports_query_returned_through_a_pattern_variable() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/sessions", async (ShopDb db) =>
                        await {|PERF401:db.Products.AsNoTracking().ToListAsync()|} is List<Product> model
                            ? Results.Ok(model)
                            : Results.NotFound());
                }
            }
            """);

        [Fact]
        public Task Reports_query_returned_in_a_branch_of_a_conditional() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List(bool open)
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    return open ? Ok(products) : Forbid();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_list_only_tested_by_a_pattern() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/sessions", async (ShopDb db) =>
                        await db.Products.AsNoTracking().ToListAsync() is { Count: > 0 } ? Results.Ok() : Results.NotFound());
                }
            }
            """);

        [Fact]
        public Task Reports_minimal_api_handlers() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", async (ShopDb db) => await {|PERF401:db.Products.ToListAsync()|});
                    app.MapGet("/b", async (ShopDb db) => Results.Ok(await {|PERF401:db.Products.ToListAsync()|}));
                    app.MapGet("/c", async (ShopDb db) =>
                    {
                        var all = await {|PERF401:db.Products.ToArrayAsync()|};
                        return TypedResults.Ok(all);
                    });
                    app.MapGet("/d", List);
                    app.MapGet("/e", (ShopDb db) => Results.Json({|PERF401:db.Products.ToArray()|}));
                    app.MapGet("/f", async (ShopDb db) => TypedResults.Json(await {|PERF401:db.Products.ToListAsync()|}));
                }

                private static List<Product> List(ShopDb db) => {|PERF401:db.Products.ToList()|};
            }
            """);

        [Fact]
        public Task Reports_list_carried_by_an_anonymous_response() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    return Ok(new { items = products, total = products.Count });
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/products", async (ShopDb db) => Results.Ok(new { Items = await {|PERF401:db.Products.ToListAsync()|} }));
            }
            """);

        [Fact]
        public Task Reports_list_carried_by_a_response_object_of_the_application() => Verify("""
            public record ProductsResponse(IReadOnlyCollection<Product> Products, int Total);

            public class ProductList { public List<Product> Items { get; set; } = new(); }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    var response = new ProductsResponse(products, products.Count);
                    return Ok(response);
                }

                [HttpGet("all")]
                public async Task<ProductList> All() => new ProductList { Items = await {|PERF401:db.Products.ToListAsync()|} };
            }
            """);

        [Fact]
        public Task Reports_list_carried_through_a_response_factory() => Verify("""
            public record GetAllProductsResponse(IReadOnlyCollection<Product> Products)
            {
                public static GetAllProductsResponse Create(IReadOnlyCollection<Product> products) => new(products);
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/products", async (ShopDb db) =>
                    {
                        var products = await {|PERF401:db.Products.AsNoTracking().ToListAsync()|};
                        return Results.Ok(GetAllProductsResponse.Create(products));
                    });
            }
            """);

        [Fact]
        public Task Ignores_response_objects_that_page_the_list_or_do_not_hold_it() => Verify("""
            public class PagedResponse
            {
                public PagedResponse(List<Product> items, int page, int pageSize) => Items = items.Skip((page - 1) * pageSize).Take(pageSize).ToList();
                public List<Product> Items { get; }
                public static PagedResponse Create(List<Product> items, int page, int pageSize) => new(items, page, pageSize);
            }

            public class Summary
            {
                public Summary(List<Product> products) => Count = products.Count;
                public int Count { get; }
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public async Task<IActionResult> A(int page) => Ok(new PagedResponse(await db.Products.ToListAsync(), page, 20));

                [HttpGet("b")]
                public async Task<IActionResult> B(int page) => Ok(PagedResponse.Create(await db.Products.ToListAsync(), page, 20));

                [HttpGet("c")]
                public async Task<IActionResult> C() => Ok(new Summary(await db.Products.ToListAsync()));
            }
            """);

        [Fact]
        public Task Ignores_response_objects_that_are_not_returned() => Verify("""
            public record ProductsResponse(IReadOnlyCollection<Product> Products);

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpPost("reindex")]
                public async Task<IActionResult> Reindex()
                {
                    var products = await db.Products.ToListAsync();
                    var snapshot = new { items = products };
                    System.Console.WriteLine(snapshot);
                    return Ok(new ProductsResponse(new List<Product>()));
                }
            }
            """);

        [Fact]
        public Task Ignores_view_models_and_bounded_queries_carried_by_a_response() => Verify("""
            public record ProductsViewModel(IReadOnlyCollection<Product> Products);

            public class ProductsController(ShopDb db) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Index() => View(new ProductsViewModel(await db.Products.ToListAsync()));

                [HttpGet("top")]
                public async Task<IActionResult> Top() => Ok(new { items = await db.Products.OrderBy(p => p.Id).Take(20).ToListAsync() });
            }
            """);

        [Fact]
        public Task Reports_query_syntax() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<string> Names() => {|PERF401:(from p in db.Products where p.Id > 0 select p.Name).ToList()|};
            }
            """);

        [Fact]
        public Task Ignores_paged_queries() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public Task<List<Product>> A(int page, int pageSize) => db.Products.OrderBy(p => p.Id).Skip(page * pageSize).Take(pageSize).ToListAsync();

                [HttpGet("b")]
                public List<Product> B() => db.Products.Take(100).Where(p => p.Id > 0).ToList();

                [HttpGet("c")]
                public async Task<IActionResult> C()
                {
                    var top = db.Products.OrderBy(p => p.Id).Take(10);
                    return Ok(await top.ToListAsync());
                }
            }
            """);

        [Fact]
        public Task Ignores_queries_paged_by_a_helper_taking_a_page_size() => Verify("""
            public static class Paging
            {
                public static IQueryable<T> Page<T>(this IQueryable<T> query, int page, int pageSize) => query.Skip((page - 1) * pageSize).Take(pageSize);
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List(int page) => db.Products.Page(page, 20).ToList();
            }
            """);

        [Fact]
        public Task Ignores_single_rows_and_aggregates() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("{id}")]
                public async Task<Product?> Get(int id) => await db.Products.FirstOrDefaultAsync(p => p.Id == id);

                [HttpGet("count")]
                public int Count() => db.Products.Count();
            }
            """);

        [Fact]
        public Task Ignores_materialised_query_not_returned() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<int> Total()
                {
                    var all = await db.Products.ToListAsync();
                    return all.Sum(p => p.Id);
                }

                [HttpGet("streamed")]
                public IAsyncEnumerable<Product> Streamed() => db.Products.AsAsyncEnumerable();
            }
            """);

        [Fact]
        public Task Ignores_queries_outside_request_handlers() => Verify("""
            public class ProductRepository(ShopDb db)
            {
                public Task<List<Product>> All() => db.Products.ToListAsync();
            }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [NonAction]
                public List<Product> Helper() => db.Products.ToList();
            }
            """);

        [Fact]
        public Task Ignores_in_memory_collections_and_lambdas_that_are_not_handlers() => Verify("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                private static readonly List<Product> Cache = new();

                [HttpGet("a")]
                public List<Product> A() => Cache.Where(p => p.Id > 0).ToList();

                [HttpGet("b")]
                public async Task<int> B()
                {
                    System.Func<Task<List<Product>>> load = async () => await db.Products.ToListAsync();
                    return (await load()).Count;
                }
            }
            """);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List() => db.{|CS1061:Missing|}.ToList();

                [HttpGet("b")]
                public IActionResult B() => Ok(db.Products.Where({|CS0103:x|}).ToList());
            }
            """);

        [Fact]
        public Task Fix_streams_results_of_a_controller_and_drops_async() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => await {|PERF401:db.Products.ToListAsync()|};

                [HttpGet("ok")]
                public async Task<IActionResult> Ok2()
                {
                    var products = await {|PERF401:db.Products.Where(p => p.Id > 0).ToListAsync()|};
                    return Ok(products);
                }

                [HttpGet("typed")]
                public async Task<ActionResult<IEnumerable<Product>>> Typed()
                {
                    await Task.Yield();
                    return await {|PERF401:db.Products.ToListAsync()|};
                }
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IAsyncEnumerable<Product> List() => db.Products.AsAsyncEnumerable();

                [HttpGet("ok")]
                public IActionResult Ok2()
                {
                    var products = db.Products.Where(p => p.Id > 0).AsAsyncEnumerable();
                    return Ok(products);
                }

                [HttpGet("typed")]
                public async Task<ActionResult<IAsyncEnumerable<Product>>> Typed()
                {
                    await Task.Yield();
                    return Ok(db.Products.AsAsyncEnumerable());
                }
            }
            """, PERF401UnboundedQueryResponseCodeFix.StreamKey);

        [Fact]
        public Task Fix_streams_results_of_minimal_api_handlers() => Fix("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", async (ShopDb db) => await {|PERF401:db.Products.ToListAsync()|});
                    app.MapGet("/b", async (ShopDb db) => TypedResults.Ok(await {|PERF401:db.Products.ToListAsync()|}));
                    app.MapGet("/c", (ShopDb db) => {|PERF401:db.Products.Select(p => p.Name).ToArray()|});
                }
            }
            """, """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (ShopDb db) => db.Products.AsAsyncEnumerable());
                    app.MapGet("/b", (ShopDb db) => TypedResults.Ok(db.Products.AsAsyncEnumerable()));
                    app.MapGet("/c", (ShopDb db) => db.Products.Select(p => p.Name).AsAsyncEnumerable());
                }
            }
            """, PERF401UnboundedQueryResponseCodeFix.StreamKey);

        // dotnet-podcasts' feeds: every handler is a static method group returning ValueTask<..>.
        [Fact]
        public Task Fix_streams_results_of_a_value_task_method_group_handler() => Fix("""
            public static class FeedsApi
            {
                public static Microsoft.AspNetCore.Routing.RouteGroupBuilder MapFeedsApi(this Microsoft.AspNetCore.Routing.RouteGroupBuilder group)
                {
                    group.MapGet("/", GetAllFeeds);
                    return group;
                }

                public static async ValueTask<Microsoft.AspNetCore.Http.HttpResults.Ok<List<Product>>> GetAllFeeds(ShopDb db, System.Threading.CancellationToken cancellationToken)
                {
                    var feeds = await {|PERF401:db.Products.OrderByDescending(f => f.Id).ToListAsync(cancellationToken)|};
                    return TypedResults.Ok(feeds);
                }
            }
            """, """
            public static class FeedsApi
            {
                public static Microsoft.AspNetCore.Routing.RouteGroupBuilder MapFeedsApi(this Microsoft.AspNetCore.Routing.RouteGroupBuilder group)
                {
                    group.MapGet("/", GetAllFeeds);
                    return group;
                }

                public static Microsoft.AspNetCore.Http.HttpResults.Ok<IAsyncEnumerable<Product>> GetAllFeeds(ShopDb db, System.Threading.CancellationToken cancellationToken)
                {
                    var feeds = db.Products.OrderByDescending(f => f.Id).AsAsyncEnumerable();
                    return TypedResults.Ok(feeds);
                }
            }
            """, PERF401UnboundedQueryResponseCodeFix.StreamKey);

        [Fact]
        public Task Fix_adds_paging_parameters_once_per_handler() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List(System.Threading.CancellationToken ct) => await {|PERF401:db.Products.OrderBy(p => p.Id).ToListAsync(ct)|};

                [HttpGet("both")]
                public async Task<IActionResult> Both(bool names)
                {
                    if (names)
                    {
                        return Ok(await {|PERF401:db.Products.Select(p => p.Name).ToListAsync()|});
                    }

                    return Ok(await {|PERF401:db.Products.ToListAsync()|});
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/products", async (ShopDb db) => await {|PERF401:db.Products.ToListAsync()|});
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List(System.Threading.CancellationToken ct, int page = 1, int pageSize = 50) => await db.Products.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);

                [HttpGet("both")]
                public async Task<IActionResult> Both(bool names, int page = 1, int pageSize = 50)
                {
                    if (names)
                    {
                        return Ok(await db.Products.Select(p => p.Name).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync());
                    }

                    return Ok(await db.Products.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync());
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/products", async (ShopDb db, int page = 1, int pageSize = 50) => await db.Products.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync());
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey);

        [Fact]
        public Task Fix_pages_a_list_carried_by_a_response_object() => Fix("""
            public record ProductsResponse(IReadOnlyCollection<Product> Products);

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List() => Ok(new ProductsResponse(await {|PERF401:db.Products.OrderBy(p => p.Id).ToListAsync()|}));

                [HttpGet("named")]
                public async Task<IActionResult> Named() => Ok(new { items = await {|PERF401:db.Products.OrderBy(p => p.Name).ToListAsync()|} });
            }
            """, """
            public record ProductsResponse(IReadOnlyCollection<Product> Products);

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List(int page = 1, int pageSize = 50) => Ok(new ProductsResponse(await db.Products.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync()));

                [HttpGet("named")]
                public async Task<IActionResult> Named(int page = 1, int pageSize = 50) => Ok(new { items = await db.Products.OrderBy(p => p.Name).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync() });
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey);

        // smtp4dev's folders endpoint: the context is disposed when the action returns, before ASP.NET Core would
        // enumerate a stream.
        [Fact]
        public Task No_paging_fix_for_a_stored_procedures_result() => VerifyFix.NoCodeFixAsync(Usings + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List() => Ok(await {|PERF401:db.Products.FromSqlRaw("EXEC dbo.AllProducts").ToListAsync()|});
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey);

        [Fact]
        public Task Fix_streams_a_stored_procedures_result() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List() => Ok(await {|PERF401:db.Products.FromSqlRaw("EXEC dbo.AllProducts").ToListAsync()|});
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Ok(db.Products.FromSqlRaw("EXEC dbo.AllProducts").AsAsyncEnumerable());
            }
            """, PERF401UnboundedQueryResponseCodeFix.StreamKey);

        [Fact]
        public Task No_stream_fix_when_the_handler_disposes_its_context_on_return() => VerifyFix.NoCodeFixAsync(Usings + """
            public class FoldersController(IDbContextFactory<ShopDb> factory) : ControllerBase
            {
                [HttpGet("folders")]
                public string[] GetFolders()
                {
                    using var db = factory.CreateDbContext();
                    return {|PERF401:db.Products.Select(p => p.Name).ToArray()|};
                }

                [HttpGet("products")]
                public async Task<List<Product>> GetProducts()
                {
                    using (var db = factory.CreateDbContext())
                    {
                        return await {|PERF401:db.Products.ToListAsync()|};
                    }
                }
            }
            """, PERF401UnboundedQueryResponseCodeFix.StreamKey);

        [Fact]
        public Task Fix_pages_a_query_of_a_context_the_handler_disposes() => Fix("""
            public class FoldersController(IDbContextFactory<ShopDb> factory) : ControllerBase
            {
                [HttpGet("folders")]
                public string[] GetFolders()
                {
                    using var db = factory.CreateDbContext();
                    return {|PERF401:db.Products.OrderBy(p => p.Id).Select(p => p.Name).ToArray()|};
                }
            }
            """, """
            public class FoldersController(IDbContextFactory<ShopDb> factory) : ControllerBase
            {
                [HttpGet("folders")]
                public string[] GetFolders(int page = 1, int pageSize = 50)
                {
                    using var db = factory.CreateDbContext();
                    return db.Products.OrderBy(p => p.Id).Select(p => p.Name).Skip((page - 1) * pageSize).Take(pageSize).ToArray();
                }
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey);

        [Fact]
        public Task No_stream_fix_for_a_list_carried_by_a_response_object() => VerifyFix.NoCodeFixAsync(Usings + """
            public record ProductsResponse(IReadOnlyCollection<Product> Products);

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    return Ok(new ProductsResponse(products));
                }
            }
            """, PERF401UnboundedQueryResponseCodeFix.StreamKey);

        [Fact]
        public Task Fix_uses_the_configured_page_size() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List() => {|PERF401:db.Products.ToList()|};
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List(int page = 1, int pageSize = 200) => db.Products.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey, "perf_analyzers.PERF401.default_page_size = 200");

        [Fact]
        public Task Rule_specific_page_size_wins_and_invalid_values_fall_back() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List() => {|PERF401:db.Products.ToList()|};
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List(int page = 1, int pageSize = 50) => db.Products.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey, "perf_analyzers.default_page_size = 10\nperf_analyzers.PERF401.default_page_size = zero");

        [Fact]
        public Task Global_page_size_applies_when_no_rule_key() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List() => {|PERF401:db.Products.ToList()|};
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> List(int page = 1, int pageSize = 10) => db.Products.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            }
            """, PERF401UnboundedQueryResponseCodeFix.PageKey, "perf_analyzers.default_page_size = 10");
    }
}
