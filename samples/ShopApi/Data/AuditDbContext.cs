using Microsoft.EntityFrameworkCore;

namespace ShopApi.Data;

/// <summary>Who called which admin endpoint, kept in a database of its own.</summary>
public class AuditEntry
{
    public int Id { get; set; }
    public string Path { get; set; } = "";
    public DateTime At { get; set; }
}

public class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();
}
