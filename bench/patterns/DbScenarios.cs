using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Patterns;

/// <summary>One measured variant of an in-process database scenario: median time, allocations and SQL commands per operation.</summary>
public sealed record MicroResult(string Name, int Iterations, double MedianMs, double MinMs, double MaxMs, double AllocatedBytesPerOp, double SqlCommandsPerOp);

/// <summary>
/// Family 1 (database access): each scenario is one "request's worth" of work on a fresh DbContext, the flagged
/// code against the code the rule's fix produces, measured alternately in the same process on the same database.
/// </summary>
public sealed class DbScenarios(string databasePath, Seeder.Counts counts, Settings settings)
{
    private const int RecentOrders = 50;
    private readonly SqlCommandCounter _counter = new();

    private ShopContext NewContext() => new(ShopContext.Options(databasePath, _counter));

    // PERF101 flagged (samples/ShopApi OrdersController.GetRecentLegacy): one customer query per order.
    public async Task<int> NPlusOneAsync()
    {
        await using var db = NewContext();
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var summaries = new List<OrderSummaryDto>();
        foreach (var order in orders)
        {
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId);
            summaries.Add(new OrderSummaryDto(order.Id, order.PlacedAt, customer?.Name ?? "(unknown)", order.Total));
        }
        return summaries.Count;
    }

    // PERF101 fix: the keys are collected, one query loads them into a dictionary before the loop.
    public async Task<int> HoistedAsync()
    {
        await using var db = NewContext();
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var summaries = new List<OrderSummaryDto>();
        foreach (var order in orders)
        {
            summaries.Add(new OrderSummaryDto(order.Id, order.PlacedAt, customers.GetValueOrDefault(order.CustomerId)?.Name ?? "(unknown)", order.Total));
        }
        return summaries.Count;
    }

    // PERF102 flagged: the lazy-loading proxy queries each order's customer on first access.
    public async Task<int> LazyLoadingAsync()
    {
        await using var db = NewContext();
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var names = 0;
        foreach (var order in orders)
        {
            names += order.Customer.Name.Length;
        }
        return names;
    }

    // PERF102 fix: Include on the originating query (one query with a join).
    public async Task<int> IncludeAsync()
    {
        await using var db = NewContext();
        var orders = await db.Orders.Include(o => o.Customer).OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var names = 0;
        foreach (var order in orders)
        {
            names += order.Customer.Name.Length;
        }
        return names;
    }

    // PERF103 flagged: explicit loading of each order's lines inside the loop.
    public async Task<int> ExplicitLoadingAsync()
    {
        await using var db = NewContext();
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var quantity = 0;
        foreach (var order in orders)
        {
            await db.Entry(order).Collection(o => o.Lines).LoadAsync();
            quantity += order.Lines.Sum(l => l.Quantity);
        }
        return quantity;
    }

    // PERF103 fix: Include the collection on the query the loop enumerates; the explicit load is removed.
    public async Task<int> IncludeLinesAsync()
    {
        await using var db = NewContext();
        var orders = await db.Orders.Include(o => o.Lines).OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var quantity = 0;
        foreach (var order in orders)
        {
            quantity += order.Lines.Sum(l => l.Quantity);
        }
        return quantity;
    }

    // PERF104 flagged: the whole Orders table is materialised, then filtered, ordered and paged in memory.
    public async Task<int> MaterialiseThenFilterAsync(int customerId)
    {
        await using var db = NewContext();
        var recent = (await db.Orders.ToListAsync())
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt)
            .Take(20)
            .Select(o => new OrderRowDto(o.Id, o.CustomerId, o.PlacedAt, o.Total))
            .ToList();
        return recent.Count;
    }

    // PERF104 fix: the operators moved before the materialisation run in SQL.
    public async Task<int> FilteredQueryAsync(int customerId)
    {
        await using var db = NewContext();
        var recent = await db.Orders
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt)
            .Take(20)
            .Select(o => new OrderRowDto(o.Id, o.CustomerId, o.PlacedAt, o.Total))
            .ToListAsync();
        return recent.Count;
    }

    public async Task<List<(string Rule, string What, MicroResult Flagged, MicroResult Fixed)>> RunAsync()
    {
        var customer = 1 + counts.Customers / 2;
        var results = new List<(string, string, MicroResult, MicroResult)>();
        results.Add(("PERF101", $"{RecentOrders} recent orders with their customer's name: query per order vs one hoisted Contains query",
            await MeasureAsync("N+1", NPlusOneAsync), await MeasureAsync("hoisted", HoistedAsync)));
        results.Add(("PERF102", $"{RecentOrders} orders, customer read through a lazy-loading proxy vs Include",
            await MeasureAsync("lazy", LazyLoadingAsync), await MeasureAsync("Include", IncludeAsync)));
        results.Add(("PERF103", $"{RecentOrders} orders, lines loaded with Entry(..).Collection(..).LoadAsync per order vs Include",
            await MeasureAsync("explicit", ExplicitLoadingAsync), await MeasureAsync("Include", IncludeLinesAsync)));
        results.Add(("PERF104", $"a customer's 20 latest orders: ToListAsync() of {counts.Orders} orders then LINQ to Objects vs the same operators in SQL",
            await MeasureAsync("materialise", () => MaterialiseThenFilterAsync(customer)), await MeasureAsync("filtered", () => FilteredQueryAsync(customer))));
        return results;
    }

    private async Task<MicroResult> MeasureAsync(string name, Func<Task<int>> operation)
    {
        for (var i = 0; i < settings.MicroWarmup; i++)
        {
            await operation();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var times = new List<double>();
        var commandsBefore = _counter.Count;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var budget = Stopwatch.StartNew();
        while (times.Count < settings.MicroMinIterations || (times.Count < settings.MicroMaxIterations && budget.Elapsed < settings.MicroBudget))
        {
            var sw = Stopwatch.StartNew();
            await operation();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var commands = _counter.Count - commandsBefore;
        times.Sort();
        return new MicroResult(name, times.Count, Stats.Median(times), times[0], times[^1], (double)allocated / times.Count, (double)commands / times.Count);
    }
}
