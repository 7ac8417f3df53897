using Microsoft.CodeAnalysis;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// The EF Core and LINQ symbols the database rules (and PERF202/PERF401) need, resolved once per compilation.
    /// <see cref="TryCreate"/> returns null when EF Core is not referenced: the rules then register nothing.
    /// </summary>
    internal sealed class EfCoreTypes
    {
        private EfCoreTypes(Compilation compilation, INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
        {
            DbContext = dbContext;
            DbSet = dbSet;
            EntityFrameworkQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
            RelationalQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
            RelationalDatabaseFacadeExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
            NavigationEntry = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
            CollectionEntry = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.CollectionEntry");
            ReferenceEntry = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.ReferenceEntry");
            LazyLoader = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Infrastructure.ILazyLoader");
            ProxiesExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ProxiesExtensions");
            Queryable = compilation.GetTypeByMetadataName("System.Linq.Queryable");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            AsyncEnumerable = compilation.GetTypeByMetadataName("System.Linq.AsyncEnumerable");
            IQueryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable");
            IQueryableOfT = compilation.GetTypeByMetadataName("System.Linq.IQueryable`1");
            ExpressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
            LambdaExpression = compilation.GetTypeByMetadataName("System.Linq.Expressions.LambdaExpression");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        }

        public INamedTypeSymbol DbContext { get; }
        public INamedTypeSymbol DbSet { get; }
        public INamedTypeSymbol? EntityFrameworkQueryableExtensions { get; }

        /// <summary>FromSql, FromSqlRaw, FromSqlInterpolated, AsSplitQuery, ExecuteUpdate/Delete …</summary>
        public INamedTypeSymbol? RelationalQueryableExtensions { get; }

        /// <summary><c>Database.SqlQuery&lt;T&gt;(..)</c> / <c>SqlQueryRaw</c>: an EF query root too.</summary>
        public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }
        public INamedTypeSymbol? NavigationEntry { get; }
        public INamedTypeSymbol? CollectionEntry { get; }
        public INamedTypeSymbol? ReferenceEntry { get; }
        public INamedTypeSymbol? LazyLoader { get; }
        public INamedTypeSymbol? ProxiesExtensions { get; }
        public INamedTypeSymbol? Queryable { get; }
        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol? AsyncEnumerable { get; }
        public INamedTypeSymbol? IQueryable { get; }
        public INamedTypeSymbol? IQueryableOfT { get; }
        public INamedTypeSymbol? ExpressionOfT { get; }
        public INamedTypeSymbol? LambdaExpression { get; }
        public INamedTypeSymbol? ListOfT { get; }
        public INamedTypeSymbol? Parallel { get; }
        public INamedTypeSymbol? CancellationToken { get; }

        public static EfCoreTypes? TryCreate(Compilation compilation)
        {
            var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            return dbContext == null || dbSet == null ? null : new EfCoreTypes(compilation, dbContext, dbSet);
        }

        /// <summary>True for <c>DbSet&lt;T&gt;</c> and types derived from it.</summary>
        public bool IsDbSet(ITypeSymbol? type) => SymbolFacts.IsOrDerivesFrom(type, DbSet);

        public bool IsDbContext(ITypeSymbol? type) => SymbolFacts.IsOrDerivesFrom(type, DbContext);

        /// <summary>True for <c>IQueryable</c>, <c>IQueryable&lt;T&gt;</c> and every type implementing them.</summary>
        public bool IsQueryable(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            if (Is(type.OriginalDefinition, IQueryableOfT) || Is(type, IQueryable))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, IQueryable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A lambda converted to this type is an expression tree: EF translates it, nothing in it runs in memory.</summary>
        public bool IsExpressionTreeType(ITypeSymbol? type)
            => type != null && (Is(type.OriginalDefinition, ExpressionOfT) || SymbolFacts.IsOrDerivesFrom(type, LambdaExpression));

        public static bool Is(ISymbol? symbol, ISymbol? other) => other != null && SymbolEqualityComparer.Default.Equals(symbol, other);
    }
}
