using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>EF Core and LINQ types (docs/concepts.md#ef-query).</summary>
    internal sealed partial class SemanticContext
    {
        /// <summary>True for <c>DbSet&lt;T&gt;</c> and types derived from it.</summary>
        public bool IsDbSet(ITypeSymbol? type) => SymbolFacts.IsOrDerivesFrom(type, DbSet);

        public bool IsDbContext(ITypeSymbol? type) => SymbolFacts.IsOrDerivesFrom(type, DbContext);

        /// <summary>True for <c>IQueryable</c>, <c>IQueryable&lt;T&gt;</c> and every type implementing them.</summary>
        public bool IsQueryable(ITypeSymbol? type)
            => SymbolFacts.Is(type, IQueryableOfT) || SymbolFacts.IsOrImplements(type, IQueryable);

        /// <summary>A lambda converted to this type is an expression tree: EF translates it, nothing in it runs in memory.</summary>
        public bool IsExpressionTreeType(ITypeSymbol? type)
            => SymbolFacts.Is(type, ExpressionOfT) || SymbolFacts.IsOrDerivesFrom(type, LambdaExpression);

        /// <summary>The LINQ operator classes: <c>Queryable</c>, EF Core's queryable extensions, <c>Enumerable</c>, <c>AsyncEnumerable</c>.</summary>
        public bool IsLinqOperatorClass(ITypeSymbol? type)
            => SymbolFacts.Is(type, Enumerable) || SymbolFacts.Is(type, Queryable)
            || SymbolFacts.Is(type, EntityFrameworkQueryableExtensions) || SymbolFacts.Is(type, AsyncEnumerable);
    }
}
