using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace EndToEndFixture;

public record SerializationOrder(int Id, string Customer);

[ApiController]
[Route("serialization")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class SerializationController : ControllerBase
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [HttpGet("orders/{id}/legacy")]
    public string GetLegacy(int id) => JsonSerializer.Serialize(new SerializationOrder(id, "a"), new JsonSerializerOptions { WriteIndented = true }); //~ PERF701

    [HttpGet("orders/{id}")]
    public string Get(int id) => JsonSerializer.Serialize(new SerializationOrder(id, "a"), Indented);

    [HttpPost("uploads/legacy")]
    public async Task<int> UploadLegacy()
    {
        var buffer = new byte[1024 * 1024]; //~ PERF702
        return await Request.Body.ReadAsync(buffer, 0, 1024 * 1024);
    }

    [HttpPost("uploads")]
    public async Task<int> Upload()
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            return await Request.Body.ReadAsync(buffer.AsMemory(0, 1024 * 1024));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

public class SerializationClient(HttpClient client)
{
    public JsonSerializerOptions Options => new(JsonSerializerDefaults.Web); //~ PERF701

    public Task<SerializationOrder?> GetAsync(int id) => client.GetFromJsonAsync<SerializationOrder>($"/orders/{id}", JsonSerializerOptions.Web);
}
