using System.Linq;
using System.Threading.Tasks;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "How to fix": an endpoint whose response may depend on the caller through an input the rule
    /// does not count as identity (a value bound from a request header, the request's headers or connection read by the
    /// handler, a filter the rule cannot read) gets a client-only policy from "Cache for N seconds", never a shared one.
    /// The diagnostic itself is unchanged. Each test applies the fix one diagnostic at a time and through Fix All.
    /// </summary>
    public class PERF301CallerDependentFixTests
    {
        [Fact]
        public Task Caching_an_action_with_header_bound_parameters_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public record DeviceQuery([FromHeader(Name = "X-Device")] string Device);

            [ApiController, Route("devices")]
            public class DevicesController : ControllerBase
            {
                [HttpGet("known")]
                public ActionResult<bool> {|PERF301:IsKnown|}([FromHeader(Name = "X-Email")] string email, [FromHeader(Name = "X-Device")] string device) => email.Length > device.Length;

                [HttpGet("trusted")]
                public ActionResult<bool> {|PERF301:IsTrusted|}([FromQuery] int days, DeviceQuery query) => query.Device.Length > days;
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public record DeviceQuery([FromHeader(Name = "X-Device")] string Device);

            [ApiController, Route("devices")]
            public class DevicesController : ControllerBase
            {
                [HttpGet("known")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public ActionResult<bool> IsKnown([FromHeader(Name = "X-Email")] string email, [FromHeader(Name = "X-Device")] string device) => email.Length > device.Length;

                [HttpGet("trusted")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public ActionResult<bool> IsTrusted([FromQuery] int days, DeviceQuery query) => query.Device.Length > days;
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_an_action_that_reads_the_request_headers_or_connection_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class RegionController : ControllerBase
            {
                [HttpGet("region")]
                public string {|PERF301:Region|}() => Request.Headers["X-Region"].ToString();

                [HttpGet("origin")]
                public string {|PERF301:Origin|}() => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";

                // A response chosen by the User-Agent, read through '?.' (found in Sharebook's share landing page).
                [HttpGet("share")]
                public string {|PERF301:Share|}() => Request?.Headers["User-Agent"].ToString().Contains("bot") == true ? "meta" : "redirect";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class RegionController : ControllerBase
            {
                [HttpGet("region")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Region() => Request.Headers["X-Region"].ToString();

                [HttpGet("origin")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Origin() => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";

                // A response chosen by the User-Agent, read through '?.' (found in Sharebook's share landing page).
                [HttpGet("share")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Share() => Request?.Headers["User-Agent"].ToString().Contains("bot") == true ? "meta" : "redirect";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // OpenDeepWiki's OAuth metadata builds its URLs in GetBaseUrl(context) from X-Forwarded-Host; Remotely's update alias
        // returns the action that reads the caller's address. One level down, in the handler's own class.
        [Fact]
        public Task Caching_an_action_whose_own_helper_reads_the_request_headers_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class MetadataController : ControllerBase
            {
                [HttpGet("metadata")]
                public string {|PERF301:Metadata|}() => BaseUrl(HttpContext) + "/authorize";

                [HttpGet("legacy")]
                public string {|PERF301:Legacy|}() => Region();

                [HttpGet("region")]
                public string {|PERF301:Region|}() => Request.Headers["X-Region"].ToString();

                [HttpGet("static")]
                public string {|PERF301:Static|}() => Plain() + "/static";

                private static string BaseUrl(HttpContext context) => context.Request.Headers["X-Forwarded-Host"].ToString();

                private static string Plain() => "https://example";
            }
            """, """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class MetadataController : ControllerBase
            {
                [HttpGet("metadata")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Metadata() => BaseUrl(HttpContext) + "/authorize";

                [HttpGet("legacy")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Legacy() => Region();

                [HttpGet("region")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Region() => Request.Headers["X-Region"].ToString();

                [HttpGet("static")]
                [ResponseCache(Duration = 60)]
                public string Static() => Plain() + "/static";

                private static string BaseUrl(HttpContext context) => context.Request.Headers["X-Forwarded-Host"].ToString();

                private static string Plain() => "https://example";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        private const string Filters = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class InjectAccountAttribute : ActionFilterAttribute
            {
                public override Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next) => next();
            }

            public sealed class RequireOwnerAttribute : Attribute, IAsyncAuthorizationFilter
            {
                public Task OnAuthorizationAsync(AuthorizationFilterContext context) => Task.CompletedTask;
            }

            public sealed class AccountCheck : IAsyncActionFilter
            {
                public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next) => next();
            }

            public record Address(string Line);

            """;

        [Fact]
        public Task Caching_actions_behind_a_filter_the_rule_cannot_read_emits_a_client_only_policy() => VerifyFix.CodeFixAsync(Filters + """
            [InjectAccount]
            public abstract class AccountControllerBase : ControllerBase { }

            [Route("billing/{accountId}")]
            public class BillingController : AccountControllerBase
            {
                [HttpGet("address")]
                public ActionResult<Address> {|PERF301:GetAddress|}(Guid accountId) => new Address(accountId.ToString());
            }

            [Route("cards/{accountId}")]
            public class CardsController : ControllerBase
            {
                [HttpGet]
                [RequireOwner]
                public ActionResult<Address> {|PERF301:Get|}(Guid accountId) => new Address(accountId.ToString());

                [HttpGet("default")]
                [TypeFilter(typeof(AccountCheck))]
                public ActionResult<Address> {|PERF301:GetDefault|}(Guid accountId) => new Address(accountId.ToString());

                [HttpGet("last")]
                [ServiceFilter(typeof(AccountCheck))]
                public ActionResult<Address> {|PERF301:GetLast|}(Guid accountId) => new Address(accountId.ToString());
            }
            """, Filters + """
            [InjectAccount]
            public abstract class AccountControllerBase : ControllerBase { }

            [Route("billing/{accountId}")]
            public class BillingController : AccountControllerBase
            {
                [HttpGet("address")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public ActionResult<Address> GetAddress(Guid accountId) => new Address(accountId.ToString());
            }

            [Route("cards/{accountId}")]
            public class CardsController : ControllerBase
            {
                [HttpGet]
                [RequireOwner]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public ActionResult<Address> Get(Guid accountId) => new Address(accountId.ToString());

                [HttpGet("default")]
                [TypeFilter(typeof(AccountCheck))]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public ActionResult<Address> GetDefault(Guid accountId) => new Address(accountId.ToString());

                [HttpGet("last")]
                [ServiceFilter(typeof(AccountCheck))]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public ActionResult<Address> GetLast(Guid accountId) => new Address(accountId.ToString());
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_an_action_of_a_controller_that_filters_its_own_actions_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public abstract class TenantController : Controller
            {
                public override void OnActionExecuting(ActionExecutingContext context) => base.OnActionExecuting(context);
            }

            public class ReportsController : TenantController
            {
                [HttpGet("reports")]
                public string {|PERF301:List|}() => "reports";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public abstract class TenantController : Controller
            {
                public override void OnActionExecuting(ActionExecutingContext context) => base.OnActionExecuting(context);
            }

            public class ReportsController : TenantController
            {
                [HttpGet("reports")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string List() => "reports";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // Near miss: ASP.NET Core's own filters and inputs that are part of the URL leave the shared policy.
        [Fact]
        public Task Caching_an_action_with_framework_filters_and_url_inputs_emits_a_shared_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("plans"), RequireHttps]
            public class PlansController : Controller
            {
                [HttpGet("{id}")]
                [Produces("application/json")]
                public ActionResult<string> {|PERF301:Get|}([FromRoute] int id, [FromQuery] string? currency) => $"{id} {currency}";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("plans"), RequireHttps]
            public class PlansController : Controller
            {
                [HttpGet("{id}")]
                [Produces("application/json")]
                [ResponseCache(Duration = 60)]
                public ActionResult<string> Get([FromRoute] int id, [FromQuery] string? currency) => $"{id} {currency}";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_minimal_endpoints_with_header_inputs_or_endpoint_filters_emits_a_private_header() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public record DeviceQuery([FromHeader(Name = "X-Device")] string Device);

            public sealed class AccountFilter : IEndpointFilter
            {
                public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) => next(context);
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/known", ([FromHeader(Name = "X-Email")] string email) => email.Length);
                    app.{|PERF301:MapGet|}("/trusted", ([AsParameters] DeviceQuery query) => query.Device.Length);
                    var accounts = app.MapGroup("/accounts").AddEndpointFilter<AccountFilter>();
                    accounts.{|PERF301:MapGet|}("/address", () => "address");
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public record DeviceQuery([FromHeader(Name = "X-Device")] string Device);

            public sealed class AccountFilter : IEndpointFilter
            {
                public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) => next(context);
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/known", ([FromHeader(Name = "X-Email")] string email) => email.Length).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                    app.MapGet("/trusted", ([AsParameters] DeviceQuery query) => query.Device.Length).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                    var accounts = app.MapGroup("/accounts").AddEndpointFilter<AccountFilter>();
                    accounts.MapGet("/address", () => "address").AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A DEFRA identity service: every request needs an x-api-key header, checked by a middleware that answers 400
        // itself; its GET /applications lists client secrets. A shared cache would hand them to callers without the key.
        private const string ApiKeyMiddleware = """
            public sealed class ApiKeyMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (context.GetEndpoint() == null)
                    {
                        await next(context);
                        return;
                    }

                    if (!context.Request.Headers.TryGetValue("x-api-key", out var key) || key != "secret")
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return;
                    }

                    await next(context);
                }
            }

            """;

        [Fact]
        public Task Caching_endpoints_behind_a_middleware_that_turns_requests_away_by_header_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """ + ApiKeyMiddleware + """
            public class ApplicationsController : ControllerBase
            {
                [HttpGet("clients")]
                public string[] {|PERF301:Clients|}() => new[] { "client" };
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.UseMiddleware<ApiKeyMiddleware>();
                    app.{|PERF301:MapGet|}("/applications", () => new[] { "secret" });
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """ + ApiKeyMiddleware + """
            public class ApplicationsController : ControllerBase
            {
                [HttpGet("clients")]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string[] Clients() => new[] { "client" };
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.UseMiddleware<ApiKeyMiddleware>();
                    app.MapGet("/applications", () => new[] { "secret" }).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // The same gate written in place with app.Use.
        [Fact]
        public Task Caching_an_endpoint_behind_an_inline_middleware_that_turns_requests_away_by_header_emits_a_client_only_policy() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        if (!context.Request.Headers.ContainsKey("x-api-key"))
                        {
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            return;
                        }

                        await next(context);
                    });
                    app.{|PERF301:MapGet|}("/applications", () => new[] { "secret" });
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        if (!context.Request.Headers.ContainsKey("x-api-key"))
                        {
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            return;
                        }

                        await next(context);
                    });
                    app.MapGet("/applications", () => new[] { "secret" }).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        private const string CorrelationIdMiddleware = """
            public sealed class CorrelationIdMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Headers.TryGetValue("x-correlation-id", out var id))
                    {
                        context.Response.Headers["x-correlation-id"] = id;
                        await next(context);
                        return;
                    }

                    context.Response.Headers["x-correlation-id"] = System.Guid.NewGuid().ToString();
                    await next(context);
                }
            }

            """;

        // A correlation-id middleware reads a header and always calls the next one: it turns nobody away.
        // Amazon.Lambda.AspNetCoreServer as an application references it (the package is not on the feed): its API Gateway
        // entry points, by the names the fix looks up.
        private const string LambdaAspNetCoreServer = """
            namespace Amazon.Lambda.AspNetCoreServer
            {
                public abstract class AbstractAspNetCoreFunction { }
                public abstract class APIGatewayProxyFunction : AbstractAspNetCoreFunction { }
                public abstract class APIGatewayHttpApiV2ProxyFunction : AbstractAspNetCoreFunction { }
                public abstract class ApplicationLoadBalancerFunction : AbstractAspNetCoreFunction { }
            }
            """;

        private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> LambdaAspNetCoreServerReference =
            new System.Lazy<Microsoft.CodeAnalysis.MetadataReference>(() => ProbeCompilations.ReferencedProject("Amazon.Lambda.AspNetCoreServer", LambdaAspNetCoreServer, Frameworks.NetCore));

        private static Task CodeFixWithLambdaHostingAsync(string source, string fixedSource, string equivalenceKey)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<PERF301GetWithoutCachingPolicyAnalyzer, PERF301GetWithoutCachingPolicyCodeFix, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
            {
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
            };
            SnippetTest.Configure(test, source, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(LambdaAspNetCoreServerReference.Value);
            return test.RunAsync();
        }

        // Microsoft.Identity.Web's [RequiredScope] as versions from 2.0 declare it: metadata for the identity platform's
        // authorization handler, not a filter.
        private const string IdentityWeb = """
            namespace Microsoft.Identity.Web
            {
                public interface IAuthRequiredScopeMetadata { System.Collections.Generic.IEnumerable<string>? AcceptedScope { get; } string? RequiredScopesConfigurationKey { get; } }
            }

            namespace Microsoft.Identity.Web.Resource
            {
                [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Method)]
                public class RequiredScopeAttribute : System.Attribute, Microsoft.Identity.Web.IAuthRequiredScopeMetadata
                {
                    public RequiredScopeAttribute(params string[] acceptedScopes) => AcceptedScope = acceptedScopes;
                    public System.Collections.Generic.IEnumerable<string>? AcceptedScope { get; set; }
                    public string? RequiredScopesConfigurationKey { get; set; }
                }
            }
            """;

        private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> IdentityWebReference =
            new System.Lazy<Microsoft.CodeAnalysis.MetadataReference>(() => ProbeCompilations.ReferencedProject("Microsoft.Identity.Web", IdentityWeb, Frameworks.NetCore));

        // A packaging account facade: every controller requires a token scope, and nothing else in the code authorizes.
        [Fact]
        public Task Caching_an_action_of_a_controller_requiring_a_token_scope_emits_a_client_only_policy()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<PERF301GetWithoutCachingPolicyAnalyzer, PERF301GetWithoutCachingPolicyCodeFix, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
            {
                FixedCode = """
                    using Microsoft.AspNetCore.Mvc;
                    using Microsoft.Identity.Web.Resource;

                    [ApiController, Route("api/persons"), RequiredScope("account-management")]
                    public class PersonsController : ControllerBase
                    {
                        [HttpGet("{id}")]
                        [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                        public string Get(int id) => "person " + id;
                    }

                    [ApiController, Route("api/reasons")]
                    public class ReasonsController : ControllerBase
                    {
                        [HttpGet]
                        [ResponseCache(Duration = 60)]
                        public string[] Get() => new[] { "moved" };
                    }
                    """,
                CodeActionEquivalenceKey = PERF301GetWithoutCachingPolicyCodeFix.CacheKey,
            };
            SnippetTest.Configure(test, """
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Identity.Web.Resource;

                [ApiController, Route("api/persons"), RequiredScope("account-management")]
                public class PersonsController : ControllerBase
                {
                    [HttpGet("{id}")]
                    public string {|PERF301:Get|}(int id) => "person " + id;
                }

                [ApiController, Route("api/reasons")]
                public class ReasonsController : ControllerBase
                {
                    [HttpGet]
                    public string[] {|PERF301:Get|}() => new[] { "moved" };
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(IdentityWebReference.Value);
            return test.RunAsync();
        }

        // A London borough's token administration API: its only access control is API Gateway's API key, out of the code's
        // sight, and its GET lists the API tokens.
        [Fact]
        public Task Caching_an_action_of_an_application_behind_api_gateway_emits_a_client_only_policy() => CodeFixWithLambdaHostingAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction { }

            [ApiController, Route("api/v1/tokens")]
            public class TokensController : ControllerBase
            {
                [HttpGet]
                public IActionResult {|PERF301:ListTokens|}([FromQuery] bool? enabled) => Ok(new[] { "token" });
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction { }

            [ApiController, Route("api/v1/tokens")]
            public class TokensController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public IActionResult ListTokens([FromQuery] bool? enabled) => Ok(new[] { "token" });
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // The package referenced for an HTTP API (payload 2.0) entry point: the same gateway.
        [Fact]
        public Task Caching_a_minimal_endpoint_of_an_application_behind_an_http_api_gateway_emits_a_private_header() => CodeFixWithLambdaHostingAsync("""
            using Microsoft.AspNetCore.Builder;

            public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayHttpApiV2ProxyFunction { }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/addresses", () => new[] { "1 Hillman Street" });
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayHttpApiV2ProxyFunction { }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/addresses", () => new[] { "1 Hillman Street" }).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); });
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_endpoints_behind_a_middleware_that_reads_a_header_and_always_continues_emits_a_shared_policy() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """ + CorrelationIdMiddleware + """
            public class ApplicationsController : ControllerBase
            {
                [HttpGet("clients")]
                public string[] {|PERF301:Clients|}() => new[] { "client" };
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.UseMiddleware<CorrelationIdMiddleware>();
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """ + CorrelationIdMiddleware + """
            public class ApplicationsController : ControllerBase
            {
                [HttpGet("clients")]
                [ResponseCache(Duration = 60)]
                public string[] Clients() => new[] { "client" };
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.UseMiddleware<CorrelationIdMiddleware>();
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Caching_a_minimal_endpoint_with_query_inputs_uses_output_caching() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public static class Endpoints
            {
                public static void AddServices(IServiceCollection services) => services.AddOutputCache();
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/plans", (string? currency) => currency ?? "EUR");
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public static class Endpoints
            {
                public static void AddServices(IServiceCollection services) => services.AddOutputCache();
                public static void Map(WebApplication app) => app.MapGet("/plans", (string? currency) => currency ?? "EUR").CacheOutput(p => p.Expire(TimeSpan.FromSeconds(60)));
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Theory]
        [InlineData("public ActionResult<bool> Get([FromHeader(Name = \"X-Device\")] string device) => device.Length > 0;", "Cache privately for 60 seconds")]
        [InlineData("[TypeFilter(typeof(object))]\n    public ActionResult<string> Get() => \"address\";", "Cache privately for 60 seconds")]
        [InlineData("public ActionResult<bool> Get([FromQuery] string device) => device.Length > 0;", "Cache for 60 seconds")]
        public async Task The_message_keeps_the_general_advice_and_the_title_says_private(string action, string expectedTitle)
        {
            var source = "using Microsoft.AspNetCore.Mvc;\n[ApiController]\npublic class DevicesController : ControllerBase\n{\n    [HttpGet]\n    " + action + "\n}\n";
            using var workspace = new AnalysisWorkspace(new[] { ("/DevicesController.cs", source) }, Frameworks.Web);
            var diagnostic = Assert.Single((await workspace.GetPerfDiagnosticsAsync()).Where(d => d.Id == "PERF301"));
            Assert.Equal(PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice, diagnostic.GetMessage().Split("; ", 2)[1]);
            var titles = (await workspace.GetFixesAsync(diagnostic)).Select(fix => fix.Action.Title).ToList();
            Assert.Equal(new[] { expectedTitle, "Mark as not cacheable" }, titles);
        }
    }
}
