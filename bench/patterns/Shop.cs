using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Patterns;

// The sample's model (samples/ShopApi/Data), reduced to what the scenarios touch. Navigations are virtual so
// that UseLazyLoadingProxies can intercept them, as in the sample.

public class Customer
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string City { get; set; } = "";
    public DateTime RegisteredAt { get; set; }
    public virtual ICollection<Order> Orders { get; set; } = new List<Order>();
}

public class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public virtual ICollection<Product> Products { get; set; } = new List<Product>();
}

public class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public int StockQuantity { get; set; }
    public int CategoryId { get; set; }
    public virtual Category Category { get; set; } = null!;
}

public class Order
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public DateTime PlacedAt { get; set; }
    public decimal Total { get; set; }
    public virtual Customer Customer { get; set; } = null!;
    public virtual ICollection<OrderLine> Lines { get; set; } = new List<OrderLine>();
}

public class OrderLine
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public virtual Order Order { get; set; } = null!;
    public virtual Product Product { get; set; } = null!;
}

public sealed record OrderSummaryDto(int Id, DateTime PlacedAt, string CustomerName, decimal Total);

public sealed record ProductDto(int Id, string Sku, string Name, decimal Price, int StockQuantity);

public sealed record OrderRowDto(int Id, int CustomerId, DateTime PlacedAt, decimal Total);

public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.Properties<decimal>().HaveConversion<double>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().HasIndex(c => c.Email).IsUnique();
        modelBuilder.Entity<Product>().HasIndex(p => p.Sku).IsUnique();
        modelBuilder.Entity<Order>().HasIndex(o => o.PlacedAt);
    }

    /// <summary>The sample's configuration: its database, lazy-loading proxies, plus the SQL command counter.</summary>
    public static DbContextOptions<ShopContext> Options(DatabaseTarget database, SqlCommandCounter counter)
        => Configure(new DbContextOptionsBuilder<ShopContext>(), database, counter).Options;

    public static DbContextOptionsBuilder<ShopContext> Configure(DbContextOptionsBuilder<ShopContext> builder, DatabaseTarget database, SqlCommandCounter counter)
        => database.Use(builder).UseLazyLoadingProxies().AddInterceptors(counter);
}

/// <summary>Counts every SQL command EF Core executes (reader, scalar, non-query; sync and async).</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private long _count;
    public long Count => Interlocked.Read(ref _count);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Creates the shop database (SQLite file or PostgreSQL) and seeds it deterministically (prepared ADO.NET inserts in one transaction).</summary>
public static class Seeder
{
    public sealed record Counts(int Customers, int Categories, int Products, int Orders, int LinesPerOrder)
    {
        public int Total => Customers + Categories + Products + Orders + Orders * LinesPerOrder;
    }

    public static Counts ForScale(double scale) => new(
        Customers: Math.Max(20, (int)(5000 * scale)),
        Categories: 20,
        Products: Math.Max(50, (int)(2000 * scale)),
        Orders: Math.Max(60, (int)(12000 * scale)),
        LinesPerOrder: 3);

    public static void Create(DatabaseTarget database, Counts counts)
    {
        using (var context = new ShopContext(ShopContext.Options(database, new SqlCommandCounter())))
        {
            database.Recreate(context);
        }

        var random = new Random(42);
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        void Insert(string sql, int count, Action<DbParameterCollection, int> bind, int parameters)
            => DatabaseTarget.Insert(connection, transaction, sql, count, bind, parameters);

        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Insert("""INSERT INTO "Categories" ("Id", "Name") VALUES (@p0, @p1)""", counts.Categories,
            (p, i) => { p[0].Value = i; p[1].Value = "Category " + i; }, 2);
        Insert("""INSERT INTO "Customers" ("Id", "Name", "Email", "City", "RegisteredAt") VALUES (@p0, @p1, @p2, @p3, @p4)""", counts.Customers,
            (p, i) => { p[0].Value = i; p[1].Value = "Customer " + i; p[2].Value = $"customer{i}@example.test"; p[3].Value = "City " + (i % 97); p[4].Value = start.AddMinutes(-i); }, 5);
        Insert("""INSERT INTO "Products" ("Id", "Sku", "Name", "Price", "StockQuantity", "CategoryId") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)""", counts.Products,
            (p, i) => { p[0].Value = i; p[1].Value = $"SKU-{i:D6}"; p[2].Value = $"Product {i} with a realistic, moderately long name"; p[3].Value = Math.Round(1 + random.NextDouble() * 500, 2); p[4].Value = random.Next(0, 500); p[5].Value = 1 + (i % counts.Categories); }, 6);
        Insert("""INSERT INTO "Orders" ("Id", "CustomerId", "PlacedAt", "Total") VALUES (@p0, @p1, @p2, @p3)""", counts.Orders,
            (p, i) => { p[0].Value = i; p[1].Value = 1 + random.Next(counts.Customers); p[2].Value = start.AddMinutes(i * 7); p[3].Value = Math.Round(random.NextDouble() * 900, 2); }, 4);
        Insert("""INSERT INTO "OrderLines" ("Id", "OrderId", "ProductId", "Quantity", "UnitPrice") VALUES (@p0, @p1, @p2, @p3, @p4)""", counts.Orders * counts.LinesPerOrder,
            (p, i) => { p[0].Value = i; p[1].Value = 1 + (i - 1) / counts.LinesPerOrder; p[2].Value = 1 + random.Next(counts.Products); p[3].Value = 1 + random.Next(5); p[4].Value = Math.Round(1 + random.NextDouble() * 500, 2); }, 5);
        transaction.Commit();
        DatabaseTarget.Analyze(connection);
    }
}
