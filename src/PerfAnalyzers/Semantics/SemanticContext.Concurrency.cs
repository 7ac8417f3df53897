using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>Per-compilation caches of the concurrency rules (6xx).</summary>
    internal sealed partial class SemanticContext
    {
        private readonly ConcurrentDictionary<ISymbol, object> callIoSummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);

        /// <summary>The cache of one-level "sends HTTP / waits on a semaphore when called" summaries (PERF601), keyed by original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> CallIoSummaries => callIoSummaries;
    }
}
