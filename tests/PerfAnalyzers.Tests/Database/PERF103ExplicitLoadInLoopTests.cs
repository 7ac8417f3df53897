using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF103ExplicitLoadInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF103ExplicitLoadInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF103ExplicitLoadInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF103ExplicitLoadInLoopTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_collection_load_inside_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in db.Customers.ToList())
                    {
                        {|PERF103:db.Entry(customer).Collection(c => c.Orders).Load()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_reference_LoadAsync_inside_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF103:db.Entry(order).Reference(o => o.Customer).LoadAsync(ct)|};
                        await {|PERF103:db.Entry(order).Reference("Customer").LoadAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public async Task Message_names_the_navigation()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF103ExplicitLoadInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class C
                {
                    public void M(ShopDb db, List<Order> orders)
                    {
                        for (var i = 0; i < orders.Count; i++)
                        {
                            db.Entry(orders[i]).Collection(o => o.Lines).Load();
                        }
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF103ExplicitLoadInLoop).WithSpan(23, 13, 23, 64).WithArguments("Lines"));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_executed_navigation_Query_inside_loops_and_lambdas() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var count = {|PERF103:db.Entry(customer).Collection(c => c.Orders).Query().Count()|};
                        var big = await {|PERF103:db.Entry(customer).Collection(c => c.Orders).Query().Where(o => o.Total > 10).ToListAsync()|};
                    }

                    customers.ForEach(c => {|PERF103:db.Entry(c).Collection(x => x.Orders).Load()|});
                    var counts = customers.Select(c => {|PERF103:db.Entry(c).Collection(x => x.Orders).Query().Count()|}).ToList();
                }
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_loading_several_navigations_of_one_entity() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<Order?> Find(ShopDb db, int id, string[] references, CancellationToken ct)
                {
                    var order = await db.Orders.FindAsync(new object[] { id }, ct);
                    if (order == null) return null;
                    foreach (var name in references)
                    {
                        await db.Entry(order).Reference(name).LoadAsync(ct);
                    }

                    return order;
                }
            }
            """);

        // Bookcrossing's generic repository: the old entity's collections named by a field mask, each loaded through a local.
        [Fact]
        public Task Ignores_loading_collections_of_one_entity_through_a_local() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task Replace(ShopDb db, Customer customer, string[] collections)
                {
                    var entry = db.Entry(customer);
                    foreach (var name in collections)
                    {
                        var collection = entry.Collection(name);
                        await collection.LoadAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_loading_through_a_local_the_collection_of_an_entity_picked_by_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task Load(ShopDb db, Customer[] customers)
                {
                    foreach (var customer in customers)
                    {
                        var orders = db.Entry(customer).Collection(c => c.Orders);
                        await {|PERF103:orders.LoadAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_loading_a_navigation_of_an_entity_picked_by_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task Load(ShopDb db, Order[] orders, CancellationToken ct)
                {
                    for (var i = 0; i < orders.Length; i++)
                    {
                        await {|PERF103:db.Entry(orders[i]).Reference("Customer").LoadAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_explicit_loading_outside_loops() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, Customer customer)
                {
                    db.Entry(customer).Collection(c => c.Orders).Load();
                    await db.Entry(customer).Collection(c => c.Orders).LoadAsync();
                    var count = db.Entry(customer).Collection(c => c.Orders).Query().Count();
                }
            }
            """);

        [Fact]
        public Task Ignores_loading_that_exits_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public Customer? M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        if (customer.Name == "x")
                        {
                            db.Entry(customer).Collection(c => c.Orders).Load();
                            return customer;
                        }
                    }

                    return null;
                }
            }
            """);

        [Fact]
        public Task Ignores_Include_and_other_entry_members_in_loops() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    var loaded = db.Customers.Include(c => c.Orders).ToList();
                    foreach (var customer in customers)
                    {
                        var isLoaded = db.Entry(customer).Collection(c => c.Orders).IsLoaded;
                        db.Entry(customer).State = EntityState.Modified;
                        var query = db.Entry(customer).Collection(c => c.Orders).Query();
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_navigation_query_translated_into_outer_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        Func<int> later = () => db.Entry(customer).Collection(c => c.Orders).Query().Count();
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        db.Entry(customer).Collection(c => c.{|CS1061:Missing|}).Load();
                        db.Entry(customer).{|CS1061:Colection|}(c => c.Orders).Load();
                    }
                }
            }
            """);

        // ---- Code fix ----

        [Fact]
        public Task Fix_replaces_the_load_with_Include_on_the_enumerated_query() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in db.Customers.Where(c => c.Name != ""))
                    {
                        {|PERF103:db.Entry(customer).Collection(c => c.Orders).Load()|};
                        Console.WriteLine(customer.Orders.Count);
                    }
                }
            }
            """, Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in db.Customers.Where(c => c.Name != "").Include(c => c.Orders))
                    {
                        Console.WriteLine(customer.Orders.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_includes_in_the_query_a_local_list_was_loaded_from_async() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, CancellationToken ct)
                {
                    var orders = await db.Orders.Where(o => o.Total > 10).ToListAsync(ct);
                    foreach (var order in orders)
                    {
                        await {|PERF103:db.Entry(order).Reference(o => o.Customer).LoadAsync(ct)|};
                        await {|PERF103:db.Entry(order).Collection(o => o.Lines).LoadAsync(ct)|};
                        Console.WriteLine(order.Customer!.Name + order.Lines.Count);
                    }
                }
            }
            """, Model + """
            public class C
            {
                public async Task M(ShopDb db, CancellationToken ct)
                {
                    var orders = await db.Orders.Where(o => o.Total > 10).Include(o => o.Customer).Include(o => o.Lines).ToListAsync(ct);
                    foreach (var order in orders)
                    {
                        Console.WriteLine(order.Customer!.Name + order.Lines.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_includes_in_a_query_syntax_collection() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in from c in db.Customers where c.Name != "" select c)
                    {
                        {|PERF103:db.Entry(customer).Collection("Orders").Load()|};
                    }
                }
            }
            """, Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in (from c in db.Customers where c.Name != "" select c).Include("Orders"))
                    {
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_when_the_origin_query_is_unknown_or_projected() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        {|PERF103:db.Entry(customer).Collection(c => c.Orders).Load()|};
                    }

                    foreach (var customer in db.Customers.Select(c => new Customer { Id = c.Id }).ToList())
                    {
                        {|PERF103:db.Entry(customer).Collection(c => c.Orders).Load()|};
                    }

                    foreach (var customer in db.Customers)
                    {
                        var count = {|PERF103:db.Entry(customer).Collection(c => c.Orders).Query().Count()|};
                    }
                }
            }
            """);
    }
}
