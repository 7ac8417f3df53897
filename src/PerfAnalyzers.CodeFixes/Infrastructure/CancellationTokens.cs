using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>The CancellationToken a fix passes to the async call it writes.</summary>
    internal static class CancellationTokens
    {
        // The async calls that only read: cancelling one when the caller gives up loses nothing. A write made cancellable
        // (SaveChangesAsync, WriteAllTextAsync) could stop part-way when the client leaves, where the synchronous call
        // always finished (found in Teknik, whose upload API saves that it forgets the user's key).
        private static readonly string[] ReadPrefixes =
        {
            "Read", "Get", "Find", "First", "Single", "Last", "Any", "All", "Count", "LongCount", "Sum", "Min", "Max", "Average",
            "Contains", "ElementAt", "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup", "Load", "Exists", "Query",
            "Fetch", "Download", "Receive", "Wait", "Open", "Connect", "Peek", "Search", "List", "Select", "ExecuteReader",
            "ExecuteScalar", "Aggregate", "NextResult",
        };

        /// <summary>
        /// Whether a fix may pass a token to the async method <paramref name="asyncName"/> it writes: only to one that reads
        /// (docs/concepts.md#cancellation-token-in-scope).
        /// </summary>
        public static bool MayCancel(string asyncName)
        {
            foreach (var prefix in ReadPrefixes)
            {
                if (asyncName.StartsWith(prefix, System.StringComparison.Ordinal)
                    && (asyncName.Length == prefix.Length || !char.IsLower(asyncName[prefix.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The CancellationToken in scope at <paramref name="node"/>: a CancellationToken parameter of an enclosing
        /// function (innermost first), else <c>context.RequestAborted</c> of an HttpContext parameter, else
        /// <c>HttpContext.RequestAborted</c> in a controller or page model, or <c>Context.ConnectionAborted</c> in a
        /// SignalR hub; null when there is none.
        /// </summary>
        public static ExpressionSyntax? FindInScope(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
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
                    if (SymbolFacts.Is(parameter.Type, types.CancellationToken))
                    {
                        return SyntaxFactory.IdentifierName(parameter.Name);
                    }

                    if (fromContext == null && SymbolFacts.Is(parameter.Type, types.HttpContext))
                    {
                        fromContext = SyntaxFactory.ParseExpression(parameter.Name + ".RequestAborted");
                    }
                }

                if (current is BaseMethodDeclarationSyntax && fromContext == null && method.ContainingType is { } type)
                {
                    if (SymbolFacts.IsOrDerivesFrom(type, types.ControllerBase) || SymbolFacts.IsOrDerivesFrom(type, types.PageModel))
                    {
                        fromContext = SyntaxFactory.ParseExpression("HttpContext.RequestAborted");
                    }
                    else if (SymbolFacts.IsOrDerivesFrom(type, types.Hub))
                    {
                        fromContext = SyntaxFactory.ParseExpression("Context.ConnectionAborted");
                    }
                }
            }

            return fromContext;
        }
    }
}
