using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Services;

/// <summary>Re-derives Order.Total from the order lines, e.g. after a price correction.</summary>
public sealed class OrderTotalsService(ShopDbContext db)
{
    private const int BatchSize = 500;

    public async Task<int> RecalculateAllLegacyAsync(CancellationToken ct)
    {
        var orders = await db.Orders.ToListAsync(ct);
        await ApplyLineTotalsAsync(orders, ct);
        return await db.SaveChangesAsync(ct);
    }

    public async Task<int> RecalculateAllAsync(CancellationToken ct)
    {
        var updated = 0;
        var lastId = 0;
        while (true)
        {
            // Keyset batches (Id > lastId): one query per 500 orders and a bounded change tracker.
            // PERF103 correct: Include brings each batch's lines along in the same query.
            var batch = await db.Orders.Include(o => o.Lines).Where(o => o.Id > lastId).OrderBy(o => o.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var order in batch)
            {
                order.Total = order.Lines.Sum(l => l.Quantity * l.UnitPrice);
            }

            lastId = batch[^1].Id;
            updated += await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return updated;
    }

    private async Task ApplyLineTotalsAsync(IEnumerable<Order> orders, CancellationToken ct)
    {
        foreach (var order in orders)
        {
            // PERF103 anti-pattern: one round trip per order just to load its lines.
            await db.Entry(order).Collection(o => o.Lines).LoadAsync(ct);
            order.Total = order.Lines.Sum(l => l.Quantity * l.UnitPrice);
        }
    }
}
