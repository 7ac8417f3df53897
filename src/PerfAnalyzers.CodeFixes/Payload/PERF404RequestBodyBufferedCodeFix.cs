using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF404 fix, offered only when the text is deserialised: <c>JsonSerializer.Deserialize&lt;T&gt;(await
    /// new StreamReader(Request.Body).ReadToEndAsync())</c> (inline or through locals used only there) becomes
    /// <c>await Request.ReadFromJsonAsync&lt;T&gt;()</c>; the reader and text locals go away.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF404RequestBodyBufferedCodeFix)), Shared]
    public sealed class PERF404RequestBodyBufferedCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF404.ReadFromJson";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RequestBodyBuffered);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax read
                || read.Parent is not AwaitExpressionSyntax
                || read.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ReadToEndAsync", Expression: var readerSyntax }
                || model.GetOperation(read, context.CancellationToken) is not IInvocationOperation operation
                || !TryFindRequest(readerSyntax, model, out var request, out var readerDeclaration, context.CancellationToken)
                || !JsonDeserializeUse.TryFind(operation, SemanticContext.For(model.Compilation), out var deserialize, out var textDeclaration))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Deserialize with Request.ReadFromJsonAsync", ct => FixAsync(context.Document, read, request, deserialize, textDeclaration, readerDeclaration, ct), EquivalenceKey),
                context.Diagnostics);
        }

        private static bool TryFindRequest(ExpressionSyntax reader, SemanticModel model, out ExpressionSyntax request, out LocalDeclarationStatementSyntax? declaration, CancellationToken cancellationToken)
        {
            request = null!;
            declaration = null;
            var creation = reader as BaseObjectCreationExpressionSyntax;
            if (reader is IdentifierNameSyntax name
                && model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator
                && declarator.Parent?.Parent is LocalDeclarationStatementSyntax statement
                && statement.Declaration.Variables.Count == 1)
            {
                var references = statement.Parent!.DescendantNodes().OfType<IdentifierNameSyntax>().Count(i => i.Identifier.ValueText == local.Name);
                if (references != 1)
                {
                    return false;
                }

                creation = declarator.Initializer?.Value as BaseObjectCreationExpressionSyntax;
                declaration = statement;
            }

            // The analyzer's Request.Body: the Body of an HttpRequest.
            var types = SemanticContext.For(model.Compilation);
            if (creation?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is not MemberAccessExpressionSyntax body
                || !types.IsBodyOf(model.GetOperation(body, cancellationToken), types.HttpRequest))
            {
                return false;
            }

            request = body.Expression;
            return true;
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax read, ExpressionSyntax request, InvocationExpressionSyntax deserialize,
            LocalDeclarationStatementSyntax? textDeclaration, LocalDeclarationStatementSyntax? readerDeclaration, CancellationToken cancellationToken)
        {
            if (deserialize.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax generic })
            {
                return document;
            }

            var arguments = deserialize.ArgumentList.Arguments.Skip(1).Select(a => a.WithoutTrivia())
                .Concat(read.ArgumentList.Arguments.Select(a => a.WithoutTrivia()));
            var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, request.WithoutTrivia(), SyntaxFactory.GenericName(SyntaxFactory.Identifier("ReadFromJsonAsync"), generic.TypeArgumentList)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));

            // ReadFromJsonAsync is an extension method of Microsoft.AspNetCore.Http.
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            editor.ReplaceNode(deserialize, Imports.Require(SyntaxFactory.AwaitExpression(call).WithTriviaFrom(deserialize), "Microsoft.AspNetCore.Http"));
            CodeFixSyntax.RemoveStatementsKeepingComments(editor, readerDeclaration, textDeclaration);
            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }
    }
}
