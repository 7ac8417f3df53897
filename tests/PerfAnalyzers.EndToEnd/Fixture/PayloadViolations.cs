using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EndToEndFixture;

public class PayloadProduct
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

public record PayloadRates(decimal Eur, decimal Usd);

public class PayloadShopDb(DbContextOptions<PayloadShopDb> options) : DbContext(options)
{
    public DbSet<PayloadProduct> Products => Set<PayloadProduct>();
}

[ApiController]
[Route("payload")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class PayloadProductsController(PayloadShopDb db) : ControllerBase
{
    [HttpGet("products/all")]
    public async Task<List<PayloadProduct>> GetAll() => await db.Products.AsNoTracking().ToListAsync(); //~ PERF401

    [HttpGet("products")]
    public async Task<List<PayloadProduct>> GetPage(int page = 1, int pageSize = 50)
        => await db.Products.AsNoTracking().OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();

    [HttpGet("products/stream")]
    public IAsyncEnumerable<PayloadProduct> Stream() => db.Products.AsAsyncEnumerable();

    [HttpGet("catalogue/legacy")]
    public async Task<IActionResult> GetCatalogueLegacy() => File(await System.IO.File.ReadAllBytesAsync("catalogue.pdf"), "application/pdf"); //~ PERF402

    [HttpGet("catalogue")]
    public IActionResult GetCatalogue() => File(System.IO.File.OpenRead("catalogue.pdf"), "application/pdf", enableRangeProcessing: true);

    [HttpPost("import/legacy")]
    public async Task<IActionResult> ImportLegacy()
    {
        using var reader = new StreamReader(Request.Body);
        var json = await reader.ReadToEndAsync(); //~ PERF404
        var product = JsonSerializer.Deserialize<PayloadProduct>(json);
        return Ok(product?.Id);
    }

    [HttpPost("import")]
    public async Task<IActionResult> Import()
    {
        var product = await Request.ReadFromJsonAsync<PayloadProduct>();
        return Ok(product?.Id);
    }
}

public class PayloadRatesClient(HttpClient client)
{
    public async Task<PayloadRates?> GetRatesLegacyAsync()
        => JsonSerializer.Deserialize<PayloadRates>(await client.GetStringAsync("rates")); //~ PERF403

    public Task<PayloadRates?> GetRatesAsync() => client.GetFromJsonAsync<PayloadRates>("rates");
}
