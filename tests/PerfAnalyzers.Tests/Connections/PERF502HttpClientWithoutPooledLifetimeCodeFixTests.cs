using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<
    PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeAnalyzer,
    PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeCodeFix>;

namespace PerfAnalyzers.Tests.Connections
{
    public class PERF502HttpClientWithoutPooledLifetimeCodeFixTests
    {
        [Fact]
        public Task Fix_passes_a_sockets_handler_to_a_default_client() => VerifyCS.CodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient()|};
            }
            """, """
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_handles_target_typed_creation() => VerifyCS.CodeFixAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new()|};
            }
            """, """
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_adds_lifetime_to_existing_sockets_handler() => VerifyCS.CodeFixAsync("""
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10 })|};
            }
            """, """
            using System;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_turns_compatible_client_handler_into_sockets_handler() => VerifyCS.CodeFixAsync("""
            using System.Net;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip, UseCookies = false })|};
            }
            """, """
            using System;
            using System.Net;
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_is_not_offered_when_client_handler_settings_do_not_exist_on_sockets_handler() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly HttpClient Client = {|PERF502:new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_is_not_offered_for_a_handler_declared_elsewhere() => VerifyCS.NoCodeFixAsync("""
            using System.Net.Http;

            public class PriceService
            {
                private static readonly SocketsHttpHandler Handler = new() { MaxConnectionsPerServer = 4 };
                private static readonly HttpClient Client = {|PERF502:new HttpClient(Handler)|};
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_all_fixes_every_static_client_in_the_document() => VerifyCS.CodeFixAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class PriceService
            {
                private static readonly HttpClient First = {|PERF502:new HttpClient()|};
                private static readonly Lazy<HttpClient> Second = new(() => {|PERF502:new HttpClient(new SocketsHttpHandler())|});

                public static void Register(IServiceCollection services) => services.AddSingleton(_ => {|PERF502:new HttpClient()|});
            }
            """, """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class PriceService
            {
                private static readonly HttpClient First = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                private static readonly Lazy<HttpClient> Second = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));

                public static void Register(IServiceCollection services) => services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
            }
            """);
    }
}
