namespace ShopApi.Data;

/// <summary>Creates shop.db on first start and fills it with deterministic demo data.</summary>
public static class DbSeeder
{
    private const int CustomerCount = 300;
    private const int ProductsPerCategory = 20;
    private const int OrderCount = 3000;
    private const int ReviewCount = 1200;

    // Fixed seed and fixed dates: every fresh database holds exactly the same rows.
    private const int Seed = 20240601;
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] FirstNames =
    [
        "Alice", "Bruno", "Chloé", "Daniel", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas",
        "Kaito", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tara",
    ];

    private static readonly string[] LastNames =
    [
        "Andersen", "Bauer", "Costa", "Dubois", "Evans", "Fischer", "García", "Hansen", "Ito", "Jansen",
        "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber",
    ];

    private static readonly string[] Cities =
    [
        "Amsterdam", "Berlin", "Lisbon", "Lyon", "Madrid", "Milan", "Oslo", "Prague", "Vienna", "Warsaw",
    ];

    private static readonly (string Category, string[] Nouns)[] Catalogue =
    [
        ("Books", ["Novel", "Cookbook", "Atlas", "Biography", "Poetry Collection"]),
        ("Kitchen", ["Chef's Knife", "Cast Iron Pan", "Kettle", "Cutting Board", "Coffee Grinder"]),
        ("Garden", ["Pruning Shears", "Watering Can", "Planter", "Hose Reel", "Seed Kit"]),
        ("Toys", ["Puzzle", "Building Set", "Plush Bear", "Kite", "Board Game"]),
        ("Sports", ["Yoga Mat", "Football", "Water Bottle", "Jump Rope", "Tennis Racket"]),
        ("Electronics", ["Headphones", "USB-C Charger", "Bluetooth Speaker", "Webcam", "Power Bank"]),
        ("Office", ["Notebook", "Desk Lamp", "Fountain Pen", "Stapler", "Monitor Stand"]),
        ("Outdoors", ["Tent", "Sleeping Bag", "Headlamp", "Camping Stove", "Backpack"]),
        ("Beauty", ["Face Cream", "Shampoo", "Lip Balm", "Hair Brush", "Perfume"]),
        ("Pets", ["Dog Leash", "Cat Tree", "Pet Bed", "Chew Toy", "Food Bowl"]),
        ("Music", ["Ukulele", "Guitar Strings", "Metronome", "Harmonica", "Drumsticks"]),
        ("Home", ["Throw Blanket", "Scented Candle", "Picture Frame", "Wall Clock", "Doormat"]),
    ];

    private static readonly string[] Adjectives = ["Classic", "Deluxe", "Compact", "Eco", "Premium", "Travel"];

    private static readonly string[] Comments =
    [
        "Exactly as described.", "Arrived quickly, well packed.", "Good value for the price.",
        "Stopped working after a month.", "Would buy again.", "Smaller than I expected.", "Great gift.",
    ];

    public static void EnsureSeeded(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        if (!db.Database.EnsureCreated())
        {
            return; // An existing database is left as it is.
        }

        var random = new Random(Seed);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var customers = Enumerable.Range(1, CustomerCount).Select(id =>
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            return new Customer
            {
                Id = id,
                Name = $"{first} {last}",
                Email = $"{first}.{last}.{id}@example.com".ToLowerInvariant(),
                City = Cities[random.Next(Cities.Length)],
                RegisteredAt = Epoch.AddDays(random.Next(0, 365)),
            };
        }).ToList();

        var categories = Catalogue.Select((c, i) => new Category { Id = i + 1, Name = c.Category }).ToList();

        var products = new List<Product>();
        foreach (var category in categories)
        {
            var nouns = Catalogue[category.Id - 1].Nouns;
            for (var i = 0; i < ProductsPerCategory; i++)
            {
                var id = products.Count + 1;
                products.Add(new Product
                {
                    Id = id,
                    Sku = $"SKU-{id:D5}",
                    Name = $"{Adjectives[i % Adjectives.Length]} {nouns[i % nouns.Length]} {i / nouns.Length + 1}",
                    Price = Math.Round((decimal)(random.NextDouble() * 120 + 2.5), 2),
                    StockQuantity = random.Next(0, 250),
                    CategoryId = category.Id,
                });
            }
        }

        var orders = new List<Order>(OrderCount);
        var lines = new List<OrderLine>();
        for (var id = 1; id <= OrderCount; id++)
        {
            var placedAt = Epoch.AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
            var order = new Order
            {
                Id = id,
                CustomerId = random.Next(1, CustomerCount + 1),
                PlacedAt = placedAt,
                Status = placedAt < Epoch.AddDays(600) ? OrderStatus.Delivered : (OrderStatus)random.Next(0, 5),
            };
            var lineCount = random.Next(1, 5);
            for (var l = 0; l < lineCount; l++)
            {
                var product = products[random.Next(products.Count)];
                var line = new OrderLine
                {
                    Id = lines.Count + 1,
                    OrderId = id,
                    ProductId = product.Id,
                    Quantity = random.Next(1, 4),
                    UnitPrice = product.Price,
                };
                lines.Add(line);
                order.Total += line.Quantity * line.UnitPrice;
            }
            orders.Add(order);
        }

        var reviews = Enumerable.Range(1, ReviewCount).Select(id => new Review
        {
            Id = id,
            ProductId = random.Next(1, products.Count + 1),
            CustomerId = random.Next(1, CustomerCount + 1),
            Rating = random.Next(1, 6),
            Comment = random.Next(3) == 0 ? null : Comments[random.Next(Comments.Length)],
            CreatedAt = Epoch.AddDays(random.Next(0, 2 * 365)),
        }).ToList();

        db.Customers.AddRange(customers);
        db.Categories.AddRange(categories);
        db.Products.AddRange(products);
        db.Orders.AddRange(orders);
        db.OrderLines.AddRange(lines);
        db.Reviews.AddRange(reviews);
        db.SaveChanges();
    }
}
