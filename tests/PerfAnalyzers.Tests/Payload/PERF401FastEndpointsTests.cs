using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer, PerfAnalyzers.Payload.PERF401UnboundedQueryResponseCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    /// <summary>
    /// docs/rules/PERF401.md over FastEndpoints: a list that an endpoint class's handler sends (<c>Send.OkAsync(list)</c>)
    /// or returns from <c>ExecuteAsync</c> is its response (docs/concepts.md#request-handler). No fix: the handler's signature
    /// and response type are the framework's.
    /// </summary>
    public class PERF401FastEndpointsTests
    {
        private const string Model = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;
            using Microsoft.EntityFrameworkCore;

            public class Order { public int Id { get; set; } public string Customer { get; set; } = ""; }
            public record CustomerRequest(string Customer);
            public class ShopDb : DbContext
            {
                public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Model + body, frameworks: Frameworks.FastEndpoints);

        // ---- flagged ----

        [Fact]
        public Task Reports_a_list_an_endpoint_sends() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                    => await Send.OkAsync(await {|PERF401:db.Orders.AsNoTracking().ToListAsync(ct)|}, ct);
            }
            """);

        [Fact]
        public Task Reports_a_list_an_endpoint_sends_from_a_local() => Verify("""
            public class CustomerOrders(ShopDb db) : Endpoint<CustomerRequest, List<string>>
            {
                public override void Configure() => Get("/customers/{customer}/orders");

                public override async Task HandleAsync(CustomerRequest req, CancellationToken ct)
                {
                    var names = await {|PERF401:db.Orders.Where(o => o.Customer != req.Customer).Select(o => o.Customer).ToListAsync(ct)|};
                    await Send.OkAsync(names, ct);
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_ExecuteAsync_returns() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task<List<Order>> ExecuteAsync(CancellationToken ct)
                    => await {|PERF401:db.Orders.AsNoTracking().ToListAsync(ct)|};
            }
            """);

        [Fact]
        public Task Reports_a_list_an_endpoint_leaves_in_Response() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    Response = await {|PERF401:db.Orders.AsNoTracking().ToListAsync(ct)|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_an_endpoint_leaves_in_Response_from_a_local() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    var orders = await {|PERF401:db.Orders.AsNoTracking().ToListAsync(ct)|};
                    Response = orders;
                }
            }
            """);

        [Fact]
        public Task Offers_no_fix_in_an_endpoint_class() => VerifyFix.NoCodeFixAsync(Model + """
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task<List<Order>> ExecuteAsync(CancellationToken ct)
                    => await {|PERF401:db.Orders.AsNoTracking().ToListAsync(ct)|};
            }
            """, frameworks: Frameworks.FastEndpoints);

        // ---- not flagged ----

        [Fact]
        public Task Does_not_report_a_page_an_endpoint_sends() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                    => await Send.OkAsync(await db.Orders.AsNoTracking().OrderBy(o => o.Id).Take(50).ToListAsync(ct), ct);
            }
            """);

        [Fact]
        public Task Does_not_report_a_page_an_endpoint_leaves_in_Response() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    Response = await db.Orders.AsNoTracking().OrderBy(o => o.Id).Take(50).ToListAsync(ct);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_assigned_to_an_application_property_named_Response() => Verify("""
            public class Report { public List<Order> Response { get; set; } = new(); }

            public class ListOrders(ShopDb db) : EndpointWithoutRequest<int>
            {
                public override void Configure() => Get("/orders/count");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    var report = new Report();
                    report.Response = await db.Orders.AsNoTracking().ToListAsync(ct);
                    await Send.OkAsync(report.Response.Count, ct);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_an_endpoint_only_counts() => Verify("""
            public class CountOrders(ShopDb db) : EndpointWithoutRequest<int>
            {
                public override void Configure() => Get("/orders/count");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    var orders = await db.Orders.AsNoTracking().ToListAsync(ct);
                    await Send.OkAsync(orders.Count, ct);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_another_method_of_an_endpoint_returns() => Verify("""
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<int>
            {
                public override void Configure() => Get("/orders/count");

                public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync((await All()).Count, ct);

                public async Task<List<Order>> All() => await db.Orders.AsNoTracking().ToListAsync();
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_a_command_handler_returns() => Verify("""
            public record ListOrdersCommand : ICommand<List<Order>>;

            public class ListOrdersHandler(ShopDb db) : CommandHandler<ListOrdersCommand, List<Order>>
            {
                public override async Task<List<Order>> ExecuteAsync(ListOrdersCommand command, CancellationToken ct)
                    => await db.Orders.AsNoTracking().ToListAsync(ct);
            }
            """);
    }
}
