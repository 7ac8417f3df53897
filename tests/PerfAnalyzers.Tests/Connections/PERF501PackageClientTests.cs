using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Connections;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Connections
{
    /// <summary>
    /// docs/rules/PERF501.md, "What is flagged": a package's client whose constructor builds its own HttpClient (GOV.UK
    /// Notify's NotificationClient, RestSharp's RestClient from version 107) created per operation. The packages are told
    /// by name: each is compiled here as the assembly an application references, with the constructors it has.
    /// </summary>
    public class PERF501PackageClientTests
    {
        private const string Notify = """
            namespace Notify.Interfaces { public interface IHttpClient { } }

            namespace Notify.Client
            {
                public class HttpClientWrapper : Notify.Interfaces.IHttpClient { public HttpClientWrapper(System.Net.Http.HttpClient client) { } }

                public class NotificationClient
                {
                    public NotificationClient(string apiKey) { }
                    public NotificationClient(string baseUrl, string apiKey) { }
                    public NotificationClient(Notify.Interfaces.IHttpClient client, string apiKey) { }
                    public System.Threading.Tasks.Task SendEmailAsync(string email, string templateId) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """;

        private static string RestSharp(int major) => $$"""
            [assembly: System.Reflection.AssemblyVersion("{{major}}.0.0.0")]

            namespace RestSharp
            {
                public class RestClientOptions { public RestClientOptions(string baseUrl) { } }

                public class RestClient
                {
                    public RestClient() { }
                    public RestClient(string baseUrl) { }
                    public RestClient(RestClientOptions options, bool useClientFactory = false) { }
                    public RestClient(System.Net.Http.HttpClient httpClient, bool disposeHttpClient = false) { }
                    public RestClient(System.Net.Http.HttpMessageHandler handler, bool disposeHandler = true) { }
                }
            }
            """;

        // RestEase 1.4.3's client: its constructors and typed-client factories (RestClient.For<T>), with the overloads that
        // take a client or a requester.
        private const string RestEase = """
            namespace RestEase
            {
                public interface IRequester { }

                public class RestClient
                {
                    public RestClient(string baseUrl) { }
                    public RestClient(System.Uri baseUrl) { }
                    public RestClient(System.Net.Http.HttpClient httpClient) { }
                    public T For<T>() => default!;
                    public static T For<T>(string baseUrl) => default!;
                    public static T For<T>(System.Uri baseUrl) => default!;
                    public static T For<T>(System.Net.Http.HttpClient httpClient) => default!;
                    public static T For<T>(IRequester requester) => default!;
                }
            }
            """;

        private static readonly Lazy<MetadataReference> RestEaseReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("RestEase", RestEase, Frameworks.NetCore));

        private static readonly Lazy<MetadataReference> NotifyReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Notify", Notify, Frameworks.NetCore));

        private static readonly Lazy<MetadataReference> RestSharpReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("RestSharp", RestSharp(112), Frameworks.NetCore));

        private static readonly Lazy<MetadataReference> OldRestSharpReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("RestSharp", RestSharp(106), Frameworks.NetCore));

        private static Task VerifyAsync(string source, MetadataReference package)
        {
            var test = new CSharpAnalyzerTest<PERF501HttpClientPerOperationAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(package);
            return test.RunAsync();
        }

        // ---- Flagged ----

        // An identity service's messaging service: a Notify client per e-mail sent.
        [Fact]
        public Task A_notify_client_built_per_send_is_reported() => VerifyAsync("""
            using System.Threading.Tasks;
            using Notify.Client;

            public class MessagingService(string apiKey)
            {
                public async Task Send(string email)
                {
                    var client = {|PERF501:new NotificationClient(apiKey)|};
                    await client.SendEmailAsync(email, "template");
                }
            }
            """, NotifyReference.Value);

        // A notification API registers the client per scope: one HttpClient per request that sends.
        [Fact]
        public Task A_notify_client_registered_per_scope_is_reported() => VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;
            using Notify.Client;

            public static class Services
            {
                public static void Add(IServiceCollection services, string apiKey)
                    => services.AddScoped(_ => {|PERF501:new NotificationClient("https://api.notifications.service.gov.uk", apiKey)|});
            }
            """, NotifyReference.Value);

        [Fact]
        public Task A_rest_client_built_per_call_is_reported_from_version_107() => VerifyAsync("""
            using RestSharp;

            public class WeatherService
            {
                public string Forecast()
                {
                    var client = {|PERF501:new RestClient("https://weather.example")|};
                    return client.ToString()!;
                }

                public void Ping() { var client = {|PERF501:new RestClient()|}; }

                public void Status(bool shared) { var client = {|PERF501:new RestClient(new RestClientOptions("https://status.example"), useClientFactory: false)|}; }
            }
            """, RestSharpReference.Value);

        // An apprenticeship qualifications import registers its register API's typed client per scope.
        [Fact]
        public Task A_rest_ease_client_built_per_scope_or_per_call_is_reported() => VerifyAsync("""
            using System;
            using Microsoft.Extensions.DependencyInjection;
            using RestEase;

            public interface IRegisterApi { }

            public static class Services
            {
                public static void Add(IServiceCollection services)
                    => services.AddScoped<IRegisterApi>(_ => {|PERF501:RestClient.For<IRegisterApi>("https://register.example")|});

                public static IRegisterApi Create(Uri url) => {|PERF501:RestClient.For<IRegisterApi>(url)|};

                public static IRegisterApi Build(string url) => {|PERF501:new RestClient(url)|}.For<IRegisterApi>();
            }
            """, RestEaseReference.Value);

        [Fact]
        public Task A_rest_ease_client_given_a_client_or_kept_for_the_process_is_not_reported() => VerifyAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using RestEase;

            public interface IRegisterApi { }

            public class Services(HttpClient http, IRequester requester)
            {
                private static readonly IRegisterApi Shared = RestClient.For<IRegisterApi>("https://register.example");

                public IRegisterApi FromClient() => RestClient.For<IRegisterApi>(http);

                public IRegisterApi FromRequester() => RestClient.For<IRegisterApi>(requester);

                public IRegisterApi FromInstance() => new RestClient(http).For<IRegisterApi>();

                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton(_ => RestClient.For<IRegisterApi>("https://register.example"));
                    services.AddHttpClient("register").AddTypedClient(client => RestClient.For<IRegisterApi>(client));
                }
            }
            """, RestEaseReference.Value);

        [Fact]
        public Task A_rest_ease_client_gets_no_code_fix()
        {
            const string source = """
                using RestEase;

                public interface IRegisterApi { }

                public class Services
                {
                    public IRegisterApi Create() => {|PERF501:RestClient.For<IRegisterApi>("https://register.example")|};

                    public void Ping() { var client = {|PERF501:new RestClient("https://register.example")|}; }
                }
                """;
            var test = new CSharpCodeFixTest<PERF501HttpClientPerOperationAnalyzer, PERF501HttpClientPerOperationCodeFix, DefaultVerifier>();
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(RestEaseReference.Value);
            test.FixedCode = source;
            return test.RunAsync();
        }

        // Neither fix applies: a RestClient is not an HttpClient to hand out from a factory or a static field.
        [Fact]
        public Task A_rest_client_gets_no_code_fix()
        {
            const string source = """
                using RestSharp;

                public class WeatherService
                {
                    public void Ping() { var client = {|PERF501:new RestClient()|}; }
                }
                """;
            var test = new CSharpCodeFixTest<PERF501HttpClientPerOperationAnalyzer, PERF501HttpClientPerOperationCodeFix, DefaultVerifier>();
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(RestSharpReference.Value);
            test.FixedCode = source;
            return test.RunAsync();
        }

        // ---- Not flagged ----

        [Fact]
        public Task A_notify_client_given_a_client_or_kept_for_the_process_is_not_reported() => VerifyAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Notify.Client;

            public class MessagingService(HttpClient http, string apiKey)
            {
                private static readonly NotificationClient Shared = new NotificationClient("key");

                public void Send() { var client = new NotificationClient(new HttpClientWrapper(http), apiKey); }

                public static void Add(IServiceCollection services, string apiKey)
                    => services.AddSingleton(_ => new NotificationClient(apiKey));
            }
            """, NotifyReference.Value);

        [Fact]
        public Task A_rest_client_given_a_client_or_a_handler_is_not_reported() => VerifyAsync("""
            using System.Net.Http;
            using RestSharp;

            public class WeatherService(HttpClient http, HttpMessageHandler handler)
            {
                public void FromClient() { var client = new RestClient(http); }

                public void FromHandler() { var client = new RestClient(handler, disposeHandler: false); }

                // RestSharp's own cache: one HttpClient per base URL, shared by every RestClient told to use it.
                public void Shared() { var client = new RestClient(new RestClientOptions("https://weather.example"), useClientFactory: true); }
            }
            """, RestSharpReference.Value);

        // Before version 107 RestSharp sent through HttpWebRequest, not a client of its own.
        [Fact]
        public Task A_rest_client_before_version_107_is_not_reported() => VerifyAsync("""
            using RestSharp;

            public class WeatherService
            {
                public void Ping() { var client = new RestClient("https://weather.example"); }
            }
            """, OldRestSharpReference.Value);

        // A class of the application that happens to share the name is not the package's client.
        [Fact]
        public Task A_notification_client_of_the_application_is_not_reported() => VerifyAsync("""
            namespace Shop.Messaging
            {
                public class NotificationClient { public NotificationClient(string apiKey) { } }

                public class MessagingService
                {
                    public void Send(string apiKey) { var client = new NotificationClient(apiKey); }
                }
            }
            """, NotifyReference.Value);
    }
}
