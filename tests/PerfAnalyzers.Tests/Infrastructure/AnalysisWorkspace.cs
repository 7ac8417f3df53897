using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Tests.Metadata;

namespace PerfAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// A workspace holding one project, with every analyzer and code fix of the package, for tests that run
    /// fixes the way an IDE does: one at a time, or Fix All over the solution.
    /// </summary>
    internal sealed class AnalysisWorkspace : IDisposable
    {
        private readonly AdhocWorkspace workspace = new AdhocWorkspace();

        public AnalysisWorkspace(IEnumerable<(string Path, string Text)> documents, Frameworks frameworks, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Snippets",
                "Snippets",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: TestLane.ParseOptions,
                metadataReferences: SnippetReferences.For(frameworks)));
            foreach (var (path, text) in documents)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
            }

            Solution = solution;
            ProjectId = projectId;
        }

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = RuleMetadataTests.Analyzers().ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = RuleMetadataTests.CodeFixes().ToImmutableArray();

        public Solution Solution { get; set; }

        public ProjectId ProjectId { get; }

        public Project Project => Solution.GetProject(ProjectId)!;

        public async Task<ImmutableArray<Diagnostic>> GetPerfDiagnosticsAsync(Project? project = null)
        {
            var compilation = (await (project ?? Project).GetCompilationAsync())!;
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
            if (exceptions.Count > 0)
            {
                throw new InvalidOperationException("An analyzer threw:\n" + string.Join("\n", exceptions));
            }

            return diagnostics;
        }

        public async Task<ImmutableArray<Diagnostic>> GetCompilerErrorsAsync()
            => (await Project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

        /// <summary>The code actions every fix provider offers for one diagnostic.</summary>
        public async Task<ImmutableArray<(CodeFixProvider Provider, CodeAction Action)>> GetFixesAsync(Diagnostic diagnostic)
        {
            var document = Project.GetDocument(diagnostic.Location.SourceTree!);
            if (document == null)
            {
                return ImmutableArray<(CodeFixProvider, CodeAction)>.Empty;
            }

            var actions = ImmutableArray.CreateBuilder<(CodeFixProvider, CodeAction)>();
            foreach (var provider in CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => { lock (actions) { actions.Add((provider, action)); } }, CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context);
            }

            return actions.ToImmutable();
        }

        /// <summary>Applies a code action and returns the changed solution (the workspace itself is not changed).</summary>
        public static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            foreach (var operation in operations.OfType<ApplyChangesOperation>())
            {
                solution = operation.ChangedSolution;
            }

            return solution;
        }

        /// <summary>Runs a provider's Fix All over the whole solution for one rule and equivalence key.</summary>
        public async Task<Solution?> FixAllInSolutionAsync(CodeFixProvider provider, Diagnostic trigger, string? equivalenceKey)
        {
            var fixAll = provider.GetFixAllProvider();
            var document = Project.GetDocument(trigger.Location.SourceTree!);
            if (fixAll == null || document == null)
            {
                return null;
            }

            var context = new FixAllContext(
                document,
                provider,
                FixAllScope.Solution,
                equivalenceKey,
                new[] { trigger.Id },
                new DiagnosticProvider(this),
                CancellationToken.None);
            var action = await fixAll.GetFixAsync(context);
            return action == null ? null : await ApplyAsync(action, Solution);
        }

        public void Dispose() => workspace.Dispose();

        private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly AnalysisWorkspace owner;

            public DiagnosticProvider(AnalysisWorkspace owner) => this.owner = owner;

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await owner.GetPerfDiagnosticsAsync(project);

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken);
                return (await owner.GetPerfDiagnosticsAsync(document.Project)).Where(d => d.Location.SourceTree == tree);
            }

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => (await owner.GetPerfDiagnosticsAsync(project)).Where(d => !d.Location.IsInSource);
        }
    }
}
