using System.Text.Json.Serialization;

namespace ShopApi.Data;

// Navigations are virtual so that UseLazyLoadingProxies can intercept them, and [JsonIgnore]d so
// that an entity serialised straight into a response cannot lazy-load the whole object graph.

public class Customer
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string City { get; set; } = "";
    public DateTime RegisteredAt { get; set; }

    [JsonIgnore] public virtual ICollection<Order> Orders { get; set; } = new List<Order>();
    [JsonIgnore] public virtual ICollection<Review> Reviews { get; set; } = new List<Review>();
}

public class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    [JsonIgnore] public virtual ICollection<Product> Products { get; set; } = new List<Product>();
}

public class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public int StockQuantity { get; set; }
    public int CategoryId { get; set; }

    [JsonIgnore] public virtual Category Category { get; set; } = null!;
    [JsonIgnore] public virtual ICollection<Review> Reviews { get; set; } = new List<Review>();
    [JsonIgnore] public virtual ICollection<OrderLine> OrderLines { get; set; } = new List<OrderLine>();
}

public enum OrderStatus
{
    Pending,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
}

public class Order
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public DateTime PlacedAt { get; set; }
    public OrderStatus Status { get; set; }

    // Denormalised sum of the lines, kept so that listings need not join them.
    public decimal Total { get; set; }

    [JsonIgnore] public virtual Customer Customer { get; set; } = null!;
    [JsonIgnore] public virtual ICollection<OrderLine> Lines { get; set; } = new List<OrderLine>();
}

public class OrderLine
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int ProductId { get; set; }
    public int Quantity { get; set; }

    // Price at the time of ordering; the product's price may have changed since.
    public decimal UnitPrice { get; set; }

    [JsonIgnore] public virtual Order Order { get; set; } = null!;
    [JsonIgnore] public virtual Product Product { get; set; } = null!;
}

public class Review
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public int CustomerId { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; }

    [JsonIgnore] public virtual Product Product { get; set; } = null!;
    [JsonIgnore] public virtual Customer Customer { get; set; } = null!;
}
