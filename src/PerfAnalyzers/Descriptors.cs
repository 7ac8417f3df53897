using Microsoft.CodeAnalysis;

namespace PerfAnalyzers
{
    /// <summary>
    /// Every diagnostic the package reports, in one place. Titles are the ones of the rule pages
    /// (docs/rules/PERFnnn.md) and never change once shipped; messages name the specific symbol.
    /// </summary>
    public static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/PerfAnalyzers/PerfAnalyzers/blob/main/docs/rules/";

        public static class Categories
        {
            public const string Database = "Database";
            public const string Async = "Async";
            public const string Caching = "Caching";
            public const string Payload = "Payload";
            public const string Connections = "Connections";
            public const string Serialization = "Serialization";
            public const string Concurrency = "Concurrency";
        }

        // Family 1: database access.
        public static readonly DiagnosticDescriptor PERF101QueryInLoop = Create(
            DiagnosticIds.QueryInLoop, Categories.Database,
            "EF Core query executed inside a loop (N+1 queries)",
            "'{0}' runs a database query {1}{2}",
            "Executing an EF Core query once per element of a collection sends one round trip per element. Load all the rows in one query before the loop and look them up in memory.");

        public static readonly DiagnosticDescriptor PERF102LazyLoadInLoop = Create(
            DiagnosticIds.LazyLoadInLoop, Categories.Database,
            "Lazy-loaded navigation accessed inside a loop (N+1 queries)",
            "Reading lazy-loaded navigation '{0}' inside the loop runs one query per element; add .Include(..) for it to the query behind '{1}'",
            "A lazy-loaded navigation read inside a loop sends one query per element. Eager-load it with Include on the query that produced the entities.");

        public static readonly DiagnosticDescriptor PERF103ExplicitLoadInLoop = Create(
            DiagnosticIds.ExplicitLoadInLoop, Categories.Database,
            "Explicit loading inside a loop (N+1 queries)",
            "Explicit loading of '{0}' inside the loop runs one query per element; add .Include(..) to the query instead",
            "Entry(..).Collection(..).Load() or Reference(..).Load() inside a loop sends one query per element. Eager-load the navigation with Include on the query that produced the entities.");

        public static readonly DiagnosticDescriptor PERF104MaterialisedBeforeFiltered = Create(
            DiagnosticIds.MaterialisedBeforeFiltered, Categories.Database,
            "Query materialised before it is filtered, projected or aggregated",
            "'{0}' loads every row into memory before '{1}' runs; move '{1}' into the query so the database does it",
            "Materialising a query and then filtering, projecting, ordering, paging or aggregating in memory transfers every row. Compose the operators into the query before it is materialised.");

        public static readonly DiagnosticDescriptor PERF105SaveChangesInLoop = Create(
            DiagnosticIds.SaveChangesInLoop, Categories.Database,
            "SaveChanges called inside a loop (N+1 writes)",
            "'{0}' writes to the database {1}; {2}",
            "Saving the DbContext once per element sends one transaction and its commands per element. Make all the changes in the loop and call SaveChanges once after it, so EF Core batches them in one transaction.");

        // Family 2: sync-over-async.
        public static readonly DiagnosticDescriptor PERF201BlockingWait = Create(
            DiagnosticIds.BlockingWait, Categories.Async,
            "Blocking wait on a task in async code or a request handler",
            "'{0}' blocks a thread until the task completes; await it instead",
            "Blocking on a task holds a thread-pool thread for the whole wait and can starve the pool under load or deadlock. Await the task.");

        public static readonly DiagnosticDescriptor PERF202SyncOverAsyncCall = Create(
            DiagnosticIds.SyncOverAsyncCall, Categories.Async,
            "Synchronous call where an async overload exists in async code or a request handler",
            "'{0}' blocks on I/O{2}; {3}await '{1}' instead",
            "A synchronous I/O call in async code or a request handler holds a thread-pool thread while it waits. Call and await the asynchronous counterpart.");

        public static readonly DiagnosticDescriptor PERF203ThreadSleep = Create(
            DiagnosticIds.ThreadSleep, Categories.Async,
            "Thread.Sleep in async code or a request handler",
            "Thread.Sleep blocks a thread-pool thread; await Task.Delay instead",
            "Thread.Sleep in async code or a request handler holds a thread-pool thread while doing nothing. Await Task.Delay.");

