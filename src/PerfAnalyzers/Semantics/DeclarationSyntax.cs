using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Semantics
{
    /// <summary>Syntax-only readings of declarations and expressions, shared by the rules that read a callee without binding it.</summary>
    internal static class DeclarationSyntax
    {
        /// <summary>
        /// The last name an expression spells, as written: <c>Random</c> for <c>Random</c>, <c>System.Random</c> or
        /// <c>global::Random</c>, <c>QueryTrackingBehavior</c> for <c>options.QueryTrackingBehavior</c>; empty for anything else.
        /// </summary>
        public static string LastName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => string.Empty,
        };

        /// <summary>The block or expression body of a method, constructor, operator or local function; null for other syntax or none.</summary>
        public static SyntaxNode? BodyOf(SyntaxNode declaration)
            => declaration switch
            {
                BaseMethodDeclarationSyntax declared => (SyntaxNode?)declared.Body ?? declared.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

        /// <summary>The bodies of <paramref name="method"/>'s declarations in source (one, or none without a body).</summary>
        public static IEnumerable<SyntaxNode> BodiesOf(ISymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (BodyOf(reference.GetSyntax()) is { } body)
                {
                    yield return body;
                }
            }
        }

        /// <summary>
        /// The one expression a method's whole body is: its expression body, or the expression of its only statement
        /// (<c>{ x.Add(e); }</c>, <c>{ return x.Add(e).Entity; }</c>); null for any other body.
        /// </summary>
        public static ExpressionSyntax? SoleExpressionOf(MethodDeclarationSyntax declaration)
            => declaration.ExpressionBody?.Expression
            ?? (declaration.Body is { Statements.Count: 1 } block
                ? block.Statements[0] switch
                {
                    ExpressionStatementSyntax statement => statement.Expression,
                    ReturnStatementSyntax returned => returned.Expression,
                    _ => null,
                }
                : null);

        /// <summary>Down through parentheses, casts and, when <paramref name="throughAs"/>, <c>x as T</c>.</summary>
        public static ExpressionSyntax WithoutCasts(ExpressionSyntax expression, bool throughAs = false)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        break;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        break;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asExpression when throughAs:
                        expression = asExpression.Left;
                        break;
                    default:
                        return expression;
                }
            }
        }
    }
}
