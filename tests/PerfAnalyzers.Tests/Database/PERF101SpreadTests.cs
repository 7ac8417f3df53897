using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// A collection expression runs the EF query it spreads (<c>[.. query]</c>), as <c>ToList()</c> would
    /// (docs/concepts.md#executing-an-ef-query): in a loop, once per iteration (docs/rules/PERF101.md).
    /// </summary>
    public class PERF101SpreadTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_a_spread_query_in_a_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<OrderLine> lines = [.. {|PERF101:db.Lines.Where(l => l.OrderId == order.Id)|}];
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_spread_DbSet_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        Customer[] customers = [.. {|PERF101:db.Customers|}];
                        total += customers.Length;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_spread_local_that_holds_the_iterations_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    for (var i = 0; i < orders.Count; i++)
                    {
                        var query = db.Lines.Where(l => l.OrderId == orders[i].Id);
                        List<OrderLine> lines = [.. {|PERF101:query|}];
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_spread_query_in_a_per_element_lambda() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<List<OrderLine>> M(ShopDb db, List<Order> orders)
                    => orders.Select<Order, List<OrderLine>>(o => [.. {|PERF101:db.Lines.Where(l => l.OrderId == o.Id)|}]).ToList();
            }
            """);

        [Fact]
        public Task Reports_each_query_of_a_collection_expression() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<int> ids = [.. {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).Select(l => l.Id)|}, .. {|PERF101:db.Orders.Where(o => o.CustomerId == order.CustomerId).Select(o => o.Id)|}];
                        total += ids.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public async Task Message_names_the_spread_and_offers_to_run_an_invariant_one_before_the_loop()
        {
            var expected = new DiagnosticResult(Descriptors.PERF101QueryInLoop)
                .WithSpan(24, 40, 24, 52)
                .WithArguments("[..]", "on each iteration of the loop over 'order'", "; it does not depend on the loop, so run it once before the loop");
            await VerifyCS.AnalyzerAsync(Model + """
                public class C
                {
                    public int M(ShopDb db, List<Order> orders)
                    {
                        var total = 0;
                        foreach (var order in orders)
                        {
                            Customer[] customers = [.. db.Customers];
                            total += customers.Length;
                        }

                        return total;
                    }
                }
                """, expected: expected);
        }

        [Fact]
        public Task Reports_a_spread_of_a_materialised_query_once_as_its_call() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<OrderLine> lines = [.. await {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).ToListAsync()|}];
                        total += lines.Count;
                    }

                    foreach (var order in orders)
                    {
                        Customer[] customers = [.. {|PERF101:db.Customers.Where(c => c.Id == order.CustomerId).ToList()|}];
                        total += customers.Length;
                    }

                    return total;
                }
            }
            """);

        // ---- Near-misses ----

        [Fact]
        public Task Leaves_a_spread_list_in_a_loop_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var all = db.Lines.ToList();
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<OrderLine> lines = [.. all.Where(l => l.OrderId == order.Id)];
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Leaves_a_spread_of_a_list_made_queryable_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(List<OrderLine> all, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<OrderLine> lines = [.. all.AsQueryable().Where(l => l.OrderId == order.Id)];
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Leaves_a_spread_query_before_the_loop_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    List<OrderLine> all = [.. db.Lines];
                    var total = 0;
                    foreach (var order in orders)
                    {
                        total += all.Count(l => l.OrderId == order.Id);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Leaves_a_page_spread_per_round_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db)
                {
                    var total = 0;
                    var skip = 0;
                    while (true)
                    {
                        List<OrderLine> page = [.. db.Lines.OrderBy(l => l.Id).Skip(skip).Take(100)];
                        if (page.Count == 0)
                        {
                            break;
                        }

                        total += page.Count;
                        skip += page.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Leaves_a_spread_query_that_ends_the_loop_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<OrderLine> M(ShopDb db, List<Order> orders, int wanted)
                {
                    foreach (var order in orders)
                    {
                        if (order.Id == wanted)
                        {
                            return [.. db.Lines.Where(l => l.OrderId == order.Id)];
                        }
                    }

                    return [];
                }
            }
            """);

        [Fact]
        public Task Leaves_a_spread_of_an_in_memory_sequence_in_a_loop_alone() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<OrderLine> lines = [.. order.Lines.Where(l => l.Quantity > 0)];
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        // ---- Fix ----

        [Fact]
        public Task Fix_spreads_the_lookups_group_in_place_of_the_query() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static int Lines(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<OrderLine> lines = [.. {|PERF101:db.Lines.Where(l => l.OrderId == order.Id)|}];
                        total += lines.Count;
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
                        List<OrderLine> lines = [.. orderLinesByOrderId[order.Id]];
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Fix_all_hoists_every_spread_query_of_the_loop() => VerifyFix.CodeFixAsync(Model + """
            public static class Report
            {
                public static int Lines(ShopDb db, List<Customer> customers)
                {
                    var total = 0;
                    foreach (var customer in customers)
                    {
                        List<Order> orders = [.. {|PERF101:db.Orders.Where(o => o.CustomerId == customer.Id)|}];
                        OrderLine[] lines = [.. {|PERF101:db.Lines.Where(l => l.OrderId == customer.Id)|}];
                        total += orders.Count + lines.Length;
                    }

                    return total;
                }
            }
            """, Model + """
            public static class Report
            {
                public static int Lines(ShopDb db, List<Customer> customers)
                {
                    var total = 0;
                    var orderCustomerIds = customers.Select(customer => customer.Id).Distinct().ToList();
                    var ordersByCustomerId = db.Orders.Where(o => orderCustomerIds.Contains(o.CustomerId)).ToLookup(o => o.CustomerId);
                    var orderLineOrderIds = customers.Select(customer => customer.Id).Distinct().ToList();
                    var orderLinesByOrderId = db.Lines.Where(l => orderLineOrderIds.Contains(l.OrderId)).ToLookup(l => l.OrderId);
                    foreach (var customer in customers)
                    {
                        List<Order> orders = [.. ordersByCustomerId[customer.Id]];
                        OrderLine[] lines = [.. orderLinesByOrderId[customer.Id]];
                        total += orders.Count + lines.Length;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_spread_DbSet() => VerifyFix.NoCodeFixAsync(Model + """
            public static class Report
            {
                public static int Count(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        Customer[] customers = [.. {|PERF101:db.Customers|}];
                        total += customers.Length;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_spread_query_with_more_than_a_key_match() => VerifyFix.NoCodeFixAsync(Model + """
            public static class Report
            {
                public static int Count(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        List<int> ids = [.. {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).Select(l => l.Id)|}];
                        total += ids.Count;
                    }

                    return total;
                }
            }
            """);
    }
}
