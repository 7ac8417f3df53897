using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF101QueryInLoopTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_query_by_key_inside_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders)
                {
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|};
                        names.Add(customer.Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public async Task Message_names_the_loop_variable()
        {
            var expected = new DiagnosticResult(Descriptors.PERF101QueryInLoop)
                .WithSpan(23, 27, 23, 90)
                .WithArguments("FirstOrDefaultAsync", "on each iteration of the loop over 'order'", "");
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class C
                {
                    public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                    {
                        foreach (var order in orders)
                        {
                            var c = await db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId)
                                ;
                        }
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(expected);
            await test.RunAsync();
        }

        [Fact]
        public async Task Message_says_a_loop_invariant_query_can_be_hoisted()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class C
                {
                    public int M(ShopDb db, List<Order> orders)
                    {
                        var total = 0;
                        foreach (var order in orders)
                        {
                            total += db.Customers.Count();
                        }

                        return total;
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF101QueryInLoop)
                .WithSpan(24, 22, 24, 42)
                .WithArguments("Count", "on each iteration of the loop over 'order'", "; it does not depend on the loop, so run it once before the loop"));
            await test.RunAsync();
        }

        // A query reading a local declared in the loop depends on the loop however the local was declared, so the
        // message must not say "run it once before the loop" (and the fix must not hoist it out of its scope).
        [Theory]
        [InlineData("int.TryParse(text, out var id)", "id")]
        [InlineData("int.TryParse(text, out parsed)", "parsed")]
        [InlineData("text is string { Length: > 0 } s && int.TryParse(s, out var id)", "id")]
        [InlineData("Split(text) is var (id, _)", "id")]
        public async Task Message_does_not_say_hoist_when_the_query_reads_a_local_of_the_iteration(string condition, string key)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + $$"""
                public class C
                {
                    public int M(ShopDb db, List<string> texts)
                    {
                        var total = 0;
                        var parsed = 0;
                        foreach (var text in texts)
                        {
                            if ({{condition}})
                            {
                                total += db.Orders.Count(o => o.CustomerId == {{key}});
                            }
                        }

                        return total + parsed;
                    }

                    private static (int, int) Split(string text) => (text.Length, 0);
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF101QueryInLoop)
                .WithSpan(27, 26, 27, 64 + key.Length)
                .WithArguments("Count", "on each iteration of the loop over 'text'", ""));
            await test.RunAsync();
        }

        [Fact]
        public async Task Message_does_not_say_hoist_when_a_deconstruction_writes_the_local_each_iteration()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class C
                {
                    public int M(ShopDb db, List<string> texts)
                    {
                        var total = 0;
                        int id, rest;
                        foreach (var text in texts)
                        {
                            (id, rest) = (text.Length, 0);
                            total += db.Orders.Count(o => o.CustomerId == id) + rest;
                        }

                        return total;
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF101QueryInLoop)
                .WithSpan(26, 22, 26, 62)
                .WithArguments("Count", "on each iteration of the loop over 'text'", ""));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_async_queries_inside_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        var customer = await {|PERF101:db.Customers.SingleOrDefaultAsync(c => c.Id == order.CustomerId, ct)|};
                        var lines = await {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(ct)|};
                        var found = await {|PERF101:db.Customers.FindAsync(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_find_and_aggregates_in_for_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, int[] ids)
                {
                    for (var i = 0; i < ids.Length; i++)
                    {
                        var customer = {|PERF101:db.Customers.Find(ids[i])|};
                        var count = {|PERF101:db.Orders.Count(o => o.CustomerId == ids[i])|};
                        var any = {|PERF101:db.Orders.Any(o => o.CustomerId == ids[i])|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_query_in_while_and_do_loops() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, Queue<int> ids)
                {
                    while (ids.Count > 0)
                    {
                        var id = ids.Dequeue();
                        var customer = {|PERF101:db.Customers.FirstOrDefault(c => c.Id == id)|};
                    }

                    do
                    {
                        var total = {|PERF101:db.Orders.Sum(o => o.Total)|};
                    }
                    while (ids.Count > 0);
                }
            }
            """);

        [Fact]
        public Task Reports_query_in_loop_condition() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    while (await {|PERF101:db.Orders.AnyAsync(o => o.Total == 0)|})
                    {
                        await Task.Delay(10);
                    }
                }
            }
            """);

        // ---- A background job's schedule is not a loop over data (docs/concepts.md#loop) ----

        [Fact]
        public Task Ignores_a_query_per_round_of_a_job_that_waits_between_rounds() => VerifyCS.AnalyzerAsync(Model + """
            public class Dispatcher
            {
                public async Task Run(ShopDb db, CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var pending = await db.Orders.Where(o => o.Total == 0).ToListAsync(stoppingToken);
                        Console.WriteLine(pending.Count);
                        await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
                    }
                }
            }
            """);

        // BTCPay Server's LNURL withdraw: after the claim, the payout is re-read until it settles or ten seconds pass, each
        // round waiting in a helper that starts a one-second delay beside the payout event.
        [Fact]
        public Task Ignores_a_poll_that_waits_through_a_helper_starting_a_delay() => VerifyCS.AnalyzerAsync(Model + """
            public class PayoutService
            {
                private readonly ShopDb db;
                public PayoutService(ShopDb db) => this.db = db;
                public async Task<List<Order>> GetPayouts(int id) => await db.Orders.Where(o => o.Id == id).ToListAsync();
            }

            public class Lnurl
            {
                public async Task<string> Claim(PayoutService payouts, int id, CancellationToken cancellationToken)
                {
                    var order = (await payouts.GetPayouts(id)).Single();
                    var since = DateTimeOffset.UtcNow;
                    while (true)
                    {
                        switch (order.Total)
                        {
                            case 0:
                                return "done";
                        }

                        if (DateTimeOffset.UtcNow - since > TimeSpan.FromSeconds(10.0))
                            return "pending";
                        await WaitChanged(id, cancellationToken);
                        order = (await payouts.GetPayouts(id)).Single();
                    }
                }

                private async Task WaitChanged(int id, CancellationToken cancellationToken)
                {
                    using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(1000, cts.Token);
                    await Task.WhenAny(delay);
                    cts.Cancel();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_per_tick_of_a_periodic_timer() => VerifyCS.AnalyzerAsync(Model + """
            public class Reporter
            {
                public async Task Run(ShopDb db, CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
                    while (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        Console.WriteLine(await db.Orders.CountAsync(stoppingToken));
                    }
                }
            }
            """);

        // Found in CleanArchitectureWithBlazorServer: a background service that waits on a queue and handles one request
        // per round.
        [Fact]
        public Task Ignores_a_query_per_item_of_a_job_that_waits_on_a_queue_or_channel() => VerifyCS.AnalyzerAsync(Model + """
            public interface IWorkQueue { ValueTask<int> DequeueAsync(CancellationToken token); }

            public class Worker
            {
                public async Task FromQueue(ShopDb db, IWorkQueue queue, CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var orderId = await queue.DequeueAsync(stoppingToken);
                        try
                        {
                            var order = await db.Orders.FindAsync(new object[] { orderId }, stoppingToken);
                            Console.WriteLine(order?.Total);
                        }
                        catch (Exception ex)
                        {
                            Console.WriteLine(ex);
                        }
                    }
                }

                public async Task FromChannel(ShopDb db, System.Threading.Channels.ChannelReader<int> reader, CancellationToken stoppingToken)
                {
                    while (true)
                    {
                        var id = await reader.ReadAsync(stoppingToken).ConfigureAwait(false);
                        Console.WriteLine(await db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken));
                    }
                }

                public async Task WhenReadable(ShopDb db, System.Threading.Channels.ChannelReader<int> reader, CancellationToken stoppingToken)
                {
                    while (await reader.WaitToReadAsync(stoppingToken))
                    {
                        if (reader.TryRead(out var id))
                        {
                            Console.WriteLine(await db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken));
                        }
                    }
                }

                // OpenDeepWiki's chat worker: each message is handled as it arrives.
                public async Task AsItArrives(ShopDb db, System.Threading.Channels.Channel<int> channel, CancellationToken stoppingToken)
                {
                    await foreach (var id in channel.Reader.ReadAllAsync(stoppingToken))
                    {
                        Console.WriteLine(await db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken));
                    }
                }
            }
            """);

        // BlazorBoilerplate's e-mail sender: each round reads the queued mails, then waits for a signal or a minute.
        [Fact]
        public Task Ignores_a_query_per_round_of_a_do_loop_that_waits_on_a_semaphore() => VerifyCS.AnalyzerAsync(Model + """
            public class Sender
            {
                public static readonly SemaphoreSlim QueueSignal = new(0);

                public async Task Run(ShopDb db, CancellationToken stoppingToken)
                {
                    do
                    {
                        foreach (var order in db.Orders.Where(o => o.Total > 0).ToArray())
                        {
                            Console.WriteLine(order.Id);
                        }

                        await QueueSignal.WaitAsync(60000, stoppingToken);
                    }
                    while (!stoppingToken.IsCancellationRequested);
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_round_of_a_loop_that_waits_on_a_semaphore_but_runs_over_data() => VerifyCS.AnalyzerAsync(Model + """
            public class Sender
            {
                public async Task Run(ShopDb db, SemaphoreSlim gate, List<int> ids, CancellationToken stoppingToken)
                {
                    foreach (var id in ids)
                    {
                        await gate.WaitAsync(stoppingToken);
                        Console.WriteLine(await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Id == id, stoppingToken)|});
                        gate.Release();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_element_received_in_a_round_or_read_from_a_stream() => VerifyCS.AnalyzerAsync(Model + """
            public interface IWorkQueue { ValueTask<List<int>> DequeueAsync(CancellationToken token); }

            public class Worker
            {
                public async Task Batch(ShopDb db, IWorkQueue queue, CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var ids = await queue.DequeueAsync(stoppingToken);
                        foreach (var id in ids)
                        {
                            Console.WriteLine(await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Id == id, stoppingToken)|});
                        }
                    }
                }

                public async Task Drain(ShopDb db, System.Threading.Channels.ChannelReader<int> reader, CancellationToken stoppingToken)
                {
                    while (await reader.WaitToReadAsync(stoppingToken))
                    {
                        while (reader.TryRead(out var id))
                        {
                            Console.WriteLine(await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken)|});
                        }
                    }
                }

                public async Task BatchesAsTheyArrive(ShopDb db, System.Threading.Channels.ChannelReader<List<int>> reader, CancellationToken stoppingToken)
                {
                    await foreach (var batch in reader.ReadAllAsync(stoppingToken))
                    {
                        foreach (var id in batch)
                        {
                            Console.WriteLine(await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken)|});
                        }
                    }
                }

                public async Task FromAnAsyncSequence(ShopDb db, IAsyncEnumerable<int> ids, CancellationToken stoppingToken)
                {
                    await foreach (var id in ids)
                    {
                        Console.WriteLine(await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken)|});
                    }
                }

                public async Task FromStream(ShopDb db, System.IO.Stream stream, CancellationToken stoppingToken)
                {
                    var buffer = new byte[4];
                    while (true)
                    {
                        var read = await stream.ReadAsync(buffer, stoppingToken);
                        if (read == 0)
                        {
                            break;
                        }

                        Console.WriteLine(await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == buffer[0], stoppingToken)|});
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_that_drains_without_waiting() => VerifyCS.AnalyzerAsync(Model + """
            public class Drainer
            {
                public async Task Run(ShopDb db, CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var next = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Total == 0, stoppingToken)|};
                        if (next == null)
                        {
                            break;
                        }

                        next.Total = 1;
                        await db.SaveChangesAsync(stoppingToken);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_element_inside_a_round() => VerifyCS.AnalyzerAsync(Model + """
            public class Dispatcher
            {
                public async Task Run(ShopDb db, List<int> customerIds, CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        foreach (var id in customerIds)
                        {
                            var customer = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == id, stoppingToken)|};
                        }

                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_enumeration_of_a_query_inside_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        foreach (var order in {|PERF101:db.Orders.Where(o => o.CustomerId == customer.Id)|})
                        {
                        }

                        await foreach (var order in {|PERF101:db.Orders.Where(o => o.CustomerId == customer.Id).AsAsyncEnumerable()|})
                        {
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_query_syntax_inside_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var orders = {|PERF101:(from o in db.Orders where o.CustomerId == customer.Id select o).ToList()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_query_through_a_local_inside_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var query = db.Orders.Where(o => o.CustomerId == customer.Id).AsNoTracking();
                        var orders = {|PERF101:query.ToList()|};
                    }
                }
            }
            """);

        // Found in bitwarden: after two 'from' clauses the lambda's parameter is a name the compiler made up, which the
        // message must not show; a single 'from' names its range variable.
        [Fact]
        public Task Message_of_a_query_expression_names_no_compiler_generated_parameter() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db, List<int> customerIds, List<int> orderIds)
                {
                    var pairs = (from c in customerIds
                                 from o in orderIds
                                 where {|#0:db.Orders.Any(x => x.Id == o && x.CustomerId == c)|}
                                 select o).ToList();
                    var single = (from c in customerIds where {|#1:db.Orders.Any(x => x.CustomerId == c)|} select c).ToList();
                    return pairs.Concat(single).ToList();
                }
            }
            """, expected: new[]
            {
                VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0).WithArguments("Any", "for each element passed to 'Where'", ""),
                VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(1).WithArguments("Any", "for each 'c' passed to 'Where'", ""),
            });

        [Fact]
        public Task Reports_query_in_per_element_lambdas() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    var names = orders.Select(o => {|PERF101:db.Customers.First(c => c.Id == o.CustomerId)|}.Name).ToList();
                    var big = orders.Where(o => {|PERF101:db.Lines.Count(l => l.OrderId == o.Id)|} > 3).ToList();
                    orders.ForEach(o => {|PERF101:db.Lines.Where(l => l.OrderId == o.Id).Load()|});
                    var all = await Task.WhenAll(orders.Select(async o => await {|PERF101:db.Customers.FirstAsync(c => c.Id == o.CustomerId)|}));
                    Parallel.ForEach(orders, o => {|PERF101:db.Customers.Find(o.CustomerId)|});
                    await Parallel.ForEachAsync(orders, async (o, token) => await {|PERF101:db.Customers.FindAsync(new object[] { o.CustomerId }, token)|});
                    var many = orders.SelectMany(o => {|PERF101:db.Lines.Where(l => l.OrderId == o.Id).ToList()|}).ToList();
                }
            }
            """);

        // A council's evidence API: residents.ConvertAll(r => gateway.FindResident(r.Id)), List<T>'s own per-element method.
        [Fact]
        public Task Reports_query_in_lambdas_given_to_list_and_array_methods() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Order[] archived)
                {
                    var customers = orders.ConvertAll(o => {|PERF101:db.Customers.First(c => c.Id == o.CustomerId)|});
                    var open = orders.FindAll(o => {|PERF101:db.Lines.Any(l => l.OrderId == o.Id)|});
                    var any = Array.Exists(archived, o => {|PERF101:db.Lines.Any(l => l.OrderId == o.Id)|});
                    Array.ForEach(archived, o => {|PERF101:db.Lines.Where(l => l.OrderId == o.Id).Load()|});
                }
            }
            """);

        [Fact]
        public Task In_memory_lambdas_given_to_list_and_array_methods_are_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Order[] archived)
                {
                    var lines = db.Lines.ToList();
                    var totals = orders.ConvertAll(o => lines.Count(l => l.OrderId == o.Id));
                    var open = orders.FindAll(o => lines.Any(l => l.OrderId == o.Id));
                    var all = Array.TrueForAll(archived, o => o.Total > 0);
                    var count = db.Orders.Count();
                    orders.RemoveAll(o => o.Total > count);
                }
            }
            """);

        // OpenDeepWiki's wiki generator: Parallel.ForEachAsync(items, options, GenerateItemAsync) over a local function.
        [Fact]
        public Task Reports_a_query_in_a_local_function_given_to_a_per_element_operator() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, ParallelOptions options)
                {
                    await Parallel.ForEachAsync(orders, options, LoadCustomerAsync);
                    var names = orders.Select(NameOf).ToList();

                    async ValueTask LoadCustomerAsync(Order order, CancellationToken token)
                        => Console.WriteLine(await {|#0:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId, token)|});

                    string NameOf(Order order) => {|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|}.Name;
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("FirstOrDefaultAsync", "for each 'order' passed to 'Parallel.ForEachAsync'", ""));

        [Fact]
        public Task Leaves_a_local_function_called_once_or_given_to_another_method() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, Order first)
                {
                    await LoadCustomerAsync(first, CancellationToken.None);
                    await Task.Run(Count);

                    async ValueTask LoadCustomerAsync(Order order, CancellationToken token)
                        => Console.WriteLine(await db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId, token));

                    int Count() => db.Orders.Count();
                }
            }
            """);

        [Fact]
        public Task Reports_set_method_and_FromSql_roots() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var a = {|PERF101:db.Set<Customer>().First(c => c.Id == id)|};
                        var b = {|PERF101:db.Customers.FromSqlInterpolated($"select * from Customers where Id = {id}").ToList()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_query_in_the_enumerated_AsEnumerable_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in db.Customers.AsEnumerable())
                    {
                        var count = {|PERF101:db.Orders.Count(o => o.CustomerId == customer.Id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_query_when_a_continue_can_skip_the_exit() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public Customer? M(ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:db.Customers.FirstOrDefault(c => c.Id == id)|};
                        if (customer == null)
                        {
                            continue;
                        }

                        return customer;
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task Reports_query_in_a_foreach_with_error_handling() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            var customer = await {|PERF101:db.Customers.FirstAsync(c => c.Id == order.CustomerId)|};
                        }
                        catch (InvalidOperationException)
                        {
                        }
                    }
                }
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task A_query_memoised_in_a_local_declared_before_the_loop_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders)
                {
                    List<Customer>? customers = null;
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        if (order.Customer == null)
                        {
                            customers ??= db.Customers.ToList();
                            names.Add(customers.First(c => c.Id == order.CustomerId).Name);
                        }
                    }

                    return names;
                }
            }
            """);

        // Found in Piranha's site repository: the memo written as an 'if' that assigns only while the value is null.
        [Fact]
        public Task A_query_assigned_only_while_its_local_or_field_is_null_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private Customer? fallback;
                private int? count;

                public async Task<List<string>> M(ShopDb db, List<Order> orders)
                {
                    Customer? first = null;
                    List<Customer>? all = null;
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        if (order.Customer == null && first == null)
                            first = await db.Customers.FirstOrDefaultAsync(c => c.Name == "Default");
                        if (all is null)
                        {
                            all = await db.Customers.ToListAsync();
                        }
                        if (null == fallback) this.fallback = db.Customers.FirstOrDefault();
                        if (!count.HasValue) count = await db.Orders.CountAsync();
                        names.Add(order.Customer?.Name ?? first?.Name ?? fallback?.Name ?? all.Count.ToString());
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task A_query_assigned_under_another_condition_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db, List<Order> orders)
                {
                    Customer? first = null;
                    Customer? other = null;
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        if (first == null || order.Total > 10)
                            first = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId)|};
                        if (other == null)
                            first = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId)|};
                        if (first != null)
                            first = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId)|};
                        Customer? mine = null;
                        if (mine == null)
                            mine = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId)|};
                        names.Add(first?.Name ?? other?.Name ?? mine?.Name ?? "");
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task A_query_once_every_thousand_elements_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<string> log)
                {
                    var seen = 0;
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        if (++seen % 1000 == 0)
                        {
                            log.Add($"{seen} of {db.Orders.Count()}");
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_query_every_other_element_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<int> counts)
                {
                    for (var i = 0; i < orders.Count; i++)
                    {
                        if (i % 2 == 0)
                        {
                            counts.Add({|PERF101:db.Lines.Count(l => l.OrderId == orders[i].Id)|});
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_query_hoisted_before_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    var ids = orders.Select(o => o.CustomerId).ToList();
                    var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
                    foreach (var order in orders)
                    {
                        var customer = customers[order.CustomerId];
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_Find_answered_by_the_change_tracker_after_a_preload() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    var ids = orders.Select(o => o.CustomerId).ToList();
                    await db.Customers.Where(c => ids.Contains(c.Id)).LoadAsync();
                    foreach (var order in orders)
                    {
                        var customer = await db.Customers.FindAsync(order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_Find_after_a_no_tracking_or_unrelated_preload() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    var all = db.Customers.AsNoTracking().ToList();
                    var lines = db.Lines.ToList();
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:db.Customers.Find(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_in_memory_queries_inside_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(List<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = customers.First(c => c.Id == order.CustomerId);
                        var q = customers.AsQueryable().Count(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_the_foreach_collection_query_that_runs_once() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    foreach (var customer in await db.Customers.ToListAsync())
                    {
                    }

                    foreach (var customer in db.Customers.Where(c => c.Name != ""))
                    {
                    }

                    for (var count = db.Customers.Count(); count > 0; count--)
                    {
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_subqueries_translated_into_the_outer_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> ids)
                {
                    var rows = db.Customers.Select(c => new { c.Name, Orders = db.Orders.Count(o => o.CustomerId == c.Id) }).ToList();
                    var filtered = db.Customers.Where(c => db.Orders.Any(o => o.CustomerId == c.Id && ids.Contains(o.Id))).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_loop_that_returns_right_after_the_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<Customer?> M(ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                        return customer;
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task Ignores_loop_that_breaks_or_throws_after_the_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        if (id > 10)
                        {
                            var found = db.Customers.Find(id);
                            Console.WriteLine(found?.Name);
                            break;
                        }
                    }

                    while (true)
                    {
                        var count = db.Orders.Count();
                        throw new InvalidOperationException(count.ToString());
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_returning_the_query_result_directly() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, List<int> ids)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        if (ids[i] > 0)
                        {
                            return await db.Orders.CountAsync(o => o.CustomerId == ids[i]);
                        }
                    }

                    return 0;
                }
            }
            """);

        [Fact]
        public Task Reports_a_temporal_query_per_element() => VerifyCS.AnalyzerAsync(Model + """
            // An NHS buying catalogue reads each order's customer as it was when the order was placed.
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, DateTime placed)
                {
                    foreach (var order in orders)
                    {
                        order.Customer = await {|PERF101:db.Customers.TemporalAsOf(placed).FirstOrDefaultAsync(c => c.Id == order.CustomerId)|};
                        var history = {|PERF101:db.Customers.TemporalAll().Where(c => c.Id == order.CustomerId).ToList()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_temporal_query_run_once_before_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, DateTime placed)
                {
                    var customers = await db.Customers.TemporalAsOf(placed).ToListAsync();
                    foreach (var order in orders)
                    {
                        order.Customer = customers.FirstOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_per_batch_of_a_linq_library_batch() => VerifyCS.AnalyzerAsync(Model + """
            // MoreLINQ's Batch, as an NHS buying catalogue looks up practice sizes 500 codes at a time.
            public static class MoreEnumerable
            {
                public static IEnumerable<IEnumerable<T>> Batch<T>(this IEnumerable<T> source, int size) => source.Chunk(size);
            }

            public class C
            {
                public async Task<List<Order>> M(ShopDb db, int[] ids)
                {
                    var found = new List<Order>();
                    foreach (var batch in ids.Batch(500))
                    {
                        found.AddRange(await db.Orders.Where(o => batch.Contains(o.Id)).ToListAsync());
                    }

                    return found;
                }
            }
            """);

        // An apprenticeship payments service looks up 2,000 ids at a time through batches held in a local first.
        [Fact]
        public Task Ignores_a_query_per_batch_of_batches_held_in_a_local() => VerifyCS.AnalyzerAsync(Model + """
            public static class Extensions
            {
                public static IEnumerable<IEnumerable<T>> Batch<T>(this IEnumerable<T> items, int maxItems)
                    => items.Select((item, index) => new { item, index }).GroupBy(x => x.index / maxItems).Select(g => g.Select(x => x.item));
            }

            public class C
            {
                public async Task<List<Order>> M(ShopDb db, List<int> ids)
                {
                    var found = new List<Order>();
                    var idBatches = ids.Batch(2000);
                    foreach (var batch in idBatches)
                    {
                        found.AddRange(await db.Orders.Where(o => batch.Contains(o.Id)).ToListAsync());
                    }

                    return found;
                }
            }
            """);

        // A local written again is not known to hold the batches.
        [Fact]
        public Task Reports_a_query_per_element_of_a_local_that_may_hold_other_rows() => VerifyCS.AnalyzerAsync(Model + """
            public static class Extensions
            {
                public static IEnumerable<IEnumerable<T>> Batch<T>(this IEnumerable<T> items, int maxItems) => items.Chunk(maxItems);
            }

            public class C
            {
                public async Task M(ShopDb db, List<int> ids, bool single)
                {
                    var groups = ids.Batch(2000);
                    if (single)
                    {
                        groups = ids.Select(id => (IEnumerable<int>)new[] { id });
                    }

                    foreach (var group in groups)
                    {
                        var first = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => group.Contains(o.Id))|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_element_inside_a_batch() => VerifyCS.AnalyzerAsync(Model + """
            public static class MoreEnumerable
            {
                public static IEnumerable<IEnumerable<T>> Batch<T>(this IEnumerable<T> source, int size) => source.Chunk(size);
            }

            public class C
            {
                public async Task M(ShopDb db, int[] ids)
                {
                    foreach (var batch in ids.Batch(500))
                    {
                        foreach (var id in batch)
                        {
                            var order = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Id == id)|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_per_element_of_a_batch_method_without_a_size() => VerifyCS.AnalyzerAsync(Model + """
            public static class Imports
            {
                // A batch of imported rows, one per element: not a split into batches.
                public static IEnumerable<int> Batch(this IEnumerable<int> rows, string importId) => rows;
            }

            public class C
            {
                public async Task M(ShopDb db, int[] ids)
                {
                    foreach (var id in ids.Batch("import-1"))
                    {
                        var order = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_paging_with_the_loop_counter() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    for (var page = 0; ; page++)
                    {
                        var batch = await db.Orders.OrderBy(o => o.Id).Skip(page * 100).Take(100).ToListAsync();
                        if (batch.Count == 0)
                        {
                            break;
                        }
                    }

                    var skip = 0;
                    while (true)
                    {
                        var batch = db.Orders.OrderBy(o => o.Id).Skip(skip).Take(100).ToList();
                        if (batch.Count == 0) break;
                        skip += batch.Count;
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_keyset_paging() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    var lastId = 0;
                    while (true)
                    {
                        var batch = await db.Orders.Where(o => o.Id > lastId).OrderBy(o => o.Id).Take(500).ToListAsync();
                        if (batch.Count == 0) break;
                        lastId = batch[batch.Count - 1].Id;
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_keyset_paging_over_the_rounds_of_a_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, int pages)
                {
                    var lastId = 0;
                    foreach (var round in Enumerable.Range(0, pages))
                    {
                        var batch = await db.Orders.Where(o => o.Id > lastId).OrderBy(o => o.Id).Take(500).ToListAsync();
                        if (batch.Count == 0) break;
                        lastId = batch[batch.Count - 1].Id;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_range_the_element_supplies_in_a_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        var cutoff = order.Total * 2;
                        var larger = await {|PERF101:db.Orders.Where(o => o.CustomerId == order.CustomerId && o.Total > cutoff).ToListAsync()|};
                        total += larger.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_range_of_the_element_itself_in_a_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<decimal> thresholds)
                {
                    var total = 0;
                    foreach (var threshold in thresholds)
                    {
                        total += {|PERF101:db.Orders.Where(o => o.Total >= threshold).Count()|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_loop_that_drains_a_query_batch_by_batch() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, int batchSize)
                {
                    var orphans = db.Lines.Where(l => !db.Orders.Any(o => o.Id == l.OrderId)).OrderBy(l => l.Id).Select(l => l.Id).Take(batchSize);
                    var deleted = 0;
                    while (true)
                    {
                        var ids = await orphans.ToListAsync();
                        if (ids.Count == 0)
                        {
                            break;
                        }

                        deleted += await db.Lines.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync();
                    }

                    return deleted;
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_that_takes_one_row_per_round() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    do
                    {
                        var next = await {|PERF101:db.Orders.Where(o => o.Total < 0).Take(1).ToListAsync()|};
                        if (next.Count == 0) break;
                        next[0].Total = 0;
                        await db.SaveChangesAsync();
                    }
                    while (true);
                }
            }
            """);

        [Fact]
        public Task Reports_a_batch_query_in_a_loop_that_does_not_stop_on_an_empty_batch() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<int> customerIds)
                {
                    var i = 0;
                    while (i < customerIds.Count)
                    {
                        var recent = await {|PERF101:db.Orders.Where(o => o.CustomerId == customerIds[i]).Take(50).ToListAsync()|};
                        Console.WriteLine(recent.Count);
                        i++;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_in_a_try_per_element_whose_lambda_returns() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public bool DeleteAll(ShopDb db, List<Order> orders)
                {
                    var ok = true;
                    for (var i = 0; i < orders.Count; i++)
                    {
                        try
                        {
                            var order = orders[i];
                            var lines = {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).ToList()|};
                            db.Lines.RemoveRange(lines);
                        }
                        catch (Exception)
                        {
                            ok = false;
                        }
                    }

                    return ok;
                }
            }
            """);

        [Fact]
        public Task Ignores_retry_loops() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            var count = await db.Orders.CountAsync();
                            Console.WriteLine(count);
                            return count;
                        }
                        catch (TimeoutException)
                        {
                            await Task.Delay(100);
                        }
                    }

                    var done = false;
                    while (!done)
                    {
                        try
                        {
                            var list = db.Orders.ToList();
                            done = true;
                        }
                        catch (InvalidOperationException)
                        {
                        }
                    }

                    return 0;
                }
            }
            """);

        // OpenDeepWiki's share links: a fresh random value is checked until one is unused; a second round needs a collision.
        [Fact]
        public Task Ignores_a_probe_for_an_unused_random_value() => VerifyCS.AnalyzerAsync(Model + """
            public class Codes
            {
                public async Task<string> ShareIdAsync(ShopDb db)
                {
                    for (var i = 0; i < 5; i++)
                    {
                        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(12);
                        var candidate = Convert.ToHexString(bytes);
                        var exists = await db.Customers.AnyAsync(c => c.Name == candidate);
                        if (!exists)
                        {
                            return candidate;
                        }
                    }

                    throw new InvalidOperationException();
                }

                public async Task<string> TokenAsync(ShopDb db)
                {
                    while (true)
                    {
                        var token = Guid.NewGuid().ToString("N");
                        if (!await db.Customers.AnyAsync(c => c.Name == token))
                        {
                            return token;
                        }
                    }
                }

                public async Task<int> NumberAsync(ShopDb db)
                {
                    int number;
                    do
                    {
                        number = Random.Shared.Next(1000, 9999);
                    }
                    while (await db.Orders.AnyAsync(o => o.Id == number));

                    return number;
                }
            }
            """);

        // An eligibility-checking API's reference numbers: the loop's own condition reads a flag the result sets.
        [Fact]
        public Task Ignores_a_probe_whose_result_the_loop_condition_reads() => VerifyCS.AnalyzerAsync(Model + """
            public class References(ShopDb db)
            {
                private static readonly Random random = new();

                public string NextReference()
                {
                    var unique = false;
                    var next = string.Empty;
                    while (!unique)
                    {
                        next = random.Next(1, 99999999).ToString();
                        unique = db.Customers.FirstOrDefault(c => c.Name == next) == null;
                    }

                    return next;
                }

                public async Task<string> NextCodeAsync()
                {
                    var taken = true;
                    var code = "";
                    for (var tries = 0; taken && tries < 10; tries++)
                    {
                        code = Guid.NewGuid().ToString("N")[..8];
                        taken = await db.Customers.AnyAsync(c => c.Name == code);
                    }

                    return code;
                }
            }
            """);

        // An eligibility-checking engine's reference numbers, later built from the clock's ticks: each round reads a later
        // time, so a second round needs a collision, as with a random value.
        [Fact]
        public Task Ignores_a_probe_for_an_unused_value_read_from_the_clock() => VerifyCS.AnalyzerAsync(Model + """
            public class References(ShopDb db)
            {
                public string NextReference()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        var timestamp = DateTime.UtcNow.Ticks.ToString();
                        var reference = timestamp.Substring(timestamp.Length - 8);
                        if (db.Customers.FirstOrDefault(c => c.Name == reference) == null) return reference;
                        Task.Delay(5).Wait();
                    }

                    return Guid.NewGuid().ToString("N");
                }

                public async Task<long> NextStampAsync()
                {
                    long stamp;
                    do
                    {
                        stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    }
                    while (await db.Orders.AnyAsync(o => o.Id == stamp));

                    return stamp;
                }
            }
            """);

        // A time fixed before the loop is read by every round alike: each round asks the same question.
        [Fact]
        public Task Reports_a_probe_whose_time_is_read_before_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class References(ShopDb db)
            {
                public string NextReference(List<string> prefixes)
                {
                    var stamp = DateTime.UtcNow.Ticks.ToString();
                    for (var i = 0; i < prefixes.Count; i++)
                    {
                        var reference = prefixes[i] + stamp;
                        if ({|PERF101:db.Customers.FirstOrDefault(c => c.Name == reference)|} == null) return reference;
                    }

                    return stamp;
                }
            }
            """);

        // The same flag over known values: every round reads the next one, as often as there are values.
        [Fact]
        public Task Reports_a_flag_loop_over_known_values() => VerifyCS.AnalyzerAsync(Model + """
            public class References(ShopDb db)
            {
                public string FirstFree(List<string> names)
                {
                    var free = false;
                    var i = 0;
                    var name = "";
                    while (!free && i < names.Count)
                    {
                        name = names[i++];
                        free = {|PERF101:db.Customers.FirstOrDefault(c => c.Name == name)|} == null;
                    }

                    return name;
                }
            }
            """);

        // A teacher-identity server's TRN tokens: the random source fills a buffer the value is made from.
        [Fact]
        public Task Ignores_a_probe_for_a_value_made_from_a_buffer_filled_at_random() => VerifyCS.AnalyzerAsync(Model + """
            public class Tokens(ShopDb db)
            {
                private static readonly Random random = new();

                public async Task<string> TokenAsync()
                {
                    string token;
                    do
                    {
                        var buffer = new byte[8];
                        System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
                        token = Convert.ToHexString(buffer).ToLower();
                    }
                    while (await db.Customers.AnyAsync(c => c.Name == token));

                    return token;
                }

                public string Code()
                {
                    while (true)
                    {
                        var bytes = new byte[6];
                        random.NextBytes(bytes);
                        var code = Convert.ToBase64String(bytes);
                        if (!db.Customers.Any(c => c.Name == code))
                        {
                            return code;
                        }
                    }
                }
            }
            """);

        // A buffer filled from a known source each round is not a random draw.
        [Fact]
        public Task Reports_a_probe_for_a_value_made_from_a_buffer_read_from_a_stream() => VerifyCS.AnalyzerAsync(Model + """
            public class Tokens(ShopDb db)
            {
                public async Task<string> TokenAsync(System.IO.Stream source)
                {
                    string token;
                    do
                    {
                        var buffer = new byte[8];
                        source.ReadExactly(buffer);
                        token = Convert.ToHexString(buffer);
                    }
                    while (await {|PERF101:db.Customers.AnyAsync(c => c.Name == token)|});

                    return token;
                }
            }
            """);

        // Teknik's pastes, uploads and short URLs: the random code comes from a helper of the application.
        [Fact]
        public Task Ignores_a_probe_for_a_value_drawn_by_an_application_helper() => VerifyCS.AnalyzerAsync(Model + """
            public static class StringHelper
            {
                public static string RandomString(int length) => RandomString(length, "abcdefghijklmnopqrstuvwxyz0123456789");

                public static string RandomString(int length, string allowed)
                {
                    var buffer = new byte[length];
                    using (var rng = System.Security.Cryptography.RandomNumberGenerator.Create())
                    {
                        rng.GetBytes(buffer);
                    }

                    return new string(buffer.Select(b => allowed[b % allowed.Length]).ToArray());
                }

                public static string Slug() => Guid.NewGuid().ToString("N").Substring(0, 8);
            }

            public class Pastes
            {
                public string NewUrl(ShopDb db)
                {
                    var url = StringHelper.RandomString(8);
                    while (db.Customers.Where(c => c.Name == url).FirstOrDefault() != null)
                    {
                        url = StringHelper.RandomString(8);
                    }

                    return url;
                }

                public string NewSlug(ShopDb db)
                {
                    var slug = StringHelper.Slug();
                    while (db.Customers.Any(c => c.Name == slug))
                    {
                        slug = StringHelper.Slug();
                    }

                    return slug;
                }
            }
            """);

        [Fact]
        public Task Reports_a_probe_for_a_value_an_application_helper_computes_without_chance() => VerifyCS.AnalyzerAsync(Model + """
            public static class StringHelper
            {
                public static string Next(string slug) => slug + "-1";
            }

            public class Pastes
            {
                public string NewSlug(ShopDb db, string title)
                {
                    var slug = title;
                    while ({|PERF101:db.Customers.Any(c => c.Name == slug)|})
                    {
                        slug = StringHelper.Next(slug);
                    }

                    return slug;
                }
            }
            """);

        [Fact]
        public Task Reports_a_probe_over_known_values_or_one_that_goes_on_after_its_answer() => VerifyCS.AnalyzerAsync(Model + """
            public class Codes
            {
                public async Task<int?> FirstFreeAsync(ShopDb db, List<int> ids)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        var id = ids[i];
                        if (!await {|PERF101:db.Orders.AnyAsync(o => o.Id == id)|})
                        {
                            return id;
                        }
                    }

                    return null;
                }

                public async Task<List<string>> ManyAsync(ShopDb db)
                {
                    var codes = new List<string>();
                    for (var i = 0; i < 10; i++)
                    {
                        var code = Guid.NewGuid().ToString("N");
                        if (!await {|PERF101:db.Customers.AnyAsync(c => c.Name == code)|})
                        {
                            codes.Add(code);
                        }
                    }

                    return codes;
                }

                public async Task<string> SlugAsync(ShopDb db, string title)
                {
                    var slug = title;
                    var suffix = 1;
                    while (await {|PERF101:db.Customers.AnyAsync(c => c.Name == slug)|})
                    {
                        slug = title + "-" + suffix++;
                    }

                    return slug;
                }
            }
            """);

        // Librum-Server's Stripe webhooks: the product row another webhook is inserting is asked for again until it appears.
        [Fact]
        public Task Ignores_a_wait_for_a_row_another_request_writes() => VerifyCS.AnalyzerAsync(Model + """
            public class Products
            {
                public async Task<Customer?> WaitAsync(ShopDb db, int id)
                {
                    var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id);
                    var tries = 0;
                    while (customer == null && tries < 3)
                    {
                        await Task.Delay(200);
                        customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id);
                        tries++;
                    }

                    return customer;
                }

                public async Task<Order?> PollAsync(ShopDb db, int id)
                {
                    Order? order = null;
                    for (var attempt = 0; order is null && attempt < 5; attempt++)
                    {
                        await Task.Delay(100);
                        order = await db.Orders.FindAsync(id);
                    }

                    return order;
                }
            }
            """);

        // An eligibility-checking engine waits for the check another request is saving: a local of the round, and an if
        // that leaves the loop once it is found, a second between tries.
        [Fact]
        public Task Ignores_a_wait_for_a_row_that_an_if_leaves_once_found() => VerifyCS.AnalyzerAsync(Model + """
            public class Checks
            {
                public async Task<Order?> WaitAsync(ShopDb db, int customerId)
                {
                    for (var i = 1; i <= 3; i++)
                    {
                        var latest = await db.Orders.Where(o => o.CustomerId == customerId).OrderByDescending(o => o.Id).FirstOrDefaultAsync();
                        if (latest != null)
                        {
                            return latest;
                        }

                        await Task.Delay(1000);
                    }

                    return null;
                }

                public async Task<string> NameAsync(ShopDb db, int id)
                {
                    var name = "";
                    while (true)
                    {
                        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                        if (customer is { Name.Length: > 0 })
                        {
                            name = customer.Name;
                            break;
                        }

                        await Task.Delay(200);
                    }

                    return name;
                }
            }
            """);

        // Leaving once nothing is found is a drain, and a query of the round's candidate a search: both still reported.
        [Fact]
        public Task Reports_a_loop_that_leaves_when_nothing_is_found_or_searches_candidates() => VerifyCS.AnalyzerAsync(Model + """
            public class Checks
            {
                public async Task DrainAsync(ShopDb db)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        var next = await {|PERF101:db.Orders.Where(o => o.Total == 0).FirstOrDefaultAsync()|};
                        if (next == null)
                        {
                            break;
                        }

                        db.Orders.Remove(next);
                        await db.SaveChangesAsync();
                    }
                }

                public async Task<Customer?> FirstKnownAsync(ShopDb db, int[] ids)
                {
                    for (var i = 0; i < ids.Length; i++)
                    {
                        var customer = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == ids[i])|};
                        if (customer != null)
                        {
                            return customer;
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_wait_for_a_row_through_a_call() => VerifyCS.AnalyzerAsync(Model + """
            public class Repository
            {
                private readonly ShopDb db;
                public Repository(ShopDb db) => this.db = db;
                public Task<Customer?> GetByIdAsync(int id) => db.Customers.SingleOrDefaultAsync(c => c.Id == id);
            }

            public class Products
            {
                public async Task<Customer?> WaitAsync(Repository repository, int id)
                {
                    Customer? customer = null;
                    var tries = 0;
                    while (customer == null && tries++ < 3)
                    {
                        await Task.Delay(200);
                        customer = await repository.GetByIdAsync(id);
                    }

                    return customer;
                }
            }
            """);

        [Fact]
        public Task Reports_a_search_over_candidates_or_a_drain_that_goes_on_while_rows_are_found() => VerifyCS.AnalyzerAsync(Model + """
            public class Products
            {
                public async Task<Customer?> FirstKnownAsync(ShopDb db, List<int> ids)
                {
                    Customer? customer = null;
                    var i = 0;
                    while (customer == null && i < ids.Count)
                    {
                        customer = await {|PERF101:db.Customers.SingleOrDefaultAsync(c => c.Id == ids[i])|};
                        i++;
                    }

                    return customer;
                }

                public async Task DrainAsync(ShopDb db)
                {
                    var order = await db.Orders.FirstOrDefaultAsync(o => o.Total < 0);
                    while (order != null)
                    {
                        order.Total = 0;
                        order = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Total < 0)|};
                    }
                }

                public async Task<Order?> NextAsync(ShopDb db, int id)
                {
                    Order? order = null;
                    while (order == null)
                    {
                        id++;
                        order = await {|PERF101:db.Orders.FindAsync(id)|};
                    }

                    return order;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_read_before_an_optimistic_concurrency_attempt() => VerifyCS.AnalyzerAsync(Model + """
            public class Claims
            {
                public async Task<Order?> ClaimAsync(ShopDb db)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var order = await db.Orders.Where(o => o.Total > 0).FirstOrDefaultAsync();
                        if (order == null)
                        {
                            return null;
                        }

                        order.Total = 0;
                        try
                        {
                            await db.SaveChangesAsync();
                            return order;
                        }
                        catch (DbUpdateConcurrencyException ex)
                        {
                            foreach (var entry in ex.Entries)
                            {
                                entry.State = EntityState.Detached;
                            }
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task Reports_a_read_before_a_try_that_does_not_leave_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class Claims
            {
                public async Task ResetAsync(ShopDb db, List<int> ids)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        var order = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Id == ids[i])|};
                        try
                        {
                            order!.Total = 0;
                        }
                        catch (NullReferenceException)
                        {
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_read_before_an_attempt_when_the_loop_also_continues() => VerifyCS.AnalyzerAsync(Model + """
            public class Claims
            {
                public async Task<Order?> ClaimAsync(ShopDb db, List<int> ids)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        var order = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.Id == ids[i])|};
                        if (order == null)
                        {
                            continue;
                        }

                        try
                        {
                            await db.SaveChangesAsync();
                            return order;
                        }
                        catch (DbUpdateConcurrencyException)
                        {
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task Ignores_writes_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        db.Customers.Add(customer);
                        await db.SaveChangesAsync();
                        await db.Orders.Where(o => o.CustomerId == customer.Id).ExecuteDeleteAsync();
                        db.Orders.Where(o => o.CustomerId == customer.Id).ExecuteUpdate(s => s.SetProperty(o => o.Total, 0));
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_explicit_loading_which_is_PERF103() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        db.Entry(customer).Collection(c => c.Orders).Load();
                        var count = db.Entry(customer).Collection(c => c.Orders).Query().Count();
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_query_in_lambda_that_is_not_per_element() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        Func<int> later = () => db.Orders.Count();
                        Console.WriteLine(later);
                    }

                    var first = orders.Count > 0 ? await db.Customers.FirstAsync() : null;
                    var task = Task.Run(() => db.Customers.ToList());
                }
            }
            """);

        [Fact]
        public Task Ignores_query_in_local_function_declared_in_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        Console.WriteLine(order.Id);
                    }

                    int Count() => db.Orders.Count();
                    Console.WriteLine(Count());
                }
            }
            """);

        [Fact]
        public Task Ignores_unknown_queryables_in_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(IQueryable<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = customers.First(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_everything_without_EF_Core() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public class C
            {
                public int M(List<int> ids, IQueryable<int> q)
                {
                    var total = 0;
                    foreach (var id in ids)
                    {
                        total += q.Count(x => x == id);
                    }

                    return total;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:db.Customers.First(c => c.Id == order.{|CS1001:)|}|};
                        var other = db.Customers.{|CS1061:Fir|}{|CS1002:|}
                    }
                }
            }
            """);
    
        [Fact]
        public Task Reports_query_inside_a_do_while_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, Queue<int> ids)
                {
                    do
                    {
                        var id = ids.Dequeue();
                        var customer = {|PERF101:db.Customers.FirstOrDefault(c => c.Id == id)|};
                    }
                    while (ids.Count > 0);
                }
            }
            """);
    
        [Fact]
        public Task Ignores_a_loop_whose_condition_reads_the_drained_batch() => VerifyCS.AnalyzerAsync(Model + """
            public class Purge
            {
                public int Run(ShopDb db, DateTime cutoff)
                {
                    var count = 0;
                    var batch = db.Orders.Where(o => o.Total < 0).OrderBy(o => o.Id).Take(100).ToList();
                    while (batch.Count > 0)
                    {
                        count += batch.Count;
                        db.Orders.RemoveRange(batch);
                        db.SaveChanges();
                        batch = db.Orders.Where(o => o.Total < 0).OrderBy(o => o.Id).Take(100).ToList();
                    }

                    return count;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_loop_whose_condition_reads_a_flag_set_from_the_drained_batch() => VerifyCS.AnalyzerAsync(Model + """
            public class ThumbnailScan
            {
                public void Run(ShopDb db)
                {
                    var complete = false;
                    while (!complete)
                    {
                        var batch = db.Orders.Where(o => o.Total < 0).OrderBy(o => o.Id).Take(100).ToArray();
                        complete = !batch.Any();
                        foreach (var order in batch)
                        {
                            order.Total = 0;
                        }

                        db.SaveChanges();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_whose_flag_is_set_from_something_else_than_the_batch() => VerifyCS.AnalyzerAsync(Model + """
            public class ThumbnailScan
            {
                public void Run(ShopDb db, Queue<int> work)
                {
                    var complete = false;
                    while (!complete)
                    {
                        var batch = {|PERF101:db.Orders.Where(o => o.Total < 0).OrderBy(o => o.Id).Take(100).ToArray()|};
                        complete = work.Count == 0;
                        work.Dequeue();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_whose_condition_reads_a_list_queried_whole() => VerifyCS.AnalyzerAsync(Model + """
            public class Purge
            {
                public void Run(ShopDb db)
                {
                    var orders = db.Orders.Where(o => o.Total < 0).ToList();
                    while (orders.Count > 0)
                    {
                        db.Orders.Remove(orders[0]);
                        db.SaveChanges();
                        orders = {|PERF101:db.Orders.Where(o => o.Total < 0).ToList()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_periodic_flush_of_a_pending_set_passed_as_a_parameter() => VerifyCS.AnalyzerAsync(Model + """
            public class Sync
            {
                public async Task Loop(ShopDb db, IEnumerable<string> incoming, HashSet<Customer> pending)
                {
                    foreach (var name in incoming)
                    {
                        pending.Add(new Customer { Name = name });
                        if (pending.Count > 500)
                        {
                            var names = pending.Select(p => p.Name).ToList();
                            var existing = await db.Customers.Where(c => names.Contains(c.Name)).Select(c => c.Name).ToListAsync();
                            pending.Clear();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_under_a_threshold_on_a_parameter_it_never_resets() => VerifyCS.AnalyzerAsync(Model + """
            public class Sync
            {
                public async Task Loop(ShopDb db, IEnumerable<string> incoming, HashSet<Customer> pending)
                {
                    foreach (var name in incoming)
                    {
                        pending.Add(new Customer { Name = name });
                        if (pending.Count > 500)
                        {
                            var existing = await {|PERF101:db.Customers.AnyAsync(c => c.Name == name)|};
                        }
                    }
                }
            }
            """);

        // ---- A branch for the one element that is a given name (OoS-Backend's change log) ----

        [Theory]
        [InlineData("if (propertyName == \"CustomerId\")")]
        [InlineData("if (\"CustomerId\" == propertyName)")]
        [InlineData("if (propertyName is \"CustomerId\")")]
        public Task A_query_for_the_one_element_with_a_given_name_is_not_reported(string branch) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class ChangesLog
            {
                public List<string> Describe(ShopDb db, IEnumerable<(string, string)> changedValues)
                {
                    var result = new List<string>();
                    foreach (var (propertyName, newValue) in changedValues)
                    {
                        var text = newValue;
                        {{branch}}
                        {
                            text = db.Customers.Where(c => c.Id == int.Parse(newValue)).Single().Name;
                        }

                        result.Add(propertyName + ": " + text);
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_in_the_case_of_a_switch_on_the_element_name_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class ChangesLog
            {
                public List<string> Describe(ShopDb db, Dictionary<string, string> changedValues)
                {
                    var result = new List<string>();
                    foreach (var propertyName in changedValues.Keys)
                    {
                        switch (propertyName)
                        {
                            case "CustomerId":
                                result.Add(db.Customers.Single(c => c.Id == int.Parse(changedValues[propertyName])).Name);
                                break;
                            default:
                                result.Add(propertyName);
                                break;
                        }
                    }

                    return result;
                }
            }
            """);

        // FeatBit's resource search: one arm per resource type of the filter's list.
        [Fact]
        public Task A_query_in_an_arm_of_a_switch_expression_on_the_element_name_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public static class Kinds
            {
                public const string Customer = "customer";
                public const string Order = "order";
            }

            public class Search
            {
                public async Task<List<string>> Find(ShopDb db, List<string> kinds, string name)
                {
                    var result = new List<string>();
                    foreach (var kind in kinds)
                    {
                        var names = kind switch
                        {
                            Kinds.Customer => await db.Customers.Where(c => c.Name.Contains(name)).Select(c => c.Name).ToListAsync(),
                            Kinds.Order => await db.Orders.Where(o => o.Customer!.Name.Contains(name)).Select(o => o.Customer!.Name).ToListAsync(),
                            _ => new List<string>(),
                        };
                        result.AddRange(names);
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_in_an_arm_of_a_switch_expression_on_a_member_of_the_element_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Search
            {
                public async Task<List<string>> Find(ShopDb db, List<Customer> customers)
                {
                    var result = new List<string>();
                    foreach (var customer in customers)
                    {
                        var names = customer.Name switch
                        {
                            "Ada" => await {|PERF101:db.Orders.Where(o => o.CustomerId == customer.Id).Select(o => o.Customer!.Name).ToListAsync()|},
                            _ => new List<string>(),
                        };
                        result.AddRange(names);
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_under_a_test_of_a_member_of_the_element_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders)
                {
                    var result = new List<string>();
                    foreach (var order in orders)
                    {
                        if (order.Customer!.Name == "Ada")
                        {
                            result.Add({|PERF101:db.Customers.Single(c => c.Id == order.CustomerId)|}.Name);
                        }
                    }

                    return result;
                }
            }
            """);

        // ---- A branch for the one element singled out by its key (Bit's account deletion) ----

        [Theory]
        [InlineData("if (order.Id == currentOrderId)")]
        [InlineData("if (currentOrderId == order.Id)")]
        [InlineData("if (order.Id.Equals(currentOrderId))")]
        public Task A_query_for_the_one_element_with_a_given_key_is_not_reported(string branch) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders, int currentOrderId)
                {
                    var result = new List<string>();
                    foreach (var order in orders)
                    {
                        {{branch}}
                        {
                            result.Add(db.Customers.Single(c => c.Id == order.CustomerId).Name);
                        }
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_for_the_one_element_with_a_given_type_named_key_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Session { public int SessionId { get; set; } public int CustomerId { get; set; } }
            public class C
            {
                public List<string> M(ShopDb db, Session[] sessions, int current)
                {
                    var result = new List<string>();
                    foreach (var session in sessions)
                    {
                        if (session.SessionId == current)
                        {
                            result.Add(db.Customers.Single(c => c.Id == session.CustomerId).Name);
                        }
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_for_the_one_element_with_a_given_marked_key_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Session { [System.ComponentModel.DataAnnotations.Key] public int Number { get; set; } public int CustomerId { get; set; } }
            public class C
            {
                public List<string> M(ShopDb db, Session[] sessions, int current)
                {
                    var result = new List<string>();
                    foreach (var session in sessions)
                    {
                        if (session.Number == current)
                        {
                            result.Add(db.Customers.Single(c => c.Id == session.CustomerId).Name);
                        }
                    }

                    return result;
                }
            }
            """);

        [Theory]
        [InlineData("if (order.CustomerId == customerId)")]
        [InlineData("if (order.Id != currentOrderId)")]
        [InlineData("if (order.Id == order.CustomerId)")]
        [InlineData("if (order.Id > currentOrderId)")]
        public Task A_query_under_another_test_of_the_element_key_is_reported(string branch) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders, int currentOrderId, int customerId)
                {
                    var result = new List<string>();
                    foreach (var order in orders)
                    {
                        {{branch}}
                        {
                            result.Add({|PERF101:db.Customers.Single(c => c.Id == order.CustomerId)|}.Name);
                        }
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_in_the_else_branch_of_a_key_test_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders, int currentOrderId)
                {
                    var result = new List<string>();
                    foreach (var order in orders)
                    {
                        if (order.Id == currentOrderId)
                        {
                            result.Add("current");
                        }
                        else
                        {
                            result.Add({|PERF101:db.Customers.Single(c => c.Id == order.CustomerId)|}.Name);
                        }
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task A_query_under_a_key_test_against_a_value_changed_in_the_loop_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db, List<Order> orders)
                {
                    var result = new List<string>();
                    var previous = 0;
                    foreach (var order in orders)
                    {
                        if (order.Id == previous + 1)
                        {
                            result.Add({|PERF101:db.Customers.Single(c => c.Id == order.CustomerId)|}.Name);
                        }

                        previous = order.Id;
                    }

                    return result;
                }
            }
            """);

        [Theory]
        [InlineData("if (propertyName != \"CustomerId\")")]
        [InlineData("if (propertyName.StartsWith(\"Customer\"))")]
        public Task A_query_under_another_test_of_the_element_name_is_reported(string branch) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class ChangesLog
            {
                public List<string> Describe(ShopDb db, IEnumerable<(string, string)> changedValues)
                {
                    var result = new List<string>();
                    foreach (var (propertyName, newValue) in changedValues)
                    {
                        {{branch}}
                        {
                            result.Add({|PERF101:db.Customers.Single(c => c.Id == int.Parse(newValue))|}.Name);
                        }
                    }

                    return result;
                }
            }
            """);
    }
}
