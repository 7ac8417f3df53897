using System.Text.RegularExpressions;

namespace IdeLatency;

/// <summary>
/// The module the developer is typing in: orders (entities, DTOs, mapping, and the three edited documents: a
/// controller, a service and a minimal-API endpoints file). Added explicitly to every generated code base, so the
/// edited documents are identical at every size and each size differs only by the rest of the code base. They
/// hold the candidates that make our rules look beyond the document: a lazy-loadable navigation (PERF102), a sync
/// method with a blocking EF call (PERF104, and the async rules' request-handler check), a GET without caching
/// policy (PERF301), a buffered query response (PERF401), and a minimal-API handler passed as a method group.
/// </summary>
internal static class EditedModule
{
    public const string ControllerPath = "Controllers/OrdersController.cs";
    public const string ServicePath = "Services/OrderService.cs";
    public const string EndpointsPath = "Endpoints/OrderEndpoints.cs";

    /// <summary>The documents edited, in the order the edit script numbers them.</summary>
    public static readonly string[] EditedPaths = [ControllerPath, ServicePath, EndpointsPath];

    public static readonly string[] EditedNames = ["controller", "service", "endpoints"];

    /// <summary>Every document of the module, as (relative path, text); the mapper variant uses <see cref="IMapper"/>.</summary>
    public static IReadOnlyList<(string Path, string Text)> Documents(bool mapper)
    {
        var documents = new List<(string, string)>
        {
            ("Data/Order.cs", Entities),
            ("Contracts/OrderDtos.cs", Dtos),
            ("Services/OrderValidator.cs", Validator),
            (ControllerPath, Controller),
            (ServicePath, mapper ? ToMapperStyle(Service) : Service),
            (EndpointsPath, Endpoints),
        };
        if (mapper)
        {
            documents.Add(("Services/IMapper.cs", IMapper));
        }
        return documents;
    }

    private static readonly Regex ServiceConstructor = new(@"public class (\w+)Service\(AppDbContext db, ", RegexOptions.CultureInvariant);
    private static readonly Regex ToDtoCall = new(@"\b(\w+)Validator\.ToDto\((\w+)\)", RegexOptions.CultureInvariant);

    /// <summary>
    /// A service as a code base using an object mapper writes it: the mapper is injected and entities are mapped
    /// with <c>mapper.Map&lt;TDto&gt;(entity)</c>, a call named <c>Map</c> with a plain identifier argument.
    /// </summary>
    public static string ToMapperStyle(string service)
    {
        var withMapper = ServiceConstructor.Replace(service, "public class $1Service(AppDbContext db, IMapper mapper, ");
        return ToDtoCall.Replace(withMapper, "mapper.Map<$1Dto>($2)");
    }

    /// <summary>True when <paramref name="path"/> is a generated service the mapper variant rewrites.</summary>
    public static bool IsGeneratedService(string path)
        => path.Replace('\\', '/').Contains("/Services/", StringComparison.Ordinal) && path.EndsWith("Service.cs", StringComparison.Ordinal);

    public const string IMapper = """
        namespace Generated.Services;

        /// <summary>An object-to-object mapper in the style of the common mapping libraries.</summary>
        public interface IMapper
        {
            TDestination Map<TDestination>(object source);
        }

        """;

    private const string Entities = """
        using System.Text.Json.Serialization;
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Data;

        public enum OrderStatus
        {
            Draft,
            Placed,
            Shipped,
            Cancelled,
        }

        /// <summary>A customer's order.</summary>
        public class Order
        {
            public int Id { get; set; }
            public string Number { get; set; } = "";
            public string CustomerName { get; set; } = "";
            public decimal Total { get; set; }
            public OrderStatus Status { get; set; }
            public DateTime PlacedAt { get; set; }
            public int RegionId { get; set; }

            [JsonIgnore] public virtual OrderRegion Region { get; set; } = null!;
            [JsonIgnore] public virtual ICollection<OrderLine> Lines { get; set; } = new List<OrderLine>();
        }

        /// <summary>The sales region an order belongs to.</summary>
        public class OrderRegion
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public bool IsActive { get; set; }

            [JsonIgnore] public virtual ICollection<Order> Orders { get; set; } = new List<Order>();
        }

        /// <summary>A line of an order.</summary>
        public class OrderLine
        {
            public int Id { get; set; }
            public int OrderId { get; set; }
            public string Sku { get; set; } = "";
            public int Quantity { get; set; }
            public decimal UnitPrice { get; set; }

            [JsonIgnore] public virtual Order Order { get; set; } = null!;
        }

        public partial class AppDbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<OrderRegion> OrderRegions => Set<OrderRegion>();
            public DbSet<OrderLine> OrderLines => Set<OrderLine>();
        }

        """;

