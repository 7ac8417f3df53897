using System.Threading.Tasks;
using PerfAnalyzers.Connections;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<
    PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer,
    PerfAnalyzers.Connections.PERF501HttpClientPerOperationCodeFix>;

namespace PerfAnalyzers.Tests.Connections
{
    public class PERF501HttpClientPerOperationCodeFixTests
    {
        private const string Factory = PERF501HttpClientPerOperationCodeFix.UseFactoryKey;
        private const string Shared = PERF501HttpClientPerOperationCodeFix.UseSharedClientKey;

        [Fact]
        public Task Factory_fix_adds_constructor_and_field_to_controller() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class WeatherController : ControllerBase
            {
                [HttpGet]
                public async Task<string> Get()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class WeatherController : ControllerBase
            {
                private readonly IHttpClientFactory _httpClientFactory;

                public WeatherController(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                [HttpGet]
                public async Task<string> Get()
                {
                    var client = _httpClientFactory.CreateClient();
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_extends_existing_constructor() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            public class PriceService
            {
                private readonly ILogger<PriceService> _logger;

                public PriceService(ILogger<PriceService> logger)
                {
                    _logger = logger;
                }

                public async Task<string> GetAsync()
                {
                    using (var client = {|PERF501:new HttpClient()|})
                    {
                        _logger.LogInformation("Fetching");
                        return await client.GetStringAsync("http://127.0.0.1/");
                    }
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            public class PriceService
            {
                private readonly IHttpClientFactory _httpClientFactory;
                private readonly ILogger<PriceService> _logger;

                public PriceService(ILogger<PriceService> logger, IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                    _logger = logger;
                }

                public async Task<string> GetAsync()
                {
                    var client = _httpClientFactory.CreateClient();
                    _logger.LogInformation("Fetching");
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_picks_fresh_names_when_the_type_uses_the_usual_ones() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PriceService
            {
                private readonly string _httpClientFactory;

                public PriceService(string httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                public async Task<string> GetAsync()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/" + _httpClientFactory);
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PriceService
            {
                private readonly IHttpClientFactory _httpClientFactory2;
                private readonly string _httpClientFactory;

                public PriceService(string httpClientFactory, IHttpClientFactory httpClientFactory2)
                {
                    _httpClientFactory2 = httpClientFactory2;
                    _httpClientFactory = httpClientFactory;
                }

                public async Task<string> GetAsync()
                {
                    var client = _httpClientFactory2.CreateClient();
                    return await client.GetStringAsync("http://127.0.0.1/" + _httpClientFactory);
                }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_uses_primary_constructor() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            public class PriceService(ILogger<PriceService> logger)
            {
                public async Task<string> GetAsync()
                {
                    logger.LogInformation("Fetching");
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            public class PriceService(ILogger<PriceService> logger, IHttpClientFactory httpClientFactory)
            {
                public async Task<string> GetAsync()
                {
                    logger.LogInformation("Fetching");
                    var client = httpClientFactory.CreateClient();
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_reuses_an_injected_factory() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private readonly IHttpClientFactory _factory;

                public PriceService(IHttpClientFactory factory) => _factory = factory;

                public int Timeout() => {|PERF501:new HttpClient()|}.Timeout.Seconds;

                public HttpClient Other => _factory.CreateClient();
            }
            """, """
            using System.Net.Http;

            public class PriceService
            {
                private readonly IHttpClientFactory _factory;

                public PriceService(IHttpClientFactory factory) => _factory = factory;

                public int Timeout() => _factory.CreateClient().Timeout.Seconds;

                public HttpClient Other => _factory.CreateClient();
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_asks_for_a_named_client_when_base_address_is_set() => VerifyCS.CodeFixAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class StockController : ControllerBase
            {
                public async Task<string> Get()
                {
                    var client = {|PERF501:new HttpClient()|};
                    client.BaseAddress = new Uri("http://127.0.0.1/");
                    return await client.GetStringAsync("stock");
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class StockController : ControllerBase
            {
                private readonly IHttpClientFactory _httpClientFactory;

                public StockController(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                public async Task<string> Get()
                {
                    var client = _httpClientFactory.CreateClient("Stock");
                    client.BaseAddress = new Uri("http://127.0.0.1/");
                    return await client.GetStringAsync("stock");
                }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_turns_an_object_initializer_into_assignments() => VerifyCS.CodeFixAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class QuoteService(Uri upstream)
            {
                public async Task<string> GetAsync()
                {
                    using var client = {|PERF501:new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromSeconds(5) }|};
                    return await client.GetStringAsync("quotes");
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class QuoteService(Uri upstream, IHttpClientFactory httpClientFactory)
            {
                public async Task<string> GetAsync()
                {
                    var client = httpClientFactory.CreateClient("Quote");
                    client.BaseAddress = upstream;
                    client.Timeout = TimeSpan.FromSeconds(5);
                    return await client.GetStringAsync("quotes");
                }
            }
            """, Factory);

        [Fact]
        public Task Shared_fix_is_not_offered_for_a_client_with_an_object_initializer() => VerifyCS.NoCodeFixAsync("""
            using System;
            using System.Net.Http;

            public class QuoteService
            {
                public void Ping(Uri upstream)
                {
                    using var client = {|PERF501:new HttpClient { BaseAddress = upstream }|};
                }
            }
            """, Shared);

        [Fact]
        public Task No_fix_is_offered_for_a_nested_object_initializer() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class QuoteService
            {
                public void Ping()
                {
                    using var client = {|PERF501:new HttpClient { DefaultRequestHeaders = { { "X-Api", "1" } } }|};
                }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_assigns_in_constructor_of_hub() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                private readonly HttpClient _client;

                public ChatHub() => _client = {|PERF501:new HttpClient()|};
            }
            """, """
            using System.Net.Http;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                private readonly IHttpClientFactory _httpClientFactory;
                private readonly HttpClient _client;

                public ChatHub(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                    _client = _httpClientFactory.CreateClient();
                }
            }
            """, Factory);

        [Fact]
        public Task Fix_all_injects_the_factory_once_for_several_creations() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class ProxyController : ControllerBase
            {
                public async Task<string> First()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/a");
                }

                public async Task<string> Second()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/b");
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class ProxyController : ControllerBase
            {
                private readonly IHttpClientFactory _httpClientFactory;

                public ProxyController(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                public async Task<string> First()
                {
                    var client = _httpClientFactory.CreateClient();
                    return await client.GetStringAsync("http://127.0.0.1/a");
                }

                public async Task<string> Second()
                {
                    var client = _httpClientFactory.CreateClient();
                    return await client.GetStringAsync("http://127.0.0.1/b");
                }
            }
            """, Factory);

        [Fact]
        public Task Shared_fix_introduces_one_static_client() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class PriceLookup
            {
                public static async Task<string> GetAsync()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/");
                }

                public static Task<string> GetOtherAsync() => {|PERF501:new HttpClient()|}.GetStringAsync("http://127.0.0.1/other");
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class PriceLookup
            {
                private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

                public static async Task<string> GetAsync()
                {
                    var client = SharedHttpClient;
                    return await client.GetStringAsync("http://127.0.0.1/");
                }

                public static Task<string> GetOtherAsync() => SharedHttpClient.GetStringAsync("http://127.0.0.1/other");
            }
            """, Shared, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Shared_fix_replaces_controller_field_initializer() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class StockController : ControllerBase
            {
                private readonly HttpClient _client = {|PERF501:new HttpClient()|};

                public int Get() => _client.Timeout.Seconds;
            }
            """, """
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class StockController : ControllerBase
            {
                private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                private readonly HttpClient _client = SharedHttpClient;

                public int Get() => _client.Timeout.Seconds;
            }
            """, Shared);

        [Fact]
        public Task Shared_fix_is_not_offered_when_the_client_is_configured() => VerifyCS.NoCodeFixAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                public void Ping()
                {
                    var client = {|PERF501:new HttpClient()|};
                    client.Timeout = TimeSpan.FromSeconds(5);
                }
            }
            """, Shared, frameworks: Frameworks.NetCore);

        // An apprenticeship agency's sign-in service: IdentityModel's SetBearerToken writes the default Authorization header.
        [Fact]
        public Task Shared_fix_is_not_offered_when_an_extension_sets_something_on_the_client() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading.Tasks;

            public static class TokenExtensions
            {
                public static void SetBearerToken(this HttpClient client, string token)
                    => client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            public class InviteService
            {
                public async Task<string> InviteAsync(string token)
                {
                    using (var client = {|PERF501:new HttpClient()|})
                    {
                        client.SetBearerToken(token);
                        return await client.GetStringAsync("http://127.0.0.1/invite");
                    }
                }
            }
            """, Shared, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Shared_fix_is_not_offered_when_the_client_is_handed_to_a_method() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class InviteService
            {
                public async Task<string> InviteAsync(string token)
                {
                    var client = {|PERF501:new HttpClient()|};
                    AddApiKey(client, token);
                    return await client.GetStringAsync("http://127.0.0.1/invite");
                }

                private static void AddApiKey(HttpClient client, string key) => client.DefaultRequestHeaders.Add("X-Api-Key", key);
            }
            """, Shared, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Shared_fix_keeps_a_client_used_through_request_extensions() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class RequestExtensions
            {
                public static Task<string> GetGreetingAsync(this HttpClient client) => client.GetStringAsync("http://127.0.0.1/greeting");
            }

            public class GreetingService
            {
                public async Task<string> GetAsync()
                {
                    var client = {|PERF501:new HttpClient()|};
                    return await client.GetGreetingAsync();
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class RequestExtensions
            {
                public static Task<string> GetGreetingAsync(this HttpClient client) => client.GetStringAsync("http://127.0.0.1/greeting");
            }

            public class GreetingService
            {
                private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

                public async Task<string> GetAsync()
                {
                    var client = SharedHttpClient;
                    return await client.GetGreetingAsync();
                }
            }
            """, Shared, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Shared_fix_is_not_offered_when_the_client_is_disposed_by_hand() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public void Ping()
                {
                    var client = {|PERF501:new HttpClient()|};
                    client.Dispose();
                }
            }
            """, Shared, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Factory_fix_is_not_offered_in_static_code() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public static class PriceLookup
            {
                public static HttpClient Create() => {|PERF501:new HttpClient()|};
            }

            public class Pinger
            {
                public static void Ping() { using var client = {|PERF501:new HttpClient()|}; }
            }
            """.Replace("public static HttpClient Create() =>", "private static HttpClient Create() => Make(); public static HttpClient Make() =>").Replace("public static HttpClient Make() => {|PERF501:new HttpClient()|};", "public static HttpClient Make() => new HttpClient();"), Factory);

        [Fact]
        public Task No_fix_is_offered_when_the_handler_is_configured() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public void Ping()
                {
                    using var client = {|PERF501:new HttpClient(new HttpClientHandler { UseCookies = false })|};
                }
            }
            """, Factory, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Factory_fix_is_not_offered_when_a_constructor_chains() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private readonly int _retries;

                public PriceService() : this(3) { }

                public PriceService(int retries) => _retries = retries;

                public void Ping() { using var client = {|PERF501:new HttpClient()|}; }
            }
            """, Factory);

        [Fact]
        public Task Factory_fix_is_not_offered_when_derived_classes_exist() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class ApiControllerBase : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                protected int Timeout() => {|PERF501:new HttpClient()|}.Timeout.Seconds;
            }

            public class OrdersController : ApiControllerBase { }
            """, Factory);
    }
}
