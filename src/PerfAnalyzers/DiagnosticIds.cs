namespace PerfAnalyzers
{
    /// <summary>Every rule ID of the package. IDs are final once shipped: users name them in .editorconfig and suppressions.</summary>
    public static class DiagnosticIds
    {
        public const string QueryInLoop = "PERF101";
        public const string LazyLoadInLoop = "PERF102";
        public const string ExplicitLoadInLoop = "PERF103";
        public const string MaterialisedBeforeFiltered = "PERF104";
        public const string SaveChangesInLoop = "PERF105";

        public const string BlockingWait = "PERF201";
        public const string SyncOverAsyncCall = "PERF202";
        public const string ThreadSleep = "PERF203";

        public const string GetWithoutCachingPolicy = "PERF301";

        public const string UnboundedQueryResponse = "PERF401";
        public const string FileReadIntoMemory = "PERF402";
        public const string HttpContentBuffered = "PERF403";
        public const string RequestBodyBuffered = "PERF404";
        public const string JsonApiWithoutCompression = "PERF405";

        public const string HttpClientPerOperation = "PERF501";
        public const string HttpClientWithoutPooledLifetime = "PERF502";

        public const string UnboundedFanOut = "PERF601";

        public const string JsonSerializerOptionsPerCall = "PERF701";
        public const string LargeBufferPerCall = "PERF702";
        public const string CartesianExplosion = "PERF108";
        public const string TrackingQueryInReadOnlyHandler = "PERF107";
        public const string DbContextWithoutPooling = "PERF106";
        public const string UnboundedMemoryCacheEntry = "PERF302";
    }
}
