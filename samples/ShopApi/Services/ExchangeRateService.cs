using System.Text.Json;
using ShopApi.Contracts;

namespace ShopApi.Services;

/// <summary>Client of the partner exchange-rate service (rates are quoted against USD).</summary>
public sealed class ExchangeRateService(IHttpClientFactory httpClientFactory)
{
    private const string RatesPath = "upstream/exchange-rates";
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task<ExchangeRates?> GetRatesLegacyAsync(CancellationToken ct = default)
    {
        var client = httpClientFactory.CreateClient(UpstreamOptions.HttpClientName);
        // PERF403 anti-pattern: the whole body is held as one string before parsing even starts.
        var json = await client.GetStringAsync(RatesPath, ct);
        return JsonSerializer.Deserialize<ExchangeRates>(json, JsonOptions);
    }

    public async Task<ExchangeRates> GetRatesAsync(CancellationToken ct = default)
    {
        var client = httpClientFactory.CreateClient(UpstreamOptions.HttpClientName);
        // PERF403 correct: deserialised straight from the response stream, no intermediate string.
        var rates = await client.GetFromJsonAsync<ExchangeRates>(RatesPath, JsonOptions, ct);
        return rates ?? throw new InvalidOperationException("The exchange-rate service returned an empty body.");
    }

    public async Task<decimal?> GetRateAsync(string currency, CancellationToken ct = default)
    {
        var rates = await GetRatesAsync(ct);
        return rates.Rates.TryGetValue(currency.ToUpperInvariant(), out var rate) ? rate : null;
    }
}
