using Microsoft.AspNetCore.Mvc;

namespace ShopApi.Controllers;

// Published documents only change with a deployment.
[ApiController]
[Route("api/documents")]
[ResponseCache(Duration = 3600)]
public class DocumentsController : ControllerBase
{
    private static readonly string CataloguePath = Path.Combine(AppContext.BaseDirectory, "Assets", "catalogue.pdf");

    [HttpGet("legacy/catalogue")]
    public async Task<IActionResult> GetCatalogueLegacy(CancellationToken ct)
    {
        // PERF402 anti-pattern: the whole PDF sits in a byte array before the first byte is sent.
        var bytes = await System.IO.File.ReadAllBytesAsync(CataloguePath, ct);
        return File(bytes, "application/pdf");
    }

    [HttpGet("catalogue")]
    public IActionResult GetCatalogue()
    {
        // PERF402 correct: PhysicalFile streams from disk in chunks and serves range requests.
        return PhysicalFile(CataloguePath, "application/pdf", enableRangeProcessing: true);
    }
}
