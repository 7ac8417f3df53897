using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Patterns;

/// <summary>One measured variant of an in-process database scenario: median time, allocations and SQL commands per operation.</summary>
public sealed record MicroResult(string Name, int Iterations, double MedianMs, double MinMs, double MaxMs, double AllocatedBytesPerOp, double SqlCommandsPerOp);

/// <summary>
/// Family 1 (database access): each scenario is one "request's worth" of work on a fresh DbContext, the flagged
/// code against the code the rule's fix produces, measured alternately in the same process on the same database.
/// </summary>
public sealed class DbScenarios(DatabaseTarget database, Seeder.Counts counts, Settings settings)
{
    private const int RecentOrders = 50;
    private readonly SqlCommandCounter _counter = new();

    private ShopContext NewContext() => new(ShopContext.Options(database, _counter));

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

    // PERF105 flagged: each of the 50 most recent orders is updated and saved on its own (one transaction per order).
    public async Task<int> SavePerElementAsync(decimal delta)
    {
        await using var db = NewContext();
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        var saved = 0;
        foreach (var order in orders)
        {
            order.Total += delta;
            saved += await db.SaveChangesAsync();
        }
        return saved;
    }

    // PERF105 fix: the same updates, saved once after the loop (one transaction, batched commands).
    public async Task<int> SaveOnceAsync(decimal delta)
    {
        await using var db = NewContext();
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrders).ToListAsync();
        foreach (var order in orders)
        {
            order.Total += delta;
        }
        return await db.SaveChangesAsync();
    }

    // PERF107 flagged (samples/ShopApi OrdersController.GetRecentLegacy): a read-only handler loads orders and their
    // lines with tracking; the change tracker snapshots every entity and resolves identities, for nothing.
    public async Task<int> TrackingAsync(int orders)
    {
        await using var db = NewContext();
        var loaded = await db.Orders.Include(o => o.Lines).OrderByDescending(o => o.PlacedAt).Take(orders).ToListAsync();
        return Summarise(loaded);
    }

    // PERF107 fix: the same query with AsNoTracking() right after the set.
    public async Task<int> NoTrackingAsync(int orders)
    {
        await using var db = NewContext();
        var loaded = await db.Orders.AsNoTracking().Include(o => o.Lines).OrderByDescending(o => o.PlacedAt).Take(orders).ToListAsync();
        return Summarise(loaded);
    }

    private static int Summarise(List<Order> orders)
    {
        var lines = 0;
        foreach (var order in orders)
        {
            lines += order.Lines.Count;
        }
        return lines;
    }

    public async Task<List<(string Rule, string What, MicroResult Flagged, MicroResult Fixed)>> RunAsync()
    {
        var customer = 1 + counts.Customers / 2;
        var results = new List<(string, string, MicroResult, MicroResult)>();
        async Task Add(string rule, string what, string flaggedName, Func<Task<int>> flagged, string fixedName, Func<Task<int>> fixedOperation)
        {
            if (settings.Includes(rule))
            {
                var (f, x) = await MeasurePairAsync(flaggedName, flagged, fixedName, fixedOperation);
                results.Add((rule, what, f, x));
            }
        }
        await Add("PERF101", $"{RecentOrders} recent orders with their customer's name: query per order vs one hoisted Contains query",
            "N+1", NPlusOneAsync, "hoisted", HoistedAsync);
        await Add("PERF102", $"{RecentOrders} orders, customer read through a lazy-loading proxy vs Include",
            "lazy", LazyLoadingAsync, "Include", IncludeAsync);
        await Add("PERF103", $"{RecentOrders} orders, lines loaded with Entry(..).Collection(..).LoadAsync per order vs Include",
            "explicit", ExplicitLoadingAsync, "Include", IncludeLinesAsync);
        await Add("PERF104", $"a customer's 20 latest orders: ToListAsync() of {counts.Orders} orders then LINQ to Objects vs the same operators in SQL",
            "materialise", () => MaterialiseThenFilterAsync(customer), "filtered", () => FilteredQueryAsync(customer));
        // Alternating +1/-1 keeps the totals stable across iterations while every save has a change to write.
        var sign = 1m;
        await Add("PERF105", $"{RecentOrders} orders updated: SaveChangesAsync per order vs one SaveChangesAsync after the loop",
            "save per order", () => SavePerElementAsync(sign = -sign), "save once", () => SaveOnceAsync(sign = -sign));
        if (settings.Includes("PERF106"))
        {
            await using var pooling = new PoolingScenario(database, _counter, counts.Orders);
            await Add("PERF106", "one request scope: resolve the context and read one order by key, AddDbContext vs AddDbContextPool",
                "AddDbContext", pooling.PerRequestAsync, "AddDbContextPool", pooling.PooledAsync);
        }
        foreach (var orders in new[] { RecentOrders, Math.Min(2000, counts.Orders) })
        {
            await Add("PERF107", $"{orders} recent orders with their lines ({orders * counts.LinesPerOrder:N0}), read only: tracking query vs AsNoTracking",
                "tracking", () => TrackingAsync(orders), "AsNoTracking", () => NoTrackingAsync(orders));
        }
        if (settings.Includes("PERF108"))
        {
            var cartesian = new CartesianScenario(database.Sibling("catalogue"), _counter);
            cartesian.Create();
            var singleRows = await cartesian.RowsReturnedAsync(cartesian.SingleQueryAsync);
            var splitRows = await cartesian.RowsReturnedAsync(cartesian.SplitQueryAsync);
            await Add("PERF108", $"{CartesianScenario.PageSize} products with {CartesianScenario.ReviewsPerProduct} reviews and {CartesianScenario.SalesPerProduct} sales each: two collection Includes in one query vs AsSplitQuery (rows returned: {singleRows:N0} vs {splitRows:N0})",
                "single query", () => cartesian.SingleQueryAsync(), "AsSplitQuery", () => cartesian.SplitQueryAsync());
        }
        return results;
    }

    /// <summary>
    /// Runs the flagged and the fixed operation alternately (A, B, A, B, …) so that both see the same machine noise;
    /// time, allocations and SQL commands are taken per iteration, outside the timed region for the latter two.
    /// </summary>
    private async Task<(MicroResult Flagged, MicroResult Fixed)> MeasurePairAsync(string flaggedName, Func<Task<int>> flagged, string fixedName, Func<Task<int>> fixedOperation)
    {
        for (var i = 0; i < settings.MicroWarmup; i++)
        {
            await flagged();
            await fixedOperation();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var a = new Samples();
        var b = new Samples();
        var budget = Stopwatch.StartNew();
        while (a.Times.Count < settings.MicroMinIterations || (a.Times.Count < settings.MicroMaxIterations && budget.Elapsed < settings.MicroBudget))
        {
            await a.RunAsync(flagged, _counter);
            await b.RunAsync(fixedOperation, _counter);
        }
        return (a.Result(flaggedName), b.Result(fixedName));
    }

    private sealed class Samples
    {
        public List<double> Times { get; } = [];
        private long _allocated;
        private int _allocationSamples;
        private long _commands;

        public async Task RunAsync(Func<Task<int>> operation, SqlCommandCounter counter)
        {
            var commands = counter.Count;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            await operation();
            sw.Stop();
            var allocatedNow = GC.GetTotalAllocatedBytes(precise: true);
            // The process-wide counter has been seen to go backwards across an iteration (once, on PostgreSQL, server
            // GC): such an iteration has no allocation figure and is left out of the average, not counted as negative.
            if (allocatedNow >= allocated)
            {
                _allocated += allocatedNow - allocated;
                _allocationSamples++;
            }

            _commands += counter.Count - commands;
            Times.Add(sw.Elapsed.TotalMilliseconds);
        }

        public MicroResult Result(string name)
        {
            var sorted = Times.OrderBy(t => t).ToList();
            var allocatedPerOp = _allocationSamples == 0 ? double.NaN : (double)_allocated / _allocationSamples;
            return new MicroResult(name, sorted.Count, Stats.Median(sorted), sorted[0], sorted[^1], allocatedPerOp, (double)_commands / sorted.Count);
        }
    }
}
