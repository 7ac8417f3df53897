using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>Health and liveness probes written as endpoints are not reported (docs/rules/PERF301.md, "Health probes").</summary>
    public class PERF301HealthProbeTests
    {
        private const string ControllerUsings = """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public record Plan(int Id, string Name);

            """;

        private const string MinimalUsings = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public record Plan(int Id, string Name);

            """;

        private static Task Controller(string body) => VerifyCS.AnalyzerAsync(ControllerUsings + body);

        private static Task Minimal(string body) => VerifyCS.AnalyzerAsync(MinimalUsings + body);

        // ---- Not reported: probes ----

        [Fact]
        public Task Ignores_a_health_controller() => Controller("""
            [ApiController, Route("api/[controller]")]
            public class HealthController : ControllerBase
            {
                [HttpGet]
                public ActionResult GetHealth() => Ok("Ok");
            }
            """);

        // An academies application site: a session keep-alive ping the pages call while a form is open.
        [Fact]
        public Task Ignores_a_keep_alive_action() => Controller("""
            public class CookiesController : Controller
            {
                [HttpGet]
                public string KeepAlive() => "ok";

                [HttpGet("session/keep-alive")]
                public string Extend() => "ok";
            }
            """);

        [Fact]
        public Task Reports_an_action_named_for_keeping_data() => Controller("""
            public class RecordsController : Controller
            {
                [HttpGet("records")]
                public string {|PERF301:KeepAliveRecords|}() => "[]";
            }
            """);

        [Fact]
        public Task Ignores_an_action_that_returns_only_constants() => Controller("""
            [ApiController, Route("api/v1/Status")]
            public class StatusController : ControllerBase
            {
                [HttpGet]
                public System.Net.HttpStatusCode GetStatus() => System.Net.HttpStatusCode.OK;

                [HttpGet("ready")]
                public bool Ready(bool deep)
                {
                    if (deep)
                    {
                        return true;
                    }

                    return true;
                }
            }
            """);

        [Fact]
        public Task Reports_an_action_that_returns_a_computed_value_next_to_a_constant() => Controller("""
            [ApiController, Route("api/v1/Status")]
            public class StatusController : ControllerBase
            {
                private static readonly string Started = DateTime.UtcNow.ToString("O");

                [HttpGet("started")]
                public string {|PERF301:Since|}(bool short_) => short_ ? "up" : Started;

                [HttpGet("version")]
                public string {|PERF301:Version|}() => "1.0";
            }
            """);

        [Fact]
        public Task Ignores_a_ping_action_of_another_controller() => Controller("""
            [ApiController, Route("api/server")]
            public class ServerController : ControllerBase
            {
                [HttpGet("ping")]
                public ActionResult<string> Check() => "pong";
            }
            """);

        [Fact]
        public Task Ignores_actions_of_a_controller_routed_at_health() => Controller("""
            [ApiController, Route("api/health")]
            public class StatusController : ControllerBase
            {
                [HttpGet]
                public ActionResult<object> Get() => new { status = "up" };
            }
            """);

        [Fact]
        public Task Ignores_probes_mapped_on_a_health_group() => Minimal("""
            public static class HealthEndpoints
            {
                public static IEndpointRouteBuilder MapProbes(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/health").AllowAnonymous();
                    group.MapGet("/live", async (HttpContext context) => Results.Ok(new { status = "alive" }));
                    group.MapGet("/details", () => Results.Ok(new { status = "up" }));
                    return app;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_healthz_endpoint() => Minimal("""
            public static class Probes
            {
                public static void Map(WebApplication app) => app.MapGet("/healthz", () => Results.Ok("Healthy"));
            }
            """);

        [Fact]
        public Task Ignores_a_whole_route_liveness_endpoint() => Minimal("""
            public static class Probes
            {
                public static void Map(WebApplication app) => app.MapGet("/live", () => Results.Ok(new { alive = true }));
            }
            """);

        [Fact]
        public Task Ignores_an_endpoint_that_runs_the_health_checks() => Minimal("""
            public static class Probes
            {
                public static void Map(WebApplication app) => app.MapGet("/status",
                    async (HealthCheckService checks, CancellationToken cancellationToken) =>
                    {
                        var report = await checks.CheckHealthAsync(cancellationToken);
                        return Results.Ok(report.Status.ToString());
                    });
            }
            """);

        [Fact]
        public Task Ignores_a_liveness_action_at_the_application_root() => Controller("""
            public class InfoController : Controller
            {
                [HttpGet("~/alive")]
                [HttpGet("~/now")]
                public DateTime GetAlive() => DateTime.UtcNow;
            }

            [Route("api/status")]
            public class StatusController : ControllerBase
            {
                [HttpGet("/ready")]
                public ActionResult<object> Ready() => new { ready = true };
            }
            """);

        [Fact]
        public Task Ignores_a_whole_route_probe_word_on_a_controller_without_a_route() => Controller("""
            public class ServiceController : ControllerBase
            {
                [HttpGet("alive")]
                public DateTime Alive() => DateTime.UtcNow;
            }

            [Route("hc")]
            public class StatusController : ControllerBase
            {
                [HttpGet]
                public ActionResult<object> Get() => new { status = "up" };
            }
            """);

        [Fact]
        public Task Ignores_an_alias_that_returns_the_probe_action() => Controller("""
            public class InfoController : Controller
            {
                [HttpGet("~/alive")]
                public DateTime GetAlive() => DateTime.UtcNow;

                [HttpGet("~/now")]
                [Obsolete("Use GET /alive.")]
                public DateTime GetNow()
                {
                    return GetAlive();
                }
            }
            """);

        private const string DatabaseUsings = """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            """;

        private const string DatabaseProbeModel = """
            public class ShopDb : DbContext { public DbSet<Plan> Plans => Set<Plan>(); }

            """;

        // AliasVault's root endpoint: 200 when the database is reachable and migrated, 500 otherwise.
        [Fact]
        public Task Ignores_an_action_that_asks_whether_the_database_is_migrated() => VerifyCS.AnalyzerAsync(DatabaseUsings + "using System.Threading.Tasks;\n" + ControllerUsings + DatabaseProbeModel + """
            [ApiController, Route("/")]
            public class RootController(ShopDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Get()
                {
                    var applied = await db.Database.GetAppliedMigrationsAsync();
                    if (db.Database.GetMigrations().Except(applied).Any())
                    {
                        return StatusCode(500, "There are pending migrations.");
                    }

                    return Ok("OK");
                }
            }
            """);

        [Fact]
        public Task Ignores_an_endpoint_that_asks_whether_the_database_answers() => VerifyCS.AnalyzerAsync(DatabaseUsings + MinimalUsings + DatabaseProbeModel + """
            public static class StatusEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/status", async (ShopDb db) => new { Database = await db.Database.CanConnectAsync() });
                }
            }
            """);

        [Fact]
        public Task Reports_an_endpoint_that_reads_data_from_the_database() => VerifyCS.AnalyzerAsync(DatabaseUsings + MinimalUsings + DatabaseProbeModel + """
            public static class StatusEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.{|PERF301:MapGet|}("/plans/count", async (ShopDb db) => new { Plans = await db.Plans.CountAsync() });
                }
            }
            """);

        // ---- Reported: data endpoints whose names only resemble a probe ----

        [Fact]
        public Task Reports_an_alive_route_under_a_controller_prefix() => Controller("""
            [ApiController, Route("api/players")]
            public class PlayersController : ControllerBase
            {
                [HttpGet("alive")]
                public ActionResult<List<Plan>> {|PERF301:ListAlive|}() => new List<Plan>();

                [HttpGet("{id}/ready")]
                public ActionResult<Plan> {|PERF301:Ready|}(int id) => new Plan(id, "ready");
            }
            """);

        [Fact]
        public Task Reports_an_action_that_returns_another_action_or_a_probe_named_helper() => Controller("""
            public class InfoController : Controller
            {
                [HttpGet("~/alive")]
                public DateTime GetAlive() => DateTime.UtcNow;

                [HttpGet("~/time")]
                public DateTime {|PERF301:GetTime|}() => GetServerTime();

                [HttpGet("~/server-time")]
                public DateTime {|PERF301:GetServerTime|}() => DateTime.UtcNow.AddHours(1);

                [HttpGet("~/state")]
                public DateTime {|PERF301:GetState|}(bool local) => local ? DateTime.Now : GetAlive();

                [HttpGet("~/uptime")]
                public DateTime {|PERF301:Uptime|}() => Ping();

                private DateTime Ping() => DateTime.UtcNow;
            }
            """);


        [Fact]
        public Task Reports_an_action_with_an_attribute_taking_an_array() => Controller("""
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class ProducesImageAttribute : Attribute
            {
                public ProducesImageAttribute(params string[] contentTypes) { }
            }

            [ApiController, Route("api/plans")]
            public class PlansController : ControllerBase
            {
                [HttpGet, Microsoft.AspNetCore.Http.Tags("plans", "catalog"), ProducesImage("image/png", "image/jpeg")]
                public ActionResult<List<Plan>> {|PERF301:List|}() => new List<Plan>();
            }
            """);

        [Fact]
        public Task Reports_a_health_record_endpoint() => Minimal("""
            public static class Records
            {
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/health-records/{id}", (int id) => Results.Ok(new Plan(id, "record")));
            }
            """);

        [Fact]
        public Task Reports_live_matches_on_a_group() => Minimal("""
            public static class Matches
            {
                public static void Map(WebApplication app)
                {
                    var matches = app.MapGroup("/matches");
                    matches.{|PERF301:MapGet|}("/live", () => Results.Ok(new[] { new Plan(1, "final") }));
                }
            }
            """);

        [Fact]
        public Task Reports_a_ready_route_of_a_controller() => Controller("""
            [ApiController, Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet("ready")]
                public ActionResult<List<Plan>> {|PERF301:ReadyForPickup|}() => new List<Plan>();
            }
            """);

        [Fact]
        public Task Reports_an_action_whose_name_only_starts_with_health() => Controller("""
            [ApiController, Route("api/insurance")]
            public class InsuranceController : ControllerBase
            {
                [HttpGet("plans")]
                public ActionResult<List<Plan>> {|PERF301:GetHealthPlans|}() => new List<Plan>();
            }
            """);

        [Fact]
        public Task Reports_data_endpoints_next_to_a_probe() => Minimal("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/ping", () => "pong");
                    app.{|PERF301:MapGet|}("/plans", () => Results.Ok(new[] { new Plan(1, "basic") }));
                }
            }
            """);
    }
}
