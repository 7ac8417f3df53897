using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer, PerfAnalyzers.Connections.PERF501HttpClientPerOperationCodeFix>;

namespace PerfAnalyzers.Tests.Connections
{
    /// <summary>
    /// docs/concepts.md#per-request-type: a FastEndpoints endpoint class is created for every request (it takes scoped
    /// services in its constructor), so a client its fields or constructor create is created per request (docs/rules/PERF501.md).
    /// </summary>
    public class PERF501FastEndpointsTests
    {
        private const string Usings = """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;
            using FluentValidation;

            """;

        [Fact]
        public Task Reports_a_client_an_endpoint_field_creates() => VerifyCS.AnalyzerAsync(Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private readonly HttpClient _client = {|PERF501:new HttpClient()|};

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await _client.GetStringAsync("http://127.0.0.1/", ct), ct);
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Reports_a_client_an_endpoint_constructor_creates() => VerifyCS.AnalyzerAsync(Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private readonly HttpClient _client;

                public GetQuote() => _client = {|PERF501:new HttpClient()|};

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await _client.GetStringAsync("http://127.0.0.1/", ct), ct);
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Shared_fix_replaces_an_endpoint_field_initializer() => VerifyFix.CodeFixAsync(Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private readonly HttpClient _client = {|PERF501:new HttpClient()|};

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await _client.GetStringAsync("http://127.0.0.1/", ct), ct);
            }
            """, "using System;\n" + Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                private readonly HttpClient _client = SharedHttpClient;

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await _client.GetStringAsync("http://127.0.0.1/", ct), ct);
            }
            """, PerfAnalyzers.Connections.PERF501HttpClientPerOperationCodeFix.UseSharedClientKey, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Does_not_report_a_client_a_validator_field_creates() => VerifyCS.AnalyzerAsync(Usings + """
            public record QuoteRequest(string Symbol);

            // FastEndpoints creates a validator once and keeps it: its fields live as long as the application.
            public class QuoteValidator : Validator<QuoteRequest>
            {
                private readonly HttpClient _client = new HttpClient();

                public QuoteValidator() => RuleFor(r => r.Symbol).NotEmpty();
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Does_not_report_a_client_a_static_field_of_an_endpoint_creates() => VerifyCS.AnalyzerAsync(Usings + """
            public class GetQuote : EndpointWithoutRequest<string>
            {
                private static readonly HttpClient Client = new HttpClient();

                public override void Configure() => Get("/quote");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await Client.GetStringAsync("http://127.0.0.1/", ct), ct);
            }
            """, frameworks: Frameworks.FastEndpoints);
    }
}
