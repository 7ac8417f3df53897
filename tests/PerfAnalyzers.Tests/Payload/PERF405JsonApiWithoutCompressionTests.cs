using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Payload;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF405JsonApiWithoutCompressionAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF405JsonApiWithoutCompressionAnalyzer, PerfAnalyzers.Payload.PERF405JsonApiWithoutCompressionCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    public class PERF405JsonApiWithoutCompressionTests
    {
        private const string Usings = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            """;

        private static Task VerifyProgram(string program, string? editorConfig = null, Frameworks frameworks = Frameworks.Web)
            => VerifyCS.AnalyzerAsync(Usings + program, editorConfig, frameworks, OutputKind.ConsoleApplication);

        private static readonly string FixedUsings = Usings.Replace("using Microsoft.AspNetCore.Http;\n", "using Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.ResponseCompression;\n");

        private static Task FixProgram(string program, string fixedProgram)
            => VerifyFix.CodeFixAsync(Usings + program, FixedUsings + fixedProgram, PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey, outputKind: OutputKind.ConsoleApplication);

        // Flagged.

        [Fact]
        public Task Reports_minimal_endpoints_without_compression_at_Build() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", () => new[] { new { Id = 1 } });
            app.Run();
            """);

        [Fact]
        public Task Reports_an_application_of_FastEndpoints() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.UseFastEndpoints();
            app.Run();

            // FastEndpoints' own extension, matched by name.
            static class FastEndpointsExtensions
            {
                public static IApplicationBuilder UseFastEndpoints(this IApplicationBuilder app) => app;
            }
            """);

        [Fact]
        public Task Ignores_an_application_of_FastEndpoints_with_compression() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddResponseCompression();
            var app = builder.Build();
            app.UseResponseCompression();
            app.UseFastEndpoints();
            app.Run();

            static class FastEndpointsExtensions
            {
                public static IApplicationBuilder UseFastEndpoints(this IApplicationBuilder app) => app;
            }
            """);

        [Fact]
        public Task Reports_only_the_application_that_maps_endpoints_beside_a_migration_application() => VerifyCS.AnalyzerAsync(Usings + """
            using System.Threading.Tasks;

            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            public static class Program
            {
                public static async Task Main(string[] args)
                {
                    var migrationBuilder = WebApplication.CreateBuilder(args);
                    var migrations = migrationBuilder.Build();
                    await migrations.MigrateAsync();
                    await migrations.DisposeAsync();

                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllers();
                    var app = builder.{|PERF405:Build()|};
                    app.MapControllers();
                    await app.RunAsync();
                }
            }

            public static class Migrations
            {
                public static Task MigrateAsync(this WebApplication app) => Task.CompletedTask;
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_every_application_when_none_maps_endpoints_in_the_building_method() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var admin = WebApplication.CreateBuilder(args).{|PERF405:Build()|};
                    Routes.Configure(admin);
                    var app = WebApplication.CreateBuilder(args).{|PERF405:Build()|};
                    Routes.Configure(app);
                    app.Run();
                }
            }

            public static class Routes
            {
                public static void Configure(WebApplication app) => app.MapGet("/orders", () => new[] { 1, 2 });
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_controllers_mapped_in_another_file() => VerifyCS.AnalyzerAsync(Usings + """
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllers();
                    var app = builder.{|PERF405:Build()|};
                    app.MapApi();
                    app.Run();
                }
            }

            public static class Routes
            {
                public static void MapApi(this WebApplication app) => app.MapControllers();
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_controllers_routed_by_use_mvc_without_endpoint_routing() => VerifyProgram("""
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMvc(o => o.EnableEndpointRouting = false);
            var app = builder.{|PERF405:Build()|};
            app.UseMvc();
            app.Run();
            """);

        [Fact]
        public Task Ignores_use_mvc_when_compression_is_enabled() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMvc(o => o.EnableEndpointRouting = false);
            builder.Services.AddResponseCompression();
            var app = builder.Build();
            app.UseResponseCompression();
            app.UseMvc();
            app.Run();
            """);

        [Fact]
        public Task Message_says_how_to_enable_or_silence_it() => VerifyCS.AnalyzerAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|#0:Build()|};
            app.MapPost("/orders", (int id) => Results.Ok(id));
            app.Run();
            """, null, Frameworks.Web, OutputKind.ConsoleApplication,
            VerifyCS.Diagnostic(Descriptors.PERF405JsonApiWithoutCompression).WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "never enables response compression; add AddResponseCompression and UseResponseCompression, or set perf_analyzers.PERF405.compressed_upstream = true when a proxy compresses"));

        [Fact]
        public Task An_invalid_option_value_keeps_the_default() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", () => "[]");
            app.Run();
            """, "perf_analyzers.PERF405.compressed_upstream = yes");

        // Controllers that render views (docs/rules/PERF405.md, "Applications that render views").

        private const string MvcUsings = "using Microsoft.AspNetCore.Mvc;\n";

        // An application of views: a Home controller that renders one, routed by convention. Reported or not, as the
        // test's extra routes and types decide.
        private static Task VerifyViewsApp(bool reported, string extraRoutes, string extraTypes) => VerifyProgram(MvcUsings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();
            var app = {{(reported ? "builder.{|PERF405:Build()|}" : "builder.Build()")}};
            app.MapDefaultControllerRoute();
            {{extraRoutes}}
            app.Run();

            public class HomeController : Controller
            {
                public IActionResult Index() => View();
            }

            {{extraTypes}}
            """);

        // An application of controllers, mapped with MapControllers; reported or not, as the test's extra routes and
        // controllers decide.
        private static Task VerifyControllersApp(bool reported, string extraRoutes, string controllers) => VerifyProgram(MvcUsings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = {{(reported ? "builder.{|PERF405:Build()|}" : "builder.Build()")}};
            {{extraRoutes}}
            app.MapControllers();
            app.Run();

            {{controllers}}
            """);

        [Fact]
        public Task Reports_controllers_that_return_data_without_ApiController() => VerifyProgram(MvcUsings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.{|PERF405:Build()|};
            app.MapControllers();
            app.Run();

            public class ArticlesController : Controller
            {
                [HttpGet("articles")]
                public string[] List() => new[] { "a", "b" };
            }
            """);

        // eShopOnDapr's Payment API: its one controller is a pub/sub event sink that answers with a status alone.
        [Fact]
        public Task Ignores_controllers_whose_actions_all_return_nothing() => VerifyControllersApp(reported: false, """app.MapGet("/", () => Results.LocalRedirect("~/swagger"));""", """
            public record OrderValidated(int OrderId);

            [ApiController]
            [Route("api/v1/[controller]")]
            public class IntegrationEventController : ControllerBase
            {
                [HttpPost("OrderValidated")]
                public System.Threading.Tasks.Task HandleAsync(OrderValidated @event) => System.Threading.Tasks.Task.CompletedTask;

                [HttpPost("OrderCancelled")]
                public void Cancelled(OrderValidated @event) { }

                private string Describe() => "event sink";
            }
            """);

        [Fact]
        public Task Reports_controllers_when_one_action_may_send_a_body() => VerifyControllersApp(reported: true, "", """
            public record OrderValidated(int OrderId);

            [ApiController]
            [Route("api/v1/[controller]")]
            public class IntegrationEventController : ControllerBase
            {
                [HttpPost("OrderValidated")]
                public System.Threading.Tasks.Task HandleAsync(OrderValidated @event) => System.Threading.Tasks.Task.CompletedTask;

                [HttpGet("status")]
                public IActionResult Status() => Ok(new { Healthy = true });
            }
            """);

        // amantinband's clean-architecture template: the controllers are based on the application's own ApiController.
        [Fact]
        public Task Reports_controllers_based_on_an_application_base_that_send_data() => VerifyControllersApp(reported: true, "", """
            [ApiController]
            public abstract class ApiController : ControllerBase
            {
                protected IActionResult Failure() => Problem();
            }

            [Route("reminders")]
            public class RemindersController : ApiController
            {
                [HttpGet]
                public IActionResult List() => Ok(new[] { "call mum" });
            }
            """);

        [Fact]
        public Task Reports_controllers_whose_bodiless_actions_write_the_response_themselves() => VerifyControllersApp(reported: true, "", """
            [ApiController]
            [Route("feed")]
            public class FeedController : ControllerBase
            {
                [HttpGet]
                public System.Threading.Tasks.Task Get() => Response.WriteAsJsonAsync(new[] { 1, 2, 3 });
            }
            """);

        [Fact]
        public Task Reports_a_host_whose_controllers_are_all_another_projects() => VerifyProgram("""
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.{|PERF405:Build()|};
            app.MapControllers();
            app.Run();
            """);

        // ---- The pipeline handed to another project (fullstackhero's building block calls UseResponseCompression) ----

        private const string PlatformProject = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            namespace Shop.Platform
            {
                public static class PlatformExtensions
                {
                    public static WebApplication UsePlatform(this WebApplication app) => app;
                    public static IApplicationBuilder UseShopPipeline(this IApplicationBuilder app) => app;
                    public static IServiceCollection AddPlatform(this IServiceCollection services) => services;
                }
            }
            """;

        private static Task VerifyWithPlatform(string program, string? platformPath = null, bool signed = false)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PERF405JsonApiWithoutCompressionAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Usings + "using Shop.Platform;\n" + program, null, Frameworks.Web, OutputKind.ConsoleApplication);
            test.TestState.AdditionalReferences.Add(ProbeCompilations.ReferencedProject(
                "Shop.Platform", PlatformProject, Frameworks.Web, signed ? ProbeCompilations.EfCorePublicKey() : default, platformPath));
            return test.RunAsync();
        }

        // The host's Program.cs: services, then the pipeline after Build(), then one data endpoint.
        private static string PlatformHost(string services, string pipeline, bool reported) => $$"""
            var builder = WebApplication.CreateBuilder(args);
            {{services}}
            var app = {{(reported ? "builder.{|PERF405:Build()|}" : "builder.Build()")}};
            {{pipeline}}
            app.MapGet("/orders", () => new[] { new { Id = 1 } });
            app.Run();
            """;

        [Fact]
        public Task Ignores_an_application_whose_pipeline_another_project_sets_up()
            => VerifyWithPlatform(PlatformHost("", "app.UsePlatform();", reported: false));

        [Fact]
        public Task Ignores_a_pipeline_handed_over_as_IApplicationBuilder_from_a_build_output_folder()
            => VerifyWithPlatform(PlatformHost("", "app.UseShopPipeline();", reported: false), platformPath: "/src/Shop.Platform/obj/Release/net10.0/ref/Shop.Platform.dll");

        [Fact]
        public Task Reports_an_application_that_hands_another_project_only_its_services()
            => VerifyWithPlatform(PlatformHost("builder.Services.AddPlatform();", "", reported: true));

        [Fact]
        public Task Reports_an_application_whose_pipeline_a_signed_package_extends()
            => VerifyWithPlatform(PlatformHost("", "app.UsePlatform();", reported: true), signed: true);

        [Fact]
        public Task Reports_an_application_whose_pipeline_an_unsigned_package_from_the_nuget_cache_extends()
            => VerifyWithPlatform(PlatformHost("", "app.UsePlatform();", reported: true), platformPath: "/home/dev/.nuget/packages/shop.platform/1.2.0/lib/net10.0/Shop.Platform.dll");

        [Fact]
        public Task Reports_an_application_whose_pipeline_a_method_of_its_own_extends() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.UseOwnPipeline();
            app.MapGet("/orders", () => new[] { new { Id = 1 } });
            app.Run();

            static class OwnPipeline
            {
                public static WebApplication UseOwnPipeline(this WebApplication app) => app;
            }
            """);

        // ---- Controllers mapped where none can be found (dotnet-podcasts' Blazor host keeps the template's MapControllers) ----

        [Fact]
        public Task Ignores_controllers_mapped_with_no_controller_and_no_application_part() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();
            builder.Services.AddRazorPages();
            var app = builder.Build();
            app.MapRazorPages();
            app.MapControllers();
            app.MapFallbackToPage("/_Host");
            app.Run();
            """);

        // A free-schools project site of Razor Pages: its only controllers are Microsoft.Identity.Web.UI's sign-in and
        // sign-out redirects, named by the part the SDK generates for that package.
        [Fact]
        public Task Ignores_controllers_mapped_whose_only_part_is_a_sign_in_ui_package() => VerifyCS.AnalyzerAsync(Usings + """
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Microsoft.Identity.Web.UI")]
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddRazorPages();
                    var app = builder.Build();
                    app.MapRazorPages();
                    app.MapControllerRoute("default", "{controller}/{action}/");
                    app.Run();
                }
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_controllers_mapped_with_a_sign_in_ui_part_beside_another_part() => VerifyCS.AnalyzerAsync(Usings + """
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Microsoft.Identity.Web.UI")]
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddRazorPages();
                    var app = builder.{|PERF405:Build()|};
                    app.MapRazorPages();
                    app.MapControllerRoute("default", "{controller}/{action}/");
                    app.Run();
                }
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_controllers_mapped_with_an_application_part_added_in_code() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers().AddApplicationPart(typeof(object).Assembly);
            var app = builder.{|PERF405:Build()|};
            app.MapControllers();
            app.Run();
            """);

        [Fact]
        public Task Reports_controllers_mapped_beside_a_plain_class_named_for_a_controller() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.{|PERF405:Build()|};
            app.MapControllers();
            app.Run();

            public class OrdersController
            {
                public string[] Get() => new[] { "a" };
            }
            """);

        [Fact]
        public Task Reports_minimal_endpoints_mapped_beside_controllers_that_cannot_be_found() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.{|PERF405:Build()|};
            app.MapControllers();
            app.MapGet("/orders", () => new[] { 1 });
            app.Run();
            """);

        [Fact]
        public Task Reports_views_next_to_an_ApiController() => VerifyViewsApp(reported: true, "", """
            [ApiController]
            [Route("api/orders")]
            public class OrdersApi : Controller
            {
                [HttpGet]
                public string[] List() => new[] { "a" };
            }
            """);

        [Fact]
        public Task Ignores_views_next_to_an_ApiController_health_probe_that_answers_Ok() => VerifyViewsApp(reported: false, "", """
            // An early-years qualification site of pages: its one [ApiController] is a health probe.
            [ApiController]
            [Route("[controller]")]
            public class HealthController : Controller
            {
                [HttpGet]
                public IActionResult Get()
                {
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_views_next_to_an_ApiController_that_answers_with_statuses_built_with_new() => VerifyViewsApp(reported: false, "", """
            [ApiController]
            [Route("api/cache")]
            public class CacheController : ControllerBase
            {
                [HttpPost]
                public async System.Threading.Tasks.Task<IActionResult> Clear(string? secret)
                {
                    if (secret == null)
                    {
                        return new UnauthorizedResult();
                    }

                    await System.Threading.Tasks.Task.Yield();
                    return secret.Length > 3 ? new NoContentResult() : StatusCode(503);
                }
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_ApiController_that_builds_an_object_result() => VerifyViewsApp(reported: true, "", """
            [ApiController]
            [Route("api/orders")]
            public class OrdersApi : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => new ObjectResult(new[] { "a" });

                [HttpGet("health")]
                public IActionResult Health() => Ok();
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_ApiController_whose_result_comes_from_a_helper() => VerifyViewsApp(reported: true, "", """
            [ApiController]
            [Route("api/orders")]
            public class OrdersApi : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Answer(new[] { "a" });

                private IActionResult Answer(string[] orders) => orders.Length == 0 ? NotFound() : new ObjectResult(orders);
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_abstract_ApiController_base_that_answers_with_a_status() => VerifyViewsApp(reported: true, "", """
            [ApiController]
            public abstract class ApiBase : Controller
            {
                [HttpGet("ping")]
                public IActionResult Ping() => Ok();
            }
            """);

        [Fact]
        public Task Ignores_views_next_to_a_ping_controller_that_answers_Pong() => VerifyViewsApp(reported: false, "", """
            // An apprenticeship agency's application site of pages: its liveness probe sends four bytes.
            public class PingController : Controller
            {
                [HttpGet("/Ping")]
                public IActionResult Ping()
                {
                    return Ok("Pong");
                }
            }
            """);

        [Fact]
        public Task Ignores_views_next_to_an_ApiController_health_probe_that_sends_its_status() => VerifyViewsApp(reported: false, "", """
            [ApiController]
            [Route("health")]
            public class HealthController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => Ok(new { status = "Healthy" });
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_action_named_for_health_data() => VerifyViewsApp(reported: true, "", """
            public class PlansController : Controller
            {
                public IActionResult GetHealthPlan(int id) => Ok(new { id, cover = "full" });
            }
            """);

        [Fact]
        public Task Reports_views_next_to_a_data_action_of_a_controller_named_for_a_health_feature() => VerifyViewsApp(reported: true, "", """
            [ApiController]
            [Route("api/health-records")]
            public class HealthRecordsController : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Ok(new[] { "a" });
            }
            """);

        [Fact]
        public Task Ignores_pages_next_to_a_root_endpoint_that_redirects_and_completes() => VerifyViewsApp(reported: false, """
            // An academy-conversion site of pages: its one minimal endpoint sends the browser to the project list.
            app.MapGet("/", context =>
            {
                context.Response.Redirect("project-list", false);
                return System.Threading.Tasks.Task.CompletedTask;
            });
            """, "");

        [Fact]
        public Task Reports_pages_next_to_an_endpoint_that_writes_the_body_and_completes() => VerifyViewsApp(reported: true, """
            app.MapGet("/version", context =>
            {
                context.Response.Body.Write(System.Text.Encoding.UTF8.GetBytes("{\"v\":1}"));
                return System.Threading.Tasks.Task.CompletedTask;
            });
            """, "");

        [Fact]
        public Task Reports_pages_next_to_an_endpoint_that_returns_a_written_task() => VerifyViewsApp(reported: true, """
            app.MapGet("/version", context => context.Response.WriteAsJsonAsync(new { v = 1 }));
            """, "");

        [Fact]
        public Task Reports_views_next_to_a_controller_based_on_ControllerBase() => VerifyViewsApp(reported: true, "", """
            public abstract class BaseApiController : ControllerBase
            {
            }

            public class OrdersController : BaseApiController
            {
                [HttpGet("api/orders")]
                public string[] List() => new[] { "a" };
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_action_that_sends_Json() => VerifyViewsApp(reported: true, "", """
            public class SearchController : Controller
            {
                public IActionResult Suggestions(string term) => Json(new[] { term });
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_action_that_sends_Ok_beside_one_that_redirects() => VerifyViewsApp(reported: true, "", """
            public class SearchController : Controller
            {
                public IActionResult Suggestions(string term) => Ok(new[] { term });

                public IActionResult Go(string term) => RedirectToAction(nameof(Suggestions), new { term });
            }
            """);

        [Fact]
        public Task Ignores_views_next_to_an_action_that_sends_an_error_as_Json_and_otherwise_redirects() => VerifyViewsApp(reported: false, "", """
            // Practical.CleanArchitecture's MVC client: one error sent as JSON on the token refresh.
            public class TokenController : Controller
            {
                public async System.Threading.Tasks.Task<IActionResult> RefreshToken(string? token)
                {
                    var error = await System.Threading.Tasks.Task.FromResult(token == null ? "expired" : null);
                    if (error != null)
                    {
                        return Json(new { error });
                    }

                    return RedirectToAction("Index", "Home");
                }
            }
            """);

        // Two skills-agency sites of pages: the only data helper is a health check's bare Ok(), which sends no body.
        [Fact]
        public Task Ignores_views_next_to_an_action_that_answers_a_bare_Ok() => VerifyViewsApp(reported: false, "", """
            public class HealthCheckController : Controller
            {
                public IActionResult FileCheck() => Ok();

                public IActionResult Queued() => Accepted();
            }
            """);

        [Fact]
        public Task Reports_views_next_to_an_action_that_answers_Ok_with_a_value() => VerifyViewsApp(reported: true, "", """
            public class ReportsController : Controller
            {
                public IActionResult FileCheck() => Ok();

                public IActionResult Totals() => Ok(new { orders = 3 });
            }
            """);

        [Fact]
        public Task Ignores_views_next_to_an_action_that_answers_an_ajax_request_with_Json() => VerifyViewsApp(reported: false, "", """
            public class CartController : Controller
            {
                public IActionResult Summary(bool partial) => partial ? Json(new { Count = 1 }) : View();
            }
            """);

        // Razor Pages with a form controller (Letterbook's Web UI).

        private const string RazorPagesApp = MvcUsings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapRazorPages();
            app.MapControllers();
            app.Run();

            """;

        [Fact]
        public Task Ignores_razor_pages_with_a_form_controller_that_redirects_or_answers_errors() => VerifyProgram(RazorPagesApp + """
            public sealed class PostEditorController : ControllerBase
            {
                [HttpPost("post/edit")]
                public async System.Threading.Tasks.Task<IActionResult> Edit(string? text)
                {
                    if (!ModelState.IsValid)
                    {
                        return BadRequest(ModelState);
                    }

                    if (text == null)
                    {
                        return Forbid();
                    }

                    await System.Threading.Tasks.Task.Yield();
                    return RedirectToPage("/Index");
                }
            }
            """);

        [Fact]
        public Task Reports_razor_pages_of_a_host_whose_controllers_all_come_from_another_project() => VerifyProgram(RazorPagesApp
            .Replace("var builder = WebApplication.CreateBuilder(args);", "[assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart(\"Shop.Api\")]\nvar builder = WebApplication.CreateBuilder(args);")
            .Replace("var app = builder.Build();", "var app = builder.{|PERF405:Build()|};"));

        [Fact]
        public Task Reports_razor_pages_next_to_a_controller_on_ControllerBase_that_returns_data() => VerifyProgram(RazorPagesApp.Replace("var app = builder.Build();", "var app = builder.{|PERF405:Build()|};") + """
            public sealed class TimelineController : ControllerBase
            {
                [HttpGet("timeline")]
                public ActionResult<string[]> Get() => new[] { "a" };
            }
            """);

        [Fact]
        public Task Reports_razor_pages_next_to_a_controller_on_ControllerBase_that_builds_a_json_result() => VerifyProgram(RazorPagesApp.Replace("var app = builder.Build();", "var app = builder.{|PERF405:Build()|};") + """
            public sealed class TimelineController : ControllerBase
            {
                [HttpGet("timeline")]
                public IActionResult Get() => new JsonResult(new[] { "a" });
            }
            """);

        // BaGet: NuGet protocol controllers on MVC's Controller answer with ActionResult<T> beside the Razor Pages; their
        // only helper call is a bare Ok(), which sends no body.
        [Fact]
        public Task Reports_razor_pages_next_to_a_controller_on_Controller_with_typed_results() => VerifyProgram(RazorPagesApp.Replace("var app = builder.Build();", "var app = builder.{|PERF405:Build()|};") + """
            public class SearchController : Controller
            {
                [HttpGet("v3/search")]
                public async System.Threading.Tasks.Task<ActionResult<string[]>> SearchAsync(string q)
                {
                    await System.Threading.Tasks.Task.Yield();
                    return new[] { q };
                }

                [HttpPost("v3/relist")]
                public IActionResult Relist() => Ok();
            }
            """);

        [Fact]
        public Task Ignores_razor_pages_next_to_a_controller_on_Controller_whose_typed_result_is_private() => VerifyProgram(RazorPagesApp + """
            public class FormsController : Controller
            {
                [HttpPost("forms/save")]
                public IActionResult Save() => RedirectToPage("/Index");

                private ActionResult<string> Describe() => "form";
            }
            """);

        [Fact]
        public Task Reports_razor_pages_next_to_a_controller_on_ControllerBase_that_sends_Ok() => VerifyProgram(RazorPagesApp.Replace("var app = builder.Build();", "var app = builder.{|PERF405:Build()|};") + """
            public sealed class TimelineController : ControllerBase
            {
                [HttpGet("timeline")]
                public IActionResult Get() => Ok(new[] { "a" });
            }
            """);

        // ---- Minimal endpoints that answer without a body (davidfowl/TodoApi's Blazor server) ----

        private const string AuthUsings = """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Authentication;

            """;

        [Fact]
        public Task Ignores_minimal_endpoints_that_only_sign_in_challenge_or_redirect() => VerifyProgram(AuthUsings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication("Cookies").AddCookie("Cookies");
            var app = builder.Build();

            var auth = app.MapGroup("/auth");
            auth.MapPost("login", (string user) => Results.SignIn(new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user) }, "Cookies")), authenticationScheme: "Cookies"));
            auth.MapPost("logout", async (HttpContext c) => await c.SignOutAsync());
            auth.MapGet("login/{provider}", (string provider) => Results.Challenge(authenticationSchemes: new[] { provider }));
            auth.MapGet("signin/{provider}", () => { if (System.DateTime.Now.Second > 30) { return Results.Redirect("/"); } return TypedResults.Unauthorized(); });
            app.Run();
            """);

        [Fact]
        public Task Ignores_minimal_endpoints_that_sign_in_through_a_helper_of_their_class() => VerifyProgram(AuthUsings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapAuth();
            app.Run();

            static class AuthApi
            {
                // TodoApi's Blazor server: the login endpoints sign in through helpers of the class.
                public static void MapAuth(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes)
                {
                    var group = routes.MapGroup("/auth");
                    group.MapPost("login", async (string user) =>
                    {
                        var token = await System.Threading.Tasks.Task.FromResult(user.Length > 0 ? "t" : null);
                        if (token is null)
                        {
                            return Results.Unauthorized();
                        }

                        return SignIn(user, token);
                    });
                }

                private static IResult SignIn(string user, string token) => SignIn(user, user, token, null);

                private static IResult SignIn(string id, string name, string token, string? provider)
                {
                    var identity = new ClaimsIdentity("Cookies");
                    identity.AddClaim(new Claim(ClaimTypes.Name, name));
                    return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: "Cookies");
                }
            }
            """);

        [Fact]
        public Task Ignores_minimal_endpoints_that_send_files_of_a_binary_content_type() => VerifyProgram(AuthUsings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            // dotnet/eShopSupport's staff UI: a product manual as a PDF, or a bare 404.
            app.MapGet("/manual", (string file) =>
            {
                System.IO.Stream? pdf = System.IO.File.Exists(file) ? System.IO.File.OpenRead(file) : null;
                return pdf is null ? Results.NotFound() : Results.Stream(pdf, "application/pdf");
            });
            app.MapGet("/logo", () => TypedResults.File(new byte[] { 1 }, "image/png"));
            app.MapPost("/user/signout", async (HttpContext c) => await c.SignOutAsync());
            app.Run();
            """);

        [Fact]
        public Task Reports_minimal_endpoints_that_send_files_of_text_or_of_no_stated_content_type() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/export", () => Results.File(new byte[] { 1 }, "text/csv"));
            app.MapGet("/download", () => Results.Stream(new System.IO.MemoryStream()));
            app.MapGet("/manual", (bool found) => found ? Results.Stream(new System.IO.MemoryStream(), "application/pdf") : Results.Ok(new { error = "missing" }));
            app.Run();
            """);

        [Fact]
        public Task Reports_a_minimal_endpoint_whose_helper_returns_data() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapOrders();
            app.Run();

            static class OrdersApi
            {
                public static void MapOrders(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes)
                {
                    routes.MapGet("/orders", () => List());
                }

                private static IResult List() => Results.Ok(new[] { 1, 2, 3 });
            }
            """);

        [Fact]
        public Task Reports_an_endpoint_returning_data_next_to_authentication_endpoints() => VerifyProgram(AuthUsings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapPost("/logout", async (HttpContext c) => await c.SignOutAsync());
            app.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new { Name = user.Identity?.Name }));
            app.Run();
            """);

        [Fact]
        public Task Reports_a_minimal_endpoint_whose_handler_is_a_method_group() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", Handlers.List);
            app.Run();

            static class Handlers
            {
                public static IResult List() => Results.Redirect("/");
            }
            """);

        [Fact]
        public Task Reports_a_block_lambda_that_writes_json() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", async (HttpContext context) => { await context.Response.WriteAsJsonAsync(new[] { 1, 2, 3 }); });
            app.Run();
            """);

        [Fact]
        public Task Reports_views_next_to_minimal_endpoints() => VerifyViewsApp(reported: true, """app.MapGet("/api/health", () => new { Status = "ok" });""", "");

        [Fact]
        public Task Ignores_an_application_whose_controllers_only_render_views() => VerifyViewsApp(reported: false, "", """
            public class AccountController : Controller
            {
                public IActionResult Login(string returnUrl) => View(new LoginModel(returnUrl));

                [HttpPost]
                public IActionResult Login(LoginModel model) => ModelState.IsValid ? Redirect(model.ReturnUrl) : View(model);
            }

            public record LoginModel(string ReturnUrl);
            """);

        [Fact]
        public Task Ignores_views_and_partial_views_routed_by_convention_in_another_file() => VerifyCS.AnalyzerAsync(Usings + MvcUsings + """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllersWithViews();
                    var app = builder.Build();
                    app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
                    app.Run();
                }
            }

            public class ConsentController : Controller
            {
                public IActionResult Index() => View();

                public IActionResult Scopes() => PartialView("_Scopes");
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_views_whose_only_api_marker_is_in_a_comment() => VerifyViewsApp(reported: false, "", """
            // Not an [ApiController], and Ok(..) is never called: pages only.
            public class AboutController : Controller
            {
                public IActionResult Index() => View();
            }
            """);

        // A host built outside the entry point for a tool, next to the application the entry point builds (Letterbook's API).

        [Fact]
        public Task Reports_only_the_entry_points_application_beside_a_host_built_for_a_tool() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", () => new[] { 1 });
            app.Run();

            public static class SwaggerHostFactory
            {
                public static WebApplication CreateHost()
                {
                    var builder = WebApplication.CreateBuilder();
                    var host = builder.Build();
                    host.MapGet("/orders", () => new[] { 1 });
                    return host;
                }
            }
            """);

        [Fact]
        public Task Reports_an_application_built_outside_an_entry_point_that_builds_none() => VerifyProgram("""
            using Microsoft.Extensions.Configuration;

            var configuration = new ConfigurationBuilder().Build();
            Startup.CreateApp(args).Run();

            public static class Startup
            {
                public static WebApplication CreateApp(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.{|PERF405:Build()|};
                    app.MapGet("/orders", () => new[] { 1 });
                    return app;
                }
            }
            """);

        // Not flagged.

        [Fact]
        public Task Ignores_an_application_that_enables_compression_in_another_file() => VerifyCS.AnalyzerAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCompression();
            var app = builder.Build();
            app.UseCompression();
            app.MapGet("/orders", () => "[]");
            app.Run();

            public static class Compression
            {
                public static void AddCompression(this IServiceCollection services) => services.AddResponseCompression();

                public static void UseCompression(this WebApplication app) => app.UseResponseCompression();
            }
            """, outputKind: OutputKind.ConsoleApplication);

        // A Startup-style application: reported at its host's Build(), with no code fix (compression goes in Startup).

        private const string StartupHostUsings = """
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            """;

        private const string StartupWithBlocks = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            [ApiController]
            [Route("books")]
            public class BooksController : ControllerBase
            {
                [HttpGet]
                public string[] All() => new[] { "a", "b" };
            }
            """;

        private const string StartupStyle = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddControllers();
                public void Configure(IApplicationBuilder app) => app.UseRouting().UseEndpoints(endpoints => endpoints.MapControllers());
            }

            [ApiController]
            [Route("books")]
            public class BooksController : ControllerBase
            {
                [HttpGet]
                public string[] All() => new[] { "a", "b" };
            }

            """;

        [Fact]
        public Task Reports_a_startup_style_application_at_its_hosts_Build() => VerifyCS.AnalyzerAsync(StartupStyle + """
            public static class Program
            {
                public static void Main(string[] args) => CreateHostBuilder(args).{|PERF405:Build()|}.Run();

                public static IHostBuilder CreateHostBuilder(string[] args)
                    => Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>());
            }
            """, null, Frameworks.Web, OutputKind.ConsoleApplication);

        // A host built at the end of a chain over several lines is marked on its Build() line, not across the chain.
        [Fact]
        public Task Reports_a_host_built_at_the_end_of_a_multi_line_chain_on_its_Build() => VerifyCS.AnalyzerAsync(StartupStyle + """
            public static class Program
            {
                public static void Main(string[] args)
                    => Host.CreateDefaultBuilder(args)
                        .ConfigureWebHostDefaults(web => web.UseStartup<Startup>())
                        .{|PERF405:Build()|}
                        .Run();
            }
            """, null, Frameworks.Web, OutputKind.ConsoleApplication);

        private const string StartupHost = """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = CreateHostBuilder(args);
                    var host = builder.{|PERF405:Build()|};
                    host.Run();
                }

                public static IHostBuilder CreateHostBuilder(string[] args)
                    => Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>());
            }
            """;

        [Fact]
        public Task Fix_adds_compression_to_Startup_in_another_file() => VerifyFix.CodeFixAsync(
            new[] { StartupHostUsings + StartupHost, StartupWithBlocks },
            new[] { StartupHostUsings + StartupHost.Replace("builder.{|PERF405:Build()|}", "builder.Build()"), """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.ResponseCompression;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCompression(options =>
                    {
                        options.Providers.Add<BrotliCompressionProvider>();
                        options.Providers.Add<GzipCompressionProvider>();
                    });
                    services.AddControllers();
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseResponseCompression();
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            [ApiController]
            [Route("books")]
            public class BooksController : ControllerBase
            {
                [HttpGet]
                public string[] All() => new[] { "a", "b" };
            }
            """ },
            PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_turns_expression_bodied_Startup_methods_into_blocks() => VerifyFix.CodeFixAsync(StartupStyle + StartupHost, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.ResponseCompression;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCompression(options =>
                    {
                        options.Providers.Add<BrotliCompressionProvider>();
                        options.Providers.Add<GzipCompressionProvider>();
                    });
                    services.AddControllers();
                }
                public void Configure(IApplicationBuilder app)
                {
                    app.UseResponseCompression();
                    app.UseRouting().UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            [ApiController]
            [Route("books")]
            public class BooksController : ControllerBase
            {
                [HttpGet]
                public string[] All() => new[] { "a", "b" };
            }

            """ + StartupHost.Replace("builder.{|PERF405:Build()|}", "builder.Build()"), PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_when_Startup_has_environment_specific_Configure_methods() => VerifyFix.NoCodeFixAsync(StartupStyle.Replace(
            "public void Configure(IApplicationBuilder app)",
            "public void ConfigureDevelopment(IApplicationBuilder app) => app.UseDeveloperExceptionPage();\n    public void Configure(IApplicationBuilder app)") + StartupHost,
            PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_when_the_project_has_two_Startup_classes() => VerifyFix.NoCodeFixAsync(StartupStyle + StartupHost + """

            public class OtherStartup
            {
                public void ConfigureServices(IServiceCollection services) { }
                public void Configure(IApplicationBuilder app) { }
                public static IHostBuilder Other(string[] args) => Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<OtherStartup>());
            }
            """, PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_when_UseStartup_takes_no_type_argument() => VerifyFix.NoCodeFixAsync(StartupStyle + StartupHost.Replace("web.UseStartup<Startup>()", "web.UseStartup(typeof(Startup))"),
            PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_when_ConfigureServices_returns_a_service_provider_from_an_expression_body() => VerifyFix.NoCodeFixAsync(StartupStyle.Replace(
            "public void ConfigureServices(IServiceCollection services) => services.AddControllers();",
            "public System.IServiceProvider ConfigureServices(IServiceCollection services) => services.AddControllers().Services.BuildServiceProvider();") + StartupHost,
            PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        [Fact]
        public Task Ignores_a_generic_host_that_sets_up_no_web_host() => VerifyCS.AnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class Program
            {
                public static void Main(string[] args) => Host.CreateDefaultBuilder(args).ConfigureServices(services => services.AddLogging()).Build().Run();
            }

            public static class StatusEndpoints
            {
                public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/status", () => new { Status = "ok" });
            }
            """, null, Frameworks.Web, OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_an_application_without_endpoints() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseStaticFiles();
            app.Run(context => context.Response.WriteAsync("ok"));
            app.Run();
            """);

        [Fact]
        public Task Ignores_a_grpc_only_service() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGrpcService<GreeterService>();
            app.Run();

            public class GreeterService
            {
            }

            public static class GrpcEndpointRouteBuilderExtensions
            {
                public static void MapGrpcService<TService>(this WebApplication app)
                {
                }
            }
            """);

        [Fact]
        public Task Ignores_an_application_whose_proxy_compresses() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/orders", () => "[]");
            app.Run();
            """, "perf_analyzers.PERF405.compressed_upstream = true");

        [Fact]
        public Task Ignores_test_projects() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/orders", () => "[]");
            app.Run();
            """, frameworks: Frameworks.Web | Frameworks.Xunit);

        [Fact]
        public Task Ignores_a_build_method_of_your_own() => VerifyProgram("""
            var app = new AppBuilder().Build();
            System.Console.WriteLine(app);

            public class AppBuilder
            {
                public string Build() => "app";
            }

            public static class Endpoints
            {
                public static void Map(WebApplication web) => web.MapGet("/", () => "[]");
            }
            """);

        // ---- Compression registered without its middleware (an education provider registry's API) ----

        [Fact]
        public Task Reports_compression_registered_without_its_middleware() => VerifyCS.AnalyzerAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddResponseCompression();
            var app = builder.{|#0:Build()|};
            app.MapGet("/orders", () => new[] { 1 });
            app.Run();
            """,
            null,
            Frameworks.Web,
            OutputKind.ConsoleApplication,
            VerifyCS.Diagnostic(Descriptors.PERF405JsonApiWithoutCompression).WithLocation(0).WithArguments(
                "never adds the response compression middleware, so AddResponseCompression compresses nothing; call UseResponseCompression before the endpoints"));

        [Fact]
        public Task Ignores_the_middleware_added_without_compression_registered_in_this_project() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseResponseCompression();
            app.MapGet("/orders", () => new[] { 1 });
            app.Run();
            """);

        [Fact]
        public Task Ignores_compression_registered_without_its_middleware_when_a_proxy_compresses() => VerifyProgram("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddResponseCompression();
            var app = builder.Build();
            app.MapGet("/orders", () => new[] { 1 });
            app.Run();
            """, "perf_analyzers.PERF405.compressed_upstream = true");

        [Fact]
        public Task Fix_adds_only_the_middleware_when_compression_is_registered() => VerifyFix.CodeFixAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddResponseCompression();
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", () => "[]");
            app.Run();
            """, Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddResponseCompression();
            var app = builder.Build();
            app.UseResponseCompression();
            app.MapGet("/orders", () => "[]");
            app.Run();
            """, PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task No_fix_in_Startup_when_compression_is_registered_without_its_middleware() => VerifyFix.NoCodeFixAsync(
            StartupStyle.Replace("services.AddControllers();", "services.AddControllers().Services.AddResponseCompression();") + StartupHost,
            PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);

        // Fix.

        [Fact]
        public Task Fix_adds_brotli_and_gzip_compression_before_the_endpoints() => FixProgram("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|PERF405:Build()|};
            app.MapGet("/orders", () => "[]");
            app.Run();
            """, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddResponseCompression(options =>
            {
                options.Providers.Add<BrotliCompressionProvider>();
                options.Providers.Add<GzipCompressionProvider>();
            });
            var app = builder.Build();
            app.UseResponseCompression();
            app.MapGet("/orders", () => "[]");
            app.Run();
            """);

        [Fact]
        public Task Fix_works_in_a_Main_method() => VerifyFix.CodeFixAsync(Usings + """
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var webBuilder = WebApplication.CreateBuilder(args);
                    var web = webBuilder.{|PERF405:Build()|};
                    web.MapControllers();
                    web.Run();
                }
            }
            """, FixedUsings + """
            [assembly: Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPart("Shop.Api")]
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var webBuilder = WebApplication.CreateBuilder(args);
                    webBuilder.Services.AddResponseCompression(options =>
                    {
                        options.Providers.Add<BrotliCompressionProvider>();
                        options.Providers.Add<GzipCompressionProvider>();
                    });
                    var web = webBuilder.Build();
                    web.UseResponseCompression();
                    web.MapControllers();
                    web.Run();
                }
            }
            """, PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey, outputKind: OutputKind.ConsoleApplication);

        private const string TwoApplications = """
            public static class Apps
            {
                public static WebApplication Public(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.{|PERF405:Build()|};
                    app.MapGet("/orders", () => "[]");
                    return app;
                }

                public static WebApplication Admin(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.{|PERF405:Build()|};
                    app.MapPost("/admin/orders", () => "[]");
                    return app;
                }
            }
            """;

        private const string PublicFixed = """
                public static WebApplication Public(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddResponseCompression(options =>
                    {
                        options.Providers.Add<BrotliCompressionProvider>();
                        options.Providers.Add<GzipCompressionProvider>();
                    });
                    var app = builder.Build();
                    app.UseResponseCompression();
                    app.MapGet("/orders", () => "[]");
                    return app;
                }
            """;

        private const string AdminFixed = """
                public static WebApplication Admin(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddResponseCompression(options =>
                    {
                        options.Providers.Add<BrotliCompressionProvider>();
                        options.Providers.Add<GzipCompressionProvider>();
                    });
                    var app = builder.Build();
                    app.UseResponseCompression();
                    app.MapPost("/admin/orders", () => "[]");
                    return app;
                }
            """;

        private const string AdminUnfixed = """
                public static WebApplication Admin(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.Build();
                    app.MapPost("/admin/orders", () => "[]");
                    return app;
                }
            """;

        /// <summary>
        /// Fix All fixes every application of the project at once; fixing one by one stops after the first, since one
        /// call to AddResponseCompression anywhere satisfies the rule for the whole compilation.
        /// </summary>
        [Fact]
        public Task Fix_all_enables_compression_in_every_application_of_the_project()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<PERF405JsonApiWithoutCompressionAnalyzer, PERF405JsonApiWithoutCompressionCodeFix, DefaultVerifier>
            {
                FixedCode = FixedUsings + "public static class Apps\n{\n" + PublicFixed + "\n\n" + AdminUnfixed + "\n}",
                BatchFixedCode = FixedUsings + "public static class Apps\n{\n" + PublicFixed + "\n\n" + AdminFixed + "\n}",
                CodeActionEquivalenceKey = PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey,
                NumberOfIncrementalIterations = 1,
            };
            SnippetTest.Configure(test, Usings + TwoApplications, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            return test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task No_fix_when_Build_is_not_assigned_to_a_local() => VerifyFix.CodeFixAsync(Usings + """
            public static class Startup
            {
                public static WebApplication Create(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args);
                    return Configure(app.{|PERF405:Build()|});
                }

                private static WebApplication Configure(WebApplication app)
                {
                    app.MapGet("/", () => "[]");
                    return app;
                }
            }
            """, Usings + """
            public static class Startup
            {
                public static WebApplication Create(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args);
                    return Configure(app.{|PERF405:Build()|});
                }

                private static WebApplication Configure(WebApplication app)
                {
                    app.MapGet("/", () => "[]");
                    return app;
                }
            }
            """, PERF405JsonApiWithoutCompressionCodeFix.EquivalenceKey);
    }
}
