namespace ShopApi.Services;

/// <summary>Where the partner services (exchange rates, warehouse, CRM) live.</summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";
    public const string HttpClientName = "upstream";

    // Defaults to this very app, which stubs the partner services under /upstream.
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5080");
}
