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

            var argument = (read.Parent is AwaitExpressionSyntax awaited ? (SyntaxNode)awaited : read).Parent as ArgumentSyntax;
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
                CodeAction.Create("Stream the file from disk", ct => FixAsync(context.Document, sink, read, ct), EquivalenceKey),
                context.Diagnostics);
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax sink, InvocationExpressionSyntax read, CancellationToken cancellationToken)
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

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var function = AsyncSignature.FindFunction(sink);
            var newRoot = root!.ReplaceNode(sink, replacement);
            if (function != null)
            {
                newRoot = AsyncSignature.DropAsyncIfUnused(newRoot, function);
            }

            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }
    }
}
