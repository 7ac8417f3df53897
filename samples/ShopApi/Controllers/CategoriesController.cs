using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShopApi.Contracts;
using ShopApi.Data;

namespace ShopApi.Controllers;

[ApiController]
[Route("api/categories")]
public class CategoriesController(ShopDbContext db) : ControllerBase
{
    private const int MaxCategories = 100;

    [HttpGet]
    // PERF301 anti-pattern: no caching policy, so every client re-fetches a list that changes a few times a year.
    public async Task<ActionResult<List<CategoryDto>>> GetAll(CancellationToken ct)
    {
        return await db.Categories.OrderBy(c => c.Name).Take(MaxCategories).Select(c => new CategoryDto(c.Id, c.Name)).ToListAsync(ct);
    }

    [HttpGet("{id:int}/products")]
    [ResponseCache(Duration = 60, VaryByQueryKeys = new[] { "page", "pageSize" })]
    // PERF301 correct: clients and the response-caching middleware may reuse the answer for 60 seconds.
    public async Task<ActionResult<List<ProductDto>>> GetProducts(int id, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 200);
        return await db.Products
            .Where(p => p.CategoryId == id)
            .OrderBy(p => p.Name)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(ProductDto.Projection)
            .ToListAsync(ct);
    }
}
