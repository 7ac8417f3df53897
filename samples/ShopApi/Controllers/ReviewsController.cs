using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShopApi.Contracts;
using ShopApi.Data;

namespace ShopApi.Controllers;

[ApiController]
[Route("api/products/{productId:int}/reviews")]
public class ReviewsController(ShopDbContext db) : ControllerBase
{
    private const int PageSize = 50;
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [HttpGet]
    [ResponseCache(Duration = 60)]
    public async Task<ActionResult<List<ReviewDto>>> GetReviews(int productId, CancellationToken ct)
    {
        return await db.Reviews
            .Where(r => r.ProductId == productId)
            .OrderByDescending(r => r.CreatedAt)
            .Take(PageSize)
            .Select(r => new ReviewDto(r.Id, r.Rating, r.Comment, r.CreatedAt, r.Customer.Name))
            .ToListAsync(ct);
    }

    [HttpPost]
    public async Task<ActionResult<ReviewDto>> Create(int productId, CreateReviewRequest request, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
        {
            return NotFound();
        }
        var customerName = await db.Customers.Where(c => c.Id == request.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (customerName is null)
        {
            return ValidationProblem($"Customer {request.CustomerId} does not exist.");
        }

        var review = new Review
        {
            ProductId = productId,
            CustomerId = request.CustomerId,
            Rating = request.Rating,
            Comment = request.Comment,
            CreatedAt = DateTime.UtcNow,
        };
        db.Reviews.Add(review);
        // PERF202 anti-pattern: SaveChanges blocks the request thread on database I/O inside an async action.
        db.SaveChanges();

        var dto = new ReviewDto(review.Id, review.Rating, review.Comment, review.CreatedAt, customerName);
        return CreatedAtAction(nameof(GetReviews), new { productId }, dto);
    }

    // Bulk import from the old shop's export; the body is a JSON array of reviews.
    [HttpPost("~/api/reviews/legacy/import")]
    public async Task<ActionResult<ImportResultDto>> ImportLegacy(CancellationToken ct)
    {
        // PERF404 anti-pattern: the whole upload is buffered as one string before parsing starts.
        var json = await new StreamReader(Request.Body).ReadToEndAsync();
        var reviews = JsonSerializer.Deserialize<List<ImportedReview>>(json, JsonOptions);
        if (reviews is null)
        {
            return BadRequest();
        }
        return await SaveImportedAsync(reviews, ct);
    }

    [HttpPost("~/api/reviews/import")]
    public async Task<ActionResult<ImportResultDto>> Import(CancellationToken ct)
    {
        if (!Request.HasJsonContentType())
        {
            return StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        // PERF404 correct: the JSON is deserialised straight from the request stream.
        var reviews = await Request.ReadFromJsonAsync<List<ImportedReview>>(JsonOptions, ct);
        if (reviews is null)
        {
            return BadRequest();
        }
        return await SaveImportedAsync(reviews, ct);
    }

    private async Task<ImportResultDto> SaveImportedAsync(List<ImportedReview> imported, CancellationToken ct)
    {
        var productIds = imported.Select(r => r.ProductId).Distinct().ToList();
        var customerIds = imported.Select(r => r.CustomerId).Distinct().ToList();
        var knownProducts = await db.Products.Where(p => productIds.Contains(p.Id)).Select(p => p.Id).ToHashSetAsync(ct);
        var knownCustomers = await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => c.Id).ToHashSetAsync(ct);

        var valid = imported
            .Where(r => r.Rating is >= 1 and <= 5 && knownProducts.Contains(r.ProductId) && knownCustomers.Contains(r.CustomerId))
            .Select(r => new Review
            {
                ProductId = r.ProductId,
                CustomerId = r.CustomerId,
                Rating = r.Rating,
                Comment = r.Comment,
                CreatedAt = DateTime.UtcNow,
            })
            .ToList();
        db.Reviews.AddRange(valid);
        // PERF202 correct: the async save releases the request thread during the write.
        await db.SaveChangesAsync(ct);
        return new ImportResultDto(valid.Count, imported.Count - valid.Count);
    }
}
