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
    /// PERF403 fix for the deserialise shape: <c>JsonSerializer.Deserialize&lt;T&gt;(await client.GetStringAsync(url))</c>
    /// becomes <c>await client.GetFromJsonAsync&lt;T&gt;(url)</c>, and <c>..(await response.Content.ReadAsStringAsync())</c>
    /// becomes <c>await response.Content.ReadFromJsonAsync&lt;T&gt;()</c>, also when the text sits in a local used only
    /// there. When the response comes from <c>GetAsync/SendAsync</c> in the same method, that call gets
    /// <c>HttpCompletionOption.ResponseHeadersRead</c> so the body is not buffered by HttpClient either.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF403HttpContentBufferedCodeFix)), Shared]
    public sealed class PERF403HttpContentBufferedCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF403.DeserializeFromStream";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HttpContentBuffered);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax read
                || read.Parent is not AwaitExpressionSyntax
                || model.GetOperation(read, context.CancellationToken) is not IInvocationOperation operation)
            {
                return;
            }

            var types = SemanticContext.For(model.Compilation);
            if (!JsonDeserializeUse.TryFind(operation, types, out var deserialize, out var declaration))
            {
                return;
            }

            // GetStringAsync on the client, or ReadAsStringAsync on the content.
            var isClient = SymbolFacts.IsOrDerivesFrom(operation.TargetMethod.ContainingType, types.HttpClient);
            context.RegisterCodeFix(
                CodeAction.Create("Deserialize from the response stream", ct => FixAsync(context.Document, read, isClient, deserialize, declaration, ct), EquivalenceKey),
                context.Diagnostics);
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax read, bool isClient, InvocationExpressionSyntax deserialize, LocalDeclarationStatementSyntax? declaration, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            if (read.Expression is not MemberAccessExpressionSyntax access || deserialize.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax generic })
            {
                return document;
            }

            var arguments = new List<ArgumentSyntax>();
            if (isClient && read.ArgumentList.Arguments.Count > 0)
            {
                arguments.Add(read.ArgumentList.Arguments[0].WithoutTrivia());
            }

            // The options of Deserialize, then the read's cancellation token.
            arguments.AddRange(deserialize.ArgumentList.Arguments.Skip(1).Select(a => a.WithoutTrivia()));
            arguments.AddRange(read.ArgumentList.Arguments.Skip(isClient ? 1 : 0).Select(a => a.WithoutTrivia()));

            // GetFromJsonAsync and ReadFromJsonAsync are extension methods of System.Net.Http.Json.
            var methodName = isClient ? "GetFromJsonAsync" : "ReadFromJsonAsync";
            var call = SyntaxFactory.InvocationExpression(
                access.WithName(SyntaxFactory.GenericName(SyntaxFactory.Identifier(methodName), generic.TypeArgumentList)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            editor.ReplaceNode(deserialize, Imports.Require(SyntaxFactory.AwaitExpression(call).WithTriviaFrom(deserialize), "System.Net.Http.Json"));
            CodeFixSyntax.RemoveStatementsKeepingComments(editor, declaration);

            if (!isClient)
            {
                AddResponseHeadersRead(editor, access.Expression, cancellationToken);
            }

            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        // response.Content where `using var response = await client.GetAsync(url)` (or SendAsync(request)) is in the same
        // method. Only a disposed response: with ResponseHeadersRead the connection stays with the response until its body is
        // read or it is disposed, and a response left to the garbage collector holds it on every path that throws before the
        // read (EnsureSuccessStatusCode, a JsonException; found in OpenDeepWiki's chat providers).
        private static void AddResponseHeadersRead(DocumentEditor editor, ExpressionSyntax content, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(editor.SemanticModel.Compilation);
            if (content is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Expression: IdentifierNameSyntax response }
                || editor.SemanticModel.GetSymbolInfo(response, cancellationToken).Symbol is not ILocalSymbol local
                || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: AwaitExpressionSyntax { Expression: InvocationExpressionSyntax send } } declarator
                || !IsDisposed(declarator)
                || send.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAsync" or "SendAsync" }
                || send.ArgumentList.Arguments.Count is 0 or > 2
                || send.ArgumentList.Arguments.Any(a => a.NameColon != null)
                || editor.SemanticModel.GetSymbolInfo(send, cancellationToken).Symbol is not IMethodSymbol method
                || method.Parameters.Any(p => SymbolFacts.Is(p.Type, types.HttpCompletionOption)))
            {
                return;
            }

            var option = SyntaxFactory.Argument(CodeFixSyntax.QualifiedExpression("System.Net.Http.HttpCompletionOption.ResponseHeadersRead"));
            editor.ReplaceNode(send.ArgumentList, send.ArgumentList.WithArguments(send.ArgumentList.Arguments.Insert(1, option)));
        }

        // using var response = ..; or using (var response = ..) { .. }
        private static bool IsDisposed(VariableDeclaratorSyntax declarator)
            => declarator.Parent?.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword }
                or UsingStatementSyntax;
    }
}
