using ShopApi.Data;

namespace ShopApi.Services;

/// <summary>Older, synchronous catalogue queries still used by a few catalogue endpoints.</summary>
public sealed class ProductQueries(ShopDbContext db)
{
    // Products over 10 ship free.
    public List<Product> GetFreeShippingProductsLegacy()
    {
        // PERF104 anti-pattern: ToList() reads every product row before the price filter runs in memory.
        return db.Products.ToList().Where(p => p.Price > 10).ToList();
    }

    public List<Product> GetFreeShippingProducts()
    {
        // PERF104 correct: the filter is part of the SQL, only matching rows are read.
        return db.Products.Where(p => p.Price > 10).ToList();
    }

    public List<Product> GetSeasonalProducts(DateTime today)
    {
        // PERF104 correct: IsInSeason is our own C# logic EF cannot translate, so it must run in memory;
        // the translatable part (in stock) still runs in SQL.
        return db.Products.Where(p => p.StockQuantity > 0).AsEnumerable().Where(p => IsInSeason(p, today)).ToList();
    }

    private static bool IsInSeason(Product product, DateTime today) => product.CategoryId switch
    {
        3 or 8 => today.Month is >= 4 and <= 9,   // Garden, Outdoors: spring and summer
        4 or 12 => today.Month is 11 or 12,       // Toys, Home: gift season
        _ => false,
    };
}
