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
using Microsoft.CodeAnalysis.Editing;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF402 fix: <c>File(File.ReadAllBytes(path), type)</c> / <c>Results.Bytes(..)</c> / <c>Results.File(bytes, ..)</c>
    /// becomes a file result over a <c>FileStream</c> (<c>File.OpenRead(path)</c>) with range processing, streamed
    /// from disk. A stream rather than <c>PhysicalFile</c>: PhysicalFile needs an absolute path and Results.File(path)
    /// resolves relative paths against the web root, either of which would change what a relative path means.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF402FileReadIntoMemoryCodeFix)), Shared]
    public sealed class PERF402FileReadIntoMemoryCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF402.StreamFile";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.FileReadIntoMemory);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || root.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax read
                || read.ArgumentList.Arguments.Count == 0
                || !(read.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ReadAllBytes" or "ReadAllBytesAsync" }))
            {
                return;
            }

            var readValue = read.Parent is AwaitExpressionSyntax awaited ? (SyntaxNode)awaited : read;
            var argument = readValue.Parent as ArgumentSyntax;
            var declaration = argument == null ? BytesLocalDeclaration(readValue, out argument) : null;
            if (argument?.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax sink } list
                || list.Arguments.IndexOf(argument) != 0
                || list.Arguments.Count > 3
                || list.Arguments.Any(a => a.NameColon != null || a.RefKindKeyword != default))
            {
                return;
            }

            var sinkName = sink.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            };
            if (sinkName is not ("File" or "Bytes"))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Stream the file from disk", ct => FixAsync(context.Document, sink, read, declaration, ct), EquivalenceKey),
                context.Diagnostics);
        }

        /// <summary>
        /// <c>var bytes = File.ReadAllBytes(path); return File(bytes, type);</c>: the declaration of a local whose only
        /// use is the file result's first argument, which <paramref name="argument"/> receives.
        /// </summary>
        private static LocalDeclarationStatementSyntax? BytesLocalDeclaration(SyntaxNode readValue, out ArgumentSyntax? argument)
        {
            argument = null;
            if (readValue.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }
                || declaration.UsingKeyword != default
                || declaration.Parent is not BlockSyntax block)
            {
                return null;
            }

            var name = declarator.Identifier.ValueText;
            var uses = block.DescendantNodes().OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == name).ToList();
            if (uses.Count != 1 || uses[0].Parent is not ArgumentSyntax use)
            {
                return null;
            }

            argument = use;
            return declaration;
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax sink, InvocationExpressionSyntax read, LocalDeclarationStatementSyntax? declaration, CancellationToken cancellationToken)
        {
            var path = read.ArgumentList.Arguments[0].Expression.WithoutTrivia();
            var stream = CodeFixSyntax.QualifiedExpression("System.IO.File.OpenRead(" + path.ToFullString() + ")");
            var arguments = sink.ArgumentList.Arguments.Skip(1).Select(a => a.WithoutTrivia()).ToList();
            arguments.Insert(0, SyntaxFactory.Argument(stream));
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.NameColon("enableRangeProcessing"), default, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)));
            var expression = sink.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == "Bytes"
                ? access.WithName(SyntaxFactory.IdentifierName("File"))
                : sink.Expression;
            var replacement = sink
                .WithExpression(expression)
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)))
                .WithTriviaFrom(sink);

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            editor.ReplaceNode(sink, replacement);
            CodeFixSyntax.RemoveStatementsKeepingComments(editor, declaration);
            var newRoot = editor.GetChangedRoot();
            if (FunctionSyntax.Enclosing(sink) is { } function)
            {
                newRoot = AsyncSignature.DropAsyncIfUnused(newRoot, function, AsyncSignature.ReturnsTaskOfResult(function, editor.SemanticModel, cancellationToken));
            }

            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }
    }
}
