using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>;

namespace PerfAnalyzers.Tests.Concurrency
{
    public class PERF601UnboundedFanOutTests
    {
        internal const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public record Rate(string Currency, decimal Value);
            public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Order { public int Id { get; set; } public int CustomerId { get; set; } public decimal Total { get; set; } }
            public class ShopDb : DbContext
            {
                public DbSet<Customer> Customers => Set<Customer>();
                public DbSet<Order> Orders => Set<Order>();
            }

            """;

        private static Task Verify(string body, string? editorConfig = null, Frameworks frameworks = Frameworks.Web, params DiagnosticResult[] expected)
            => VerifyCS.AnalyzerAsync(Usings + body, editorConfig, frameworks, expected: expected);

        // Flagged: HTTP.

        [Fact]
        public Task Reports_when_all_over_an_async_lambda_that_sends_an_http_request_per_element() => Verify("""
            public class RateClient(HttpClient client)
            {
                public async Task<Rate?[]> GetRates(IEnumerable<string> currencies)
                    => await {|PERF601:Task.WhenAll(currencies.Select(async c => await client.GetFromJsonAsync<Rate>($"/rates/{c}")))|};
            }
            """);

        [Fact]
        public Task Reports_a_lambda_that_returns_the_call_and_names_the_call_and_the_collection_in_the_message() => Verify("""
            public class RateClient(HttpClient client)
            {
                public Task<string[]> GetRates(List<string> currencies)
                    => {|#0:Task.WhenAll(currencies.Select(c => client.GetStringAsync($"/rates/{c}")))|};
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(
                "an HTTP request ('GetStringAsync')",
                "currencies",
                ", with nothing bounding how many run together; bound it with Parallel.ForEachAsync (MaxDegreeOfParallelism) or a SemaphoreSlim"));

        [Fact]
        public Task Reports_a_method_group_of_ours_that_sends_an_http_request() => Verify("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(int[] orderIds)
                {
                    await {|PERF601:Task.WhenAll(orderIds.Select(Notify))|};
                }

                private async Task Notify(int id)
                {
                    using var response = await client.PostAsJsonAsync("/notify", id);
                    response.EnsureSuccessStatusCode();
                }
            }
            """);

        [Fact]
        public Task Reports_the_select_materialised_with_to_list_or_to_array() => Verify("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IReadOnlyList<int> ids)
                {
                    await {|PERF601:Task.WhenAll(ids.Select(id => client.DeleteAsync($"/items/{id}")).ToList())|};
                    await {|PERF601:Task.WhenAll(ids.Select(id => client.DeleteAsync($"/items/{id}")).ToArray())|};
                }
            }
            """);

        [Fact]
        public Task Reports_tasks_held_in_a_local_before_when_all() => Verify("""
            public class Notifier(HttpClient client)
            {
                public async Task<int> NotifyAll(IReadOnlyList<int> ids)
                {
                    var tasks = ids.Select(id => client.GetAsync($"/items/{id}")).ToList();
                    var responses = await {|PERF601:Task.WhenAll(tasks)|};
                    return responses.Count(r => r.IsSuccessStatusCode);
                }
            }
            """);

        [Fact]
        public Task Reports_tasks_added_to_a_list_in_a_foreach_loop() => Verify("""
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
        public Task Reports_tasks_added_in_a_for_loop_over_a_list_of_unknown_size() => Verify("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(List<string> urls)
                {
                    var tasks = new List<Task>();
                    for (var i = 0; i < urls.Count; i++)
                    {
                        tasks.Add(Touch(urls[i]));
                    }

                    await {|PERF601:Task.WhenAll(tasks)|};
                }

                private async Task Touch(string url) => await client.GetAsync(url);
            }
            """);

        [Fact]
        public Task Reports_task_run_per_element_around_an_http_call() => Verify("""
            public class Notifier(HttpClient client)
            {
                public Task NotifyAll(IEnumerable<int> ids)
                    => {|PERF601:Task.WhenAll(ids.Select(id => Task.Run(async () => await client.GetAsync($"/items/{id}"))))|};
            }
            """);

        // Flagged: EF Core.

        [Fact]
        public Task Reports_a_method_of_ours_that_runs_a_query_on_a_context_of_its_own() => Verify("""
            public class Reports(IDbContextFactory<ShopDb> factory)
            {
                public async Task<decimal[]> Totals(IEnumerable<int> customerIds)
                    => await {|PERF601:Task.WhenAll(customerIds.Select(TotalFor))|};

                private async Task<decimal> TotalFor(int customerId)
                {
                    await using var db = await factory.CreateDbContextAsync();
                    return await db.Orders.Where(o => o.CustomerId == customerId).SumAsync(o => o.Total);
                }
            }
            """);

