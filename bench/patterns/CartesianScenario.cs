using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Patterns;

// PERF108: a product page that loads the products with two collections, reviews and order lines (the sample's
// Product has both). Its own small database (a SQLite file or a PostgreSQL database), so the shop database of the
// other scenarios is left as it is.

public class CatalogueProduct
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public List<ProductReview> Reviews { get; set; } = [];
    public List<ProductSale> Sales { get; set; } = [];
}

public class ProductReview
{
    public int Id { get; set; }
    public int CatalogueProductId { get; set; }
    public int Rating { get; set; }
    public string Comment { get; set; } = "";
}

public class ProductSale
{
    public int Id { get; set; }
    public int CatalogueProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}

public class CatalogueContext(DbContextOptions<CatalogueContext> options) : DbContext(options)
{
    public DbSet<CatalogueProduct> Products => Set<CatalogueProduct>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.Properties<decimal>().HaveConversion<double>();
}

/// <summary>
/// Records the reader commands EF Core sends, so the rows each returns can be counted afterwards by running it again
/// as <c>SELECT COUNT(*) FROM (…)</c> with the same parameters.
/// </summary>
public sealed class ReaderCommandRecorder : DbCommandInterceptor
{
    public List<(string Sql, (string Name, object? Value)[] Parameters)> Commands { get; } = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        lock (Commands)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
        }
    }
}

public sealed class CartesianScenario(DatabaseTarget database, SqlCommandCounter counter)
{
    public const int PageSize = 50;
    public const int ReviewsPerProduct = 12;
    public const int SalesPerProduct = 18;
    private const int ProductCount = 2000;

    private CatalogueContext NewContext(DbCommandInterceptor? extra = null)
    {
        var builder = database.Use(new DbContextOptionsBuilder<CatalogueContext>()).AddInterceptors(counter);
        return new CatalogueContext((extra is null ? builder : builder.AddInterceptors(extra)).Options);
    }

    // PERF108 flagged: both collections in one query; the database returns reviews × sales rows per product.
    public async Task<int> SingleQueryAsync(DbCommandInterceptor? extra = null)
    {
        await using var db = NewContext(extra);
        var products = await db.Products.Include(p => p.Reviews).Include(p => p.Sales).Where(p => p.Id <= PageSize).ToListAsync();
        return products.Sum(p => p.Reviews.Count + p.Sales.Count);
    }

    // PERF108 fix: the same query with AsSplitQuery(): one query per collection.
    public async Task<int> SplitQueryAsync(DbCommandInterceptor? extra = null)
    {
        await using var db = NewContext(extra);
        var products = await db.Products.Include(p => p.Reviews).Include(p => p.Sales).Where(p => p.Id <= PageSize).AsSplitQuery().ToListAsync();
        return products.Sum(p => p.Reviews.Count + p.Sales.Count);
    }

    /// <summary>Rows the database returns for one run of the operation (measured once, outside the timed runs).</summary>
    public async Task<long> RowsReturnedAsync(Func<DbCommandInterceptor, Task<int>> operation)
    {
        var recorder = new ReaderCommandRecorder();
        await operation(recorder);
        await using var connection = database.OpenConnection();
        long rows = 0;
        foreach (var (sql, parameters) in recorder.Commands)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM ({sql.TrimEnd().TrimEnd(';')}) AS counted";
            foreach (var (name, value) in parameters)
            {
                var parameter = count.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                count.Parameters.Add(parameter);
            }
            rows += Convert.ToInt64(await count.ExecuteScalarAsync());
        }
        return rows;
    }

    public void Create()
    {
        using (var context = NewContext())
        {
            database.Recreate(context);
        }

        var random = new Random(108);
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        void Insert(string sql, int count, Action<DbParameterCollection, int> bind, int parameters)
            => DatabaseTarget.Insert(connection, transaction, sql, count, bind, parameters);

        Insert("""INSERT INTO "Products" ("Id", "Sku", "Name", "Price") VALUES (@p0, @p1, @p2, @p3)""", ProductCount,
            (p, i) => { p[0].Value = i; p[1].Value = $"SKU-{i:D6}"; p[2].Value = $"Product {i} with a realistic, moderately long name"; p[3].Value = Math.Round(1 + random.NextDouble() * 500, 2); }, 4);
        Insert("""INSERT INTO "ProductReview" ("Id", "CatalogueProductId", "Rating", "Comment") VALUES (@p0, @p1, @p2, @p3)""", ProductCount * ReviewsPerProduct,
            (p, i) => { p[0].Value = i; p[1].Value = 1 + (i - 1) / ReviewsPerProduct; p[2].Value = 1 + random.Next(5); p[3].Value = "Arrived quickly, well packed; would buy again."; }, 4);
        Insert("""INSERT INTO "ProductSale" ("Id", "CatalogueProductId", "Quantity", "UnitPrice") VALUES (@p0, @p1, @p2, @p3)""", ProductCount * SalesPerProduct,
            (p, i) => { p[0].Value = i; p[1].Value = 1 + (i - 1) / SalesPerProduct; p[2].Value = 1 + random.Next(5); p[3].Value = Math.Round(1 + random.NextDouble() * 500, 2); }, 4);
        transaction.Commit();
        DatabaseTarget.Analyze(connection);
    }
}
