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
