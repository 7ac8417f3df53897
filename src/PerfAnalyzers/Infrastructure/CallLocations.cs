using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>Where a diagnostic on a call is drawn.</summary>
    internal static class CallLocations
    {
        /// <summary>
        /// A member call from its name to its closing parenthesis (<c>ToListAsync()</c> in <c>db.Orders.Where(..).ToListAsync()</c>,
        /// <c>Build()</c> at the end of a host chain): a call at the end of a chain over several lines is marked on its own
        /// line, not across the chain. Any other syntax is marked whole. Code fixes find the invocation from this span.
        /// </summary>
        public static Location FromCalledName(SyntaxNode syntax)
            => syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                ? Location.Create(invocation.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, invocation.Span.End))
                : syntax.GetLocation();
    }
}
