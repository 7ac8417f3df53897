using System.Collections.Immutable;
using System.Text;
using AnalyzerOverhead;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Tests.Infrastructure;

namespace IdeLatency;

/// <summary>A generated code base of one size, compiled in memory as the web SDK compiles it.</summary>
internal sealed record CodeBase(int Lines, int Files, int Modules, CSharpCompilation Compilation, ImmutableArray<SyntaxTree> EditedTrees)
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The peer rules bench/analyzer-overhead turns on because they overlap ours and are off by default; every
    /// other rule keeps its default severity, as in a project with no .editorconfig.
    /// </summary>
    private static readonly string[] EnabledPeerRules = ["VSTHRD002", "VSTHRD103", "MA0042", "MA0045", "AsyncFixer02"];

    /// <summary>
    /// Writes bench/analyzer-overhead's code base of <paramref name="targetLines"/> lines into
    /// <paramref name="directory"/>, adds <see cref="EditedModule"/>, and compiles both in memory against the real
    /// ASP.NET Core shared framework and EF Core packages with the web SDK's implicit usings.
    /// </summary>
    public static CodeBase Create(string directory, int targetLines, bool mapper)
    {
        var generated = Generator.Generate(directory, targetLines, projectFileContent: "<Project />\n", editorConfigContent: "root = true\n");
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();

        var sources = new List<(string Path, string Text)>(files.Count + 8);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            sources.Add((file, mapper && EditedModule.IsGeneratedService(file) ? EditedModule.ToMapperStyle(text) : text));
        }
        sources.AddRange(EditedModule.Documents(mapper).Select(d => (Path.Combine(directory, d.Path), d.Text)));
        sources.Add((Path.Combine(directory, "obj", "GlobalUsings.g.cs"), WebSdkImplicitUsings.Source));

        var trees = new SyntaxTree[sources.Count];
        Parallel.For(0, sources.Count, i =>
            trees[i] = CSharpSyntaxTree.ParseText(sources[i].Text, ParseOptions, path: sources[i].Path, encoding: Encoding.UTF8));

        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(EnabledPeerRules.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn)));
        var compilation = CSharpCompilation.Create("Generated", trees, SnippetReferences.For(Frameworks.Web), options);

        var edited = EditedModule.EditedPaths
            .Select(p => trees.Single(t => t.FilePath == Path.Combine(directory, p)))
            .ToImmutableArray();
        var lines = sources.Sum(s => Generator.CountLines(s.Text));
        return new CodeBase(lines, sources.Count, generated.Modules + 1, compilation, edited);
    }

    /// <summary>Errors of the edited documents (there must be none: every edit keeps them compiling).</summary>
    public static IReadOnlyList<Diagnostic> Errors(Compilation compilation, SyntaxTree tree)
        => compilation.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
