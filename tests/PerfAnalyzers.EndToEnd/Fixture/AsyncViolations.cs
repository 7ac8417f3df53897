using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EndToEndFixture;

public class AsyncWidget
{
    public int Id { get; set; }
}

public class AsyncFixtureDb : DbContext
{
    public AsyncFixtureDb(DbContextOptions<AsyncFixtureDb> options) : base(options)
    {
    }

    public DbSet<AsyncWidget> Widgets => Set<AsyncWidget>();
}

public class AsyncWidgetsController : ControllerBase
{
    private readonly AsyncFixtureDb _db;

    public AsyncWidgetsController(AsyncFixtureDb db) => _db = db;

    [HttpPost("async/blocking")]
    public int Blocking()
    {
        var pending = _db.Widgets.CountAsync().Result; //~ PERF201
        Thread.Sleep(10); //~ PERF203
        return pending + _db.Widgets.Count(); //~ PERF202
    }

    [HttpPost("async/awaiting")]
    public async Task<int> Awaiting(CancellationToken cancellationToken)
    {
        var pending = _db.Widgets.CountAsync(cancellationToken);
        await pending;
        var first = _db.Widgets.AnyAsync(cancellationToken);
        var second = _db.Widgets.AnyAsync(cancellationToken);
        await Task.WhenAll(first, second); // C# 14 binds this to params ReadOnlySpan<Task>: still known complete; both run on _db at once //~ PERF601
        var both = first.Result && second.Result;
        await Task.Delay(10, cancellationToken);
        _db.Widgets.Add(new AsyncWidget());
        await _db.SaveChangesAsync(cancellationToken);
        return (both ? pending.Result : 0) + await _db.Widgets.CountAsync(cancellationToken);
    }
}
