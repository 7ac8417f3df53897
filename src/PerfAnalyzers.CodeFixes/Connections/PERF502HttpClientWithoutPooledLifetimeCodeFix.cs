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
using Microsoft.CodeAnalysis.Formatting;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>
    /// PERF502 fix: give the long-lived client a <c>SocketsHttpHandler</c> with a pooled connection lifetime,
    /// adding the property to a SocketsHttpHandler created in place, or turning an <c>HttpClientHandler</c>
    /// whose settings all exist on SocketsHttpHandler into one.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF502HttpClientWithoutPooledLifetimeCodeFix)), Shared]
    public sealed class PERF502HttpClientWithoutPooledLifetimeCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF502.SetPooledConnectionLifetime";
        private const string LifetimeAssignment = "PooledConnectionLifetime = System.TimeSpan.FromMinutes(2)";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HttpClientWithoutPooledLifetime);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax client)
            {
                return;
            }

            var handler = FindFixableHandler(client, model, context.CancellationToken);
            if (handler == null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use a SocketsHttpHandler with PooledConnectionLifetime",
                    cancellationToken => FixAsync(context.Document, client, handler, cancellationToken),
                    EquivalenceKey),
                context.Diagnostics);
        }

        /// <summary>The node to rewrite: the client itself (no handler) or the handler creation passed to it.</summary>
        private static SyntaxNode? FindFixableHandler(BaseObjectCreationExpressionSyntax client, SemanticModel model, CancellationToken cancellationToken)
        {
            var arguments = client.ArgumentList?.Arguments;
            if (arguments == null || arguments.Value.Count == 0)
            {
                return client;
            }

            if (arguments.Value[0].Expression is not BaseObjectCreationExpressionSyntax handler
                || model.GetTypeInfo(handler, cancellationToken).Type is not INamedTypeSymbol handlerType)
            {
                return null;
            }

            var types = SemanticContext.For(model.Compilation);
            if (SymbolFacts.Is(handlerType, types.SocketsHttpHandler))
            {
                return handler;
            }

            var sockets = types.SocketsHttpHandler;
            return SymbolFacts.Is(handlerType, types.HttpClientHandler) && sockets != null && AllSettingsExistOn(handler, sockets, model, cancellationToken)
                ? handler
                : null;
        }

        /// <summary>HttpClientHandler settings with the same name and type on SocketsHttpHandler carry over as they are.</summary>
        private static bool AllSettingsExistOn(BaseObjectCreationExpressionSyntax handler, INamedTypeSymbol sockets, SemanticModel model, CancellationToken cancellationToken)
        {
            if (handler.ArgumentList?.Arguments.Count > 0)
            {
                return false;
            }

            foreach (var expression in handler.Initializer?.Expressions ?? default)
            {
                if (!(expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name })
                    || model.GetSymbolInfo(name, cancellationToken).Symbol is not IPropertySymbol property
                    || !sockets.GetMembers(property.Name).OfType<IPropertySymbol>().Any(p => SymbolEqualityComparer.Default.Equals(p.Type, property.Type) && p.SetMethod != null))
                {
                    return false;
                }
            }

            return true;
        }

        private static async Task<Document> FixAsync(Document document, BaseObjectCreationExpressionSyntax client, SyntaxNode target, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }

            SyntaxNode replacement;
            if (target == client)
            {
                var handler = CodeFixSyntax.QualifiedExpression("new System.Net.Http.SocketsHttpHandler { " + LifetimeAssignment + " }");
                var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(handler)));
                replacement = client.WithArgumentList(arguments);
            }
            else
            {
                replacement = WithLifetime((BaseObjectCreationExpressionSyntax)target);
            }

            document = document.WithSyntaxRoot(root.ReplaceNode(target, replacement.WithAdditionalAnnotations(Formatter.Annotation)));
            return await CodeFixSyntax.FinishAsync(document, cancellationToken).ConfigureAwait(false);
        }

        private static ExpressionSyntax WithLifetime(BaseObjectCreationExpressionSyntax handler)
        {
            var lifetime = (AssignmentExpressionSyntax)CodeFixSyntax.QualifiedExpression(LifetimeAssignment);
            var initializer = handler.Initializer ?? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression);
            initializer = initializer.WithExpressions(initializer.Expressions.Add(lifetime));

            if (handler is ObjectCreationExpressionSyntax explicitCreation)
            {
                // `new HttpClientHandler { .. }` becomes `new SocketsHttpHandler { .. }`; `new SocketsHttpHandler()` keeps its type.
                return explicitCreation
                    .WithType(CodeFixSyntax.QualifiedType("System.Net.Http.SocketsHttpHandler").WithTriviaFrom(explicitCreation.Type))
                    .WithArgumentList(explicitCreation.ArgumentList?.Arguments.Count > 0 ? explicitCreation.ArgumentList : null)
                    .WithInitializer(initializer);
            }

            return handler.WithInitializer(initializer);
        }
    }
}
