using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: dotnet run --project bench/real-world/RealWorldRun -- [--blazor-wasm] <name> <source-folder> [<source-folder> ...]
// --blazor-wasm compiles the folders as a Blazor WebAssembly project (references its hosting assembly).
// --errors-in <text> also prints the compiler errors of files whose path contains <text>: to tell a rule's miss from
// code that does not bind without a package the harness cannot reference.
// --only PERF301,PERF101 runs only the analyzers whose type names start so (to time one alone).
// --per-analyzer also prints each analyzer's execution time, longest first (the first analyzer to ask for a file's
// operations is charged for building them, so read it as where to look, not as an exact share).
// Compiles every .cs file under the folders (bin/obj and test folders left out) as one web project, against ASP.NET
// Core and EF Core, with implicit usings per project when the projects disagree (see below), else the web SDK's implicit usings when a project file among the folders (or a
// Directory.Build.props in them or above them) enables ImplicitUsings; without it, System.IO's Directory and the
// like would clash with the application's own types (Ombi's Plex models). Third-party packages the applications use are
// not referenced, so code that depends on them binds partly: that can hide diagnostics, never invent them.
var blazorWebAssembly = args.Contains("--blazor-wasm");
args = args.Where(a => a != "--blazor-wasm").ToArray();
var perAnalyzer = args.Contains("--per-analyzer");
args = args.Where(a => a != "--per-analyzer").ToArray();
// --separate compiles the folders after the first as a compilation of their own, which the first folder's compilation
// references (as the IDE references a project): only the first folder is analysed, and the others' types come from
// another assembly, as in a real build. Without it every folder is one compilation (see the README).
// --check-fixes also applies every code action our fixes offer, one at a time, and prints those that add a compiler
// error to the documents they change (FixCheck.cs).
var checkFixes = args.Contains("--check-fixes");
args = args.Where(a => a != "--check-fixes").ToArray();
var separate = args.Contains("--separate");
args = args.Where(a => a != "--separate").ToArray();
// --shuffle <seed> compiles the files in a shuffled order: the compiler then analyses them in another order, and the
// reports must not change (an answer that depends on which method was summarised first is a bug).
int? shuffleSeed = null;
var shuffleAt = Array.IndexOf(args, "--shuffle");
if (shuffleAt >= 0 && shuffleAt + 1 < args.Length && int.TryParse(args[shuffleAt + 1], out var seed))
{
    shuffleSeed = seed;
    args = args.Where((_, i) => i != shuffleAt && i != shuffleAt + 1).ToArray();
}

