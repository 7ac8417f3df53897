using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// A method of the application that enumerates a sequence it is given once per iteration of a loop of its own
    /// (docs/rules/PERF101.md, "A query passed as a sequence"): <c>foreach (var item in items) item.Brand =
    /// brands.FirstOrDefault(b =&gt; b.Id == item.BrandId);</c>. Given an EF query for that parameter (a <c>DbSet</c> passed
    /// as <c>IEnumerable&lt;T&gt;</c>), each enumeration runs the query and reads the whole result on the client. Read from
    /// the method's syntax alone, once per parameter and compilation.
    /// </summary>
    internal static class SequenceParameterLoops
    {
        /// <summary>
        /// True when <paramref name="parameter"/>, of a sequence type, belongs to a method declared in this compilation that
        /// calls a LINQ operator on it, or enumerates it with <c>foreach</c> (for an <c>IQueryable</c>, executes it), inside a
        /// loop of its own or a lambda passed to a per-element operator.
        /// </summary>
        public static bool IsEnumeratedPerElement(IParameterSymbol parameter, SemanticContext types)
        {
            var definition = parameter.OriginalDefinition;
            if (definition.ContainingSymbol is not IMethodSymbol method
                || definition.RefKind != RefKind.None
                || !(IsSequence(definition.Type) || types.IsQueryable(definition.Type))
                || !types.IsDeclaredInCompilation(method))
            {
                return false;
            }

            if (method.IsAbstract && method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return EveryImplementationEnumerates(method, definition.Ordinal, types);
            }

            return types.SequenceEnumeratedPerElement(definition, types.IsQueryable(definition.Type) ? ScanQuery : Scan);
        }

        /// <summary>
        /// An interface method (<c>IPlexEpisodeSync.ProcessEpsiodes(.., IQueryable&lt;PlexEpisode&gt; currentEpisodes)</c>,
        /// found in Ombi): every implementation in source, at least one, enumerates its parameter at that position so.
        /// </summary>
        private static bool EveryImplementationEnumerates(IMethodSymbol method, int ordinal, SemanticContext types)
        {
            var implementations = types.SourceImplementations(method);
            if (implementations == null || implementations.Count == 0)
            {
                return false;
            }

            foreach (var implementation in implementations)
            {
                if (implementation.IsAbstract || ordinal >= implementation.Parameters.Length
                    || !IsEnumeratedPerElement(implementation.Parameters[ordinal], types))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// An <c>IQueryable&lt;T&gt;</c> parameter the method executes once per iteration of a loop of its own:
        /// <c>await seriesEpisodes.Where(..).AnyAsync(..)</c> or <c>seriesEpisodes.Any(..)</c> per episode (found in Ombi's
        /// availability checkers and Plex episode sync). Composing it (<c>Where</c>, <c>OrderBy</c> …) runs nothing; the
        /// executing call at the end of the chain, or a <c>foreach</c> over it, does. Inside a lambda it is left alone: a
        /// query operator's lambda is an expression tree, translated with the outer query (<c>db.Series.Where(s =&gt;
        /// libraryIds.Contains(s.LibraryId))</c>, found in Kavita), not run per element.
        /// </summary>
        private static bool ScanQuery(IParameterSymbol parameter, SemanticContext types) => ScanWith(parameter, Executes, perElementLambdas: false, types);

        // A lambda of an in-memory operator runs per element; one converted to an expression tree (db.Users.Where(u =>
        // userIds.Contains(u.Id)), found in Remotely) is translated with its query, the sequence read once as a subquery.
        private static bool Scan(IParameterSymbol parameter, SemanticContext types) => ScanWith(parameter, Enumerates, perElementLambdas: true, types);

        // IEnumerable<T> or IEnumerable: what a DbSet or an IQueryable converts to without a call.
        private static bool IsSequence(ITypeSymbol type)
            => type.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_IEnumerable;

        private static bool ScanWith(IParameterSymbol parameter, System.Func<IdentifierNameSyntax, bool> uses, bool perElementLambdas, SemanticContext types)
        {
            foreach (var body in DeclarationSyntax.BodiesOf(parameter.ContainingSymbol))
            {
                var enumeratedPerElement = false;
                foreach (var node in body.DescendantNodes())
                {
                    // customers = customers.ToList(): the uses after it may read a list, not the query.
                    if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } && assigned.Identifier.ValueText == parameter.Name)
                    {
                        return false;
                    }

                    enumeratedPerElement |= node is IdentifierNameSyntax identifier
                        && identifier.Identifier.ValueText == parameter.Name
                        && uses(identifier)
                        && RunsPerElement(identifier, body, perElementLambdas, types);
                }

                if (enumeratedPerElement)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>brands.FirstOrDefault(..)</c>, <c>brands.Where(..)</c> …, or <c>foreach (var b in brands)</c>.</summary>
        private static bool Enumerates(IdentifierNameSyntax identifier)
            => (identifier.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } access
                    && access.Expression == identifier
                    && IsLinqName(access.Name.Identifier.ValueText))
                || (identifier.Parent is CommonForEachStatementSyntax forEach && forEach.Expression == identifier);

        /// <summary>The query is executed: the chain of composing operators on it ends in an executing one (also its <c>…Async</c> form) or a <c>foreach</c>.</summary>
        private static bool Executes(IdentifierNameSyntax identifier)
        {
            ExpressionSyntax current = identifier;
            for (var depth = 0; depth < 16; depth++)
            {
                if (current.Parent is CommonForEachStatementSyntax forEach && forEach.Expression == current)
                {
                    return true;
                }

                if (current.Parent is not MemberAccessExpressionSyntax access || access.Expression != current || access.Parent is not InvocationExpressionSyntax invocation)
                {
                    return false;
                }

                var name = access.Name.Identifier.ValueText;
                if (LinqOperators.Composable.Contains(name))
                {
                    current = invocation;
                    continue;
                }

                var stem = NameWords.WithoutAsyncSuffix(name);
                return LinqOperators.ToCollection.Contains(stem) || LinqOperators.Element.Contains(stem) || LinqOperators.Aggregate.Contains(stem);
            }

            return false;
        }

        private static bool IsLinqName(string name)
            => LinqOperators.Composable.Contains(name)
            || LinqOperators.ToCollection.Contains(name)
            || LinqOperators.Element.Contains(name)
            || LinqOperators.Aggregate.Contains(name);

        /// <summary>
        /// Inside the body (or condition) of a loop of the method, or in a lambda passed to a per-element operator
        /// (<c>items.Select(i =&gt; brands.First(..))</c>); any other lambda or local function stops the walk.
        /// </summary>
        private static bool RunsPerElement(SyntaxNode usage, SyntaxNode body, bool perElementLambdas, SemanticContext types)
        {
            SyntaxNode child = usage;
            for (var node = usage.Parent; node != null && node != body; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case CommonForEachStatementSyntax forEach when child == forEach.Statement:
                    case ForStatementSyntax forLoop when child == forLoop.Statement || child == forLoop.Condition:
                    case WhileStatementSyntax whileLoop when child == whileLoop.Statement || child == whileLoop.Condition:
                    case DoStatementSyntax doLoop when child == doLoop.Statement || child == doLoop.Condition:
                        return true;
                    case AnonymousFunctionExpressionSyntax lambda:
                        return perElementLambdas && node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                            && call.Expression is MemberAccessExpressionSyntax operatorAccess
                            && LinqOperators.RunsDelegatePerElement.Contains(operatorAccess.Name.Identifier.ValueText)
                            && !types.IsExpressionTreeLambda(lambda);
                    case LocalFunctionStatementSyntax:
                        return false;
                }
            }

            return false;
        }
    }
}
