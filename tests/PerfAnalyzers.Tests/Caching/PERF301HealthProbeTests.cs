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

        // ---- Reported: data endpoints whose names only resemble a probe ----

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
