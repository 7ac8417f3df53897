using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>The function around a piece of code (method, local function or lambda) and its parts.</summary>
    internal static class FunctionSyntax
    {
        /// <summary>
        /// The method, local function or lambda whose body holds <paramref name="node"/>; null when another member
        /// holds it first (a constructor, an accessor, a field initializer, top-level statements).
        /// </summary>
        public static SyntaxNode? Enclosing(SyntaxNode node)
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

        /// <summary>True when <paramref name="node"/> is in top-level statements and in no function of theirs.</summary>
        public static bool IsInTopLevelStatements(SyntaxNode node)
            => Enclosing(node) == null && node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault() is GlobalStatementSyntax;

        /// <summary>The same function in a rewritten tree, where edits happened only inside it or after it.</summary>
        public static SyntaxNode? FindAgain(SyntaxNode root, SyntaxNode original)
            => root.FindToken(original.SpanStart).Parent?.AncestorsAndSelf()
                .FirstOrDefault(a => a.RawKind == original.RawKind && a.SpanStart == original.SpanStart);

        /// <summary>The block or expression body.</summary>
        public static SyntaxNode? Body(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.Body,
            _ => null,
        };

        /// <summary>The declared return type; null for lambdas that do not declare one.</summary>
        public static TypeSyntax? ReturnType(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => method.ReturnType,
            LocalFunctionStatementSyntax local => local.ReturnType,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ReturnType,
            _ => null,
        };

        /// <summary>The parameter list; null for a simple lambda (<c>x =&gt; ..</c>) and anonymous methods.</summary>
        public static ParameterListSyntax? ParameterList(SyntaxNode function) => function switch
        {
            MethodDeclarationSyntax method => method.ParameterList,
            LocalFunctionStatementSyntax local => local.ParameterList,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList,
            _ => null,
        };

        /// <summary>The method symbol of a method, local function or lambda.</summary>
        public static IMethodSymbol? Symbol(SyntaxNode function, SemanticModel model, System.Threading.CancellationToken cancellationToken)
            => function is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
    }
}
