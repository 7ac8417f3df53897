using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "What is not flagged": an application's own authorization filter attribute, one that
    /// implements <c>IAuthorizationFilter</c> or <c>IAsyncAuthorizationFilter</c> and sets the context's <c>Result</c>,
    /// requires authorization as <c>[Authorize]</c> does. A filter that never rejects the request does not.
    /// </summary>
    public class PERF301AuthorizationFilterTests
    {
        private const string Filters = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
            public class RequirePrivilegeAttribute : Attribute, IAsyncAuthorizationFilter
            {
                private readonly int level;
                public RequirePrivilegeAttribute(int level) => this.level = level;

                public Task OnAuthorizationAsync(AuthorizationFilterContext context)
                {
                    if (context.HttpContext.User.Identity?.IsAuthenticated is not true || level > 1)
                        context.Result = new UnauthorizedResult();
                    return Task.CompletedTask;
                }
            }

            public class RequireUserAttribute : RequirePrivilegeAttribute
            {
                public RequireUserAttribute() : base(1) { }
            }

            public class RequireKeyAttribute : Attribute, IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext filterContext)
                {
                    if (!filterContext.HttpContext.Request.Query.ContainsKey("key"))
                        filterContext.Result = new ForbidResult();
                }
            }

            public class AuditAttribute : Attribute, IAsyncAuthorizationFilter
            {
                public Task OnAuthorizationAsync(AuthorizationFilterContext context)
                {
                    Console.WriteLine(context.HttpContext.Request.Path);
                    return Task.CompletedTask;
                }
            }

            """;

        // ---- Not flagged ----

        [Fact]
        public Task Action_behind_the_applications_authorization_filter_is_not_reported() => VerifyCS.AnalyzerAsync(Filters + """
            public class ProfileController : ControllerBase
            {
                [HttpGet, RequireUser]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Controller_behind_the_applications_authorization_filter_is_not_reported() => VerifyCS.AnalyzerAsync(Filters + """
            [RequirePrivilege(3)]
            public class AdminController : ControllerBase
            {
                [HttpGet]
                public string Logs() => "x";
            }
            """);

        [Fact]
        public Task Action_behind_a_synchronous_authorization_filter_is_not_reported() => VerifyCS.AnalyzerAsync(Filters + """
            public class ExportController : ControllerBase
            {
                [HttpGet, RequireKey]
                public string Get() => "x";
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task With_include_authorized_an_action_behind_the_filter_is_reported_and_cached_privately() => VerifyFix.CodeFixAsync(Filters + """
            public class ProfileController : ControllerBase
            {
                [HttpGet, RequireUser]
                public string {|PERF301:Get|}() => "x";
            }
            """, Filters + """
            public class ProfileController : ControllerBase
            {
                [HttpGet, RequireUser]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Get() => "x";
            }
            """, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.PERF301.include_authorized = true");

        [Fact]
        public Task Action_behind_a_filter_that_never_rejects_is_reported() => VerifyCS.AnalyzerAsync(Filters + """
            public class ProfileController : ControllerBase
            {
                [HttpGet, Audit]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Action_allowed_anonymously_under_an_authorization_filter_is_reported() => VerifyCS.AnalyzerAsync(Filters + """
            [RequireUser]
            public class GameController : ControllerBase
            {
                [HttpGet, AllowAnonymous]
                public string {|PERF301:Details|}() => "x";
            }
            """);

        [Fact]
        public Task Action_beside_a_filtered_one_is_reported() => VerifyCS.AnalyzerAsync(Filters + """
            public class TeamController : ControllerBase
            {
                [HttpGet("mine"), RequireUser]
                public string Mine() => "x";

                [HttpGet("{id}")]
                public string {|PERF301:Info|}(int id) => "x";
            }
            """);
    }
}
