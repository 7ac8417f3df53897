using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Serialization.PERF701JsonSerializerOptionsPerCallAnalyzer>;

namespace PerfAnalyzers.Tests.Serialization
{
    /// <summary>
    /// docs/rules/PERF701.md, "Per-request field": a FastEndpoints endpoint class is a per-request type
    /// (docs/concepts.md#per-request-type), so options its fields create are created for every request.
    /// </summary>
    public class PERF701FastEndpointsTests
    {
        private const string Usings = """
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;

            public record Quote(string Symbol, decimal Price);

            """;

        [Fact]
        public Task Reports_options_an_endpoint_field_creates() => VerifyCS.AnalyzerAsync(Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private readonly JsonSerializerOptions _options = {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|};

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct)
                    => await Send.OkAsync(JsonSerializer.Serialize(new Quote("MSFT", 1m), _options), ct);
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Does_not_report_options_a_static_field_of_an_endpoint_creates() => VerifyCS.AnalyzerAsync(Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct)
                    => await Send.OkAsync(JsonSerializer.Serialize(new Quote("MSFT", 1m), Options), ct);
            }
            """, frameworks: Frameworks.FastEndpoints);
    }
}
