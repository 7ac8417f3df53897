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
}

public class SerializationClient(HttpClient client)
{
    public JsonSerializerOptions Options => new(JsonSerializerDefaults.Web); //~ PERF701

    public Task<SerializationOrder?> GetAsync(int id) => client.GetFromJsonAsync<SerializationOrder>($"/orders/{id}", JsonSerializerOptions.Web);
}
