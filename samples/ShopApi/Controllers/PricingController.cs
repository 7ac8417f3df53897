using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShopApi.Contracts;
using ShopApi.Data;
using ShopApi.Services;

namespace ShopApi.Controllers;

// Rates move slowly; one minute of staleness is acceptable for display prices.
[ApiController]
[Route("api/pricing")]
[ResponseCache(Duration = 60)]
public class PricingController(
    ShopDbContext db,
    ExchangeRateService rates,
    IHttpClientFactory httpClientFactory,
    IOptions<UpstreamOptions> upstream) : ControllerBase
{
    private const string RatesPath = "upstream/exchange-rates";

    [HttpGet("rates")]
    public async Task<ActionResult<ExchangeRates>> GetRates(CancellationToken ct) => await rates.GetRatesAsync(ct);

    [HttpGet("legacy/rates")]
    public async Task<ActionResult<ExchangeRates>> GetRatesLegacy(CancellationToken ct)
    {
        var result = await rates.GetRatesLegacyAsync(ct);
        if (result is null)
        {
            return StatusCode(StatusCodes.Status502BadGateway);
        }
        return result;
    }

    [HttpGet("legacy/rates/{currency}")]
    public ActionResult<decimal> GetRateLegacy(string currency)
    {
        // PERF201 anti-pattern: .Result blocks a thread-pool thread for the whole call to the rate service.
        var rate = rates.GetRateAsync(currency).Result;
        if (rate is null)
        {
            return NotFound();
        }
        return rate.Value;
    }

    [HttpGet("rates/{currency}")]
    public async Task<ActionResult<decimal>> GetRate(string currency, CancellationToken ct)
    {
        // PERF201 correct: awaiting gives the thread back while the rate service answers.
        var rate = await rates.GetRateAsync(currency, ct);
        if (rate is null)
        {
            return NotFound();
        }
        return rate.Value;
    }

    [HttpGet("legacy/products/{id:int}/{currency}")]
    public async Task<ActionResult<PriceQuoteDto>> GetQuoteLegacy(int id, string currency, CancellationToken ct)
    {
        var product = await db.Products.Where(p => p.Id == id).Select(p => new { p.Name, p.Price }).FirstOrDefaultAsync(ct);
        if (product is null)
        {
            return NotFound();
        }

        // PERF501 anti-pattern: a client per request opens fresh connections and can exhaust sockets under load.
        using var client = new HttpClient { BaseAddress = upstream.Value.BaseAddress };
        var exchangeRates = await client.GetFromJsonAsync<ExchangeRates>(RatesPath, ct);
        return ToQuote(id, product.Name, product.Price, currency, exchangeRates);
    }

    [HttpGet("products/{id:int}/{currency}")]
    public async Task<ActionResult<PriceQuoteDto>> GetQuote(int id, string currency, CancellationToken ct)
    {
        var product = await db.Products.Where(p => p.Id == id).Select(p => new { p.Name, p.Price }).FirstOrDefaultAsync(ct);
        if (product is null)
        {
            return NotFound();
        }

        // PERF501 correct: IHttpClientFactory hands out clients over pooled, periodically recycled handlers.
        var client = httpClientFactory.CreateClient(UpstreamOptions.HttpClientName);
        var exchangeRates = await client.GetFromJsonAsync<ExchangeRates>(RatesPath, ct);
        return ToQuote(id, product.Name, product.Price, currency, exchangeRates);
    }

    private ActionResult<PriceQuoteDto> ToQuote(int id, string name, decimal priceUsd, string currency, ExchangeRates? exchangeRates)
    {
        if (exchangeRates is null || !exchangeRates.Rates.TryGetValue(currency.ToUpperInvariant(), out var rate))
        {
            return NotFound();
        }
        return new PriceQuoteDto(id, name, Math.Round(priceUsd * rate, 2), currency.ToUpperInvariant());
    }
}
