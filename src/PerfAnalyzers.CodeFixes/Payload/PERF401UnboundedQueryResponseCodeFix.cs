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
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF401 fixes. "Stream the results": <c>await q.ToListAsync()</c> becomes <c>q.AsAsyncEnumerable()</c>, the
    /// collection type in the handler's return type (and in an explicitly typed local) becomes
    /// <c>IAsyncEnumerable&lt;T&gt;</c>, and a handler left with no await stops being async. "Add paging":
    /// <c>q.Skip((page - 1) * pageSize).Take(pageSize)</c> before the materialisation, with <c>page</c>/<c>pageSize</c>
    /// parameters (defaults 1 and the configured page size) added to the handler once.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF401UnboundedQueryResponseCodeFix)), Shared]
    public sealed class PERF401UnboundedQueryResponseCodeFix : CodeFixProvider
    {
        public const string StreamKey = "PERF401.Stream";
        public const string PageKey = "PERF401.Page";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnboundedQueryResponse);

        // Several diagnostics may share one handler (its parameters, its return type): they are fixed one after another.
        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<InvocationExpressionSyntax>(async (document, invocation, diagnostic, key, cancellationToken)
                => await FixAsync(document, invocation, diagnostic, key, cancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation)
            {
                return;
            }

            var diagnostic = context.Diagnostics[0];
            if (diagnostic.Properties.ContainsKey(PERF401UnboundedQueryResponseAnalyzer.EndpointClassProperty)
                || diagnostic.Properties.ContainsKey(PERF401UnboundedQueryResponseAnalyzer.ReorderedProperty))
            {
                // A FastEndpoints handler overrides the framework's signature and sends the endpoint's response type; a list
                // sorted in memory would be paged in another order than it is sent, and cannot be streamed sorted.
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (!IsCarried(diagnostic) && model != null && PlanStream(invocation, model, context.CancellationToken) != null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Stream the results with AsAsyncEnumerable", ct => FixAsync(context.Document, invocation, diagnostic, StreamKey, ct), StreamKey),
                    diagnostic);
            }

            // Paging a stored procedure's result would compose SQL over the call, which SQL Server rejects.
            if (!diagnostic.Properties.ContainsKey(PERF401UnboundedQueryResponseAnalyzer.StoredProcedureProperty)
                && FunctionSyntax.Enclosing(invocation) is { } function && CanAddParameters(function))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add paging (page, pageSize)", ct => FixAsync(context.Document, invocation, diagnostic, PageKey, ct), PageKey),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax invocation, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || (key != PageKey && IsCarried(diagnostic)))
            {
                return document;
            }

            var pageSize = diagnostic.Properties.TryGetValue(PERF401UnboundedQueryResponseAnalyzer.PageSizeProperty, out var size) && size != null ? size : "50";
            var newRoot = key == PageKey ? AddPaging(root, invocation, pageSize) : Stream(root, invocation, model, cancellationToken);
            return newRoot == null ? document : await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A response object carries the list: streaming it would need that object's own type changed, so only paging is offered.</summary>
        private static bool IsCarried(Diagnostic diagnostic)
            => diagnostic.Properties.ContainsKey(PERF401UnboundedQueryResponseAnalyzer.CarriedProperty);

        // ---- Stream the results ----

        private sealed class StreamPlan
        {
            public StreamPlan(ExpressionSyntax replaced, SyntaxNode function, ITypeSymbol collection, ITypeSymbol element, TypeSyntax? localType, bool wrapInOk)
            {
                WrapInOk = wrapInOk;
                Replaced = replaced;
                Function = function;
                Collection = collection;
                Element = element;
                LocalType = localType;
            }

            public ExpressionSyntax Replaced { get; }
            public SyntaxNode Function { get; }
            public ITypeSymbol Collection { get; }
            public ITypeSymbol Element { get; }
            public TypeSyntax? LocalType { get; }

            /// <summary>ActionResult&lt;T&gt; has no conversion from an interface: <c>return Ok(q.AsAsyncEnumerable())</c>.</summary>
            public bool WrapInOk { get; }
        }

        private static StreamPlan? PlanStream(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            var collection = model.GetTypeInfo(invocation.Parent is AwaitExpressionSyntax a ? a : invocation, cancellationToken).Type;
            var element = collection switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { TypeArguments.Length: 1 } list when SymbolFacts.Is(list, types.ListOfT) => list.TypeArguments[0],
                _ => null,
            };
            var function = FunctionSyntax.Enclosing(invocation);
            if (element == null || collection == null || function == null || DisposesBeforeReturning(invocation, function))
            {
                return null;
            }

            ExpressionSyntax replaced = invocation.Parent is AwaitExpressionSyntax awaited ? awaited : invocation;
            if (replaced.Parent is SpreadElementSyntax)
            {
                // [.. await query.ToListAsync()]: a collection expression cannot spread a stream; paging still applies.
                return null;
            }

            TypeSyntax? localType = null;
            if (replaced.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator })
            {
                var local = model.GetDeclaredSymbol(declarator, cancellationToken);
                var uses = function.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Count(i => i.Identifier.ValueText == declarator.Identifier.ValueText && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(i, cancellationToken).Symbol, local));
                if (uses != 1 || declaration.Variables.Count != 1)
                {
                    return null;
                }

                localType = declaration.Type.IsVar ? null : declaration.Type;
            }

            var actionResultOfT = types.ActionResultOfT;
            var wrapInOk = FunctionSyntax.ReturnType(function)?.DescendantNodesAndSelf().OfType<GenericNameSyntax>()
                .Any(g => g.TypeArgumentList.Arguments.Count == 1
                    && SymbolFacts.Is(model.GetTypeInfo(g, cancellationToken).Type, actionResultOfT)
                    && IsCollectionOf(model.GetTypeInfo(g.TypeArgumentList.Arguments[0], cancellationToken).Type, element, types)) == true;
            if (wrapInOk && !(replaced.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax))
            {
                return null;
            }

            return new StreamPlan(replaced, function, collection, element, localType, wrapInOk);
        }

        /// <summary>
        /// The handler disposes something when it returns, before ASP.NET Core enumerates a streamed result: a <c>using</c>
        /// statement around the query, or a <c>using</c> declaration in a block around it (<c>using var db =
        /// factory.CreateDbContext();</c>, found in smtp4dev). The stream would then read a disposed context, so it is not
        /// offered; paging still is.
        /// </summary>
        private static bool DisposesBeforeReturning(SyntaxNode query, SyntaxNode function)
        {
            for (var node = query.Parent; node != null && node != function; node = node.Parent)
            {
                if (node is UsingStatementSyntax)
                {
                    return true;
                }

                if (node is BlockSyntax block)
                {
                    foreach (var statement in block.Statements)
                    {
                        if (statement.SpanStart >= query.SpanStart)
                        {
                            break;
                        }

                        if (statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static SyntaxNode? Stream(SyntaxNode root, InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            var plan = PlanStream(invocation, model, cancellationToken);
            if (plan == null || invocation.Expression is not MemberAccessExpressionSyntax access)
            {
                return null;
            }

            var elementSyntax = SyntaxFactory.ParseTypeName(plan.Element.ToMinimalDisplayString(model, invocation.SpanStart));
            var asyncEnumerable = (TypeSyntax)CodeFixSyntax.QualifiedType("System.Collections.Generic.IAsyncEnumerable<" + elementSyntax + ">");
            // AsAsyncEnumerable is EF Core's extension method.
            ExpressionSyntax streamed = Imports.Require(SyntaxFactory.InvocationExpression(access.WithName(SyntaxFactory.IdentifierName("AsAsyncEnumerable"))), "Microsoft.EntityFrameworkCore");
            if (plan.WrapInOk)
            {
                streamed = SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName("Ok"), SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(streamed))));
            }

            streamed = streamed.WithTriviaFrom(plan.Replaced);

            var edits = new Dictionary<SyntaxNode, SyntaxNode> { [plan.Replaced] = streamed };
            if (plan.LocalType != null)
            {
                edits[plan.LocalType] = asyncEnumerable.WithTriviaFrom(plan.LocalType);
            }

            var types = SemanticContext.For(model.Compilation);
            var returnType = FunctionSyntax.ReturnType(plan.Function);
            if (returnType != null)
            {
                foreach (var node in returnType.DescendantNodesAndSelf().OfType<TypeSyntax>())
                {
                    if (IsCollectionOf(model.GetTypeInfo(node, cancellationToken).Type, plan.Element, types) && !edits.Keys.Any(k => k.Span.Contains(node.Span)))
                    {
                        edits[node] = asyncEnumerable.WithTriviaFrom(node);
                    }
                }
            }

            var result = root.ReplaceNodes(edits.Keys, (original, _) => edits[original]);
            return AsyncSignature.DropAsyncIfUnused(result, plan.Function, AsyncSignature.ReturnsTaskOfResult(plan.Function, model, cancellationToken));
        }

        /// <summary>An array, List, or collection interface (IEnumerable, IReadOnlyList …) of <paramref name="element"/>.</summary>
        private static bool IsCollectionOf(ITypeSymbol? type, ITypeSymbol element, SemanticContext types)
            => type switch
            {
                IArrayTypeSymbol array => SymbolEqualityComparer.Default.Equals(array.ElementType, element),
                INamedTypeSymbol { TypeArguments.Length: 1 } named => (SymbolFacts.Is(named, types.ListOfT) || IsCollectionInterface(named.OriginalDefinition.SpecialType))
                    && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], element),
                _ => false,
            };

        private static bool IsCollectionInterface(SpecialType type)
            => type is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IReadOnlyList_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T or SpecialType.System_Collections_Generic_ICollection_T
                or SpecialType.System_Collections_Generic_IList_T;

        // ---- Add paging ----

        private static SyntaxNode? AddPaging(SyntaxNode root, InvocationExpressionSyntax invocation, string pageSize)
        {
            var function = FunctionSyntax.Enclosing(invocation);
            if (function == null || !CanAddParameters(function) || invocation.Expression is not MemberAccessExpressionSyntax access)
            {
                return null;
            }

            var paged = SyntaxFactory.ParseExpression($"{access.Expression.WithoutTrivia().ToFullString()}.Skip((page - 1) * pageSize).Take(pageSize)");
            var newInvocation = invocation.WithExpression(access.WithExpression(paged));
            var newRoot = root.ReplaceNode(invocation, newInvocation);

            var newFunction = FunctionSyntax.FindAgain(newRoot, function);
            var parameters = newFunction == null ? null : FunctionSyntax.ParameterList(newFunction);
            if (newFunction == null || parameters == null)
            {
                return null;
            }

            var added = parameters;
            if (!parameters.Parameters.Any(p => p.Identifier.ValueText == "page"))
            {
                added = added.AddParameters(SyntaxFactory.ParseParameterList("(int page = 1)").Parameters[0]);
            }

            if (!parameters.Parameters.Any(p => p.Identifier.ValueText == "pageSize"))
            {
                added = added.AddParameters(SyntaxFactory.ParseParameterList($"(int pageSize = {pageSize})").Parameters[0]);
            }

            return newRoot.ReplaceNode(parameters, added);
        }

        private static bool CanAddParameters(SyntaxNode function)
        {
            var parameters = FunctionSyntax.ParameterList(function);
            return parameters != null
                && !parameters.Parameters.Any(p => p.Modifiers.Any(SyntaxKind.ParamsKeyword))
                && (function is not ParenthesizedLambdaExpressionSyntax || parameters.Parameters.All(p => p.Type != null));
        }
    }
}
