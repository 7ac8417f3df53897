using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// Keeps a handler's async signature valid after a fix removed an <c>await</c>: a method, local function or
    /// lambda left with no await loses <c>async</c>, and a declared <c>Task&lt;X&gt;</c> becomes <c>X</c>.
    /// </summary>
    internal static class AsyncSignature
    {
        public static SyntaxNode? FindFunction(SyntaxNode node)
            => node.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);

        /// <summary>The same function in a rewritten tree, where edits happened only inside it.</summary>
        public static SyntaxNode? FindFunctionBySpanStart(SyntaxNode root, SyntaxNode original)
            => root.FindToken(original.SpanStart).Parent?.AncestorsAndSelf()
                .FirstOrDefault(a => a.RawKind == original.RawKind && a.SpanStart == original.SpanStart);

        /// <summary>Removes <c>async</c> when nothing in the function awaits any more.</summary>
        public static SyntaxNode DropAsyncIfUnused(SyntaxNode root, SyntaxNode originalFunction)
        {
            var function = FindFunctionBySpanStart(root, originalFunction);
            return function != null && IsAsync(function) && !ContainsAwait(function) ? root.ReplaceNode(function, RemoveAsync(function)) : root;
        }

        public static bool IsAsync(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            _ => false,
        };

        public static bool ContainsAwait(SyntaxNode function)
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

        public static SyntaxNode RemoveAsync(SyntaxNode function)
        {
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    return method.WithModifiers(RemoveAsyncModifier(method.Modifiers)).WithReturnType(UnwrapTask(method.ReturnType));
                case LocalFunctionStatementSyntax local:
                    return local.WithModifiers(RemoveAsyncModifier(local.Modifiers)).WithReturnType(UnwrapTask(local.ReturnType));
                case AnonymousFunctionExpressionSyntax lambda:
                    var withoutAsync = lambda.WithAsyncKeyword(default);
                    return withoutAsync.WithLeadingTrivia(lambda.AsyncKeyword.LeadingTrivia.AddRange(withoutAsync.GetLeadingTrivia()));
                default:
                    return function;
            }
        }

        public static SyntaxTokenList RemoveAsyncModifier(SyntaxTokenList modifiers)
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

        public static TypeSyntax UnwrapTask(TypeSyntax type)
            => type is GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments.Count: 1 } generic
                ? generic.TypeArgumentList.Arguments[0].WithTriviaFrom(type)
                : type is QualifiedNameSyntax { Right: GenericNameSyntax right } && right.Identifier.ValueText is "Task" or "ValueTask" && right.TypeArgumentList.Arguments.Count == 1
                    ? right.TypeArgumentList.Arguments[0].WithTriviaFrom(type)
                    : type;
    }
}
