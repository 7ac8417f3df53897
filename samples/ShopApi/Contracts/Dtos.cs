using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using ShopApi.Data;

namespace ShopApi.Contracts;

public record ProductDto(int Id, string Sku, string Name, decimal Price, int StockQuantity, int CategoryId)
{
    // An expression, not a method, so that EF Core translates it into the SELECT list.
    public static readonly Expression<Func<Product, ProductDto>> Projection =
        p => new ProductDto(p.Id, p.Sku, p.Name, p.Price, p.StockQuantity, p.CategoryId);
}

public record ProductDetailDto(int Id, string Sku, string Name, decimal Price, int StockQuantity, string Category, double? AverageRating, int ReviewCount);

public record CategoryDto(int Id, string Name);

public record CategorySummaryDto(string Category, int ProductCount, decimal AveragePrice);

public record OrderSummaryDto(int Id, DateTime PlacedAt, string CustomerName, decimal Total);

public record OrderLineDto(int ProductId, string ProductName, int Quantity, decimal UnitPrice);

public record OrderDetailDto(int Id, DateTime PlacedAt, string Status, string CustomerName, decimal Total, List<OrderLineDto> Lines);

public record PlaceOrderLine(int ProductId, [Range(1, 100)] int Quantity);

public record PlaceOrderRequest(int CustomerId, [MinLength(1)] List<PlaceOrderLine> Lines);

public record OrderCreatedDto(int Id, decimal Total);

public record ReviewDto(int Id, int Rating, string? Comment, DateTime CreatedAt, string CustomerName);

public record CreateReviewRequest(int CustomerId, [Range(1, 5)] int Rating, [MaxLength(2000)] string? Comment);

public record ImportedReview(int ProductId, int CustomerId, int Rating, string? Comment);

public record ImportResultDto(int Imported, int Rejected);

public record RecalculationResultDto(int OrdersUpdated);

public record StatsSummaryDto(int Customers, int Products, int Orders);

public record TopProductDto(int ProductId, string Name, int UnitsSold);

public record PriceQuoteDto(int ProductId, string Name, decimal Price, string Currency);

// Shapes exchanged with the partner services (stubbed by this app under /upstream).
public record ExchangeRates(string Base, DateTime AsOf, Dictionary<string, decimal> Rates);

public record StockAlert(int ProductId, string Sku, int StockQuantity);

public record OrderPlacedEvent(int OrderId, int CustomerId, decimal Total, DateTime PlacedAt);
