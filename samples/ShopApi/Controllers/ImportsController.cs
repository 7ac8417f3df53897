using System.Buffers;
using Microsoft.AspNetCore.Mvc;

namespace ShopApi.Controllers;

/// <summary>Checks uploaded price lists before they are queued for import.</summary>
[ApiController]
[Route("api/imports")]
public class ImportsController : ControllerBase
{
    private const int ChunkSize = 128 * 1024;

    [HttpPost("prices/legacy/line-count")]
    public async Task<ActionResult<int>> CountPriceLinesLegacy(CancellationToken ct)
    {
        // PERF702 anti-pattern: a 128 KiB buffer per request lands on the large object heap.
        var buffer = new byte[ChunkSize];
        var lines = 0;
        int read;
        while ((read = await Request.Body.ReadAsync(buffer, 0, ChunkSize, ct)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    lines++;
                }
            }
        }

        return lines;
    }

    [HttpPost("prices/line-count")]
    public async Task<ActionResult<int>> CountPriceLines(CancellationToken ct)
    {
        // PERF702 correct: the buffer comes from the shared pool and goes back to it.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var lines = 0;
            int read;
            while ((read = await Request.Body.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            return lines;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
