namespace PerfAnalyzers.Tests.Database
{
    /// <summary>The usings and a small EF Core model shared by the database rule tests; snippets append their code.</summary>
    internal static class DatabaseSnippets
    {
        public const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; public string Email { get; set; } = ""; public List<Order> Orders { get; set; } = new(); }
            public class Order { public int Id { get; set; } public int CustomerId { get; set; } public Customer? Customer { get; set; } public decimal Total { get; set; } public List<OrderLine> Lines { get; set; } = new(); }
            public class OrderLine { public int Id { get; set; } public int OrderId { get; set; } public string Sku { get; set; } = ""; public int Quantity { get; set; } }
            public class ShopDb : DbContext
            {
                public DbSet<Customer> Customers => Set<Customer>();
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<OrderLine> Lines => Set<OrderLine>();
            }

            """;

        /// <summary>
        /// <see cref="Model"/> with a purge that drains a customer's old orders 100 at a time (Oqtane's purge jobs), the same
        /// read without the drain, and a read and save per call (docs/concepts.md#loop-exclusions, 2 and 8).
        /// </summary>
        public const string SitePurge = Model + """
            public class OrderPurge
            {
                private readonly ShopDb db;
                public OrderPurge(ShopDb db) => this.db = db;

                // Oqtane's purge jobs: each customer's old orders, 100 at a time, until none is left.
                public int Purge(int customerId, decimal below)
                {
                    var count = 0;
                    var batch = db.Orders.Where(o => o.CustomerId == customerId && o.Total < below).OrderBy(o => o.Id).Take(100).ToList();
                    while (batch.Count > 0)
                    {
                        count += batch.Count;
                        db.Orders.RemoveRange(batch);
                        db.SaveChanges();
                        batch = db.Orders.Where(o => o.CustomerId == customerId && o.Total < below).OrderBy(o => o.Id).Take(100).ToList();
                    }

                    return count;
                }

                // The same read without the drain: one query per call.
                public int CountOld(int customerId, decimal below)
                    => db.Orders.Where(o => o.CustomerId == customerId && o.Total < below).OrderBy(o => o.Id).Take(100).ToList().Count;

                // One read and one save per call, no batches.
                public void Close(int customerId)
                {
                    var customer = db.Customers.First(c => c.Id == customerId);
                    customer.Name += " (closed)";
                    db.SaveChanges();
                }
            }

            """;

        /// <summary>
        /// <see cref="Model"/> with a folder tree and links between items, keyed by <c>Guid</c>, for level-by-level walks
        /// (docs/concepts.md#loop-exclusions, 9); <c>WhereOneOrMany</c> is an application's own filter that takes the whole
        /// list of keys, as Jellyfin's does.
        /// </summary>
        public const string Tree = Model + """
            public class Folder { public Guid Id { get; set; } public Guid ParentId { get; set; } public bool IsFolder { get; set; } public int Depth { get; set; } }
            public class Link { public int Id { get; set; } public Guid ParentId { get; set; } public Guid ChildId { get; set; } }
            public class TreeDb : DbContext
            {
                public DbSet<Folder> Folders => Set<Folder>();
                public DbSet<Link> Links => Set<Link>();
            }

            public static class QueryHelpers
            {
                public static IQueryable<T> WhereOneOrMany<T>(this IQueryable<T> query, IReadOnlyList<Guid> oneOf, System.Linq.Expressions.Expression<Func<T, Guid>> key)
                {
                    var contains = System.Linq.Expressions.Expression.Call(
                        typeof(Enumerable), nameof(Enumerable.Contains), new[] { typeof(Guid) }, System.Linq.Expressions.Expression.Constant(oneOf), key.Body);
                    return query.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, key.Parameters));
                }
            }

            """;

        /// <summary>
        /// A service method that both reads and saves: called in a loop, it is PERF101's query and PERF105's save at one
        /// call (docs/rules/PERF105.md, "Through a call"). <paramref name="markedCall"/> is <c>stock.Reserve(item.Id, ct)</c>
        /// with the test's markup around it.
        /// </summary>
        public static string ReadAndSaveInLoop(string markedCall) => Model + $$"""
            public class Stock
            {
                private readonly ShopDb db;
                public Stock(ShopDb db) => this.db = db;

                public async Task Reserve(int lineId, CancellationToken ct)
                {
                    var line = await db.Lines.FirstAsync(l => l.Id == lineId, ct);
                    line.Quantity -= 1;
                    await db.SaveChangesAsync(ct);
                }
            }

            public class C
            {
                public async Task M(Stock stock, List<OrderLine> cart, CancellationToken ct)
                {
                    foreach (var item in cart)
                    {
                        await {{markedCall}};
                    }
                }
            }
            """;
    }
}