string? onlyAnalyzers = null;
var onlyAt = Array.IndexOf(args, "--only");
if (onlyAt >= 0 && onlyAt + 1 < args.Length)
{
    onlyAnalyzers = args[onlyAt + 1];
    args = args.Where((_, i) => i != onlyAt && i != onlyAt + 1).ToArray();
}
string? errorsIn = null;
var errorsInAt = Array.IndexOf(args, "--errors-in");
if (errorsInAt >= 0 && errorsInAt + 1 < args.Length)
{
    errorsIn = args[errorsInAt + 1];
    args = args.Where((_, i) => i != errorsInAt && i != errorsInAt + 1).ToArray();
}
// --link <file> (repeatable) adds a file of another folder to the first folder's project, as a project file's
// <Compile Include="..\Other\File.cs" Link=".." /> item does (a maritime-safety admin site compiles the public site's
// services so).
var linkedFiles = new List<string>();
for (var linkAt = Array.IndexOf(args, "--link"); linkAt >= 0 && linkAt + 1 < args.Length; linkAt = Array.IndexOf(args, "--link"))
{
    linkedFiles.Add(Path.GetFullPath(args[linkAt + 1]));
    args = args.Where((_, i) => i != linkAt && i != linkAt + 1).ToArray();
}
// --exclude <file-or-folder> (repeatable) leaves out what a project file's <Compile Remove=".." /> item removes (a
// council's finance API removes a test controller so): a file, or every file under a folder ("Dir\**").
var excluded = new List<string>();
for (var excludeAt = Array.IndexOf(args, "--exclude"); excludeAt >= 0 && excludeAt + 1 < args.Length; excludeAt = Array.IndexOf(args, "--exclude"))
{
    excluded.Add(Path.GetFullPath(args[excludeAt + 1]));
    args = args.Where((_, i) => i != excludeAt && i != excludeAt + 1).ToArray();
}
bool IsExcluded(string file) => Path.GetFullPath(file) is var full
    && excluded.Any(e => full == e || full.StartsWith(e.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: RealWorldRun <name> <source-folder> [<source-folder> ...]");
    return 2;
}


var name = args[0];
var files = args.Skip(1)
    // Test projects are left out by their folders (Tests, UnitTests, App.Tests, App.Test, TestHelpers); a feature of the
    // application named for a test (WalkingTec.Mvvm's LinkTestController.cs in ViewModels/LinkTestVMs) stays, and so does
    // a folder of the application's own project named like one (a teaching-record service's Pages/OidcTest). Only the
    // folders below a given folder are judged: a folder given is analysed whatever its name (a hydrographic office's
    // tools/TestDataGenerator, a web app that generates test data, chosen by per-project-runs.py as a project).
    .SelectMany(folder => Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
        .Where(f => !InBinObjOrTestFolder(folder, Path.GetRelativePath(folder, Path.GetDirectoryName(f)!))))
    .Where(f => !IsExcluded(f))
    .Concat(linkedFiles.Where(File.Exists))
    .Distinct(StringComparer.Ordinal)
    .OrderBy(f => f, StringComparer.Ordinal)
    .ToList();

// The language version a .NET 10 application builds with by default.
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
// Implicit usings are a project's setting. When every file's project agrees (or no project file is found), one global
// file stands for them, as before; when projects differ (FluentCMS's services disable them, its providers enable them),
// each file of an enabling project gets its SDK's usings as ordinary usings on an added first line, and the lines
// reported for it are moved back by one.
var implicitUsings = EnablesImplicitUsings(args.Skip(1));
string[] webSdkUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading", "System.Threading.Tasks",
    "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
    "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];
var usingsPerFile = files.Select(f => ProjectImplicitUsings(f) ?? (implicitUsings ? webSdkUsings.Select(u => $"using global::{u};").ToArray() : Array.Empty<string>())).ToList();
var globalUsingsFile = implicitUsings ? string.Join(",", webSdkUsings.Select(u => $"using global::{u};")) : "";
// One set for every file that the global file below states as well needs no per-file lines; anything else (projects that
// differ, or <Using> items of their own) is added to each file.
var perProjectUsings = usingsPerFile.Select(u => string.Join(",", u)).Distinct(StringComparer.Ordinal).Any(set => set != globalUsingsFile);
var shiftedFiles = new HashSet<string>(StringComparer.Ordinal);
var trees = files.Select((f, i) =>
{
    var text = File.ReadAllText(f);
    if (perProjectUsings && usingsPerFile[i] is { Length: > 0 } usings && CanTakeUsingsFirst(text))
    {
        shiftedFiles.Add(f);
        text = string.Join(" ", usings) + "\n" + text;
    }
    else if (perProjectUsings && usingsPerFile[i] is { Length: > 0 } projectUsings && DeclaresGlobalUsingsOnly(text))
    {
        // Global usings must precede ordinary ones, so a file that declares its own (BlazingPizza's Program.cs) gets
        // its project's set as global usings: they then reach every file of the compilation, not its project's only.
        shiftedFiles.Add(f);
        text = string.Join(" ", projectUsings.Select(u => "global " + u)) + "\n" + text;
    }

    return CSharpSyntaxTree.ParseText(text, parseOptions, path: f);
}).ToList();
if (shuffleSeed is { } shuffleWith)
{
    var random = new Random(shuffleWith);
    trees = trees.OrderBy(_ => random.Next()).ToList();
}

if (!perProjectUsings && implicitUsings)
{
    trees.Add(CSharpSyntaxTree.ParseText(PerfAnalyzers.Tests.Infrastructure.WebSdkImplicitUsings.Source, parseOptions, path: "GlobalUsings.g.cs"));
}
var referencesAspNetCore = blazorWebAssembly || ReferencesAspNetCore(args.Skip(1));
// With --separate, the analysed project builds an executable when its project file says so (OutputType Exe or WinExe, or
// the web or worker SDK, whose default it is): the compiler then has an entry point, and a console tool is a console
// program to the rules (docs/concepts.md, "Console program"), as in its build. A console tool that mentions neither the
// generic host nor Azure Functions in the project files given also builds without Microsoft.Extensions.Hosting, which
// the references below otherwise always hold (it comes with ASP.NET Core's reference pack). A package bringing the host
// transitively is not seen: the run is then quieter than the build.
var buildsAnExecutable = separate && BuildsAnExecutable(args[1]);
var referencesTheGenericHost = referencesAspNetCore || !buildsAnExecutable || MentionsTheGenericHost(args.Skip(1));
var references = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "application-references.txt"))
    .Where(File.Exists)
    .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("PerfAnalyzers", StringComparison.Ordinal))
    .Where(p => blazorWebAssembly || !Path.GetFileName(p).StartsWith("Microsoft.AspNetCore.Components.WebAssembly", StringComparison.Ordinal))
    // A WebAssembly project does not reference the ASP.NET Core server: without Kestrel the rules see a browser app.
    .Where(p => !blazorWebAssembly || !Path.GetFileName(p).StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal))
    // A class library or console project that neither uses the web SDK nor references ASP.NET Core builds without its
    // shared framework: the rules that need ASP.NET Core must see it absent, as in that project's real build.
    .Where(p => referencesAspNetCore || !IsAspNetCoreFrameworkAssembly(Path.GetFileName(p)))
    .Where(p => referencesTheGenericHost || !Path.GetFileName(p).StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .ToList()
    .AsEnumerable();
var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
var referencedProjectFiles = 0;
if (separate)
{
    // The first folder's files (and the implicit-usings file, which both need) against the rest.
    var projectRoot = Path.GetFullPath(args[1]).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
    var linked = new HashSet<string>(linkedFiles, StringComparer.Ordinal);
    bool InProjectFile(string path) => Path.GetFullPath(path) is var full && (full.StartsWith(projectRoot, StringComparison.Ordinal) || linked.Contains(full));
    bool InProject(SyntaxTree tree) => tree.FilePath == "GlobalUsings.g.cs" || InProjectFile(tree.FilePath);
    var referencedTrees = trees.Where(t => !InProject(t) || t.FilePath == "GlobalUsings.g.cs").ToList();
    referencedProjectFiles = referencedTrees.Count(t => t.FilePath != "GlobalUsings.g.cs");
    var referencedProjects = CSharpCompilation.Create(name + ".References", referencedTrees, references, compilationOptions);
    trees = trees.Where(InProject).ToList();
    files = files.Where(InProjectFile).ToList();
    references = references.Append(referencedProjects.ToMetadataReference());
}

var compilation = CSharpCompilation.Create(name, trees, references,
    buildsAnExecutable ? compilationOptions.WithOutputKind(OutputKind.ConsoleApplication) : compilationOptions);

var analyzers = typeof(PerfAnalyzers.Descriptors).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
    .Where(t => onlyAnalyzers == null || onlyAnalyzers.Split(',').Any(prefix => t.Name.StartsWith(prefix, StringComparison.Ordinal)))
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

var compileTimer = Stopwatch.StartNew();
var compilerDiagnostics = compilation.GetDiagnostics();
compileTimer.Stop();

var exceptions = new List<string>();
var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
    (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"); } },
    concurrentAnalysis: false,
    logAnalyzerExecutionTime: true));
