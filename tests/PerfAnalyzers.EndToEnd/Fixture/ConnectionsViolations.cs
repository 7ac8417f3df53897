using System.Net.Http;

namespace EndToEndFixture;

public class ConnectionsPriceController : Microsoft.AspNetCore.Mvc.ControllerBase
{
    private static readonly HttpClient LegacyClient = new HttpClient(); //~ PERF502
    private static readonly HttpClient PooledClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
    private readonly IHttpClientFactory _httpClientFactory;

    public ConnectionsPriceController(IHttpClientFactory httpClientFactory) => _httpClientFactory = httpClientFactory;

    [Microsoft.AspNetCore.Mvc.HttpPost("connections/legacy")]
    public async Task<int> Legacy()
    {
        using var client = new HttpClient(); //~ PERF501
        var body = await client.GetStringAsync("http://127.0.0.1:1/");
        return body.Length + LegacyClient.Timeout.Seconds;
    }

    [Microsoft.AspNetCore.Mvc.HttpPost("connections/pooled")]
    public async Task<int> Pooled()
    {
        var client = _httpClientFactory.CreateClient();
        var body = await client.GetStringAsync("http://127.0.0.1:1/");
        return body.Length + PooledClient.Timeout.Seconds;
    }
}
