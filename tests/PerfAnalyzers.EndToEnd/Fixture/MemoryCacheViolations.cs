using Microsoft.Extensions.Caching.Memory;

namespace EndToEndFixture;

public class MemoryCacheSearchResults(IMemoryCache cache)
{
    public void RememberLegacy(string term, int[] ids) => cache.Set("search:" + term, ids); //~ PERF302

    public void Remember(string term, int[] ids) => cache.Set("search:v2:" + term, ids, TimeSpan.FromMinutes(5));

    public int[]? Find(string term) => cache.GetOrCreate("search:v3:" + term, entry =>
    {
        entry.SlidingExpiration = TimeSpan.FromMinutes(1);
        return Array.Empty<int>();
    });
}