var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
var analyzerTime = TimeSpan.Zero;
var timePerAnalyzer = new List<(string Analyzer, TimeSpan Time)>();
foreach (var analyzer in analyzers)
{
    var time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
    analyzerTime += time;
    timePerAnalyzer.Add((analyzer.GetType().Name, time));
}

var lines = files.Sum(f => File.ReadLines(f).Count());
var errors = compilerDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
Console.WriteLine($"## {name}");
Console.WriteLine($"files: {files.Count}, lines: {lines}, compiler errors (unresolved third-party types): {errors}, implicit usings: {(perProjectUsings ? $"per project ({shiftedFiles.Count} files)" : implicitUsings ? "on" : "off")}"
    + (separate ? $", referenced projects compiled apart ({referencedProjectFiles} files)" : "")
    + (referencesAspNetCore ? "" : ", ASP.NET Core not referenced (no project references it)"));
Console.WriteLine($"compile (bind all trees): {compileTimer.Elapsed.TotalMilliseconds:F0} ms; PerfAnalyzers execution: {analyzerTime.TotalMilliseconds:F0} ms ({100 * analyzerTime.TotalMilliseconds / compileTimer.Elapsed.TotalMilliseconds:F1}% of it)");
if (errorsIn != null)
{
    foreach (var error in compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && (d.Location.SourceTree?.FilePath.Contains(errorsIn, StringComparison.Ordinal) ?? false)))
    {
        var errorSpan = error.Location.GetLineSpan();
        Console.WriteLine($"  error {error.Id} {Path.GetFileName(errorSpan.Path)}:{ReportedLine(errorSpan)}: {error.GetMessage()}");
    }
}

