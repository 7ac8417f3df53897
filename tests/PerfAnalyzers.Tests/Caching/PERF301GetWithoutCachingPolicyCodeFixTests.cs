using System.Threading.Tasks;
using PerfAnalyzers.Caching;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    public class PERF301GetWithoutCachingPolicyCodeFixTests
    {
        [Fact]
        public Task Fix_caches_every_action_of_a_controller_for_the_default_duration() => VerifyFix.CodeFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("products")]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public List<string> {|PERF301:List|}() => new();

                [HttpGet("{id}")]
                [Produces("application/json")]
                public ActionResult<string> {|PERF301:Get|}(int id) => "x";

                [HttpHead("{id}")]
                public IActionResult {|PERF301:Head|}(int id) => Ok(id);
            }
            """, """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("products")]
            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 60)]
                public List<string> List() => new();

                [HttpGet("{id}")]
                [Produces("application/json")]
                [ResponseCache(Duration = 60)]
                public ActionResult<string> Get(int id) => "x";

                [HttpHead("{id}")]
                [ResponseCache(Duration = 60)]
                public IActionResult Head(int id) => Ok(id);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_marks_every_action_of_a_controller_as_not_cacheable() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:List|}() => "x";

                [HttpGet("{id}")]
                public string {|PERF301:Get|}(int id) => "x";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public string List() => "x";

                [HttpGet("{id}")]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public string Get(int id) => "x";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey);

        [Fact]
        public Task Fix_uses_the_configured_duration() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:List|}() => "x";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 300)]
                public string List() => "x";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.PERF301.default_duration = 300");

        [Fact]
        public Task Fix_falls_back_to_sixty_seconds_for_an_invalid_duration() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:List|}() => "x";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 60)]
                public string List() => "x";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.PERF301.default_duration = -5");

        [Fact]
        public Task Fix_uses_the_global_duration_unless_the_rule_key_overrides_it() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:List|}() => "x";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 30)]
                public string List() => "x";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.default_duration = 120\nperf_analyzers.PERF301.default_duration = 30");

        [Fact]
        public Task Fix_uses_the_global_duration_when_no_rule_key() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:List|}() => "x";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 120)]
                public string List() => "x";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.default_duration = 120");

        [Fact]
        public Task Fix_emits_a_client_only_policy_for_an_authorized_action() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            public class AccountController : ControllerBase
            {
                [HttpGet]
                public string {|PERF301:Me|}() => "me";
            }
            """, """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            [Authorize]
            public class AccountController : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 60, Location = ResponseCacheLocation.Client)]
                public string Me() => "me";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.PERF301.include_authorized = true");

        [Fact]
        public Task Fix_adds_the_mvc_using_for_a_controller_attribute_class() => VerifyFix.CodeFixAsync("""
            public class CatalogController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                public string {|PERF301:Name|}() => "catalog";
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            public class CatalogController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                [ResponseCache(Duration = 60)]
                public string Name() => "catalog";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_caches_minimal_endpoints_with_cache_output_where_output_caching_is_set_up_and_adds_usings() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void AddServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => Microsoft.Extensions.DependencyInjection.OutputCacheServiceCollectionExtensions.AddOutputCache(services);

                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/products", () => "all");
                    app.{|PERF301:MapGet|}("/products/{id}", (int id) => id).WithName("product");
                }
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public static class Endpoints
            {
                public static void AddServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => Microsoft.Extensions.DependencyInjection.OutputCacheServiceCollectionExtensions.AddOutputCache(services);

                public static void Map(WebApplication app)
                {
                    app.MapGet("/products", () => "all").CacheOutput(p => p.Expire(TimeSpan.FromSeconds(60)));
                    app.MapGet("/products/{id}", (int id) => id).CacheOutput(p => p.Expire(TimeSpan.FromSeconds(60))).WithName("product");
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_sends_a_public_cache_header_from_a_minimal_endpoint_when_output_caching_is_not_set_up() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/products", () => "all");
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/products", () => "all").AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "public, max-age=60"; return await next(context); });
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_caches_with_cache_output_when_another_file_of_the_project_sets_up_output_caching() => VerifyFix.CodeFixAsync(
            new[]
            {
                """
                using Microsoft.AspNetCore.Builder;

                public static class Endpoints
                {
                    public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/products", () => "all");
                }
                """,
                """
                using Microsoft.Extensions.DependencyInjection;

                public static class Services
                {
                    public static void Add(IServiceCollection services) => services.AddOutputCache();
                }
                """,
            },
            new[]
            {
                """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                public static class Endpoints
                {
                    public static void Map(WebApplication app) => app.MapGet("/products", () => "all").CacheOutput(p => p.Expire(TimeSpan.FromSeconds(60)));
                }
                """,
                """
                using Microsoft.Extensions.DependencyInjection;

                public static class Services
                {
                    public static void Add(IServiceCollection services) => services.AddOutputCache();
                }
                """,
            },
            PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_sends_a_public_cache_header_when_output_caching_is_only_named_in_a_comment() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                // TODO: services.AddOutputCache() once the cache store is chosen.
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/products", () => "all");
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                // TODO: services.AddOutputCache() once the cache store is chosen.
                public static void Map(WebApplication app) => app.MapGet("/products", () => "all").AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "public, max-age=60"; return await next(context); });
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_marks_a_minimal_endpoint_as_not_cacheable() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/api");
                    api.{|PERF301:MapGet|}("/now", () => System.DateTime.UtcNow);
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/api");
                    api.MapGet("/now", () => System.DateTime.UtcNow).AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "no-store"; return await next(context); });
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey);

        [Fact]
        public Task Fix_emits_a_private_header_for_an_authorized_minimal_endpoint() => VerifyFix.CodeFixAsync("""
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/me", () => "me").RequireAuthorization();
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/me", () => "me").AddEndpointFilter(async (context, next) => { context.HttpContext.Response.Headers.CacheControl = "private, max-age=60"; return await next(context); }).RequireAuthorization();
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey, editorConfig: "perf_analyzers.PERF301.include_authorized = true");

        [Fact]
        public Task Fix_does_not_repeat_a_using_that_is_already_there() => VerifyFix.CodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public static class Endpoints
            {
                public static void AddServices(IServiceCollection services) => services.AddOutputCache();
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/", () => "x");
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public static class Endpoints
            {
                public static void AddServices(IServiceCollection services) => services.AddOutputCache();
                public static void Map(WebApplication app) => app.MapGet("/", () => "x").CacheOutput(p => p.Expire(TimeSpan.FromSeconds(60)));
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_adds_the_using_when_only_another_namespace_block_has_it() => VerifyFix.CodeFixAsync("""
            namespace Shop.Admin
            {
                using Microsoft.AspNetCore.Mvc;

                public class AdminController : ControllerBase { }
            }

            namespace Shop.Api
            {
                public class ProductsController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    [Microsoft.AspNetCore.Mvc.HttpGet]
                    public string {|PERF301:List|}() => "x";
                }
            }
            """, """
            using Microsoft.AspNetCore.Mvc;

            namespace Shop.Admin
            {
                using Microsoft.AspNetCore.Mvc;

                public class AdminController : ControllerBase { }
            }

            namespace Shop.Api
            {
                public class ProductsController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    [Microsoft.AspNetCore.Mvc.HttpGet]
                    [ResponseCache(Duration = 60)]
                    public string List() => "x";
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_adds_no_using_inside_the_namespace_it_would_import() => VerifyFix.CodeFixAsync("""
            namespace Microsoft.AspNetCore.Mvc.Shop
            {
                public class ProductsController : ControllerBase
                {
                    [HttpGet]
                    public string {|PERF301:List|}() => "x";
                }
            }
            """, """
            namespace Microsoft.AspNetCore.Mvc.Shop
            {
                public class ProductsController : ControllerBase
                {
                    [HttpGet]
                    [ResponseCache(Duration = 60)]
                    public string List() => "x";
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_puts_the_first_using_of_a_file_under_its_banner() => VerifyFix.CodeFixAsync("""
            // Shop API: product endpoints.

            /// <summary>Products.</summary>
            public class ProductsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                public string {|PERF301:List|}() => "x";
            }
            """, """
            // Shop API: product endpoints.

            using Microsoft.AspNetCore.Mvc;

            /// <summary>Products.</summary>
            public class ProductsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                [ResponseCache(Duration = 60)]
                public string List() => "x";
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task Fix_adds_a_using_without_copying_the_comment_of_its_neighbour() => VerifyFix.CodeFixAsync("""
            using System.Collections.Generic; // lists of products

            public class ProductsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                public List<string> {|PERF301:List|}() => new();
            }
            """, """
            using System.Collections.Generic; // lists of products
            using Microsoft.AspNetCore.Mvc;

            public class ProductsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet]
                [ResponseCache(Duration = 60)]
                public List<string> List() => new();
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);
    }
}