    private const string Dtos = """
        namespace Generated.Contracts;

        public sealed record OrderDto(int Id, string Number, string CustomerName, decimal Total, string Status, DateTime PlacedAt);

        public sealed record OrderLineDto(int Id, string Sku, int Quantity, decimal UnitPrice);

        public sealed record OrderDetailDto(int Id, string Number, string CustomerName, decimal Total, string RegionName, IReadOnlyList<OrderLineDto> Lines);

        public sealed record OrderCreateRequest(string CustomerName, int RegionId, IReadOnlyList<OrderLineDto> Lines);

        public sealed record OrderRegionTotalDto(int RegionId, string RegionName, int Count, decimal Total);

        """;

    private const string Validator = """
        using Generated.Contracts;
        using Generated.Data;

        namespace Generated.Services;

        /// <summary>Rules and mapping of orders that need no database.</summary>
        public static class OrderValidator
        {
            public const int MaxLines = 200;

            public static string? Validate(OrderCreateRequest request)
            {
                if (string.IsNullOrWhiteSpace(request.CustomerName))
                {
                    return "Customer name is required.";
                }
                if (request.Lines.Count is 0 or > MaxLines)
                {
                    return $"An order has between 1 and {MaxLines} lines.";
                }
                return request.Lines.Any(l => l.Quantity <= 0) ? "Every line needs a positive quantity." : null;
            }

            public static OrderDto ToDto(Order order)
                => new(order.Id, order.Number, order.CustomerName, order.Total, order.Status.ToString(), order.PlacedAt);
        }

        """;

    private const string Controller = """
        using Generated.Contracts;
        using Generated.Data;
        using Generated.Services;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Controllers;

        [ApiController]
        [Route("api/orders")]
        public class OrdersController(OrderService service, AppDbContext db) : ControllerBase
        {
            [HttpGet("recent/{regionId:int}")]
            [ResponseCache(Duration = 30)]
            public async Task<ActionResult<List<OrderDto>>> Recent(int regionId, CancellationToken ct)
                => await service.GetRecentAsync(regionId, ct);

            [HttpGet("{id:int}")]
            [ResponseCache(Duration = 30)]
            public async Task<ActionResult<OrderDetailDto>> GetById(int id, CancellationToken ct)
            {
                var detail = await service.GetDetailAsync(id, ct);
                return detail is null ? NotFound() : detail;
            }

            [HttpGet("regions")]
            [ResponseCache(Duration = 300)]
            public async Task<ActionResult<List<string>>> Regions(CancellationToken ct)
                => await db.OrderRegions.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name).Select(r => r.Name).Take(100).ToListAsync(ct);

            // PERF301 anti-pattern: a GET that returns data with no caching policy.
            [HttpGet("totals")]
            public async Task<ActionResult<List<OrderRegionTotalDto>>> Totals(CancellationToken ct)
            {
                var totals = await db.Orders
                    .AsNoTracking()
                    .GroupBy(o => new { o.RegionId, o.Region.Name })
                    .Select(g => new OrderRegionTotalDto(g.Key.RegionId, g.Key.Name, g.Count(), g.Sum(o => o.Total)))
                    .OrderByDescending(t => t.Total)
                    .Take(20)
                    .ToListAsync(ct);
                return totals;
            }

            [HttpGet("all")]
            [ResponseCache(Duration = 60)]
            public async Task<IActionResult> GetAll(CancellationToken ct)
            {
                // PERF401 anti-pattern: the whole table is buffered into the response.
                var all = await db.Orders.AsNoTracking().ToListAsync(ct);
                return Ok(all);
            }

            [HttpPost]
            public async Task<ActionResult<OrderDto>> Place(OrderCreateRequest request, CancellationToken ct)
            {
                var (created, error) = await service.PlaceAsync(request, ct);
                if (created is null)
                {
                    return ValidationProblem(error);
                }
                return CreatedAtAction(nameof(GetById), new { id = created.Id }, created);
            }

            [HttpDelete("{id:int}")]
            public async Task<IActionResult> Delete(int id, CancellationToken ct)
            {
                await db.OrderLines.Where(l => l.OrderId == id).ExecuteDeleteAsync(ct);
                var deleted = await db.Orders.Where(o => o.Id == id).ExecuteDeleteAsync(ct);
                return deleted > 0 ? NoContent() : NotFound();
            }
        }

        """;

