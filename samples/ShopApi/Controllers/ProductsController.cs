using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShopApi.Contracts;
using ShopApi.Data;

namespace ShopApi.Controllers;

[ApiController]
[Route("api/products")]
public class ProductsController(ShopDbContext db) : ControllerBase
{
    private const int MaxPageSize = 200;

    [HttpGet("all")]
    [ResponseCache(Duration = 60)]
    public async Task<IActionResult> GetAll()
    {
        // PERF401 anti-pattern: the whole Products table is buffered into a single response.
        return Ok(await db.Products.AsNoTracking().ToListAsync());
    }

    [HttpGet]
    [ResponseCache(Duration = 60, VaryByQueryKeys = new[] { "page", "pageSize" })]
    public async Task<IActionResult> GetPage(int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        // PERF401 correct: Skip/Take bound the response, however large the table grows.
        return Ok(await db.Products.OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(ProductDto.Projection).ToListAsync(ct));
    }

    [HttpGet("{id:int}")]
    [ResponseCache(Duration = 60)]
    public async Task<ActionResult<ProductDetailDto>> GetById(int id, CancellationToken ct)
    {
        var product = await db.Products
            .Where(p => p.Id == id)
            .Select(p => new ProductDetailDto(
                p.Id, p.Sku, p.Name, p.Price, p.StockQuantity, p.Category.Name,
                p.Reviews.Average(r => (double?)r.Rating), p.Reviews.Count))
            .FirstOrDefaultAsync(ct);
        if (product is null)
        {
            return NotFound();
        }
        return product;
    }
}