Console.WriteLine($"analyzer exceptions (AD0001): {exceptions.Count + diagnostics.Count(d => d.Id == "AD0001")}");
foreach (var exception in exceptions)
{
    Console.WriteLine("  " + exception);
}

var perf = diagnostics.Where(d => d.Id.StartsWith("PERF", StringComparison.Ordinal)).OrderBy(d => d.Id).ThenBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ToList();
if (perAnalyzer)
{
    foreach (var (analyzerName, time) in timePerAnalyzer.OrderByDescending(t => t.Time))
    {
        Console.WriteLine($"  {analyzerName}: {time.TotalMilliseconds:F0} ms");
    }
}

Console.WriteLine("per rule: " + (perf.Count == 0 ? "none" : string.Join(", ", perf.GroupBy(d => d.Id).Select(g => $"{g.Key}={g.Count()}"))));
var root = args[1];
foreach (var diagnostic in perf)
{
    var span = diagnostic.Location.GetLineSpan();
    Console.WriteLine($"{diagnostic.Id}\t{Path.GetRelativePath(root, span.Path)}:{ReportedLine(span)}\t{diagnostic.GetMessage()}");
}

if (checkFixes)
{
    await FixCheck.RunAsync(trees, references, compilationOptions, parseOptions, analyzers, root, ReportedLine);
}

return 0;

// A folder of the path is bin or obj, or a test folder: test/tests by name alone, any other test-like name (UnitTests,
// App.Tests, TestHelpers) only when that folder holds a project file, so that a folder of an application project named
// like a test (Pages/OidcTest) is compiled as its build compiles it.
static bool InBinObjOrTestFolder(string root, string relativeDirectory)
{
    var parts = relativeDirectory == "." ? Array.Empty<string>() : relativeDirectory.Split(Path.DirectorySeparatorChar);
    for (var i = 0; i < parts.Length; i++)
    {
        var part = parts[i];
        if (part is "bin" or "obj" || IsNamedTest(part))
        {
            return true;
        }

        if (IsTestFolder(part) && HoldsAProjectFile(Path.Combine(root, string.Join(Path.DirectorySeparatorChar, parts, 0, i + 1))))
        {
            return true;
        }
    }

    return false;
}

static bool IsNamedTest(string name)
    => name.Equals("test", StringComparison.OrdinalIgnoreCase) || name.Equals("tests", StringComparison.OrdinalIgnoreCase);

static bool HoldsAProjectFile(string folder)
    => ProjectFolders.Holds.GetOrAdd(folder, f => Directory.Exists(f) && Directory.EnumerateFiles(f, "*.csproj").Any());

// Case matters but for test/tests: the old filter (any path part containing "test", any case) also dropped
// DeleteStyleSheetCommand.cs, SiteState.cs, RemoteStream.cs and Jellyfin's Latest* files.
static bool IsTestFolder(string name)
    => IsNamedTest(name)
    || name.StartsWith("Test", StringComparison.Ordinal)
    || name.EndsWith("Test", StringComparison.Ordinal)
    || name.EndsWith("Tests", StringComparison.Ordinal)
    || name.Contains(".Test", StringComparison.Ordinal);

// The line in the file as written: one less where the implicit usings were added as a first line.
int ReportedLine(FileLinePositionSpan span)
    => span.StartLinePosition.Line + (shiftedFiles.Contains(span.Path) ? 0 : 1);

