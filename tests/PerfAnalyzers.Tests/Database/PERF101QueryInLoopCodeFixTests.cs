using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF101QueryInLoopCodeFixTests
    {
        internal const string FirstByKeySource = Model + """
            public static class Report
            {
                public static List<string> CustomerNames(ShopDb db, List<Order> orders)
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
            """;

        internal const string FirstByKeyFixed = Model + """
            public static class Report
            {
                public static List<string> CustomerNames(ShopDb db, List<Order> orders)
                {
                    var names = new List<string>();
                    var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                    foreach (var order in orders)
                    {
                        var customer = customersById[order.CustomerId];
                        names.Add(customer.Name);
                    }

                    return names;
                }
            }
            """;

        internal const string AsyncSource = Model + """
            public static class Report
            {
                public static async Task<List<string>> Summaries(ShopDb db, List<Order> orders, CancellationToken cancellationToken)
                {
                    var result = new List<string>();
                    foreach (var order in orders)
                    {
                        var customer = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId, cancellationToken)|};
                        var lines = await {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken)|};
                        result.Add($"{order.Id}:{customer?.Name}:{lines.Count}");
                    }

                    return result;
                }
            }
            """;

        internal const string AsyncFixed = Model + """
            public static class Report
            {
                public static async Task<List<string>> Summaries(ShopDb db, List<Order> orders, CancellationToken cancellationToken)
                {
                    var result = new List<string>();
                    var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
                    var orderLineOrderIds = orders.Select(order => order.Id).Distinct().ToList();
                    var orderLinesByOrderId = (await db.Lines.Where(l => orderLineOrderIds.Contains(l.OrderId)).ToListAsync(cancellationToken)).ToLookup(l => l.OrderId);
                    foreach (var order in orders)
                    {
                        var customer = customersById.GetValueOrDefault(order.CustomerId);
                        var lines = orderLinesByOrderId[order.Id].ToList();
                        result.Add($"{order.Id}:{customer?.Name}:{lines.Count}");
                    }

                    return result;
                }
            }
            """;

        [Fact]
        public Task Fix_hoists_lookup_into_dictionary() => VerifyFix.CodeFixAsync(FirstByKeySource, FirstByKeyFixed);

        [Fact]
        public Task Fix_hoists_async_lookups_with_the_token_in_scope() => VerifyFix.CodeFixAsync(AsyncSource, AsyncFixed);

        [Fact]
        public Task Fix_turns_Find_into_dictionary_lookup_and_passes_the_method_token() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static async Task<int> Count(ShopDb db, Order[] orders, CancellationToken ct)
                {
                    var found = 0;
                    foreach (var order in orders)
                    {
                        var customer = await {|PERF101:db.Customers.FindAsync(order.CustomerId)|};
                        if (customer != null) found++;
                    }

                    return found;
                }
            }
            """, Model + """
            public static class Report
            {
                public static async Task<int> Count(ShopDb db, Order[] orders, CancellationToken ct)
                {
                    var found = 0;
                    var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                    foreach (var order in orders)
                    {
                        var customer = customersById.GetValueOrDefault(order.CustomerId);
                        if (customer != null) found++;
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task Fix_names_are_free_when_only_another_method_uses_them() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static int Other(List<int> customerIds) => customerIds.Count;

                public static List<string> CustomerNames(ShopDb db, List<Order> orders)
                {
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        names.Add({|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|}.Name);
                    }

                    return names;
                }
            }
            """, Model + """
            public static class Report
            {
                public static int Other(List<int> customerIds) => customerIds.Count;

                public static List<string> CustomerNames(ShopDb db, List<Order> orders)
                {
                    var names = new List<string>();
                    var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                    foreach (var order in orders)
                    {
                        names.Add(customersById[order.CustomerId].Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Fix_avoids_names_already_used_in_the_method() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static List<string> CustomerNames(ShopDb db, List<Order> orders)
                {
                    var customerIds = new List<int>();
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        names.Add({|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|}.Name);
                    }

                    return names;
                }
            }
            """, Model + """
            public static class Report
            {
                public static List<string> CustomerNames(ShopDb db, List<Order> orders)
                {
                    var customerIds = new List<int>();
                    var names = new List<string>();
                    var customerIds2 = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds2.Contains(c.Id)).ToDictionary(c => c.Id);
                    foreach (var order in orders)
                    {
                        names.Add(customersById[order.CustomerId].Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Fix_turns_sync_Find_and_Single_into_lookups_with_the_loop_value_as_key() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static void Print(ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:db.Customers.Find(id)|};
                        var order = {|PERF101:db.Orders.AsNoTracking().Single(o => o.Id == id)|};
                        Console.WriteLine($"{customer?.Name} {order.Total}");
                    }
                }
            }
            """, Model + """
            public static class Report
            {
                public static void Print(ShopDb db, List<int> ids)
                {
                    var customerIds = ids.Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                    var orderIds = ids.Distinct().ToList();
                    var ordersById = db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionary(o => o.Id);
                    foreach (var id in ids)
                    {
                        var customer = customersById.GetValueOrDefault(id);
                        var order = ordersById[id];
                        Console.WriteLine($"{customer?.Name} {order.Total}");
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_groups_rows_when_First_matches_a_property_that_is_not_the_key() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static async Task<List<decimal>> FirstTotals(ShopDb db, List<Customer> customers)
                {
                    var totals = new List<decimal>();
                    foreach (var customer in customers)
                    {
                        var order = await {|PERF101:db.Orders.FirstOrDefaultAsync(o => o.CustomerId == customer.Id)|};
                        totals.Add(order?.Total ?? 0);
                    }

                    return totals;
                }
            }
            """, Model + """
            public static class Report
            {
                public static async Task<List<decimal>> FirstTotals(ShopDb db, List<Customer> customers)
                {
                    var totals = new List<decimal>();
                    var orderCustomerIds = customers.Select(customer => customer.Id).Distinct().ToList();
                    var ordersByCustomerId = (await db.Orders.Where(o => orderCustomerIds.Contains(o.CustomerId)).ToListAsync()).GroupBy(o => o.CustomerId).ToDictionary(rows => rows.Key, rows => rows.First());
                    foreach (var customer in customers)
                    {
                        var order = ordersByCustomerId.GetValueOrDefault(customer.Id);
                        totals.Add(order?.Total ?? 0);
                    }

                    return totals;
                }
            }
            """);

        [Fact]
        public Task Fix_hoists_query_out_of_a_Select_lambda() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static List<string> Names(ShopDb db, List<Order> orders)
                {
                    var names = orders.Select(o => {|PERF101:db.Customers.First(c => c.Id == o.CustomerId)|}.Name).ToList();
                    return names;
                }
            }
            """, Model + """
            public static class Report
            {
                public static List<string> Names(ShopDb db, List<Order> orders)
                {
                    var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                    var names = orders.Select(o => customersById[o.CustomerId].Name).ToList();
                    return names;
                }
            }
            """);

        // An apprenticeship learning service's async query handler: a synchronous Single per element of a Select. The
        // hoisted load is awaited with the method's token, so the fix leaves no blocking query for PERF202.
        [Fact]
        public Task Fix_awaits_the_hoisted_load_of_a_synchronous_lookup_in_async_code() => VerifyFix.CodeFixAsync(Model + """
            public class LearningsQuery
            {
                public async Task<List<string>> Handle(ShopDb db, CancellationToken ct)
                {
                    var orders = await db.Orders.Take(50).ToListAsync(ct);
                    return orders.Select(order =>
                    {
                        var customer = {|PERF101:db.Customers.Single(c => c.Id == order.CustomerId)|};
                        return customer.Name;
                    }).ToList();
                }
            }
            """, Model + """
            public class LearningsQuery
            {
                public async Task<List<string>> Handle(ShopDb db, CancellationToken ct)
                {
                    var orders = await db.Orders.Take(50).ToListAsync(ct);
                    var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                    return orders.Select(order =>
                    {
                        var customer = customersById[order.CustomerId];
                        return customer.Name;
                    }).ToList();
                }
            }
            """);

        // Inside a lock an await cannot stand: the hoisted load stays synchronous there.
        [Fact]
        public Task Fix_keeps_the_hoisted_load_synchronous_inside_a_lock() => VerifyFix.CodeFixAsync(Model + """
            public class NameCache
            {
                private readonly object gate = new();

                public async Task<List<string>> Names(ShopDb db, List<Order> orders)
                {
                    await Task.Yield();
                    var names = new List<string>();
                    lock (gate)
                    {
                        foreach (var order in orders)
                        {
                            names.Add({|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|}.Name);
                        }
                    }

                    return names;
                }
            }
            """, Model + """
            public class NameCache
            {
                private readonly object gate = new();

                public async Task<List<string>> Names(ShopDb db, List<Order> orders)
                {
                    await Task.Yield();
                    var names = new List<string>();
                    lock (gate)
                    {
                        var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                        var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                        foreach (var order in orders)
                        {
                            names.Add(customersById[order.CustomerId].Name);
                        }
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Fix_turns_Where_ToArray_into_a_lookup() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static int Lines(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        total += {|PERF101:db.Lines.Where(l => order.Id == l.OrderId).ToArray()|}.Length;
                    }

                    return total;
                }
            }
            """, Model + """
            public static class Report
            {
                public static int Lines(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    var orderLineOrderIds = orders.Select(order => order.Id).Distinct().ToList();
                    var orderLinesByOrderId = db.Lines.Where(l => orderLineOrderIds.Contains(l.OrderId)).ToLookup(l => l.OrderId);
                    foreach (var order in orders)
                    {
                        total += orderLinesByOrderId[order.Id].ToArray().Length;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Fix_all_handles_several_loops_without_name_clashes() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static void Print(ShopDb db, List<Order> orders, List<Order> more)
                {
                    foreach (var order in orders)
                    {
                        Console.WriteLine({|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|}.Name);
                    }

                    foreach (var order in more)
                    {
                        Console.WriteLine({|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|}.Name);
                    }
                }
            }
            """, Model + """
            public static class Report
            {
                public static void Print(ShopDb db, List<Order> orders, List<Order> more)
                {
                    var customerIds = orders.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                    foreach (var order in orders)
                    {
                        Console.WriteLine(customersById[order.CustomerId].Name);
                    }

                    var customerIds2 = more.Select(order => order.CustomerId).Distinct().ToList();
                    var customersById2 = db.Customers.Where(c => customerIds2.Contains(c.Id)).ToDictionary(c => c.Id);
                    foreach (var order in more)
                    {
                        Console.WriteLine(customersById2[order.CustomerId].Name);
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_for_shapes_that_cannot_be_hoisted_safely() => VerifyFix.NoCodeFixAsync(Model + """
            public static class Report
            {
                private static List<Order> Load() => new();

                public static async Task Print(ShopDb db, List<Order> orders, IAsyncEnumerable<Order> stream)
                {
                    foreach (var order in orders)
                    {
                        var byEmail = {|PERF101:db.Customers.FirstOrDefault(c => c.Email == order.Customer!.Email)|};
                        var count = {|PERF101:db.Orders.Count(o => o.CustomerId == order.CustomerId)|};
                        var invariant = {|PERF101:db.Customers.First()|};
                        var extra = {|PERF101:db.Customers.First(c => c.Id == order.CustomerId && c.Name != "")|};
                        var configured = await {|PERF101:db.Customers.FirstAsync(c => c.Id == order.CustomerId)|}.ConfigureAwait(false);
                        var local = order.Id + 1;
                        var mixed = {|PERF101:db.Orders.First(o => o.Id == local)|};
                    }

                    foreach (var order in Load())
                    {
                        var customer = {|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|};
                    }

                    await foreach (var order in stream)
                    {
                        var customer = {|PERF101:db.Customers.First(c => c.Id == order.CustomerId)|};
                    }

                    for (var i = 0; i < orders.Count; i++)
                    {
                        var customer = {|PERF101:db.Customers.Find(orders[i].CustomerId)|};
                    }

                    foreach (var order in orders)
                    {
                        var lines = {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).OrderBy(l => l.Sku).ToList()|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_for_Find_given_its_keys_as_an_array() => VerifyFix.NoCodeFixAsync(Model + """
            // Bit's attachment delete: FindAsync([id], ct) takes the key values as one array.
            public static class Report
            {
                public static async Task<int> Count(ShopDb db, Order[] orders, CancellationToken ct)
                {
                    var found = 0;
                    foreach (var order in orders)
                    {
                        var customer = await {|PERF101:db.Customers.FindAsync([order.CustomerId], ct)|};
                        if (customer != null) found++;
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_query_continued_after_a_null_conditional() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var first = {|PERF101:db.Customers.Where(c => c.Name != "")?.FirstOrDefault()|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_when_an_async_query_runs_in_a_sync_outer_method() => VerifyFix.NoCodeFixAsync(Model + """
            public static class Report
            {
                public static Task<Customer[]> Load(ShopDb db, List<Order> orders)
                    => Task.WhenAll(orders.Select(async o => await {|PERF101:db.Customers.FirstAsync(c => c.Id == o.CustomerId)|}));
            }
            """);

        [Fact]
        public Task Fix_passes_the_request_token_of_a_controller_action() => VerifyFix.CodeFixAsync(Model + """
            public class CustomersController(ShopDb db) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                public async Task<List<string>> Names(List<int> ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:db.Customers.FindAsync(id)|};
                        names.Add(customer?.Name ?? "");
                    }

                    return names;
                }
            }
            """, Model + """
            public class CustomersController(ShopDb db) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                public async Task<List<string>> Names(List<int> ids)
                {
                    var names = new List<string>();
                    var customerIds = ids.Distinct().ToList();
                    var customersById = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, HttpContext.RequestAborted);
                    foreach (var id in ids)
                    {
                        var customer = customersById.GetValueOrDefault(id);
                        names.Add(customer?.Name ?? "");
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Fix_inserts_a_missing_using_in_order() => VerifyFix.CodeFixAsync("""
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }

            public static class Report
            {
                public static List<string> Names(ShopDb db, List<int> ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        names.Add({|PERF101:db.Customers.Find(id)|}?.Name ?? "");
                    }

                    return names;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }

            public static class Report
            {
                public static List<string> Names(ShopDb db, List<int> ids)
                {
                    var names = new List<string>();
                    var customerIds = ids.Distinct().ToList();
                    var customersById = db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionary(c => c.Id);
                    foreach (var id in ids)
                    {
                        names.Add(customersById.GetValueOrDefault(id)?.Name ?? "");
                    }

                    return names;
                }
            }
            """);
    }
}
