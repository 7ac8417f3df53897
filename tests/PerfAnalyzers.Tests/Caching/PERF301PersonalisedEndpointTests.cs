using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "Personalised endpoints": an endpoint that reads the caller's identity itself is still
    /// reported, with the message that asks for a private or no-store policy (and the Private property the fixes
    /// honour). Reads through a member the handler calls are left to the code fix (PERF301PersonalisedFixTests): the
    /// message then gives the general advice, which says to cache privately when the response depends on the caller.
    /// </summary>
    public class PERF301PersonalisedEndpointTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Net.Http.Headers;

            public record Article(int Id, string Title);

            """;

        private static Task Personal(string body, string name)
            => VerifyCS.AnalyzerAsync(Usings + body, expected: VerifyCS.Diagnostic(Descriptors.PERF301GetWithoutCachingPolicy).WithLocation(0).WithArguments(name, PERF301GetWithoutCachingPolicyAnalyzer.PersonalAdvice));

        private static Task Shared(string body, string name)
            => VerifyCS.AnalyzerAsync(Usings + body, expected: VerifyCS.Diagnostic(Descriptors.PERF301GetWithoutCachingPolicy).WithLocation(0).WithArguments(name, PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice));

        // The analyzer does not read the members a handler calls: the general advice, and the fix decides.
        private static Task LeftToTheFix(string body, string name) => Shared(body, name);

        // ---- Personalised: the private / no-store message ----

        [Fact]
        public Task An_action_that_reads_User_asks_for_a_private_policy() => Personal("""
            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public List<Article> {|#0:Feed|}() => new() { new Article(1, User.Identity!.Name!) };
            }
            """, "Feed");

        [Fact]
        public Task An_action_that_reads_a_claim_through_HttpContext_User_asks_for_a_private_policy() => Personal("""
            public class ProfilesController : ControllerBase
            {
                [HttpGet("profiles/{name}")]
                public IActionResult {|#0:Get|}(string name)
                {
                    var viewer = HttpContext.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
                    return Ok(new { name, following = viewer == "x" });
                }
            }
            """, "Get");

        [Fact]
        public Task An_action_that_reads_the_Authorization_header_asks_for_a_private_policy() => Personal("""
            public class CartController : ControllerBase
            {
                [HttpGet("cart")]
                public string {|#0:Get|}() => Request.Headers[HeaderNames.Authorization].ToString();
            }
            """, "Get");

        [Fact]
        public Task An_action_that_reads_a_cookie_asks_for_a_private_policy() => Personal("""
            public class CartController : ControllerBase
            {
                [HttpGet("cart")]
                public string {|#0:Get|}() => Request.Cookies["cart"] ?? "";
            }
            """, "Get");

        [Fact]
        public Task An_action_that_reads_an_access_token_asks_for_a_private_policy() => Personal("""
            public class CartController : ControllerBase
            {
                [HttpGet("cart")]
                public async Task<string> {|#0:Get|}() => await HttpContext.GetTokenAsync("access_token") ?? "";
            }
            """, "Get");

        [Fact]
        public Task An_action_that_reads_User_only_through_a_helper_is_left_to_the_fix() => LeftToTheFix("""
            public class CartController : ControllerBase
            {
                [HttpGet("cart")]
                public List<Article> {|#0:Get|}() => Load(CurrentUserId());

                private string CurrentUserId() => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

                private static List<Article> Load(string user) => new();
            }
            """, "Get");

        [Fact]
        public Task An_action_that_asks_a_current_user_service_behind_an_interface_is_left_to_the_fix() => LeftToTheFix("""
            namespace App
            {
                public interface ICurrentUser { string? Name { get; } }

                public class CurrentUser : ICurrentUser
                {
                    private readonly IHttpContextAccessor accessor;
                    public CurrentUser(IHttpContextAccessor accessor) => this.accessor = accessor;
                    public string? Name => accessor.HttpContext?.User.Identity?.Name;
                }

                public class FeedController : ControllerBase
                {
                    private readonly ICurrentUser user;
                    public FeedController(ICurrentUser user) => this.user = user;

                    [HttpGet("feed")]
                    public List<Article> {|#0:Feed|}() => new() { new Article(1, user.Name ?? "") };
                }
            }
            """, "Feed");

        [Fact]
        public Task A_minimal_handler_with_a_ClaimsPrincipal_parameter_asks_for_a_private_policy() => Personal("""
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/me", (ClaimsPrincipal user) => user.Identity!.Name);
                }
            }
            """, "/me");

        [Fact]
        public Task A_minimal_handler_that_reads_HttpContext_User_asks_for_a_private_policy() => Personal("""
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/basket", (HttpContext context) => new Article(1, context.User.Identity!.Name!));
                }
            }
            """, "/basket");

        [Fact]
        public Task A_minimal_method_group_whose_body_reads_the_user_asks_for_a_private_policy() => Personal("""
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/orders", GetOrders);
                }

                private static List<Article> GetOrders(IHttpContextAccessor accessor)
                    => new() { new Article(1, accessor.HttpContext!.User.Identity!.Name!) };
            }
            """, "/orders");

        // ---- Not personalised: the ordinary message ----

        [Fact]
        public Task An_action_that_reads_only_its_route_keeps_the_ordinary_message() => Shared("""
            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles/{id}")]
                public Article {|#0:Get|}(int id) => new(id, "x");
            }
            """, "Get");

        [Fact]
        public Task An_action_that_reads_another_request_header_keeps_the_ordinary_message() => Shared("""
            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                public string {|#0:Get|}() => Request.Headers[HeaderNames.AcceptLanguage].ToString();
            }
            """, "Get");

        [Fact]
        public Task An_action_that_takes_HttpContext_but_reads_no_identity_keeps_the_ordinary_message() => Shared("""
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/path", (HttpContext context) => context.Request.Path.Value);
                }
            }
            """, "/path");

        [Fact]
        public Task A_helper_two_levels_down_that_reads_the_user_is_not_followed() => Shared("""
            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                public string {|#0:Get|}() => One();

                private string One() => Two();

                private string Two() => User.Identity!.Name!;
            }
            """, "Get");

        [Fact]
        public Task A_personalised_authorized_action_stays_silent_by_default() => VerifyCS.AnalyzerAsync(Usings + """
            [Microsoft.AspNetCore.Authorization.Authorize]
            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public string Feed() => User.Identity!.Name!;
            }
            """);

        [Fact]
        public Task A_personalised_action_with_a_private_policy_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class FeedController : ControllerBase
            {
                [HttpGet("feed"), ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Feed() => User.Identity!.Name!;
            }
            """);

        // ---- Operation blocks: attributes on parameters are not the body ----

        [Fact]
        public Task Reports_an_action_whose_parameter_has_an_attribute() => Shared("""
            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                public ActionResult<List<Article>> {|#0:Get|}([FromQuery] bool? enabled) => new List<Article>();
            }
            """, "Get");

        [Fact]
        public Task Reports_an_action_with_a_parameter_attribute_and_a_default_value() => Shared("""
            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles")]
                public IActionResult {|#0:Get|}([FromQuery] int page = 1, [FromQuery(Name = "q")] string? query = null) => Ok(new Article(page, query ?? ""));
            }
            """, "Get");

        [Fact]
        public Task Does_not_report_a_bodiless_action_whose_parameter_has_an_attribute() => VerifyCS.AnalyzerAsync(Usings + """
            public class ArticlesController : ControllerBase
            {
                [HttpGet("articles/{id}")]
                public IActionResult Get([FromRoute] int id) => id > 0 ? NoContent() : NotFound();
            }
            """);

        [Fact]
        public Task Reads_the_user_in_the_body_of_an_action_whose_parameter_has_an_attribute() => Personal("""
            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public IActionResult {|#0:Feed|}([FromQuery] int page) => Ok(new Article(page, User.Identity!.Name!));
            }
            """, "Feed");

        // ---- A current-user service whose contract is declared elsewhere ----

        [Fact]
        public Task A_current_user_service_implemented_in_another_namespace_is_left_to_the_fix() => LeftToTheFix("""
            namespace App.Abstractions
            {
                public interface ICurrentUser { string? Name { get; } }
            }

            namespace App.Web.Services
            {
                public class CurrentUser : App.Abstractions.ICurrentUser
                {
                    private readonly IHttpContextAccessor accessor;
                    public CurrentUser(IHttpContextAccessor accessor) => this.accessor = accessor;
                    public string? Name => accessor.HttpContext?.User.Identity?.Name;
                }
            }

            namespace App.Web.Controllers
            {
                public class FeedController : ControllerBase
                {
                    private readonly App.Abstractions.ICurrentUser user;
                    public FeedController(App.Abstractions.ICurrentUser user) => this.user = user;

                    [HttpGet("feed")]
                    public List<Article> {|#0:Feed|}() => new() { new Article(1, user.Name ?? "") };
                }
            }
            """, "Feed");

        // The Application project of a layered solution declares the contract; the web project implements it.
        internal static readonly Lazy<MetadataReference> ApplicationProject = new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject(
            "Shop.Application",
            "namespace Shop.Application { public interface ICurrentUser { string? Name { get; } } }",
            Frameworks.NetCore));

        private static Task WithApplicationProject(string body, string name, string advice)
        {
            var test = new CSharpAnalyzerTest<PERF301GetWithoutCachingPolicyAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Usings + body, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(ApplicationProject.Value);
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Descriptors.PERF301GetWithoutCachingPolicy).WithLocation(0).WithArguments(name, advice));
            return test.RunAsync();
        }

        [Fact]
        public Task A_current_user_service_whose_contract_is_in_another_project_is_left_to_the_fix() => WithApplicationProject("""
            public class CurrentUser : Shop.Application.ICurrentUser
            {
                private readonly IHttpContextAccessor accessor;
                public CurrentUser(IHttpContextAccessor accessor) => this.accessor = accessor;
                public string? Name => accessor.HttpContext?.User.FindFirst(ClaimTypes.Name)?.Value;
            }

            public class FeedController : ControllerBase
            {
                private readonly Shop.Application.ICurrentUser user;
                public FeedController(Shop.Application.ICurrentUser user) => this.user = user;

                [HttpGet("feed")]
                public List<Article> {|#0:Feed|}() => new() { new Article(1, user.Name ?? "") };
            }
            """, "Feed", PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice);

        [Fact]
        public Task A_service_whose_contract_is_in_another_project_and_reads_no_identity_keeps_the_ordinary_message() => WithApplicationProject("""
            public class FixedUser : Shop.Application.ICurrentUser
            {
                public string? Name => "guest";
            }

            public class FeedController : ControllerBase
            {
                private readonly Shop.Application.ICurrentUser user;
                public FeedController(Shop.Application.ICurrentUser user) => this.user = user;

                [HttpGet("feed")]
                public List<Article> {|#0:Feed|}() => new() { new Article(1, user.Name ?? "") };
            }
            """, "Feed", PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice);

        [Fact]
        public Task A_contract_of_another_project_implemented_in_no_source_keeps_the_ordinary_message() => WithApplicationProject("""
            public class FeedController : ControllerBase
            {
                private readonly Shop.Application.ICurrentUser user;
                public FeedController(Shop.Application.ICurrentUser user) => this.user = user;

                [HttpGet("feed")]
                public List<Article> {|#0:Feed|}() => new() { new Article(1, user.Name ?? "") };
            }
            """, "Feed", PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice);
    }
}
