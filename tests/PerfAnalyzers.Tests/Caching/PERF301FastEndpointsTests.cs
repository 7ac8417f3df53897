using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/concepts.md#fastendpoints-endpoint-handler: the HTTP verb of a FastEndpoints endpoint class is set in its
    /// Configure() and is not read, so PERF301 does not look at these handlers (a decision, pinned here).
    /// </summary>
    public class PERF301FastEndpointsTests
    {
        [Fact]
        public Task Does_not_report_a_FastEndpoints_GET_without_a_caching_policy() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;

            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL", "FR" }, ct);
            }
            """, frameworks: Frameworks.FastEndpoints);
    }
}
