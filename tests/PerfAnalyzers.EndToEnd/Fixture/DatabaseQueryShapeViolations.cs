using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EndToEndFixture;

public class ShapeProduct
{
    public int Id { get; set; }
    public List<ShapeReview> Reviews { get; set; } = new();
    public List<ShapeSale> Sales { get; set; } = new();
}

public class ShapeReview
{
    public int Id { get; set; }
    public int ShapeProductId { get; set; }
}

public class ShapeSale
{
    public int Id { get; set; }
    public int ShapeProductId { get; set; }
}

public class ShapeContext(DbContextOptions<ShapeContext> options) : DbContext(options)
{
    public DbSet<ShapeProduct> Products => Set<ShapeProduct>();
}

public class ShapeQueries(ShapeContext db)
{
    public Task<List<ShapeProduct>> ProductPageAsync(CancellationToken ct)
        => db.Products.Include(p => p.Reviews).Include(p => p.Sales).ToListAsync(ct); //~ PERF108

    public Task<List<ShapeProduct>> ProductPageSplitAsync(CancellationToken ct)
        => db.Products.Include(p => p.Reviews).Include(p => p.Sales).AsSplitQuery().ToListAsync(ct);
}

// PERF107 is a suggestion (Info) by default; the fixture's .editorconfig raises it to a warning so that
// -warnaserror reports it like the other rules.
[ApiController]
[Route("shape")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class ShapeReviewsController(ShapeContext db) : ControllerBase
{
    [HttpGet("{id:int}/reviews/legacy")]
    public async Task<List<ShapeReview>> ReviewsLegacy(int id)
        => await db.Set<ShapeReview>().Where(r => r.ShapeProductId == id).Take(50).ToListAsync(); //~ PERF107

    [HttpGet("{id:int}/reviews")]
    public async Task<List<ShapeReview>> Reviews(int id)
        => await db.Set<ShapeReview>().AsNoTracking().Where(r => r.ShapeProductId == id).Take(50).ToListAsync();
}

public static class ShapeRegistrations
{
    public static IServiceCollection AddShape(this IServiceCollection services, string connectionString)
        => services.AddDbContext<ShapeContext>(o => o.UseSqlite(connectionString)); //~ PERF106

    public static IServiceCollection AddShapePooled(this IServiceCollection services, string connectionString)
        => services.AddDbContextPool<ShapeContext>(o => o.UseSqlite(connectionString));
}
