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
    /// PERF101, a query passed as a sequence: an EF query given for an <c>IEnumerable&lt;T&gt;</c> parameter of a method of the
    /// application that enumerates it once per iteration of a loop of its own (docs/rules/PERF101.md).
    /// </summary>
    public class PERF101SequenceArgumentTests
    {
        // TailwindTraders' product controllers: the tables go to a Join extension that searches them per item.
        private const string Joins = Model + """
            public class OrderView { public int Id { get; set; } public string Customer { get; set; } = ""; }

            public static class OrderJoins
            {
                public static List<OrderView> Join(this IEnumerable<Order> orders, IEnumerable<Customer> customers)
                {
                    var views = new List<OrderView>();
                    foreach (var order in orders)
                    {
                        var customer = customers.FirstOrDefault(c => c.Id == order.CustomerId);
                        views.Add(new OrderView { Id = order.Id, Customer = customer?.Name ?? "" });
                    }

                    return views;
                }

                public static List<OrderView> Project(IEnumerable<Order> orders, IEnumerable<Customer> customers)
                    => orders.Select(o => new OrderView { Id = o.Id, Customer = customers.First(c => c.Id == o.CustomerId).Name }).ToList();

                public static int Pairs(IEnumerable<Order> orders, IEnumerable<OrderLine> lines)
                {
                    var count = 0;
                    foreach (var order in orders)
                    {
                        foreach (var line in lines)
                        {
                            if (line.OrderId == order.Id) count++;
                        }
                    }

                    return count;
                }

                // Enumerated once: no loop around it, or it is the loop's own collection.
                public static Dictionary<int, string> Names(IEnumerable<Customer> customers) => customers.ToDictionary(c => c.Id, c => c.Name);

                public static int Total(IEnumerable<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        total += order.Id;
                    }

                    return total;
                }

                // Runs the query it is given once per id: a query per element.
                public static int CountFor(IQueryable<Customer> customers, List<int> ids)
                {
                    var count = 0;
                    foreach (var id in ids)
                    {
                        count += customers.Count(c => c.Id == id);
                    }

                    return count;
                }

                // Materialised first: the loop searches a list.
                public static int Matches(IEnumerable<Order> orders, IEnumerable<Customer> customers)
                {
                    customers = customers.ToList();
                    var count = 0;
                    foreach (var order in orders)
                    {
                        if (customers.Any(c => c.Id == order.CustomerId)) count++;
                    }

                    return count;
                }

                // Stored for later: when it runs is unknown.
                public static List<Func<Customer?>> Lookups(IEnumerable<Customer> customers, List<int> ids)
                {
                    var lookups = new List<Func<Customer?>>();
                    foreach (var id in ids)
                    {
                        lookups.Add(() => customers.FirstOrDefault(c => c.Id == id));
                    }

                    return lookups;
                }
            }

            """;

        [Fact]
        public Task Reports_a_table_given_to_a_method_that_searches_it_for_each_element() => VerifyCS.AnalyzerAsync(Joins + """
            public class C
            {
                public async Task<List<OrderView>> M(ShopDb db)
                {
                    var orders = await db.Orders.ToListAsync();
                    return orders.Join({|#0:db.Customers|});
                }
            }
            """,
            expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("Customers", "each time 'Join' enumerates it as 'customers' in a loop", "; load it once before the call and pass the list"));

        [Fact]
        public Task Reports_a_query_searched_in_a_per_element_lambda_or_an_inner_loop() => VerifyCS.AnalyzerAsync(Joins + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    var views = OrderJoins.Project(orders, {|PERF101:db.Customers.Where(c => c.Name != "")|});
                    var big = db.Lines.Where(l => l.Quantity > 10);
                    var pairs = OrderJoins.Pairs(orders, {|PERF101:big|});
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_given_for_an_IQueryable_the_method_runs_per_element() => VerifyCS.AnalyzerAsync(Joins + """
            public static class Availability
            {
                public static async Task<int> Missing(IQueryable<OrderLine> lines, List<Order> orders)
                {
                    var missing = 0;
                    foreach (var order in orders)
                    {
                        if (!await lines.Where(l => l.OrderId == order.Id).AnyAsync()) missing++;
                    }

                    return missing;
                }

                public static IQueryable<Order> WithLines(ShopDb db, IQueryable<int> orderIds)
                    => db.Orders.Where(o => orderIds.Contains(o.Id));

                public static IQueryable<OrderLine> Recent(IQueryable<OrderLine> lines, int count)
                {
                    var recent = lines;
                    for (var i = 0; i < count; i++)
                    {
                        recent = recent.Where(l => l.Id > i);
                    }

                    return recent;
                }
            }

            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, List<int> ids)
                {
                    var count = OrderJoins.CountFor({|#0:db.Customers|}, ids);
                    var missing = await Availability.Missing({|PERF101:db.Lines.Where(l => l.Quantity > 0)|}, orders);
                    var recent = Availability.Recent(db.Lines, 3);
                    var withLines = await Availability.WithLines(db, db.Lines.Select(l => l.OrderId)).ToListAsync();
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("Customers", "each time 'CountFor' runs it as 'customers' in a loop", "; load its rows once before the call and have 'CountFor' search them in memory"));

        [Fact]
        public Task Reports_a_query_cast_to_the_IQueryable_the_method_runs_per_element() => VerifyCS.AnalyzerAsync(Model + """
            public class LineRepository(ShopDb db)
            {
                public IQueryable<object> AllLines() => db.Lines;
            }

            public static class Availability
            {
                public static int Missing(IQueryable<OrderLine> lines, List<Order> orders)
                {
                    var missing = 0;
                    foreach (var order in orders)
                    {
                        if (!lines.Any(l => l.OrderId == order.Id)) missing++;
                    }

                    return missing;
                }
            }

            public class C
            {
                public int M(LineRepository repository, List<Order> orders)
                {
                    var all = repository.AllLines();
                    return Availability.Missing((IQueryable<OrderLine>){|PERF101:all|}, orders);
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_given_to_an_interface_whose_implementation_runs_it_per_element() => VerifyCS.AnalyzerAsync(Model + """
            public interface IEpisodeSync { int Missing(IQueryable<OrderLine> lines, List<Order> orders); int Once(IQueryable<OrderLine> lines, int orderId); }

            public class EpisodeSync : IEpisodeSync
            {
                public int Missing(IQueryable<OrderLine> lines, List<Order> orders)
                {
                    var missing = 0;
                    foreach (var order in orders)
                    {
                        if (!lines.Any(l => l.OrderId == order.Id)) missing++;
                    }

                    return missing;
                }

                public int Once(IQueryable<OrderLine> lines, int orderId) => lines.Count(l => l.OrderId == orderId);
            }

            public class C
            {
                public int M(IEpisodeSync sync, ShopDb db, List<Order> orders)
                    => sync.Missing({|PERF101:db.Lines|}, orders) + sync.Once(db.Lines, 1);
            }
            """);

        // Remotely's permission filter: the ids go into the lambda of an EF query, an expression tree translated once with
        // it (a subquery); over a list the same lambda runs per element.
        [Fact]
        public Task Leaves_a_sequence_read_inside_the_lambda_of_an_EF_query() => VerifyCS.AnalyzerAsync(Model + """
            public static class Permissions
            {
                public static int[] Allowed(ShopDb db, IEnumerable<int> customerIds, int minimum)
                    => db.Orders.Where(o => o.Id > minimum && customerIds.Contains(o.CustomerId)).Select(o => o.Id).ToArray();

                public static int[] AllowedOf(List<Order> orders, IEnumerable<int> customerIds)
                    => orders.Where(o => customerIds.Contains(o.CustomerId)).Select(o => o.Id).ToArray();
            }

            public class C
            {
                public int[] M(ShopDb db, List<Order> orders)
                    => Permissions.Allowed(db, db.Customers.Select(c => c.Id), 3)
                        .Concat(Permissions.AllowedOf(orders, {|PERF101:db.Customers.Select(c => c.Id)|})).ToArray();
            }
            """);

        [Fact]
        public Task Leaves_a_query_enumerated_once_materialised_or_composed_alone() => VerifyCS.AnalyzerAsync(Joins + """
            public class C
            {
                public void M(ShopDb db, List<Order> cached, List<int> ids)
                {
                    var names = OrderJoins.Names(db.Customers);
                    var total = OrderJoins.Total(db.Orders);
                    var views = cached.Join(db.Customers.ToList());
                    var lookups = OrderJoins.Lookups(db.Customers, ids);
                    var matches = OrderJoins.Matches(cached, db.Customers);
                }
            }
            """);

        [Fact]
        public Task Leaves_an_in_memory_query_or_a_framework_method_alone() => VerifyCS.AnalyzerAsync(Joins + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<Customer> customers)
                {
                    var views = orders.Join(customers.AsQueryable());
                    var all = string.Join(",", db.Customers);
                    var set = new HashSet<Customer>(db.Customers);
                }
            }
            """);

        [Fact]
        public Task Offers_no_fix_since_the_loop_is_in_the_called_method() => VerifyFix.NoCodeFixAsync(Joins + """
            public class C
            {
                public List<OrderView> M(ShopDb db, List<Order> orders) => orders.Join({|PERF101:db.Customers|});
            }
            """);
    }
}
