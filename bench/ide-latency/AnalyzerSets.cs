using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdeLatency;

/// <summary>A set of analyzers measured together; the compiler's own set is empty.</summary>
internal sealed record AnalyzerSet(string Name, string Description, ImmutableArray<DiagnosticAnalyzer> Analyzers)
{
    public bool IsCompiler => Analyzers.IsEmpty;
    public bool IsOurs => Name == AnalyzerSets.Ours;
}

internal static class AnalyzerSets
{
    public const string Compiler = "compiler";
    public const string Ours = "ours";
    public const string Peers = "peers";

    /// <summary>
    /// The sets named by <c>--sets</c>: <c>compiler</c> (no analyzer), <c>ours</c> (every analyzer in the
    /// PerfAnalyzers assembly built from src/), <c>peers</c> (each peer package as its own set).
    /// </summary>
    public static IReadOnlyList<AnalyzerSet> Load(IEnumerable<string> names, List<string> problems)
    {
        var sets = new List<AnalyzerSet>();
        foreach (var name in names)
        {
            switch (name)
            {
                case Compiler:
                    sets.Add(new AnalyzerSet(Compiler, "compiler alone (baseline)", []));
                    break;
                case Ours:
                    var ours = Path.Combine(AppContext.BaseDirectory, "PerfAnalyzers.dll");
                    sets.Add(new AnalyzerSet(Ours, $"PerfAnalyzers {FileVersion(ours)} (built from src/)", FromAssemblies([ours], problems)));
                    break;
                case Peers:
                    sets.AddRange(LoadPeers(problems));
                    break;
                default:
                    throw new ArgumentException($"Unknown analyzer set '{name}' (use {Compiler}, {Ours}, {Peers}).");
            }
        }
        return sets;
    }

    private static IEnumerable<AnalyzerSet> LoadPeers(List<string> problems)
    {
        // Written at build time by the WritePeerPackages target: id|version|package folder.
        var listing = Path.Combine(AppContext.BaseDirectory, "peer-packages.txt");
        foreach (var line in File.ReadAllLines(listing).Where(l => l.Length > 0))
        {
            var parts = line.Split('|');
            var (id, version, folder) = (parts[0], parts[1], parts[2]);
            var assemblies = PeerAssemblies(folder).ToList();
            if (assemblies.Count == 0)
            {
                problems.Add($"{id} {version}: no C# analyzer assembly under {folder}");
                continue;
            }
            var analyzers = FromAssemblies(assemblies, problems);
            yield return new AnalyzerSet(id, $"{id} {version} ({string.Join(", ", assemblies.Select(a => Path.GetRelativePath(folder, a)))})", analyzers);
        }
    }

    /// <summary>
    /// The package's C# analyzer assemblies: analyzers/dotnet/cs or analyzers/cs, or the highest
    /// analyzers/dotnet/roslynX.Y/cs this host's compiler can load; code-fix assemblies left out.
    /// </summary>
    private static IEnumerable<string> PeerAssemblies(string folder)
    {
        var host = typeof(Compilation).Assembly.GetName().Version!;
        var roslynFolders = Directory.Exists(Path.Combine(folder, "analyzers", "dotnet"))
            ? Directory.GetDirectories(Path.Combine(folder, "analyzers", "dotnet"), "roslyn*")
                .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d)["roslyn".Length..], out var v) ? v : null))
                .Where(d => d.Version != null && d.Version <= new Version(host.Major, host.Minor))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "cs"))
                .ToList()
            : [];
        var candidates = roslynFolders.Take(1)
            .Concat([Path.Combine(folder, "analyzers", "dotnet", "cs"), Path.Combine(folder, "analyzers", "cs")]);
        var chosen = candidates.FirstOrDefault(Directory.Exists);
        return chosen == null
            ? []
            : Directory.GetFiles(chosen, "*.dll")
                .Where(f => !Path.GetFileName(f).Contains("CodeFix", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal);
    }

    private static ImmutableArray<DiagnosticAnalyzer> FromAssemblies(IEnumerable<string> paths, List<string> problems)
    {
        var loader = new LoadFromLoader();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in paths)
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => problems.Add($"{Path.GetFileName(path)}: {e.TypeName ?? "assembly"} not loaded: {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }
        return analyzers.ToImmutable();
    }

    private static string FileVersion(string path)
        => System.Diagnostics.FileVersionInfo.GetVersionInfo(path).ProductVersion?.Split('+')[0] ?? "?";

    /// <summary>Loads analyzer assemblies into the default context; their dependencies resolve from their own folder.</summary>
    private sealed class LoadFromLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
