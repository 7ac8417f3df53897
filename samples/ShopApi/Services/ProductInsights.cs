using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Services;

/// <summary>Product pages for the merchandising team: reviews and sales of the products of a category.</summary>
public sealed class ProductInsights(ShopDbContext db)
{
    public Task<List<Product>> GetCategoryInsightsLegacyAsync(int categoryId, CancellationToken cancellationToken)
    {
        var products = db.Products.Include(p => p.Reviews).Include(p => p.OrderLines).Where(p => p.CategoryId == categoryId);
        // PERF108 anti-pattern: reviews and order lines joined in one query, every review repeated for every order line.
        return products.ToListAsync(cancellationToken);
    }

    public Task<List<Product>> GetCategoryInsightsAsync(int categoryId, CancellationToken cancellationToken)
    {
        var products = db.Products.Include(p => p.Reviews).Include(p => p.OrderLines).Where(p => p.CategoryId == categoryId);
        // PERF108 correct: one query per collection, the rows returned are the sum, not the product.
        return products.AsSplitQuery().ToListAsync(cancellationToken);
    }

    public Task<List<Order>> GetOrdersWithProductsAsync(int customerId, CancellationToken cancellationToken)
    {
        // PERF108 correct: one Include path (orders' lines and each line's product) multiplies nothing.
        return db.Orders.Include(o => o.Lines).ThenInclude(l => l.Product).Where(o => o.CustomerId == customerId).ToListAsync(cancellationToken);
    }
}
