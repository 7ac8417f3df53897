using System.Globalization;
using System.Text.RegularExpressions;

namespace AnalyzerOverhead;

/// <summary>One analyzer type's row of the compiler's analyzer report (-p:ReportAnalyzer=true).</summary>
public sealed record AnalyzerRow(string Assembly, string Type, IReadOnlyList<string> Ids, double Seconds);

/// <summary>What one build's detailed log says about the compilation.</summary>
public sealed class BuildReport
{
    public double CscSeconds { get; set; } = double.NaN;
    public double TotalAnalyzerSeconds { get; set; } = double.NaN;
    public Dictionary<string, double> AssemblySeconds { get; } = new(StringComparer.Ordinal);

    /// <summary>An assembly's time in each compilation of the build, in the order of the log (one per project).</summary>
    public Dictionary<string, List<double>> AssemblySecondsPerCompilation { get; } = new(StringComparer.Ordinal);
    public List<AnalyzerRow> Analyzers { get; } = [];

    /// <summary>Every analyzer row of every compilation's report, unsummed: one analyzer type's time in one compilation.</summary>
    public List<AnalyzerRow> AnalyzerRowsPerCompilation { get; } = [];
    public string CompilerServer { get; set; } = "unknown";

    /// <summary>Every "CompilerServer:" line, one per compilation (the Csc task says whether the server ran it).</summary>
    public List<string> CompilerServerLines { get; } = [];
    public int Warnings { get; set; }

