using Microsoft.EntityFrameworkCore;
using ShopApi.Contracts;
using ShopApi.Data;
using ShopApi.Services;

namespace ShopApi.Endpoints;

public static class CatalogEndpoints
{
    private const int MaxCategories = 100;

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/catalog")
            // PERF301 correct: the group's policy output-caches every GET below for a minute.
            .CacheOutput(policy => policy.Expire(TimeSpan.FromMinutes(1)));

        catalog.MapGet("/categories", async (ShopDbContext db, CancellationToken ct) =>
            await db.Categories.OrderBy(c => c.Name).Take(MaxCategories).Select(c => new CategoryDto(c.Id, c.Name)).ToListAsync(ct));

        catalog.MapGet("/legacy/products/free-shipping", (ProductQueries queries) => queries.GetFreeShippingProductsLegacy());
        catalog.MapGet("/products/free-shipping", (ProductQueries queries) => queries.GetFreeShippingProducts());
        catalog.MapGet("/products/seasonal", (ProductQueries queries) => queries.GetSeasonalProducts(DateTime.UtcNow));

        // PERF401 correct: rows are streamed to the client as they are read, never held as one list.
        catalog.MapGet("/products/export", (ShopDbContext db) =>
                db.Products.AsNoTracking().OrderBy(p => p.Id).Select(ProductDto.Projection).AsAsyncEnumerable())
            // An export is far too big to keep in the output cache.
            .CacheOutput(policy => policy.NoCache());

        return app;
    }

    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        var stats = app.MapGroup("/api/stats");

        // PERF301 anti-pattern: no caching policy, so three COUNT queries run on every dashboard refresh.
        stats.MapGet("/summary", async (ShopDbContext db, CancellationToken ct) =>
            new StatsSummaryDto(await db.Customers.CountAsync(ct), await db.Products.CountAsync(ct), await db.Orders.CountAsync(ct)));

        // PERF301 correct: output-cached for five minutes; the ranking only shifts slowly.
        stats.MapGet("/top-products", async (ShopDbContext db, CancellationToken ct) =>
                await db.Products
                    .OrderByDescending(p => p.OrderLines.Sum(l => l.Quantity))
                    .Take(10)
                    .Select(p => new TopProductDto(p.Id, p.Name, p.OrderLines.Sum(l => l.Quantity)))
                    .ToListAsync(ct))
            .CacheOutput(policy => policy.Expire(TimeSpan.FromMinutes(5)));

        return app;
    }
}
