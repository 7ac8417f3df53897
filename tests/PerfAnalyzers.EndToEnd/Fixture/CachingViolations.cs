using Microsoft.AspNetCore.Mvc;

namespace EndToEndFixture;

[ApiController]
[Route("caching/catalog")]
public class CachingCatalogController : ControllerBase
{
    private static readonly string[] Categories = { "books", "games", "music" };

    [HttpGet("categories")]
    public string[] GetCategories() => Categories; //~ PERF301

    [HttpGet("categories/cached")]
    [ResponseCache(Duration = 60)]
    public string[] GetCachedCategories() => Categories;

    [HttpGet("categories/private")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public string[] GetUncachedCategories() => Categories;

    [HttpGet("ping")]
    public IActionResult Ping() => NoContent();
}

public static class CachingEndpoints
{
    public static IEndpointRouteBuilder MapCachingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/caching/now", () => DateTime.UtcNow.ToString("O")); //~ PERF301
        app.MapGet("/caching/version", () => "1.0").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(5)));

        var cached = app.MapGroup("/caching/cached").CacheOutput();
        cached.MapGet("/categories", () => new[] { "books", "games" });
        return app;
    }
}