    /// <summary>Distinct diagnostics (file, position, ID) reported as warnings, by ID.</summary>
    public Dictionary<string, int> WarningsById { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads the text of `dotnet build -v:d -clp:PerformanceSummary -p:ReportAnalyzer=true`. The analyzer report
/// looks like:
/// <code>
///   Total analyzer execution time: 5.577 seconds.
///   Time (s)    %   Analyzer
///      3.192   57   Microsoft.VisualStudio.Threading.Analyzers.CSharp, Version=18.12.1.33129, ...
///      2.937   52      Microsoft.VisualStudio.Threading.Analyzers.CSharpVSTHRD110ObserveResultOfAsyncCallsAnalyzer (VSTHRD110)
/// </code>
/// An assembly row has 3 spaces after the percentage, an analyzer row 6. "&lt;0.001" counts as 0.
/// </summary>
public static partial class ReportParser
{
    [GeneratedRegex(@"^\s*(?<t><?\d+(\.\d+)?)\s+(?<p><?\d+)(?<gap>\s+)(?<name>\S.*?)\s*$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(?<type>.+?) \((?<ids>[^()]*)\)$")]
    private static partial Regex TypeWithIds();

    [GeneratedRegex(@"Total analyzer execution time:\s*(?<t>[\d.]+)\s*seconds")]
    private static partial Regex TotalAnalyzer();

    [GeneratedRegex(@"^\s*(?<ms>\d+)\s+ms\s+Csc\s+\d+\s+calls")]
    private static partial Regex CscTask();

    [GeneratedRegex(@"^\s*(?<n>\d+)\s+Warning\(s\)")]
    private static partial Regex WarningCount();

    [GeneratedRegex(@"(?<where>[^\s>]+\(\d+,\d+\)): warning (?<id>[A-Za-z]+\d+):")]
    private static partial Regex WarningLine();

    public static BuildReport Parse(IEnumerable<string> lines)
    {
        var report = new BuildReport();
        // A solution build prints one report per compilation: each "Total analyzer execution time" line opens the
        // next table, and the times add up.
        var inAnalyzerTable = false;
        var tableOpened = false;
        var rows = new Dictionary<(string Assembly, string Type), AnalyzerRow>();
        string? assembly = null;
        var seenWarnings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var warning = WarningLine().Match(line);
            if (warning.Success && seenWarnings.Add(warning.Groups["where"].Value + " " + warning.Groups["id"].Value))
            {
                var id = warning.Groups["id"].Value;
                report.WarningsById[id] = report.WarningsById.GetValueOrDefault(id) + 1;
            }
            var total = TotalAnalyzer().Match(line);
            if (total.Success)
            {
                var seconds = double.Parse(total.Groups["t"].Value, CultureInfo.InvariantCulture);
                report.TotalAnalyzerSeconds = double.IsNaN(report.TotalAnalyzerSeconds) ? seconds : report.TotalAnalyzerSeconds + seconds;
                tableOpened = true;
                continue;
            }
            if (line.Contains("Time (s)", StringComparison.Ordinal) && line.TrimEnd().EndsWith("Analyzer", StringComparison.Ordinal))
            {
                inAnalyzerTable = tableOpened;
                tableOpened = false;
                continue;
            }
            if (line.Contains("Total generator execution time", StringComparison.Ordinal) || line.Contains("Done executing task \"Csc\"", StringComparison.Ordinal))
            {
                inAnalyzerTable = false;
            }
            if (line.Contains("CompilerServer:", StringComparison.Ordinal))
            {
                report.CompilerServer = line.Trim();
                report.CompilerServerLines.Add(line.Trim());
            }
            var csc = CscTask().Match(line);
            if (csc.Success)
            {
                report.CscSeconds = int.Parse(csc.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000.0;
                continue;
            }
            var warnings = WarningCount().Match(line);
            if (warnings.Success)
            {
                report.Warnings = int.Parse(warnings.Groups["n"].Value, CultureInfo.InvariantCulture);
            }
            if (!inAnalyzerTable)
            {
                continue;
            }
            var row = Row().Match(line);
            if (!row.Success)
            {
                continue;
            }
            var rowSeconds = ParseSeconds(row.Groups["t"].Value);
            var name = row.Groups["name"].Value;
            if (row.Groups["gap"].Value.Length < 5)
            {
                assembly = name.Split(',')[0].Trim();
                report.AssemblySeconds[assembly] = report.AssemblySeconds.GetValueOrDefault(assembly) + rowSeconds;
                if (!report.AssemblySecondsPerCompilation.TryGetValue(assembly, out var perCompilation))
                {
                    report.AssemblySecondsPerCompilation[assembly] = perCompilation = [];
                }

                perCompilation.Add(rowSeconds);
            }
            else if (assembly is not null)
            {
                var m = TypeWithIds().Match(name);
                var type = m.Success ? m.Groups["type"].Value : name;
                // In a solution build, two projects' reports can interleave line by line, so the last assembly row
                // read may belong to the other table. A type whose namespace does not start like the assembly's name
                // goes to the one assembly seen so far that does, or is left out when that is ambiguous.
                var owner = OwningAssembly(assembly, type, report.AssemblySeconds.Keys);
                if (owner is null)
                {
                    continue;
                }

                var ids = m.Success
                    ? m.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : [];
                report.AnalyzerRowsPerCompilation.Add(new AnalyzerRow(owner, type, ids, rowSeconds));
                rows[(owner, type)] = rows.TryGetValue((owner, type), out var earlier)
                    ? earlier with { Seconds = earlier.Seconds + rowSeconds }
                    : new AnalyzerRow(owner, type, ids, rowSeconds);
            }
        }
        report.Analyzers.AddRange(rows.Values);
        return report;
    }

    private static string? OwningAssembly(string current, string type, IEnumerable<string> seen)
    {
        var root = FirstSegment(type);
        if (FirstSegment(current) == root)
        {
            return current;
        }

        var candidates = seen.Where(name => FirstSegment(name) == root).Take(2).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string FirstSegment(string dottedName)
    {
        var dot = dottedName.IndexOf('.');
        return dot < 0 ? dottedName : dottedName[..dot];
    }

    /// <summary>
    /// Whether a "CompilerServer:" line says the server ran the compilation ("CompilerServer: server - server
    /// processed compilation - ..."), not csc itself ("CompilerServer: tool - ...") or a fallback after the
    /// server failed ("CompilerServer: server failed - ...").
    /// </summary>
    public static bool RanOnServer(string line)
        => line.Contains("CompilerServer: server - ", StringComparison.Ordinal);

    private static double ParseSeconds(string text)
        => text.StartsWith('<') ? 0 : double.Parse(text, CultureInfo.InvariantCulture);
}
