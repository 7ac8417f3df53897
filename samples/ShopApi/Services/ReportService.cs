using Microsoft.EntityFrameworkCore;
using ShopApi.Contracts;
using ShopApi.Data;

namespace ShopApi.Services;

public sealed class ReportService(ShopDbContext db)
{
    public async Task<List<CategorySummaryDto>> GetCategorySummariesLegacyAsync(CancellationToken ct)
    {
        var categories = await db.Categories.OrderBy(c => c.Name).ToListAsync(ct);
        var summaries = new List<CategorySummaryDto>();
        foreach (var category in categories)
        {
            // PERF102 anti-pattern: Products is lazy-loaded here, one extra query per category.
            var products = category.Products;
            summaries.Add(Summarise(category.Name, products));
        }
        return summaries;
    }

    public async Task<List<CategorySummaryDto>> GetCategorySummariesAsync(CancellationToken ct)
    {
        // PERF102 correct: Include loads every category's products in the same round trip.
        var categories = await db.Categories.Include(c => c.Products).OrderBy(c => c.Name).ToListAsync(ct);
        var summaries = new List<CategorySummaryDto>();
        foreach (var category in categories)
        {
            summaries.Add(Summarise(category.Name, category.Products));
        }
        return summaries;
    }

    private static CategorySummaryDto Summarise(string name, ICollection<Product> products) =>
        new(name, products.Count, products.Count == 0 ? 0 : Math.Round(products.Average(p => p.Price), 2));
}
