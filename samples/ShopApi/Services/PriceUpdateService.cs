using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Services;

/// <summary>Bulk price changes from the back office (a supplier's new price list).</summary>
public sealed class PriceUpdateService(ShopDbContext db)
{
    public async Task<int> ApplyPriceListLegacyAsync(IReadOnlyDictionary<string, decimal> pricesBySku, CancellationToken cancellationToken)
    {
        var products = await db.Products.Where(p => pricesBySku.Keys.Contains(p.Sku)).ToListAsync(cancellationToken);
        foreach (var product in products)
        {
            product.Price = pricesBySku[product.Sku];
            // PERF105 anti-pattern: one transaction and one round trip per product.
            await db.SaveChangesAsync(cancellationToken);
        }

        return products.Count;
    }

    public async Task<int> ApplyPriceListAsync(IReadOnlyDictionary<string, decimal> pricesBySku, CancellationToken cancellationToken)
    {
        var products = await db.Products.Where(p => pricesBySku.Keys.Contains(p.Sku)).ToListAsync(cancellationToken);
        foreach (var product in products)
        {
            product.Price = pricesBySku[product.Sku];
        }

        // PERF105 correct: every change is written in one SaveChanges, batched in one transaction.
        await db.SaveChangesAsync(cancellationToken);
        return products.Count;
    }
}
