using Microsoft.Extensions.Options;
using ShopApi.Contracts;

namespace ShopApi.Services;

/// <summary>Tells the warehouse which products are running out. Best effort: failures are logged.</summary>
public sealed class StockAlertNotifier(IOptions<UpstreamOptions> options, ILogger<StockAlertNotifier> logger)
{
    // PERF502 anti-pattern: the default handler keeps pooled connections forever, so DNS changes are never seen.
    private static readonly HttpClient Http = new HttpClient();

    public async Task NotifyLowStockAsync(IReadOnlyList<StockAlert> alerts, CancellationToken ct)
    {
        var uri = new Uri(options.Value.BaseAddress, "upstream/warehouse/stock-alerts");
        try
        {
            using var response = await Http.PostAsJsonAsync(uri, alerts, ct);
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Could not send {Count} low-stock alerts to the warehouse", alerts.Count);
        }
    }
}

/// <summary>Publishes order events to the CRM. Best effort: failures are logged.</summary>
public sealed class OrderEventPublisher(IOptions<UpstreamOptions> options, ILogger<OrderEventPublisher> logger)
{
    // PERF502 correct: connections are recycled every two minutes, so DNS changes are picked up.
    private static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public async Task PublishOrderPlacedAsync(OrderPlacedEvent orderPlaced, CancellationToken ct)
    {
        var uri = new Uri(options.Value.BaseAddress, "upstream/crm/order-events");
        try
        {
            using var response = await Http.PostAsJsonAsync(uri, orderPlaced, ct);
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Could not publish order {OrderId} to the CRM", orderPlaced.OrderId);
        }
    }

    /// <summary>Replays a backlog of order events (after a CRM outage).</summary>
    public async Task ReplayLegacyAsync(IReadOnlyList<OrderPlacedEvent> backlog, CancellationToken ct)
    {
        var uri = new Uri(options.Value.BaseAddress, "upstream/crm/order-events");
        // PERF601 anti-pattern: one POST per event, all at once: a day's backlog opens as many connections to the CRM.
        await Task.WhenAll(backlog.Select(async orderPlaced =>
        {
            using var response = await Http.PostAsJsonAsync(uri, orderPlaced, ct);
            response.EnsureSuccessStatusCode();
        }));
    }

    public async Task ReplayAsync(IReadOnlyList<OrderPlacedEvent> backlog, CancellationToken ct)
    {
        var uri = new Uri(options.Value.BaseAddress, "upstream/crm/order-events");
        // PERF601 correct: at most eight POSTs in flight, however long the backlog.
        await Parallel.ForEachAsync(backlog, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (orderPlaced, token) =>
        {
            using var response = await Http.PostAsJsonAsync(uri, orderPlaced, token);
            response.EnsureSuccessStatusCode();
        });
    }
}
