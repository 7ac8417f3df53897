using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF105SaveChangesInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF105SaveChangesInLoopCodeFixTests
    {
        private const string ContextInterface = Model + """
            public interface IShopDbContext
            {
                DbSet<Order> Orders { get; }
                Task<int> SaveChangesAsync(CancellationToken cancellationToken);
            }

            """;

        [Fact]
        public Task Fix_All_moves_the_saves_of_a_context_interface_after_their_loops() => VerifyFix.CodeFixAsync(ContextInterface + """
            public class Handler
            {
                public async Task Handle(IShopDbContext context, List<Order> orders, List<Order> refunds, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        await {|PERF105:context.SaveChangesAsync(ct)|};
                    }

                    foreach (var refund in refunds)
                    {
                        refund.Total = 0;
                        await {|PERF105:context.SaveChangesAsync(ct)|};
                    }
                }
            }
            """, ContextInterface + """
            public class Handler
            {
                public async Task Handle(IShopDbContext context, List<Order> orders, List<Order> refunds, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }
                    await context.SaveChangesAsync(ct);

                    foreach (var refund in refunds)
                    {
                        refund.Total = 0;
                    }
                    await context.SaveChangesAsync(ct);
                }
            }
            """);

        [Fact]
        public Task Fix_moves_the_save_after_the_loop() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """, Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }
                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task Fix_moves_an_awaited_save_with_its_token() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    for (var i = 0; i < orders.Count; i++)
                    {
                        orders[i].Total += 1;
                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }

                    Console.WriteLine("done");
                }
            }
            """, Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    for (var i = 0; i < orders.Count; i++)
                    {
                        orders[i].Total += 1;
                    }
                    await db.SaveChangesAsync(ct);

                    Console.WriteLine("done");
                }
            }
            """);

        [Fact]
        public Task Fix_All_moves_the_save_of_every_loop() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<Customer> customers)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        {|PERF105:db.SaveChanges()|};
                    }

                    foreach (var customer in customers)
                    {
                        customer.Name = customer.Name.Trim();
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """, Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<Customer> customers)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }
                    db.SaveChanges();

                    foreach (var customer in customers)
                    {
                        customer.Name = customer.Name.Trim();
                    }
                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task No_fix_when_a_generated_key_is_read_after_the_save() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db, List<string> names)
                {
                    var ids = new List<int>();
                    foreach (var name in names)
                    {
                        var customer = new Customer { Name = name };
                        db.Customers.Add(customer);
                        {|PERF105:db.SaveChanges()|};
                        ids.Add(customer.Id);
                    }

                    return ids;
                }
            }
            """);

        [Fact]
        public Task No_fix_when_the_save_result_is_used() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var saved = 0;
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        saved += {|PERF105:db.SaveChanges()|};
                    }

                    return saved;
                }
            }
            """);

        [Fact]
        public Task No_fix_when_the_loop_can_return_early() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        if (order.Total < 0)
                        {
                            return;
                        }

                        order.Total += 1;
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_when_the_loop_queries_what_an_earlier_save_wrote() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<string> names)
                {
                    foreach (var name in names)
                    {
                        if (!db.Customers.Any(c => c.Name == name))
                        {
                            db.Customers.Add(new Customer { Name = name });
                        }

                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_when_a_called_method_of_the_loop_queries_what_an_earlier_save_wrote() => VerifyFix.NoCodeFixAsync(Model + """
            public class Customers
            {
                private readonly ShopDb db;
                public Customers(ShopDb db) => this.db = db;
                public Task<Customer?> FindAsync(string name) => db.Customers.FirstOrDefaultAsync(c => c.Name == name);
            }

            public class C
            {
                public async Task M(ShopDb db, Customers customers, List<string> names)
                {
                    foreach (var name in names)
                    {
                        var existing = await customers.FindAsync(name);
                        if (existing == null)
                        {
                            db.Customers.Add(new Customer { Name = name });
                        }

                        await {|PERF105:db.SaveChangesAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_while_loop() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, Queue<Customer> pending)
                {
                    while (pending.Count > 0)
                    {
                        db.Customers.Add(pending.Dequeue());
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);
    }
}
