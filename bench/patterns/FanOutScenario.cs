using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Patterns;

/// <summary>One fan-out of <see cref="FanOutScenario.Elements"/> requests: what the upstream and the client saw.</summary>
public sealed record FanOutResult(string Name, int Rounds, double MedianMs, int PeakConcurrent, double ConnectionsPerFanOut, double AllocatedBytesPerFanOut, int Errors, double RejectedPerFanOut);

/// <summary>
/// PERF601: one HTTP call per element of a 1,000-element collection against a loopback upstream that answers after
/// <see cref="Server.IoDelayMs"/> ms, unbounded (<c>Task.WhenAll(ids.Select(..))</c>) against the fix's
/// <c>Parallel.ForEachAsync</c> with <c>MaxDegreeOfParallelism = 8</c>. Each fan-out gets a fresh client (a fresh
/// connection pool, as a cold start or a client per operation would); the upstream counts the requests it is serving
/// at once, the client's <c>ConnectCallback</c> counts the TCP connections it opens. Rounds alternate flagged and fixed.
/// Each round also runs both against a second endpoint that admits <see cref="UpstreamCapacity"/> requests at once and
/// answers 503 to the rest (a concurrency limit without a queue), counting the rejected requests.
/// </summary>
public sealed class FanOutScenario(Settings settings) : IAsyncDisposable
{
    public const int MaxDegreeOfParallelism = 8;

    /// <summary>What the limited endpoint admits at once: a partner's concurrency limit, a small connection pool.</summary>
    public const int UpstreamCapacity = 64;

    private WebApplication? _upstream;
    private Uri _base = new("http://127.0.0.1:1/");
    private int _inFlight;
    private int _peak;
    private int _limitedInFlight;
    private int _rejected;

    public int Elements => settings.Smoke ? 20 : 1_000;

    private int Rounds => settings.Smoke ? 1 : 5;

    public async Task<(FanOutResult Flagged, FanOutResult Fixed)> RunAsync()
    {
        await StartUpstreamAsync();
        var ids = Enumerable.Range(1, Elements).ToList();

        // Warm-up: JIT of both paths and of Kestrel.
        await MeasureAsync(UnboundedAsync, ids.Take(16).ToList(), "item");
        await MeasureAsync(BoundedAsync, ids.Take(16).ToList(), "item");

        var flagged = new List<Run>();
        var fixedRuns = new List<Run>();
        var flaggedLimited = new List<Run>();
        var fixedLimited = new List<Run>();
        for (var round = 0; round < Rounds; round++)
        {
            flagged.Add(await MeasureAsync(UnboundedAsync, ids, "item"));
            fixedRuns.Add(await MeasureAsync(BoundedAsync, ids, "item"));
            flaggedLimited.Add(await MeasureAsync(UnboundedAsync, ids, "limited"));
            fixedLimited.Add(await MeasureAsync(BoundedAsync, ids, "limited"));
        }
        return (Summarise("Task.WhenAll", flagged, flaggedLimited), Summarise($"Parallel.ForEachAsync ({MaxDegreeOfParallelism})", fixedRuns, fixedLimited));
    }

    // PERF601 flagged: every element's request starts at once.
    private static async Task UnboundedAsync(HttpClient client, List<int> ids, Uri upstream)
    {
        await Task.WhenAll(ids.Select(async id =>
        {
            using var response = await client.GetAsync(new Uri(upstream, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }));
    }

    // PERF601 fix: at most MaxDegreeOfParallelism requests in flight.
    private static async Task BoundedAsync(HttpClient client, List<int> ids, Uri upstream)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, async (id, ct) =>
        {
            using var response = await client.GetAsync(new Uri(upstream, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        });
    }

    private sealed record Run(double Ms, int Peak, int Connections, long Allocated, int Errors, int Rejected);

    private async Task<Run> MeasureAsync(Func<HttpClient, List<int>, Uri, Task> fanOut, List<int> ids, string endpoint)
    {
        var connections = 0;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectCallback = async (context, ct) =>
            {
                Load.EnsureLoopback(new Uri($"http://{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}/"));
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        Interlocked.Exchange(ref _peak, 0);
        Interlocked.Exchange(ref _rejected, 0);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var errors = 0;
        var sw = Stopwatch.StartNew();
        try
        {
            await fanOut(client, ids, new Uri(_base, endpoint + "/"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            errors++;
        }
        sw.Stop();
        return new Run(sw.Elapsed.TotalMilliseconds, Volatile.Read(ref _peak), Volatile.Read(ref connections), GC.GetTotalAllocatedBytes(precise: true) - allocated, errors, Volatile.Read(ref _rejected));
    }

    private static FanOutResult Summarise(string name, List<Run> runs, List<Run> limited)
    {
        var times = runs.Select(r => r.Ms).OrderBy(t => t).ToList();
        return new FanOutResult(
            name,
            runs.Count,
            times[times.Count / 2],
            runs.Max(r => r.Peak),
            runs.Average(r => r.Connections),
            runs.Average(r => (double)r.Allocated),
            runs.Sum(r => r.Errors) + limited.Sum(r => r.Errors),
            limited.Average(r => r.Rejected));
    }

    private async Task StartUpstreamAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _upstream = builder.Build();
        _upstream.MapGet("/item/{id:int}", async (int id, CancellationToken ct) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }
            try
            {
                await Task.Delay(Server.IoDelayMs, ct);
                return Results.Text($"{{\"id\":{id},\"stock\":{id % 17}}}", "application/json");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        _upstream.MapGet("/limited/{id:int}", async (int id, CancellationToken ct) =>
        {
            try
            {
                if (Interlocked.Increment(ref _limitedInFlight) > UpstreamCapacity)
                {
                    Interlocked.Increment(ref _rejected);
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
                await Task.Delay(Server.IoDelayMs, ct);
                return Results.Text($"{{\"id\":{id},\"stock\":{id % 17}}}", "application/json");
            }
            finally
            {
                Interlocked.Decrement(ref _limitedInFlight);
            }
        });
        await _upstream.StartAsync();
        var address = _upstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _base = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        Load.EnsureLoopback(_base);
    }

    public async ValueTask DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.StopAsync();
            await _upstream.DisposeAsync();
        }
    }
}
