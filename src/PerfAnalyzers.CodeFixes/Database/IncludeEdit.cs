using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// Finds the EF query whose entities a loop iterates (the foreach collection itself, or the query a local list was
    /// materialised from) and appends an Include to it. Shared by the PERF102 and PERF103 fixes.
    /// </summary>
    internal static class IncludeEdit
    {
        /// <summary>The query expression to extend for the collection a loop enumerates, or null when it is not provably an EF query.</summary>
        public static ExpressionSyntax? FindOriginQuery(IOperation collection, SemanticContext types)
        {
            collection = collection.WalkDownConversion();
            if (EfQueryModel.IsEfQuery(collection, types))
            {
                return HasProjection(collection, types) ? null : Outermost(collection.Syntax as ExpressionSyntax);
            }

            IOperation? query;
            if (!LazyNavigationModel.TryGetMaterialisedQuery(collection, types, out query)
                && (collection is not ILocalReferenceOperation local || !EfQueryModel.TryGetSingleValue(local, out var value) || value == null
                    || !LazyNavigationModel.TryGetMaterialisedQuery(value, types, out query)))
            {
                return null;
            }

            return query == null || HasProjection(query, types) ? null : Outermost(query.Syntax as ExpressionSyntax);
        }

        private static ExpressionSyntax? Outermost(ExpressionSyntax? expression)
        {
            while (expression?.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized;
            }

            return expression;
        }

        /// <summary>True when <paramref name="query"/> already has that exact Include (nothing left to add).</summary>
        public static bool HasInclude(ExpressionSyntax query, string includeCalls)
            => query.ToString().Replace(" ", "").Contains(includeCalls.Replace(" ", ""));

        /// <summary>
        /// Appends <paramref name="includeCalls"/> to <paramref name="query"/> (unless it has them already) and removes
        /// <paramref name="removed"/>, whose comments move to the next statement.
        /// </summary>
        public static async Task<Document> ApplyAsync(Document document, ExpressionSyntax query, string includeCalls, StatementSyntax? removed, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            editor.ReplaceNode(query, (current, _) => AppendInclude((ExpressionSyntax)current, includeCalls));
            CodeFixSyntax.RemoveStatementsKeepingComments(editor, removed);
            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>query.Include(..)</c> (plus ThenInclude calls), unless the query already has that exact Include.</summary>
        private static ExpressionSyntax AppendInclude(ExpressionSyntax query, string includeCalls)
        {
            if (HasInclude(query, includeCalls))
            {
                return query;
            }

            var receiver = query is IdentifierNameSyntax || query is MemberAccessExpressionSyntax || query is InvocationExpressionSyntax || query is ParenthesizedExpressionSyntax
                ? query.WithoutTrivia()
                : SyntaxFactory.ParenthesizedExpression(query.WithoutTrivia());
            // Include is an extension method of EF Core: a file that only used LINQ on its DbSet (found in Teknik's RSS
            // controller) needs the using.
            return Imports.Require(SyntaxFactory.ParseExpression(receiver.ToFullString() + includeCalls).WithTriviaFrom(query), "Microsoft.EntityFrameworkCore");
        }

        private static bool HasProjection(IOperation query, SemanticContext types)
            => EfQueryModel.GetOperators(query, types).Any(LazyNavigationModel.IsProjection);
    }
}
