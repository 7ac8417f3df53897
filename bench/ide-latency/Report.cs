using System.Globalization;
using System.Text;

namespace IdeLatency;

/// <summary>The markdown tables and the verdict on the targets.</summary>
internal static class Report
{
    /// <summary>Growth allowed per analyzer and edit from the smallest to the largest code base (target 1), also the noise allowance of target 3.</summary>
    public const double GrowthAllowanceMs = 2.0;

    public static string Render(Runner runner, IReadOnlyList<AnalyzerSet> sets, string header)
    {
        var sb = new StringBuilder(header);
        var variants = runner.Sizes.Select(s => s.Variant).Distinct().ToList();
        var peers = sets.Where(s => !s.IsCompiler && !s.IsOurs).Select(s => s.Name).ToList();

        sb.AppendLine("## Code bases");
        sb.AppendLine();
        sb.AppendLine("| Variant | Target lines | Lines | Files | Modules | Load (s) | Measure (s) | Edited documents (SHA-256 prefix) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in runner.Sizes)
        {
            sb.AppendLine(Invariant($"| {s.Variant} | {s.TargetLines:N0} | {s.Lines:N0} | {s.Files:N0} | {s.Modules:N0} | {s.LoadTime.TotalSeconds:F1} | {s.MeasureTime.TotalSeconds:F1} | {runner.EditedDocumentHashes[s.Variant]} |"));
        }
        sb.AppendLine();

        foreach (var variant in variants)
        {
            var script = runner.Scripts[variant];
            var measured = script.Where(e => runner.Samples.Any(s => s.Variant == variant && s.Edit == e.Index)).ToList();
            sb.AppendLine(Invariant($"Edit script ({variant}): {measured.Count} measured edits after {script.Count - measured.Count} warm-up: ")
                + string.Join(", ", EditedModule.EditedNames.Select((name, d) => Invariant($"{name} {measured.Count(e => e.Document == d)}")))
                + "; " + string.Join(", ", measured.GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Invariant($"{g.Count()} {g.Key}"))) + ".");
        }
        sb.AppendLine();

        foreach (var variant in variants)
        {
            sb.AppendLine(Invariant($"## Per edit: {variant} variant"));
            sb.AppendLine();
            sb.AppendLine("Milliseconds per edit. *Compiler* is the priming (binding the edited document and its compiler diagnostics on the new");
            sb.AppendLine("compilation); *added* is what the analyzers then take (syntax + semantic diagnostics of the edited document);");
            sb.AppendLine("*keystroke* is the two together. *× compiler* is the added median over the compiler baseline's median. *Added CPU*");
            sb.AppendLine("is the process CPU time of the analyzer calls (less sensitive than wall time to other work on a shared machine).");
            sb.AppendLine();
            sb.AppendLine("| Lines | Set | Compiler median | Added median | Added p90 | Keystroke median | Keystroke p90 | × compiler | Added CPU median | Allocated MB (median) |");
            sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var size in runner.Sizes.Where(s => s.Variant == variant))
            {
                var baseline = Samples(runner, variant, size.TargetLines, AnalyzerSets.Compiler).Select(s => s.PrimeMs).ToList();
                var baselineMedian = baseline.Count > 0 ? Median(baseline) : double.NaN;
                foreach (var set in sets)
                {
                    var samples = Samples(runner, variant, size.TargetLines, set.Name);
                    if (samples.Count == 0)
                    {
                        continue;
                    }
                    var added = samples.Select(s => s.AddedMs).ToList();
                    var keystroke = samples.Select(s => s.KeystrokeMs).ToList();
                    var name = set.IsOurs ? "**ours**" : set.Name;
                    sb.AppendLine(set.IsCompiler
                        ? Invariant($"| {size.Lines:N0} | {name} | {Median(samples.Select(s => s.PrimeMs).ToList()):F1} | – | – | {Median(keystroke):F1} | {P90(keystroke):F1} | – | – | – |")
                        : Invariant($"| {size.Lines:N0} | {name} | {Median(samples.Select(s => s.PrimeMs).ToList()):F1} | {Median(added):F1} | {P90(added):F1} | {Median(keystroke):F1} | {P90(keystroke):F1} | {Ratio(Median(added), baselineMedian)} | {Median(samples.Select(s => s.AddedCpuMs).ToList()):F1} | {Median(samples.Select(s => s.AllocatedBytes / 1048576.0).ToList()):F1} |"));
                }
            }
            sb.AppendLine();

            if (sets.Any(s => s.IsOurs))
            {
                AppendPerDocument(sb, runner, variant);
                AppendPerAnalyzer(sb, runner, variant);
            }
        }

