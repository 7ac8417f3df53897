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
    }
}
