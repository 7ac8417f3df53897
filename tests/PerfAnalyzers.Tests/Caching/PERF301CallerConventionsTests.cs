using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "Conventions added by the callers": a method that maps endpoints on a group it returns,
    /// or on a builder it receives, gets the conventions its callers chain on the result or on the builder they pass.
    /// </summary>
    public class PERF301CallerConventionsTests
    {
        private const string Usings = """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;

            public record Order(int Id);

            """;

        private const string OrdersApi = """
            public static class OrdersApi
            {
                public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/orders");
                    api.{|#0:MapGet|}("/", () => new[] { new Order(1) });
                    api.{|#1:MapGet|}("/{id}", (int id) => new Order(id));
                    return api;
                }
            }

            """;

        private static Task Verify(string source, params int[] flagged)
        {
            var expected = new Microsoft.CodeAnalysis.Testing.DiagnosticResult[flagged.Length];
            for (var i = 0; i < flagged.Length; i++)
            {
                expected[i] = new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PERF301", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(flagged[i]);
            }

            return VerifyCS.AnalyzerAsync(Usings + source, expected: expected);
        }

        private static string Startup(string calls) => OrdersApi + $$"""
            public static class Startup
            {
                public static void Configure(WebApplication app)
                {
                    {{calls}}
                }
            }
            """;

        // ---- Not flagged: every caller adds the convention ----

        [Fact]
        public Task A_returned_group_the_caller_requires_authorization_on_is_authorized() => Verify(Startup("app.MapOrdersApi().RequireAuthorization();"));

        [Fact]
        public Task A_returned_group_the_caller_caches_is_covered() => Verify(Startup("app.MapOrdersApi().CacheOutput();"));

        [Fact]
        public Task A_returned_group_held_in_a_caller_local_and_authorized_later_is_authorized() => Verify(Startup("""
            var orders = app.MapOrdersApi();
                    orders.RequireAuthorization("admin");
            """));

        [Fact]
        public Task A_returned_group_authorized_by_a_caller_in_the_same_class_is_authorized() => Verify("""
            public static class OrdersApi
            {
                public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/orders");
                    api.MapGet("/", () => new[] { new Order(1) });
                    return api;
                }

                public static void Configure(WebApplication app) => app.MapOrdersApi().RequireAuthorization();
            }
            """);

        [Fact]
        public Task A_builder_parameter_whose_callers_pass_an_authorized_group_is_authorized() => Verify("""
            public static class OrdersApi
            {
                public static void MapOrders(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/orders", () => new[] { new Order(1) });
                }

                public static void Configure(WebApplication app)
                {
                    var secured = app.MapGroup("/api").RequireAuthorization();
                    secured.MapOrders();
                }
            }
            """);

        [Fact]
        public Task A_builder_parameter_whose_callers_pass_a_cached_group_is_covered() => Verify("""
            public static class OrdersApi
            {
                public static void MapOrders(IEndpointRouteBuilder routes) => routes.MapGet("/orders", () => new[] { new Order(1) });

                public static void Configure(WebApplication app) => MapOrders(app.MapGroup("/api").CacheOutput());
            }
            """);

        [Fact]
        public Task A_builder_parameter_whose_caller_does_not_bind_is_unseen() => Verify("""
            public static class OrdersApi
            {
                public static void MapOrders(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/orders", () => new[] { new Order(1) });
                }

                public static void Configure(WebApplication app)
                {
                    // A versioning package the build cannot see: the group's type is missing, and so is what it adds.
                    var group = app.MapGroup("/api").{|CS1061:WithApiVersionSet|}("v1").RequireAuthorization();
                    group.MapOrders();
                }
            }
            """);

        [Fact]
        public Task A_returned_group_whose_caller_does_not_bind_is_unseen() => Verify(OrdersApi + """
            public static class Startup
            {
                public static void Configure(WebApplication app, {|CS0246:MissingHost|} host)
                {
                    host.MapOrdersApi().RequireAuthorization();
                }
            }
            """);

        // ---- Flagged: a caller that adds nothing, or AllowAnonymous ----

        [Fact]
        public Task A_returned_group_whose_caller_adds_nothing_is_reported() => Verify(Startup("app.MapOrdersApi();"), 0, 1);

        [Fact]
        public Task A_returned_group_is_reported_when_one_of_two_callers_adds_no_authorization() => Verify(Startup("""
            app.MapOrdersApi().RequireAuthorization();
                    app.MapGroup("/public").MapOrdersApi();
            """), 0, 1);

        [Fact]
        public Task A_returned_group_the_caller_authorizes_and_then_allows_anonymous_is_reported() => Verify(Startup("app.MapOrdersApi().RequireAuthorization().AllowAnonymous();"), 0, 1);

        [Fact]
        public Task A_returned_group_with_no_caller_in_the_compilation_is_reported() => Verify(OrdersApi, 0, 1);

        [Fact]
        public Task A_caller_convention_on_another_method_result_does_not_apply() => Verify(OrdersApi + """
            public static class Startup
            {
                public static RouteGroupBuilder MapOther(this IEndpointRouteBuilder app) => app.MapGroup("/other");

                public static void Configure(WebApplication app)
                {
                    app.MapOrdersApi();
                    app.MapOther().RequireAuthorization();
                }
            }
            """, 0, 1);

        [Fact]
        public Task A_builder_parameter_whose_caller_passes_the_application_is_reported() => Verify("""
            public static class OrdersApi
            {
                public static void MapOrders(this IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/orders", () => new[] { new Order(1) });
                }

                public static void Configure(WebApplication app) => app.MapOrders();
            }
            """, 0);

        [Fact]
        public Task A_caller_that_authorizes_the_group_inside_another_method_is_not_followed_and_the_endpoints_are_reported() => Verify(Startup("""
            var group = app.MapOrdersApi();
                    Secure(group);
                }

                private static void Secure(RouteGroupBuilder group)
                {
                    group.RequireAuthorization();
            """), 0, 1);

        [Fact]
        public Task An_unbound_call_of_another_name_does_not_hide_a_caller_that_adds_nothing() => Verify("""
            public static class OrdersApi
            {
                public static void MapOrders(this IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/orders", () => new[] { new Order(1) });
                }

                public static void Configure(WebApplication app, {|CS0246:MissingHost|} host)
                {
                    app.MapOrders();
                    host.MapInvoices();
                }
            }
            """, 0);
        [Fact]
        public Task An_unbound_call_of_the_same_name_on_a_known_receiver_does_not_hide_a_caller_that_adds_nothing() => Verify("""
            public static class OrdersApi
            {
                public static void MapOrders(this IEndpointRouteBuilder app)
                {
                    app.{|#0:MapGet|}("/orders", () => new[] { new Order(1) });
                }

                public static void Configure(WebApplication app, IServiceCollection services)
                {
                    app.MapOrders();
                    {|CS1929:services|}.MapOrders();
                }
            }
            """, 0);
    }
}
