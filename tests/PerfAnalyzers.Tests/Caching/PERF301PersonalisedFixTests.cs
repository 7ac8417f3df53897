using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "Personalised endpoints": on an endpoint that reads the caller's identity, neither fix
    /// ever emits a shared policy (public <c>[ResponseCache]</c> or output caching): "cache" becomes a client-only
    /// policy and "not cacheable" is no-store. Each test applies the fix one diagnostic at a time and through Fix All.
    /// The analyzer marks what the handler reads itself; the fix reads the members the handler calls, one level down,
    /// before it writes a policy.
    /// </summary>
    public class PERF301PersonalisedFixTests
    {
        [Fact]
        public Task Caching_an_action_that_reads_User_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public string {|PERF301:Feed|}() => User.Identity!.Name!;

                [HttpGet("profile")]
                public IActionResult {|PERF301:Profile|}([FromQuery] string name) => Ok(new { name, following = HttpContext.User.IsInRole(name) });
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Feed() => User.Identity!.Name!;

                [HttpGet("profile")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public IActionResult Profile([FromQuery] string name) => Ok(new { name, following = HttpContext.User.IsInRole(name) });
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // plan-backend's session lookup: whoever holds the token gets the answer, which a cache would keep after a revocation.
        [Fact]
        public Task An_action_taking_a_token_is_offered_not_caching_first() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class SessionsController : ControllerBase
            {
                [HttpGet("sessions/{token}")]
                public string {|PERF301:Get|}(string token) => token.Length.ToString();
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class SessionsController : ControllerBase
            {
                [HttpGet("sessions/{token}")]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public string Get(string token) => token.Length.ToString();
            }
            """);

        // SimpleIdServer's form-post relay: the query string, often an authorization response, echoed into a form.
        [Fact]
        public Task An_action_echoing_the_whole_query_string_is_offered_not_caching_first() => VerifyFix.CodeFixAsync("""
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public class FormController : Controller
            {
                [HttpGet]
                public IActionResult {|PERF301:Index|}()
                {
                    var query = Request.Query;
                    var inputs = string.Join(" ", query.Where(q => q.Key != "redirect_url").Select(q => $"<input type='hidden' name='{q.Key}' value='{q.Value}' />"));
                    return Content("<form method='post'>" + inputs + "</form>", "text/html");
                }
            }
            """, """
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            public class FormController : Controller
            {
                [HttpGet]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public IActionResult Index()
                {
                    var query = Request.Query;
                    var inputs = string.Join(" ", query.Where(q => q.Key != "redirect_url").Select(q => $"<input type='hidden' name='{q.Key}' value='{q.Value}' />"));
                    return Content("<form method='post'>" + inputs + "</form>", "text/html");
                }
            }
            """);

        [Fact]
        public Task An_action_reading_one_query_value_is_offered_caching_first() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class PagesController : Controller
            {
                [HttpGet]
                public IActionResult {|PERF301:Index|}() => Content("page " + Request.Query["page"], "text/html");
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class PagesController : Controller
            {
                [HttpGet]
                [ResponseCache(Duration = 60)]
                public IActionResult Index() => Content("page " + Request.Query["page"], "text/html");
            }
            """);

        [Fact]
        public Task Caching_an_action_taking_an_api_key_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ReportsController : ControllerBase
            {
                [HttpGet("reports")]
                public string {|PERF301:Get|}([FromQuery] string apiKey) => apiKey.Length.ToString();
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ReportsController : ControllerBase
            {
                [HttpGet("reports")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Get([FromQuery] string apiKey) => apiKey.Length.ToString();
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A packaging account service's GETs that answer with the invitation token a user was sent: unfixed (policy null,
        // the diagnostics marked) or with the policy the fix adds to each.
        private static string InvitedUserController(string? policy)
        {
            string Action(string name) => policy == null ? "{|PERF301:" + name + "|}" : name;
            var attribute = policy == null ? "" : "\n    " + policy;
            return $$"""
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;

                public interface IInvitations
                {
                    Task<string> UserInvitedTokenAsync(Guid userId);
                    Task<int> InvitedUserCountAsync(Guid organisationId);
                }

                public class RegulatorAccountsController(IInvitations invitations) : ControllerBase
                {
                    [HttpGet("invited-user")]{{attribute}}
                    public async Task<IActionResult> {{Action("InvitedUser")}}(Guid userId)
                    {
                        var invitedUserToken = await invitations.UserInvitedTokenAsync(userId);
                        return new OkObjectResult(invitedUserToken);
                    }

                    [HttpGet("invite")]{{attribute}}
                    public async Task<IActionResult> {{Action("Invite")}}(Guid userId) => Ok(await invitations.UserInvitedTokenAsync(userId));
                }
                """;
        }

        [Fact]
        public Task An_action_answering_with_a_token_is_offered_not_caching_first() => VerifyFix.CodeFixAsync(
            InvitedUserController(null), InvitedUserController("[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]"));

        [Fact]
        public Task Caching_an_action_answering_with_a_token_emits_a_client_only_policy() => VerifyFix.CodeFixAsync(
            InvitedUserController(null), InvitedUserController("[ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]"),
            PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A count of invitations, or a token used only inside a lambda, is no credential in the response.
        [Fact]
        public Task An_action_answering_with_a_count_is_offered_caching_first() => VerifyFix.CodeFixAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public interface IInvitations
            {
                Task<int> InvitedUserCountAsync(Guid organisationId);
            }

            public class RegulatorAccountsController(IInvitations invitations) : ControllerBase
            {
                [HttpGet("invited-users")]
                public async Task<IActionResult> {|PERF301:InvitedUsers|}(Guid organisationId)
                {
                    var count = await invitations.InvitedUserCountAsync(organisationId);
                    Func<string, string> mask = token => { return token; };
                    return Ok(new[] { "a", "b" }.Select(mask).Count() + count);
                }
            }
            """, """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public interface IInvitations
            {
                Task<int> InvitedUserCountAsync(Guid organisationId);
            }

            public class RegulatorAccountsController(IInvitations invitations) : ControllerBase
            {
                [HttpGet("invited-users")]
                [ResponseCache(Duration = 60)]
                public async Task<IActionResult> InvitedUsers(Guid organisationId)
                {
                    var count = await invitations.InvitedUserCountAsync(organisationId);
                    Func<string, string> mask = token => { return token; };
                    return Ok(new[] { "a", "b" }.Select(mask).Count() + count);
                }
            }
            """);

        [Fact]
        public Task An_action_taking_a_paging_token_and_a_cancellation_token_is_offered_caching_first() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                [HttpGet("orders")]
                public string {|PERF301:List|}(string? continuationToken, CancellationToken cancellationToken) => continuationToken ?? "";
            }
            """, """
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                [HttpGet("orders")]
                [ResponseCache(Duration = 60)]
                public string List(string? continuationToken, CancellationToken cancellationToken) => continuationToken ?? "";
            }
            """);

        [Fact]
        public Task Marking_an_action_that_reads_User_as_not_cacheable_emits_no_store() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public string {|PERF301:Feed|}() => User.Identity!.Name!;
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public string Feed() => User.Identity!.Name!;
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey);

        [Fact]
        public Task Caching_an_action_that_reads_a_cookie_through_a_helper_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class CartController : ControllerBase
            {
                [HttpGet("cart")]
                public string {|PERF301:Get|}() => CartId();

                private string CartId() => Request.Cookies["cart"] ?? "";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class CartController : ControllerBase
            {
                [HttpGet("cart")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Get() => CartId();

                private string CartId() => Request.Cookies["cart"] ?? "";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_an_action_that_asks_a_current_user_service_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace App
            {
                public interface ICurrentUser { string? Id(); }

                public class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
                {
                    public string? Id() => accessor.HttpContext?.User.Identity?.Name;
                }

                public class OrdersController(ICurrentUser user) : ControllerBase
                {
                    [HttpGet("orders")]
                    public string {|PERF301:Mine|}() => user.Id() ?? "";
                }
            }
            """, """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace App
            {
                public interface ICurrentUser { string? Id(); }

                public class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
                {
                    public string? Id() => accessor.HttpContext?.User.Identity?.Name;
                }

                public class OrdersController(ICurrentUser user) : ControllerBase
                {
                    [HttpGet("orders")]
                    [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                    public string Mine() => user.Id() ?? "";
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_a_minimal_handler_with_a_ClaimsPrincipal_emits_a_private_header_not_output_caching() => VerifyFix.CodeFixAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/me", (ClaimsPrincipal user) => user.Identity!.Name);
                    app.{|PERF301:MapGet|}("/token", (Microsoft.AspNetCore.Http.HttpRequest request) => request.Headers.Authorization.ToString());
                }
            }
            """, """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/me", (ClaimsPrincipal user) => user.Identity!.Name).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                    app.MapGet("/token", (Microsoft.AspNetCore.Http.HttpRequest request) => request.Headers.Authorization.ToString()).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_a_minimal_method_group_that_reads_the_user_emits_a_private_header() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/basket", Basket);
                }

                private static string Basket(HttpContext context) => context.User.Identity!.Name!;
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/basket", Basket).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                }

                private static string Basket(HttpContext context) => context.User.Identity!.Name!;
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Marking_a_personalised_minimal_handler_as_not_cacheable_sends_no_store() => VerifyFix.CodeFixAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/me", (ClaimsPrincipal user) => user.Identity!.Name);
                }
            }
            """, """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/me", (ClaimsPrincipal user) => user.Identity!.Name).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "no-store"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey);

        [Fact]
        public Task Caching_actions_decides_per_action_whether_a_helper_reads_the_user() => VerifyFix.CodeFixAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Mvc;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public string {|PERF301:Feed|}() => "feed of " + CurrentUserId();

                [HttpGet("catalogue")]
                public string {|PERF301:Catalogue|}() => Title();

                private string CurrentUserId() => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

                private static string Title() => "catalogue";
            }
            """, """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Mvc;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Feed() => "feed of " + CurrentUserId();

                [HttpGet("catalogue")]
                [ResponseCache(Duration = 60)]
                public string Catalogue() => Title();

                private string CurrentUserId() => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

                private static string Title() => "catalogue";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_an_action_whose_current_user_service_is_in_another_namespace_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace App.Abstractions
            {
                public interface ICurrentUser { string? Name { get; } }
            }

            namespace App.Web.Services
            {
                public class CurrentUser(IHttpContextAccessor accessor) : App.Abstractions.ICurrentUser
                {
                    public string? Name => accessor.HttpContext?.User.Identity?.Name;
                }
            }

            namespace App.Web.Controllers
            {
                public class FeedController(App.Abstractions.ICurrentUser user) : ControllerBase
                {
                    [HttpGet("feed")]
                    public string {|PERF301:Feed|}() => user.Name ?? "";
                }
            }
            """, """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace App.Abstractions
            {
                public interface ICurrentUser { string? Name { get; } }
            }

            namespace App.Web.Services
            {
                public class CurrentUser(IHttpContextAccessor accessor) : App.Abstractions.ICurrentUser
                {
                    public string? Name => accessor.HttpContext?.User.Identity?.Name;
                }
            }

            namespace App.Web.Controllers
            {
                public class FeedController(App.Abstractions.ICurrentUser user) : ControllerBase
                {
                    [HttpGet("feed")]
                    [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                    public string Feed() => user.Name ?? "";
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        private static Task WithApplicationProject(string source, string fixedSource)
        {
            var test = new CSharpCodeFixTest<PERF301GetWithoutCachingPolicyAnalyzer, PERF301GetWithoutCachingPolicyCodeFix, DefaultVerifier>
            {
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = PERF301GetWithoutCachingPolicyCodeFix.CacheKey,
            };
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(PERF301PersonalisedEndpointTests.ApplicationProject.Value);
            return test.RunAsync();
        }

        private const string ApplicationUsings = """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """;

        [Fact]
        public Task Caching_an_action_whose_current_user_contract_is_in_another_project_emits_a_client_only_policy() => WithApplicationProject(ApplicationUsings + """
            public class CurrentUser(IHttpContextAccessor accessor) : Shop.Application.ICurrentUser
            {
                public string? Name => accessor.HttpContext?.User.Identity?.Name;
            }

            public class FeedController(Shop.Application.ICurrentUser user) : ControllerBase
            {
                [HttpGet("feed")]
                public string {|PERF301:Feed|}() => user.Name ?? "";
            }
            """, ApplicationUsings + """
            public class CurrentUser(IHttpContextAccessor accessor) : Shop.Application.ICurrentUser
            {
                public string? Name => accessor.HttpContext?.User.Identity?.Name;
            }

            public class FeedController(Shop.Application.ICurrentUser user) : ControllerBase
            {
                [HttpGet("feed")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Feed() => user.Name ?? "";
            }
            """);

        [Fact]
        public Task Caching_an_action_whose_service_of_another_project_reads_no_identity_emits_a_shared_policy() => WithApplicationProject(ApplicationUsings + """
            public class FixedUser : Shop.Application.ICurrentUser
            {
                public string? Name => "guest";
            }

            public class FeedController(Shop.Application.ICurrentUser user) : ControllerBase
            {
                [HttpGet("feed")]
                public string {|PERF301:Feed|}() => user.Name ?? "";
            }
            """, ApplicationUsings + """
            public class FixedUser : Shop.Application.ICurrentUser
            {
                public string? Name => "guest";
            }

            public class FeedController(Shop.Application.ICurrentUser user) : ControllerBase
            {
                [HttpGet("feed")]
                [ResponseCache(Duration = 60)]
                public string Feed() => user.Name ?? "";
            }
            """);

        // A controller's service asks a current-user service that reads the claims: two calls down (OoS-Backend).
        [Fact]
        public Task Caching_an_action_whose_service_asks_a_current_user_service_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace App
            {
                public interface ICurrentUserService { bool IsAdmin(); }

                public class CurrentUserService(IHttpContextAccessor accessor) : ICurrentUserService
                {
                    public bool IsAdmin() => accessor.HttpContext?.User.IsInRole("admin") ?? false;
                }

                public interface IWorkshops { string Search(string filter); }

                public class Workshops(ICurrentUserService currentUser) : IWorkshops
                {
                    public string Search(string filter) => currentUser.IsAdmin() ? "all " + filter : filter;
                }

                public class WorkshopController(IWorkshops workshops) : ControllerBase
                {
                    [HttpGet("workshops")]
                    public string {|PERF301:GetByFilter|}(string filter) => workshops.Search(filter);
                }
            }
            """, """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace App
            {
                public interface ICurrentUserService { bool IsAdmin(); }

                public class CurrentUserService(IHttpContextAccessor accessor) : ICurrentUserService
                {
                    public bool IsAdmin() => accessor.HttpContext?.User.IsInRole("admin") ?? false;
                }

                public interface IWorkshops { string Search(string filter); }

                public class Workshops(ICurrentUserService currentUser) : IWorkshops
                {
                    public string Search(string filter) => currentUser.IsAdmin() ? "all " + filter : filter;
                }

                public class WorkshopController(IWorkshops workshops) : ControllerBase
                {
                    [HttpGet("workshops")]
                    [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                    public string GetByFilter(string filter) => workshops.Search(filter);
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_an_action_that_reads_the_user_three_calls_down_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                public string {|PERF301:Get|}() => One();

                private string One() => Two();

                private string Two() => Three();

                private string Three() => User.Identity!.Name!;
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Get() => One();

                private string One() => Two();

                private string Two() => Three();

                private string Three() => User.Identity!.Name!;
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // The documented limit: three calls down. Four is not read (docs/rules/PERF301.md, "Personalised endpoints").
        [Fact]
        public Task Caching_an_action_that_reads_the_user_four_calls_down_emits_a_shared_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                public string {|PERF301:Get|}() => One();

                private string One() => Two();

                private string Two() => Three();

                private string Three() => Four();

                private string Four() => User.Identity!.Name!;
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                [ResponseCache(Duration = 60)]
                public string Get() => One();

                private string One() => Two();

                private string Two() => Three();

                private string Three() => Four();

                private string Four() => User.Identity!.Name!;
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_a_minimal_handler_that_asks_a_current_user_service_emits_a_private_header() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public class CurrentUser(IHttpContextAccessor accessor)
            {
                public string Name() => accessor.HttpContext?.User.Identity?.Name ?? "";
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/basket", (CurrentUser user) => "basket of " + user.Name());
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public class CurrentUser(IHttpContextAccessor accessor)
            {
                public string Name() => accessor.HttpContext?.User.Identity?.Name ?? "";
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/basket", (CurrentUser user) => "basket of " + user.Name()).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public async Task The_caching_fix_reads_a_current_user_service_declared_in_another_file()
        {
            const string service = """
                using Microsoft.AspNetCore.Http;

                public class CurrentUser(IHttpContextAccessor accessor)
                {
                    public string Name() => accessor.HttpContext?.User.Identity?.Name ?? "";
                }
                """;
            const string controller = """
                using Microsoft.AspNetCore.Mvc;

                [ApiController]
                public class FeedController(CurrentUser user) : ControllerBase
                {
                    [HttpGet]
                    public ActionResult<string> Get() => user.Name();
                }
                """;
            using var workspace = new AnalysisWorkspace(new[] { ("/CurrentUser.cs", service), ("/FeedController.cs", controller) }, Frameworks.Web);
            var diagnostic = Assert.Single((await workspace.GetPerfDiagnosticsAsync()).Where(d => d.Id == "PERF301"));
            Assert.Equal(PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice, diagnostic.GetMessage().Split("; ", 2)[1]);
            var titles = (await workspace.GetFixesAsync(diagnostic)).Select(fix => fix.Action.Title).ToList();
            Assert.Equal(new[] { "Mark as not cacheable", "Cache privately for 60 seconds" }, titles);
        }

        // A response built from the caller's identity is offered "Mark as not cacheable" first: the browser keys its cache
        // by URL, so a private copy outlives a sign-out or a change of user (BlazorBoilerplate's user view model).
        [Theory]
        [InlineData("public ActionResult<string> Get() => User.Identity!.Name!;", "Mark as not cacheable", "Cache privately for 60 seconds")]
        [InlineData("public ActionResult<string> Get() => Viewer();\n    private string Viewer() => User.Identity!.Name!;", "Mark as not cacheable", "Cache privately for 60 seconds")]
        [InlineData("public ActionResult<string> Get() => \"catalogue\";", "Cache for 60 seconds", "Mark as not cacheable")]
        [InlineData("public ActionResult<string> Get([FromHeader(Name = \"X-Device\")] string device) => device;", "Cache privately for 60 seconds", "Mark as not cacheable")]
        public async Task The_caching_fix_says_private_and_comes_second_when_the_handler_reads_the_user(string action, string firstTitle, string secondTitle)
        {
            var source = "using Microsoft.AspNetCore.Mvc;\n[ApiController]\npublic class FeedController : ControllerBase\n{\n    [HttpGet]\n    " + action + "\n}\n";
            using var workspace = new AnalysisWorkspace(new[] { ("/FeedController.cs", source) }, Frameworks.Web);
            var diagnostic = Assert.Single((await workspace.GetPerfDiagnosticsAsync()).Where(d => d.Id == "PERF301"));
            var titles = (await workspace.GetFixesAsync(diagnostic)).Select(fix => fix.Action.Title).ToList();
            Assert.Equal(new[] { firstTitle, secondTitle }, titles);
        }
    }
}
