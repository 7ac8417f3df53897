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
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Concurrency
{
    /// <summary>
    /// PERF601 fix (docs/rules/PERF601.md, "How to fix"), for <c>await Task.WhenAll(items.Select(..))</c> written inline:
    /// when the result is not used, the statement becomes <c>await Parallel.ForEachAsync(items, new ParallelOptions {
    /// MaxDegreeOfParallelism = N, CancellationToken = token }, async (x, ct) =&gt; ..)</c>; when it is, a
    /// <c>using var throttle = new SemaphoreSlim(N);</c> goes before the statement and the selector waits on it. N is
    /// the rule's <c>max_degree_of_parallelism</c> option. No fix for the loop shape, tasks held in a local, or a shared DbContext.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF601UnboundedFanOutCodeFix)), Shared]
    public sealed class PERF601UnboundedFanOutCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF601.BoundTheFanOut";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnboundedFanOut);

        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<SyntaxNode>((document, node, diagnostic, _, cancellationToken) => FixAsync(document, node, Degree(diagnostic), cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            if (!diagnostic.Properties.TryGetValue(PERF601UnboundedFanOutAnalyzer.KindKey, out var kind) || kind != PERF601UnboundedFanOutAnalyzer.UnboundedKind)
            {
                // Elements sharing one DbContext need a context each: nothing to rewrite mechanically.
                return;
            }

            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax whenAll
                || MakePlan(whenAll, model, context.CancellationToken) is not Plan plan)
            {
                return;
            }

            var degree = Degree(diagnostic);
            var title = plan.ResultsUsed
                ? $"Run at most {degree} at once with a SemaphoreSlim"
                : $"Use Parallel.ForEachAsync with at most {degree} at once";
            context.RegisterCodeFix(
                CodeAction.Create(title, async ct => await FixAsync(context.Document, whenAll, degree, ct).ConfigureAwait(false) ?? context.Document, EquivalenceKey),
                diagnostic);
        }

        private static int Degree(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(PERF601UnboundedFanOutAnalyzer.MaxDegreeKey, out var text) && int.TryParse(text, out var value) && value > 0
                ? value
                : PERF601UnboundedFanOutAnalyzer.DefaultMaxDegreeOfParallelism;

        private sealed class Plan
        {
            public Plan(ExpressionSyntax source, ExpressionSyntax selector, IMethodSymbol selectorMethod, bool resultsUsed)
            {
                Source = source;
                Selector = selector;
                SelectorMethod = selectorMethod;
                ResultsUsed = resultsUsed;
            }

            /// <summary>The collection the Select runs over.</summary>
            public ExpressionSyntax Source { get; }

            /// <summary>A lambda with one parameter, or a method group.</summary>
            public ExpressionSyntax Selector { get; }

            /// <summary>The lambda's symbol, or the method the group names.</summary>
            public IMethodSymbol SelectorMethod { get; }

            /// <summary>False: the WhenAll call becomes Parallel.ForEachAsync. True: the selector is throttled.</summary>
            public bool ResultsUsed { get; }

            /// <summary>For the semaphore: the statement the throttle is declared before.</summary>
            public StatementSyntax? Statement { get; set; }

            /// <summary>For the semaphore in an expression-bodied method or local function: the body that becomes a block.</summary>
            public ArrowExpressionClauseSyntax? Arrow { get; set; }
        }

        private static Plan? MakePlan(InvocationExpressionSyntax whenAll, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            if (whenAll.ArgumentList.Arguments.Count != 1
                || model.GetOperation(whenAll, cancellationToken) is not IInvocationOperation { Arguments.Length: 1 } operation
                || FanOutModel.AsSelect(operation.Arguments[0].Value.WalkDownConversion(), types) is not IInvocationOperation select
                || select.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Select" } access, ArgumentList.Arguments.Count: 1 } selectSyntax
                || select.Arguments[1].Value.WalkDownConversion() is not IDelegateCreationOperation { Target: var target })
            {
                return null;
            }

            IMethodSymbol? method = target switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
            var selector = selectSyntax.ArgumentList.Arguments[0].Expression;
            if (method == null || method.Parameters.Length != 1 || !types.IsTaskLike(method.ReturnType)
                || (selector is LambdaExpressionSyntax && target is not IAnonymousFunctionOperation))
            {
                return null;
            }

            var plan = new Plan(access.Expression, selector, method, resultsUsed: false);
            switch (Use(whenAll, model, types, cancellationToken))
            {
                case ResultUse.Unused when CanRunInParallelForEach(plan, types):
                    return plan;
                case ResultUse.Unused or ResultUse.Awaited:
                    break;
                default:
                    // Returned or stored as a task: a throttle declared here would not outlive the work.
                    return null;
            }

            if (!IsRewritableWithThrottle(selector) || types.SemaphoreSlim == null)
            {
                return null;
            }

            var awaitExpression = (AwaitExpressionSyntax)whenAll.Parent!;
            if (awaitExpression.Parent is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow)
            {
                return new Plan(access.Expression, selector, method, resultsUsed: true) { Arrow = arrow };
            }

            // The throttle is declared before the statement that awaits, in the same function.
            var statement = awaitExpression.FirstAncestorOrSelf<StatementSyntax>();
            if (statement?.Parent is not BlockSyntax
                || awaitExpression.Ancestors().TakeWhile(a => a != statement).Any(a => a is AnonymousFunctionExpressionSyntax))
            {
                return null;
            }

            return new Plan(access.Expression, selector, method, resultsUsed: true) { Statement = statement };
        }

        private enum ResultUse
        {
            /// <summary>Awaited and the result used.</summary>
            Awaited,

            /// <summary>Nothing reads the result: an awaited statement, or the whole body of a function returning a plain Task.</summary>
            Unused,

            /// <summary>Returned or stored un-awaited.</summary>
            Other,
        }

        private static ResultUse Use(InvocationExpressionSyntax whenAll, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
        {
            if (whenAll.Parent is AwaitExpressionSyntax awaited)
            {
                // await Task.WhenAll(..);  or  async Task Run() => await Task.WhenAll(..);
                return awaited.Parent is ExpressionStatementSyntax
                    || (awaited.Parent is ArrowExpressionClauseSyntax && ReturnsPlainTask(awaited, model, types, cancellationToken))
                    ? ResultUse.Unused
                    : ResultUse.Awaited;
            }

            // Task Run() => Task.WhenAll(..);  or  return Task.WhenAll(..);  in a function that is not async and returns a plain Task.
            return whenAll.Parent is ArrowExpressionClauseSyntax or ReturnStatementSyntax
                && FunctionSyntax.Enclosing(whenAll) is SyntaxNode function
                && !(function is MethodDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.AsyncKeyword))
                && !(function is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.AsyncKeyword))
                && !(function is AnonymousFunctionExpressionSyntax lambda && lambda.AsyncKeyword != default)
                && ReturnsPlainTask(whenAll, model, types, cancellationToken)
                ? ResultUse.Unused
                : ResultUse.Other;
        }

        private static bool ReturnsPlainTask(SyntaxNode node, SemanticModel model, SemanticContext types, CancellationToken cancellationToken)
            => FunctionSyntax.Enclosing(node) is SyntaxNode function
            && FunctionSyntax.Symbol(function, model, cancellationToken) is IMethodSymbol symbol
            && SymbolEqualityComparer.Default.Equals(symbol.ReturnType, types.Task);

        /// <summary>Parallel.ForEachAsync exists, and the selector's body can become a body that returns nothing.</summary>
        private static bool CanRunInParallelForEach(Plan plan, SemanticContext types)
        {
            if (types.Parallel == null || types.ParallelOptions == null || types.Parallel.GetMembers("ForEachAsync").IsEmpty)
            {
                return false;
            }

            switch (plan.Selector)
            {
                case LambdaExpressionSyntax { Body: ExpressionSyntax }:
                    return true;
                case LambdaExpressionSyntax { Body: BlockSyntax block } lambda:
                    // An async block that returns values cannot become a ValueTask lambda as it stands.
                    return lambda.AsyncKeyword != default && !OwnReturns(block).Any(r => r.Expression != null);
                default:
                    return plan.Selector is IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax;
            }
        }

        private static bool IsRewritableWithThrottle(ExpressionSyntax selector)
            => selector switch
            {
                LambdaExpressionSyntax { Body: BlockSyntax } lambda => lambda.AsyncKeyword != default,
                LambdaExpressionSyntax => true,
                _ => selector is IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax,
            };

        private static System.Collections.Generic.IEnumerable<ReturnStatementSyntax> OwnReturns(BlockSyntax block)
            => block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>();

        private static async Task<Document?> FixAsync(Document document, SyntaxNode node, int degree, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (model == null || root == null || node is not InvocationExpressionSyntax whenAll || MakePlan(whenAll, model, cancellationToken) is not Plan plan)
            {
                return null;
            }

            var names = FreshNames.ForLocals(whenAll, model);
            SyntaxNode newRoot;
            if (!plan.ResultsUsed)
            {
                var token = CancellationTokens.FindInScope(whenAll, model, cancellationToken);
                var options = $"new System.Threading.Tasks.ParallelOptions {{ MaxDegreeOfParallelism = {degree}{(token != null ? ", CancellationToken = " + token : string.Empty)} }}";
                var body = ForEachBody(plan, names.Take("ct"), names);
                var call = SyntaxFactory.InvocationExpression(
                    CodeFixSyntax.QualifiedExpression("System.Threading.Tasks.Parallel.ForEachAsync"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Argument(plan.Source.WithoutTrivia()),
                        SyntaxFactory.Argument(CodeFixSyntax.QualifiedExpression(options)),
                        SyntaxFactory.Argument(body),
                    })));
                newRoot = root.ReplaceNode(whenAll, call.WithTriviaFrom(whenAll).WithAdditionalAnnotations(Formatter.Annotation));
            }
            else if (plan.Arrow is ArrowExpressionClauseSyntax arrow)
            {
                newRoot = root.ReplaceNode(arrow.Parent!, ArrowToThrottledBlock(plan, arrow, names.Take("throttle"), names, degree, model, CodeFixSyntax.NewLine(root), cancellationToken));
            }
            else
            {
                var throttle = names.Take("throttle");
                var newLine = CodeFixSyntax.NewLine(root);
                var statement = plan.Statement!;

                // Comments above the statement stay above both; the statement keeps only its indentation.
                var leading = statement.GetLeadingTrivia();
                var indentation = leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse().ToList();
                var selector = ThrottledSelector(plan, throttle, names, string.Concat(indentation.Select(t => t.ToString())), newLine);
                var declaration = CodeFixSyntax.Qualified(CodeFixSyntax.Statement($"using var {throttle} = new System.Threading.SemaphoreSlim({degree});", newLine))
                    .WithLeadingTrivia(leading);
                var rewritten = statement.ReplaceNode(plan.Selector, selector.WithTriviaFrom(plan.Selector))
                    .WithLeadingTrivia(indentation);
                var block = (BlockSyntax)statement.Parent!;
                var index = block.Statements.IndexOf(statement);
                var statements = block.Statements.RemoveAt(index).InsertRange(index, new[] { declaration, rewritten });
                newRoot = root.ReplaceNode(block, block.WithStatements(statements));
            }

            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// <c>async Task&lt;T[]&gt; M(..) =&gt; await Task.WhenAll(..);</c> becomes a block body that declares the throttle and
        /// returns (or, for a plain Task, awaits) the throttled WhenAll.
        /// </summary>
        private static SyntaxNode ArrowToThrottledBlock(Plan plan, ArrowExpressionClauseSyntax arrow, string throttle, FreshNames names, int degree, SemanticModel model, string newLine, CancellationToken cancellationToken)
        {
            var function = arrow.Parent!;
            var indentation = string.Concat(function.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse().Select(t => t.ToString()));
            var inner = indentation + "    ";
            var selector = ThrottledSelector(plan, throttle, names, inner, newLine);
            var expression = arrow.Expression.ReplaceNode(plan.Selector, selector.WithTriviaFrom(plan.Selector)).WithoutTrivia();
            var returnsValue = FunctionSyntax.Symbol(function, model, cancellationToken)?.ReturnType is INamedTypeSymbol { IsGenericType: true };
            if (SyntaxFactory.ParseStatement(
                $"{{{newLine}{inner}using var {throttle} = new System.Threading.SemaphoreSlim({degree});{newLine}{inner}{(returnsValue ? "return " : string.Empty)}{expression.ToFullString()};{newLine}{indentation}}}") is not BlockSyntax block)
            {
                return function;
            }

            block = block.ReplaceNode(block.Statements[0], CodeFixSyntax.Qualified(block.Statements[0]));
            SyntaxToken semicolon;
            SyntaxNode withoutArrow;
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    semicolon = method.SemicolonToken;
                    withoutArrow = method.WithExpressionBody(null).WithSemicolonToken(default);
                    break;
                case LocalFunctionStatementSyntax local:
                    semicolon = local.SemicolonToken;
                    withoutArrow = local.WithExpressionBody(null).WithSemicolonToken(default);
                    break;
                default:
                    return function;
            }

            // The signature ends its line; the block opens on the next one, at the member's indentation.
            var last = withoutArrow.GetLastToken();
            withoutArrow = withoutArrow.ReplaceToken(last, last.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)));
            block = block.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(semicolon.TrailingTrivia);
            return withoutArrow switch
            {
                MethodDeclarationSyntax method => method.WithBody(block),
                LocalFunctionStatementSyntax local => local.WithBody(block),
                _ => function,
            };
        }

        /// <summary>The <c>async (x, ct) =&gt; ..</c> body Parallel.ForEachAsync runs per element.</summary>
        private static ExpressionSyntax ForEachBody(Plan plan, string tokenName, FreshNames names)
        {
            var token = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName));
            ParameterSyntax element;
            CSharpSyntaxNode body;
            switch (plan.Selector)
            {
                case SimpleLambdaExpressionSyntax simple:
                    element = simple.Parameter.WithoutTrivia();
                    body = LambdaBodyForEach(simple, simple.Body);
                    break;
                case ParenthesizedLambdaExpressionSyntax parenthesized:
                    element = parenthesized.ParameterList.Parameters[0].WithoutTrivia();
                    if (element.Type != null)
                    {
                        token = token.WithType(CodeFixSyntax.QualifiedType("System.Threading.CancellationToken"));
                    }

                    body = LambdaBodyForEach(parenthesized, parenthesized.Body);
                    break;
                default:
                    var name = names.Take("item");
                    element = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name));
                    body = SyntaxFactory.AwaitExpression(SyntaxFactory.InvocationExpression(
                        plan.Selector.WithoutTrivia(),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name))))));
                    break;
            }

            return SyntaxFactory.ParenthesizedLambdaExpression(
                    SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { element, token })),
                    body.WithoutLeadingTrivia())
                .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        /// <summary>An async lambda keeps its body; a synchronous one returning the task awaits it instead.</summary>
        private static CSharpSyntaxNode LambdaBodyForEach(LambdaExpressionSyntax lambda, CSharpSyntaxNode body)
            => lambda.AsyncKeyword != default || body is not ExpressionSyntax expression
                ? body
                : SyntaxFactory.AwaitExpression(Parenthesize(expression));

        /// <summary>The selector, made async, waiting on the throttle before its work and releasing it after.</summary>
        private static ExpressionSyntax ThrottledSelector(Plan plan, string throttle, FreshNames names, string indentation, string newLine)
        {
            var returnsValue = plan.SelectorMethod.ReturnType is INamedTypeSymbol { IsGenericType: true };
            string parameters;
            string work;
            switch (plan.Selector)
            {
                case LambdaExpressionSyntax { Body: BlockSyntax block } lambda:
                    // A block the user wrote moves into the try as it is; the formatter re-indents it.
                    var body = SyntaxFactory.Block(
                        SyntaxFactory.ParseStatement($"await {throttle}.WaitAsync();"),
                        SyntaxFactory.TryStatement(block.WithoutTrivia(), default, SyntaxFactory.FinallyClause(SyntaxFactory.Block(SyntaxFactory.ParseStatement($"{throttle}.Release();")))));
                    return lambda.WithBody(body).WithAdditionalAnnotations(Formatter.Annotation);
                case SimpleLambdaExpressionSyntax simple:
                    parameters = simple.Parameter.WithoutTrivia().ToString();
                    work = Await(simple, (ExpressionSyntax)simple.Body);
                    break;
                case ParenthesizedLambdaExpressionSyntax parenthesized:
                    parameters = parenthesized.ParameterList.WithoutTrivia().ToString();
                    work = Await(parenthesized, (ExpressionSyntax)parenthesized.Body);
                    break;
                default:
                    parameters = names.Take("item");
                    work = $"await {plan.Selector.WithoutTrivia()}({parameters})";
                    break;
            }

            // A body the fix writes is laid out on lines of its own, at the statement's indentation.
            var inner = indentation + "    ";
            var text = $"async {parameters} =>{newLine}"
                + $"{indentation}{{{newLine}"
                + $"{inner}await {throttle}.WaitAsync();{newLine}"
                + $"{inner}try{newLine}{inner}{{{newLine}"
                + $"{inner}    {(returnsValue ? "return " : string.Empty)}{work};{newLine}"
                + $"{inner}}}{newLine}{inner}finally{newLine}{inner}{{{newLine}"
                + $"{inner}    {throttle}.Release();{newLine}"
                + $"{inner}}}{newLine}"
                + $"{indentation}}}";
            return SyntaxFactory.ParseExpression(text);
        }

        private static string Await(LambdaExpressionSyntax lambda, ExpressionSyntax body)
            => lambda.AsyncKeyword != default ? body.WithoutTrivia().ToString() : "await " + Parenthesize(body.WithoutTrivia());

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);
    }
}
