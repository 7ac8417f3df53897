using System.Threading.Tasks;
using PerfAnalyzers.Connections;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<
    PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer,
    PerfAnalyzers.Connections.PERF501HttpClientPerOperationCodeFix>;
using VerifyLongLived = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeAnalyzer>;

namespace PerfAnalyzers.Tests.CSharp13And14
{
    /// <summary>
    /// PERF501 with C# 14's <c>field</c> keyword. docs/rules/PERF501.md flags a client created in a property accessor
    /// body, and in an instance member of a controller, page model or hub (created for every request). A client cached in
    /// the backing field of a controller's property is both: every request gets a new controller, so a new client.
    /// </summary>
    public class FieldKeywordHttpClientTests
    {
        private const string Factory = PERF501HttpClientPerOperationCodeFix.UseFactoryKey;
        private const string Shared = PERF501HttpClientPerOperationCodeFix.UseSharedClientKey;

        // ---- flagged ----

        [Fact]
        public Task Reports_a_client_cached_in_the_backing_field_of_a_controller_property() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class WeatherController : ControllerBase
            {
                public HttpClient Client { get => field ??= {|PERF501:new HttpClient()|}; }

                [HttpGet]
                public Task<string> Get() => Client.GetStringAsync("http://127.0.0.1/");
            }
            """);

        [Fact]
        public Task Message_says_the_client_is_created_in_the_getter() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WeatherController : ControllerBase
            {
                public HttpClient Client { get => field ??= {|#0:new HttpClient()|}; }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF501HttpClientPerOperation).WithLocation(0).WithArguments("in the get accessor of 'Client'"));

        [Fact]
        public Task Reports_a_client_cached_in_the_backing_field_of_a_page_model_property() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                private HttpClient Client => field ??= {|PERF501:new HttpClient()|};

                public void OnGet() => Client.CancelPendingRequests();
            }
            """);

        [Fact]
        public Task Reports_a_client_created_in_a_setter_that_writes_the_backing_field() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WeatherController : ControllerBase
            {
                public HttpClient? Client
                {
                    get => field;
                    set => field = value ?? {|PERF501:new HttpClient()|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_client_cached_in_a_backing_field_of_a_service_because_accessor_bodies_are_flagged() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public HttpClient Client { get => field ??= {|PERF501:new HttpClient()|}; }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- not flagged ----

        [Fact]
        public Task Ignores_a_backing_field_filled_from_the_client_factory() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class WeatherController(IHttpClientFactory factory) : ControllerBase
            {
                public HttpClient Client { get => field ??= factory.CreateClient(); }

                [HttpGet]
                public Task<string> Get() => Client.GetStringAsync("http://127.0.0.1/");
            }
            """);

        [Fact]
        public Task Ignores_a_static_field_backed_property_with_an_initializer() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WeatherController : ControllerBase
            {
                public static HttpClient Shared { get => field; } = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }
            """);

        [Fact]
        public Task Ignores_an_instance_field_backed_property_initializer_of_a_service() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public HttpClient Client { get => field; init => field = value; } = new HttpClient();
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Static_field_backed_property_initializer_without_a_pooled_lifetime_is_PERF502s() => VerifyLongLived.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public static HttpClient Shared { get => field; } = {|PERF502:new HttpClient()|};
            }
            """, frameworks: Frameworks.NetCore);

        // ---- fixes ----

        [Fact]
        public Task Factory_fix_fills_the_backing_field_from_the_factory() => VerifyFix.CodeFixAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WeatherController : ControllerBase
            {
                public HttpClient Client { get => field ??= {|PERF501:new HttpClient()|}; }
            }
            """, """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WeatherController : ControllerBase
            {
                private readonly IHttpClientFactory _httpClientFactory;

                public WeatherController(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                public HttpClient Client { get => field ??= _httpClientFactory.CreateClient(); }
            }
            """, Factory);

        [Fact]
        public Task Shared_fix_is_not_offered_for_a_client_the_property_hands_out() => VerifyFix.NoCodeFixAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WeatherController : ControllerBase
            {
                public HttpClient Client { get => field ??= {|PERF501:new HttpClient()|}; }
            }
            """, Shared);
    }
}
