using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using PerfAnalyzers.Semantics;
using PerfAnalyzers.Handlers;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// One "await this instead" edit: <see cref="Node"/> is replaced by <c>await</c> of what
    /// <see cref="CreateAwaited"/> builds from the current (possibly already edited) node.
    /// </summary>
    internal sealed class AwaitEdit
    {
        public AwaitEdit(SyntaxNode node, Func<SyntaxNode, ExpressionSyntax> createAwaited, string? requiredNamespace = null)
        {
            Node = node;
            CreateAwaited = createAwaited;
            RequiredNamespace = requiredNamespace;
        }

        public SyntaxNode Node { get; }
        public Func<SyntaxNode, ExpressionSyntax> CreateAwaited { get; }

        /// <summary>A namespace to import (an extension method's, e.g. Microsoft.EntityFrameworkCore) when not yet in scope.</summary>
        public string? RequiredNamespace { get; }
    }

    /// <summary>
    /// Reusable machinery for fixes that turn a blocking call into an <c>await</c>: awaits the new expression
    /// (parenthesised where needed: <c>(await x.ToListAsync()).Count</c>), and makes the enclosing method, local
    /// function or lambda async exactly once however many edits it holds (<c>T</c> → <c>Task&lt;T&gt;</c>,
    /// <c>void</c> → <c>Task</c>, a non-async Task-returning body gets its returns awaited), adding usings.
    /// A signature only changes where callers cannot break: request handlers, minimal-API lambdas, functions that
    /// already return a task. Use <see cref="ApplyAsync"/> from RegisterCodeFixesAsync and <see cref="CreateFixAllProvider"/>.
    /// </summary>
    internal static class AsyncConversion
    {
        /// <summary>Plans one edit for a diagnostic, or returns null when the shape is not fixable.</summary>
        public delegate AwaitEdit? EditPlanner(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

        /// <summary>A Fix All that applies every diagnostic of a document in one pass, making each function async once.</summary>
        public static FixAllProvider CreateFixAllProvider(EditPlanner planner)
            => FixAllProvider.Create(async (context, document, diagnostics) =>
                await ApplyAsync(document, diagnostics, planner, context.CancellationToken).ConfigureAwait(false));

        /// <summary>True when at least one of the diagnostics can be fixed (used before offering the code action).</summary>
        public static async Task<bool> CanFixAsync(Document document, Diagnostic diagnostic, EditPlanner planner, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return false;
            }

            var edit = planner(root, model, diagnostic, cancellationToken);
            return edit != null && GetEnclosingFunction(edit.Node) is { } function && PlanFunction(function, edit.Node, model, cancellationToken) != null;
        }

        public static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, EditPlanner planner, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var functions = new Dictionary<SyntaxNode, FunctionPlan>();
            var namespaces = new HashSet<string>(StringComparer.Ordinal);
            var edited = false;

            // Innermost first, so that an edit nested inside another edit's node is applied before its container.
            foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                var edit = planner(root, model, diagnostic, cancellationToken);
                var function = edit == null ? null : GetEnclosingFunction(edit.Node);
                if (edit == null || function == null)
                {
                    continue;
                }

                if (!functions.TryGetValue(function, out var plan))
                {
                    plan = PlanFunction(function, edit.Node, model, cancellationToken);
                    if (plan == null)
                    {
                        continue;
                    }

                    functions.Add(function, plan);
                }

                if (edit.RequiredNamespace != null && !IsNamespaceImported(edit.Node, model, edit.RequiredNamespace))
                {
                    namespaces.Add(edit.RequiredNamespace);
                }

                var original = edit.Node;
                editor.ReplaceNode(original, (current, _) => Await(original, edit.CreateAwaited(current)).WithTriviaFrom(current));
                edited = true;
            }

            if (!edited)
            {
                return document;
            }

            foreach (var pair in functions)
            {
                if (!pair.Value.IsNoChange)
                {
                    var plan = pair.Value;
                    editor.ReplaceNode(pair.Key, (current, _) => MakeAsync(current, plan));
                }
            }

            if (namespaces.Count > 0 && editor.OriginalRoot is CompilationUnitSyntax)
            {
                editor.ReplaceNode(editor.OriginalRoot, (current, _) => AddUsings((CompilationUnitSyntax)current, namespaces));
            }

            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The method, local function or lambda whose body holds <paramref name="node"/>; null elsewhere.</summary>
        public static SyntaxNode? GetEnclosingFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case MethodDeclarationSyntax:
                        return current;
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The CancellationToken in scope at <paramref name="node"/>: a CancellationToken parameter of an enclosing
        /// function, else <c>context.RequestAborted</c> of an HttpContext parameter, else <c>HttpContext.RequestAborted</c>
        /// in a controller or page model, or <c>Context.ConnectionAborted</c> in a SignalR hub.
        /// </summary>
        public static ExpressionSyntax? FindCancellationToken(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            var cancellationTokenType = types.CancellationToken;
            ExpressionSyntax? fromContext = null;
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax))
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(current, cancellationToken).Symbol ?? model.GetDeclaredSymbol(current, cancellationToken);
                if (symbol is not IMethodSymbol method)
                {
                    continue;
                }

                foreach (var parameter in method.Parameters)
                {
                    if (SymbolEqualityComparer.Default.Equals(parameter.Type, cancellationTokenType))
                    {
                        return SyntaxFactory.IdentifierName(parameter.Name);
                    }

                    if (fromContext == null && types != null && SymbolEqualityComparer.Default.Equals(parameter.Type, types.HttpContext))
                    {
                        fromContext = SyntaxFactory.ParseExpression(parameter.Name + ".RequestAborted");
                    }
                }

                if (current is BaseMethodDeclarationSyntax && fromContext == null && types != null && method.ContainingType != null)
                {
                    for (var type = method.ContainingType; type != null; type = type.BaseType)
                    {
                        if (SymbolEqualityComparer.Default.Equals(type, types.ControllerBase) || SymbolEqualityComparer.Default.Equals(type, types.PageModel))
                        {
                            fromContext = SyntaxFactory.ParseExpression("HttpContext.RequestAborted");
                            break;
                        }

                        if (SymbolEqualityComparer.Default.Equals(type, types.Hub) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, types.HubOfT))
                        {
                            fromContext = SyntaxFactory.ParseExpression("Context.ConnectionAborted");
                            break;
                        }
                    }
                }
            }

            return fromContext;
        }

        /// <summary>Appends <paramref name="token"/> to an argument list, by name when earlier optional arguments were omitted.</summary>
        public static ArgumentListSyntax AddToken(ArgumentListSyntax arguments, ExpressionSyntax token, int syncParameterCount, string? tokenParameterName)
        {
            var positional = arguments.Arguments.Count == syncParameterCount && arguments.Arguments.All(a => a.NameColon == null);
            var argument = positional || tokenParameterName == null
                ? SyntaxFactory.Argument(token)
                : SyntaxFactory.Argument(SyntaxFactory.NameColon(tokenParameterName), default, token);
            return arguments.AddArguments(argument);
        }

        private static ExpressionSyntax Await(SyntaxNode original, ExpressionSyntax awaited)
        {
            ExpressionSyntax result = SyntaxFactory.AwaitExpression(awaited.WithoutTrivia());
            var parent = original.Parent;
            var needsParentheses = parent switch
            {
                MemberAccessExpressionSyntax member => member.Expression == original,
                ConditionalAccessExpressionSyntax conditional => conditional.Expression == original,
                ElementAccessExpressionSyntax element => element.Expression == original,
                InvocationExpressionSyntax invocation => invocation.Expression == original,
                PostfixUnaryExpressionSyntax => true,
                _ => false,
            };
            return needsParentheses ? SyntaxFactory.ParenthesizedExpression(result) : result;
        }

        private sealed class FunctionPlan
        {
            public bool IsNoChange { get; set; }
            public bool WrapReturnType { get; set; }
            public bool AwaitReturnValues { get; set; }
            public bool AwaitFinalReturn { get; set; }
            public string? NewName { get; set; }
        }

        private static FunctionPlan? PlanFunction(SyntaxNode function, SyntaxNode awaitAt, SemanticModel model, CancellationToken cancellationToken)
        {
            for (var current = awaitAt.Parent; current != null && current != function; current = current.Parent)
            {
                // await is not allowed in these places.
                if (current is LockStatementSyntax or QueryExpressionSyntax or CatchFilterClauseSyntax or UnsafeStatementSyntax)
                {
                    return null;
                }
            }

            var symbol = function is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
            if (symbol == null)
            {
                return null;
            }

            if (symbol.IsAsync)
            {
                return new FunctionPlan { IsNoChange = true };
            }

            if (symbol.Parameters.Any(p => p.RefKind != RefKind.None) || symbol.ReturnsByRef || symbol.ReturnsByRefReadonly
                || function.DescendantNodes().OfType<YieldStatementSyntax>().Any())
            {
                return null;
            }

            var returnType = symbol.ReturnType;
            if (IsTaskLike(returnType, model.Compilation))
            {
                // The signature stays: only the body's returns change.
                var generic = returnType is INamedTypeSymbol { IsGenericType: true };
                if (generic)
                {
                    return new FunctionPlan { AwaitReturnValues = true };
                }

                var body = GetBody(function);
                if (body is BlockSyntax block)
                {
                    foreach (var returnStatement in ReturnsOf(block))
                    {
                        if (returnStatement.Expression != null && (returnStatement.Parent != block || block.Statements.Last() != returnStatement))
                        {
                            return null;
                        }
                    }
                }

                return new FunctionPlan { AwaitFinalReturn = true, AwaitReturnValues = body is ExpressionSyntax };
            }

            // The signature changes from T to Task<T>: only where no caller of ours can break.
            if (!CanChangeSignature(function, symbol, model, cancellationToken))
            {
                return null;
            }

            if (function is AnonymousFunctionExpressionSyntax)
            {
                return new FunctionPlan();
            }

            return new FunctionPlan { WrapReturnType = true, NewName = AsyncSuffixedName(function, symbol, model) };
        }

        private static bool CanChangeSignature(SyntaxNode function, IMethodSymbol symbol, SemanticModel model, CancellationToken cancellationToken)
        {
            var handlers = SemanticContext.For(model.Compilation).Handlers;
            if (handlers == null)
            {
                return false;
            }

            switch (function)
            {
                case AnonymousFunctionExpressionSyntax:
                    // Map* takes Delegate (any return type) or RequestDelegate: an async lambda converts to both.
                    return model.GetOperation(function, cancellationToken) is IAnonymousFunctionOperation lambda && handlers.IsMinimalApiHandler(lambda);
                case LocalFunctionStatementSyntax:
                    return model.GetOperation(function, cancellationToken) is ILocalFunctionOperation local && handlers.IsMinimalApiHandler(local);
                default:
                    return !symbol.IsOverride && symbol.ExplicitInterfaceImplementations.IsEmpty && handlers.IsRequestHandler(symbol);
            }
        }

        /// <summary>
        /// Controller actions and page handlers get the Async suffix only where their public async siblings already use
        /// it, and only when nothing in the type refers to the name (<c>nameof(Get)</c>, a method group): hub methods
        /// (the client calls them by name) and minimal-API method groups keep their names.
        /// </summary>
        private static string? AsyncSuffixedName(SyntaxNode function, IMethodSymbol method, SemanticModel model)
        {
            if (method.Name.EndsWith("Async", StringComparison.Ordinal) || method.MethodKind != MethodKind.Ordinary || method.ContainingType == null
                || SemanticContext.For(model.Compilation).Handlers?.GetHandlerKind(method) is not (RequestHandlerKind.ControllerAction or RequestHandlerKind.RazorPageHandler))
            {
                return null;
            }

            var siblingsUseSuffix = false;
            foreach (var member in method.ContainingType.GetMembers())
            {
                if (member is IMethodSymbol { IsAsync: true, DeclaredAccessibility: Accessibility.Public } sibling
                    && !SymbolEqualityComparer.Default.Equals(sibling, method) && sibling.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    siblingsUseSuffix = true;
                    break;
                }
            }

            if (!siblingsUseSuffix)
            {
                return null;
            }

            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var identifier in reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == method.Name && !function.Span.Contains(identifier.Span))
                    {
                        return null;
                    }
                }
            }

            return method.Name + "Async";
        }

        private static SyntaxNode MakeAsync(SyntaxNode function, FunctionPlan plan)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    method = (MethodDeclarationSyntax)RewriteReturns(method, plan);
                    if (plan.NewName != null)
                    {
                        method = method.WithIdentifier(SyntaxFactory.Identifier(plan.NewName).WithTriviaFrom(method.Identifier));
                    }

                    if (plan.WrapReturnType)
                    {
                        method = method.WithReturnType(WrapInTask(method.ReturnType));
                    }

                    return method.Modifiers.Count == 0
                        ? method.WithReturnType(method.ReturnType.WithoutLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())))
                        : method.AddModifiers(asyncKeyword);
                case LocalFunctionStatementSyntax local:
                    local = (LocalFunctionStatementSyntax)RewriteReturns(local, plan);
                    if (plan.WrapReturnType)
                    {
                        local = local.WithReturnType(WrapInTask(local.ReturnType));
                    }

                    return local.Modifiers.Count == 0
                        ? local.WithReturnType(local.ReturnType.WithoutLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(local.ReturnType.GetLeadingTrivia())))
                        : local.AddModifiers(asyncKeyword);
                case LambdaExpressionSyntax lambda:
                    lambda = (LambdaExpressionSyntax)RewriteReturns(lambda, plan);
                    var leading = lambda.GetLeadingTrivia();
                    return lambda.WithoutLeadingTrivia().WithModifiers(lambda.Modifiers.Insert(0, asyncKeyword)).WithLeadingTrivia(leading);
                case AnonymousMethodExpressionSyntax anonymous:
                    anonymous = (AnonymousMethodExpressionSyntax)RewriteReturns(anonymous, plan);
                    return anonymous.WithAsyncKeyword(asyncKeyword.WithLeadingTrivia(anonymous.GetLeadingTrivia())).WithDelegateKeyword(anonymous.DelegateKeyword.WithLeadingTrivia());
                default:
                    return function;
            }
        }

        /// <summary><c>void</c> → <c>Task</c>, <c>T</c> → <c>Task&lt;T&gt;</c>, keeping the type as written (nullable annotations too).</summary>
        private static TypeSyntax WrapInTask(TypeSyntax returnType)
        {
            TypeSyntax task = returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)
                ? SyntaxFactory.ParseName("System.Threading.Tasks.Task")
                : SyntaxFactory.QualifiedName(
                    SyntaxFactory.ParseName("System.Threading.Tasks"),
                    SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia()))));
            return task.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation).WithTriviaFrom(returnType);
        }

        /// <summary>In a Task-returning body that becomes async, <c>return x;</c> becomes <c>return await x;</c> (or <c>await x;</c>).</summary>
        private static SyntaxNode RewriteReturns(SyntaxNode function, FunctionPlan plan)
        {
            if (!plan.AwaitReturnValues && !plan.AwaitFinalReturn)
            {
                return function;
            }

            var body = GetBody(function);
            if (body is ExpressionSyntax expression)
            {
                return function.ReplaceNode(expression, SyntaxFactory.AwaitExpression(expression.WithoutTrivia()).WithTriviaFrom(expression));
            }

            if (body is not BlockSyntax block)
            {
                return function;
            }

            var returns = ReturnsOf(block).Where(r => r.Expression != null).ToList();
            return function.ReplaceNodes(returns, (original, current) =>
            {
                var value = current.Expression!;
                if (plan.AwaitReturnValues)
                {
                    return current.WithExpression(SyntaxFactory.AwaitExpression(value.WithoutTrivia()).WithTriviaFrom(value));
                }

                // Task (no result): "return next(context);" as the final statement becomes "await next(context);".
                return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(value.WithoutTrivia())).WithTriviaFrom(current);
            });
        }

        private static SyntaxNode? GetBody(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.Body,
            _ => null,
        };

        private static IEnumerable<ReturnStatementSyntax> ReturnsOf(BlockSyntax block)
            => block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>();

        private static bool IsTaskLike(ITypeSymbol type, Compilation compilation)
        {
            var types = SemanticContext.For(compilation);
            return SymbolFacts.Is(type, types.Task) || SymbolFacts.Is(type, types.TaskOfT) || SymbolFacts.Is(type, types.ValueTask) || SymbolFacts.Is(type, types.ValueTaskOfT);
        }

        private static bool IsNamespaceImported(SyntaxNode node, SemanticModel model, string ns)
        {
            foreach (var import in model.GetImportScopes(node.SpanStart))
            {
                foreach (var imported in import.Imports)
                {
                    if (imported.NamespaceOrType is INamespaceSymbol symbol && symbol.ToDisplayString() == ns)
                    {
                        return true;
                    }
                }
            }

            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is BaseNamespaceDeclarationSyntax declaration && (declaration.Name.ToString() == ns || ns.StartsWith(declaration.Name + ".", StringComparison.Ordinal)))
                {
                    return declaration.Name.ToString() == ns;
                }
            }

            return false;
        }

        private static CompilationUnitSyntax AddUsings(CompilationUnitSyntax unit, IEnumerable<string> namespaces)
        {
            foreach (var ns in namespaces.OrderBy(n => n, StringComparer.Ordinal))
            {
                var usings = unit.Usings;
                var endOfLine = usings.Count > 0 ? usings[usings.Count - 1].GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.LineFeed);
                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(endOfLine);
                var index = 0;
                while (index < usings.Count && usings[index].Alias == null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                    && CompareNamespaces(usings[index].Name?.ToString() ?? string.Empty, ns) < 0)
                {
                    index++;
                }

                unit = unit.WithUsings(usings.Insert(index, directive));
            }

            return unit;
        }

        /// <summary>System namespaces first, then ordinal: the .NET default ordering of using directives.</summary>
        private static int CompareNamespaces(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
            return leftSystem != rightSystem ? (leftSystem ? -1 : 1) : string.CompareOrdinal(left, right);
        }
    }
}
