using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    public class PERF301GetWithoutCachingPolicyTests
    {
        private const string ControllerUsings = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.OutputCaching;

            public record Product(int Id, string Name);

            """;

        private const string MinimalUsings = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.OutputCaching;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;

            public record Product(int Id, string Name);

            """;

        private static Task Controller(string body, string? editorConfig = null) => VerifyCS.AnalyzerAsync(ControllerUsings + body, editorConfig);

        private static Task Minimal(string body, string? editorConfig = null) => VerifyCS.AnalyzerAsync(MinimalUsings + body, editorConfig);

        // ---- Flagged: controllers ----

        [Fact]
        public Task Reports_get_action_returning_a_value() => Controller("""
            [ApiController, Route("products")]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public List<Product> {|PERF301:List|}() => new();
            }
            """);

        [Fact]
        public Task Reports_get_action_returning_action_result_of_t() => Controller("""
            [ApiController]
            public class ProductsController : ControllerBase
            {
                [HttpGet("{id}")]
                public ActionResult<Product> {|PERF301:Get|}(int id)
                {
                    if (id < 0)
                    {
                        return NotFound();
                    }

                    return new Product(id, "x");
                }
            }
            """);

        [Fact]
        public Task Reports_get_action_returning_ok_with_a_value() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public IActionResult {|PERF301:Get|}() => Ok(new Product(1, "x"));
            }
            """);

        [Fact]
        public Task Reports_async_get_action() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> {|PERF301:GetAsync|}()
                {
                    await Task.Yield();
                    return Ok(new List<Product>());
                }
            }
            """);

        [Fact]
        public Task Reports_head_action() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpHead]
                public ActionResult<Product> {|PERF301:Head|}() => new Product(1, "x");
            }
            """);

        [Fact]
        public Task Reports_action_of_class_marked_controller_without_base_class() => Controller("""
            [Controller]
            public class Catalog
            {
                [HttpGet]
                public string {|PERF301:Name|}() => "catalog";
            }
            """);

        [Fact]
        public Task Reports_action_of_plain_class_named_like_a_controller() => Controller("""
            public class CatalogController
            {
                [HttpGet]
                public string {|PERF301:Name|}() => "catalog";
            }
            """);

        [Fact]
        public Task Reports_action_that_writes_an_unrelated_header() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}()
                {
                    Response.Headers["X-Trace"] = "1";
                    Response.Headers.Append("Vary", "Accept");
                    return "x";
                }
            }
            """);

        [Fact]
        public Task Reports_action_that_only_reads_the_request_etag() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}()
                {
                    var tag = Request.Headers.ETag;
                    Request.Headers["Cache-Control"] = "no-cache";
                    return tag.ToString();
                }
            }
            """);

        [Fact]
        public Task Reports_action_where_allow_anonymous_lifts_controller_authorization() => Controller("""
            [Authorize]
            public class ProductsController : ControllerBase
            {
                [HttpGet, AllowAnonymous]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Reports_file_result_without_validators() => Controller("""
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult {|PERF301:Download|}() => File(new byte[1], "application/octet-stream");
            }
            """);

        [Fact]
        public Task Reports_authorized_action_when_include_authorized_is_set() => Controller("""
            [Authorize]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """, "perf_analyzers.PERF301.include_authorized = true");

        // ---- Flagged: minimal APIs ----

        [Fact]
        public Task Reports_mapget_lambda_returning_a_value() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/products", () => new List<Product>());
                }
            }
            """);

        [Fact]
        public Task Reports_mapget_returning_results_ok_with_a_value() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/products/{id}", (int id) => id > 0 ? Results.Ok(new Product(id, "x")) : Results.NotFound());
                }
            }
            """);

        [Fact]
        public Task Reports_mapget_returning_typed_results() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/products", async () =>
                    {
                        await Task.Yield();
                        return TypedResults.Ok(new List<Product>());
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_mapget_with_a_method_group_handler() => Minimal("""
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.{|PERF301:MapGet|}("/products", List);
                }

                private static List<Product> List() => new();
            }
            """);

        [Fact]
        public Task Reports_mapget_on_a_group_without_a_policy() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var api = app.MapGroup("/api").WithTags("api");
                    var products = api.MapGroup("/products");
                    products.{|PERF301:MapGet|}("/", () => "all");
                }
            }
            """);

        [Fact]
        public Task Reports_mapget_when_only_another_endpoint_is_cached() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/cached", () => "a").CacheOutput();
                    app.{|PERF301:MapGet|}("/fresh", () => "b").WithName("fresh");
                }
            }
            """);

        [Fact]
        public Task Reports_mapget_with_other_conventions_only() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/products", () => "x").WithName("products").WithMetadata(new ProducesAttribute("application/json"));
                }
            }
            """);

        [Fact]
        public Task Reports_authorized_mapget_when_include_authorized_is_set() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/me", () => "me").RequireAuthorization();
                }
            }
            """, "perf_analyzers.include_authorized = true");

        [Fact]
        public Task Reports_mapget_where_allow_anonymous_lifts_group_authorization() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var group = app.MapGroup("/api").RequireAuthorization();
                    group.{|PERF301:MapGet|}("/public", () => "x").AllowAnonymous();
                }
            }
            """);

        // ---- Not flagged: policies on controllers ----

        [Fact]
        public Task Ignores_action_with_response_cache() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet, ResponseCache(Duration = 60)]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_action_with_output_cache() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [OutputCache(Duration = 60)]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_action_of_controller_with_policy() => Controller("""
            [ResponseCache(Duration = 30)]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_action_whose_base_controller_declares_a_policy() => Controller("""
            [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
            public abstract class NoStoreController : ControllerBase { }

            public class ProductsController : NoStoreController
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_explicit_no_store_opt_out() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet, ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public string Get() => "x";

                [HttpGet("o"), OutputCache(NoStore = true)]
                public string GetOther() => "y";
            }
            """);

        [Fact]
        public Task Ignores_action_setting_cache_control_through_typed_header() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get()
                {
                    Response.Headers.CacheControl = "public, max-age=60";
                    return "x";
                }
            }
            """);

        [Fact]
        public Task Ignores_action_setting_cache_headers_with_string_keys() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet("a")]
                public string GetA()
                {
                    Response.Headers["Cache-Control"] = "no-store";
                    return "x";
                }

                [HttpGet("b")]
                public string GetB()
                {
                    HttpContext.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.ETag, "\"v1\"");
                    return "x";
                }

                [HttpGet("c")]
                public string GetC()
                {
                    Response.Headers["expires"] = DateTime.UtcNow.AddMinutes(1).ToString("R");
                    return "x";
                }
            }
            """);

        [Fact]
        public Task Ignores_action_using_typed_response_headers() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get()
                {
                    Response.GetTypedHeaders().CacheControl = new Microsoft.Net.Http.Headers.CacheControlHeaderValue { MaxAge = TimeSpan.FromMinutes(1) };
                    return "x";
                }
            }
            """);

        [Fact]
        public Task Ignores_file_result_with_last_modified_or_entity_tag() => Controller("""
            public class FilesController : ControllerBase
            {
                [HttpGet("a")]
                public IActionResult Get() => File(new byte[1], "text/plain", lastModified: DateTimeOffset.UtcNow, entityTag: null);

                [HttpGet("b")]
                public IActionResult GetB() => PhysicalFile("/tmp/a.txt", "text/plain", null, new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"v1\""));
            }
            """);

        [Fact]
        public Task Ignores_a_validator_helper_given_the_request_and_response() => Controller("""
            public static class ContextHelper
            {
                public static bool IsNotModified(HttpRequest request, HttpResponse response, string eTag, DateTimeOffset lastModified)
                {
                    response.Headers.ETag = eTag;
                    return request.Headers.IfNoneMatch == eTag;
                }
            }

            public class GamesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get()
                {
                    if (ContextHelper.IsNotModified(Request, Response, "\"v1\"", lastModified: DateTimeOffset.UnixEpoch)) return StatusCode(304);
                    return Ok("games");
                }
            }
            """);

        [Fact]
        public Task Reports_a_domain_method_recording_a_modification_time() => Controller("""
            public class Representation
            {
                public DateTime Updated { get; private set; }
                public string Version { get; private set; } = "";
                public void SetUpdated(DateTime lastModified, string version) { Updated = lastModified; Version = version; }
            }

            public class ConfigController : ControllerBase
            {
                [HttpGet]
                public IActionResult {|PERF301:Get|}()
                {
                    var representation = new Representation();
                    representation.SetUpdated(DateTime.UnixEpoch, "1");
                    return Ok(representation);
                }
            }
            """);

        [Fact]
        public Task Ignores_files_served_from_a_path_which_carry_their_modification_time() => Controller("""
            public class FilesController : ControllerBase
            {
                [HttpGet("physical")]
                public IActionResult Download(string name) => PhysicalFile("/srv/files/" + name, "application/octet-stream", name, true);

                [HttpGet("virtual")]
                public IActionResult Manual() => File("~/docs/manual.pdf", "application/pdf");
            }
            """);

        [Fact]
        public Task Ignores_minimal_endpoints_serving_files_from_a_path() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string name) => Results.File("/srv/files/" + name, "application/octet-stream"));
                    app.MapGet("/b", () => TypedResults.PhysicalFile("/srv/files/report.csv", "text/csv"));
                }
            }
            """);

        [Fact]
        public Task Reports_files_served_from_a_stream_or_bytes() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/a", () => Results.File(new byte[1], "application/octet-stream"));
                    app.{|PERF301:MapGet|}("/b", () => Results.File(new System.IO.MemoryStream(), "application/octet-stream"));
                }
            }
            """);

        [Fact]
        public Task Ignores_action_that_returns_nothing() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet("a")]
                public void Ping() { }

                [HttpGet("b")]
                public Task PingAsync() => Task.CompletedTask;

                [HttpGet("c")]
                public IActionResult Empty() => NoContent();

                [HttpGet("d")]
                public IActionResult Alive() => Ok();

                [HttpGet("e")]
                public async Task<IActionResult> Check(bool ok)
                {
                    await Task.Yield();
                    return ok ? Ok() : NotFound();
                }
            }
            """);

        [Fact]
        public Task Ignores_redirect_only_action() => Controller("""
            public class LegacyController : ControllerBase
            {
                [HttpGet("old")]
                public IActionResult Old() => RedirectPermanent("/new");

                [HttpGet("other")]
                public ActionResult Other() => RedirectToAction("Index");
            }
            """);

        [Fact]
        public Task Ignores_authorized_action_by_default() => Controller("""
            [Authorize]
            public abstract class SecureController : ControllerBase { }

            public class AccountController : SecureController
            {
                [HttpGet]
                public string Me() => "me";
            }

            public class OrdersController : ControllerBase
            {
                [HttpGet, Authorize(Roles = "admin")]
                public string All() => "orders";
            }
            """);

        [Fact]
        public Task Ignores_non_get_actions_and_non_actions() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpPost]
                public string Create() => "x";

                [HttpGet, NonAction]
                public string Helper() => "x";

                [HttpGet]
                public static string Static() => "x";

                [HttpGet]
                internal string Internal() => "x";

                public string NoVerb() => "x";
            }
            """);

        [Fact]
        public Task Ignores_get_method_of_a_class_that_is_not_a_controller() => Controller("""
            public class ProductsService
            {
                [HttpGet]
                public string Get() => "x";
            }

            [NonController]
            public class HelperController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_controllers_when_a_global_response_cache_filter_is_registered() => Controller("""
            public static class Startup
            {
                public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                    => Microsoft.Extensions.DependencyInjection.MvcServiceCollectionExtensions.AddControllers(
                        services, options => options.Filters.Add(new ResponseCacheAttribute { Duration = 30 }));
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_every_endpoint_when_an_output_cache_base_policy_is_registered() => Minimal("""
            public static class Program
            {
                public static void Configure(IServiceCollection services, WebApplication app)
                {
                    services.AddOutputCache(o => o.AddBasePolicy(p => p.Expire(TimeSpan.FromSeconds(10))));
                    app.UseOutputCache();
                    app.MapGet("/products", () => "x");
                }
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_razor_page_handlers() => Controller("""
            public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public string OnGet() => "x";
            }
            """);

        [Fact]
        public Task Ignores_overriding_action_whose_base_declares_a_policy() => Controller("""
            public abstract class BaseProductsController : ControllerBase
            {
                [HttpGet, ResponseCache(Duration = 10)]
                public virtual string Get() => "x";
            }

            public class ProductsController : BaseProductsController
            {
                [HttpGet]
                public override string Get() => "y";
            }
            """);

        // ---- Not flagged: minimal APIs ----

        [Fact]
        public Task Ignores_mapget_with_cache_output() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => "a").CacheOutput();
                    app.MapGet("/b", () => "b").WithName("b").CacheOutput("short");
                    app.MapGet("/c", () => "c").CacheOutput(p => p.NoCache());
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_with_response_cache_metadata() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => "a").WithMetadata(new ResponseCacheAttribute { Duration = 60 });
                    app.MapGet("/b", [OutputCache(Duration = 5)] () => "b");
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_on_a_cached_group_chain() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var api = app.MapGroup("/api").CacheOutput();
                    var products = api.MapGroup("/products");
                    products.MapGet("/", () => "all");
                    app.MapGroup("/v2").MapGroup("/items").CacheOutput().MapGet("/", () => "items");
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_on_a_group_cached_after_it_is_declared() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var products = app.MapGroup("/products");
                    products.CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
                    products.MapGet("/", () => "all");
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_whose_endpoint_local_is_cached_later() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var endpoint = app.MapGet("/", () => "all");
                    endpoint.CacheOutput();
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_that_writes_cache_headers_or_validators() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (HttpContext context) =>
                    {
                        context.Response.Headers.CacheControl = "no-store";
                        return "a";
                    });
                    app.MapGet("/b", () => Results.File(new byte[1], "text/plain", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"1\"")));
                    app.MapGet("/c", (HttpResponse response) =>
                    {
                        response.Headers.Append("Last-Modified", DateTime.UtcNow.ToString("R"));
                        return "c";
                    });
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_with_a_caching_endpoint_filter() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/me", () => "me").AddEndpointFilter(async (context, next) =>
                    {
                        context.HttpContext.Response.Headers.CacheControl = "private, max-age=60";
                        return await next(context);
                    });
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_returning_nothing_or_no_body() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.NoContent());
                    app.MapGet("/b", () => Results.Ok());
                    app.MapGet("/c", () => TypedResults.NoContent());
                    app.MapGet("/d", async () => await Task.Yield());
                    app.MapGet("/e", () => Results.Redirect("/new"));
                    app.MapGet("/f", (HttpContext context) => context.Response.WriteAsync("x"));
                }
            }
            """);

        [Fact]
        public Task Ignores_authorized_mapget_by_default() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/me", () => "me").RequireAuthorization();
                    app.MapGet("/admin", [Authorize] () => "admin");
                    var secure = app.MapGroup("/secure").RequireAuthorization("admin");
                    secure.MapGet("/orders", () => "orders");
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_with_a_requirement_convention_of_the_application() => Minimal("""
            public static class PermissionConventions
            {
                public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
                    => builder.WithMetadata(new PermissionAttribute(permission));
            }

            public sealed class PermissionAttribute(string name) : Attribute { public string Name { get; } = name; }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/migrations", () => Results.Ok(new[] { "v1" })).RequirePermission("tenants.view");
                    var tenants = app.MapGroup("/tenants").RequirePermission("tenants.view");
                    tenants.MapGet("/", () => Results.Ok(new[] { "acme" }));
                }
            }
            """);

        [Fact]
        public Task Reports_mapget_with_a_host_requirement_of_asp_net_core() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/products", () => Results.Ok(new[] { new Product(1, "a") })).RequireHost("shop.example.com");
                    app.{|PERF301:MapGet|}("/brands", () => Results.Ok(new[] { "b" })).RequireCors("public");
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_authorized_through_metadata_or_a_nested_group() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => "a").WithMetadata(new AuthorizeAttribute());
                    var admin = app.MapGroup("/admin").RequireAuthorization();
                    var reports = admin.MapGroup("/reports");
                    reports.MapGet("/", () => "reports");
                }
            }
            """);

        [Fact]
        public Task Ignores_action_using_a_cache_profile() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet, ResponseCache(CacheProfileName = "Default")]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Ignores_other_verbs() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/products", () => "created");
                    app.MapPut("/products", () => "updated");
                    app.MapDelete("/products", () => "deleted");
                }
            }
            """);

        [Fact]
        public Task Ignores_mapget_on_a_group_passed_in_from_elsewhere() => Minimal("""
            public static class Endpoints
            {
                public static RouteGroupBuilder MapProducts(this RouteGroupBuilder group)
                {
                    group.MapGet("/", () => "all");
                    return group;
                }
            }
            """);

        // ---- Options ----

        [Fact]
        public Task Ignores_controllers_when_enabled_for_minimal() => Controller("""
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """, "perf_analyzers.PERF301.enabled_for = minimal");

        [Fact]
        public Task Ignores_minimal_endpoints_when_enabled_for_controllers() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/", () => "x");
            }
            """, "perf_analyzers.PERF301.enabled_for = controllers");

        [Fact]
        public Task Invalid_enabled_for_falls_back_to_all() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/", () => "x");
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """, "perf_analyzers.PERF301.enabled_for = everything");

        [Fact]
        public Task Rule_specific_key_wins_over_the_global_key() => Controller("""
            [Authorize]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """, "perf_analyzers.include_authorized = true\nperf_analyzers.PERF301.include_authorized = false");

        [Fact]
        public Task Global_enabled_for_applies_and_the_rule_key_wins_over_it() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/", () => "x");
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """, "perf_analyzers.enabled_for = minimal\nperf_analyzers.PERF301.enabled_for = controllers");

        [Fact]
        public Task Global_enabled_for_applies_when_no_rule_key() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/", () => "x");
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """, "perf_analyzers.enabled_for = controllers");

        [Fact]
        public Task Invalid_include_authorized_falls_back_to_false() => Controller("""
            [Authorize]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """, "perf_analyzers.PERF301.include_authorized = yes please");

        [Fact]
        public Task Message_names_the_action_and_the_route() => VerifyCS.AnalyzerAsync(MinimalUsings + """
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|#0:List|}() => "x";
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.{|#1:MapGet|}("/products", () => "x");
            }
            """,
            expected: new[]
            {
                VerifyCS.Diagnostic(Descriptors.PERF301GetWithoutCachingPolicy).WithLocation(0).WithArguments("List", PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice),
                VerifyCS.Diagnostic(Descriptors.PERF301GetWithoutCachingPolicy).WithLocation(1).WithArguments("/products", PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer.SharedAdvice),
            });

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(MinimalUsings + """
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => {|CS0103:Missing|}();

                [HttpGet("b")]
                public {|CS0246:Unknown|} GetB() => default!;
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/x", {|CS0103:handler|});
                    {|CS0103:group|}.MapGet("/y", () => {|#0:"y"|});
                }
            }
            """, expected: CompilerRecoveryErrorsOnUnknownReceiver);

        // How the compiler recovers from the unknown `group` differs between versions: Roslyn 5 binds the lambda to a
        // MapGet overload taking a RequestDelegate and reports its return value too. Only the analyzer's silence matters.
        private static readonly Microsoft.CodeAnalysis.Testing.DiagnosticResult[] CompilerRecoveryErrorsOnUnknownReceiver =
#if ROSLYN5_LANE
            new[]
            {
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0029").WithLocation(0).WithArguments("string", "System.Threading.Tasks.Task"),
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS1662").WithLocation(0).WithArguments("lambda expression"),
            };
#else
            System.Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>();
#endif

        [Fact]
        public Task Registers_nothing_without_asp_net_core() => VerifyCS.AnalyzerAsync("""
            public class ProductsController
            {
                public string Get() => "x";
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_actions_that_render_views_like_razor_pages() => Controller("""
            public class AccountController : Controller
            {
                [HttpGet]
                public IActionResult AccessDenied() => View();

                [HttpGet]
                public async Task<IActionResult> Login(string returnUrl, bool externalOnly)
                {
                    await Task.Yield();
                    if (externalOnly)
                    {
                        return RedirectToAction("Challenge", "External", new { returnUrl });
                    }

                    return View(new Product(1, returnUrl));
                }

                [HttpGet]
                public IActionResult Menu() => ViewComponent("Menu");
            }
            """);

        [Fact]
        public Task Ignores_actions_that_return_a_view_through_a_helper_in_source() => Controller("""
            public static class ControllerPages
            {
                public static IActionResult LoadingPage(this Controller controller, string viewName, string redirectUri)
                {
                    controller.HttpContext.Response.StatusCode = 200;
                    return controller.View(viewName, redirectUri);
                }
            }

            public class ExternalController : Controller
            {
                [HttpGet]
                public IActionResult Callback(string returnUrl, bool native)
                {
                    if (native)
                    {
                        return this.LoadingPage("Redirect", returnUrl);
                    }

                    return Redirect(returnUrl);
                }
            }
            """);

        // An education department's sign-in profile site: the sign-out helper makes the result first, audits, then returns it.
        [Fact]
        public Task Ignores_an_action_whose_helper_returns_a_sign_out_result_it_kept_in_a_local() => Controller("""
            public class AuthController : Controller
            {
                [AllowAnonymous]
                [HttpGet("signout")]
                public Task<IActionResult> LeaveAsync() => SignOutHelper("/");

                [HttpGet("bye")]
                public IActionResult Bye()
                {
                    IActionResult result = Redirect("/");
                    Console.WriteLine("bye");
                    return result;
                }

                private async Task<IActionResult> SignOutHelper(string redirectUri)
                {
                    IActionResult result = SignOut(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = redirectUri }, "Cookies");
                    await Task.Yield();
                    return result;
                }
            }
            """);

        // A school-performance site's sign-in: it redirects through two helpers of its own, or challenges through a third.
        [Fact]
        public Task Ignores_an_action_that_redirects_through_a_helper_of_a_helper() => Controller("""
            public class AuthController : Controller
            {
                [AllowAnonymous]
                [HttpGet("signin")]
                public IActionResult SignIn(string? returnUrl = null)
                {
                    if (User.Identity?.IsAuthenticated == true)
                    {
                        return RedirectToLocal(returnUrl);
                    }

                    return ChallengeWithRedirect(returnUrl);
                }

                private IActionResult ChallengeWithRedirect(string? returnUrl)
                    => Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = returnUrl ?? "/" }, "oidc");

                private IActionResult RedirectToLocal(string? returnUrl)
                {
                    if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl))
                    {
                        return Redirect(returnUrl);
                    }

                    return RedirectToHome();
                }

                private IActionResult RedirectToHome() => RedirectToAction("Index", "Home");
            }
            """);

        [Fact]
        public Task Reports_an_action_whose_helper_of_a_helper_can_send_data() => Controller("""
            public class AuthController : Controller
            {
                [AllowAnonymous]
                [HttpGet("signin")]
                public IActionResult {|PERF301:SignIn|}(string? returnUrl = null) => RedirectToLocal(returnUrl);

                private IActionResult RedirectToLocal(string? returnUrl)
                    => returnUrl != null ? Redirect(returnUrl) : FallBack();

                private IActionResult FallBack() => Ok(new { signedIn = false });
            }
            """);

        [Fact]
        public Task Reports_an_action_whose_redirect_lies_more_than_three_helpers_down() => Controller("""
            public class AuthController : Controller
            {
                [AllowAnonymous]
                [HttpGet("signin")]
                public IActionResult {|PERF301:SignIn|}() => First();

                private IActionResult First() => Second();

                private IActionResult Second() => Third();

                private IActionResult Third() => Fourth();

                private IActionResult Fourth() => RedirectToAction("Index", "Home");
            }
            """);

        // BTCPay Server's store index: one of three redirects picked into a local, a helper's redirect or null among them.
        [Fact]
        public Task Ignores_an_action_returning_a_local_whose_every_write_is_a_redirect_or_null() => Controller("""
            public class StoresController : Controller
            {
                [AllowAnonymous]
                [HttpGet("{storeId}/index")]
                public IActionResult Index(string storeId, bool admin, bool viewer)
                {
                    IActionResult? redirect = null;
                    if (admin)
                    {
                        redirect = RedirectToAction("Dashboard", new { storeId });
                    }
                    else if (viewer)
                    {
                        redirect = RedirectToWallet(storeId) ?? RedirectToAction("ListWallets");
                    }

                    if (redirect is null)
                        return Forbid();

                    return redirect;
                }

                private IActionResult? RedirectToWallet(string storeId)
                    => storeId.Length == 0 ? null : RedirectToAction("WalletTransactions", new { storeId });
            }
            """);

        [Fact]
        public Task Reports_an_action_returning_a_local_that_a_coalesce_may_fill_with_data() => Controller("""
            public class StoresController : Controller
            {
                [AllowAnonymous]
                [HttpGet("{storeId}/summary")]
                public IActionResult {|PERF301:Summary|}(string storeId, bool admin)
                {
                    IActionResult? answer = null;
                    if (admin)
                    {
                        answer = RedirectToAction("Dashboard", new { storeId });
                    }

                    answer = answer ?? Json(new { storeId });
                    return answer;
                }
            }
            """);

        [Fact]
        public Task Reports_an_action_returning_a_local_that_may_hold_data() => Controller("""
            public class AuthController : Controller
            {
                [HttpGet("who")]
                public IActionResult {|PERF301:Who|}(bool json)
                {
                    IActionResult result = Redirect("/");
                    if (json)
                    {
                        result = Json(new { name = User.Identity?.Name });
                    }

                    return result;
                }

                [HttpGet("pair")]
                public IActionResult {|PERF301:Pair|}()
                {
                    IActionResult result = Redirect("/");
                    (result, var _) = (Json(new { id = 1 }), 2);
                    return result;
                }
            }
            """);

        [Fact]
        public Task Ignores_actions_that_redirect_through_an_interface_whose_implementations_only_redirect() => Controller("""
            // allReady's account controller: a redirect helper behind an interface of the application.
            public interface IRedirector { IActionResult RedirectToLocal(string returnUrl); }

            public class Redirector : IRedirector
            {
                public IActionResult RedirectToLocal(string returnUrl) => returnUrl != null ? new RedirectResult(returnUrl) : new RedirectToPageResult("/Index");
            }

            public class AccountController(IRedirector redirector) : Controller
            {
                [HttpGet]
                public IActionResult ExternalLoginCallback(string returnUrl, bool ok)
                {
                    if (!ok)
                    {
                        return View("ExternalLoginConfirmation");
                    }

                    return redirector.RedirectToLocal(returnUrl);
                }
            }
            """);

        [Fact]
        public Task Reports_actions_that_return_through_an_interface_with_an_implementation_that_sends_data() => Controller("""
            public interface IRedirector { IActionResult RedirectToLocal(string returnUrl); }

            public class Redirector : IRedirector
            {
                public IActionResult RedirectToLocal(string returnUrl) => new RedirectResult(returnUrl);
            }

            public class JsonRedirector : IRedirector
            {
                public IActionResult RedirectToLocal(string returnUrl) => new JsonResult(new { returnUrl });
            }

            public class AccountController(IRedirector redirector) : Controller
            {
                [HttpGet]
                public IActionResult {|PERF301:Callback|}(string returnUrl) => redirector.RedirectToLocal(returnUrl);
            }
            """);

        [Fact]
        public Task Reports_action_that_returns_data_as_well_as_a_view() => Controller("""
            public class ProductsController : Controller
            {
                [HttpGet]
                public IActionResult {|PERF301:Details|}(bool json)
                {
                    var product = new Product(1, "Chair");
                    return json ? Json(product) : View(product);
                }
            }
            """);

        [Fact]
        public Task Reports_action_whose_source_helper_returns_data() => Controller("""
            public static class ApiResults
            {
                public static IActionResult Wrapped(this ControllerBase controller, object value) => controller.Ok(new { data = value });
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public IActionResult {|PERF301:Get|}() => this.Wrapped(new Product(1, "Chair"));
            }
            """);

        [Fact]
        public Task Reports_action_that_returns_what_a_service_method_returns() => Controller("""
            public class ProductService
            {
                public Task<Product> GetAsync(int id) => Task.FromResult(new Product(id, "Chair"));
            }

            public class ProductsController(ProductService service) : ControllerBase
            {
                [HttpGet("{id}")]
                public async Task<ActionResult<Product>> {|PERF301:Get|}(int id) => await service.GetAsync(id);
            }
            """);

        private const string HelperReturningWhatItIsHanded = """
            public class ResiliencyHelper
            {
                public async Task<IActionResult> ExecuteResilient(Func<Task<IActionResult>> action, IActionResult fallbackResult)
                {
                    try
                    {
                        return await action();
                    }
                    catch (InvalidOperationException)
                    {
                        return fallbackResult;
                    }
                }
            }

            """;

        /// <summary>A GET action that hands the helper a lambda returning <paramref name="returned"/> and a <paramref name="fallback"/>.</summary>
        private static string ActionHandingOver(string action, string returned, string fallback) => """

            public class CustomersController : Controller
            {
                private readonly ResiliencyHelper resiliency = new ResiliencyHelper();

                [HttpGet]
                public async Task<IActionResult> ACTION(int page)
                {
                    return await resiliency.ExecuteResilient(async () =>
                    {
                        await Task.Yield();
                        return RETURNED;
                    }, FALLBACK);
                }
            }
            """.Replace("ACTION", action).Replace("RETURNED", returned).Replace("FALLBACK", fallback);

        // Pitstop's web app renders its views through a retry helper that returns what it is handed.
        [Fact]
        public Task Ignores_actions_that_render_views_through_a_helper_that_returns_what_it_is_handed() => Controller(HelperReturningWhatItIsHanded + ActionHandingOver("Index", "View(page)", "View(\"Offline\")"));

        [Fact]
        public Task Ignores_views_handed_to_a_helper_that_runs_them_through_a_generic_library_call() => Controller("""
            public class ResiliencyHelper
            {
                // A library's generic method stands for a retry policy's ExecuteAsync<TResult>: it gives back what it runs.
                public async Task<IActionResult> ExecuteResilient(Func<Task<IActionResult>> action, IActionResult fallbackResult)
                {
                    return await Task.Run(action).ConfigureAwait(false);
                }
            }
            """ + ActionHandingOver("Index", "View(page)", "View(\"Offline\")"));

        [Fact]
        public Task Ignores_views_handed_to_an_expression_bodied_helper_over_a_generic_library_call() => Controller("""
            public class ResiliencyHelper
            {
                public Task<IActionResult> ExecuteResilient(Func<Task<IActionResult>> action, IActionResult fallbackResult)
                    => Task.Run(action);
            }
            """ + ActionHandingOver("Index", "PartialView(page)", "RedirectToAction(\"Offline\")"));

        [Fact]
        public Task Ignores_actions_returning_through_a_helper_whose_awaited_return_does_not_bind() => Controller("""
            public class ResiliencyHelper
            {
                // The retry package is missing (half-typed code, or a reference not restored yet): nothing to judge.
                public async Task<IActionResult> ExecuteResilient(Func<Task<IActionResult>> action)
                    => await {|CS0103:RetryPolicy|}.ExecuteAsync(action).ConfigureAwait(false);
            }

            public class CustomersController : Controller
            {
                private readonly ResiliencyHelper resiliency = new ResiliencyHelper();

                [HttpGet]
                public async Task<IActionResult> Index(int page) => await resiliency.ExecuteResilient(async () =>
                {
                    await Task.Yield();
                    return View(page);
                });
            }
            """);

        private const string RssWhereRoslynBindsUnboundLambdas =
#if ROSLYN5_LANE
            "{|PERF301:Rss|}";
#else
            "Rss";
#endif

        // Moonglade's feeds: the cache package is missing, but the lambda handed to it returns the feed's XML. Roslyn 5 binds
        // the lambda of a call that does not bind, so its data is seen and the GET is reported; Roslyn 4.8 leaves the lambda
        // out of the operation tree, so there is nothing to judge and the rule stays silent, as it did before.
        [Fact]
        public Task Reports_actions_returning_through_an_unbound_await_given_a_lambda_that_returns_data() => Controller("""
            [ApiController]
            public class SubscriptionController({|CS0246:ICacheAside|} cache) : ControllerBase
            {
                [HttpGet("rss/{slug?}")]
                public async Task<IActionResult> RSS_ACTION(string slug = null)
                {
                    return await GetFeedAsync(slug, "rss");
                }

                private async Task<IActionResult> GetFeedAsync(string slug, string defaultCacheKey)
                {
                    return await cache.GetOrCreateAsync(slug ?? defaultCacheKey, async () =>
                    {
                        await Task.Yield();
                        if (string.IsNullOrWhiteSpace(slug))
                        {
                            return (IActionResult)NotFound();
                        }

                        return Content("<rss/>", "text/xml");
                    }, TimeSpan.FromHours(1));
                }
            }
            """.Replace("RSS_ACTION", RssWhereRoslynBindsUnboundLambdas));

        [Fact]
        public Task Reports_data_handed_to_a_helper_that_returns_what_it_is_handed() => Controller(HelperReturningWhatItIsHanded + ActionHandingOver("{|PERF301:Index|}", "Ok(page)", "View(\"Offline\")"));

        [Fact]
        public Task Reports_a_data_fallback_handed_to_a_helper_that_returns_what_it_is_handed() => Controller(HelperReturningWhatItIsHanded + ActionHandingOver("{|PERF301:Index|}", "View(page)", "Json(page)"));

        [Fact]
        public Task Reports_views_handed_to_a_helper_that_also_creates_a_result_of_its_own() => Controller("""
            public class ResiliencyHelper
            {
                public async Task<IActionResult> ExecuteResilient(Func<Task<IActionResult>> action, IActionResult fallbackResult)
                {
                    var result = await Task.Run(action);
                    return await Task.Run<IActionResult>(() => new JsonResult(new { failed = result == null }));
                }
            }
            """ + ActionHandingOver("{|PERF301:Index|}", "View(page)", "View(\"Offline\")"));

        [Fact]
        public Task Ignores_actions_that_return_a_view_through_an_async_helper_in_source() => Controller("""
            public static class ControllerPages
            {
                public static async Task<IActionResult> LoadingPageAsync(this Controller controller, string viewName)
                {
                    await Task.Yield();
                    return controller.View(viewName);
                }
            }

            public class ExternalController : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Callback(string returnUrl) => await this.LoadingPageAsync("Redirect");
            }
            """);

        // TheIdServer's external login: the Windows sign-in helper awaited with ConfigureAwait(false) only redirects.
        [Fact]
        public Task Ignores_actions_that_redirect_through_a_helper_awaited_with_configure_await() => Controller("""
            public class ExternalController : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Challenge(string provider, bool windows)
                {
                    if (windows)
                    {
                        return await SignInAndRedirectAsync(provider).ConfigureAwait(false);
                    }

                    return Challenge(provider);
                }

                private async Task<IActionResult> SignInAndRedirectAsync(string provider)
                {
                    await Task.Yield();
                    return Redirect("/callback?scheme=" + provider);
                }
            }
            """);

        [Fact]
        public Task Reports_data_from_a_helper_awaited_with_configure_await() => Controller("""
            public class ExternalController : Controller
            {
                [HttpGet]
                public async Task<IActionResult> {|PERF301:Providers|}(string provider) => await ListAsync(provider).ConfigureAwait(false);

                private async Task<IActionResult> ListAsync(string provider)
                {
                    await Task.Yield();
                    return Json(new[] { provider });
                }
            }
            """);

        [Fact]
        public Task Ignores_returns_that_do_not_bind() => VerifyCS.AnalyzerAsync(ControllerUsings + """
            public class ExternalController : Controller
            {
                [HttpGet]
                public IActionResult Callback(string returnUrl)
                {
                    if (returnUrl.Length > 0)
                    {
                        return {|CS0103:UnknownHelper|}(returnUrl);
                    }

                    return Redirect(returnUrl);
                }
            }
            """);

        // ---- Found in the real-world run (see docs/quality.md) ----

        // A retired API version's placeholder actions (found in a teaching-record API): nothing is ever sent.
        [Fact]
        public Task Ignores_get_actions_that_only_throw() => Controller("""
            public class TeachersController : ControllerBase
            {
                [HttpGet("{trn}")]
                public IActionResult GetTeacherByTrn() => throw null!;

                [HttpGet("")]
                public Product FindTeacher() => throw new NotSupportedException();

                [HttpGet("all")]
                public ActionResult<List<Product>> All()
                {
                    throw new NotSupportedException("Removed in this version.");
                }
            }
            """);

        [Fact]
        public Task Reports_get_action_that_throws_on_one_path_only() => Controller("""
            public class TeachersController : ControllerBase
            {
                [HttpGet("{id}")]
                public IActionResult {|PERF301:Get|}(int id) => id > 0 ? Ok(new Product(id, "x")) : throw new ArgumentOutOfRangeException(nameof(id));
            }
            """);


        [Fact]
        public Task Ignores_actions_that_only_answer_with_an_error() => Controller("""
            [ApiController, Route("buggy")]
            public class BuggyController : ControllerBase
            {
                [HttpGet("badrequest")]
                public IActionResult GetBadRequest() => BadRequest("This is not a good request");

                [HttpGet("problem")]
                public IActionResult GetProblem() => Problem("Something went wrong");

                [HttpGet("missing")]
                public IActionResult GetMissing(bool soft) => soft ? NotFound(new { reason = "gone" }) : UnprocessableEntity("bad");
            }
            """);

        [Fact]
        public Task Reports_actions_that_answer_with_data_or_an_error() => Controller("""
            [ApiController, Route("coupons")]
            public class CouponsController : ControllerBase
            {
                [HttpGet("{code}")]
                public ActionResult<Product> {|PERF301:ValidateCoupon|}(string code)
                {
                    if (code.Length == 0)
                    {
                        return BadRequest("Invalid voucher code");
                    }

                    return new Product(1, code);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_action_that_sets_an_error_status_on_the_response_and_returns_content() => Controller("""
            [ApiController, Route("auth")]
            public class AuthController : ControllerBase
            {
                [HttpGet("accessdenied")]
                public IActionResult AccessDenied()
                {
                    Response.StatusCode = 403;
                    return Content("Access Denied");
                }

                [HttpGet("gone")]
                public IActionResult Gone()
                {
                    HttpContext.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status410Gone;
                    return Content("<p>gone</p>", "text/html");
                }
            }
            """);

        [Fact]
        public Task Reports_an_action_that_sets_an_error_status_only_in_a_branch() => Controller("""
            [ApiController, Route("auth")]
            public class AuthController : ControllerBase
            {
                [HttpGet("denied")]
                public IActionResult {|PERF301:Denied|}(bool strict)
                {
                    if (strict)
                    {
                        Response.StatusCode = 403;
                    }

                    return Content("Access Denied");
                }
            }
            """);

        [Fact]
        public Task Reports_an_action_whose_result_sets_its_own_status_after_the_response_one() => Controller("""
            [ApiController, Route("auth")]
            public class AuthController : ControllerBase
            {
                [HttpGet("me")]
                public IActionResult {|PERF301:Me|}()
                {
                    Response.StatusCode = 403;
                    return Ok(new Product(1, "x"));
                }

                [HttpGet("ok")]
                public IActionResult {|PERF301:Fine|}()
                {
                    Response.StatusCode = 200;
                    return Content("fine");
                }
            }
            """);

        [Fact]
        public Task Ignores_a_minimal_endpoint_that_sets_an_error_status_and_returns_content() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/denied", (HttpContext context) =>
                    {
                        context.Response.StatusCode = 403;
                        return Results.Content("Access Denied");
                    });
                }
            }
            """);

        [Fact]
        public Task Ignores_minimal_endpoints_that_only_answer_with_an_error() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/fail", () => Results.BadRequest("never works"));
                    app.MapGet("/problem", () => TypedResults.Problem("never works"));
                }
            }
            """);

        [Fact]
        public Task Ignores_an_action_that_only_redirects_or_fails_through_an_error_page_helper() => Controller("""
            public class AppLinkController : Controller
            {
                [HttpGet("open"), AllowAnonymous]
                public IActionResult Open(string? target)
                {
                    if (string.IsNullOrEmpty(target))
                    {
                        return ErrorPage(StatusCodes.Status404NotFound);
                    }

                    if (target.Length > 2000)
                    {
                        return ErrorPage(StatusCodes.Status400BadRequest);
                    }

                    return target.StartsWith("x") ? Unavailable() : Redirect("app://open/" + target);
                }

                [HttpGet("status")]
                public IActionResult Status(bool broken) => broken ? StatusCode(500, new { error = "broken" }) : Redirect("/");

                private static ContentResult ErrorPage(int status) => new() { StatusCode = status, ContentType = "text/html", Content = "<p>Please go back to the app.</p>" };

                private static IActionResult Unavailable()
                {
                    return new ObjectResult(new { error = "down" }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
                }
            }
            """);

        [Fact]
        public Task Ignores_minimal_endpoints_that_only_fail_with_a_status_code_and_a_body() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/maintenance", () => Results.Content("<p>Down for maintenance</p>", "text/html", statusCode: 503));
                    app.MapGet("/gone", () => Results.Json(new { error = "gone" }, statusCode: StatusCodes.Status410Gone));
                }
            }
            """);

        [Fact]
        public Task Reports_an_action_whose_helper_answers_with_a_success_status_or_an_unknown_one() => Controller("""
            public class PagesController : Controller
            {
                [HttpGet("welcome")]
                public IActionResult {|PERF301:Welcome|}(bool signedIn) => signedIn ? Redirect("/home") : Page(StatusCodes.Status200OK);

                [HttpGet("notice")]
                public IActionResult {|PERF301:Notice|}(int code) => code > 0 ? Page(code) : Redirect("/");

                [HttpGet("banner")]
                public IActionResult {|PERF301:Banner|}(bool hidden) => hidden ? Redirect("/") : Plain();

                [HttpGet("report")]
                public IActionResult {|PERF301:Report|}(bool broken) => broken ? Redirect("/") : StatusCode(200, new { rows = 3 });

                private static ContentResult Page(int status) => new() { StatusCode = status, ContentType = "text/html", Content = "<p>Hello</p>" };

                private static ContentResult Plain() => new() { ContentType = "text/html", Content = "<p>Banner</p>" };
            }
            """);

        [Fact]
        public Task Ignores_actions_with_a_caching_attribute_of_the_application() => Controller("""
            [AttributeUsage(AttributeTargets.All)]
            public class CachedAttribute : Attribute, Microsoft.AspNetCore.Mvc.Filters.IAsyncActionFilter
            {
                public CachedAttribute(int timeToLiveSeconds) { }

                public Task OnActionExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.ActionExecutionDelegate next) => next();
            }

            [ApiController, Route("products")]
            public class ProductsController : ControllerBase
            {
                [Cached(600)]
                [HttpGet]
                public List<Product> List() => new();
            }
            """);

        [Fact]
        public Task Reports_actions_with_an_unrelated_attribute_of_the_application() => Controller("""
            [AttributeUsage(AttributeTargets.All)]
            public class AuditedAttribute : Attribute
            {
            }

            [ApiController, Route("products")]
            public class ProductsController : ControllerBase
            {
                [Audited]
                [HttpGet]
                public List<Product> {|PERF301:List|}() => new();
            }
            """);

        [Fact]
        public Task Ignores_every_endpoint_when_a_cache_headers_middleware_is_used() => Minimal("""
            public static class HttpCacheHeadersExtensions
            {
                public static IApplicationBuilder UseHttpCacheHeaders(this IApplicationBuilder app) => app;
            }

            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.UseHttpCacheHeaders();
                    app.MapGet("/products", () => "x");
                }
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        // A video-hearings site's BaseNoCacheController: its OnActionExecuting sends no-cache, no-store for every action.
        private const string FilteringBaseControllers = """
            public class BaseNoCacheController : Controller
            {
                public override void OnActionExecuting(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context)
                {
                    context.HttpContext.Response.Headers[Microsoft.Net.Http.Headers.HeaderNames.CacheControl] = "no-cache, no-store, must-revalidate";
                    base.OnActionExecuting(context);
                }
            }

            public class BaseFramedController : Controller
            {
                public override void OnActionExecuting(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context)
                {
                    context.HttpContext.Response.Headers["X-Frame-Options"] = "DENY";
                    if (context.HttpContext.Request.Headers.CacheControl == "no-cache")
                    {
                        context.HttpContext.Items["fresh"] = true;
                    }
                }
            }

            """;

        [Fact]
        public Task Ignores_actions_of_a_controller_whose_base_filter_method_writes_cache_control() => Controller(FilteringBaseControllers + """
            public class ConfigSettingsController : BaseNoCacheController
            {
                [HttpGet]
                public ActionResult<string> Get() => "settings";
            }
            """);

        [Fact]
        public Task Reports_actions_of_a_controller_whose_base_filter_method_writes_other_headers() => Controller(FilteringBaseControllers + """
            public class ConfigSettingsController : BaseFramedController
            {
                [HttpGet]
                public ActionResult<string> {|PERF301:Get|}() => "settings";
            }
            """);

        // A video-hearings admin site: NWebsec's UseNoCacheHttpHeaders() marks every response not cacheable.
        [Fact]
        public Task Ignores_every_endpoint_when_the_no_cache_headers_middleware_is_used() => Minimal("""
            public static class NWebsecExtensions
            {
                public static IApplicationBuilder UseNoCacheHttpHeaders(this IApplicationBuilder app) => app;
            }

            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.UseNoCacheHttpHeaders();
                    app.MapGet("/settings", () => "x");
                }
            }

            public class ConfigSettingsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Reports_endpoints_when_only_other_security_headers_are_sent() => Minimal("""
            public static class NWebsecExtensions
            {
                public static IApplicationBuilder UseXContentTypeOptions(this IApplicationBuilder app) => app;
            }

            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.UseXContentTypeOptions();
                    app.{|PERF301:MapGet|}("/settings", () => "x");
                }
            }

            public class ConfigSettingsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);

        [Fact]
        public Task Ignores_every_endpoint_when_a_middleware_of_the_application_writes_cache_control() => Minimal("""
            // VirtoCommerce's NoCacheForApiMiddleware.
            public class NoCacheForApiMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Headers.CacheControl = "no-cache";
                    }

                    return next(context);
                }
            }

            public class ExpiresMiddleware(RequestDelegate next)
            {
                public Task Invoke(HttpContext context)
                {
                    context.Response.Headers["Cache-Control"] = "no-store";
                    return next(context);
                }
            }

            public static class Program
            {
                public static void Configure(WebApplication app, bool typed)
                {
                    if (typed)
                    {
                        app.UseMiddleware<NoCacheForApiMiddleware>();
                    }
                    else
                    {
                        app.UseMiddleware(typeof(ExpiresMiddleware));
                    }

                    app.MapGet("/api/products", () => "x");
                }
            }

            [ApiController, Route("api/apps")]
            public class AppsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";
            }
            """);

        [Fact]
        public Task Reports_only_endpoints_outside_the_path_a_cache_control_middleware_covers() => Minimal("""
            public class NoCacheForApiMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Headers.CacheControl = "no-cache";
                    }

                    return next(context);
                }
            }

            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.UseMiddleware<NoCacheForApiMiddleware>();
                    app.MapGet("/api/products", () => "x");
                    app.{|PERF301:MapGet|}("/connect/userinfo", () => "x");
                    app.MapGroup("/v2").MapGet("/products", () => "x");
                }
            }

            [ApiController, Route("api/apps")]
            public class AppsController : ControllerBase
            {
                [HttpGet]
                public string Get() => "x";

                [HttpGet("~/externalsignin/providers")]
                public string {|PERF301:Providers|}() => "x";
            }

            [Route("externalsignin")]
            public class ExternalSignInController : Controller
            {
                [HttpGet("options")]
                public string {|PERF301:Options|}() => "x";
            }

            public class HomeController : Controller
            {
                [HttpGet]
                public string Conventional() => "x";
            }
            """);

        [Fact]
        public Task Ignores_every_endpoint_when_an_inline_middleware_writes_cache_control() => Minimal("""
            // An NHS buying catalogue's start-up: no-cache, no-store on every response.
            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        context.Response.Headers.XFrameOptions = "DENY";
                        context.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
                        await next();
                    });

                    app.MapGet("/api/products", () => "x");
                }
            }

            public class SolutionsController : Controller
            {
                [HttpGet]
                public JsonResult FilterSearchSuggestions(string search) => Json(search);
            }
            """);

        [Fact]
        public Task Ignores_every_endpoint_when_a_request_delegate_middleware_names_the_header() => Minimal("""
            public static class Program
            {
                public static void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints)
                {
                    app.Use(next => context =>
                    {
                        context.Response.Headers[Microsoft.Net.Http.Headers.HeaderNames.CacheControl] = "no-store";
                        return next(context);
                    });

                    endpoints.MapGet("/products", () => "x");
                }
            }
            """);

        [Fact]
        public Task Reports_only_endpoints_outside_the_path_an_inline_middleware_covers() => Minimal("""
            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        if (context.Request.Path.StartsWithSegments("/api"))
                        {
                            context.Response.Headers.Append("Cache-Control", "no-cache");
                        }

                        await next(context);
                    });

                    app.MapGet("/api/products", () => "x");
                    app.{|PERF301:MapGet|}("/feed", () => "x");
                }
            }
            """);

        [Fact]
        public Task Reports_endpoints_when_an_inline_middleware_writes_other_headers() => Minimal("""
            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        context.Response.Headers.XFrameOptions = "DENY";
                        await next();
                    });

                    app.{|PERF301:MapGet|}("/api/products", () => "x");
                }
            }
            """);

        [Fact]
        public Task Reports_endpoints_when_an_inline_middleware_only_reads_the_request_cache_control() => Minimal("""
            public static class Program
            {
                public static void Configure(WebApplication app, Microsoft.Extensions.Logging.ILogger<WebApplication> logger)
                {
                    app.Use(async (context, next) =>
                    {
                        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Client cache: {CacheControl}", context.Request.Headers.CacheControl.ToString());
                        if (context.Request.Headers.TryGetValue("Cache-Control", out var sent))
                        {
                            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "{Sent}", sent.ToString());
                        }

                        await next();
                    });

                    app.{|PERF301:MapGet|}("/api/products", () => "x");
                }
            }
            """);

        [Fact]
        public Task Reports_endpoints_when_a_use_call_that_is_not_the_pipeline_names_cache_control() => Minimal("""
            public class HeaderRules
            {
                public void Use(Action<IHeaderDictionary> rule) { }
            }

            public static class Program
            {
                public static void Configure(WebApplication app, HeaderRules rules)
                {
                    rules.Use(headers => headers.CacheControl = "no-store");
                    app.{|PERF301:MapGet|}("/api/products", () => "x");
                }
            }
            """);

        [Fact]
        public Task Reports_endpoints_when_a_middleware_of_the_application_writes_other_headers() => Minimal("""
            public class SecurityHeadersMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context)
                {
                    context.Response.Headers["X-Frame-Options"] = "DENY";
                    return next(context);
                }
            }

            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.UseMiddleware<SecurityHeadersMiddleware>();
                    app.{|PERF301:MapGet|}("/api/products", () => "x");
                }
            }
            """);

        [Fact]
        public Task Reports_endpoints_when_an_unrelated_middleware_is_used() => Minimal("""
            public static class Program
            {
                public static void Configure(WebApplication app)
                {
                    app.UseHttpLogging();
                    app.{|PERF301:MapGet|}("/products", () => "x");
                }
            }

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Get|}() => "x";
            }
            """);
    }
}
