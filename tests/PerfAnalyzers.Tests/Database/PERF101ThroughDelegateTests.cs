using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix>;
using VerifyLazy = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF102LazyLoadInLoopAnalyzer>;
using VerifySave = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// PERF101 through a delegate: a lambda given to a method of the application that calls it once per element of a loop
    /// of its own (docs/concepts.md#loop, "Through a delegate").
    /// </summary>
    public class PERF101ThroughDelegateTests
    {
        // Letterbook's outbound delivery: the delivery kind is a lambda that the loop over the audience calls per inbox.
        private const string Delivery = Model + """
            public class Scheduler
            {
                private readonly ShopDb db;
                public Scheduler(ShopDb db) => this.db = db;

                public async Task Publish(int customerId, Order order)
                {
                    var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId);
                }
            }

            public class Consumer
            {
                private readonly ShopDb db;
                private readonly Scheduler scheduler;
                public Consumer(ShopDb db, Scheduler scheduler) { this.db = db; this.scheduler = scheduler; }

                private async Task DeliverAudience(Order order, Func<int, Order, Task> fn)
                {
                    var audience = await db.Customers.Select(c => c.Id).ToListAsync();
                    foreach (var customerId in audience)
                    {
                        await fn(customerId, order);
                    }
                }

            """;

        // An application's own ForEach helper that awaits the body for each element in turn.
        private const string InTurn = Model + """
            public static class SequenceExtensions
            {
                public static async Task ForEachInTurn<T>(this IEnumerable<T> source, Func<T, Task> body)
                {
                    foreach (var item in source)
                    {
                        await body(item);
                    }
                }
            }

            """;

        [Fact]
        public Task Reports_a_query_in_a_lambda_the_called_method_runs_per_element() => VerifyCS.AnalyzerAsync(Delivery + """
                public Task Published(Order order)
                    => DeliverAudience(order, async (customerId, o) => await {|#0:db.Customers.FirstAsync(c => c.Id == customerId)|});
            }
            """,
            expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("FirstAsync", "for each 'customerId' that 'DeliverAudience' gives this lambda in a loop", ""));

        [Fact]
        public Task Reports_a_call_in_the_lambda_that_runs_a_query() => VerifyCS.AnalyzerAsync(Delivery + """
                public Task Published(Order order)
                    => DeliverAudience(order, (customerId, o) => {|PERF101:scheduler.Publish(customerId, o)|});
            }
            """);

        [Fact]
        public Task Reports_a_query_that_does_not_read_the_element_with_the_advice_to_run_it_before_the_call() => VerifyCS.AnalyzerAsync(Delivery + """
                public Task Published(Order order)
                    => DeliverAudience(order, async (customerId, o) => await {|#0:db.Lines.CountAsync(l => l.OrderId == o.Id)|});
            }
            """,
            expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("CountAsync", "for each 'customerId' that 'DeliverAudience' gives this lambda in a loop", "; it does not depend on the element, so run it once before the call"));

        [Fact]
        public Task Reports_through_an_extension_helper_that_awaits_each_element() => VerifyCS.AnalyzerAsync(InTurn + """
            public class C
            {
                public Task M(ShopDb db, List<Order> orders)
                    => orders.ForEachInTurn(async order => await {|PERF101:db.Customers.FirstAsync(c => c.Id == order.CustomerId)|});
            }
            """);

        [Fact]
        public Task Reports_through_an_application_helper_named_like_parallels_loop() => VerifyCS.AnalyzerAsync(Model + """
            // A council's repairs API: its own ForEachAsync awaits the lambda for each element in turn.
            public static class EnumerableExtensions
            {
                public static async Task ForEachAsync<T>(this IEnumerable<T> source, Func<T, Task> action)
                {
                    if (source is null) return;

                    foreach (var item in source)
                    {
                        await action(item);
                    }
                }
            }

            public interface IRates { Task<double> GetCost(string contractor, int code); }

            public class Rates : IRates
            {
                private readonly ShopDb db;
                public Rates(ShopDb db) => this.db = db;

                public async Task<double> GetCost(string contractor, int code)
                {
                    var cost = await db.Orders.Where(o => o.Id == code).Select(o => new { o.Total }).FirstOrDefaultAsync();
                    return (double)(cost?.Total ?? 0);
                }
            }

            public class C
            {
                private readonly IRates rates;
                public C(IRates rates) => this.rates = rates;

                public async Task<double> M(List<Order> orders, string contractor)
                {
                    var codes = orders.Select(o => new { o.Id, Amount = 2.0 }).ToList();
                    double total = 0;
                    await codes.ForEachAsync(async c => total += c.Amount * await {|PERF101:rates.GetCost(contractor, c.Id)|});
                    return total;
                }
            }
            """);

        [Fact]
        public Task Leaves_an_application_helper_named_like_parallels_loop_that_runs_the_lambda_once() => VerifyCS.AnalyzerAsync(Model + """
            public static class TaskExtensions
            {
                // Runs the body once, for the whole list.
                public static Task ForEachAsync<T>(this List<T> source, Func<List<T>, Task> action) => action(source);
            }

            public class C
            {
                public Task M(ShopDb db, List<Order> orders)
                    => orders.ForEachAsync(async all => await db.Customers.FirstAsync(c => c.Id == all[0].CustomerId));
            }
            """);

        [Fact]
        public Task Reports_through_an_indexed_for_loop_and_Invoke() => VerifyCS.AnalyzerAsync(Model + """
            public static class Batches
            {
                public static void Each(List<int> ids, Action<int> action)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        action.Invoke(ids[i]);
                    }
                }
            }

            public class C
            {
                public void M(ShopDb db, List<int> ids)
                    => Batches.Each(ids, id => {|PERF101:db.Customers.Find(id)|});
            }
            """);

        [Fact]
        public Task Reports_through_a_local_function_and_a_deconstructing_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, Dictionary<int, string> names)
                {
                    void EachName(Action<int, string> action)
                    {
                        foreach (var (id, name) in names)
                        {
                            action(id, name);
                        }
                    }

                    EachName((id, name) => {|PERF101:db.Customers.First(c => c.Id == id)|}.Name = name);
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_in_a_lambda_the_called_method_runs_per_element() => VerifySave.AnalyzerAsync(InTurn + """
            public class C
            {
                public Task M(ShopDb db, List<Order> orders)
                    => orders.ForEachInTurn(async order => { order.Total = 0; await {|PERF105:db.SaveChangesAsync()|}; });
            }
            """);

        [Fact]
        public Task Leaves_a_retry_helper_alone() => VerifyCS.AnalyzerAsync(Model + """
            public static class Retry
            {
                public static async Task<T> Times<T>(int attempts, Func<Task<T>> action)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try { return await action(); }
                        catch when (attempt < attempts) { await Task.Delay(100 * attempt); }
                    }
                }

                public static async Task<T> WithDelays<T>(TimeSpan[] delays, Func<Task<T>> action)
                {
                    foreach (var delay in delays)
                    {
                        try { return await action(); }
                        catch { await Task.Delay(delay); }
                    }

                    return await action();
                }
            }

            public class C
            {
                public Task<Customer> M(ShopDb db, int id) => Retry.Times(3, () => db.Customers.FirstAsync(c => c.Id == id));
                public Task<Customer> N(ShopDb db, int id) => Retry.WithDelays(new[] { TimeSpan.FromSeconds(1) }, () => db.Customers.FirstAsync(c => c.Id == id));
            }
            """);

        [Fact]
        public Task Leaves_a_delegate_called_once_outside_any_loop_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class Transactions
            {
                private readonly ShopDb db;
                public Transactions(ShopDb db) => this.db = db;

                public async Task<T> InTransaction<T>(Func<ShopDb, Task<T>> work, List<string> audit)
                {
                    foreach (var line in audit)
                    {
                        Console.WriteLine(line);
                    }

                    return await work(db);
                }
            }

            public class C
            {
                public Task<Customer> M(Transactions transactions, int id)
                    => transactions.InTransaction(db => db.Customers.FirstAsync(c => c.Id == id), new List<string>());
            }
            """);

        [Fact]
        public Task Leaves_a_delegate_that_the_loop_calls_without_its_element_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class Poller
            {
                public async Task Poll(List<TimeSpan> waits, Func<int, Task> check, int orderId)
                {
                    foreach (var wait in waits)
                    {
                        await Task.Delay(wait);
                        await check(orderId);
                    }
                }
            }

            public class C
            {
                public Task M(ShopDb db, Poller poller, int id)
                    => poller.Poll(new List<TimeSpan>(), async orderId => await db.Orders.FirstAsync(o => o.Id == orderId), id);
            }
            """);

        [Fact]
        public Task Leaves_a_delegate_called_in_a_lambda_of_the_called_method_alone() => VerifyCS.AnalyzerAsync(Model + """
            public static class Fan
            {
                // Started together: unbounded fan-out is PERF601's concern, not a loop of round trips.
                public static Task All(List<int> ids, Func<int, Task> body) => Task.WhenAll(ids.Select(id => body(id)));
            }

            public class C
            {
                public Task M(ShopDb db, List<int> ids) => Fan.All(ids, async id => await db.Customers.FirstAsync(c => c.Id == id));
            }
            """);

        [Fact]
        public Task Leaves_a_delegate_the_loop_only_passes_on_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class Registry
            {
                private readonly List<Func<int, Task>> handlers = new();

                public void Register(List<string> names, Func<int, Task> handler)
                {
                    foreach (var name in names)
                    {
                        handlers.Add(handler);
                    }
                }
            }

            public class C
            {
                public void M(ShopDb db, Registry registry) => registry.Register(new List<string>(), async id => await db.Customers.FirstAsync(c => c.Id == id));
            }
            """);

        [Fact]
        public Task Leaves_a_framework_method_that_takes_a_delegate_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public Task<Customer> M(ShopDb db, int id) => Task.Run(() => db.Customers.FirstAsync(c => c.Id == id));
            }
            """);

        [Fact]
        public Task Leaves_a_navigation_read_alone_since_the_collection_is_in_the_called_method() => VerifyLazy.AnalyzerAsync(Model + """
            public class Shelf { public int Id { get; set; } public virtual List<Order> Orders { get; set; } = new(); }
            public class ShelfDb : DbContext
            {
                public DbSet<Shelf> Shelves => Set<Shelf>();
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseLazyLoadingProxies();
            }

            public static class Compare
            {
                // Loops over the second list, not over the query it is given first.
                public static void EachOther(IQueryable<Shelf> source, List<Shelf> others, Action<Shelf> body)
                {
                    foreach (var shelf in others)
                    {
                        body(shelf);
                    }
                }
            }

            public class C
            {
                public void M(ShelfDb db, List<Shelf> detached)
                    => Compare.EachOther(db.Shelves, detached, shelf => Console.WriteLine(shelf.Orders.Count));
            }
            """);

        [Fact]
        public Task Offers_no_hoisting_fix_since_the_loop_is_in_the_called_method() => VerifyFix.NoCodeFixAsync(InTurn + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    await orders.ForEachInTurn(async order =>
                    {
                        var customer = await {|PERF101:db.Customers.FirstAsync(c => c.Id == order.CustomerId)|};
                        Console.WriteLine(customer.Name);
                    });
                }
            }
            """);
    }
}
