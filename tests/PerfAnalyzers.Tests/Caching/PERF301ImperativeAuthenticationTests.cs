using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "What is not flagged": a handler that authenticates its caller itself, by calling first a
    /// method of the application that reads the request's Authorization header and throws an Unauthorized error,
    /// requires authorization as <c>[Authorize]</c> does. A method that reads the header without rejecting the caller,
    /// or a check that runs only on some requests, does not.
    /// </summary>
    public class PERF301ImperativeAuthenticationTests
    {
        private const string BaseController = """
            using System;
            using System.Net;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class OAuthException : Exception
            {
                public OAuthException(HttpStatusCode status, string code) : base(code) => Status = status;
                public HttpStatusCode Status { get; }
            }

            public class BaseApiController : ControllerBase
            {
                protected string ExtractBearerToken()
                {
                    if (TryExtractBearerToken(out var token)) return token;
                    throw new OAuthException(HttpStatusCode.Unauthorized, "access_denied");
                }

                protected bool TryExtractBearerToken(out string token)
                {
                    token = null;
                    if (!Request.Headers.ContainsKey("Authorization")) return false;
                    token = Request.Headers["Authorization"].ToString();
                    return true;
                }

                protected async Task<string> CheckAccessToken(string realm, string scope = null)
                {
                    var token = ExtractBearerToken();
                    await Task.Yield();
                    if (scope != null && !token.Contains(scope)) throw new OAuthException(HttpStatusCode.Unauthorized, "request_denied");
                    return token;
                }

                protected void RequireKey()
                {
                    if (Request.Headers.Authorization.Count == 0) throw new UnauthorizedAccessException();
                }

                protected string OptionalCaller() => Request.Headers.Authorization.ToString();

                protected void RequireApiKey(string key)
                {
                    if (key != "secret") throw new UnauthorizedAccessException();
                }
            }

            """;

        // ---- Not flagged ----

        [Fact]
        public Task Action_that_checks_the_access_token_first_is_not_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                public async Task<IActionResult> Get(string prefix, string id)
                {
                    await CheckAccessToken(prefix, "users");
                    return Ok(id);
                }
            }
            """);

        [Fact]
        public Task Check_inside_a_leading_try_block_is_not_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                public async Task<IActionResult> Get(string prefix, string id)
                {
                    prefix = prefix ?? "master";
                    try
                    {
                        await CheckAccessToken(prefix, "users");
                        return Ok(id);
                    }
                    catch (OAuthException ex)
                    {
                        return StatusCode((int)ex.Status);
                    }
                }
            }
            """);

        [Fact]
        public Task Token_read_into_a_local_first_is_not_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class GrantsController : BaseApiController
            {
                [HttpGet]
                public IActionResult Get(string id)
                {
                    var token = ExtractBearerToken();
                    return Ok(token + id);
                }
            }
            """);

        [Fact]
        public Task Check_that_throws_an_unauthorized_exception_type_is_not_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class ReportsController : BaseApiController
            {
                [HttpGet]
                public IActionResult Get()
                {
                    RequireKey();
                    return Ok("report");
                }
            }
            """);

        [Fact]
        public Task Minimal_handler_that_checks_first_is_not_reported() => VerifyCS.AnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Auth
            {
                public static void Require(HttpRequest request)
                {
                    if (!request.Headers.TryGetValue("Authorization", out _))
                        throw new BadHttpRequestException("missing token", StatusCodes.Status401Unauthorized);
                }
            }

            public static class Api
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/stats", (HttpRequest request) =>
                    {
                        Auth.Require(request);
                        return new { Users = 3 };
                    });
            }
            """);

        [Fact]
        public Task Action_returning_through_a_method_that_checks_first_is_not_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                public Task<IActionResult> Block(string prefix, string id)
                {
                    var reason = "blocked";
                    return Toggle(prefix, id, reason);
                }

                private async Task<IActionResult> Toggle(string prefix, string id, string reason)
                {
                    await CheckAccessToken(prefix, "users");
                    return Ok(id + reason);
                }
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Check_under_a_condition_is_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                public async Task<IActionResult> {|PERF301:Get|}(string prefix, string id)
                {
                    if (prefix != null)
                        await CheckAccessToken(prefix, "users");
                    return Ok(id);
                }
            }
            """);

        [Fact]
        public Task Header_read_without_rejecting_the_caller_is_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class ProfileController : BaseApiController
            {
                [HttpGet]
                public IActionResult {|PERF301:Get|}()
                {
                    var caller = OptionalCaller();
                    return Ok(caller);
                }
            }
            """);

        [Fact]
        public Task Rejection_without_reading_the_authorization_header_is_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class ExportController : BaseApiController
            {
                [HttpGet]
                public IActionResult {|PERF301:Get|}(string key)
                {
                    RequireApiKey(key);
                    return Ok("export");
                }
            }
            """);

        [Fact]
        public Task Check_after_the_response_is_chosen_is_reported() => VerifyCS.AnalyzerAsync(BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                public async Task<IActionResult> {|PERF301:Get|}(string prefix, string id)
                {
                    if (id == "me") return Ok("me");
                    await CheckAccessToken(prefix, "users");
                    return Ok(id);
                }
            }
            """);

        [Fact]
        public Task With_include_authorized_it_is_reported_and_cached_privately() => VerifyFix.CodeFixAsync(BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                public async Task<IActionResult> {|PERF301:Get|}(string prefix, string id)
                {
                    await CheckAccessToken(prefix, "users");
                    return Ok(id);
                }
            }
            """, BaseController + """
            public class UsersController : BaseApiController
            {
                [HttpGet]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public async Task<IActionResult> Get(string prefix, string id)
                {
                    await CheckAccessToken(prefix, "users");
                    return Ok(id);
                }
            }
            """, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.PERF301.include_authorized = true");
    }
}
