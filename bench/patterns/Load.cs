using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Patterns;

public sealed record LoadResult(
    int Completed, int CutOff, int Errors, double Seconds, double RequestsPerSecond, double P50Ms, double P99Ms, int MaxThreadPoolThreads);

/// <summary>
/// A bounded closed-loop load generator: <c>concurrency</c> workers send requests one after another until
/// <c>maxRequests</c> have been issued OR <c>maxDuration</c> has passed, whichever comes first, then stop by
/// themselves. It refuses any address that is not loopback (127.0.0.0/8 or ::1).
/// </summary>
public static class Load
{
    public static void EnsureLoopback(Uri uri)
    {
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException($"Refusing to send load to {uri}: only 127.0.0.1 / ::1 are allowed.");
        }
    }

    public static async Task<LoadResult> RunAsync(HttpClient client, Func<HttpRequestMessage> newRequest, int concurrency, int maxRequests, TimeSpan maxDuration)
    {
        using (var probe = newRequest())
        {
            EnsureLoopback(probe.RequestUri!);
        }
        using var stop = new CancellationTokenSource(maxDuration);
        var issued = 0;
        var errors = 0;
        var cutOff = 0;
        var latencies = new List<double>[concurrency];
        var maxThreads = ThreadPool.ThreadCount;
        var sampling = true;
        var sampler = new Thread(() =>
        {
            while (Volatile.Read(ref sampling))
            {
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                Thread.Sleep(10);
            }
        }) { IsBackground = true, Name = "thread-pool sampler" };
        sampler.Start();

        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>();
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var sw = Stopwatch.StartNew();
                try
                {
                    using var request = newRequest();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    await response.Content.CopyToAsync(Stream.Null, stop.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Cut off by the time bound: not completed, but its wait so far counts in the latency
                    // percentiles (a lower bound of its latency), so starvation is not hidden.
                    Interlocked.Increment(ref cutOff);
                    mine.Add(sw.Elapsed.TotalMilliseconds);
                    break;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(sw.Elapsed.TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        total.Stop();
        Volatile.Write(ref sampling, false);
        sampler.Join();

        var all = latencies.Where(l => l is not null).SelectMany(l => l).OrderBy(x => x).ToList();
        var completed = all.Count - cutOff;
        return new LoadResult(
            completed, cutOff, errors, total.Elapsed.TotalSeconds, completed / total.Elapsed.TotalSeconds,
            Stats.Percentile(all, 0.50), Stats.Percentile(all, 0.99), maxThreads);
    }
}

public static class Stats
{
    public static double Median(IReadOnlyList<double> sorted) => Percentile(sorted, 0.5);

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

/// <summary>What Linux says about this process and its sockets.</summary>
public static class ProcInfo
{
    /// <summary>Peak resident set size of this process (VmHWM), in bytes.</summary>
    public static long PeakWorkingSet()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>
    /// TCP sockets in TIME_WAIT (state 06 in /proc/net/tcp and tcp6) whose local or remote port is <paramref name="port"/>.
    /// </summary>
    public static int TimeWaitSockets(int port)
    {
        var count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 4 || parts[3] != "06")
                {
                    continue;
                }
                if (Port(parts[1]) == port || Port(parts[2]) == port)
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static int Port(string hexAddressAndPort)
        => int.Parse(hexAddressAndPort[(hexAddressAndPort.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
