using System.Threading.Tasks;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF107TrackingQueryInReadOnlyHandlerCodeFixTests
    {
        private const string Usings = PERF107TrackingQueryInReadOnlyHandlerTests.Usings;

        private const string Key = PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix.EquivalenceKey;

        private static Task Fix(string body, string fixedBody) => VerifyFix.CodeFixAsync(Usings + body, Usings + fixedBody, Key);

        [Fact]
        public Task Fix_inserts_AsNoTracking_right_after_the_set() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => await db.Products.Where(p => p.Price > 0).OrderBy(p => p.Name).{|PERF107:ToListAsync()|};
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<List<Product>> List() => await db.Products.AsNoTracking().Where(p => p.Price > 0).OrderBy(p => p.Name).ToListAsync();
            }
            """);

        [Fact]
        public Task Fix_inserts_AsNoTracking_in_the_initializer_of_a_filtered_local() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List(bool cheap)
                {
                    var query = db.Products.AsQueryable();
                    if (cheap) query = query.Where(p => p.Price < 10);
                    return Ok(await query.{|PERF107:ToListAsync()|});
                }
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> List(bool cheap)
                {
                    var query = db.Products.AsNoTracking().AsQueryable();
                    if (cheap) query = query.Where(p => p.Price < 10);
                    return Ok(await query.ToListAsync());
                }
            }
            """);

        [Fact]
        public Task Fix_inserts_AsNoTracking_after_a_generic_repository_call() => Fix("""
            public interface IRepository<T> where T : class { IQueryable<T> GetAll(); }

            public class Repository<T>(ShopDb context) : IRepository<T> where T : class
            {
                public IQueryable<T> GetAll() => context.Set<T>().AsQueryable();
            }

            public class ProductsController(IRepository<Product> products) : ControllerBase
            {
                [HttpGet]
                public async Task<IEnumerable<Product>> List() => await products.GetAll().Include(p => p.Category).{|PERF107:ToListAsync()|};
            }
            """, """
            public interface IRepository<T> where T : class { IQueryable<T> GetAll(); }

            public class Repository<T>(ShopDb context) : IRepository<T> where T : class
            {
                public IQueryable<T> GetAll() => context.Set<T>().AsQueryable();
            }

            public class ProductsController(IRepository<Product> products) : ControllerBase
            {
                [HttpGet]
                public async Task<IEnumerable<Product>> List() => await products.GetAll().AsNoTracking().Include(p => p.Category).ToListAsync();
            }
            """);

        [Fact]
        public Task Fix_inserts_AsNoTracking_after_Set_of_T_and_in_a_local_query() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public IActionResult A() => Ok(db.Set<Product>().Include(p => p.Category).{|PERF107:ToList()|});

                [HttpGet("b")]
                public IActionResult B(string name)
                {
                    var query = db.Products.Where(p => p.Name == name);
                    return Ok(query.{|PERF107:ToArray()|});
                }
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet("a")]
                public IActionResult A() => Ok(db.Set<Product>().AsNoTracking().Include(p => p.Category).ToList());

                [HttpGet("b")]
                public IActionResult B(string name)
                {
                    var query = db.Products.AsNoTracking().Where(p => p.Name == name);
                    return Ok(query.ToArray());
                }
            }
            """);

        [Fact]
        public Task Fix_inserts_AsNoTracking_after_a_repository_call_and_under_an_extension_method() => Fix("""
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
            """, """
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
                public async Task<List<Product>> A() => await repository.All().AsNoTracking().Where(p => p.Id > 0).ToListAsync();

                [HttpGet("b")]
                public async Task<List<Product>> B() => await db.Products.AsNoTracking().Cheap().ToListAsync();
            }
            """);

        [Fact]
        public Task Fix_keeps_a_local_holding_the_set_a_DbSet() => Fix("""
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A()
                {
                    var products = db.Products;
                    return Ok(products.Where(p => p.Id > 0).{|PERF107:ToList()|});
                }
            }
            """, """
            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public IActionResult A()
                {
                    var products = db.Products;
                    return Ok(products.AsNoTracking().Where(p => p.Id > 0).ToList());
                }
            }
            """);

        [Fact]
        public Task Fix_all_fixes_every_query_of_the_document_including_two_sharing_a_root() => Fix("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/products", async (ShopDb db) => Results.Ok(await db.Products.{|PERF107:ToArrayAsync()|}));
                    app.MapGet("/categories", (ShopDb db) => db.Categories.OrderBy(c => c.Name).{|PERF107:ToList()|});
                    app.MapGet("/both", (ShopDb db) =>
                    {
                        var query = db.Products.Where(p => p.Price > 1);
                        var first = query.{|PERF107:ToList()|};
                        var second = query.OrderBy(p => p.Id).{|PERF107:ToArray()|};
                        return Results.Ok(first.Count + second.Length);
                    });
                }
            }
            """, """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/products", async (ShopDb db) => Results.Ok(await db.Products.AsNoTracking().ToArrayAsync()));
                    app.MapGet("/categories", (ShopDb db) => db.Categories.AsNoTracking().OrderBy(c => c.Name).ToList());
                    app.MapGet("/both", (ShopDb db) =>
                    {
                        var query = db.Products.AsNoTracking().Where(p => p.Price > 1);
                        var first = query.ToList();
                        var second = query.OrderBy(p => p.Id).ToArray();
                        return Results.Ok(first.Count + second.Length);
                    });
                }
            }
            """);

        [Fact]
        public Task Fix_adds_the_EF_Core_using_when_missing() => VerifyFix.CodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public class Product { public int Id { get; set; } }
            public class ShopDb : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<Product> Products => Set<Product>(); }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.Where(p => p.Id > 0).{|PERF107:ToList()|};
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Product { public int Id { get; set; } }
            public class ShopDb : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<Product> Products => Set<Product>(); }

            public class ProductsController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public List<Product> A() => db.Products.AsNoTracking().Where(p => p.Id > 0).ToList();
            }
            """, Key);
    }
}
