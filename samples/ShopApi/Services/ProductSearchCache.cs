using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ShopApi.Data;

namespace ShopApi.Services;

/// <summary>Caches catalogue search results per search term, so repeated searches skip the database.</summary>
public sealed class ProductSearchCache(ShopDbContext db, IMemoryCache cache)
{
    private const int MaxResults = 20;

    public Task<List<int>?> SearchLegacyAsync(string term, CancellationToken ct = default)
        // PERF302 anti-pattern: one entry per distinct search term, kept until memory pressure evicts it.
        => cache.GetOrCreateAsync("search:" + term, _ => FindIdsAsync(term, ct));

    public Task<List<int>?> SearchAsync(string term, CancellationToken ct = default)
        // PERF302 correct: each term's results live five minutes, so the cache holds recent searches only.
        => cache.GetOrCreateAsync("search:v2:" + term, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return FindIdsAsync(term, ct);
        });

    private Task<List<int>> FindIdsAsync(string term, CancellationToken ct)
        => db.Products.AsNoTracking()
            .Where(p => p.Name.Contains(term))
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .Take(MaxResults)
            .ToListAsync(ct);
}
