using System.Diagnostics;

// Simulates a burst of concurrent requests on the thread pool, each waiting 100 ms on "I/O" (Task.Delay):
//   await   - await Task.Delay(100)                    (compliant)
//   wait    - Task.Delay(100).Wait()                   (PERF201 blocking wait)
//   sleep   - Thread.Sleep(100)                        (PERF203)
// and reports the wall time of the burst and the p50/p99 request latency (queueing included).
// Usage: dotnet run -c Release -- [requests=200] [delayMs=100]
var requests = args.Length > 0 ? int.Parse(args[0]) : 200;
var delayMs = args.Length > 1 ? int.Parse(args[1]) : 100;
ThreadPool.GetMinThreads(out var minWorkers, out _);
Console.WriteLine($"{Environment.ProcessorCount} cores, thread-pool minimum {minWorkers} workers, {requests} concurrent requests of {delayMs} ms");

foreach (var mode in new[] { "await", "wait", "sleep", "await" })
{
    var latencies = new double[requests];
    var total = Stopwatch.StartNew();
    var tasks = new Task[requests];
    for (var i = 0; i < requests; i++)
    {
        var index = i;
        var started = Stopwatch.GetTimestamp();
        tasks[i] = Task.Run(async () =>
        {
            switch (mode)
            {
                case "await": await Task.Delay(delayMs); break;
                case "wait": Task.Delay(delayMs).Wait(); break;
                default: Thread.Sleep(delayMs); break;
            }

            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
    }

    await Task.WhenAll(tasks);
    total.Stop();
    Array.Sort(latencies);
    Console.WriteLine($"{mode,-6} burst {total.ElapsedMilliseconds,6} ms   p50 {latencies[requests / 2],7:F0} ms   p99 {latencies[requests * 99 / 100],7:F0} ms   threads {ThreadPool.ThreadCount}");
    await Task.Delay(2000); // let the pool settle between modes
}
