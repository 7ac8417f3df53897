using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShopApi.Data;
using ShopApi.Endpoints;
using ShopApi.Middleware;
using ShopApi.Services;

var builder = WebApplication.CreateBuilder(args);

var databasePath = Path.Combine(builder.Environment.ContentRootPath, "shop.db");
// PERF106 correct: ShopDbContext overrides OnConfiguring (lazy-loading proxies), so it is not a pooling candidate as written.
builder.Services.AddDbContext<ShopDbContext>(options => options.UseSqlite($"Data Source={databasePath}"));
// PERF106 anti-pattern: AuditDbContext takes only its options and keeps no state, yet a new one is built for every request.
builder.Services.AddDbContext<AuditDbContext>(options => options.UseSqlite($"Data Source={Path.Combine(builder.Environment.ContentRootPath, "audit.db")}"));

builder.Services.AddControllers();
builder.Services.AddResponseCaching();
builder.Services.AddOutputCache();

builder.Services.Configure<UpstreamOptions>(builder.Configuration.GetSection(UpstreamOptions.SectionName));
// One named client for the partner services; the factory pools and recycles its handlers.
builder.Services.AddHttpClient(UpstreamOptions.HttpClientName, (services, client) =>
    client.BaseAddress = services.GetRequiredService<IOptions<UpstreamOptions>>().Value.BaseAddress);

builder.Services.AddScoped<ProductQueries>();
builder.Services.AddScoped<ReportService>();
builder.Services.AddScoped<OrderTotalsService>();
builder.Services.AddScoped<ExchangeRateService>();
builder.Services.AddScoped<ProductInsights>();
builder.Services.AddMemoryCache();
builder.Services.AddScoped<ProductSearchCache>();
builder.Services.AddSingleton<StockAlertNotifier>();
builder.Services.AddSingleton<OrderEventPublisher>();

// PERF405 anti-pattern: the JSON API never enables response compression (a suggestion: a proxy may compress).
var app = builder.Build();

DbSeeder.EnsureSeeded(app.Services);

app.UseWhen(
    context => context.Request.Path.StartsWithSegments("/api/admin"),
    admin => admin.UseMiddleware<AdminApiKeyMiddleware>());
app.UseResponseCaching();
app.UseOutputCache();

app.MapControllers();
app.MapCatalogEndpoints();
app.MapStatsEndpoints();
app.MapUpstreamStubs();

app.Run();
