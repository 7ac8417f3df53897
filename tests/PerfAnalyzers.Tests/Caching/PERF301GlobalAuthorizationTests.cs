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

        // An apprenticeship service's developer API: a shared package's convention authorizes every controller outside
        // development. The package is not restored here, so the convention is judged by its name.
        [Fact]
        public Task Action_of_an_application_with_an_authorizing_convention_of_a_package_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services, bool localOrDev)
                    => services.AddMvc(options =>
                    {
                        if (!localOrDev)
                        {
                            options.Conventions.Add(new {|CS0246:AuthorizeControllerModelConvention|}(new System.Collections.Generic.List<string>()));
                        }
                    });
            }

            public class SubscriptionsController : ControllerBase
            {
                [HttpGet("{id}")]
                public IActionResult Get(string id) => Ok(new[] { id });
            }
            """);

        private const string ConventionsProject = """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc.ApplicationModels;
            using Microsoft.AspNetCore.Mvc.Authorization;

            namespace Shared.Api
            {
                public class AuthorizeControllerModelConvention : IControllerModelConvention
                {
                    public void Apply(ControllerModel controller)
                        => controller.Filters.Add(new AuthorizeFilter(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));
                }

                public class ApiExplorerGroupPerVersionConvention : IControllerModelConvention
                {
                    public void Apply(ControllerModel controller) => controller.ApiExplorer.GroupName = "v1";
                }
            }
            """;

        private const string UsesConventionsProject = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddControllers(options => options.Conventions.Add(new Shared.Api.AuthorizeControllerModelConvention()));
            }

            public class SubscriptionsController : ControllerBase
            {
                [HttpGet("{id}")]
                public IActionResult Get(string id) => Ok(new[] { id });
            }
            """;

        // Another project's convention has no body a build reads: its name says it authorizes.
        [Fact]
        public Task Action_of_an_application_with_an_authorizing_convention_of_another_project_is_not_reported()
            => VerifyWithConventionsProject(UsesConventionsProject);

        private static Task VerifyWithConventionsProject(string source)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>();
            PerfAnalyzers.Tests.Infrastructure.SnippetTest.Configure(test, source, null, PerfAnalyzers.Tests.Infrastructure.Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(PerfAnalyzers.Tests.Infrastructure.ProbeCompilations.ReferencedProject("Shared.Api", ConventionsProject, PerfAnalyzers.Tests.Infrastructure.Frameworks.Web));
            return test.RunAsync();
        }

        [Fact]
        public Task Action_of_an_application_with_a_convention_of_its_own_that_adds_an_authorize_filter_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc.ApplicationModels;

            public class StaffOnlyConvention : IControllerModelConvention
            {
                public void Apply(ControllerModel controller) => controller.Filters.Add(new AuthorizeFilter("staff"));
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddControllers(options => options.Conventions.Add(new StaffOnlyConvention()));
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

        // Named for authorization, but its body, which the compilation holds, adds no authorization.
        [Fact]
        public Task Action_of_an_application_with_a_convention_of_its_own_named_for_authorization_that_adds_none_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc.ApplicationModels;

            public class AuthorizeHeaderDocumentationConvention : IControllerModelConvention
            {
                public void Apply(ControllerModel controller) => controller.ApiExplorer.IsVisible = true;
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddControllers(options => options.Conventions.Add(new AuthorizeHeaderDocumentationConvention()));
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_an_unbound_convention_not_named_for_authorization_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddControllers(options => options.Conventions.Add(new {|CS0246:ApiExplorerGroupPerVersionConvention|}()));
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_an_unbound_convention_allowing_anonymous_callers_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddControllers(options => options.Conventions.Add(new {|CS0246:AuthorizeOrAllowAnonymousConvention|}()));
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        // Razor Pages' conventions authorize pages, not controllers.
        [Fact]
        public Task Action_of_an_application_with_an_unbound_authorizing_convention_of_razor_pages_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddRazorPages(options => options.Conventions.Add(new {|CS0246:AuthorizeFolderConvention|}()));
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        // A list of the application's own named Conventions is not MVC's.
        [Fact]
        public Task Action_of_an_application_adding_an_authorizing_convention_to_a_list_of_its_own_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class AuthorizeEverythingConvention { }

            public class Registry
            {
                public System.Collections.Generic.List<object> Conventions { get; } = new();
            }

            public static class Startup
            {
                public static void Configure(Registry registry) => registry.Conventions.Add(new AuthorizeEverythingConvention());
            }

            public class ActivitiesController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_of_an_application_with_another_projects_convention_not_named_for_authorization_is_reported()
            => VerifyWithConventionsProject(UsesConventionsProject
                .Replace("AuthorizeControllerModelConvention", "ApiExplorerGroupPerVersionConvention")
                .Replace("public IActionResult Get", "public IActionResult {|PERF301:Get|}"));

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
