using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Patterns;

/// <summary>
/// PERF106: one request's use of the context through dependency injection — create the request scope, resolve the
/// context, read one order by key, dispose the scope — with <c>AddDbContext</c> against <c>AddDbContextPool</c>.
/// </summary>
public sealed class PoolingScenario : IAsyncDisposable
{
    private readonly ServiceProvider _perRequest;
    private readonly ServiceProvider _pooled;
    private int _next;
    private readonly int _orders;

    public PoolingScenario(DatabaseTarget database, SqlCommandCounter counter, int orders)
    {
        _orders = orders;
        _perRequest = new ServiceCollection()
            .AddDbContext<ShopContext>(o => Configure(o, database, counter))
            .BuildServiceProvider();
        _pooled = new ServiceCollection()
            .AddDbContextPool<ShopContext>(o => Configure(o, database, counter))
            .BuildServiceProvider();
    }

    private static void Configure(DbContextOptionsBuilder builder, DatabaseTarget database, SqlCommandCounter counter)
        => ShopContext.Configure((DbContextOptionsBuilder<ShopContext>)builder, database, counter);

    // PERF106 flagged: AddDbContext builds and initialises a new context for every request scope.
    public Task<int> PerRequestAsync() => RequestAsync(_perRequest);

    // PERF106 fix: AddDbContextPool hands out a reset instance from the pool.
    public Task<int> PooledAsync() => RequestAsync(_pooled);

    private async Task<int> RequestAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopContext>();
        var id = 1 + Interlocked.Increment(ref _next) % _orders;
        var order = await db.Orders.FirstAsync(o => o.Id == id);
        return order.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _perRequest.DisposeAsync();
        await _pooled.DisposeAsync();
    }
}
