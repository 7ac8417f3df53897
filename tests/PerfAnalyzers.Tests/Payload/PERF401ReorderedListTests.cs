using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer, PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    /// <summary>
    /// A materialised query sorted or copied in memory on its way to the response (<c>Ok(list.OrderBy(..))</c>, found in a
    /// teacher-recruitment API's pick lists) still sends every row (docs/rules/PERF401.md).
    /// </summary>
    public class PERF401ReorderedListTests
    {
        private const string Model = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; public int Rank { get; set; } }
            public class ShopDb : DbContext { public DbSet<Product> Products => Set<Product>(); }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_a_list_sorted_in_memory_inside_ok() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    return Ok(products.OrderBy(p => p.Name));
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_sorted_twice_and_copied_through_a_local() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List()
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    var sorted = products.OrderByDescending(p => p.Rank).ThenBy(p => p.Name).ToList();
                    return sorted;
                }
            }
            """);

        [Fact]
        public Task Reports_a_reversed_array_returned_directly() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IEnumerable<Product>> List() => (await {|PERF401:db.Products.ToArrayAsync()|}).Reverse();
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Leaves_a_sorted_list_filtered_or_cut_in_memory_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("top")]
                public async Task<IActionResult> Top()
                {
                    var products = await db.Products.ToListAsync();
                    return Ok(products.OrderBy(p => p.Rank).Take(10));
                }

                [HttpGet("ranked")]
                public async Task<IActionResult> Ranked()
                {
                    var products = await db.Products.ToListAsync();
                    return Ok(products.OrderBy(p => p.Rank).Where(p => p.Rank > 0).ToList());
                }
            }
            """);

        [Fact]
        public Task Leaves_a_sorted_list_that_is_only_counted_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("count")]
                public async Task<int> Count()
                {
                    var products = await db.Products.ToListAsync();
                    return products.OrderBy(p => p.Name).Count();
                }
            }
            """);

        [Fact]
        public Task Leaves_a_sorted_list_a_service_returns_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class ProductService(ShopDb db)
            {
                public async Task<IEnumerable<Product>> All()
                {
                    var products = await db.Products.ToListAsync();
                    return products.OrderBy(p => p.Name);
                }
            }
            """);

        // ---- Fix ----

        // Paging the query would page it in another order than the response's; streaming cannot sort in memory.
        [Theory]
        [InlineData(PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix.PageKey)]
        [InlineData(PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix.StreamKey)]
        public Task No_fix_for_a_list_sorted_in_memory(string key) => VerifyFix.NoCodeFixAsync(Model + """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List()
                {
                    var products = await {|PERF401:db.Products.ToListAsync()|};
                    return Ok(products.OrderBy(p => p.Name));
                }
            }
            """, key);
    }
}