        // Family 3: HTTP caching.
        // {1} is the advice: PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice, or PersonalAdvice when the handler reads the caller's identity.
        public static readonly DiagnosticDescriptor PERF301GetWithoutCachingPolicy = Create(
            DiagnosticIds.GetWithoutCachingPolicy, Categories.Caching,
            "GET endpoint declares no HTTP caching policy",
            "GET endpoint '{0}' returns data but declares no HTTP caching policy; {1}",
            "A GET endpoint that states no caching policy can neither be served from a client or proxy cache nor is explicitly protected from one. Declare a policy, even if that policy is 'no-store'.");


        // Family 4: payload size and streaming.
        public static readonly DiagnosticDescriptor PERF401UnboundedQueryResponse = Create(
            DiagnosticIds.UnboundedQueryResponse, Categories.Payload,
            "Unbounded query result buffered into a response",
            "'{0}' buffers every row of the query into the response; stream it or page it",
            "Returning a fully materialised query with no Take buffers the whole table in memory before the first byte is sent. Stream the results with AsAsyncEnumerable or page them.");

        public static readonly DiagnosticDescriptor PERF402FileReadIntoMemory = Create(
            DiagnosticIds.FileReadIntoMemory, Categories.Payload,
            "Whole file read into memory to send a response",
            "'{0}' reads the whole file into memory to send it; let the response stream it from disk",
            "Reading a whole file into memory to send it allocates its full size per request. Return a physical file or stream result.");

        public static readonly DiagnosticDescriptor PERF403HttpContentBuffered = Create(
            DiagnosticIds.HttpContentBuffered, Categories.Payload,
            "HTTP response content buffered as a string or byte array",
            "'{0}' buffers the whole {1} content before it is deserialised or copied; read it as a stream",
            "Buffering HTTP content into a string or byte array before deserialising or copying it doubles the memory and delays the work. Deserialise from the stream.");

        public static readonly DiagnosticDescriptor PERF404RequestBodyBuffered = Create(
            DiagnosticIds.RequestBodyBuffered, Categories.Payload,
            "Request body read fully into memory",
            "'{0}' reads the whole request body into memory; deserialise it from the stream",
            "Reading the request body to the end buffers it whole, so one large request costs its full size in memory. Deserialise it from the stream.");

        // Family 5: HTTP connection pooling.
        public static readonly DiagnosticDescriptor PERF501HttpClientPerOperation = Create(
            DiagnosticIds.HttpClientPerOperation, Categories.Connections,
            "HttpClient created per operation",
            "A new HttpClient is created {0}; each one opens its own connections and can exhaust sockets under load",
            "An HttpClient created per call or per request opens new connections every time and leaves sockets in TIME_WAIT. Use IHttpClientFactory or one shared static HttpClient.");

        public static readonly DiagnosticDescriptor PERF502HttpClientWithoutPooledLifetime = Create(
            DiagnosticIds.HttpClientWithoutPooledLifetime, Categories.Connections,
            "Long-lived HttpClient without a pooled connection lifetime",
            "Long-lived HttpClient {0} keeps its connections forever and never sees DNS changes; give it a SocketsHttpHandler with PooledConnectionLifetime",
            "A static or singleton HttpClient reuses its pooled connections indefinitely, so it never notices DNS changes. Set SocketsHttpHandler.PooledConnectionLifetime.");

        // Family 6: concurrency and backpressure. One message, two findings: {2} is either the missing bound or the
        // DbContext all the elements share (docs/rules/PERF601.md, "Messages").
        public static readonly DiagnosticDescriptor PERF601UnboundedFanOut = Create(
            DiagnosticIds.UnboundedFanOut, Categories.Concurrency,
            "Unbounded fan-out of I/O over a collection",
            "Task.WhenAll starts {0} for every element of '{1}' at once{2}",
            "Starting one I/O operation per element of a collection and awaiting them together runs as many at once as the collection has elements: a connection, a socket or a database session each, all competing for the same upstream. Bound the degree of parallelism with Parallel.ForEachAsync or a SemaphoreSlim. Queries that all use one DbContext are a bug as well: EF Core throws on concurrent use of a context.");

        // Family 7: serialization and memory.
        public static readonly DiagnosticDescriptor PERF701JsonSerializerOptionsPerCall = Create(
            DiagnosticIds.JsonSerializerOptionsPerCall, Categories.Serialization,
            "JsonSerializerOptions created per call",
            "A new JsonSerializerOptions is created {0}; each instance rebuilds the serializer's metadata cache, so reuse one static readonly instance",
            "System.Text.Json caches the serialization metadata of every type in the JsonSerializerOptions instance that serialises it. A new instance per call or per request throws that cache away and rebuilds it each time. Keep one instance in a static readonly field.");

