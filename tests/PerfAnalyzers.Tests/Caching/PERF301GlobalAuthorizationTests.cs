using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "What is not flagged": authorization required for the whole application (a global
    /// <c>AuthorizeFilter</c> or <c>MapControllers().RequireAuthorization()</c> for controllers, a fallback policy for
    /// every endpoint) counts like <c>[Authorize]</c>, and
    /// <c>[AllowAnonymous]</c> still opts out.
    /// </summary>
    public class PERF301GlobalAuthorizationTests
    {
        private const string Usings = """
            using System;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Authorization;
            using Microsoft.Extensions.DependencyInjection;

            """;

        private const string GlobalFilter = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
                    services.AddControllers(options => options.Filters.Add(new AuthorizeFilter(policy)));
                }
            }

            """;

        private const string Fallback = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            }

            """;

        // ---- Not flagged ----

        [Fact]
        public Task Action_of_an_application_with_a_global_authorize_filter_is_not_reported() => VerifyCS.AnalyzerAsync(GlobalFilter + """
            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_a_fallback_policy_is_not_reported() => VerifyCS.AnalyzerAsync(Fallback + """
            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Minimal_endpoint_of_an_application_with_a_fallback_policy_is_not_reported() => VerifyCS.AnalyzerAsync(Fallback + """
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/activities", () => "x");
            }
            """);

        [Fact]
        public Task Action_of_an_application_whose_mapped_controllers_require_authorization_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Routes
            {
                public static void Map(WebApplication app) => app.MapControllers().RequireAuthorization();
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        // A statistics service's public data API signs in its admin users and serves everyone: AllowAnonymous lifts it.
        [Fact]
        public Task Action_of_an_application_whose_mapped_controllers_require_authorization_then_allow_anonymous_callers_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Routes
            {
                public static void Map(WebApplication app) => app.MapControllers().RequireAuthorization().AllowAnonymous();
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_a_fallback_policy_set_on_the_authorization_builder_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Endpoints_of_an_application_whose_authorization_builder_adds_a_named_fallback_policy_are_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorizationBuilder().AddFallbackPolicy("staff", policy => policy.RequireAuthenticatedUser());

                public static void Map(WebApplication app) => app.MapGet("/tickets", () => "x");
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Anonymous_action_of_an_application_with_a_global_authorize_filter_is_reported() => VerifyCS.AnalyzerAsync(GlobalFilter + """
            public class AccountController : ControllerBase
            {
                [AllowAnonymous]
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Minimal_endpoint_of_an_application_with_only_a_controller_filter_is_reported() => VerifyCS.AnalyzerAsync(GlobalFilter + """
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/activities", () => "x");
            }
            """);

        [Fact]
        public Task Action_of_an_application_where_only_one_minimal_endpoint_requires_authorization_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Routes
            {
                public static void Map(WebApplication app)
                {
                    app.MapControllers();
                    app.MapPost("/admin", () => "x").RequireAuthorization();
                }
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_whose_fallback_policy_is_cleared_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorization(options => options.FallbackPolicy = null);
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_whose_builder_clears_the_fallback_policy_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorizationBuilder().SetFallbackPolicy(null);
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Endpoints_of_an_application_whose_builder_adds_only_a_default_policy_are_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddAuthorizationBuilder().AddDefaultPolicy("staff", policy => policy.RequireAuthenticatedUser());

                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/tickets", () => "x");
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_another_global_filter_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddControllers(options => options.Filters.Add(new ProducesAttribute("application/json")));
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_a_global_authorize_filter_is_reported_when_include_authorized_is_set() => VerifyCS.AnalyzerAsync(GlobalFilter + """
            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """, "perf_analyzers.PERF301.include_authorized = true");
    }
}
