using ShopApi.Contracts;

namespace ShopApi.Endpoints;

/// <summary>
/// Stand-ins for the partner services (exchange rates, warehouse, CRM) so that the sample's
/// outbound HTTP calls have somewhere local to go. Point Upstream:BaseAddress elsewhere to replace them.
/// </summary>
public static class UpstreamStubEndpoints
{
    private static readonly Dictionary<string, decimal> UsdRates = new()
    {
        ["USD"] = 1m, ["EUR"] = 0.92m, ["GBP"] = 0.79m, ["CHF"] = 0.88m, ["SEK"] = 10.45m, ["JPY"] = 151.20m,
    };

    public static IEndpointRouteBuilder MapUpstreamStubs(this IEndpointRouteBuilder app)
    {
        var upstream = app.MapGroup("/upstream");

        upstream.MapGet("/exchange-rates", () => new ExchangeRates("USD", DateTime.UtcNow, UsdRates))
            .CacheOutput(policy => policy.Expire(TimeSpan.FromMinutes(5)));

        upstream.MapPost("/warehouse/stock-alerts", (List<StockAlert> alerts, ILoggerFactory loggers) =>
        {
            loggers.CreateLogger("Upstream.Warehouse").LogInformation("Received {Count} low-stock alerts", alerts.Count);
            return Results.Accepted();
        });

        upstream.MapPost("/crm/order-events", (OrderPlacedEvent orderPlaced, ILoggerFactory loggers) =>
        {
            loggers.CreateLogger("Upstream.Crm").LogInformation("Order {OrderId} placed", orderPlaced.OrderId);
            return Results.Accepted();
        });

        return app;
    }
}