        [Fact]
        public Task Reports_queries_that_all_use_one_context_field_with_the_shared_context_message() => Verify("""
            public class Reports(ShopDb db)
            {
                private readonly ShopDb _db = db;

                public Task<Customer?[]> Load(int[] ids)
                    => {|#0:Task.WhenAll(ids.Select(id => _db.Customers.FirstOrDefaultAsync(c => c.Id == id)))|};
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(
                "a database query ('FirstOrDefaultAsync')",
                "ids",
                ", all on DbContext '_db'; EF Core throws when one context runs two operations at once, so give each element a context of its own (IDbContextFactory) or run them one after another"));

        [Fact]
        public Task Reports_a_shared_context_even_over_a_fixed_small_collection() => Verify("""
            public class Reports
            {
                public Task<int[]> Counts(ShopDb db)
                    => {|PERF601:Task.WhenAll(new[] { 1, 2, 3 }.Select(id => db.Orders.CountAsync(o => o.CustomerId == id)))|};
            }
            """);

        [Fact]
        public Task Reports_a_shared_context_in_a_method_of_ours_called_on_the_same_instance() => Verify("""
            public class Reports(ShopDb db)
            {
                public async Task<List<decimal>> Totals(IEnumerable<int> customerIds)
                {
                    var tasks = new List<Task<decimal>>();
                    foreach (var id in customerIds)
                    {
                        tasks.Add(TotalFor(id));
                    }

                    return (await {|#0:Task.WhenAll(tasks)|}).ToList();
                }

                private Task<decimal> TotalFor(int customerId)
                    => db.Orders.Where(o => o.CustomerId == customerId).SumAsync(o => o.Total);
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(
                "a call of 'TotalFor', which runs a database query ('SumAsync'),",
                "customerIds",
                ", all on DbContext 'db'; EF Core throws when one context runs two operations at once, so give each element a context of its own (IDbContextFactory) or run them one after another"));

        [Fact]
        public Task Reports_an_interface_method_whose_every_implementation_runs_a_query() => Verify("""
            public interface IOrderCounter { Task<int> CountFor(int customerId); }

            public class OrderCounter(IDbContextFactory<ShopDb> factory) : IOrderCounter
            {
                public async Task<int> CountFor(int customerId)
                {
                    await using var db = await factory.CreateDbContextAsync();
                    return await db.Orders.CountAsync(o => o.CustomerId == customerId);
                }
            }

            public class Reports(IOrderCounter counter)
            {
                public Task<int[]> Counts(IEnumerable<int> customerIds) => {|PERF601:Task.WhenAll(customerIds.Select(id => counter.CountFor(id)))|};
            }
            """);

        [Fact]
        public Task Reports_an_await_foreach_over_a_query_on_a_captured_context() => Verify("""
            public class Reports
            {
                public async Task<decimal[]> Totals(ShopDb db, List<int> customerIds)
                    => await {|PERF601:Task.WhenAll(customerIds.Select(async id =>
                    {
                        var total = 0m;
                        await foreach (var order in db.Orders.Where(o => o.CustomerId == id).AsAsyncEnumerable())
                        {
                            total += order.Total;
                        }

                        return total;
                    }))|};
            }
            """);

        [Fact]
        public Task Reports_a_synchronous_block_lambda_that_returns_the_request() => Verify("""
            public class Notifier(HttpClient client)
            {
                public Task NotifyAll(IEnumerable<int> ids) => {|PERF601:Task.WhenAll(ids.Select(id =>
                {
                    var url = $"/items/{id}";
                    return client.GetAsync(url);
                }))|};
            }
            """);

        // Not flagged.

        [Fact]
        public Task Ignores_an_action_block_with_a_bounded_degree_of_parallelism() => Verify("""
            public class Importer(HttpClient client)
            {
                public async Task Import(IEnumerable<int> ids)
                {
                    var block = new System.Threading.Tasks.Dataflow.ActionBlock<int>(
                        async id => await client.PostAsync($"/items/{id}", null),
                        new System.Threading.Tasks.Dataflow.ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 8, BoundedCapacity = 64 });
                    foreach (var id in ids)
                    {
                        await System.Threading.Tasks.Dataflow.DataflowBlock.SendAsync(block, id);
                    }

                    block.Complete();
                    await block.Completion;
                }
            }
            """);

        [Fact]
        public Task Ignores_when_any_and_methods_of_ours_without_io() => Verify("""
            public class Racer(HttpClient client)
            {
                public async Task<Task<string>> First(IEnumerable<string> mirrors)
                    => await Task.WhenAny(mirrors.Select(m => client.GetStringAsync(m)));

                public Task<int[]> Scores(IEnumerable<string> names) => Task.WhenAll(names.Select(Score));

                private static async Task<int> Score(string name)
                {
                    await Task.Delay(1);
                    return name.Length;
                }
            }
            """);

        [Fact]
        public Task Ignores_io_in_a_nested_lambda_the_element_does_not_run() => Verify("""
            public class Scheduler(HttpClient client)
            {
                public List<Func<Task>> Later { get; } = new();

                public Task Schedule(IEnumerable<string> urls) => Task.WhenAll(urls.Select(async u =>
                {
                    Later.Add(() => client.GetAsync(u));
                    await Task.Yield();
                }));
            }
            """);

        [Fact]
        public Task Ignores_repeat_with_a_constant_and_a_readonly_list_literal() => Verify("""
            public class Pinger(HttpClient client)
            {
                private readonly List<string> mirrors = new() { "/a", "/b" };

                public async Task Ping()
                {
                    await Task.WhenAll(Enumerable.Repeat("/ping", 3).Select(u => client.GetAsync(u)));
                    await Task.WhenAll(mirrors.Where(m => m.Length > 1).Select(m => client.GetAsync(m)));
                }
            }
            """);


        // Inflow's outbox processors: one call per registered implementation, as many as start-up registered.
        [Fact]
        public Task Ignores_a_fan_out_over_the_services_registered_for_an_abstraction() => Verify("""
            public interface IOutbox { Task CleanupAsync(); }

            public class EfOutbox(ShopDb db) : IOutbox
            {
                public async Task CleanupAsync() => db.Orders.RemoveRange(await db.Orders.Where(o => o.Total == 0).ToListAsync());
            }

            public class OutboxCleaner(IServiceProvider services, IEnumerable<IOutbox> injected)
            {
                public async Task Clean()
                {
                    var outboxes = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IOutbox>(services);
                    await Task.WhenAll(outboxes.Select(o => o.CleanupAsync()));
                    await Task.WhenAll(injected.Select(o => o.CleanupAsync()));
                }
            }
            """);

        [Fact]
        public Task Reports_a_fan_out_over_a_list_of_services_the_method_was_given() => Verify("""
            public interface IOutbox { Task CleanupAsync(); }

            public class EfOutbox(ShopDb db) : IOutbox
            {
                public async Task CleanupAsync() => db.Orders.RemoveRange(await db.Orders.Where(o => o.Total == 0).ToListAsync());
            }

            public class OutboxCleaner
            {
                public Task Clean(List<IOutbox> outboxes) => {|PERF601:Task.WhenAll(outboxes.Select(o => o.CleanupAsync()))|};
            }
            """);

        [Fact]
        public Task Ignores_cpu_only_lambdas() => Verify("""
            public class Hasher
            {
                public Task<int[]> HashAll(IEnumerable<string> values)
                    => Task.WhenAll(values.Select(v => Task.Run(() => v.GetHashCode())));

                public Task<string[]> Upper(IEnumerable<string> values)
                    => Task.WhenAll(values.Select(async v => { await Task.Yield(); return v.ToUpperInvariant(); }));
            }
            """);

        [Fact]
        public Task Ignores_fixed_small_collections() => Verify("""
            public class RateClient(HttpClient client)
            {
                private static readonly string[] Regions = { "eu", "us", "ap" };

                public async Task All()
                {
                    await Task.WhenAll(new[] { "EUR", "USD" }.Select(c => client.GetStringAsync($"/rates/{c}")));
                    await Task.WhenAll(new List<string> { "EUR", "USD" }.Select(c => client.GetStringAsync($"/rates/{c}")));
                    await Task.WhenAll(Regions.Select(r => client.GetStringAsync($"/{r}/health")));
                    string[] local = ["a", "b"];
                    await Task.WhenAll(local.Select(r => client.GetStringAsync($"/{r}")));
                }
            }
            """);

        [Fact]
        public Task Ignores_take_with_a_constant_and_a_constant_range() => Verify("""
            public class RateClient(HttpClient client)
            {
                public async Task All(IEnumerable<string> currencies)
                {
                    await Task.WhenAll(currencies.Take(4).Select(c => client.GetStringAsync($"/rates/{c}")));
                    await Task.WhenAll(Enumerable.Range(1, 3).Select(page => client.GetStringAsync($"/rates?page={page}")));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_for_loop_with_a_constant_bound() => Verify("""
            public class Pinger(HttpClient client)
            {
                public async Task PingThree()
                {
                    var tasks = new List<Task>();
                    for (var i = 0; i < 3; i++)
                    {
                        tasks.Add(client.GetAsync("/ping"));
                    }

                    await Task.WhenAll(tasks);
                }
            }
            """);

        [Fact]
        public Task Ignores_a_body_guarded_by_a_semaphore() => Verify("""
            public class RateClient(HttpClient client)
            {
                private readonly SemaphoreSlim throttle = new(8);

                public Task<string[]> GetRates(IEnumerable<string> currencies)
                    => Task.WhenAll(currencies.Select(async c =>
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
            """);

        [Fact]
        public Task Ignores_a_method_of_ours_that_waits_on_a_semaphore() => Verify("""
            public class RateClient(HttpClient client)
            {
                private static readonly SemaphoreSlim Throttle = new(8);

                public Task<string[]> GetRates(IEnumerable<string> currencies) => Task.WhenAll(currencies.Select(GetRate));

                private async Task<string> GetRate(string currency)
                {
                    await Throttle.WaitAsync();
                    try
                    {
                        return await client.GetStringAsync($"/rates/{currency}");
                    }
                    finally
                    {
                        Throttle.Release();
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_loop_that_waits_on_a_semaphore_before_starting_each_task() => Verify("""
            public class Notifier(HttpClient client)
            {
                public async Task NotifyAll(IEnumerable<int> ids)
                {
                    using var throttle = new SemaphoreSlim(8);
                    var tasks = new List<Task>();
                    foreach (var id in ids)
                    {
                        await throttle.WaitAsync();
                        tasks.Add(Send(id).ContinueWith(_ => throttle.Release()));
                    }

                    await Task.WhenAll(tasks);
                }

                private async Task Send(int id) => await client.PostAsync($"/items/{id}", null);
            }
            """);

        [Fact]
        public Task Ignores_parallel_for_each_async() => Verify("""
            public class Notifier(HttpClient client)
            {
                public Task NotifyAll(IEnumerable<int> ids, CancellationToken ct)
                    => Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                        async (id, token) => await client.PostAsync($"/items/{id}", null, token));
            }
            """);

        [Fact]
        public Task Ignores_a_bounded_channel_drained_by_a_fixed_number_of_workers() => Verify("""
            public class Importer(HttpClient client)
            {
                public async Task Import(IEnumerable<int> ids)
                {
                    var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait });
                    var workers = Enumerable.Range(0, 4).Select(async _ =>
                    {
                        await foreach (var id in channel.Reader.ReadAllAsync())
                        {
                            await client.PostAsync($"/items/{id}", null);
                        }
                    }).ToArray();
                    foreach (var id in ids)
                    {
                        await channel.Writer.WriteAsync(id);
                    }

                    channel.Writer.Complete();
                    await Task.WhenAll(workers);
                }
            }
            """);

        // ---- A fixed list of distinct tasks on one context (docs/rules/PERF601.md, "Distinct tasks on one DbContext") ----

        // Found in an NHS service layer's retry function: two methods of the class, each querying and saving on the one
        // injected context, started together.
        [Fact]
        public Task Reports_two_methods_of_ours_on_one_context_started_together() => Verify("""
            public class RetryFunction(ShopDb db)
            {
                public async Task Run()
                {
                    await {|#0:Task.WhenAll(RetryOrders(), RetryCustomers())|};
                }

                private async Task RetryOrders()
                {
                    var stale = await db.Orders.Where(o => o.Total == 0).ToListAsync();
                    await db.SaveChangesAsync();
                }

                private async Task RetryCustomers()
                {
                    var stale = await db.Customers.Where(c => c.Name == "").ToListAsync();
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(
                "a call of 'RetryOrders', which runs a database query ('ToListAsync'),",
                "RetryOrders(), RetryCustomers()",
                ", all on DbContext 'db'; EF Core throws when one context runs two operations at once, so give each element a context of its own (IDbContextFactory) or run them one after another"));

        [Fact]
        public Task Reports_two_queries_on_one_context_started_into_locals_and_awaited_together() => Verify("""
            public class Dashboard(ShopDb db)
            {
                public async Task<int> Counts()
                {
                    var orders = db.Orders.CountAsync();
                    var customers = db.Customers.CountAsync();
                    await {|PERF601:Task.WhenAll(orders, customers)|};
                    return orders.Result + customers.Result;
                }

                public async Task<int> Totals(ShopDb other)
                {
                    var results = await {|PERF601:Task.WhenAll(new[] { other.Orders.CountAsync(), other.Orders.CountAsync(o => o.Total > 100) })|};
                    return results.Sum();
                }
            }
            """);

        [Fact]
        public Task Ignores_distinct_tasks_on_two_contexts_or_awaited_one_after_another() => Verify("""
            public class Dashboard(ShopDb db, IDbContextFactory<ShopDb> factory, HttpClient client)
            {
                public async Task<int> TwoContexts(ShopDb other)
                {
                    var orders = db.Orders.CountAsync();
                    var customers = other.Customers.CountAsync();
                    await Task.WhenAll(orders, customers);
                    return orders.Result + customers.Result;
                }

                public async Task<int> OneAfterAnother()
                {
                    var orders = db.Orders.CountAsync();
                    await orders;
                    var customers = db.Customers.CountAsync();
                    await Task.WhenAll(orders, customers);
                    return orders.Result + customers.Result;
                }

                public async Task<int> ContextPerTask()
                {
                    await Task.WhenAll(CountOrders(), CountCustomers());
                    return 0;
                }

                public async Task OneQueryBesideARequest()
                {
                    await Task.WhenAll(db.Orders.CountAsync(), client.GetStringAsync("/health"));
                }

                private async Task<int> CountOrders()
                {
                    await using var own = await factory.CreateDbContextAsync();
                    return await own.Orders.CountAsync();
                }

                private async Task<int> CountCustomers()
                {
                    await using var own = await factory.CreateDbContextAsync();
                    return await own.Customers.CountAsync();
                }
            }
            """);

        // Top-level statements: the await two statements up, in a global statement of its own, still separates the tasks.
        [Fact]
        public Task Reads_top_level_statements_for_distinct_tasks_on_one_context() => VerifyCS.AnalyzerAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            var db = new ShopDb();
            var orders = db.Orders.CountAsync();
            await orders;
            var customers = db.Customers.CountAsync();
            await Task.WhenAll(orders, customers);

            var first = db.Orders.AnyAsync();
            var second = db.Customers.AnyAsync();
            await {|PERF601:Task.WhenAll(first, second)|};

            public class Customer { public int Id { get; set; } }
            public class Order { public int Id { get; set; } }
            public class ShopDb : DbContext
            {
                public DbSet<Customer> Customers => Set<Customer>();
                public DbSet<Order> Orders => Set<Order>();
            }
            """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_when_all_over_a_fixed_list_of_distinct_tasks() => Verify("""
            public class Dashboard(HttpClient client, ShopDb db)
            {
                public async Task<int> Load()
                {
                    var rates = client.GetStringAsync("/rates");
                    var news = client.GetStringAsync("/news");
                    var weather = client.GetStringAsync("/weather");
                    await Task.WhenAll(rates, news, weather);
                    return (await rates).Length + (await news).Length + (await weather).Length;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_context_created_per_element() => Verify("""
            public class Reports(IDbContextFactory<ShopDb> factory)
            {
                public Task<int[]> Counts()
                    => Task.WhenAll(new[] { 1, 2, 3 }.Select(async id =>
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        return await db.Orders.CountAsync(o => o.CustomerId == id);
                    }));
            }
            """);

        [Fact]
        public Task Ignores_a_list_filled_outside_a_loop() => Verify("""
            public class Pinger(HttpClient client)
            {
                public async Task Ping()
                {
                    var tasks = new List<Task>();
                    tasks.Add(client.GetAsync("/a"));
                    await Task.WhenAll(tasks);
                }
            }
            """);

        [Fact]
        public Task Registers_nothing_without_asp_net_core_or_ef_core() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class RateClient(HttpClient client)
            {
                public Task<string[]> GetRates(IEnumerable<string> currencies)
                    => Task.WhenAll(currencies.Select(c => client.GetStringAsync($"/rates/{c}")));
            }
            """, frameworks: Frameworks.NetCore);
    }
}