// Usings must come first: a file with global usings, an extern alias or a #define keeps its text as the lines above say.
static bool DeclaresGlobalUsingsOnly(string text)
    => text.Contains("global using", StringComparison.Ordinal)
    && !text.Contains("extern alias", StringComparison.Ordinal)
    && !text.Contains("#define", StringComparison.Ordinal);

static bool CanTakeUsingsFirst(string text)
    => !text.Contains("global using", StringComparison.Ordinal)
    && !text.Contains("extern alias", StringComparison.Ordinal)
    && !text.Contains("#define", StringComparison.Ordinal);

// The implicit usings of the nearest project file above the source file: its SDK's set when ImplicitUsings is enabled
// there (or in the nearest Directory.Build.props that sets it), an empty array when it is not, null when no project file
// is found.
static string[]? ProjectImplicitUsings(string sourceFile)
{
    for (var folder = Directory.GetParent(Path.GetFullPath(sourceFile)); folder != null; folder = folder.Parent)
    {
        var project = Directory.GetFiles(folder.FullName, "*.csproj").OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        if (project == null)
        {
            continue;
        }

        var text = File.ReadAllText(project);
        var setting = ImplicitUsingsSetting(text);
        // Directory.Build.props comes before the project file and Directory.Build.targets after it (Piranha enables
        // implicit usings in its targets file): the targets file wins, then the project, then the props file.
        string? nearestProps = null;
        string? nearestTargets = null;
        for (var above = folder; above != null && (nearestProps == null || nearestTargets == null); above = above.Parent)
        {
            var props = Path.Combine(above.FullName, "Directory.Build.props");
            var targets = Path.Combine(above.FullName, "Directory.Build.targets");
            nearestProps ??= File.Exists(props) ? props : null;
            nearestTargets ??= File.Exists(targets) ? targets : null;
        }

        var fromTargets = nearestTargets == null ? null : ImplicitUsingsSetting(WithImports(nearestTargets));
        setting = fromTargets ?? setting ?? (nearestProps == null ? null : ImplicitUsingsSetting(WithImports(nearestProps)));

        // The project's own <Using Include=".." /> items (Bit's Boilerplate declares most of its usings so) come after the
        // SDK's, from the props file, the project and the targets file in MSBuild's order; conditions are taken as true.
        var projectUsings = new[] { nearestProps, project, nearestTargets }
            .Where(file => file != null)
            .SelectMany(file => UsingItems(file == project ? text : WithImports(file!)));
        return SdkUsings(setting == true, text).Select(u => $"using global::{u};").Concat(projectUsings).Distinct(StringComparer.Ordinal).ToArray();
    }

    return null;
}

