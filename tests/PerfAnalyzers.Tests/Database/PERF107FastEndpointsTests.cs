using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// docs/rules/PERF107.md over FastEndpoints: an endpoint class's <c>HandleAsync</c>/<c>ExecuteAsync</c> is a request
    /// handler (docs/concepts.md#request-handler), and <c>Send.OkAsync(x)</c> only reads what it sends.
    /// </summary>
    public class PERF107FastEndpointsTests
    {
        private const string Model = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using FastEndpoints;
            using Microsoft.EntityFrameworkCore;

            public class Order { public int Id { get; set; } public string Customer { get; set; } = ""; public bool Shipped { get; set; } }
            public record OrderDto(int Id, string Customer);
            public record OrderRequest(int Id);
            public class ShopDb : DbContext
            {
                public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }

            """;

        private const string Key = PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix.EquivalenceKey;

        // ---- flagged ----

        [Fact]
        public Task Reports_a_tracking_query_an_endpoint_maps_and_sends() => VerifyCS.AnalyzerAsync(Model + """
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<OrderDto>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    var orders = await db.Orders.Where(o => !o.Shipped).{|PERF107:ToListAsync(ct)|};
                    await Send.OkAsync(orders.Select(o => new OrderDto(o.Id, o.Customer)).ToList(), ct);
                }
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Reports_entities_an_endpoint_sends_as_its_response() => VerifyCS.AnalyzerAsync(Model + """
            public record CustomerRequest(string Customer);

            public class CustomerOrders(ShopDb db) : Endpoint<CustomerRequest, List<Order>>
            {
                public override void Configure() => Get("/customers/{customer}/orders");

                public override async Task HandleAsync(CustomerRequest req, CancellationToken ct)
                {
                    var orders = await db.Orders.Where(o => o.Customer == req.Customer).{|PERF107:ToListAsync(ct)|};
                    await Send.OkAsync(orders, ct);
                }
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Reports_a_tracking_query_whose_dtos_ExecuteAsync_returns() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerNames(ShopDb db) : EndpointWithoutRequest<List<string>>
            {
                public override void Configure() => Get("/customers");

                public override async Task<List<string>> ExecuteAsync(CancellationToken ct)
                {
                    var orders = await db.Orders.{|PERF107:ToListAsync(ct)|};
                    return orders.Select(o => o.Customer).Distinct().ToList();
                }
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Fix_inserts_AsNoTracking_in_an_endpoint() => VerifyFix.CodeFixAsync(Model + """
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<OrderDto>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    var orders = await db.Orders.Where(o => !o.Shipped).{|PERF107:ToListAsync(ct)|};
                    await Send.OkAsync(orders.Select(o => new OrderDto(o.Id, o.Customer)).ToList(), ct);
                }
            }
            """, Model + """
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<OrderDto>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                {
                    var orders = await db.Orders.AsNoTracking().Where(o => !o.Shipped).ToListAsync(ct);
                    await Send.OkAsync(orders.Select(o => new OrderDto(o.Id, o.Customer)).ToList(), ct);
                }
            }
            """, Key, frameworks: Frameworks.FastEndpoints);

        // ---- not flagged ----

        [Fact]
        public Task Does_not_report_an_endpoint_that_saves() => VerifyCS.AnalyzerAsync(Model + """
            public class ShipOrder(ShopDb db) : Endpoint<OrderRequest>
            {
                public override void Configure() => Post("/orders/{id}/ship");

                public override async Task HandleAsync(OrderRequest req, CancellationToken ct)
                {
                    var order = await db.Orders.FirstAsync(o => o.Id == req.Id, ct);
                    order.Shipped = true;
                    await db.SaveChangesAsync(ct);
                    await Send.NoContentAsync(ct);
                }
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Does_not_report_a_query_already_without_tracking() => VerifyCS.AnalyzerAsync(Model + """
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<Order>>
            {
                public override void Configure() => Get("/orders");

                public override async Task HandleAsync(CancellationToken ct)
                    => await Send.OkAsync(await db.Orders.AsNoTracking().ToListAsync(ct), ct);
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Does_not_report_another_public_method_of_an_endpoint_class() => VerifyCS.AnalyzerAsync(Model + """
            public class ListOrders(ShopDb db) : EndpointWithoutRequest<List<OrderDto>>
            {
                public override void Configure() => Get("/orders");

                public override Task HandleAsync(CancellationToken ct) => Send.NoContentAsync(ct);

                public async Task<int> CountOpen()
                {
                    var orders = await db.Orders.ToListAsync();
                    return orders.Count(o => !o.Shipped);
                }
            }
            """, frameworks: Frameworks.FastEndpoints);

        [Fact]
        public Task Does_not_report_an_application_handler_base_named_like_an_endpoint() => VerifyCS.AnalyzerAsync(Model + """
            public abstract class JobHandler
            {
                public abstract Task HandleAsync(CancellationToken ct);
            }

            public class OpenOrdersJob(ShopDb db) : JobHandler
            {
                public override async Task HandleAsync(CancellationToken ct)
                {
                    var orders = await db.Orders.ToListAsync(ct);
                    System.Console.WriteLine(orders.Count(o => !o.Shipped));
                }
            }
            """, frameworks: Frameworks.FastEndpoints);
    }
}
