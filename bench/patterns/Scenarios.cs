using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Patterns;

/// <summary>One endpoint under one bounded load.</summary>
public sealed record Variant(string Key, string Method, string Path, bool PostCatalogue, int Concurrency, int MaxRequests, int MaxSeconds);

/// <summary>The flagged endpoint and the endpoint its fix produces, with the metrics that matter for that rule.</summary>
public sealed record Pair(string Rule, string What, Variant Flagged, Variant Fixed, string[] Metrics);

public sealed record ChildResult(
    int Completed, int CutOff, int Errors, double Seconds, double RequestsPerSecond, double P50Ms, double P99Ms, int MaxThreadPoolThreads,
    double AllocatedBytesPerRequest, long PeakWorkingSetBytes, long HandlerExecutions, long SqlCommands, int TimeWaitSockets);

public static class Scenarios
{
    public static IReadOnlyList<Pair> All(Settings s)
    {
        Variant Io(string key, string path) => new(key, "GET", path, false, s.Smoke ? 2 : 64, s.Smoke ? 4 : 20_000, s.Smoke ? 2 : 6);
        Variant Cache(string key, string path) => new(key, "GET", path, false, s.Smoke ? 2 : 16, s.Smoke ? 4 : 20_000, s.Smoke ? 2 : 5);
        Variant Payload(string key, string method, string path, bool post = false) => new(key, method, path, post, s.Smoke ? 2 : 8, s.Smoke ? 4 : 400, s.Smoke ? 2 : 6);
        Variant Conn(string key, string path) => new(key, "GET", path, false, s.Smoke ? 2 : 16, s.Smoke ? 4 : 3_000, s.Smoke ? 2 : 5);
        var catalogueKiB = Server.CatalogueJson(s.CatalogueProducts).Length / 1024;
        return
        [
            new("PERF201", $"handler blocks on `Task.Delay({Server.IoDelayMs}).Wait()` vs `await`s it",
                Io("io-blocking-wait", "/io/blocking-wait"), Io("io-async", "/io/async"), ["rps", "p99", "p50", "threads"]),
            new("PERF202", $"sync `HttpClient.Send` to a {Server.IoDelayMs} ms loopback upstream vs `await SendAsync`",
                Io("io-sync-send", "/io/sync-send"), Io("io-async-send", "/io/async-send"), ["rps", "p99", "p50", "threads"]),
            new("PERF203", $"`Thread.Sleep({Server.IoDelayMs})` vs `await Task.Delay({Server.IoDelayMs})`",
                Io("io-sleep", "/io/sleep"), Io("io-async", "/io/async"), ["rps", "p99", "p50", "threads"]),
            new("PERF301", "GET of the 50 dearest products: no caching policy vs `.CacheOutput(Expire 60 s)`",
                Cache("products-uncached", "/products/top"), Cache("products-cached", "/products/top-cached"), ["fromcache", "handler", "sql", "rps", "p99"]),
            new("PERF401", "every order as JSON: `ToListAsync()` buffered vs `AsAsyncEnumerable()` streamed",
                Payload("orders-buffered", "GET", "/orders/buffered"), Payload("orders-streamed", "GET", "/orders/streamed"), ["alloc", "peakws", "rps", "p99"]),
            new("PERF402", $"{s.LargeFileBytes / 1024 / 1024.0:F2} MiB file: `File.ReadAllBytesAsync` + `Results.File(bytes)` vs `Results.File(path)`",
                Payload("files-buffered", "GET", "/files/buffered"), Payload("files-streamed", "GET", "/files/streamed"), ["alloc", "peakws", "rps"]),
            new("PERF403", $"{catalogueKiB} KiB JSON from the upstream: `GetStringAsync` + `Deserialize` vs `GetFromJsonAsync`",
                Payload("proxy-string", "GET", "/proxy/string"), Payload("proxy-stream", "GET", "/proxy/stream"), ["alloc", "peakws", "rps"]),
            new("PERF404", $"{catalogueKiB} KiB JSON request body: `ReadToEndAsync` + `Deserialize` vs `ReadFromJsonAsync`",
                Payload("import-string", "POST", "/import/string", post: true), Payload("import-json", "POST", "/import/json", post: true), ["alloc", "peakws", "rps"]),
            new("PERF501", "handler calls the upstream: `new HttpClient()` per request vs one shared pooled client",
                Conn("call-new-client", "/call/new-client"), Conn("call-shared-client", "/call/shared-client"), ["timewait", "rps", "p99"]),
        ];
    }

    public static Variant Find(Settings s, string key)
        => All(s).SelectMany(p => new[] { p.Flagged, p.Fixed }).First(v => v.Key == key);
}

