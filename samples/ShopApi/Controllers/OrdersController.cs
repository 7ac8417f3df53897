using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShopApi.Contracts;
using ShopApi.Data;
using ShopApi.Services;

namespace ShopApi.Controllers;

[ApiController]
[Route("api/orders")]
public class OrdersController(ShopDbContext db, OrderEventPublisher orderEvents, StockAlertNotifier stockAlerts) : ControllerBase
{
    private const int RecentOrderCount = 50;
    private const int LowStockThreshold = 5;

    // Order data is personal: browsers may keep it briefly, shared caches must not.
    [HttpGet("legacy/recent")]
    [ResponseCache(Duration = 30, Location = ResponseCacheLocation.Client)]
    public async Task<ActionResult<List<OrderSummaryDto>>> GetRecentLegacy(CancellationToken ct)
    {
        // PERF107 anti-pattern: the orders are only read, yet the change tracker keeps a snapshot of every one.
        var orders = await db.Orders.OrderByDescending(o => o.PlacedAt).Take(RecentOrderCount).ToListAsync(ct);
        var summaries = new List<OrderSummaryDto>();
        foreach (var order in orders)
        {
            // PERF101 anti-pattern: one customer query per order, 51 round trips for 50 orders.
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId);
            summaries.Add(new OrderSummaryDto(order.Id, order.PlacedAt, customer?.Name ?? "(unknown)", order.Total));
        }
        return summaries;
    }

    [HttpGet("recent")]
    [ResponseCache(Duration = 30, Location = ResponseCacheLocation.Client)]
    public async Task<ActionResult<List<OrderSummaryDto>>> GetRecent(CancellationToken ct)
    {
        // PERF107 correct: a read-only action loads the orders without tracking them.
        var orders = await db.Orders.AsNoTracking().OrderByDescending(o => o.PlacedAt).Take(RecentOrderCount).ToListAsync(ct);
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        // PERF101 correct: all the customers needed are loaded by one query before the loop.
        var customerNames = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var summaries = new List<OrderSummaryDto>();
        foreach (var order in orders)
        {
            summaries.Add(new OrderSummaryDto(order.Id, order.PlacedAt, customerNames.GetValueOrDefault(order.CustomerId, "(unknown)"), order.Total));
        }
        return summaries;
    }

    [HttpGet("{id:int}")]
    [ResponseCache(Duration = 30, Location = ResponseCacheLocation.Client)]
    public async Task<ActionResult<OrderDetailDto>> GetById(int id, CancellationToken ct)
    {
        var order = await db.Orders
            .Where(o => o.Id == id)
            // PERF102 correct: navigations read inside a query projection become SQL joins, not lazy loads.
            .Select(o => new OrderDetailDto(
                o.Id, o.PlacedAt, o.Status.ToString(), o.Customer.Name, o.Total,
                o.Lines.Select(l => new OrderLineDto(l.ProductId, l.Product.Name, l.Quantity, l.UnitPrice)).ToList()))
            .FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return NotFound();
        }
        return order;
    }

    [HttpPost]
    public async Task<ActionResult<OrderCreatedDto>> PlaceOrder(PlaceOrderRequest request, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == request.CustomerId, ct))
        {
            return ValidationProblem($"Customer {request.CustomerId} does not exist.");
        }

        var productIds = request.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var order = new Order { CustomerId = request.CustomerId, PlacedAt = DateTime.UtcNow, Status = OrderStatus.Pending };
        foreach (var line in request.Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || product.StockQuantity < line.Quantity)
            {
                return ValidationProblem($"Product {line.ProductId} does not exist or is out of stock.");
            }
            product.StockQuantity -= line.Quantity;
            order.Lines.Add(new OrderLine { ProductId = product.Id, Quantity = line.Quantity, UnitPrice = product.Price });
            order.Total += line.Quantity * product.Price;
        }

        db.Orders.Add(order);
        // PERF202 correct: the request thread is released while SQLite writes the order.
        await db.SaveChangesAsync(ct);

        await orderEvents.PublishOrderPlacedAsync(new OrderPlacedEvent(order.Id, order.CustomerId, order.Total, order.PlacedAt), ct);
        var lowStock = products.Values
            .Where(p => p.StockQuantity < LowStockThreshold)
            .Select(p => new StockAlert(p.Id, p.Sku, p.StockQuantity))
            .ToList();
        if (lowStock.Count > 0)
        {
            await stockAlerts.NotifyLowStockAsync(lowStock, ct);
        }

        return CreatedAtAction(nameof(GetById), new { id = order.Id }, new OrderCreatedDto(order.Id, order.Total));
    }
}
