using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>Types the query-provenance model and the write rules read (docs/concepts.md#ef-query).</summary>
    internal partial class KnownSymbols
    {
        private INamedTypeSymbol? iAsyncEnumerableOfT, saveChangesInterceptor, iDbContextTransaction;

        public INamedTypeSymbol? IAsyncEnumerableOfT => Resolve(ref iAsyncEnumerableOfT, "System.Collections.Generic.IAsyncEnumerable`1");

        public INamedTypeSymbol? SaveChangesInterceptor => Resolve(ref saveChangesInterceptor, "Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor");

        public INamedTypeSymbol? IDbContextTransaction => Resolve(ref iDbContextTransaction, "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction");
    }
}