public static class Metrics
{
    public static (string Name, Func<ChildResult, double> Get) Get(string key) => key switch
    {
        "rps" => ("requests/s ↑", r => r.RequestsPerSecond),
        "p99" => ("p99 latency (ms)", r => r.P99Ms),
        "p50" => ("p50 latency (ms)", r => r.P50Ms),
        "threads" => ("max thread-pool threads", r => r.MaxThreadPoolThreads),
        "alloc" => ("allocated per request", r => r.AllocatedBytesPerRequest),
        "peakws" => ("peak working set", r => r.PeakWorkingSetBytes),
        "fromcache" => ("requests served from cache ↑", r => Math.Max(0, r.Completed - r.HandlerExecutions)),
        "handler" => ("handler executions (DB queries)", r => r.HandlerExecutions),
        "sql" => ("SQL commands", r => r.SqlCommands),
        "timewait" => ("sockets left in TIME_WAIT", r => r.TimeWaitSockets),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    public static string Format(string key, double value) => key switch
    {
        "alloc" or "peakws" => value >= 1024 * 1024 ? $"{value / 1024 / 1024:F1} MiB" : $"{value / 1024:F1} KiB",
        "rps" or "p99" or "p50" => value.ToString("F1"),
        _ => value.ToString("F0"),
    };
}

/// <summary>Runs one variant: in a fresh child process (default) or in this process (--smoke / --in-process).</summary>
public static class Child
{
    private const string Marker = "RESULT ";
    private static readonly JsonSerializerOptions ResultJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static Server.Started? s_shared;
    private static readonly SqlCommandCounter s_sharedCounter = new();

    public static async Task StopSharedAsync()
    {
        if (s_shared is not null)
        {
            await s_shared.App.StopAsync();
            await s_shared.App.DisposeAsync();
            s_shared = null;
        }
    }

    public static async Task<ChildResult> LaunchAsync(Variant variant, Settings settings, string database, string file)
    {
        if (settings.InProcess)
        {
            // --smoke / --in-process: one server in this process serves every variant (fast; figures not comparable).
            s_shared ??= await Server.StartAsync(database, file, Server.CatalogueJson(settings.CatalogueProducts), s_sharedCounter);
            return await MeasureAsync(variant, settings, s_shared, s_sharedCounter);
        }
        var self = Environment.ProcessPath!;
        var arguments = settings.ChildArguments(variant.Key, database, file);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments = $"\"{typeof(Child).Assembly.Location}\" {arguments}";
        }
        var psi = new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(variant.MaxSeconds + 90));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // our own child, past its bound
            throw new TimeoutException($"Variant {variant.Key} did not stop by itself within its bound.");
        }
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Variant {variant.Key} failed (exit {process.ExitCode}):\n{await stderr}");
        return JsonSerializer.Deserialize<ChildResult>(line[Marker.Length..], ResultJson)!;
    }

    public static async Task<int> RunAsync(Settings settings)
    {
        var variant = Scenarios.Find(settings, settings.Child!);
        var counter = new SqlCommandCounter();
        var server = await Server.StartAsync(settings.ChildDatabase!, settings.ChildFile!, Server.CatalogueJson(settings.CatalogueProducts), counter);
        try
        {
            var result = await MeasureAsync(variant, settings, server, counter);
            Console.WriteLine(Marker + JsonSerializer.Serialize(result, ResultJson));
            return 0;
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await server.App.StopAsync(stop.Token);
            await server.App.DisposeAsync();
        }
    }

    private static async Task<ChildResult> MeasureAsync(Variant variant, Settings settings, Server.Started server, SqlCommandCounter counter)
    {
        var catalogue = Server.CatalogueJson(settings.CatalogueProducts);
        {
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            var uri = new Uri(server.Api, variant.Path);
            Load.EnsureLoopback(uri);
            HttpRequestMessage NewRequest()
            {
                var request = new HttpRequestMessage(new HttpMethod(variant.Method), uri);
                if (variant.PostCatalogue)
                {
                    request.Content = new ByteArrayContent(catalogue) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                }
                return request;
            }

            // Warm-up: JIT, EF Core model, connection pools (and, for the cached variant, the cache entry).
            for (var i = 0; i < (settings.Smoke ? 1 : 3); i++)
            {
                using var request = NewRequest();
                using var response = await client.SendAsync(request);
                await response.Content.CopyToAsync(Stream.Null);
            }

            var executionsBefore = Server.HandlerExecutions;
            var sqlBefore = counter.Count;
            var timeWaitBefore = ProcInfo.TimeWaitSockets(server.Upstream.Port);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            ChildResult Result(LoadResult load) => new(
                load.Completed, load.CutOff, load.Errors, load.Seconds, load.RequestsPerSecond, load.P50Ms, load.P99Ms, load.MaxThreadPoolThreads,
                load.Completed > 0 ? (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / load.Completed : double.NaN,
                ProcInfo.PeakWorkingSet(),
                Server.HandlerExecutions - executionsBefore,
                counter.Count - sqlBefore,
                Math.Max(0, ProcInfo.TimeWaitSockets(server.Upstream.Port) - timeWaitBefore));

            // In a child process, a variant whose blocking code starves the thread pool is reported as it stands 3 s
            // after its time cap, and the process exits there (see Load.RunAsync).
            Action<LoadResult>? onStuck = settings.InProcess ? null : stuck =>
            {
                Console.WriteLine(Marker + JsonSerializer.Serialize(Result(stuck), ResultJson));
                Console.Out.Flush();
                Environment.Exit(0);
            };
            var load = await Load.RunAsync(client, NewRequest, variant.Concurrency, variant.MaxRequests, TimeSpan.FromSeconds(variant.MaxSeconds), onStuck);
            return Result(load);
        }
    }
}
