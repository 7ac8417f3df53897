using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeLatency;

/// <summary>One edit measured for one analyzer set.</summary>
internal sealed record Sample(
    string Variant,
    int TargetLines,
    string Set,
    int Edit,
    int Document,
    double PrimeMs,
    double SyntaxMs,
    double SemanticMs,
    double PrimeCpuMs,
    double AddedCpuMs,
    long AllocatedBytes,
    IReadOnlyDictionary<string, double> PerAnalyzerMs)
{
    /// <summary>What the analyzers add to the keystroke once the compiler has bound the document.</summary>
    public double AddedMs => SyntaxMs + SemanticMs;

    public double KeystrokeMs => PrimeMs + AddedMs;
}

/// <summary>What one code base size looked like, for the report.</summary>
internal sealed record SizeInfo(string Variant, int TargetLines, int Lines, int Files, int Modules, TimeSpan LoadTime, TimeSpan MeasureTime);

internal sealed class Runner(int edits, int warmup, int seed, Action<string> log)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AnalysisCompilationPrimer Primer = new();

    public List<Sample> Samples { get; } = [];

    public List<SizeInfo> Sizes { get; } = [];

    /// <summary>Diagnostics our analyzers reported on each edited document after its last edit, per variant and size.</summary>
    public Dictionary<(string Variant, int TargetLines, int Document), string> OurDiagnostics { get; } = [];

    public List<string> AnalyzerExceptions { get; } = [];

    public Dictionary<string, string> EditedDocumentHashes { get; } = [];

    public Dictionary<string, IReadOnlyList<Edit>> Scripts { get; } = [];

    public async Task RunAsync(string variant, int targetLines, string codeDirectory, IReadOnlyList<AnalyzerSet> sets)
    {
        var load = Stopwatch.StartNew();
        var codeBase = CodeBase.Create(codeDirectory, targetLines, mapper: variant == "mapper");
        foreach (var tree in codeBase.EditedTrees)
        {
            var errors = CodeBase.Errors(codeBase.Compilation, tree);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The edited document {tree.FilePath} does not compile:\n" + string.Join("\n", errors.Take(10)));
            }
        }
        load.Stop();

        // The script depends only on the edited documents' texts and the seed: every size replays the same texts.
        var texts = codeBase.EditedTrees.Select(t => t.GetText().ToString()).ToList();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\0", texts))))[..12];
        if (EditedDocumentHashes.TryGetValue(variant, out var known) && known != hash)
        {
            throw new InvalidOperationException("The edited documents differ between sizes.");
        }
        EditedDocumentHashes[variant] = hash;
        if (!Scripts.TryGetValue(variant, out var script))
        {
            script = EditScript.Create(texts, warmup + edits, seed);
            Scripts[variant] = script;
        }

        log($"{variant}, {targetLines:N0} lines: {codeBase.Lines:N0} lines in {codeBase.Files:N0} files loaded in {load.Elapsed.TotalSeconds:F1} s; {warmup} warm-up + {edits} measured edits × {sets.Count} sets");

        var measure = Stopwatch.StartNew();
        var chains = sets.ToDictionary(s => s.Name, _ => (Compilation: (Compilation)codeBase.Compilation, Trees: codeBase.EditedTrees.ToArray()));
        foreach (var edit in script)
        {
            if (edit.Index > 0 && edit.Index % 6 == 0)
            {
                log($"{variant}, {targetLines:N0} lines: edit {edit.Index}/{script.Count}");
            }
            // The sets take turns going first, so none is always the one that meets a cold cache or a GC.
            for (var k = 0; k < sets.Count; k++)
            {
                var set = sets[(edit.Index + k) % sets.Count];
                var (compilation, trees) = chains[set.Name];
                var old = trees[edit.Document];
                var edited = old.WithChangedText(old.GetText().WithChanges(edit.Change));
                compilation = compilation.ReplaceSyntaxTree(old, edited);
                trees[edit.Document] = edited;
                chains[set.Name] = (compilation, trees);

                var sample = await MeasureAsync(variant, targetLines, set, edit, compilation, edited, isLast: edit.Index == script.Count - 1 || script.Skip(edit.Index + 1).All(e => e.Document != edit.Document));
                if (edit.Index >= warmup)
                {
                    Samples.Add(sample);
                }
            }
        }
        measure.Stop();
        Sizes.Add(new SizeInfo(variant, targetLines, codeBase.Lines, codeBase.Files, codeBase.Modules, load.Elapsed, measure.Elapsed));
        log($"{variant}, {targetLines:N0} lines: measured in {measure.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<Sample> MeasureAsync(string variant, int targetLines, AnalyzerSet set, Edit edit, Compilation compilation, SyntaxTree tree, bool isLast)
    {
        if (set.IsCompiler)
        {
            // The baseline: the compiler binds the edited document and reports its diagnostics, nothing else (what the
            // IDE does for a keystroke with no analyzer).
            var cpu = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            var diagnostics = compilation.GetSemanticModel(tree).GetDiagnostics();
            watch.Stop();
            var primeCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            ThrowOnErrors(diagnostics, tree, edit);
            return new Sample(variant, targetLines, set.Name, edit.Index, edit.Document, watch.Elapsed.TotalMilliseconds, 0, 0, primeCpu, 0, 0, ImmutableDictionary<string, double>.Empty);
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (AnalyzerExceptions)
                {
                    AnalyzerExceptions.Add($"{set.Name}: {analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}");
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        // The primer first: the compiler's symbol tables of the analysis compilation are charged to it, not to one of the set's analyzers.
        var analyzers = set.Analyzers.Insert(0, Primer);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);

        // Priming: the same compiler work as the baseline, on the compilation the analyzers see, so compiler binding
        // is not charged to the analyzers (the driver reuses this semantic model and the bound method bodies it keeps).
        var cpuBeforePrime = Environment.CpuUsage.TotalTime;
        var prime = Stopwatch.StartNew();
        var model = withAnalyzers.Compilation.GetSemanticModel(tree);
        var compilerDiagnostics = Prime(model);
        prime.Stop();
        var cpuBeforeAnalyzers = Environment.CpuUsage.TotalTime;
        ThrowOnErrors(compilerDiagnostics, tree, edit);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var cpuAnalyzersStart = Environment.CpuUsage.TotalTime;
        var syntax = Stopwatch.StartNew();
        var syntaxDiagnostics = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, analyzers, None);
        syntax.Stop();
        var semantic = Stopwatch.StartNew();
        var semanticDiagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, analyzers, None);
        semantic.Stop();
        var addedCpu = (Environment.CpuUsage.TotalTime - cpuAnalyzersStart).TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;

        var perAnalyzer = new Dictionary<string, double>(StringComparer.Ordinal);
        if (set.IsOurs)
        {
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, None);
                perAnalyzer[analyzer == Primer ? AnalysisCompilationPrimer.DisplayName : AnalyzerName(analyzer)] = telemetry.ExecutionTime.TotalMilliseconds;
            }
            if (isLast)
            {
                OurDiagnostics[(variant, targetLines, edit.Document)] = string.Join(", ",
                    syntaxDiagnostics.Concat(semanticDiagnostics)
                        .Where(d => d.Location.SourceTree == tree)
                        .OrderBy(d => d.Location.SourceSpan.Start)
                        .Select(d => $"{d.Id} (line {d.Location.GetLineSpan().StartLinePosition.Line + 1})"));
            }
        }

        return new Sample(variant, targetLines, set.Name, edit.Index, edit.Document, prime.Elapsed.TotalMilliseconds,
            syntax.Elapsed.TotalMilliseconds, semantic.Elapsed.TotalMilliseconds, (cpuBeforeAnalyzers - cpuBeforePrime).TotalMilliseconds, addedCpu, allocated, perAnalyzer);
    }

    /// <summary>
    /// The compiler's share of a keystroke with analyzers: the document's compiler diagnostics (on a compilation with
    /// analyzers attached, the semantic model keeps the bound method bodies), then the operation tree of each member,
    /// which the driver and every operation-based analyzer start from, so the first analyzer to ask is not charged
    /// with building it.
    /// </summary>
    private static ImmutableArray<Diagnostic> Prime(SemanticModel model)
    {
        var diagnostics = model.GetDiagnostics();
        foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes())
        {
            if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AttributeSyntax
                || (node is ArrowExpressionClauseSyntax && node.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax)
                || (node is EqualsValueClauseSyntax && node.Parent is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax or ParameterSyntax)
                || node is PrimaryConstructorBaseTypeSyntax)
            {
                model.GetOperation(node);
            }
        }
        return diagnostics;
    }

    /// <summary>An analyzer as the report names it: its type name and the rule IDs it reports.</summary>
    public static string AnalyzerName(DiagnosticAnalyzer analyzer)
        => $"{analyzer.GetType().Name} ({string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct())})";

    private static void ThrowOnErrors(ImmutableArray<Diagnostic> diagnostics, SyntaxTree tree, Edit edit)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Edit {edit.Index} ({edit.Kind}) left {Path.GetFileName(tree.FilePath)} with errors:\n" + string.Join("\n", errors.Take(5)));
        }
    }
}
