using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// PERF301 on FastEndpoints endpoint classes (docs/rules/PERF301.md, "FastEndpoints endpoint classes"): the verb,
    /// the anonymity and the policy are read from Configure(); FastEndpoints requires authorization unless the endpoint
    /// allows anonymous callers.
    /// </summary>
    public class PERF301FastEndpointsTests
    {
        private const string Usings = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class CountryRequest { public string Code { get; set; } = ""; }
            public class CountryResponse { public string Name { get; set; } = ""; }

            """;

        /// <summary>An anonymous-list endpoint class whose <c>Configure()</c> body is <paramref name="configure"/>.</summary>
        private static string ListCountries(string configure, bool reported = false) => $$"""
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
            {{configure}}
                }

                public override async Task {{(reported ? "{|PERF301:HandleAsync|}" : "HandleAsync")}}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """;

        private static Task Analyze(string source, string? editorConfig = null)
            => VerifyCS.AnalyzerAsync(Usings + source, editorConfig, Frameworks.FastEndpoints);

        // ---- Flagged ----

        [Fact]
        public Task Anonymous_GET_endpoint_class_without_a_policy_is_reported() => Analyze("""
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL", "FR" }, ct);
            }
            """);

        [Fact]
        public Task GET_named_with_Verbs_and_Routes_is_reported() => Analyze("""
            public class GetCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Verbs(Http.GET);
                    Routes("/countries/{code}");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_allowing_anonymous_GET_only_is_reported() => Analyze("""
            public class GetCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/countries/{code}");
                    AllowAnonymous(Http.GET);
                }

                public override async Task {|PERF301:HandleAsync|}(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_without_a_response_type_that_sends_a_value_is_reported() => Analyze("""
            public class MessageOfTheDay : EndpointWithoutRequest
            {
                public override void Configure()
                {
                    Get("/motd");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new { Message = "Welcome" }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_returning_its_response_from_ExecuteAsync_is_reported() => Analyze("""
            public class GetCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/countries/{code}");
                    AllowAnonymous();
                }

                public override Task<CountryResponse> {|PERF301:ExecuteAsync|}(CountryRequest req, CancellationToken ct)
                    => Task.FromResult(new CountryResponse { Name = req.Code });
            }
            """);

        [Fact]
        public Task Endpoint_configured_by_attributes_is_reported() => Analyze("""
            [HttpGet("/countries"), Microsoft.AspNetCore.Authorization.AllowAnonymous]
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_requiring_authorization_is_reported_with_include_authorized() => Analyze(ListCountries("""
                Get("/countries");
                Roles("Admin");
                """, reported: true), "[*.cs]\nperf_analyzers.PERF301.include_authorized = true\n");

        [Fact]
        public Task Expression_bodied_Configure_is_read() => Analyze("""
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure() => Get("/countries");

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """, "[*.cs]\nperf_analyzers.PERF301.include_authorized = true\n");

        [Fact]
        public Task Endpoint_made_anonymous_by_its_group_is_reported() => Analyze("""
            public class PublicGroup : Group
            {
                public PublicGroup() => Configure("public", ep => { ep.AllowAnonymous(); ep.Description(b => b.WithTags("public")); });
            }

            """ + ListCountries("""
                Get("/countries");
                Group<PublicGroup>();
                """, reported: true));

        [Fact]
        public async Task Message_says_to_cache_privately_when_the_handler_reads_the_user()
        {
            var test = new CSharpAnalyzerTest<PERF301GetWithoutCachingPolicyAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Usings + """
                public class MyCountry : EndpointWithoutRequest<CountryResponse>
                {
                    private const string Route = "/me/country";

                    public override void Configure()
                    {
                        Get(Route);
                        AllowAnonymous();
                    }

                    public override async Task {|#0:HandleAsync|}(CancellationToken ct)
                        => await Send.OkAsync(new CountryResponse { Name = User.Identity?.Name ?? "" }, ct);
                }
                """, null, Frameworks.FastEndpoints, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF301GetWithoutCachingPolicy).WithLocation(0)
                .WithArguments("/me/country", PERF301GetWithoutCachingPolicyAnalyzer.PersonalAdvice));
            await test.RunAsync(CancellationToken.None);
        }

        // ---- Not flagged ----

        [Fact]
        public Task Endpoint_requiring_authorization_by_default_is_not_reported() => Analyze("""
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure() => Get("/countries");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_allowing_anonymous_POST_only_is_not_reported() => Analyze(ListCountries("""
                Verbs(Http.GET, Http.POST);
                Routes("/countries");
                AllowAnonymous(Http.POST);
                """));

        [Fact]
        public Task Endpoint_with_ResponseCache_is_not_reported() => Analyze(ListCountries("""
                Get("/countries");
                AllowAnonymous();
                ResponseCache(60);
                """));

        [Fact]
        public Task Endpoint_with_output_caching_in_Options_is_not_reported() => Analyze(ListCountries("""
                Get("/countries");
                AllowAnonymous();
                Options(b => b.CacheOutput(p => p.Expire(System.TimeSpan.FromSeconds(60))));
                """));

        [Fact]
        public Task Endpoint_requiring_authorization_through_Options_is_not_reported() => Analyze(ListCountries("""
                Get("/countries");
                AllowAnonymous();
                Options(b => b.RequireAuthorization("admins"));
                """));

        [Fact]
        public Task POST_endpoint_is_not_reported() => Analyze("""
            public class AddCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Post("/countries");
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_with_an_empty_response_is_not_reported() => Analyze("""
            public class Touch : Endpoint<CountryRequest, EmptyResponse>
            {
                public override void Configure()
                {
                    Get("/touch/{code}");
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CountryRequest req, CancellationToken ct) => await Send.NoContentAsync(ct);
            }
            """);

        [Fact]
        public Task Endpoint_without_a_response_type_sending_no_value_is_not_reported() => Analyze("""
            public class Touch : EndpointWithoutRequest
            {
                public override void Configure()
                {
                    Get("/touch");
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.NoContentAsync(ct);
            }
            """);

        [Fact]
        public Task Endpoint_in_a_group_with_a_policy_is_not_reported() => Analyze("""
            public class PublicGroup : Group
            {
                public PublicGroup() => Configure("public", ep => ep.ResponseCache(60));
            }

            """ + ListCountries("""
                Get("/countries");
                AllowAnonymous();
                Group<PublicGroup>();
                """));

        [Fact]
        public Task Endpoint_in_a_group_calling_the_applications_code_is_not_reported() => Analyze("""
            public static class Conventions
            {
                public static void Apply(EndpointDefinition ep) => ep.AllowAnonymous();
            }

            public class PublicGroup : Group
            {
                public PublicGroup() => Configure("public", ep => Conventions.Apply(ep));
            }

            """ + ListCountries("""
                Get("/countries");
                Group<PublicGroup>();
                """));

        [Fact]
        public Task Endpoint_in_a_sub_group_is_not_reported() => Analyze("""
            public class PublicGroup : Group
            {
                public PublicGroup() => Configure("public", ep => ep.AllowAnonymous());
            }

            public class CountriesGroup : SubGroup<PublicGroup>
            {
                public CountriesGroup() => Configure("countries", ep => ep.Description(b => { }));
            }

            """ + ListCountries("""
                Get("/");
                Group<CountriesGroup>();
                """));

        [Fact]
        public Task Endpoint_configured_through_a_helper_of_the_application_is_not_reported() => Analyze("""
            public abstract class PublicEndpoint<TResponse> : EndpointWithoutRequest<TResponse>
            {
                protected void Public(string route)
                {
                    Get(route);
                    AllowAnonymous();
                    ResponseCache(300);
                }
            }

            public class ListCountries : PublicEndpoint<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                    Public("/countries");
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_configured_under_a_condition_is_not_reported() => Analyze("""
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public static bool Cached { get; set; }

                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                    if (Cached)
                    {
                        Description(b => { });
                    }
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """);

        [Fact]
        public Task Endpoint_whose_Configure_does_not_bind_is_not_reported() => Analyze(ListCountries("""
                Get("/countries");
                AllowAnonymous();
                {|CS0103:CachePublicly|}(60);
                """));

        [Fact]
        public Task Endpoint_whose_summary_does_not_bind_is_reported() => Analyze(ListCountries("""
                Get("/countries");
                AllowAnonymous();
                Summary(s => s.{|CS1061:Describe|}("countries"));
                """, reported: true));

        [Fact]
        public Task Endpoint_with_a_post_processor_writing_CacheControl_is_not_reported() => Analyze("""
            public class CachingPostProcessor : IPostProcessor<EmptyRequest, List<string>>
            {
                public Task PostProcessAsync(IPostProcessorContext<EmptyRequest, List<string>> context, CancellationToken ct)
                {
                    context.HttpContext.Response.Headers.CacheControl = "public, max-age=60";
                    return Task.CompletedTask;
                }
            }

            """ + ListCountries("""
                Get("/countries");
                AllowAnonymous();
                PostProcessor<CachingPostProcessor>();
                """));

        [Fact]
        public Task Endpoint_under_a_global_configurator_with_a_policy_is_not_reported() => Analyze("""
            public static class Startup
            {
                public static void Configure(WebApplication app)
                    => app.UseFastEndpoints(c => c.Endpoints.Configurator = ep => ep.ResponseCache(60));
            }

            """ + ListCountries("""
                Get("/countries");
                AllowAnonymous();
                """));

        [Fact]
        public Task Endpoint_writing_CacheControl_in_its_handler_is_not_reported() => Analyze("""
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CancellationToken ct)
                {
                    HttpContext.Response.Headers.CacheControl = "no-store";
                    await Send.OkAsync(new List<string> { "NL" }, ct);
                }
            }
            """);

        [Fact]
        public Task Endpoint_class_is_not_reported_when_only_controllers_are_analysed() => Analyze(ListCountries("""
                Get("/countries");
                AllowAnonymous();
                """), "[*.cs]\nperf_analyzers.PERF301.enabled_for = controllers\n");

        [Fact]
        public Task Health_probe_endpoint_is_not_reported() => Analyze("""
            public class Health : EndpointWithoutRequest<string>
            {
                public override void Configure()
                {
                    Get("/health");
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync("Healthy", ct);
            }
            """);

        [Fact]
        public Task Handler_of_an_application_base_class_named_HandleAsync_is_not_reported() => Analyze("""
            public abstract class Job
            {
                public abstract Task HandleAsync(CancellationToken ct);
            }

            public class Cleanup : Job
            {
                public void Configure() { }

                public override Task HandleAsync(CancellationToken ct) => Task.CompletedTask;
            }
            """);

        // ---- Fixes ----

        [Fact]
        public Task Fix_adds_ResponseCache_to_Configure() => VerifyFix.CodeFixAsync(Usings + """
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """, Usings + """
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                    ResponseCache(60);
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Fix_caches_privately_when_the_handler_reads_the_user() => VerifyFix.CodeFixAsync(Usings + """
            public class MyCountry : EndpointWithoutRequest<CountryResponse>
            {
                public override void Configure()
                {
                    Get("/me/country");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = User.Identity?.Name ?? "" }, ct);
            }
            """, Usings.Replace("using Microsoft.AspNetCore.Http;", "using Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;") + """
            public class MyCountry : EndpointWithoutRequest<CountryResponse>
            {
                public override void Configure()
                {
                    Get("/me/country");
                    AllowAnonymous();
                    ResponseCache(60, ResponseCacheLocation.Client);
                }

                public override async Task HandleAsync(CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = User.Identity?.Name ?? "" }, ct);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Fix_marks_as_not_cacheable_and_turns_an_expression_body_into_a_block() => VerifyFix.CodeFixAsync(Usings + """
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure() => Get("/countries");

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """, Usings.Replace("using Microsoft.AspNetCore.Http;", "using Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;") + """
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    ResponseCache(0, ResponseCacheLocation.None, noStore: true);
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey, "[*.cs]\nperf_analyzers.PERF301.include_authorized = true\n", Frameworks.FastEndpoints);

        [Fact]
        public Task Endpoint_whose_request_carries_a_token_is_offered_not_caching_first() => VerifyFix.CodeFixAsync(Usings + """
            public class SessionRequest { public string Token { get; set; } = ""; }

            public class GetSession : Endpoint<SessionRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/sessions/{Token}");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(SessionRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Token }, ct);
            }
            """, Usings.Replace("using Microsoft.AspNetCore.Http;", "using Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;") + """
            public class SessionRequest { public string Token { get; set; } = ""; }

            public class GetSession : Endpoint<SessionRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/sessions/{Token}");
                    AllowAnonymous();
                    ResponseCache(0, ResponseCacheLocation.None, noStore: true);
                }

                public override async Task HandleAsync(SessionRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Token }, ct);
            }
            """, frameworks: Frameworks.FastEndpoints);

        private const string UpdateCountry = """
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;

            public class UpdateCountry : Endpoint<CountryRequest, CountryResponse>
            {
                private const string Route = "countries/{code}";

                public override void Configure()
                {
                    Put(Route);
                    AllowAnonymous();
                }

                public override async Task HandleAsync(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }
            """;

        private const string GetCountry = """
            public class GetCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/countries/{code}");
                    AllowAnonymous();{{POLICY}}
                }

                public override async Task {{HANDLER}}(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }

            """;

        // The same decision as for a controller GET whose route a PUT answers: a cached answer could be read back stale.
        [Fact]
        public Task Endpoint_whose_route_another_endpoint_class_changes_is_offered_not_caching_first() => VerifyFix.CodeFixAsync(
            new[]
            {
                Usings + GetCountry.Replace("{{POLICY}}", "").Replace("{{HANDLER}}", "{|PERF301:HandleAsync|}"),
                UpdateCountry,
            },
            new[]
            {
                Usings.Replace("using Microsoft.AspNetCore.Http;", "using Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;")
                    + GetCountry.Replace("{{POLICY}}", "\n        ResponseCache(0, ResponseCacheLocation.None, noStore: true);").Replace("{{HANDLER}}", "HandleAsync"),
                UpdateCountry,
            },
            frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Fix_All_with_a_cache_policy_leaves_an_endpoint_whose_route_another_endpoint_class_changes()
        {
            var listCountries = """
                public class ListCountries : EndpointWithoutRequest<List<string>>
                {
                    public override void Configure()
                    {
                        Get("/countries");
                        AllowAnonymous();{{POLICY}}
                    }

                    public override async Task {{HANDLER}}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
                }

                """;
            string Source(string getPolicy, string getHandler, string listPolicy, string listHandler)
                => Usings + GetCountry.Replace("{{POLICY}}", getPolicy).Replace("{{HANDLER}}", getHandler)
                    + listCountries.Replace("{{POLICY}}", listPolicy).Replace("{{HANDLER}}", listHandler);
            const string Cached = "\n        ResponseCache(60);";

            var test = new CSharpCodeFixTest<PERF301GetWithoutCachingPolicyAnalyzer, PERF301GetWithoutCachingPolicyCodeFix, DefaultVerifier>
            {
                CodeActionEquivalenceKey = PERF301GetWithoutCachingPolicyCodeFix.CacheKey,
            };
            SnippetTest.Configure(test, Source("", "{|PERF301:HandleAsync|}", "", "{|PERF301:HandleAsync|}"),
                null, Frameworks.FastEndpoints, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.Sources.Add(("/0/Test1.cs", UpdateCountry));

            // Chosen for one diagnostic at a time, "Cache" is still there for the country, second in the list.
            test.FixedState.Sources.Add(("/0/Test0.cs", Source(Cached, "HandleAsync", Cached, "HandleAsync")));
            test.FixedState.Sources.Add(("/0/Test1.cs", UpdateCountry));

            // Fix All leaves it without a policy.
            test.BatchFixedState.Sources.Add(("/0/Test0.cs", Source("", "{|PERF301:HandleAsync|}", Cached, "HandleAsync")));
            test.BatchFixedState.Sources.Add(("/0/Test1.cs", UpdateCountry));
            test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
            test.NumberOfIncrementalIterations = 2;
            test.NumberOfFixAllIterations = -2;
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Endpoint_whose_route_no_other_endpoint_class_changes_is_offered_caching_first() => VerifyFix.CodeFixAsync(
            new[]
            {
                Usings + GetCountry.Replace("{{POLICY}}", "").Replace("{{HANDLER}}", "{|PERF301:HandleAsync|}"),
                UpdateCountry.Replace("countries/{code}", "countries/{code}/name"),
            },
            new[]
            {
                Usings + GetCountry.Replace("{{POLICY}}", "\n        ResponseCache(60);").Replace("{{HANDLER}}", "HandleAsync"),
                UpdateCountry.Replace("countries/{code}", "countries/{code}/name"),
            },
            frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Fix_all_adds_a_policy_to_each_endpoint_class() => VerifyFix.CodeFixAsync(Usings + """
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }

            public class GetCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/countries/{code}");
                    AllowAnonymous();
                }

                public override async Task {|PERF301:HandleAsync|}(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }
            """, Usings + """
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override void Configure()
                {
                    Get("/countries");
                    AllowAnonymous();
                    ResponseCache(60);
                }

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }

            public class GetCountry : Endpoint<CountryRequest, CountryResponse>
            {
                public override void Configure()
                {
                    Get("/countries/{code}");
                    AllowAnonymous();
                    ResponseCache(60);
                }

                public override async Task HandleAsync(CountryRequest req, CancellationToken ct)
                    => await Send.OkAsync(new CountryResponse { Name = req.Code }, ct);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task No_fix_is_offered_for_an_endpoint_configured_by_attributes() => VerifyFix.NoCodeFixAsync(Usings + """
            [HttpGet("/countries"), Microsoft.AspNetCore.Authorization.AllowAnonymous]
            public class ListCountries : EndpointWithoutRequest<List<string>>
            {
                public override async Task {|PERF301:HandleAsync|}(CancellationToken ct) => await Send.OkAsync(new List<string> { "NL" }, ct);
            }
            """, frameworks: Frameworks.FastEndpoints);
    }
}