static string[] SdkUsings(bool enabled, string projectText)
{
    if (!enabled)
    {
        return [];
    }

    string[] common = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];
    string[] extensions = ["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];
    if (projectText.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))
    {
        return [.. common, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", .. extensions];
    }

    return projectText.Contains("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase) ? [.. common, .. extensions] : common;
}

// <Using Include="N" />, <Using Include="N" Static="true" /> and <Using Include="N" Alias="A" /> as using directives.
static IEnumerable<string> UsingItems(string projectText)
{
    foreach (System.Text.RegularExpressions.Match item in System.Text.RegularExpressions.Regex.Matches(projectText, @"<Using\s[^>]*>"))
    {
        string? Attribute(string name)
        {
            var match = System.Text.RegularExpressions.Regex.Match(item.Value, name + @"\s*=\s*""([^""]*)""");
            return match.Success ? match.Groups[1].Value.Trim() : null;
        }

        if (Attribute("Include") is not { Length: > 0 } include)
        {
            continue;
        }

        yield return Attribute("Alias") is { Length: > 0 } alias ? $"using {alias} = global::{include};"
            : string.Equals(Attribute("Static"), "true", StringComparison.OrdinalIgnoreCase) ? $"using static global::{include};"
            : $"using global::{include};";
    }
}

static bool? ImplicitUsingsSetting(string projectText)
{
    if (projectText.Contains("<ImplicitUsings>enable</ImplicitUsings>", StringComparison.OrdinalIgnoreCase)
        || projectText.Contains("<ImplicitUsings>true</ImplicitUsings>", StringComparison.OrdinalIgnoreCase))
    {
        return true;
    }

    return projectText.Contains("<ImplicitUsings>disable</ImplicitUsings>", StringComparison.OrdinalIgnoreCase)
        || projectText.Contains("<ImplicitUsings>false</ImplicitUsings>", StringComparison.OrdinalIgnoreCase)
        ? false
        : null;
}

// ImplicitUsings set to enable (or true) in a project file under the folders, or in a Directory.Build.props in them or
// in a folder above one of them.
static bool EnablesImplicitUsings(IEnumerable<string> folders)
{
    static bool Enables(string file)
    {
        var text = Path.GetExtension(file) == ".csproj" ? File.ReadAllText(file) : WithImports(file);
        return text.Contains("<ImplicitUsings>enable</ImplicitUsings>", StringComparison.OrdinalIgnoreCase)
            || text.Contains("<ImplicitUsings>true</ImplicitUsings>", StringComparison.OrdinalIgnoreCase);
    }

    foreach (var folder in folders)
    {
        var projectFiles = Directory.GetFiles(folder, "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(folder, "Directory.Build.props", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(folder, "Directory.Build.targets", SearchOption.AllDirectories));
        if (projectFiles.Any(Enables))
        {
            return true;
        }

        if (AnyBuildFileAbove(folder, Enables))
        {
            return true;
        }
    }

    return false;
}

// Whether a Directory.Build.props or Directory.Build.targets in a folder above <folder> passes the test.
static bool AnyBuildFileAbove(string folder, Func<string, bool> test)
{
    for (var above = Directory.GetParent(Path.GetFullPath(folder)); above != null; above = above.Parent)
    {
        foreach (var props in new[] { Path.Combine(above.FullName, "Directory.Build.props"), Path.Combine(above.FullName, "Directory.Build.targets") })
        {
            if (File.Exists(props) && test(props))
            {
                return true;
            }
        }
    }

    return false;
}

// Whether any of the folders' projects references ASP.NET Core: the web, Razor or Blazor SDK, a framework or package
// reference naming AspNetCore (a package such as Swashbuckle.AspNetCore brings the shared framework with it), in the
// project file or the Directory.Build.props/targets above it. A folder without a project file counts as referencing it,
// as the runner always assumed before.
static bool ReferencesAspNetCore(IEnumerable<string> folders)
{
    // Packages named for ASP.NET Core that do not bring its shared framework (HttpContext, the hosting builders): a
    // class library with only these builds without it (eShopOnWeb's infrastructure project references Identity's EF
    // stores, a RoATP data project JsonPatch; the readers judged PERF106 there as not registering).
    static string WithoutFrameworklessPackages(string text)
        => System.Text.RegularExpressions.Regex.Replace(text,
            @"Include\s*=\s*""Microsoft\.AspNetCore\.(" + FrameworklessPackages + @")""",
            "Include=\"\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    static bool Mentions(string text)
        => MentionsAspNetCore(WithoutFrameworklessPackages(text));

    static bool MentionsAspNetCore(string text)
        => text.Contains("AspNetCore", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.OrdinalIgnoreCase);

    foreach (var folder in folders)
    {
        var projects = Directory.GetFiles(folder, "*.csproj", SearchOption.AllDirectories);
        if (projects.Length == 0)
        {
            var above = Directory.GetParent(Path.GetFullPath(folder));
            while (above != null && Directory.GetFiles(above.FullName, "*.csproj").Length == 0)
            {
                above = above.Parent;
            }

            if (above == null)
            {
                return true;
            }

            projects = Directory.GetFiles(above.FullName, "*.csproj");
        }

        if (projects.Any(project => Mentions(File.ReadAllText(project))))
        {
            return true;
        }

        if (AnyBuildFileAbove(folder, props => Mentions(WithImports(props))))
        {
            return true;
        }
    }

    return false;
}

// The first project file of the folder (or the nearest above it) declares an executable: OutputType Exe or WinExe, or no
// OutputType on the web or worker SDK (or in the nearest Directory.Build.props), whose default is Exe.
static bool BuildsAnExecutable(string folder)
{
    for (var above = new DirectoryInfo(Path.GetFullPath(folder)); above != null; above = above.Parent)
    {
        var project = Directory.GetFiles(above.FullName, "*.csproj").OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        if (project == null)
        {
            continue;
        }

        var text = File.ReadAllText(project);
        var props = FileAbove("Directory.Build.props", above.FullName);
        var outputType = OutputType(text) ?? (props == null ? null : OutputType(WithImports(props)));
        return outputType != null
            ? outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase)
            : text.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) || text.Contains("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase);
    }

    return false;

    static string? OutputType(string text)
        => System.Text.RegularExpressions.Regex.Match(text, @"<OutputType>\s*([A-Za-z]+)\s*</OutputType>") is { Success: true } match ? match.Groups[1].Value : null;
}

// A project file under the folders (or a Directory.Build.props above one) names the generic host, the worker SDK or Azure
// Functions, all of which bring Microsoft.Extensions.Hosting.
static bool MentionsTheGenericHost(IEnumerable<string> folders)
{
    static bool Mentions(string file)
    {
        var text = Path.GetExtension(file) == ".csproj" ? File.ReadAllText(file) : WithImports(file);
        return text.Contains("Hosting", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Functions", StringComparison.OrdinalIgnoreCase);
    }

    return folders.Any(folder => Directory.GetFiles(folder, "*.csproj", SearchOption.AllDirectories).Any(Mentions) || AnyBuildFileAbove(folder, Mentions));
}

// The shared framework's assemblies, not the packages named for ASP.NET Core that a class library may reference without
// it (Identity's EF stores give eShopOnWeb's infrastructure project its IdentityDbContext).
static bool IsAspNetCoreFrameworkAssembly(string fileName)
    => (fileName.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
        && !FrameworklessPackageAssembly.IsMatch(fileName))
    || fileName.StartsWith("Microsoft.Net.Http.Headers", StringComparison.Ordinal);

// A props or targets file's text followed by the text of the files it imports by a plain relative path (Intersect's
// Directory.Build.props imports Common.props, which enables ImplicitUsings), one level deep; an import through a property
// ($(..)) or one that does not exist is left out.
static string WithImports(string propsFile)
{
    var text = File.ReadAllText(propsFile);
    var folder = Path.GetDirectoryName(Path.GetFullPath(propsFile))!;
    var imported = System.Text.RegularExpressions.Regex.Matches(text, @"<Import\s[^>]*Project\s*=\s*""([^""$]+)""")
        .Select(match => Path.GetFullPath(Path.Combine(folder, match.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar))))
        .Where(File.Exists)
        .Select(File.ReadAllText);

    // <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />: a
    // nested props file that chains to the one above it (found in a DEFRA identity service, whose src/ props file
    // imports the root one that enables implicit usings).
    var above = System.Text.RegularExpressions.Regex.Matches(text, @"GetPathOfFileAbove\(\s*'([^'$]+)'\s*(?:,\s*'([^']*)')?\s*\)")
        .Select(match => FileAbove(match.Groups[1].Value, match.Groups[2].Success
            ? match.Groups[2].Value.Replace("$(MSBuildThisFileDirectory)", folder + Path.DirectorySeparatorChar)
            : folder))
        .Where(file => file != null && !string.Equals(file, Path.GetFullPath(propsFile), StringComparison.Ordinal))
        .Select(file => WithImports(file!));
    return string.Join("\n", imported.Concat(above).Prepend(text));
}

// The nearest file of that name in the folder or above it, as MSBuild's GetPathOfFileAbove finds it; null when none.
static string? FileAbove(string name, string start)
{
    for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder != null; folder = folder.Parent)
    {
        var candidate = Path.Combine(folder.FullName, name);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}

// Whether a folder holds a project file, asked once per folder.
static class ProjectFolders
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Holds = new(StringComparer.Ordinal);
}

// Packages named for ASP.NET Core that do not bring its shared framework (the part of the name after "Microsoft.AspNetCore.").
partial class Program
{
    const string FrameworklessPackages = @"JsonPatch|Identity\.EntityFrameworkCore|Cryptography\.[A-Za-z.]+|DataProtection[A-Za-z.]*|SignalR\.Client[A-Za-z.]*|Http\.Connections\.Client|SignalR\.Common|SignalR\.Protocols\.[A-Za-z.]+|Components\.WebAssembly[A-Za-z.]*|WebUtilities";

    static readonly System.Text.RegularExpressions.Regex FrameworklessPackageAssembly =
        new(@"^Microsoft\.AspNetCore\.(" + FrameworklessPackages + @")\.dll$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
