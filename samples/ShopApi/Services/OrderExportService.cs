using System.Text.Json;
using System.Text.Json.Serialization;
using ShopApi.Contracts;

namespace ShopApi.Services;

/// <summary>Writes order summaries for the nightly export file and pushes them to the partner feed.</summary>
public sealed class OrderExportService(IHttpClientFactory httpClientFactory)
{
    private const string FeedPath = "upstream/order-feed";

    // PERF701 correct: one options instance for every export line, built once.
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public string ExportLine(OrderSummaryDto order) => JsonSerializer.Serialize(order, ExportJson);

    public async Task PushAsync(OrderSummaryDto order, CancellationToken ct = default)
    {
        var client = httpClientFactory.CreateClient(UpstreamOptions.HttpClientName);
        // PERF701 anti-pattern: new options (with a converter of their own) per push rebuild the serializer's metadata every time.
        var feedOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        using var response = await client.PostAsJsonAsync(FeedPath, order, feedOptions, ct);
        response.EnsureSuccessStatusCode();
    }
}
