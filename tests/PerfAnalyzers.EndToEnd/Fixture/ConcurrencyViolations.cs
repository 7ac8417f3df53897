namespace EndToEndFixture;

public class ConcurrencyClient(HttpClient client)
{
    public async Task TouchAllLegacy(IEnumerable<int> ids)
    {
        await Task.WhenAll(ids.Select(id => client.PostAsync($"/items/{id}/touch", null))); //~ PERF601
    }

    public async Task TouchAll(IEnumerable<int> ids, CancellationToken ct)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) => await client.PostAsync($"/items/{id}/touch", null, token));
    }

    public async Task<string[]> GetThree() => await Task.WhenAll(new[] { "/a", "/b", "/c" }.Select(path => client.GetStringAsync(path)));
}