        AppendDiagnostics(sb, runner);
        AppendVerdict(sb, runner, peers);
        return sb.ToString();
    }

    private static void AppendPerDocument(StringBuilder sb, Runner runner, string variant)
    {
        var sizes = runner.Sizes.Where(s => s.Variant == variant).OrderBy(s => s.TargetLines).ToList();
        sb.AppendLine(Invariant($"Ours by edited document ({variant}): added median (p90) in ms."));
        sb.AppendLine();
        sb.AppendLine("| Edited document | " + string.Join(" | ", sizes.Select(s => Invariant($"{s.Lines:N0} lines"))) + " |");
        sb.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")));
        for (var d = 0; d < EditedModule.EditedNames.Length; d++)
        {
            var cells = sizes.Select(size =>
            {
                var added = Samples(runner, variant, size.TargetLines, AnalyzerSets.Ours).Where(s => s.Document == d).Select(s => s.AddedMs).ToList();
                return added.Count == 0 ? "–" : Invariant($"{Median(added):F1} ({P90(added):F1})");
            });
            sb.AppendLine($"| {EditedModule.EditedNames[d]} (`{EditedModule.EditedPaths[d]}`) | " + string.Join(" | ", cells) + " |");
        }
        sb.AppendLine();
    }

    private static void AppendPerAnalyzer(StringBuilder sb, Runner runner, string variant)
    {
        var sizes = runner.Sizes.Where(s => s.Variant == variant).OrderBy(s => s.TargetLines).ToList();
        var ours = runner.Samples.Where(s => s.Variant == variant && s.Set == AnalyzerSets.Ours).ToList();
        var analyzers = ours.SelectMany(s => s.PerAnalyzerMs.Keys).Distinct().OrderBy(a => a, StringComparer.Ordinal).ToList();
        sb.AppendLine(Invariant($"### Ours per analyzer: {variant} variant"));
        sb.AppendLine();
        sb.AppendLine("Median milliseconds per edit from the driver's telemetry (`GetAnalyzerTelemetryInfoAsync`, `ExecutionTime`): every");
        sb.AppendLine("callback of the analyzer for the edited document, including its compilation-start action on the new compilation.");
        sb.AppendLine("*Growth* is, per edited document, the median at the largest size minus the median at the smallest; the worst document is shown.");
        sb.AppendLine("The first line is not ours: it is the compiler building the analysis compilation's symbol tables (the driver analyses a");
        sb.AppendLine("clone of the edited compilation), charged to a primer analyzer that runs first in every set and reports nothing. It");
        sb.AppendLine("counts in every set's added time; it is left out of the growth target, which is about our analyzers' own work.");
        sb.AppendLine();
        sb.AppendLine("| Analyzer | " + string.Join(" | ", sizes.Select(s => Invariant($"{s.Lines:N0} lines"))) + " | Growth (ms) | Worst document |");
        sb.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")) + "---:|---|");
        foreach (var analyzer in analyzers)
        {
            var medians = sizes.Select(size => Median(ours.Where(s => s.TargetLines == size.TargetLines).Select(s => s.PerAnalyzerMs[analyzer]).ToList())).ToList();
            var (growth, document) = Growth(ours, analyzer, sizes);
            sb.AppendLine($"| `{analyzer}` | " + string.Join(" | ", medians.Select(m => m.ToString("F2", CultureInfo.InvariantCulture)))
                + $" | {(double.IsNaN(growth) ? "–" : growth.ToString("+0.00;-0.00", CultureInfo.InvariantCulture))} | {document} |");
        }
        sb.AppendLine();
    }

    /// <summary>Worst growth of one analyzer's median, per edited document, from the smallest to the largest size.</summary>
    private static (double Growth, string Document) Growth(List<Sample> ours, string analyzer, List<SizeInfo> sizes)
    {
        if (sizes.Count < 2)
        {
            return (double.NaN, "–");
        }
        var (smallest, largest) = (sizes[0].TargetLines, sizes[^1].TargetLines);
        var worst = (Growth: double.NegativeInfinity, Document: "–");
        for (var d = 0; d < EditedModule.EditedNames.Length; d++)
        {
            var small = ours.Where(s => s.TargetLines == smallest && s.Document == d).Select(s => s.PerAnalyzerMs[analyzer]).ToList();
            var large = ours.Where(s => s.TargetLines == largest && s.Document == d).Select(s => s.PerAnalyzerMs[analyzer]).ToList();
            if (small.Count == 0 || large.Count == 0)
            {
                continue;
            }
            var growth = Median(large) - Median(small);
            if (growth > worst.Growth)
            {
                worst = (growth, EditedModule.EditedNames[d]);
            }
        }
        return double.IsNegativeInfinity(worst.Growth) ? (double.NaN, "–") : worst;
    }

    private static void AppendDiagnostics(StringBuilder sb, Runner runner)
    {
        if (runner.OurDiagnostics.Count == 0 && runner.AnalyzerExceptions.Count == 0)
        {
            return;
        }
        sb.AppendLine("## Our diagnostics on the edited documents (after each one's last edit, largest size)");
        sb.AppendLine();
        foreach (var group in runner.OurDiagnostics.GroupBy(kv => kv.Key.Variant))
        {
            var largest = group.Max(kv => kv.Key.TargetLines);
            foreach (var kv in group.Where(kv => kv.Key.TargetLines == largest).OrderBy(kv => kv.Key.Document))
            {
                sb.AppendLine($"- {group.Key}, {EditedModule.EditedNames[kv.Key.Document]}: {(kv.Value.Length == 0 ? "none" : kv.Value)}");
            }
        }
        sb.AppendLine();
        sb.AppendLine(runner.AnalyzerExceptions.Count == 0
            ? "Analyzer exceptions: none."
            : "Analyzer exceptions:\n" + string.Join("\n", runner.AnalyzerExceptions.Distinct().Select(e => "- " + e)));
        sb.AppendLine();
    }

    private static void AppendVerdict(StringBuilder sb, Runner runner, List<string> peers)
    {
        var lines = new List<(bool? Met, string Text)>();

        // (1) Per analyzer of ours, the cost per edit of the same document hardly depends on the code base's size.
        foreach (var variant in runner.Sizes.Select(s => s.Variant).Distinct())
        {
            var sizes = runner.Sizes.Where(s => s.Variant == variant).OrderBy(s => s.TargetLines).ToList();
            var ours = runner.Samples.Where(s => s.Variant == variant && s.Set == AnalyzerSets.Ours).ToList();
            if (sizes.Count < 2 || ours.Count == 0)
            {
                lines.Add((null, $"(1) {variant}: not checked (needs ours at two sizes or more)"));
                continue;
            }
            var worst = ours.SelectMany(s => s.PerAnalyzerMs.Keys).Distinct()
                .Where(a => a != AnalysisCompilationPrimer.DisplayName)
                .Select(a => (Analyzer: a, Result: Growth(ours, a, sizes)))
                .Where(x => !double.IsNaN(x.Result.Growth))
                .OrderByDescending(x => x.Result.Growth)
                .First();
            var met = worst.Result.Growth <= GrowthAllowanceMs;
            lines.Add((met, Invariant($"(1) {variant}: from {sizes[0].Lines:N0} to {sizes[^1].Lines:N0} lines the worst growth is {worst.Result.Growth:+0.00;-0.00} ms per edit ({ShortName(worst.Analyzer)}, {worst.Result.Document}); allowed {GrowthAllowanceMs:F0} ms")));
        }

        // (2) At the largest size, ours adds no more than the fastest peer, at the median and at p90.
        {
            var plain = runner.Sizes.Where(s => s.Variant == "plain").OrderBy(s => s.TargetLines).LastOrDefault();
            var ours = plain == null ? [] : Samples(runner, "plain", plain.TargetLines, AnalyzerSets.Ours).Select(s => s.AddedMs).ToList();
            var peerStats = plain == null
                ? []
                : peers.Select(p => (Peer: p, Added: Samples(runner, "plain", plain.TargetLines, p).Select(s => s.AddedMs).ToList()))
                    .Where(p => p.Added.Count > 0)
                    .Select(p => (p.Peer, Median: Median(p.Added), P90: P90(p.Added)))
                    .ToList();
            if (plain == null || ours.Count == 0 || peerStats.Count == 0)
            {
                lines.Add((null, "(2) not checked (needs ours and a peer in the plain variant)"));
            }
            else
            {
                var fastestMedian = peerStats.MinBy(p => p.Median);
                var fastestP90 = peerStats.MinBy(p => p.P90);
                var met = Median(ours) <= fastestMedian.Median && P90(ours) <= fastestP90.P90;
                var oursCpu = Median(Samples(runner, "plain", plain.TargetLines, AnalyzerSets.Ours).Select(s => s.AddedCpuMs).ToList());
                var peerCpu = peers.Select(p => Median(Samples(runner, "plain", plain.TargetLines, p).Select(s => s.AddedCpuMs).ToList())).Where(m => !double.IsNaN(m)).Min();
                lines.Add((met, Invariant($"(2) at {plain.Lines:N0} lines ours adds median {Median(ours):F1} ms (fastest peer {fastestMedian.Peer} {fastestMedian.Median:F1}) and p90 {P90(ours):F1} ms (fastest peer {fastestP90.Peer} {fastestP90.P90:F1}); CPU median ours {oursCpu:F1} ms, fastest peer {peerCpu:F1}")));
            }
        }

        // (3) A code base that calls mapper.Map<T>(entity) everywhere costs ours no more than the plain one, for every
        // edited document (only some documents make our rules look beyond them, so a median over all would hide it).
        // Checked on our analyzers' own execution time (the telemetry summed over our analyzers, the primer left out):
        // the wall-clock added time also holds the driver and the compiler binding the edited document on the analysis
        // compilation, whose run-to-run noise (tens of ms at 400k lines over a few edits) exceeds the 2 ms allowance.
        // The wall-clock difference is printed beside it.
        {
            static double OwnMs(Sample s) => s.PerAnalyzerMs.Where(kv => kv.Key != AnalysisCompilationPrimer.DisplayName).Sum(kv => kv.Value);
            var mapperSizes = runner.Sizes.Where(s => s.Variant == "mapper").OrderBy(s => s.TargetLines).ToList();
            var compared = mapperSizes
                .SelectMany(m => EditedModule.EditedNames.Select((name, d) => (Size: m, Name: name,
                    Plain: Samples(runner, "plain", m.TargetLines, AnalyzerSets.Ours).Where(s => s.Document == d).ToList(),
                    Mapper: Samples(runner, "mapper", m.TargetLines, AnalyzerSets.Ours).Where(s => s.Document == d).ToList())))
                .Where(x => x.Plain.Count > 0 && x.Mapper.Count > 0)
                .ToList();
            if (compared.Count == 0)
            {
                lines.Add((null, "(3) not checked (run with --mapper, with ours)"));
            }
            else
            {
                double Own(List<Sample> samples) => Median(samples.Select(OwnMs).ToList());
                double Added(List<Sample> samples) => Median(samples.Select(s => s.AddedMs).ToList());
                var worst = compared.MaxBy(x => Own(x.Mapper) - Own(x.Plain));
                var worstWall = compared.MaxBy(x => Added(x.Mapper) - Added(x.Plain));
                var met = compared.All(x => Own(x.Mapper) <= Own(x.Plain) + GrowthAllowanceMs);
                lines.Add((met, Invariant($"(3) our analyzers' own time per edited document, mapper minus plain: worst {Own(worst.Mapper) - Own(worst.Plain):+0.00;-0.00} ms ({worst.Name} at {worst.Size.Lines:N0} lines: {Own(worst.Mapper):F2} vs {Own(worst.Plain):F2} ms); allowed +{GrowthAllowanceMs:F0} ms. ")
                    + Invariant($"Wall-clock added median, for information: worst {Added(worstWall.Mapper) - Added(worstWall.Plain):+0.0;-0.0} ms ({worstWall.Name} at {worstWall.Size.Lines:N0} lines: {Added(worstWall.Mapper):F1} vs {Added(worstWall.Plain):F1} ms)")));
            }
        }

        var checkedLines = lines.Where(l => l.Met.HasValue).ToList();
        var summary = checkedLines.Count == 0 ? "NOT CHECKED" : checkedLines.All(l => l.Met == true) ? "MET" : "NOT MET";
        sb.AppendLine("## Verdict");
        sb.AppendLine();
        sb.AppendLine($"**Verdict: {summary}** ({checkedLines.Count(l => l.Met == true)} of {checkedLines.Count} checked targets met, {lines.Count - checkedLines.Count} not checked)");
        sb.AppendLine();
        foreach (var (met, text) in lines)
        {
            sb.AppendLine($"- {(met switch { true => "met", false => "**NOT MET**", null => "not checked" })}: {text}");
        }
        sb.AppendLine();
    }

    /// <summary>Every measured sample, one row each, with our per-analyzer times as extra columns.</summary>
    public static string Csv(Runner runner)
    {
        var analyzers = runner.Samples.SelectMany(s => s.PerAnalyzerMs.Keys).Distinct().OrderBy(a => a, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder("variant,target_lines,set,edit,document,prime_ms,syntax_ms,semantic_ms,prime_cpu_ms,added_cpu_ms,allocated_bytes");
        foreach (var analyzer in analyzers)
        {
            sb.Append(',').Append(analyzer.Split(' ')[0]);
        }
        sb.AppendLine();
        foreach (var s in runner.Samples)
        {
            sb.Append(Invariant($"{s.Variant},{s.TargetLines},{s.Set},{s.Edit},{EditedModule.EditedNames[s.Document]},{s.PrimeMs:F3},{s.SyntaxMs:F3},{s.SemanticMs:F3},{s.PrimeCpuMs:F3},{s.AddedCpuMs:F3},{s.AllocatedBytes}"));
            foreach (var analyzer in analyzers)
            {
                sb.Append(',').Append(s.PerAnalyzerMs.TryGetValue(analyzer, out var ms) ? ms.ToString("F3", CultureInfo.InvariantCulture) : "");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static List<Sample> Samples(Runner runner, string variant, int targetLines, string set)
        => runner.Samples.Where(s => s.Variant == variant && s.TargetLines == targetLines && s.Set == set).ToList();

    private static string ShortName(string analyzer) => analyzer.Split(' ')[0];

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>90th percentile, nearest rank.</summary>
    public static double P90(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(0.9 * sorted.Count) - 1)];
    }

    private static string Ratio(double value, double baseline)
        => double.IsNaN(baseline) || baseline <= 0 ? "–" : (value / baseline).ToString("F2", CultureInfo.InvariantCulture) + "×";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
