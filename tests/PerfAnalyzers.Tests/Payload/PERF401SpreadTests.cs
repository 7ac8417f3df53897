using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer, PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    /// <summary>
    /// A collection expression that spreads a materialised query (<c>[.. await query.ToListAsync()]</c>) holds every row
    /// of it: returned from a handler, the response is as unbounded as the list (docs/rules/PERF401.md).
    /// </summary>
    public class PERF401SpreadTests
    {
        private const string Model = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShopDb : DbContext { public DbSet<Product> Products => Set<Product>(); }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_a_spread_list_returned_from_an_action() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => [.. await {|PERF401:db.Products.ToListAsync()|}];
            }
            """);

        [Fact]
        public Task Reports_a_spread_list_held_in_a_local_and_returned_in_ok() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("names")]
                public async Task<IActionResult> Names()
                {
                    string[] names = [.. await {|PERF401:db.Products.Select(p => p.Name).ToListAsync()|}];
                    return Ok(names);
                }
            }
            """);

        [Fact]
        public Task Reports_a_spread_list_beside_other_elements() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List()
                {
                    var featured = new Product { Id = 0, Name = "Featured" };
                    return [featured, .. await {|PERF401:db.Products.ToListAsync()|}];
                }
            }
            """);

        // ---- Near-misses ----

        [Fact]
        public Task Leaves_a_spread_page_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List(int page = 1) => [.. await db.Products.OrderBy(p => p.Id).Skip((page - 1) * 20).Take(20).ToListAsync()];
            }
            """);

        [Fact]
        public Task Leaves_a_spread_list_the_action_only_counts_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("count")]
                public async Task<int> Count()
                {
                    List<Product> all = [.. await db.Products.ToListAsync()];
                    return all.Count;
                }
            }
            """);

        [Fact]
        public Task Leaves_a_spread_list_returned_by_a_service_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductService(ShopDb db)
            {
                public async Task<List<Product>> All() => [.. await db.Products.ToListAsync()];
            }
            """);

        // ---- Fix ----

        [Fact]
        public Task Fix_pages_a_spread_list_and_does_not_offer_streaming() => VerifyFix.CodeFixAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => [.. await {|PERF401:db.Products.OrderBy(p => p.Id).ToListAsync()|}];
            }
            """, Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List(int page = 1, int pageSize = 50) => [.. await db.Products.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync()];
            }
            """, PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix.PageKey);

        [Fact]
        public Task No_streaming_fix_for_a_spread_list() => VerifyFix.NoCodeFixAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => [.. await {|PERF401:db.Products.ToListAsync()|}];
            }
            """, PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix.StreamKey);
    }
}