    private const string Service = """
        using System.Net.Http.Json;
        using Generated.Contracts;
        using Generated.Data;
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Services;

        /// <summary>Queries and commands of orders.</summary>
        public class OrderService(AppDbContext db, ILogger<OrderService> logger, IHttpClientFactory httpClientFactory)
        {
            private const int MaxPageSize = 100;

            public async Task<List<OrderDto>> GetRecentAsync(int regionId, CancellationToken ct)
            {
                return await db.Orders
                    .AsNoTracking()
                    .Where(o => o.RegionId == regionId && o.Status != OrderStatus.Cancelled)
                    .OrderByDescending(o => o.PlacedAt)
                    .Take(50)
                    .Select(o => new OrderDto(o.Id, o.Number, o.CustomerName, o.Total, o.Status.ToString(), o.PlacedAt))
                    .ToListAsync(ct);
            }

            public async Task<OrderDetailDto?> GetDetailAsync(int id, CancellationToken ct)
            {
                return await db.Orders
                    .AsNoTracking()
                    .Where(o => o.Id == id)
                    .Select(o => new OrderDetailDto(
                        o.Id,
                        o.Number,
                        o.CustomerName,
                        o.Total,
                        o.Region.Name,
                        o.Lines.Select(l => new OrderLineDto(l.Id, l.Sku, l.Quantity, l.UnitPrice)).ToList()))
                    .FirstOrDefaultAsync(ct);
            }

            public async Task<OrderDto?> FindAsync(int id, CancellationToken ct)
            {
                var entity = await db.Orders.FindAsync([id], ct);
                return entity is null ? null : OrderValidator.ToDto(entity);
            }

            public async Task<(OrderDto? Created, string? Error)> PlaceAsync(OrderCreateRequest request, CancellationToken ct)
            {
                var error = OrderValidator.Validate(request);
                if (error is not null)
                {
                    return (null, error);
                }
                if (!await db.OrderRegions.AnyAsync(r => r.Id == request.RegionId && r.IsActive, ct))
                {
                    return (null, $"Region {request.RegionId} is not active.");
                }
                var entity = new Order
                {
                    Number = $"O-{DateTime.UtcNow:yyyyMMddHHmmss}",
                    CustomerName = request.CustomerName.Trim(),
                    RegionId = request.RegionId,
                    Status = OrderStatus.Placed,
                    PlacedAt = DateTime.UtcNow,
                };
                foreach (var line in request.Lines)
                {
                    entity.Lines.Add(new OrderLine { Sku = line.Sku, Quantity = line.Quantity, UnitPrice = line.UnitPrice });
                }
                entity.Total = entity.Lines.Sum(l => l.Quantity * l.UnitPrice);
                db.Orders.Add(entity);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Placed order {Number}", entity.Number);
                return (OrderValidator.ToDto(entity), null);
            }

            public async Task<decimal> RecalculateAsync(int regionId, CancellationToken ct)
            {
                var orders = await db.Orders
                    .Include(o => o.Lines)
                    .Where(o => o.RegionId == regionId && o.Status == OrderStatus.Placed)
                    .Take(MaxPageSize)
                    .ToListAsync(ct);
                decimal total = 0;
                foreach (var order in orders)
                {
                    order.Total = order.Lines.Sum(l => l.Quantity * l.UnitPrice);
                    total += order.Total;
                }
                await db.SaveChangesAsync(ct);
                return total;
            }

            public async Task<Dictionary<string, int>> CountByRegionNameAsync(CancellationToken ct)
            {
                var orders = await db.Orders.Where(o => o.Status == OrderStatus.Placed).Take(200).ToListAsync(ct);
                var counts = new Dictionary<string, int>();
                foreach (var order in orders)
                {
                    // PERF102 anti-pattern: lazy-loads the region of every order.
                    var name = order.Region.Name;
                    counts[name] = counts.TryGetValue(name, out var count) ? count + 1 : 1;
                }
                return counts;
            }

            public List<OrderDto> GetLarge(decimal minimum)
            {
                // PERF104 anti-pattern: the whole table is loaded, then filtered in memory.
                return db.Orders.ToList()
                    .Where(o => o.Total >= minimum)
                    .OrderBy(o => o.CustomerName)
                    .Select(o => new OrderDto(o.Id, o.Number, o.CustomerName, o.Total, o.Status.ToString(), o.PlacedAt))
                    .ToList();
            }

            public async Task<List<OrderDto>> FetchPartnerOrdersAsync(CancellationToken ct)
            {
                var client = httpClientFactory.CreateClient("upstream");
                var orders = await client.GetFromJsonAsync<List<OrderDto>>("partner/orders", ct);
                return orders ?? [];
            }
        }

        """;