        public static readonly DiagnosticDescriptor PERF702LargeBufferPerCall = Create(
            DiagnosticIds.LargeBufferPerCall, Categories.Serialization,
            "Large buffer allocated per call instead of pooled",
            "'{0}' allocates a buffer {1} on every request; rent it from ArrayPool<{2}>.Shared and return it when done",
            "A large or request-sized array allocated per request lands on the large object heap, which only a gen-2 collection frees. Rent the buffer from ArrayPool<T>.Shared and return it in a finally block.");

        // Family 4, reported as a suggestion: whether compression belongs in the application depends on its deployment.
        public static readonly DiagnosticDescriptor PERF405JsonApiWithoutCompression = new DiagnosticDescriptor(
            DiagnosticIds.JsonApiWithoutCompression,
            "JSON API without response compression",
            // One message, two findings: {0} is what is missing (docs/rules/PERF405.md, "Messages").
            "The application maps API endpoints but {0}",
            Categories.Payload,
            DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "JSON compresses to a fraction of its size. Without response compression in the application or in front of it, every response travels uncompressed. Enable ResponseCompression with Brotli and Gzip, or declare that a proxy compresses.",
            helpLinkUri: HelpLink(DiagnosticIds.JsonApiWithoutCompression));
        // Family 1: database access (EF Core configuration and query shape).
        public static readonly DiagnosticDescriptor PERF108CartesianExplosion = Create(
            DiagnosticIds.CartesianExplosion, Categories.Database,
            "Several collection navigations loaded in one query (Cartesian explosion)",
            "The query loads collections '{0}' and '{1}' in one SQL query{2}, repeating each row of one for every row of the other; add .AsSplitQuery()",
            "Including two collection navigations side by side in one query makes the database return the product of their rows. Split the query with AsSplitQuery so each collection is loaded by a query of its own.");

        // A suggestion: a global UseQueryTrackingBehavior(NoTracking) is the other accepted remedy, and read-only tracking
        // queries cost per row, not per request (docs/rules/PERF107.md, "Severity").
        public static readonly DiagnosticDescriptor PERF107TrackingQueryInReadOnlyHandler = new DiagnosticDescriptor(
            DiagnosticIds.TrackingQueryInReadOnlyHandler,
            "Tracking query in a read-only request handler",
            "'{0}' loads '{1}' entities with change tracking, but this request handler never modifies them; add .AsNoTracking() to the query",
            Categories.Database,
            DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "A tracking query makes the change tracker keep a snapshot of every entity it returns, for change detection on SaveChanges. A request handler that only reads them pays that time and memory for nothing. Add AsNoTracking to the query, or make no-tracking the context's default with UseQueryTrackingBehavior.",
            helpLinkUri: HelpLink(DiagnosticIds.TrackingQueryInReadOnlyHandler));

        public static readonly DiagnosticDescriptor PERF106DbContextWithoutPooling = Create(
            DiagnosticIds.DbContextWithoutPooling, Categories.Database,
            "DbContext registered without pooling",
            "'{0}' can be pooled but is registered with {1}, which builds a new context for every request; register it with {2}",
            "A DbContext whose only dependency is its options and that keeps no per-request state can be reused from a pool instead of being constructed and initialised for every request. Register it with AddDbContextPool or AddPooledDbContextFactory.");

        // Family 3: in-memory caching and memory limits.
        // {1} says what is missing: PERF302UnboundedMemoryCacheEntryAnalyzer.Messages.
        public static readonly DiagnosticDescriptor PERF302UnboundedMemoryCacheEntry = Create(
            DiagnosticIds.UnboundedMemoryCacheEntry, Categories.Caching,
            "Memory cache entry that never expires, or size-limited cache written without a size",
            "'{0}' writes a memory cache entry {1}",
            "An IMemoryCache entry without an absolute or sliding expiration stays until memory pressure evicts it, so entries keyed by request input grow without bound. A MemoryCache with a SizeLimit throws InvalidOperationException for an entry written without a Size. Set an expiration, and a Size when the cache is size-limited.");

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Create(string id, string category, string title, string messageFormat, string description)
            => new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id));
    }
}
