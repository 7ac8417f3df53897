using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>The framework types of the concurrency and backpressure rules (6xx).</summary>
    internal partial class KnownSymbols
    {
        private INamedTypeSymbol? semaphoreSlim, httpMessageInvoker, parallelOptions, channelReaderOfT;

        /// <summary>A <c>WaitAsync</c> / <c>Wait</c> on one bounds the code after it (PERF601).</summary>
        public INamedTypeSymbol? SemaphoreSlim => Resolve(ref semaphoreSlim, "System.Threading.SemaphoreSlim");

        /// <summary>The base of <c>HttpClient</c>: its <c>Send</c>/<c>SendAsync</c> send a request.</summary>
        public INamedTypeSymbol? HttpMessageInvoker => Resolve(ref httpMessageInvoker, "System.Net.Http.HttpMessageInvoker");

        public INamedTypeSymbol? ParallelOptions => Resolve(ref parallelOptions, "System.Threading.Tasks.ParallelOptions");

        /// <summary>A loop awaiting its <c>ReadAsync</c> / <c>WaitToReadAsync</c> waits for work: a job's schedule (docs/concepts.md#loop).</summary>
        public INamedTypeSymbol? ChannelReaderOfT => Resolve(ref channelReaderOfT, "System.Threading.Channels.ChannelReader`1");
    }
}
