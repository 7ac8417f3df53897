using Microsoft.EntityFrameworkCore;

namespace EndToEndFixture;

public class DatabaseCustomer
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public virtual List<DatabaseOrder> Orders { get; set; } = new();
}

public class DatabaseOrder
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public decimal Total { get; set; }
    public virtual DatabaseCustomer? Customer { get; set; }
}

public class DatabaseShopContext(DbContextOptions<DatabaseShopContext> options) : DbContext(options)
{
    public DbSet<DatabaseCustomer> Customers => Set<DatabaseCustomer>();
    public DbSet<DatabaseOrder> Orders => Set<DatabaseOrder>();

    public static DbContextOptions<DatabaseShopContext> LazyOptions(string connectionString)
        => new DbContextOptionsBuilder<DatabaseShopContext>().UseSqlite(connectionString).UseLazyLoadingProxies().Options;
}

public class DatabaseReportService(DatabaseShopContext db)
{
    public List<string> CustomerNamesPerOrder(List<DatabaseOrder> orders)
    {
        var names = new List<string>();
        foreach (var order in orders)
        {
            var customer = db.Customers.First(c => c.Id == order.CustomerId); //~ PERF101
            names.Add(customer.Name);
        }

        return names;
    }

    public List<string> CustomerNamesHoisted(List<DatabaseOrder> orders)
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

    public async Task<int> OrderCountsAsync(List<DatabaseCustomer> customers, CancellationToken ct)
    {
        var total = 0;
        foreach (var customer in customers)
        {
            total += await db.Orders.CountAsync(o => o.CustomerId == customer.Id, ct); //~ PERF101
        }

        return total;
    }

    public int LazyOrderCounts()
    {
        var total = 0;
        foreach (var customer in db.Customers.ToList())
        {
            total += customer.Orders.Count; //~ PERF102
        }

        return total;
    }

    public int IncludedOrderCounts()
    {
        var total = 0;
        foreach (var customer in db.Customers.Include(c => c.Orders).ToList())
        {
            total += customer.Orders.Count;
        }

        return total;
    }

    public int ExplicitlyLoadedOrderCounts()
    {
        var total = 0;
        foreach (var customer in db.Customers.ToList())
        {
            db.Entry(customer).Collection(c => c.Orders).Load(); //~ PERF103
            total += customer.Orders.Count;
        }

        return total;
    }

    public List<DatabaseOrder> BigOrdersInMemory() => db.Orders.ToList().Where(o => o.Total > 100).ToList(); //~ PERF104

    public List<DatabaseOrder> BigOrders() => db.Orders.Where(o => o.Total > 100).ToList();

    public List<DatabaseCustomer> VipCustomers() => db.Customers.AsEnumerable().Where(IsVip).ToList();

    private static bool IsVip(DatabaseCustomer customer) => customer.Name.StartsWith('V');

    public void RaiseTotalsOneByOne(List<DatabaseOrder> orders)
    {
        foreach (var order in orders)
        {
            order.Total += 1;
            db.SaveChanges(); //~ PERF105
        }
    }

    public void RaiseTotals(List<DatabaseOrder> orders)
    {
        foreach (var order in orders)
        {
            order.Total += 1;
        }

        db.SaveChanges();
    }
}
