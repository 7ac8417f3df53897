using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer>;

namespace PerfAnalyzers.Tests.Connections
{
    public class PERF501HttpClientPerOperationTests
    {
        [Fact]
        public Task Reports_client_created_in_controller_action() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class WeatherController : ControllerBase
            {
                [HttpGet]
                public async Task<string> Get()
                {
                    var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """);

        [Fact]
        public Task Reports_using_declaration_in_service_method() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PriceService
            {
                public async Task<string> GetPriceAsync()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/price");
                }
            }
            """);

        [Fact]
        public Task Reports_using_statement_with_handler() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PriceService
            {
                public async Task<string> GetPriceAsync()
                {
                    using (var client = {|PERF501:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                    {
                        return await client.GetStringAsync("http://127.0.0.1/price");
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_target_typed_creation() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public int Fetch()
                {
                    HttpClient client = {|PERF501:new()|};
                    return client.Timeout.Seconds;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_minimal_api_lambda() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/proxy", async () =>
                    {
                        using var client = {|PERF501:new HttpClient()|};
                        return await client.GetStringAsync("http://127.0.0.1/");
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_local_function() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Poller
            {
                public Task<string> PollAsync()
                {
                    return Fetch();

                    static async Task<string> Fetch()
                    {
                        using var client = {|PERF501:new HttpClient()|};
                        return await client.GetStringAsync("http://127.0.0.1/");
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_property_getter() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class ApiClients
            {
                public HttpClient Client => {|PERF501:new HttpClient()|};

                public HttpClient Other
                {
                    get { return {|PERF501:new HttpClient()|}; }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_instance_field_of_controller() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class StockController : ControllerBase
            {
                private readonly HttpClient _client = {|PERF501:new HttpClient()|};

                public int Get() => _client.Timeout.Seconds;
            }
            """);

        [Fact]
        public Task Reports_constructor_of_hub_and_page_model() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                private readonly HttpClient _client;

                public ChatHub() { _client = {|PERF501:new HttpClient()|}; }
            }

            public class IndexModel : PageModel
            {
                public HttpClient Client { get; } = {|PERF501:new HttpClient()|};
            }
            """);

        [Fact]
        public Task Reports_transient_registration_factory() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddTransient(_ => {|PERF501:new HttpClient()|});
                }
            }
            """);

        [Fact]
        public Task Reports_private_factory_called_per_request() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PriceService
            {
                public Task<string> GetAsync() => CreateClient().GetStringAsync("http://127.0.0.1/");

                private static HttpClient CreateClient() => {|PERF501:new HttpClient()|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Message_names_the_method() => VerifyCS.AnalyzerAsync(
            """
            using System.Net.Http;

            public class PriceService
            {
                public void Refresh()
                {
                    using var client = {|#0:new HttpClient()|};
                }
            }
            """,
            frameworks: Frameworks.NetCore,
            expected: VerifyCS.Diagnostic(Descriptors.PERF501HttpClientPerOperation).WithLocation(0).WithArguments("in method 'Refresh'"));

        [Fact]
        public Task Message_says_every_request_for_controller_field() => VerifyCS.AnalyzerAsync(
            """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class StockController : ControllerBase
            {
                private readonly HttpClient _client = {|#0:new HttpClient()|};
            }
            """,
            expected: VerifyCS.Diagnostic(Descriptors.PERF501HttpClientPerOperation).WithLocation(0).WithArguments("for every request by field '_client'"));

        [Fact]
        public Task Ignores_static_field_initializer() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler());
            }
            """);

        [Fact]
        public Task Ignores_static_property_initializer_and_static_constructor() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                public static HttpClient Shared { get; } = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

                private static readonly HttpClient Other;

                static PriceService()
                {
                    Other = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                }
            }
            """);

        [Fact]
        public Task Ignores_lazy_initializer() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class PriceController : ControllerBase
            {
                private static readonly Lazy<HttpClient> Client = new Lazy<HttpClient>(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
                private readonly Lazy<HttpClient> _perInstance = new(() => new HttpClient());
            }
            """);

        private const string StoreClientOptions = """
            public sealed class StoreClientOptions
            {
                public System.Func<System.Net.Http.HttpClient> HttpClientFactory { get; set; }
            }

            public sealed class StoreClientBuilder
            {
                public StoreClientBuilder WithHttpClientFactory(System.Func<System.Net.Http.HttpClient> factory) => this;
            }
            """;

        // docs/rules/PERF501.md, "What is not flagged": a client factory handed to the object that calls it.
        [Fact]
        public Task Ignores_a_client_factory_lambda_assigned_to_the_options_that_call_it() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public static class StoreRegistration
            {
                public static StoreClientOptions Options(bool acceptAnyCertificate) => new StoreClientOptions
                {
                    HttpClientFactory = () => new HttpClient(new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                    }),
                };
            }
            """ + StoreClientOptions, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_client_factory_block_lambda_assigned_to_a_property() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public static class StoreRegistration
            {
                public static void Configure(StoreClientOptions options)
                {
                    options.HttpClientFactory = () =>
                    {
                        var client = new HttpClient();
                        client.Timeout = TimeSpan.FromSeconds(30);
                        return client;
                    };
                }
            }
            """ + StoreClientOptions);

        [Fact]
        public Task Ignores_a_client_factory_lambda_passed_to_a_builder() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public static class StoreRegistration
            {
                public static StoreClientBuilder Configure(StoreClientBuilder builder)
                    => builder.WithHttpClientFactory(() => new HttpClient());
            }
            """ + StoreClientOptions);

        [Fact]
        public Task Reports_a_lambda_assigned_to_a_property_that_uses_the_client_it_creates() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Probe
            {
                public Func<Task<string>> Check { get; set; }

                public void Configure() => Check = () => {|PERF501:new HttpClient()|}.GetStringAsync("http://127.0.0.1/health");
            }
            """);

        [Fact]
        public Task Reports_a_lambda_with_a_parameter_that_creates_a_client_per_element() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;

            public sealed class Mirrors
            {
                public List<HttpClient> Open(IEnumerable<string> hosts) => hosts.Select(host => {|PERF501:new HttpClient()|}).ToList();
            }
            """);

        [Fact]
        public Task Reports_a_client_factory_lambda_kept_in_a_local() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class PriceService
            {
                public async Task<string> GetPriceAsync()
                {
                    Func<HttpClient> create = () => {|PERF501:new HttpClient()|};
                    using var client = create();
                    return await client.GetStringAsync("http://127.0.0.1/price");
                }
            }
            """);

        [Fact]
        public Task Reports_a_client_disposed_by_the_lambda_that_creates_it() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Probe
            {
                public Func<Task<HttpClient>> Check { get; set; }

                public void Configure() => Check = async () =>
                {
                    using var client = {|PERF501:new HttpClient()|};
                    await client.GetStringAsync("http://127.0.0.1/health");
                    return client;
                };
            }
            """);

        [Fact]
        public Task Ignores_instance_field_and_constructor_of_non_request_type() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class GitHubClient
            {
                private readonly HttpClient _client = new HttpClient();
                private readonly HttpClient _other;

                public GitHubClient() { _other = new HttpClient(); }
            }
            """);

        [Fact]
        public Task Ignores_http_client_factory_implementation() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public sealed class FixedClientFactory : IHttpClientFactory
            {
                public HttpClient CreateClient(string name) => new HttpClient();
            }
            """);

        [Fact]
        public Task Ignores_handler_builder_implementation() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using Microsoft.Extensions.Http;

            public sealed class TestHandlerBuilder : HttpMessageHandlerBuilder
            {
                public override string? Name { get; set; }
                public override HttpMessageHandler PrimaryHandler { get; set; } = new HttpClientHandler();
                public override IList<DelegatingHandler> AdditionalHandlers { get; } = new List<DelegatingHandler>();
                public override HttpMessageHandler Build() { using var probe = new HttpClient(); return PrimaryHandler; }
            }
            """);

        [Fact]
        public Task Ignores_test_projects() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Xunit;

            public class ApiTests
            {
                [Fact]
                public void Calls_api()
                {
                    using var client = new HttpClient();
                }
            }
            """, frameworks: Frameworks.Xunit);

        private const string ChatClientRegistration = """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ChatClient(Uri endpoint, HttpClient http) { }

            public static class ChatClientRegistrations
            {
                public static IServiceCollection AddChatClient(this IServiceCollection services, Func<IServiceProvider, ChatClient> factory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
                {
                    services.Add(new ServiceDescriptor(typeof(ChatClient), factory, lifetime));
                    return services;
                }
            }

            """;

        [Fact]
        public Task Ignores_a_factory_registered_by_a_method_whose_lifetime_is_singleton() => VerifyCS.AnalyzerAsync(ChatClientRegistration + """
            public static class Registrations
            {
                public static void Add(IServiceCollection services, Uri endpoint)
                {
                    services.AddChatClient(sp => new ChatClient(endpoint, sp.GetService<HttpClient>() ?? new()));
                    services.AddChatClient(sp => new ChatClient(endpoint, new HttpClient()), ServiceLifetime.Singleton);
                }
            }
            """);

        [Fact]
        public Task Reports_a_factory_registered_by_a_method_with_a_scoped_or_transient_lifetime() => VerifyCS.AnalyzerAsync(ChatClientRegistration + """
            public static class Registrations
            {
                public static void Add(IServiceCollection services, Uri endpoint)
                {
                    services.AddChatClient(sp => new ChatClient(endpoint, {|PERF501:new HttpClient()|}), ServiceLifetime.Scoped);
                    services.AddChatClient(sp => new ChatClient(endpoint, {|PERF501:new HttpClient()|}), lifetime: ServiceLifetime.Transient);
                    services.AddScoped(sp => new ChatClient(endpoint, {|PERF501:new HttpClient()|}));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_client_created_only_when_the_container_has_none() => VerifyCS.AnalyzerAsync(ChatClientRegistration + """
            public static class Registrations
            {
                public static void Add(IServiceCollection services, Uri endpoint)
                {
                    services.AddScoped(sp => new ChatClient(endpoint, sp.GetService<HttpClient>() ?? new()));
                    services.AddScoped(sp => new ChatClient(endpoint, (HttpClient?)sp.GetService(typeof(HttpClient)) ?? (new HttpClient())));
                }
            }
            """);

        [Fact]
        public Task Reports_a_client_created_when_another_service_is_missing() => VerifyCS.AnalyzerAsync(ChatClientRegistration + """
            public static class Registrations
            {
                public static void Add(IServiceCollection services, Uri endpoint, HttpClient? given)
                {
                    services.AddScoped(sp => new ChatClient(endpoint, given ?? {|PERF501:new HttpClient()|}));
                }
            }
            """);

        [Fact]
        public Task Ignores_singleton_registration_factory() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
                }
            }
            """);

        [Fact]
        public Task Ignores_private_factory_that_initialises_static_field() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = CreateClient();

                private static HttpClient CreateClient()
                {
                    var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                    client.BaseAddress = new Uri("http://127.0.0.1/");
                    return client;
                }
            }
            """, frameworks: Frameworks.NetCore);

        // mixcore's PayPal service: the client made once per service instance, whose lifetime the container decides.
        [Fact]
        public Task Ignores_private_factory_called_only_by_the_constructor_of_a_service() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PaymentService
            {
                private readonly HttpClient _httpClient;

                public PaymentService() => _httpClient = CreateClient();

                public Task<string> GetAsync() => _httpClient.GetStringAsync("orders");

                private HttpClient CreateClient() => new HttpClient { BaseAddress = new Uri("http://127.0.0.1/") };
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_private_factory_called_by_the_constructor_and_per_request() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PaymentService
            {
                private readonly HttpClient _httpClient;

                public PaymentService() => _httpClient = CreateClient();

                public Task<string> RefreshAsync() => CreateClient().GetStringAsync("token");

                private HttpClient CreateClient() => {|PERF501:new HttpClient { BaseAddress = new Uri("http://127.0.0.1/") }|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_private_factory_called_by_the_constructor_of_a_controller() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class PaymentsController : ControllerBase
            {
                private readonly HttpClient _httpClient;

                public PaymentsController() => _httpClient = CreateClient();

                private HttpClient CreateClient() => {|PERF501:new HttpClient { BaseAddress = new Uri("http://127.0.0.1/") }|};
            }
            """);

        [Fact]
        public Task Ignores_public_factory_whose_callers_decide_the_lifetime() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public static class ClientBuilder
            {
                public static HttpClient Create() => new HttpClient();
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_client_created_on_a_static_cache_miss_only() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public class LocalHostProbe
            {
                private static readonly ConcurrentDictionary<int, string> SafeHosts = new();
                private static readonly SemaphoreSlim Gate = new(1, 1);

                public async Task<string> GetSafeHostAsync(int port)
                {
                    if (SafeHosts.TryGetValue(port, out var host))
                    {
                        return host;
                    }

                    await Gate.WaitAsync();
                    try
                    {
                        if (SafeHosts.TryGetValue(port, out host))
                        {
                            return host;
                        }

                        using var client = new HttpClient();
                        host = (await client.GetStringAsync("http://127.0.0.1:" + port)).Trim();
                        SafeHosts.TryAdd(port, host);
                        return host;
                    }
                    finally
                    {
                        Gate.Release();
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_a_client_created_after_an_instance_cache_or_a_check_that_does_not_return() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Probe
            {
                private static readonly Dictionary<int, string> Seen = new();
                private readonly Dictionary<int, string> cache = new();

                public async Task<string> GetAsync(int port)
                {
                    if (cache.TryGetValue(port, out var host))
                    {
                        return host;
                    }

                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1:" + port);
                }

                public async Task<string> LogAsync(int port)
                {
                    if (Seen.ContainsKey(port))
                    {
                        System.Console.WriteLine(port);
                    }

                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1:" + port);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_public_async_factories_returning_a_task_of_http_client() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class SchedulerClient
            {
                public async Task<HttpClient> CreateHttpClientAsync()
                {
                    var baseAddress = await Task.FromResult(new Uri("http://127.0.0.1/"));
                    var client = new HttpClient(new HttpClientHandler(), true) { Timeout = TimeSpan.FromMinutes(5), BaseAddress = baseAddress };
                    client.DefaultRequestHeaders.Add("User-Agent", "scheduler");
                    return client;
                }

                protected ValueTask<HttpClient> CreateValueClientAsync() => new ValueTask<HttpClient>(new HttpClient());
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_private_async_factory_called_per_operation() => VerifyCS.AnalyzerAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class SchedulerClient
            {
                public async Task<string> RunAsync()
                {
                    using var client = await CreateHttpClientAsync();
                    return await client.GetStringAsync("http://127.0.0.1/run");
                }

                private async Task<HttpClient> CreateHttpClientAsync()
                {
                    await Task.Yield();
                    return {|#0:new HttpClient()|};
                }
            }
            """,
            frameworks: Frameworks.NetCore,
            expected: VerifyCS.Diagnostic(Descriptors.PERF501HttpClientPerOperation).WithLocation(0).WithArguments("by factory method 'CreateHttpClientAsync', called in method 'RunAsync'"));

        [Fact]
        public Task Reports_public_async_method_returning_a_task_of_something_else() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class SchedulerClient
            {
                public async Task<HttpResponseMessage> SendAsync()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetAsync("http://127.0.0.1/run");
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_top_level_statements_and_main() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            using var client = new HttpClient();
            System.Console.WriteLine(client.Timeout);
            """, frameworks: Frameworks.NetCore, outputKind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_static_main() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public static class Program
            {
                public static void Main()
                {
                    using var client = new HttpClient();
                }
            }
            """, frameworks: Frameworks.NetCore, outputKind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_derived_client_types_and_handlers_alone() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class TracingClient : HttpClient { }

            public class PriceService
            {
                public void Refresh()
                {
                    using var handler = new HttpClientHandler();
                    using var client = new TracingClient();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_blazor_webassembly_where_the_browser_owns_connections() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            public static class Program
            {
                public static void Configure(WebAssemblyHostBuilder builder)
                {
                    builder.Services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
                }
            }
            """, frameworks: Frameworks.BlazorWebAssembly);

        [Fact]
        public Task Reports_a_client_per_request_in_a_server_that_hosts_a_blazor_webassembly_client() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            // Oqtane's server references its WebAssembly client, so WebAssemblyHostBuilder is in its references too.
            [ApiController]
            public class PackageController : ControllerBase
            {
                [HttpGet]
                public async Task<string> Get()
                {
                    using (var client = {|PERF501:new HttpClient()|})
                    {
                        return await client.GetStringAsync("http://127.0.0.1/packages");
                    }
                }
            }
            """, frameworks: Frameworks.BlazorHostedServer);

        [Fact]
        public Task Ignores_non_controller_attribute() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            [NonController]
            public class ClientsController
            {
                private readonly HttpClient _client = new HttpClient();
            }
            """);

        [Fact]
        public Task Severity_can_be_turned_off_in_editorconfig() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public void Refresh() { using var client = new HttpClient(); }
            }
            """, editorConfig: "dotnet_diagnostic.PERF501.severity = none", frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_instance_field_of_poco_controller() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PricesController
            {
                private readonly HttpClient _client = {|PERF501:new HttpClient()|};

                public string Get() => _client.BaseAddress?.ToString() ?? "";
            }
            """, frameworks: Frameworks.Web);

        [Fact]
        public Task Reports_instance_field_of_generic_abstract_base_controller() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public abstract class CrudController<TEntity> : ControllerBase
            {
                protected readonly HttpClient Client = {|PERF501:new HttpClient()|};
            }

            public class OrdersController : CrudController<string>
            {
            }
            """, frameworks: Frameworks.Web);

        [Fact]
        public Task Ignores_instance_field_of_class_whose_base_is_marked_NonController() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            [NonController]
            public abstract class ToolBase : ControllerBase
            {
            }

            public class ReportTool : ToolBase
            {
                private readonly HttpClient _client = new HttpClient();
            }
            """, frameworks: Frameworks.Web);

        [Fact]
        public Task Ignores_instance_field_of_nested_class_deriving_from_ControllerBase() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public static class Tools
            {
                public class ReportController : ControllerBase
                {
                    private readonly HttpClient _client = new HttpClient();
                }
            }
            """, frameworks: Frameworks.Web);
    }
}
