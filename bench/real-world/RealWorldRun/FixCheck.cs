using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

/// <summary>
/// --check-fixes: applies every code action our fixes offer for each PERF diagnostic of an application, one at a time to
/// the original code, and reports the compiler errors an action adds to the documents it changes (compared by id and
/// message with the same documents before, so the errors the missing packages already cause do not count). A fix
/// must compile; this finds the ones that do not on real code, which the snippet tests cannot show.
/// </summary>
internal static class FixCheck
{
    public static async Task<int> RunAsync(IReadOnlyList<SyntaxTree> trees, IEnumerable<MetadataReference> references, CSharpCompilationOptions options,
        CSharpParseOptions parseOptions, ImmutableArray<DiagnosticAnalyzer> analyzers, string root, Func<FileLinePositionSpan, int> reportedLine)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Application", "Application",
            LanguageNames.CSharp, compilationOptions: options, parseOptions: parseOptions, metadataReferences: references));
        foreach (var tree in trees)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(tree.FilePath), tree.GetText(), filePath: tree.FilePath);
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id.StartsWith("PERF", StringComparison.Ordinal) && d.Location.IsInSource)
            .OrderBy(d => d.Id).ThenBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();
        var providers = typeof(PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();

        var errorsBefore = new Dictionary<DocumentId, List<Error>>();
        var actionsTried = 0;
        var broken = 0;
        var throwing = 0;
        foreach (var diagnostic in diagnostics)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree!);
            if (document == null)
            {
                continue;
            }

            var actions = new List<CodeAction>();
            foreach (var provider in providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                try
                {
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                }
                catch (Exception e)
                {
                    throwing++;
                    Console.WriteLine($"FIX-THROWS\t{diagnostic.Id}\t{Where(diagnostic)}\t{provider.GetType().Name}: {e.GetType().Name}: {e.Message}");
                }
            }

            foreach (var action in actions.SelectMany(Flatten))
            {
                actionsTried++;
                Solution changed;
                try
                {
                    changed = solution;
                    foreach (var operation in (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>())
                    {
                        changed = operation.ChangedSolution;
                    }
                }
                catch (Exception e)
                {
                    throwing++;
                    Console.WriteLine($"FIX-THROWS\t{diagnostic.Id}\t{Where(diagnostic)}\t'{action.Title}': {e.GetType().Name}: {e.Message}");
                    continue;
                }

                var changedProject = changed.GetProject(projectId)!;
                var changedCompilation = (await changedProject.GetCompilationAsync())!;
                foreach (var changedId in changedProject.GetChanges(project).GetChangedDocuments())
                {
                    if (!errorsBefore.TryGetValue(changedId, out var before))
                    {
                        var originalTree = (await project.GetDocument(changedId)!.GetSyntaxTreeAsync())!;
                        before = Errors(compilation, originalTree);
                        errorsBefore[changedId] = before;
                    }

                    var changedTree = (await changedProject.GetDocument(changedId)!.GetSyntaxTreeAsync())!;
                    var after = Errors(changedCompilation, changedTree);
                    var remaining = new List<Error>(before);
                    var added = new List<string>();
                    foreach (var error in after.Where(e => !remaining.Remove(e)).ToList())
                    {
                        // The same error on a line the fix rewrote (a missing package's type in a lambda the fix moves),
                        // or another error on a line it left as it was: a call of a missing package's extension method
                        // that a using the fix adds turns from "no such method" into "wrong receiver" (Dapper's
                        // ExecuteAsync next to EF Core's, in ErsatzTV). Either failed before the fix; a real build binds it.
                        var same = remaining.FindIndex(e => e.Text == error.Text);
                        if (same < 0)
                        {
                            same = remaining.FindIndex(e => e.Code == error.Code);
                        }

                        if (same >= 0)
                        {
                            remaining.RemoveAt(same);
                            continue;
                        }

                        added.Add(error.Text);
                    }

                    if (added.Count > 0)
                    {
                        broken++;
                        Console.WriteLine($"FIX-BREAKS\t{diagnostic.Id}\t{Where(diagnostic)}\t'{action.Title}' in {Path.GetRelativePath(root, changedTree.FilePath)}: {string.Join(" | ", added.Take(3))}");
                    }
                }
            }
        }

        Console.WriteLine($"fixes checked: {diagnostics.Count} diagnostics, {actionsTried} code actions, {broken} adding compiler errors, {throwing} throwing");
        return broken + throwing;

        string Where(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return $"{Path.GetRelativePath(root, span.Path)}:{reportedLine(span)}";
        }
    }

    // Nested actions (a fix offering a choice) are applied one by one, as a user picks one.
    private static IEnumerable<CodeAction> Flatten(CodeAction action)
        => action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

    private static List<Error> Errors(Compilation compilation, SyntaxTree tree)
    {
        var text = tree.GetText();
        return compilation.GetSemanticModel(tree).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => new Error(d.Id + ": " + d.GetMessage(), text.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim()))
            .ToList();
    }

    /// <summary>A compiler error: its id and message, and the line of code it is reported on.</summary>
    private sealed record Error(string Text, string Code);
}
