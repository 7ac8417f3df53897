using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Patterns;

/// <summary>
/// The service under load: Kestrel bound to 127.0.0.1 only (two ephemeral ports: the API, and an "upstream"
/// partner service that the API calls over loopback), with each flagged endpoint next to the endpoint the fix
/// produces. Every outbound call goes to 127.0.0.1.
/// </summary>
public static class Server
{
    /// <summary>Simulated latency of an I/O call (a partner API, a database on another machine).</summary>
    public const int IoDelayMs = 20;

    private static long s_handlerExecutions;
    public static long HandlerExecutions => Interlocked.Read(ref s_handlerExecutions);

    public static Uri UpstreamBase { get; private set; } = new("http://127.0.0.1:1/");

    // The fix of PERF501/PERF502: one shared client whose pooled connections are recycled.
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public sealed record Started(WebApplication App, Uri Api, Uri Upstream);

    public static async Task<Started> StartAsync(string databasePath, string largeFilePath, byte[] catalogueJson, SqlCommandCounter counter)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0); // the API
            kestrel.Listen(IPAddress.Loopback, 0); // the upstream partner service
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        builder.Services.AddDbContext<ShopContext>(o => ShopContext.Configure((DbContextOptionsBuilder<ShopContext>)o, DatabaseTarget.Sqlite(databasePath), counter));
        builder.Services.AddOutputCache();

        var app = builder.Build();
        app.UseOutputCache();
        MapUpstream(app, catalogueJson);
        MapSyncOverAsync(app);
        MapCaching(app);
        MapPayload(app, largeFilePath);
        MapConnections(app);

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal))).OrderBy(u => u.Port).ToList();
        var api = addresses[0];
        UpstreamBase = addresses[1];
        Load.EnsureLoopback(api);
        Load.EnsureLoopback(UpstreamBase);
        return new Started(app, api, UpstreamBase);
    }

    private static Uri Upstream(string path)
    {
        var uri = new Uri(UpstreamBase, path);
        Load.EnsureLoopback(uri);
        return uri;
    }

    private static void MapUpstream(WebApplication app, byte[] catalogueJson)
    {
        app.MapGet("/upstream/ping", () => "pong");
        app.MapGet("/upstream/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(IoDelayMs, ct);
            return Results.Text("{\"rate\":1.0842}", "application/json");
        });
        app.MapGet("/upstream/catalogue", () => Results.Bytes(catalogueJson, "application/json"));
    }

    // Family 2: sync-over-async. The I/O is a 20 ms awaitable delay (PERF201/PERF203) or a real loopback HTTP call
    // to the upstream service that answers after 20 ms (PERF202).
    private static void MapSyncOverAsync(WebApplication app)
    {
        app.MapGet("/io/async", async (CancellationToken ct) =>
        {
            await Task.Delay(IoDelayMs, ct);
            return "ok";
        });
        app.MapGet("/io/blocking-wait", () =>
        {
            Task.Delay(IoDelayMs).Wait(); // PERF201
            return "ok";
        });
        app.MapGet("/io/sleep", () =>
        {
            Thread.Sleep(IoDelayMs); // PERF203
            return "ok";
        });
        app.MapGet("/io/sync-send", () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Upstream("upstream/slow"));
            using var response = SharedClient.Send(request); // PERF202
            using var body = response.Content.ReadAsStream();
            body.CopyTo(Stream.Null);
            return "ok";
        });
        app.MapGet("/io/async-send", async (CancellationToken ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Upstream("upstream/slow"));
            using var response = await SharedClient.SendAsync(request, ct);
            await response.Content.CopyToAsync(Stream.Null, ct);
            return "ok";
        });
    }

    // Family 3: the same product listing without and with an output-cache policy.
    private static void MapCaching(WebApplication app)
    {
        static async Task<List<ProductDto>> TopProducts(ShopContext db, CancellationToken ct)
        {
            Interlocked.Increment(ref s_handlerExecutions);
            return await db.Products.AsNoTracking().OrderByDescending(p => p.Price).Take(50)
                .Select(p => new ProductDto(p.Id, p.Sku, p.Name, p.Price, p.StockQuantity)).ToListAsync(ct);
        }
        app.MapGet("/products/top", (ShopContext db, CancellationToken ct) => TopProducts(db, ct)); // PERF301
        app.MapGet("/products/top-cached", (ShopContext db, CancellationToken ct) => TopProducts(db, ct))
            .CacheOutput(p => p.Expire(TimeSpan.FromSeconds(60)));
    }

    // Family 4: payloads.
    private static void MapPayload(WebApplication app, string largeFilePath)
    {
        app.MapGet("/orders/buffered", async (ShopContext db, CancellationToken ct) =>
            Results.Ok(await db.Orders.AsNoTracking().OrderBy(o => o.Id)
                .Select(o => new OrderRowDto(o.Id, o.CustomerId, o.PlacedAt, o.Total)).ToListAsync(ct))); // PERF401
        app.MapGet("/orders/streamed", (ShopContext db) =>
            db.Orders.AsNoTracking().OrderBy(o => o.Id)
                .Select(o => new OrderRowDto(o.Id, o.CustomerId, o.PlacedAt, o.Total)).AsAsyncEnumerable());

        app.MapGet("/files/buffered", async (CancellationToken ct) =>
            Results.File(await File.ReadAllBytesAsync(largeFilePath, ct), "application/octet-stream")); // PERF402
        app.MapGet("/files/streamed", () => Results.File(largeFilePath, "application/octet-stream", enableRangeProcessing: true));

        app.MapGet("/proxy/string", async (CancellationToken ct) =>
        {
            var json = await SharedClient.GetStringAsync(Upstream("upstream/catalogue"), ct); // PERF403
            return JsonSerializer.Deserialize<List<ProductDto>>(json, JsonSerializerOptions.Web)!.Count;
        });
        app.MapGet("/proxy/stream", async (CancellationToken ct) =>
            (await SharedClient.GetFromJsonAsync<List<ProductDto>>(Upstream("upstream/catalogue"), ct))!.Count);

        app.MapPost("/import/string", async (HttpRequest request, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct); // PERF404
            return JsonSerializer.Deserialize<List<ProductDto>>(body, JsonSerializerOptions.Web)!.Count;
        });
        app.MapPost("/import/json", async (HttpRequest request, CancellationToken ct) =>
            (await request.ReadFromJsonAsync<List<ProductDto>>(ct))!.Count);
    }

    // Family 5: a client per call vs the shared pooled client, both calling the upstream service on loopback.
    private static void MapConnections(WebApplication app)
    {
        app.MapGet("/call/new-client", async (CancellationToken ct) =>
        {
            using var client = new HttpClient(); // PERF501
            using var response = await client.GetAsync(Upstream("upstream/ping"), ct);
            return (int)response.StatusCode;
        });
        app.MapGet("/call/shared-client", async (CancellationToken ct) =>
        {
            using var response = await SharedClient.GetAsync(Upstream("upstream/ping"), ct);
            return (int)response.StatusCode;
        });
    }

    public static byte[] CatalogueJson(int products)
    {
        var items = Enumerable.Range(1, products)
            .Select(i => new ProductDto(i, $"SKU-{i:D6}", $"Product {i} with a realistic, moderately long name", 1 + i % 500 + 0.99m, i % 300))
            .ToList();
        return JsonSerializer.SerializeToUtf8Bytes(items, JsonSerializerOptions.Web);
    }
}
