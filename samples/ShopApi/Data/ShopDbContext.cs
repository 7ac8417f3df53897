using Microsoft.EntityFrameworkCore;

namespace ShopApi.Data;

public class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Review> Reviews => Set<Review>();

    // Lazy loading is convenient for the admin screens; it is also what makes N+1 queries easy to write.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
        => optionsBuilder.UseLazyLoadingProxies();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no decimal type: stored as REAL so that comparisons, ORDER BY and SUM run in SQL.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().HasIndex(c => c.Email).IsUnique();
        modelBuilder.Entity<Product>().HasIndex(p => p.Sku).IsUnique();
        modelBuilder.Entity<Order>().HasIndex(o => o.PlacedAt);
        modelBuilder.Entity<Order>().Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        modelBuilder.Entity<Review>().HasIndex(r => new { r.ProductId, r.CreatedAt });
    }
}
