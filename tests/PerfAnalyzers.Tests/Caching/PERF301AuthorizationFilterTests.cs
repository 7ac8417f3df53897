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

        // Kyoo's [Permission] / [PartialPermission]: filter factories. One creates its rejecting filter in place; one asks a
        // service for it (its permission validator), so its name tells; the others create or hand back something else.
        private const string Factories = Filters + """
            public interface IPermissionValidator { IFilterMetadata Create(object attribute); }

            public class RequireKeyFactoryAttribute : Attribute, IFilterFactory
            {
                public bool IsReusable => true;
                public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => new RequireKeyAttribute();
            }

            public class PartialPermissionAttribute : Attribute, IFilterFactory
            {
                public bool IsReusable => true;
                IFilterMetadata IFilterFactory.CreateInstance(IServiceProvider serviceProvider)
                {
                    var validator = (IPermissionValidator)serviceProvider.GetService(typeof(IPermissionValidator))!;
                    return validator.Create(this);
                }
            }

            public class AuditFactoryAttribute : Attribute, IFilterFactory
            {
                public bool IsReusable => true;
                public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => new AuditAttribute();
            }

            public class TraceFactoryAttribute : Attribute, IFilterFactory
            {
                public bool IsReusable => true;
                public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => (IFilterMetadata)serviceProvider.GetService(typeof(AuditAttribute))!;
            }

            """;

        [Fact]
        public Task Action_behind_a_filter_factory_that_creates_a_rejecting_filter_is_not_reported() => VerifyCS.AnalyzerAsync(Factories + """
            public class ExportController : ControllerBase
            {
                [HttpGet, RequireKeyFactory]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Controller_behind_a_permission_filter_factory_a_service_builds_is_not_reported() => VerifyCS.AnalyzerAsync(Factories + """
            [PartialPermission]
            public class ShowController : ControllerBase
            {
                [HttpGet("seasons")]
                public string Seasons() => "x";
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Actions_behind_filter_factories_that_do_not_authorize_are_reported() => VerifyCS.AnalyzerAsync(Factories + """
            public class ShowController : ControllerBase
            {
                [HttpGet("audited"), AuditFactory]
                public string {|PERF301:Audited|}() => "x";

                [HttpGet("traced"), TraceFactory]
                public string {|PERF301:Traced|}() => "x";
            }
            """);

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

        // ---- Filters named through TypeFilterAttribute / ServiceFilterAttribute ----

        private const string TypeFilters = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class RoleFilter : IAuthorizationFilter
            {
                private readonly string roles;
                public RoleFilter(string roles) => this.roles = roles;

                public void OnAuthorization(AuthorizationFilterContext context)
                {
                    if (!context.HttpContext.User.IsInRole(roles))
                        context.Result = new ForbidResult();
                }
            }

            public class TraceFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) => Console.WriteLine(context.HttpContext.Request.Path);
            }

            // mixcore's [MixAuthorize]: a type filter whose constructor names the filter.
            public class RoleAuthorizeAttribute : TypeFilterAttribute
            {
                public RoleAuthorizeAttribute(string roles = "") : base(typeof(RoleFilter)) => Arguments = new object[] { roles };
            }

            public class TracedAttribute : TypeFilterAttribute
            {
                public TracedAttribute() : base(typeof(TraceFilter)) { }
            }

            """;

        [Fact]
        public Task Controller_behind_a_type_filter_attribute_over_a_rejecting_filter_is_not_reported() => VerifyCS.AnalyzerAsync(TypeFilters + """
            [ApiController, Route("api/scheduler"), RoleAuthorize("Owner")]
            public class SchedulerController : ControllerBase
            {
                [HttpGet("jobs")]
                public ActionResult Jobs() => Ok(new[] { "a" });
            }
            """);

        [Fact]
        public Task Action_behind_a_type_filter_attribute_over_an_observing_filter_is_reported() => VerifyCS.AnalyzerAsync(TypeFilters + """
            public class SchedulerController : ControllerBase
            {
                [HttpGet, Traced]
                public ActionResult {|PERF301:Jobs|}() => Ok(new[] { "a" });
            }
            """);

        [Fact]
        public Task Actions_behind_TypeFilter_and_ServiceFilter_are_judged_by_the_filter_they_name() => VerifyCS.AnalyzerAsync(TypeFilters + """
            public class SchedulerController : ControllerBase
            {
                [HttpGet("jobs"), TypeFilter(typeof(RoleFilter), Arguments = new object[] { "Owner" })]
                public ActionResult Jobs() => Ok(new[] { "a" });

                [HttpGet("owners"), ServiceFilter(typeof(RoleFilter))]
                public ActionResult Owners() => Ok(new[] { "a" });

                [HttpGet("paths"), ServiceFilter(typeof(TraceFilter))]
                public ActionResult {|PERF301:Paths|}() => Ok(new[] { "a" });
            }
            """);

        [Fact]
        public Task An_authorization_attribute_that_does_not_bind_is_judged_by_its_name() => VerifyCS.AnalyzerAsync(Filters + """
            // A council's shared authorization package, not restored: [AuthorizeEndpointByGroups] is a type filter there.
            [Route("api/payments")]
            public class PaymentController : ControllerBase
            {
                [HttpGet, {|CS0246:{|CS0246:AuthorizeEndpointByGroups|}|}("HOUSING_FINANCE_ALLOWED_GROUPS")]
                public ActionResult Get() => Ok(new[] { "a" });

                [HttpGet("mine"), {|CS0246:{|CS0246:AuthorizeOptional|}|}]
                public ActionResult {|PERF301:Mine|}() => Ok(new[] { "a" });

                [HttpGet("logged"), {|CS0246:{|CS0246:LogCall|}|}]
                public ActionResult {|PERF301:Logged|}() => Ok(new[] { "a" });
            }
            """);

        // The filters declared in another project of the application: no body to read in a build, so their names decide.
        private const string FiltersProject = """
            using System;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            namespace Site.Lib
            {
                public class SiteAuthorizeAttribute : TypeFilterAttribute
                {
                    public SiteAuthorizeAttribute(string roles = "") : base(typeof(SiteRoleFilter)) => Arguments = new object[] { roles };
                }

                public class SiteAuthorizeOptionalAttribute : TypeFilterAttribute
                {
                    public SiteAuthorizeOptionalAttribute() : base(typeof(SiteRoleFilter)) { }
                }

                public class SiteRoleFilter : IAuthorizationFilter
                {
                    public SiteRoleFilter(string roles) { }
                    public void OnAuthorization(AuthorizationFilterContext context) => context.Result = new ForbidResult();
                }

                public class SiteAuthorizationFilter : IAsyncAuthorizationFilter
                {
                    public System.Threading.Tasks.Task OnAuthorizationAsync(AuthorizationFilterContext context)
                    {
                        context.Result = new ForbidResult();
                        return System.Threading.Tasks.Task.CompletedTask;
                    }
                }

                public class AuditAttribute : Attribute, IAuthorizationFilter
                {
                    public void OnAuthorization(AuthorizationFilterContext context) => context.Result = new ForbidResult();
                }

                public class PartialPermissionAttribute : Attribute, IFilterFactory
                {
                    public bool IsReusable => true;
                    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => new SiteRoleFilter("");
                }

                public class TraceFactoryAttribute : Attribute, IFilterFactory
                {
                    public bool IsReusable => true;
                    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => new SiteRoleFilter("");
                }

                // Named for a permission, but no filter: a marker some other code may read.
                public class PermissionNoteAttribute : Attribute
                {
                }
            }
            """;

        private const string UsesFiltersProject = """
            using Microsoft.AspNetCore.Mvc;
            using Site.Lib;

            [Route("api/scheduler"), SiteAuthorize("Owner")]
            public class SchedulerController : ControllerBase
            {
                [HttpGet("jobs")]
                public ActionResult Jobs() => Ok(new[] { "a" });
            }

            [Route("api/pages")]
            public class PagesController : ControllerBase
            {
                [HttpGet("mine"), SiteAuthorizeOptional]
                public ActionResult {|PERF301:Mine|}() => Ok(new[] { "a" });

                [HttpGet("audited"), Audit]
                public ActionResult {|PERF301:Audited|}() => Ok(new[] { "a" });

                [HttpGet("owners"), ServiceFilter(typeof(SiteAuthorizationFilter))]
                public ActionResult Owners() => Ok(new[] { "a" });

                // A filter whose name does not say it authorizes: its body is not read across projects.
                [HttpGet("roles"), ServiceFilter(typeof(SiteRoleFilter))]
                public ActionResult {|PERF301:Roles|}() => Ok(new[] { "a" });

                // Kyoo's permission filter factories, declared in its abstractions project.
                [HttpGet("seasons"), PartialPermission]
                public ActionResult Seasons() => Ok(new[] { "a" });

                [HttpGet("traced"), TraceFactory]
                public ActionResult {|PERF301:Traced|}() => Ok(new[] { "a" });

                [HttpGet("noted"), PermissionNote]
                public ActionResult {|PERF301:Noted|}() => Ok(new[] { "a" });
            }
            """;

        public static Xunit.TheoryData<bool> BothReferenceKinds => new() { false, true };

        [Theory]
        [MemberData(nameof(BothReferenceKinds))]
        public Task Filters_of_another_project_are_judged_by_their_names(bool inTheIde)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>();
            PerfAnalyzers.Tests.Infrastructure.SnippetTest.Configure(test, UsesFiltersProject, null, PerfAnalyzers.Tests.Infrastructure.Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(inTheIde
                ? PerfAnalyzers.Tests.Infrastructure.ProbeCompilations.ReferencedProjectInTheIde("Site.Lib", FiltersProject, PerfAnalyzers.Tests.Infrastructure.Frameworks.Web)
                : PerfAnalyzers.Tests.Infrastructure.ProbeCompilations.ReferencedProject("Site.Lib", FiltersProject, PerfAnalyzers.Tests.Infrastructure.Frameworks.Web));
            return test.RunAsync();
        }
    }
}