    private const string Endpoints = """
        using Generated.Contracts;
        using Generated.Data;
        using Generated.Services;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Endpoints;

        public static class OrderEndpoints
        {
            public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/v2/orders").CacheOutput(p => p.Expire(TimeSpan.FromSeconds(30)));

                group.MapGet("/recent/{regionId:int}", async (int regionId, OrderService service, CancellationToken ct) =>
                    TypedResults.Ok(await service.GetRecentAsync(regionId, ct)));

                group.MapGet("/{id:int}", async Task<Results<Ok<OrderDetailDto>, NotFound>> (int id, OrderService service, CancellationToken ct) =>
                {
                    var detail = await service.GetDetailAsync(id, ct);
                    return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
                });

                group.MapGet("/by-customer/{name}", async (string name, AppDbContext db, CancellationToken ct) =>
                {
                    var orders = await db.Orders
                        .AsNoTracking()
                        .Where(o => o.CustomerName == name)
                        .OrderByDescending(o => o.PlacedAt)
                        .Take(100)
                        .Select(o => new OrderDto(o.Id, o.Number, o.CustomerName, o.Total, o.Status.ToString(), o.PlacedAt))
                        .ToListAsync(ct);
                    return TypedResults.Ok(orders);
                });

                group.MapGet("/stream", (AppDbContext db) =>
                    db.Orders
                        .AsNoTracking()
                        .OrderBy(o => o.Id)
                        .Select(o => new OrderDto(o.Id, o.Number, o.CustomerName, o.Total, o.Status.ToString(), o.PlacedAt))
                        .AsAsyncEnumerable());

                group.MapGet("/export", ExportAsync);

                group.MapPost("/", async Task<Results<Created<OrderDto>, ValidationProblem>> (OrderCreateRequest request, OrderService service, CancellationToken ct) =>
                {
                    var (created, error) = await service.PlaceAsync(request, ct);
                    if (created is null)
                    {
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [error ?? "Invalid order."] });
                    }
                    return TypedResults.Created($"/v2/orders/{created.Id}", created);
                });

                return app;
            }

            // A handler passed as a method group.
            private static async Task<IResult> ExportAsync(AppDbContext db, CancellationToken ct)
            {
                var lines = await db.OrderLines
                    .AsNoTracking()
                    .OrderBy(l => l.Id)
                    .Take(1000)
                    .Select(l => l.OrderId + "," + l.Sku + "," + l.Quantity)
                    .ToListAsync(ct);
                return Results.Text(string.Join("\n", lines), "text/csv");
            }
        }

        """;
}
