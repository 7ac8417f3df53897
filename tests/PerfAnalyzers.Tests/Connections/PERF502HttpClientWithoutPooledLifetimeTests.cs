using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeAnalyzer>;

namespace PerfAnalyzers.Tests.Connections
{
    public class PERF502HttpClientWithoutPooledLifetimeTests
    {
        [Fact]
        public Task Reports_static_field_with_default_handler() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient()|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_static_property_with_http_client_handler() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public static HttpClient Client { get; } = {|PERF502:new HttpClient(new HttpClientHandler { UseCookies = false })|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_sockets_handler_without_lifetime() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10 })|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_target_typed_static_field() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new()|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_static_constructor() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client;

                static PriceService()
                {
                    var handler = new SocketsHttpHandler();
                    Client = {|PERF502:new HttpClient(handler)|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_static_lazy_factory() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly Lazy<HttpClient> Client = new Lazy<HttpClient>(() => {|PERF502:new HttpClient()|});
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_handler_from_static_field_without_lifetime() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly SocketsHttpHandler Handler = new() { MaxConnectionsPerServer = 4 };
                private static readonly HttpClient Client = {|PERF502:new HttpClient(Handler)|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_singleton_registration() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton(_ => {|PERF502:new HttpClient()|});
                }
            }
            """);

        [Fact]
        public Task Reports_private_factory_initialising_static_field() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = CreateClient();

                private static HttpClient CreateClient() => {|PERF502:new HttpClient()|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Message_names_the_static_field() => VerifyCS.AnalyzerAsync(
            """
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|#0:new HttpClient()|};
            }
            """,
            frameworks: Frameworks.NetCore,
            expected: VerifyCS.Diagnostic(Descriptors.PERF502HttpClientWithoutPooledLifetime).WithLocation(0).WithArguments("in static field 'Client'"));

        [Fact]
        public Task Ignores_sockets_handler_with_lifetime() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                private static readonly HttpClient Other = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true);
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_local_handler_given_lifetime_later() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client;

                static PriceService()
                {
                    var handler = new SocketsHttpHandler();
                    handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
                    Client = new HttpClient(handler);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_static_handler_field_with_lifetime() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly SocketsHttpHandler Handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
                private static readonly HttpClient Client = new HttpClient(Handler);
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_handlers_it_cannot_see() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class LoggingHandler : DelegatingHandler
            {
                public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
            }

            public class PriceService
            {
                private static readonly HttpClient FromFactory = new HttpClient(CreateHandler());
                private static readonly HttpClient Delegating = new HttpClient(new LoggingHandler(new SocketsHttpHandler()));

                private static HttpMessageHandler CreateHandler() => new SocketsHttpHandler();
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_per_operation_clients_which_are_PERF501s() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class PriceService
            {
                public void Refresh() { using var client = new HttpClient(); }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_instance_fields_and_instance_lazy() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;

            public class GitHubClient
            {
                private readonly HttpClient _client = new HttpClient();
                private readonly Lazy<HttpClient> _lazy = new(() => new HttpClient());
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_start_up_code() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            using var client = new HttpClient();
            System.Console.WriteLine(client.Timeout);
            """, frameworks: Frameworks.NetCore, outputKind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_client_factory_implementations() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public sealed class SharedClientFactory : IHttpClientFactory
            {
                private static readonly HttpClient Shared = new HttpClient();

                public HttpClient CreateClient(string name) => Shared;
            }
            """);

        [Fact]
        public Task Reports_a_factory_registered_with_a_singleton_lifetime_argument() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static IServiceCollection AddChatClient(this IServiceCollection services, Func<IServiceProvider, HttpClient> factory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
                {
                    services.Add(new ServiceDescriptor(typeof(HttpClient), factory, lifetime));
                    return services;
                }

                public static void Add(IServiceCollection services)
                {
                    services.AddChatClient(_ => {|PERF502:new HttpClient()|});
                }
            }
            """);

        [Fact]
        public Task Ignores_a_singleton_client_created_only_when_the_container_has_none() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ChatClient(HttpClient http) { }

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton(sp => new ChatClient(sp.GetService<HttpClient>() ?? new()));
                }
            }
            """);

        [Fact]
        public Task Ignores_singleton_registration_with_lifetime() => VerifyCS.AnalyzerAsync("""
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
        public Task Ignores_blazor_webassembly_where_the_browser_owns_connections() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class ApiClient
            {
                private static readonly HttpClient Client = new HttpClient();
            }
            """, frameworks: Frameworks.BlazorWebAssembly);

        [Fact]
        public Task Reports_a_static_client_in_a_server_that_hosts_a_blazor_webassembly_client() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public class ApiClient
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient()|};
            }
            """, frameworks: Frameworks.BlazorHostedServer);

        [Fact]
        public Task Ignores_singletons_built_from_the_client_factory() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient("prices");
                    services.AddSingleton(sp => sp.GetRequiredService<IHttpClientFactory>().CreateClient("prices"));
                }
            }
            """);

        [Fact]
        public Task Ignores_derived_client_types() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;

            public sealed class TracingClient : HttpClient { }

            public class PriceService
            {
                private static readonly HttpClient Client = new TracingClient();
            }
            """, frameworks: Frameworks.NetCore);
    }
}
