using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.ResponseCompression;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/compression              # 1 MiB JSON, 40 requests per variant
//   dotnet run -c Release --project bench/compression -- --smoke   # 2 requests per variant (figures meaningless)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var smoke = args.Contains("--smoke");
var requests = smoke ? 2 : 40;
var command = "dotnet run -c Release --project bench/compression" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");

// About 1 MiB of JSON: the catalogue shape of samples/ShopApi.
var products = Enumerable.Range(1, 8_270).Select(i => new Product(i, $"SKU-{i:D6}", $"Product {i} of the spring catalogue", 9.99m + i % 250, i % 1_000, 1 + i % 20)).ToList();
var json = JsonSerializer.SerializeToUtf8Bytes(products, JsonSerializerOptions.Web);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
builder.Services.AddResponseCompression(options =>
{
    options.Providers.Add<BrotliCompressionProvider>();
    options.Providers.Add<GzipCompressionProvider>();
});
// The framework's default level for Brotli is the fastest one, as for Gzip; stated here so the table says what ran.
builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
var app = builder.Build();
app.UseWhen(context => context.Request.Path.StartsWithSegments("/compressed"), branch => branch.UseResponseCompression());
app.MapGet("/plain/products", () => Results.Bytes(json, "application/json"));
app.MapGet("/compressed/products", () => Results.Bytes(json, "application/json"));
await app.StartAsync();
var address = new Uri(app.Urls.First());
if (!IPAddress.IsLoopback(IPAddress.Parse(address.Host)))
{
    throw new InvalidOperationException("The benchmark only talks to 127.0.0.1.");
}

using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
var plain = new List<(long Bytes, double Ms)>();
var brotli = new List<(long Bytes, double Ms)>();
var gzip = new List<(long Bytes, double Ms)>();
for (var i = -2; i < requests; i++)
{
    var p = await FetchAsync(client, "/plain/products", null);
    var b = await FetchAsync(client, "/compressed/products", "br");
    var g = await FetchAsync(client, "/compressed/products", "gzip");
    if (i >= 0)
    {
        plain.Add(p);
        brotli.Add(b);
        gzip.Add(g);
    }
}
await app.StopAsync();

var report = new StringBuilder();
report.AppendLine("## PERF405: a 1 MiB JSON response with and without response compression (Kestrel on 127.0.0.1)");
report.AppendLine();
report.AppendLine($"- Command: `{command}`{(smoke ? " (SMOKE: figures meaningless)" : "")}");
report.AppendLine($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
report.AppendLine($"- Response: {json.Length:N0} bytes of JSON ({products.Count:N0} products); {requests} requests per variant after 2 warm-ups, one connection, sequential. Bytes on the wire = response body bytes received (headers excluded); time = request sent to body fully read and decompressed, median.");
report.AppendLine();
report.AppendLine("| Variant | Body bytes on the wire | Ratio to uncompressed | Median time (ms) | Ratio to uncompressed |");
report.AppendLine("|---|---:|---:|---:|---:|");
Row("uncompressed", plain);
Row("Brotli (fastest)", brotli);
Row("Gzip (fastest)", gzip);
var text = report.ToString();
Console.WriteLine(text);
var resultsFile = Path.Combine(Path.GetTempPath(), "perfanalyzers-bench", smoke ? "compression-smoke-results.md" : "compression-results.md");
Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
File.WriteAllText(resultsFile, text);
return 0;

void Row(string name, List<(long Bytes, double Ms)> runs)
{
    var bytes = Median(runs.Select(r => (double)r.Bytes));
    var ms = Median(runs.Select(r => r.Ms));
    var baseBytes = Median(plain.Select(r => (double)r.Bytes));
    var baseMs = Median(plain.Select(r => r.Ms));
    report.AppendLine($"| {name} | {bytes:N0} | {bytes / baseBytes:F3} | {ms:F2} | {ms / baseMs:F2} |");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static async Task<(long Bytes, double Ms)> FetchAsync(HttpClient client, string path, string? encoding)
{
    var watch = Stopwatch.StartNew();
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    if (encoding != null)
    {
        request.Headers.AcceptEncoding.ParseAdd(encoding);
    }
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    var counting = new CountingStream(await response.Content.ReadAsStreamAsync());
    Stream body = response.Content.Headers.ContentEncoding.FirstOrDefault() switch
    {
        "br" => new BrotliStream(counting, CompressionMode.Decompress),
        "gzip" => new GZipStream(counting, CompressionMode.Decompress),
        null => counting,
        var other => throw new InvalidOperationException("Unexpected encoding " + other),
    };
    if (encoding != null && ReferenceEquals(body, counting))
    {
        throw new InvalidOperationException($"{path} was not compressed with {encoding}.");
    }
    await using (body)
    {
        await body.CopyToAsync(Stream.Null);
    }
    return (counting.Count, watch.Elapsed.TotalMilliseconds);
}

internal sealed record Product(int Id, string Sku, string Name, decimal Price, int StockQuantity, int CategoryId);

/// <summary>Counts the bytes read from the socket, before any decompression.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long Count { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Count += n; return n; }
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) { var n = await inner.ReadAsync(buffer, cancellationToken); Count += n; return n; }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) { inner.Dispose(); } base.Dispose(disposing); }
}
