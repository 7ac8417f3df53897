using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>The types through which a request handler reads who the caller is (see docs/rules/PERF301.md).</summary>
    internal partial class KnownSymbols
    {
        private INamedTypeSymbol? claimsPrincipal, claimsIdentity, httpContextAccessor, requestCookieCollection;

        public INamedTypeSymbol? ClaimsPrincipal => Resolve(ref claimsPrincipal, "System.Security.Claims.ClaimsPrincipal");
        public INamedTypeSymbol? ClaimsIdentity => Resolve(ref claimsIdentity, "System.Security.Claims.ClaimsIdentity");
        public INamedTypeSymbol? HttpContextAccessor => Resolve(ref httpContextAccessor, "Microsoft.AspNetCore.Http.IHttpContextAccessor");
        public INamedTypeSymbol? RequestCookieCollection => Resolve(ref requestCookieCollection, "Microsoft.AspNetCore.Http.IRequestCookieCollection");

        // In-memory caching (docs/rules/PERF302.md).
        private INamedTypeSymbol? memoryCacheExtensions, cacheEntryExtensions, memoryCacheEntryExtensions, memoryCacheEntryOptions, cacheEntry, memoryCache;

        /// <summary><c>Set</c>, <c>GetOrCreate</c>, <c>GetOrCreateAsync</c> on <c>IMemoryCache</c>.</summary>
        public INamedTypeSymbol? MemoryCacheExtensions => Resolve(ref memoryCacheExtensions, "Microsoft.Extensions.Caching.Memory.CacheExtensions");
        public INamedTypeSymbol? CacheEntryExtensions => Resolve(ref cacheEntryExtensions, "Microsoft.Extensions.Caching.Memory.CacheEntryExtensions");
        public INamedTypeSymbol? MemoryCacheEntryExtensions => Resolve(ref memoryCacheEntryExtensions, "Microsoft.Extensions.Caching.Memory.MemoryCacheEntryExtensions");
        public INamedTypeSymbol? MemoryCacheEntryOptions => Resolve(ref memoryCacheEntryOptions, "Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions");
        public INamedTypeSymbol? CacheEntry => Resolve(ref cacheEntry, "Microsoft.Extensions.Caching.Memory.ICacheEntry");

        // Amazon.Lambda.AspNetCoreServer's API Gateway entry points: the application is reached through the gateway, which
        // checks API keys and authorizers out of the code's sight (docs/rules/PERF301.md, "How to fix").
        private INamedTypeSymbol? apiGatewayProxyFunction, apiGatewayHttpApiV2ProxyFunction;

        public INamedTypeSymbol? ApiGatewayProxyFunction => Resolve(ref apiGatewayProxyFunction, "Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction");
        public INamedTypeSymbol? ApiGatewayHttpApiV2ProxyFunction => Resolve(ref apiGatewayHttpApiV2ProxyFunction, "Amazon.Lambda.AspNetCoreServer.APIGatewayHttpApiV2ProxyFunction");

        /// <summary><c>IMemoryCache</c>, whose <c>Remove</c> ends an entry the writing object owns.</summary>
        public INamedTypeSymbol? MemoryCache => Resolve(ref memoryCache, "Microsoft.Extensions.Caching.Memory.IMemoryCache");
    }
}
