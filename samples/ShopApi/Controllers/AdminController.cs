using Microsoft.AspNetCore.Mvc;
using ShopApi.Contracts;
using ShopApi.Services;

namespace ShopApi.Controllers;

// Guarded by AdminApiKeyMiddleware. Reports reflect live data and must never be cached.
[ApiController]
[Route("api/admin")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class AdminController(ReportService reports, OrderTotalsService orderTotals) : ControllerBase
{
    [HttpGet("reports/categories")]
    public async Task<ActionResult<List<CategorySummaryDto>>> GetCategorySummaries(CancellationToken ct)
        => await reports.GetCategorySummariesAsync(ct);

    [HttpGet("legacy/reports/categories")]
    public async Task<ActionResult<List<CategorySummaryDto>>> GetCategorySummariesLegacy(CancellationToken ct)
        => await reports.GetCategorySummariesLegacyAsync(ct);

    [HttpPost("orders/recalculate-totals")]
    public async Task<ActionResult<RecalculationResultDto>> RecalculateTotals(CancellationToken ct)
        => new RecalculationResultDto(await orderTotals.RecalculateAllAsync(ct));

    [HttpPost("legacy/orders/recalculate-totals")]
    public async Task<ActionResult<RecalculationResultDto>> RecalculateTotalsLegacy(CancellationToken ct)
        => new RecalculationResultDto(await orderTotals.RecalculateAllLegacyAsync(ct));
}
