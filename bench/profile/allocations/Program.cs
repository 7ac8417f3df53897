using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Usage: AllocationsUnderOurFrames <trace.nettrace> [seconds to skip: the warm-up rounds]
// Each AllocationTick event stands for the bytes allocated since the previous one on its heap (about 100 KB), so the
// sums are estimates: good for where the bytes go and for comparing two builds, not for a single small allocation.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var skipMs = (args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 15) * 1000;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));

double all = 0, ours = 0;
var byType = new Dictionary<string, double>();
var byDeepestFrame = new Dictionary<string, double>();
foreach (var traceEvent in log.Events)
{
    if (traceEvent is not GCAllocationTickTraceData tick || traceEvent.TimeStampRelativeMSec < skipMs)
    {
        continue;
    }

    var bytes = (double)tick.AllocationAmount64;
    all += bytes;
    string? deepest = null;
    for (var frame = traceEvent.CallStack(); frame != null && deepest == null; frame = frame.Caller)
    {
        var method = frame.CodeAddress.FullMethodName;
        if (method != null && method.StartsWith("PerfAnalyzers.", StringComparison.Ordinal))
        {
            deepest = method.Length > 140 ? method[..140] : method;
        }
    }

    if (deepest == null)
    {
        continue;
    }

    ours += bytes;
    byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + bytes;
    byDeepestFrame[deepest] = byDeepestFrame.GetValueOrDefault(deepest) + bytes;
}

Console.WriteLine($"## Sampled allocations after the first {skipMs / 1000:g} s");
Console.WriteLine();
Console.WriteLine($"- All: {all / 1048576:F1} MB; under our frames: {ours / 1048576:F1} MB");
Console.WriteLine();
Print("Type allocated under our frames", byType);
Print("Our deepest frame", byDeepestFrame);

static void Print(string heading, Dictionary<string, double> sums)
{
    Console.WriteLine($"| {heading} | MB |");
    Console.WriteLine("|---|---:|");
    foreach (var (key, bytes) in sums.OrderByDescending(pair => pair.Value).Take(20))
    {
        Console.WriteLine($"| `{key}` | {bytes / 1048576:F1} |");
    }

    Console.WriteLine();
}
