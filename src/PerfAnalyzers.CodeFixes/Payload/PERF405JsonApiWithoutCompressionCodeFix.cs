using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF405 fix: <c>builder.Services.AddResponseCompression(..)</c> with the Brotli and Gzip providers before
    /// <c>var app = builder.Build();</c>, and <c>app.UseResponseCompression();</c> right after it, so the middleware runs
    /// before every endpoint (docs/rules/PERF405.md, "How to fix"). In a Startup-style application, the same two calls go
    /// first in <c>Startup.ConfigureServices</c> and <c>Startup.Configure</c> (see <see cref="StartupCompressionPlan"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF405JsonApiWithoutCompressionCodeFix)), Shared]
    public sealed class PERF405JsonApiWithoutCompressionCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF405.AddResponseCompression";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.JsonApiWithoutCompression);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            // A Startup-style host: compression goes in Startup.ConfigureServices and at the top of Startup.Configure.
            // With AddResponseCompression already called there, only the middleware is missing, and where it belongs
            // among the existing calls is the developer's choice: no fix.
            var middlewareOnly = context.Diagnostics.Any(d => d.Properties.ContainsKey(PERF405JsonApiWithoutCompressionAnalyzer.MiddlewareOnlyProperty));
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.ContainsKey(PERF405JsonApiWithoutCompressionAnalyzer.StartupHostProperty))
                {
                    if (middlewareOnly)
                    {
                        return;
                    }

                    if (await StartupCompressionPlan.FindAsync(context.Document.Project, context.CancellationToken).ConfigureAwait(false) is { } startup)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create("Enable response compression in Startup (Brotli, Gzip)", ct => FixStartupAsync(context.Document.Project.Solution, startup, ct), EquivalenceKey),
                            context.Diagnostics);
                    }

                    return;
                }
            }

            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax build || Plan(build) == null)
            {
                return;
            }

            var title = middlewareOnly ? "Add the response compression middleware" : "Enable response compression (Brotli, Gzip)";
            context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(context.Document, build, middlewareOnly, ct), EquivalenceKey), context.Diagnostics);
        }

        /// <summary>The statement <c>var app = builder.Build();</c> (in a block or top-level), the builder and the app names.</summary>
        private static (LocalDeclarationStatementSyntax Statement, string Builder, string App)? Plan(InvocationExpressionSyntax build)
        {
            if (build.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax builder }
                || build.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
                || statement.UsingKeyword != default
                || statement.Parent is not (BlockSyntax or GlobalStatementSyntax { Parent: CompilationUnitSyntax }))
            {
                return null;
            }

            return (statement, builder.Identifier.ValueText, declarator.Identifier.ValueText);
        }

        /// <summary>
        /// <c>AddResponseCompression</c> before the build and <c>UseResponseCompression</c> right after it; with
        /// <paramref name="middlewareOnly"/>, the middleware alone (the services already register compression).
        /// </summary>
        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax build, bool middlewareOnly, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || Plan(build) is not { } plan)
            {
                return document;
            }

            var newLine = CodeFixSyntax.NewLine(root);
            var add = AddCompression(plan.Builder + ".Services", newLine);
            var use = Annotate(CodeFixSyntax.Statement($"{plan.App}.UseResponseCompression();", newLine));

            SyntaxNode newRoot;
            if (plan.Statement.Parent is BlockSyntax block)
            {
                var index = block.Statements.IndexOf(plan.Statement);
                var statements = block.Statements.Insert(index + 1, use);
                statements = middlewareOnly ? statements : statements.Insert(index, add);
                newRoot = root.ReplaceNode(block, block.WithStatements(statements));
            }
            else
            {
                var global = (GlobalStatementSyntax)plan.Statement.Parent!;
                var unit = (CompilationUnitSyntax)global.Parent!;
                var index = unit.Members.IndexOf(global);
                var members = unit.Members.Insert(index + 1, SyntaxFactory.GlobalStatement(use));
                members = middlewareOnly ? members : members.Insert(index, SyntaxFactory.GlobalStatement(add));
                newRoot = unit.WithMembers(members);
            }

            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }

        private static async Task<Solution> FixStartupAsync(Solution solution, StartupCompressionPlan plan, CancellationToken cancellationToken)
        {
            foreach (var (document, methods) in plan.Edits())
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root == null)
                {
                    continue;
                }

                var newLine = CodeFixSyntax.NewLine(root);
                var services = Imports.Require(AddCompression(plan.ServicesName, newLine), "Microsoft.Extensions.DependencyInjection");
                var use = Imports.Require(CodeFixSyntax.Statement($"{plan.AppName}.UseResponseCompression();", newLine), "Microsoft.AspNetCore.Builder");
                var newRoot = root.ReplaceNodes(
                    methods.Select(m => m.Method),
                    (original, rewritten) => StartupCompressionPlan.WithFirstStatement(rewritten, methods.First(m => m.Method == original).IsServices ? services : use, newLine));
                var changed = await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
                solution = solution.WithDocumentSyntaxRoot(document.Id, (await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!);
            }

            return solution;
        }

        private static StatementSyntax AddCompression(string services, string newLine)
            => Annotate(CodeFixSyntax.Statement(
                $"{services}.AddResponseCompression(options => {{ options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>(); options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>(); }});",
                newLine));

        private static StatementSyntax Annotate(StatementSyntax statement)
            => statement.ReplaceNodes(
                statement.DescendantNodes().OfType<QualifiedNameSyntax>().Where(n => n.Parent is not QualifiedNameSyntax),
                (_, rewritten) => CodeFixSyntax.Qualified(rewritten));
    }
}
