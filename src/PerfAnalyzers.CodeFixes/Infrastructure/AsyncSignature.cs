using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// Makes a method, local function or lambda async, and undoes it. Making it async: <c>T</c> → <c>Task&lt;T&gt;</c>,
    /// <c>void</c> → <c>Task</c>, a non-async Task-returning body gets its returns awaited; a signature changes only
    /// where callers cannot break (request handlers, minimal-API lambdas, functions that already return a task).
    /// Undoing it: a function left with no await loses <c>async</c>, and <c>Task&lt;X&gt;</c> becomes <c>X</c>.
    /// </summary>
    internal static class AsyncSignature
    {
        /// <summary>How a function becomes able to hold an <c>await</c>.</summary>
        internal sealed class Plan
        {
            /// <summary>Already async: nothing to change.</summary>
            public bool IsNoChange { get; set; }

            public bool WrapReturnType { get; set; }

            public bool AwaitReturnValues { get; set; }

            public bool AwaitFinalReturn { get; set; }

            public string? NewName { get; set; }
        }

        /// <summary>How <paramref name="function"/> can hold an <c>await</c> at <paramref name="awaitAt"/>; null when it cannot.</summary>
        public static Plan? PlanAwait(SyntaxNode function, SyntaxNode awaitAt, SemanticModel model, CancellationToken cancellationToken)
        {
            for (var current = awaitAt.Parent; current != null && current != function; current = current.Parent)
            {
                // await is not allowed in these places.
                if (current is LockStatementSyntax or QueryExpressionSyntax or CatchFilterClauseSyntax or UnsafeStatementSyntax)
                {
                    return null;
                }
            }

            var symbol = FunctionSyntax.Symbol(function, model, cancellationToken);
            if (symbol == null)
            {
                return null;
            }

            if (symbol.IsAsync)
            {
                return new Plan { IsNoChange = true };
            }

            if (symbol.Parameters.Any(p => p.RefKind != RefKind.None) || symbol.ReturnsByRef || symbol.ReturnsByRefReadonly
                || function.DescendantNodes().OfType<YieldStatementSyntax>().Any())
            {
                return null;
            }

            if (IsAsyncReturnType(symbol.ReturnType, SemanticContext.For(model.Compilation)))
            {
                // The signature stays: only the body's returns change.
                if (symbol.ReturnType is INamedTypeSymbol { IsGenericType: true })
                {
                    return new Plan { AwaitReturnValues = true };
                }

                var body = FunctionSyntax.Body(function);
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

                return new Plan { AwaitFinalReturn = true, AwaitReturnValues = body is ExpressionSyntax };
            }

            // The signature changes from T to Task<T>: only where no caller of ours can break.
            if (!CanChangeSignature(function, symbol, model, cancellationToken))
            {
                return null;
            }

            return function is AnonymousFunctionExpressionSyntax
                ? new Plan()
                : new Plan { WrapReturnType = true, NewName = AsyncSuffixedName(function, symbol, model) };
        }

        /// <summary>Applies <paramref name="plan"/>: the <c>async</c> modifier, the wrapped return type, the awaited returns, the new name.</summary>
        public static SyntaxNode MakeAsync(SyntaxNode function, Plan plan)
        {
            if (plan.IsNoChange)
            {
                return function;
            }

            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            function = RewriteReturns(function, plan);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    if (plan.NewName != null)
                    {
                        method = method.WithIdentifier(SyntaxFactory.Identifier(plan.NewName).WithTriviaFrom(method.Identifier));
                    }

                    var (methodModifiers, methodReturnType) = AddAsyncModifier(method.Modifiers, plan.WrapReturnType ? WrapInTask(method.ReturnType) : method.ReturnType, asyncKeyword);
                    return method.WithModifiers(methodModifiers).WithReturnType(methodReturnType);
                case LocalFunctionStatementSyntax local:
                    var (localModifiers, localReturnType) = AddAsyncModifier(local.Modifiers, plan.WrapReturnType ? WrapInTask(local.ReturnType) : local.ReturnType, asyncKeyword);
                    return local.WithModifiers(localModifiers).WithReturnType(localReturnType);
                case LambdaExpressionSyntax lambda:
                    var leading = lambda.GetLeadingTrivia();
                    return lambda.WithoutLeadingTrivia().WithModifiers(lambda.Modifiers.Insert(0, asyncKeyword)).WithLeadingTrivia(leading);
                case AnonymousMethodExpressionSyntax anonymous:
                    return anonymous.WithAsyncKeyword(asyncKeyword.WithLeadingTrivia(anonymous.GetLeadingTrivia())).WithDelegateKeyword(anonymous.DelegateKeyword.WithLeadingTrivia());
                default:
                    return function;
            }
        }

        /// <summary><c>async</c> after the other modifiers; with none, it takes over the return type's leading trivia.</summary>
        private static (SyntaxTokenList Modifiers, TypeSyntax ReturnType) AddAsyncModifier(SyntaxTokenList modifiers, TypeSyntax returnType, SyntaxToken asyncKeyword)
            => modifiers.Count == 0
                ? (SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia())), returnType.WithoutLeadingTrivia())
                : (modifiers.Add(asyncKeyword), returnType);

        /// <summary>True when the function is declared <c>async</c>.</summary>
        public static bool IsAsync(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            _ => false,
        };

        /// <summary>True when an <c>await</c> written at <paramref name="node"/> compiles as the code stands: an async function, or top-level statements.</summary>
        public static bool CanAwaitAt(SyntaxNode node)
            => FunctionSyntax.Enclosing(node) is { } function ? IsAsync(function) : FunctionSyntax.IsInTopLevelStatements(node);

        /// <summary>
        /// True when the function's return type is <c>Task&lt;X&gt;</c> or <c>ValueTask&lt;X&gt;</c>, the shape
        /// <see cref="DropAsyncIfUnused"/> unwraps to <c>X</c>.
        /// </summary>
        public static bool ReturnsTaskOfResult(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            var returnType = FunctionSyntax.Symbol(function, model, cancellationToken)?.ReturnType;
            return SymbolFacts.Is(returnType, types.TaskOfT) || SymbolFacts.Is(returnType, types.ValueTaskOfT);
        }

        /// <summary>
        /// In <paramref name="root"/>, a rewrite of the tree <paramref name="originalFunction"/> comes from: removes
        /// <c>async</c> when nothing in the function awaits any more, unwrapping a declared <c>Task&lt;X&gt;</c> to
        /// <c>X</c> when <paramref name="unwrapResult"/> (see <see cref="ReturnsTaskOfResult"/>).
        /// </summary>
        public static SyntaxNode DropAsyncIfUnused(SyntaxNode root, SyntaxNode originalFunction, bool unwrapResult)
        {
            var function = FunctionSyntax.FindAgain(root, originalFunction);
            return function != null && IsAsync(function) && !ContainsAwait(function) ? root.ReplaceNode(function, RemoveAsync(function, unwrapResult)) : root;
        }

        private static bool ContainsAwait(SyntaxNode function)
        {
            foreach (var node in function.DescendantNodes(n => n == function || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax)))
            {
                if (node is AwaitExpressionSyntax
                    || (node is CommonForEachStatementSyntax loop && loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (node is UsingStatementSyntax statement && statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (node is LocalDeclarationStatementSyntax declaration && declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)))
                {
                    return true;
                }
            }

            return false;
        }

        private static SyntaxNode RemoveAsync(SyntaxNode function, bool unwrapResult)
        {
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    return method.WithModifiers(RemoveAsyncModifier(method.Modifiers)).WithReturnType(unwrapResult ? UnwrapTask(method.ReturnType) : method.ReturnType);
                case LocalFunctionStatementSyntax local:
                    return local.WithModifiers(RemoveAsyncModifier(local.Modifiers)).WithReturnType(unwrapResult ? UnwrapTask(local.ReturnType) : local.ReturnType);
                case AnonymousFunctionExpressionSyntax lambda:
                    var withoutAsync = lambda.WithAsyncKeyword(default);
                    return withoutAsync.WithLeadingTrivia(lambda.AsyncKeyword.LeadingTrivia.AddRange(withoutAsync.GetLeadingTrivia()));
                default:
                    return function;
            }
        }

        private static SyntaxTokenList RemoveAsyncModifier(SyntaxTokenList modifiers)
        {
            var index = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
            if (index < 0)
            {
                return modifiers;
            }

            var removed = modifiers[index];
            modifiers = modifiers.RemoveAt(index);
            return index < modifiers.Count ? modifiers.Replace(modifiers[index], modifiers[index].WithLeadingTrivia(removed.LeadingTrivia)) : modifiers;
        }

        /// <summary><c>void</c> → <c>Task</c>, <c>T</c> → <c>Task&lt;T&gt;</c>, keeping the type as written (nullable annotations too).</summary>
        private static TypeSyntax WrapInTask(TypeSyntax returnType)
        {
            TypeSyntax task = returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)
                ? SyntaxFactory.ParseName("System.Threading.Tasks.Task")
                : SyntaxFactory.QualifiedName(
                    SyntaxFactory.ParseName("System.Threading.Tasks"),
                    SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia()))));
            return CodeFixSyntax.Qualified(task).WithTriviaFrom(returnType);
        }

        /// <summary><c>Task&lt;X&gt;</c> (however qualified) → <c>X</c>; the caller decided from the symbol that it is one.</summary>
        private static TypeSyntax UnwrapTask(TypeSyntax type)
        {
            var generic = type as GenericNameSyntax ?? (type as QualifiedNameSyntax)?.Right as GenericNameSyntax;
            return generic?.TypeArgumentList.Arguments.Count == 1 ? generic.TypeArgumentList.Arguments[0].WithTriviaFrom(type) : type;
        }

        /// <summary>In a Task-returning body that becomes async, <c>return x;</c> becomes <c>return await x;</c> (or <c>await x;</c>).</summary>
        private static SyntaxNode RewriteReturns(SyntaxNode function, Plan plan)
        {
            if (!plan.AwaitReturnValues && !plan.AwaitFinalReturn)
            {
                return function;
            }

            var body = FunctionSyntax.Body(function);
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

        private static IEnumerable<ReturnStatementSyntax> ReturnsOf(BlockSyntax block)
            => block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>();

        /// <summary>The four return types an async function may declare without a custom builder.</summary>
        private static bool IsAsyncReturnType(ITypeSymbol type, SemanticContext types)
            => SymbolFacts.Is(type, types.Task) || SymbolFacts.Is(type, types.TaskOfT) || SymbolFacts.Is(type, types.ValueTask) || SymbolFacts.Is(type, types.ValueTaskOfT);

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
                    return !symbol.IsOverride && symbol.ExplicitInterfaceImplementations.IsEmpty && handlers.IsRequestHandler(symbol)
                        && !IsCalledInSource(symbol, function, model, cancellationToken);
            }
        }

        /// <summary>
        /// A request handler that code of the compilation calls itself (<c>return shortenController.Delete(id);</c> from
        /// another action, found in Teknik's account deletion): its callers expect the synchronous result, so its signature
        /// stays. A call inside the handler itself (recursion) does not count.
        /// </summary>
        private static bool IsCalledInSource(IMethodSymbol symbol, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var call in PerfAnalyzers.Caching.MethodCallSites.Find(symbol, model.Compilation, cancellationToken))
            {
                if (call.Syntax.SyntaxTree != function.SyntaxTree || !function.Span.Contains(call.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
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
    }
}
