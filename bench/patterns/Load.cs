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

    /// <param name="onStuck">
    /// Called (on a dedicated thread) when the workers have not stopped 3 s after the time cap, e.g. because the
    /// thread pool they need is starved by the blocking code under test; it gets the figures as they stand, with
    /// every in-flight request cut off at its wait so far. A child process reports them and exits there, which
    /// keeps the time bound strict even when the process cannot make progress.
    /// </param>
    public static async Task<LoadResult> RunAsync(
        HttpClient client, Func<HttpRequestMessage> newRequest, int concurrency, int maxRequests, TimeSpan maxDuration, Action<LoadResult>? onStuck = null)
    {
        using (var probe = newRequest())
        {
            EnsureLoopback(probe.RequestUri!);
        }
        // The deadline is enforced by a dedicated thread, not a timer: timers need the thread pool, which the
        // blocking variants starve.
        using var stop = new CancellationTokenSource();
        using var allDone = new ManualResetEventSlim();
        var issued = 0;
        var errors = 0;
        var cutOff = 0;
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>()).ToArray();
        var inFlightSince = new long[concurrency];
        var maxThreads = ThreadPool.ThreadCount;
        var total = Stopwatch.StartNew();

        LoadResult Snapshot(bool cutInFlight)
        {
            var all = new List<double>();
            var cut = Volatile.Read(ref cutOff);
            for (var w = 0; w < concurrency; w++)
            {
                lock (latencies[w])
                {
                    all.AddRange(latencies[w]);
                }
                var since = Interlocked.Read(ref inFlightSince[w]);
                if (cutInFlight && since != 0)
                {
                    all.Add(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
                    cut++;
                }
            }
            all.Sort();
            var completed = all.Count - cut;
            var seconds = total.Elapsed.TotalSeconds;
            return new LoadResult(completed, cut, Volatile.Read(ref errors), seconds, completed / seconds,
                Stats.Percentile(all, 0.50), Stats.Percentile(all, 0.99), Volatile.Read(ref maxThreads));
        }

        var watchdog = new Thread(() =>
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency);
            while (!allDone.IsSet && Stopwatch.GetTimestamp() < deadline)
            {
                Volatile.Write(ref maxThreads, Math.Max(Volatile.Read(ref maxThreads), ThreadPool.ThreadCount));
                allDone.Wait(10);
            }
            if (allDone.IsSet)
            {
                return;
            }
            stop.Cancel();
            if (!allDone.Wait(TimeSpan.FromSeconds(3)) && onStuck is not null)
            {
                onStuck(Snapshot(cutInFlight: true));
            }
        }) { IsBackground = true, Name = "load deadline and thread-pool sampler" };
        watchdog.Start();

        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w];
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var startedAt = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref inFlightSince[w], startedAt);
                var cut = false;
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
                    cut = true;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                lock (mine)
                {
                    mine.Add(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
                }
                Interlocked.Exchange(ref inFlightSince[w], 0);
                if (cut)
                {
                    break;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        total.Stop();
        allDone.Set();
        watchdog.Join();
        return Snapshot(cutInFlight: false);
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
