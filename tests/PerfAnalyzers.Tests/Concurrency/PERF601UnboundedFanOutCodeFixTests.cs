using System.Threading.Tasks;
using PerfAnalyzers.Concurrency;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer, PerfAnalyzers.Concurrency.PERF601UnboundedFanOutCodeFix>;

namespace PerfAnalyzers.Tests.Concurrency
{
    /// <summary>Fixed code must compile and no longer be flagged; every fix runs one at a time and through Fix All.</summary>
    public class PERF601UnboundedFanOutCodeFixTests
    {
        private const string Usings = PERF601UnboundedFanOutTests.Usings;

        private static Task Fix(string body, string fixedBody, string? editorConfig = null)
            => VerifyFix.CodeFixAsync(Usings + body, Usings + fixedBody, PERF601UnboundedFanOutCodeFix.EquivalenceKey, editorConfig);

        private static Task NoFix(string body)
            => VerifyFix.NoCodeFixAsync(Usings + body, PERF601UnboundedFanOutCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_turns_an_unused_when_all_into_parallel_for_each_async_with_the_token_in_scope() => Fix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids, CancellationToken cancellationToken)
                {
                    await {|PERF601:Task.WhenAll(ids.Select(async id => await client.PostAsync($"/items/{id}", null, cancellationToken)))|};
                }
            }
            """, """
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids, CancellationToken cancellationToken)
                {
                    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) => await client.PostAsync($"/items/{id}", null, cancellationToken));
                }
            }
            """);

        // dotnet-podcasts' show list: the links are checked at once and the shows kept whose link answers.
        [Fact]
        public Task Fix_throttles_a_when_all_awaited_inside_a_larger_expression() => Fix("""
            public class Shows(HttpClient client)
            {
                public async Task<List<string>> Live(List<string> links)
                {
                    var live = (await {|PERF601:Task.WhenAll(links.Select(async link => (await client.GetAsync(link)).IsSuccessStatusCode ? link : null))|}).Where(l => l != null).ToList();
                    return live!;
                }
            }
            """, """
            public class Shows(HttpClient client)
            {
                public async Task<List<string>> Live(List<string> links)
                {
                    using var throttle = new SemaphoreSlim(8);
                    var live = (await Task.WhenAll(links.Select(async link =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            return (await client.GetAsync(link)).IsSuccessStatusCode ? link : null;
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }))).Where(l => l != null).ToList();
                    return live!;
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_when_all_waited_on_with_Result() => NoFix("""
            public class Shows(HttpClient client)
            {
                public async Task<List<string>> Live(List<string> links)
                {
                    await Task.Yield();
                    var live = {|PERF601:Task.WhenAll(links.Select(async link => (await client.GetAsync(link)).IsSuccessStatusCode ? link : null))|}.Result.Where(l => l != null).ToList();
                    return live!;
                }
            }
            """);

        [Fact]
        public Task Fix_awaits_a_returned_task_and_omits_the_token_when_none_is_in_scope() => Fix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(List<int> ids)
                {
                    await {|PERF601:Task.WhenAll(ids.Select(id => client.DeleteAsync($"/items/{id}")).ToList())|};
                }
            }
            """, """
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(List<int> ids)
                {
                    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) => await client.DeleteAsync($"/items/{id}"));
                }
            }
            """);

        [Fact]
        public Task Fix_keeps_an_async_block_body_and_reads_the_bound_from_editorconfig() => Fix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids)
                {
                    await {|PERF601:Task.WhenAll(ids.Select(async id =>
                    {
                        using var response = await client.PostAsync($"/items/{id}", null);
                        response.EnsureSuccessStatusCode();
                    }))|};
                }
            }
            """, """
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids)
                {
                    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, ct) =>
                    {
                        using var response = await client.PostAsync($"/items/{id}", null);
                        response.EnsureSuccessStatusCode();
                    });
                }
            }
            """, "perf_analyzers.PERF601.max_degree_of_parallelism = 4");

        [Fact]
        public Task Fix_calls_a_method_group_from_the_new_lambda_and_falls_back_to_the_default_bound_for_an_invalid_value() => Fix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(int[] orderIds)
                {
                    await {|PERF601:Task.WhenAll(orderIds.Select(Notify))|};
                }

                private async Task Notify(int id) => await client.PostAsJsonAsync("/notify", id);
            }
            """, """
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(int[] orderIds)
                {
                    await Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) => await Notify(item));
                }

                private async Task Notify(int id) => await client.PostAsJsonAsync("/notify", id);
            }
            """, "perf_analyzers.PERF601.max_degree_of_parallelism = zero");

        [Fact]
        public Task Fix_throttles_with_a_semaphore_when_the_results_are_used() => Fix("""
            public class RateClient(HttpClient client)
            {
                public async Task<int> Total(IEnumerable<string> currencies)
                {
                    var bodies = await {|PERF601:Task.WhenAll(currencies.Select(c => client.GetStringAsync($"/rates/{c}")))|};
                    return bodies.Sum(b => b.Length);
                }
            }
            """, """
            public class RateClient(HttpClient client)
            {
                public async Task<int> Total(IEnumerable<string> currencies)
                {
                    using var throttle = new SemaphoreSlim(8);
                    var bodies = await Task.WhenAll(currencies.Select(async c =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            return await client.GetStringAsync($"/rates/{c}");
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }));
                    return bodies.Sum(b => b.Length);
                }
            }
            """);

        [Fact]
        public Task Fix_wraps_an_async_block_that_returns_values_with_the_semaphore() => Fix("""
            public class RateClient(HttpClient client)
            {
                public async Task<Rate?[]> Rates(IEnumerable<string> currencies)
                {
                    // One request per currency.
                    return await {|PERF601:Task.WhenAll(currencies.Select(async c =>
                    {
                        var rate = await client.GetFromJsonAsync<Rate>($"/rates/{c}");
                        return rate;
                    }))|};
                }
            }
            """, """
            public class RateClient(HttpClient client)
            {
                public async Task<Rate?[]> Rates(IEnumerable<string> currencies)
                {
                    // One request per currency.
                    using var throttle = new SemaphoreSlim(8);
                    return await Task.WhenAll(currencies.Select(async c =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            var rate = await client.GetFromJsonAsync<Rate>($"/rates/{c}");
                            return rate;
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }));
                }
            }
            """);

        [Fact]
        public Task Fix_all_bounds_every_fan_out_of_a_method_with_names_that_do_not_clash() => Fix("""
            public class Sync(HttpClient client)
            {
                public async Task<int> Run(List<int> ids, List<string> urls)
                {
                    await {|PERF601:Task.WhenAll(ids.Select(id => client.DeleteAsync($"/items/{id}")))|};
                    var first = await {|PERF601:Task.WhenAll(urls.Select(u => client.GetStringAsync(u)))|};
                    var second = await {|PERF601:Task.WhenAll(urls.Select(u => client.GetByteArrayAsync(u)))|};
                    return first.Length + second.Length;
                }
            }
            """, """
            public class Sync(HttpClient client)
            {
                public async Task<int> Run(List<int> ids, List<string> urls)
                {
                    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) => await client.DeleteAsync($"/items/{id}"));
                    using var throttle = new SemaphoreSlim(8);
                    var first = await Task.WhenAll(urls.Select(async u =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            return await client.GetStringAsync(u);
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }));
                    using var throttle2 = new SemaphoreSlim(8);
                    var second = await Task.WhenAll(urls.Select(async u =>
                    {
                        await throttle2.WaitAsync();
                        try
                        {
                            return await client.GetByteArrayAsync(u);
                        }
                        finally
                        {
                            throttle2.Release();
                        }
                    }));
                    return first.Length + second.Length;
                }
            }
            """);

        [Fact]
        public Task Fix_throttles_an_unused_when_all_whose_async_block_returns_values() => Fix("""
            public class Sizer(HttpClient client)
            {
                public async Task Measure(IEnumerable<string> urls)
                {
                    await {|PERF601:Task.WhenAll(urls.Select(async u =>
                    {
                        var body = await client.GetStringAsync(u);
                        return body.Length;
                    }))|};
                }
            }
            """, """
            public class Sizer(HttpClient client)
            {
                public async Task Measure(IEnumerable<string> urls)
                {
                    using var throttle = new SemaphoreSlim(8);
                    await Task.WhenAll(urls.Select(async u =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            var body = await client.GetStringAsync(u);
                            return body.Length;
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }));
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_configured_await() => NoFix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(List<int> ids)
                {
                    await {|PERF601:Task.WhenAll(ids.Select(id => client.DeleteAsync($"/items/{id}")))|}.ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_synchronous_block_lambda() => NoFix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids)
                {
                    var sizes = await {|PERF601:Task.WhenAll(ids.Select(id =>
                    {
                        var url = $"/items/{id}";
                        return client.GetStringAsync(url);
                    }))|};
                }
            }
            """);

        [Fact]
        public Task No_fix_for_elements_that_share_one_db_context() => NoFix("""
            public class Reports(ShopDb db)
            {
                public async Task<Customer?[]> Load(int[] ids)
                    => await {|PERF601:Task.WhenAll(ids.Select(id => db.Customers.FirstOrDefaultAsync(c => c.Id == id)))|};
            }
            """);

        [Fact]
        public Task No_fix_for_elements_whose_repository_holds_one_db_context() => NoFix("""
            public interface ICustomerRepository { Task<Customer?> Find(int id); }

            public class CustomerRepository(ShopDb db) : ICustomerRepository
            {
                public Task<Customer?> Find(int id) => db.Customers.FirstOrDefaultAsync(c => c.Id == id);
            }

            public class Customers(ICustomerRepository customers)
            {
                public async Task Touch(List<int> ids)
                    => await {|PERF601:Task.WhenAll(ids.Select(async id => await customers.Find(id)))|};
            }
            """);

        [Fact]
        public Task No_fix_for_tasks_started_in_a_loop() => NoFix("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids)
                {
                    var tasks = new List<Task<HttpResponseMessage>>();
                    foreach (var id in ids)
                    {
                        tasks.Add(client.PostAsync($"/items/{id}/touch", null));
                    }

                    await {|PERF601:Task.WhenAll(tasks)|};
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_when_all_that_is_returned_rather_than_awaited() => NoFix("""
            public class RateClient(HttpClient client)
            {
                public Task<string[]> GetRates(List<string> currencies)
                    => {|PERF601:Task.WhenAll(currencies.Select(c => client.GetStringAsync($"/rates/{c}")))|};
            }
            """);

        [Fact]
        public Task Fix_turns_an_expression_bodied_member_that_uses_the_results_into_a_block_with_the_throttle() => Fix("""
            public class RateClient(HttpClient client)
            {
                public async Task<string[]> GetRates(List<string> currencies)
                    => await {|PERF601:Task.WhenAll(currencies.Select(c => client.GetStringAsync($"/rates/{c}")))|};

                public async Task<int> Count(List<string> urls)
                {
                    return (await Load()).Length;

                    async Task<byte[][]> Load() => await {|PERF601:Task.WhenAll(urls.Select(u => client.GetByteArrayAsync(u)))|};
                }
            }
            """, """
            public class RateClient(HttpClient client)
            {
                public async Task<string[]> GetRates(List<string> currencies)
                {
                    using var throttle = new SemaphoreSlim(8);
                    return await Task.WhenAll(currencies.Select(async c =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            return await client.GetStringAsync($"/rates/{c}");
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }));
                }

                public async Task<int> Count(List<string> urls)
                {
                    return (await Load()).Length;

                    async Task<byte[][]> Load()
                    {
                        using var throttle = new SemaphoreSlim(8);
                        return await Task.WhenAll(urls.Select(async u =>
                        {
                            await throttle.WaitAsync();
                            try
                            {
                                return await client.GetByteArrayAsync(u);
                            }
                            finally
                            {
                                throttle.Release();
                            }
                        }));
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_uses_parallel_for_each_async_for_a_member_whose_only_work_is_the_fan_out() => Fix("""
            public class Notifier(HttpClient client)
            {
                public Task NotifyAll(IEnumerable<int> ids) => {|PERF601:Task.WhenAll(ids.Select(id => client.PostAsync($"/items/{id}", null)))|};

                public async Task TouchAll(IEnumerable<int> ids, CancellationToken ct) => await {|PERF601:Task.WhenAll(ids.Select(id => client.PutAsync($"/items/{id}", null, ct)))|};

                public Task DeleteAll(IEnumerable<int> ids)
                {
                    return {|PERF601:Task.WhenAll(ids.Select(id => client.DeleteAsync($"/items/{id}")))|};
                }
            }
            """, """
            public class Notifier(HttpClient client)
            {
                public Task NotifyAll(IEnumerable<int> ids) => Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) => await client.PostAsync($"/items/{id}", null));

                public async Task TouchAll(IEnumerable<int> ids, CancellationToken ct) => await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, ct2) => await client.PutAsync($"/items/{id}", null, ct));

                public Task DeleteAll(IEnumerable<int> ids)
                {
                    return Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) => await client.DeleteAsync($"/items/{id}"));
                }
            }
            """);
    }
}
