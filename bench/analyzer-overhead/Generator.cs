using System.Text;

namespace AnalyzerOverhead;

/// <summary>
/// Writes a realistic ASP.NET Core + EF Core code base: one "module" per business noun, each with entities,
/// a slice of the DbContext, DTOs, a validator, a service, a controller and minimal-API endpoints.
/// Most code is the correct pattern; a deterministic, low density of modules also carry one or two of
/// PerfAnalyzers' anti-patterns (about one violation per 500 lines), so the analyzers see mostly clean code,
/// as in a real service.
/// </summary>
public static class Generator
{
    /// <summary>Every shipped rule (docs/rules) has an anti-pattern snippet; the list is only used to place them.</summary>
    public static readonly string[] AntiPatternRules =
    [
        "PERF101", "PERF102", "PERF103", "PERF104", "PERF201", "PERF202", "PERF203",
        "PERF301", "PERF401", "PERF402", "PERF403", "PERF404", "PERF501", "PERF502",
        "PERF105", "PERF701", "PERF702",
        "PERF108", "PERF106",
        "PERF601",
        "PERF107",
        "PERF302",
    ];

    private static readonly string[] Nouns =
    [
        "Invoice", "Shipment", "Ticket", "Booking", "Payment", "Refund", "Coupon", "Voucher", "Parcel", "Vendor",
        "Supplier", "Warehouse", "Campaign", "Lead", "Contract", "Asset", "License", "Device", "Sensor", "Reading",
        "Course", "Lesson", "Exam", "Grade", "Patient", "Visit", "Claim", "Policy", "Quote", "Tariff",
    ];

    public sealed record Result(string Directory, int Modules, int Files, int Lines, IReadOnlyDictionary<string, int> AntiPatterns);

    /// <summary>Generates modules until the code base has at least <paramref name="targetLines"/> lines of C#.</summary>
    public static Result Generate(string outDir, int targetLines, string projectFileContent, string editorConfigContent)
    {
        Directory.CreateDirectory(outDir);
        foreach (var sub in new[] { "Data", "Contracts", "Services", "Controllers", "Endpoints" })
        {
            var path = Path.Combine(outDir, sub);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            Directory.CreateDirectory(path);
        }

        var lines = 0;
        var files = 0;
        var counts = AntiPatternRules.ToDictionary(r => r, _ => 0);
        void Write(string relative, string content)
        {
            File.WriteAllText(Path.Combine(outDir, relative), content);
            lines += CountLines(content);
            files++;
        }

        Write("Directory.Build.props", "<Project>\n  <!-- Stops MSBuild from importing any Directory.Build.props above this folder. -->\n</Project>\n");
        Write("Generated.csproj", projectFileContent);
        Write(".editorconfig", editorConfigContent);
        Write(Path.Combine("Data", "AppDbContext.cs"), DbContextTemplate);

        var modules = new List<string>();
        var rng = new Random(20261128);
        var next = 0;
        while (lines < targetLines)
        {
            var index = modules.Count;
            var type = Nouns[index % Nouns.Length] + (index / Nouns.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            modules.Add(type);

            // Low density: two modules in three carry one anti-pattern, one module in six a second one.
            var rules = new HashSet<string>();
            if (index % 3 != 2)
            {
                rules.Add(AntiPatternRules[next++ % AntiPatternRules.Length]);
            }
            if (rng.Next(6) == 0)
            {
                rules.Add(AntiPatternRules[next++ % AntiPatternRules.Length]);
            }
            foreach (var rule in rules)
            {
                counts[rule]++;
            }

            Write(Path.Combine("Data", type + ".cs"), Fill(EntitiesTemplate, type));
            Write(Path.Combine("Contracts", type + "Dtos.cs"), Fill(DtosTemplate, type));
            Write(Path.Combine("Services", type + "Validator.cs"), Fill(ValidatorTemplate, type));
            Write(Path.Combine("Services", type + "Service.cs"), Fill(ServiceTemplate(rules), type));
            Write(Path.Combine("Controllers", type + "Controller.cs"), Fill(ControllerTemplate(rules), type));
            Write(Path.Combine("Endpoints", type + "Endpoints.cs"), Fill(EndpointsTemplate, type));
        }

        Write("Program.cs", ProgramFile(modules));
        return new Result(outDir, modules.Count, files, lines, counts);
    }

    public static int CountLines(string content)
    {
        var n = 0;
        foreach (var c in content)
        {
            if (c == '\n')
            {
                n++;
            }
        }
        return content.Length > 0 && content[^1] != '\n' ? n + 1 : n;
    }

    /// <summary>Lines of C# under a folder (bin/obj excluded).</summary>
    public static int CountCSharpLines(string dir)
        => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Sum(f => CountLines(File.ReadAllText(f)));

    private static string Fill(string template, string type)
        => template.Replace("__T__", type).Replace("__t__", type.ToLowerInvariant());

    private static string ProgramFile(List<string> modules)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using Generated.Data;");
        sb.AppendLine("using Generated.Endpoints;");
        sb.AppendLine("using Generated.Services;");
        sb.AppendLine("using Microsoft.EntityFrameworkCore;");
        sb.AppendLine();
        sb.AppendLine("var builder = WebApplication.CreateBuilder(args);");
        sb.AppendLine("builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlite(builder.Configuration.GetConnectionString(\"Default\") ?? \"Data Source=app.db\"));");
        sb.AppendLine("builder.Services.AddControllers();");
        sb.AppendLine("builder.Services.AddResponseCaching();");
        sb.AppendLine("builder.Services.AddOutputCache();");
        sb.AppendLine("builder.Services.AddHttpClient(\"upstream\", c => c.BaseAddress = new Uri(\"http://127.0.0.1:5080/\"));");
        foreach (var m in modules)
        {
            sb.AppendLine($"builder.Services.AddScoped<{m}Service>();");
        }
        sb.AppendLine();
        sb.AppendLine("// PERF405 anti-pattern: the JSON API never enables response compression.");
        sb.AppendLine("var app = builder.Build();");
        sb.AppendLine("app.UseResponseCaching();");
        sb.AppendLine("app.UseOutputCache();");
        sb.AppendLine("app.MapControllers();");
        foreach (var m in modules)
        {
            sb.AppendLine($"app.Map{m}Endpoints();");
        }
        sb.AppendLine("app.Run();");
        return sb.ToString();
    }

    private const string DbContextTemplate = """
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Data;

        /// <summary>The application's unit of work; each module adds its sets in its own partial file.</summary>
        public partial class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
        {
            protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
                => optionsBuilder.UseLazyLoadingProxies();

            protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
            {
                // SQLite has no decimal type.
                configurationBuilder.Properties<decimal>().HaveConversion<double>();
            }
        }

        """;

    private const string EntitiesTemplate = """
        using System.Text.Json.Serialization;
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Data;

        public enum __T__Status
        {
            Draft,
            Active,
            Suspended,
            Archived,
        }

        /// <summary>A __t__ as stored in the database.</summary>
        public class __T__
        {
            public int Id { get; set; }
            public string Code { get; set; } = "";
            public string Name { get; set; } = "";
            public string? Description { get; set; }
            public decimal Amount { get; set; }
            public int Quantity { get; set; }
            public __T__Status Status { get; set; }
            public DateTime CreatedAt { get; set; }
            public DateTime? UpdatedAt { get; set; }
            public int GroupId { get; set; }

            [JsonIgnore] public virtual __T__Group Group { get; set; } = null!;
            [JsonIgnore] public virtual ICollection<__T__Line> Lines { get; set; } = new List<__T__Line>();
        }

        /// <summary>Groups of __t__ items, e.g. by region.</summary>
        public class __T__Group
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public string Region { get; set; } = "";
            public bool IsActive { get; set; }

            [JsonIgnore] public virtual ICollection<__T__> Items { get; set; } = new List<__T__>();
        }

        /// <summary>A line of a __t__.</summary>
        public class __T__Line
        {
            public int Id { get; set; }
            public int ParentId { get; set; }
            public string Sku { get; set; } = "";
            public int Quantity { get; set; }
            public decimal UnitPrice { get; set; }

            [JsonIgnore] public virtual __T__ Parent { get; set; } = null!;
        }

        public partial class AppDbContext
        {
            public DbSet<__T__> __T__Set => Set<__T__>();
            public DbSet<__T__Group> __T__Groups => Set<__T__Group>();
            public DbSet<__T__Line> __T__Lines => Set<__T__Line>();
        }

        """;

    private const string DtosTemplate = """
        namespace Generated.Contracts;

        public sealed record __T__Dto(int Id, string Code, string Name, decimal Amount, int Quantity, string Status, DateTime CreatedAt);

        public sealed record __T__LineDto(int Id, string Sku, int Quantity, decimal UnitPrice);

        public sealed record __T__DetailDto(
            int Id,
            string Code,
            string Name,
            string? Description,
            decimal Amount,
            string GroupName,
            IReadOnlyList<__T__LineDto> Lines);

        public sealed record __T__CreateRequest(string Code, string Name, string? Description, decimal Amount, int Quantity, int GroupId);

        public sealed record __T__UpdateRequest(string Name, string? Description, decimal Amount, int Quantity);

        public sealed record __T__GroupTotalDto(int GroupId, string GroupName, int Count, decimal Total);

        public sealed record __T__PageDto(int Page, int PageSize, int TotalCount, IReadOnlyList<__T__Dto> Items);

        """;

    private const string ValidatorTemplate = """
        using Generated.Contracts;
        using Generated.Data;

        namespace Generated.Services;

        /// <summary>Business rules of a __t__ that need no database.</summary>
        public static class __T__Validator
        {
            public const int MaxNameLength = 120;
            public const int MaxCodeLength = 32;

            public static IReadOnlyList<string> Validate(__T__CreateRequest request)
            {
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(request.Code))
                {
                    errors.Add("Code is required.");
                }
                else if (request.Code.Length > MaxCodeLength)
                {
                    errors.Add($"Code must be at most {MaxCodeLength} characters.");
                }
                if (string.IsNullOrWhiteSpace(request.Name))
                {
                    errors.Add("Name is required.");
                }
                else if (request.Name.Length > MaxNameLength)
                {
                    errors.Add($"Name must be at most {MaxNameLength} characters.");
                }
                if (request.Amount < 0)
                {
                    errors.Add("Amount cannot be negative.");
                }
                if (request.Quantity is < 0 or > 10_000)
                {
                    errors.Add("Quantity must be between 0 and 10000.");
                }
                return errors;
            }

            public static IReadOnlyList<string> Validate(__T__UpdateRequest request)
            {
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(request.Name))
                {
                    errors.Add("Name is required.");
                }
                if (request.Amount < 0)
                {
                    errors.Add("Amount cannot be negative.");
                }
                return errors;
            }

            public static string NormaliseCode(string code)
            {
                var trimmed = code.Trim().ToUpperInvariant();
                return trimmed.Length <= MaxCodeLength ? trimmed : trimmed[..MaxCodeLength];
            }

            public static decimal ApplyVolumeDiscount(decimal amount, int quantity) => quantity switch
            {
                >= 1000 => amount * 0.85m,
                >= 100 => amount * 0.9m,
                >= 10 => amount * 0.95m,
                _ => amount,
            };

            public static bool CanTransition(__T__Status from, __T__Status to) => (from, to) switch
            {
                (__T__Status.Draft, __T__Status.Active) => true,
                (__T__Status.Active, __T__Status.Suspended) => true,
                (__T__Status.Suspended, __T__Status.Active) => true,
                (_, __T__Status.Archived) => from != __T__Status.Archived,
                _ => false,
            };

            public static __T__Dto ToDto(__T__ entity)
                => new(entity.Id, entity.Code, entity.Name, entity.Amount, entity.Quantity, entity.Status.ToString(), entity.CreatedAt);
        }

        """;

    private static string ServiceTemplate(HashSet<string> rules)
    {
        var sb = new StringBuilder("""
            using System.Net.Http.Json;
            using System.Text.Json;
            using Generated.Contracts;
            using Generated.Data;
            using Microsoft.EntityFrameworkCore;

            namespace Generated.Services;

            /// <summary>Queries and commands of the __t__ module.</summary>
            public class __T__Service(AppDbContext db, ILogger<__T__Service> logger, IHttpClientFactory httpClientFactory)
            {
                private const int MaxPageSize = 100;

            """);
        if (rules.Contains("PERF502"))
        {
            sb.Append("""
                    // PERF502 anti-pattern: a static client with the default handler never sees DNS changes.
                    private static readonly HttpClient StatusClient = new HttpClient();

                """);
        }
        sb.Append("""

                public async Task<__T__PageDto> GetPageAsync(int page, int pageSize, CancellationToken ct)
                {
                    page = Math.Max(page, 1);
                    pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
                    var query = db.__T__Set.AsNoTracking().Where(x => x.Status != __T__Status.Archived);
                    var total = await query.CountAsync(ct);
                    var items = await query
                        .OrderBy(x => x.Id)
                        .Skip((page - 1) * pageSize)
                        .Take(pageSize)
                        .Select(x => new __T__Dto(x.Id, x.Code, x.Name, x.Amount, x.Quantity, x.Status.ToString(), x.CreatedAt))
                        .ToListAsync(ct);
                    return new __T__PageDto(page, pageSize, total, items);
                }

                public async Task<__T__DetailDto?> GetByIdAsync(int id, CancellationToken ct)
                {
                    return await db.__T__Set
                        .AsNoTracking()
                        .Where(x => x.Id == id)
                        .Select(x => new __T__DetailDto(
                            x.Id,
                            x.Code,
                            x.Name,
                            x.Description,
                            x.Amount,
                            x.Group.Name,
                            x.Lines.Select(l => new __T__LineDto(l.Id, l.Sku, l.Quantity, l.UnitPrice)).ToList()))
                        .FirstOrDefaultAsync(ct);
                }

                public async Task<List<__T__Dto>> SearchAsync(string term, CancellationToken ct)
                {
                    if (string.IsNullOrWhiteSpace(term))
                    {
                        return [];
                    }
                    var pattern = $"%{term.Trim()}%";
                    return await db.__T__Set
                        .AsNoTracking()
                        .Where(x => EF.Functions.Like(x.Name, pattern) || EF.Functions.Like(x.Code, pattern))
                        .OrderBy(x => x.Name)
                        .Take(50)
                        .Select(x => new __T__Dto(x.Id, x.Code, x.Name, x.Amount, x.Quantity, x.Status.ToString(), x.CreatedAt))
                        .ToListAsync(ct);
                }

                public async Task<List<__T__Dto>> GetRecentAsync(CancellationToken ct)
                {
                    return await db.__T__Set
                        .AsNoTracking()
                        .OrderByDescending(x => x.CreatedAt)
                        .Take(20)
                        .Select(x => new __T__Dto(x.Id, x.Code, x.Name, x.Amount, x.Quantity, x.Status.ToString(), x.CreatedAt))
                        .ToListAsync(ct);
                }

                public async Task<List<__T__GroupTotalDto>> GetGroupTotalsAsync(CancellationToken ct)
                {
                    return await db.__T__Set
                        .AsNoTracking()
                        .GroupBy(x => new { x.GroupId, x.Group.Name })
                        .Select(g => new __T__GroupTotalDto(g.Key.GroupId, g.Key.Name, g.Count(), g.Sum(x => x.Amount)))
                        .OrderByDescending(t => t.Total)
                        .ToListAsync(ct);
                }

                public async Task<(__T__Dto? Created, IReadOnlyList<string> Errors)> CreateAsync(__T__CreateRequest request, CancellationToken ct)
                {
                    var errors = __T__Validator.Validate(request);
                    if (errors.Count > 0)
                    {
                        return (null, errors);
                    }
                    if (!await db.__T__Groups.AnyAsync(g => g.Id == request.GroupId && g.IsActive, ct))
                    {
                        return (null, [$"Group {request.GroupId} does not exist or is inactive."]);
                    }
                    var code = __T__Validator.NormaliseCode(request.Code);
                    if (await db.__T__Set.AnyAsync(x => x.Code == code, ct))
                    {
                        return (null, [$"Code {code} is already used."]);
                    }
                    var entity = new __T__
                    {
                        Code = code,
                        Name = request.Name.Trim(),
                        Description = request.Description,
                        Amount = __T__Validator.ApplyVolumeDiscount(request.Amount, request.Quantity),
                        Quantity = request.Quantity,
                        Status = __T__Status.Draft,
                        CreatedAt = DateTime.UtcNow,
                        GroupId = request.GroupId,
                    };
                    db.__T__Set.Add(entity);
                    await db.SaveChangesAsync(ct);
                    logger.LogInformation("Created __t__ {Id} ({Code})", entity.Id, entity.Code);
                    return (__T__Validator.ToDto(entity), []);
                }

                public async Task<bool> UpdateAsync(int id, __T__UpdateRequest request, CancellationToken ct)
                {
                    var entity = await db.__T__Set.FindAsync([id], ct);
                    if (entity is null)
                    {
                        return false;
                    }
                    entity.Name = request.Name.Trim();
                    entity.Description = request.Description;
                    entity.Amount = request.Amount;
                    entity.Quantity = request.Quantity;
                    entity.UpdatedAt = DateTime.UtcNow;
                    await db.SaveChangesAsync(ct);
                    return true;
                }

                public async Task<bool> ChangeStatusAsync(int id, __T__Status status, CancellationToken ct)
                {
                    var entity = await db.__T__Set.FindAsync([id], ct);
                    if (entity is null || !__T__Validator.CanTransition(entity.Status, status))
                    {
                        return false;
                    }
                    entity.Status = status;
                    entity.UpdatedAt = DateTime.UtcNow;
                    await db.SaveChangesAsync(ct);
                    return true;
                }

                public async Task<int> DeleteAsync(int id, CancellationToken ct)
                {
                    await db.__T__Lines.Where(l => l.ParentId == id).ExecuteDeleteAsync(ct);
                    return await db.__T__Set.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
                }

                public async Task<decimal> RecalculateGroupAsync(int groupId, CancellationToken ct)
                {
                    var items = await db.__T__Set
                        .Include(x => x.Lines)
                        .Where(x => x.GroupId == groupId && x.Status == __T__Status.Active)
                        .Take(MaxPageSize)
                        .ToListAsync(ct);
                    decimal total = 0;
                    foreach (var item in items)
                    {
                        item.Amount = item.Lines.Sum(l => l.Quantity * l.UnitPrice);
                        total += item.Amount;
                    }
                    await db.SaveChangesAsync(ct);
                    return total;
                }

                public async Task<List<string>> DescribeLinesAsync(int parentId, CancellationToken ct)
                {
                    var lines = await db.__T__Lines.AsNoTracking().Where(l => l.ParentId == parentId).Take(MaxPageSize).ToListAsync(ct);
                    var parentIds = lines.Select(l => l.ParentId).Distinct().ToList();
                    var names = await db.__T__Set.Where(x => parentIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
                    var result = new List<string>(lines.Count);
                    foreach (var line in lines)
                    {
                        result.Add($"{line.Sku} x{line.Quantity} ({names.GetValueOrDefault(line.ParentId, "?")})");
                    }
                    return result;
                }

                public async Task<List<__T__Dto>> FetchPartnerCatalogueAsync(CancellationToken ct)
                {
                    var client = httpClientFactory.CreateClient("upstream");
                    var items = await client.GetFromJsonAsync<List<__T__Dto>>("partner/__t__", ct);
                    return items ?? [];
                }

            """);
        if (rules.Contains("PERF101"))
        {
            sb.Append("""
                    public async Task<List<string>> DescribeLinesSlowAsync(int groupId, CancellationToken ct)
                    {
                        var lines = await db.__T__Lines.Where(l => l.Parent.GroupId == groupId).Take(MaxPageSize).ToListAsync(ct);
                        var result = new List<string>();
                        foreach (var line in lines)
                        {
                            // PERF101 anti-pattern: one query per line.
                            var parent = await db.__T__Set.FirstOrDefaultAsync(x => x.Id == line.ParentId, ct);
                            result.Add($"{line.Sku}: {parent?.Name}");
                        }
                        return result;
                    }

                """);
        }
        if (rules.Contains("PERF105"))
        {
            sb.Append("""
                    public async Task RestockLinesAsync(int groupId, CancellationToken ct)
                    {
                        var lines = await db.__T__Lines.Where(l => l.Parent.GroupId == groupId).Take(MaxPageSize).ToListAsync(ct);
                        foreach (var line in lines)
                        {
                            line.Quantity += 1;
                            // PERF105 anti-pattern: one round trip and one transaction per line.
                            await db.SaveChangesAsync(ct);
                        }
                    }

                """);
        }
        if (rules.Contains("PERF102"))
        {
            sb.Append("""
                    public async Task<Dictionary<string, int>> CountByGroupNameAsync(CancellationToken ct)
                    {
                        var items = await db.__T__Set.Where(x => x.Status == __T__Status.Active).Take(200).ToListAsync(ct);
                        var counts = new Dictionary<string, int>();
                        foreach (var item in items)
                        {
                            // PERF102 anti-pattern: lazy-loads the group of every item.
                            var name = item.Group.Name;
                            counts[name] = counts.TryGetValue(name, out var count) ? count + 1 : 1;
                        }
                        return counts;
                    }

                """);
        }
        if (rules.Contains("PERF103"))
        {
            sb.Append("""
                    public async Task<decimal> SumLinesAsync(int groupId, CancellationToken ct)
                    {
                        var items = await db.__T__Set.Where(x => x.GroupId == groupId).Take(MaxPageSize).ToListAsync(ct);
                        decimal total = 0;
                        foreach (var item in items)
                        {
                            // PERF103 anti-pattern: explicit loading per item.
                            await db.Entry(item).Collection(x => x.Lines).LoadAsync(ct);
                            total += item.Lines.Sum(l => l.Quantity * l.UnitPrice);
                        }
                        return total;
                    }

                """);
        }
        if (rules.Contains("PERF104"))
        {
            sb.Append("""
                    public List<__T__Dto> GetExpensive(decimal minimum)
                    {
                        // PERF104 anti-pattern: the whole table is loaded, then filtered in memory.
                        return db.__T__Set.ToList()
                            .Where(x => x.Amount >= minimum)
                            .OrderBy(x => x.Name)
                            .Select(x => new __T__Dto(x.Id, x.Code, x.Name, x.Amount, x.Quantity, x.Status.ToString(), x.CreatedAt))
                            .ToList();
                    }

                """);
        }
        if (rules.Contains("PERF106"))
        {
            sb.Append("""
                    public sealed class __T__ReportContext(DbContextOptions<__T__ReportContext> options) : DbContext(options)
                    {
                        public DbSet<__T__> Items => Set<__T__>();
                    }

                    public static void AddReporting(IServiceCollection services, string connectionString)
                    {
                        // PERF106 anti-pattern: a context that only takes its options is built anew for every request.
                        services.AddDbContext<__T__ReportContext>(o => o.UseSqlite(connectionString));
                    }

                """);
        }
        if (rules.Contains("PERF108"))
        {
            sb.Append("""
                    public async Task<List<__T__>> LoadWithGroupMatesAsync(int id, CancellationToken ct)
                    {
                        var query = db.__T__Set.Include(x => x.Lines).Include(x => x.Group).ThenInclude(g => g.Items).Where(x => x.Id == id);
                        // PERF108 anti-pattern: the lines and the group's items in one query multiply each other's rows.
                        return await query.ToListAsync(ct);
                    }

                """);
        }
        if (rules.Contains("PERF202"))
        {
            sb.Append("""
                    public async Task<int> ArchiveOldAsync(DateTime before, CancellationToken ct)
                    {
                        var old = await db.__T__Set.Where(x => x.CreatedAt < before && x.Status != __T__Status.Archived).Take(500).ToListAsync(ct);
                        foreach (var item in old)
                        {
                            item.Status = __T__Status.Archived;
                            item.UpdatedAt = DateTime.UtcNow;
                        }
                        logger.LogInformation("Archiving {Count} __t__ items", old.Count);
                        // PERF202 anti-pattern: synchronous save in an async method.
                        return db.SaveChanges();
                    }

                """);
        }
        if (rules.Contains("PERF203"))
        {
            sb.Append("""
                    public async Task<bool> WaitForActivationAsync(int id, CancellationToken ct)
                    {
                        var item = await db.__T__Set.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
                        if (item is null)
                        {
                            return false;
                        }
                        if (item.Status == __T__Status.Draft)
                        {
                            // PERF203 anti-pattern: blocks a thread-pool thread.
                            Thread.Sleep(200);
                        }
                        return item.Status == __T__Status.Active;
                    }

                """);
        }
        if (rules.Contains("PERF403"))
        {
            sb.Append("""
                    public async Task<List<__T__Dto>> FetchPartnerItemsAsync(CancellationToken ct)
                    {
                        var client = httpClientFactory.CreateClient("upstream");
                        // PERF403 anti-pattern: the whole body is buffered as a string before deserialising.
                        var json = await client.GetStringAsync("partner/__t__/items", ct);
                        return JsonSerializer.Deserialize<List<__T__Dto>>(json) ?? [];
                    }

                """);
        }
        if (rules.Contains("PERF601"))
        {
            sb.Append("""
                    public async Task RefreshPartnerItemsAsync(IReadOnlyList<int> ids, CancellationToken ct)
                    {
                        var client = httpClientFactory.CreateClient("upstream");
                        // PERF601 anti-pattern: one request per id, all at once, however many ids there are.
                        await Task.WhenAll(ids.Select(id => client.PostAsync($"partner/__t__/items/{id}/refresh", null, ct)));
                    }

                """);
        }
        if (rules.Contains("PERF701"))
        {
            sb.Append("""
                    public string ExportItemJson(__T__Dto item)
                    {
                        // PERF701 anti-pattern: new serializer options (and a new metadata cache) per call.
                        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
                        return JsonSerializer.Serialize(item, options);
                    }

                """);
        }
        if (rules.Contains("PERF302"))
        {
            sb.Append("""
                    private static readonly Microsoft.Extensions.Caching.Memory.MemoryCache LookupCache = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());

                    public __T__Dto RememberLookup(string code, __T__Dto item)
                    {
                        // PERF302 anti-pattern: one cache entry per lookup code, never expiring.
                        return Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(LookupCache, "lookup:__t__:" + code, item);
                    }

                """);
        }
        if (rules.Contains("PERF501"))
        {
            sb.Append("""
                    public async Task<string> PingPartnerAsync(CancellationToken ct)
                    {
                        // PERF501 anti-pattern: a new client (and connection) per call.
                        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5080/") };
                        using var response = await client.GetAsync("health", ct);
                        return response.StatusCode.ToString();
                    }

                """);
        }
        if (rules.Contains("PERF502"))
        {
            sb.Append("""
                    public async Task<bool> IsPartnerUpAsync(CancellationToken ct)
                    {
                        using var response = await StatusClient.GetAsync("http://127.0.0.1:5080/health", ct);
                        return response.IsSuccessStatusCode;
                    }

                """);
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string ControllerTemplate(HashSet<string> rules)
    {
        var sb = new StringBuilder("""
            using System.Text.Json;
            using Generated.Contracts;
            using Generated.Data;
            using Generated.Services;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace Generated.Controllers;

            [ApiController]
            [Route("api/__t__")]
            public class __T__Controller(__T__Service service, AppDbContext db) : ControllerBase
            {
                [HttpGet]
                [ResponseCache(Duration = 30)]
                public async Task<ActionResult<__T__PageDto>> GetPage(int page = 1, int pageSize = 20, CancellationToken ct = default)
                    => await service.GetPageAsync(page, pageSize, ct);

                [HttpGet("{id:int}")]
                [ResponseCache(Duration = 30)]
                public async Task<ActionResult<__T__DetailDto>> GetById(int id, CancellationToken ct)
                {
                    var detail = await service.GetByIdAsync(id, ct);
                    return detail is null ? NotFound() : detail;
                }

                [HttpGet("search")]
                [ResponseCache(Duration = 30, VaryByQueryKeys = ["term"])]
                public async Task<ActionResult<List<__T__Dto>>> Search(string term, CancellationToken ct)
                    => await service.SearchAsync(term, ct);

                [HttpGet("totals")]
                [ResponseCache(Duration = 60)]
                public async Task<ActionResult<List<__T__GroupTotalDto>>> Totals(CancellationToken ct)
                    => await service.GetGroupTotalsAsync(ct);

                [HttpGet("groups")]
                [ResponseCache(Duration = 300)]
                public async Task<ActionResult<List<string>>> Groups(CancellationToken ct)
                    => await db.__T__Groups.AsNoTracking().Where(g => g.IsActive).OrderBy(g => g.Name).Select(g => g.Name).Take(200).ToListAsync(ct);

                [HttpPost]
                public async Task<ActionResult<__T__Dto>> Create(__T__CreateRequest request, CancellationToken ct)
                {
                    var (created, errors) = await service.CreateAsync(request, ct);
                    if (created is null)
                    {
                        foreach (var error in errors)
                        {
                            ModelState.AddModelError(nameof(request), error);
                        }
                        return ValidationProblem(ModelState);
                    }
                    return CreatedAtAction(nameof(GetById), new { id = created.Id }, created);
                }

                [HttpPut("{id:int}")]
                public async Task<IActionResult> Update(int id, __T__UpdateRequest request, CancellationToken ct)
                {
                    var errors = __T__Validator.Validate(request);
                    if (errors.Count > 0)
                    {
                        return ValidationProblem(string.Join(" ", errors));
                    }
                    return await service.UpdateAsync(id, request, ct) ? NoContent() : NotFound();
                }

                [HttpPost("{id:int}/status/{status}")]
                public async Task<IActionResult> ChangeStatus(int id, __T__Status status, CancellationToken ct)
                    => await service.ChangeStatusAsync(id, status, ct) ? NoContent() : Conflict();

                [HttpDelete("{id:int}")]
                public async Task<IActionResult> Delete(int id, CancellationToken ct)
                    => await service.DeleteAsync(id, ct) > 0 ? NoContent() : NotFound();

            """);
        if (rules.Contains("PERF201"))
        {
            sb.Append("""
                    [HttpGet("legacy/{id:int}")]
                    [ResponseCache(Duration = 30)]
                    public ActionResult<__T__DetailDto> GetByIdLegacy(int id)
                    {
                        // PERF201 anti-pattern: blocks the request thread on a task.
                        var detail = service.GetByIdAsync(id, CancellationToken.None).Result;
                        return detail is null ? NotFound() : detail;
                    }

                """);
        }
        if (rules.Contains("PERF301"))
        {
            sb.Append("""
                    // PERF301 anti-pattern: a GET that returns data with no caching policy.
                    [HttpGet("recent")]
                    public async Task<ActionResult<List<__T__Dto>>> GetRecent(CancellationToken ct)
                        => await service.GetRecentAsync(ct);

                """);
        }
        if (rules.Contains("PERF401"))
        {
            sb.Append("""
                    [HttpGet("all")]
                    [ResponseCache(Duration = 60)]
                    public async Task<IActionResult> GetAll(CancellationToken ct)
                    {
                        // PERF401 anti-pattern: the whole table is buffered into the response.
                        var all = await db.__T__Set.AsNoTracking().ToListAsync(ct);
                        return Ok(all);
                    }

                """);
        }
        if (rules.Contains("PERF107"))
        {
            sb.Append("""
                    [HttpGet("group/{groupId:int}/names")]
                    [ResponseCache(Duration = 60)]
                    public async Task<ActionResult<List<string>>> GroupNames(int groupId, CancellationToken ct)
                    {
                        // PERF107 anti-pattern: the items are only read, yet each one is tracked.
                        var items = await db.__T__Set.Where(x => x.GroupId == groupId).OrderBy(x => x.Name).Take(200).ToListAsync(ct);
                        return items.Select(x => $"{x.Code}: {x.Name}").ToList();
                    }

                """);
        }
        if (rules.Contains("PERF402"))
        {
            sb.Append("""
                    [HttpGet("export/{name}")]
                    [ResponseCache(Duration = 300)]
                    public async Task<IActionResult> DownloadExport(string name, CancellationToken ct)
                    {
                        var path = Path.Combine(AppContext.BaseDirectory, "exports", Path.GetFileName(name));
                        // PERF402 anti-pattern: the whole file is read into memory.
                        var bytes = await System.IO.File.ReadAllBytesAsync(path, ct);
                        return File(bytes, "text/csv");
                    }

                """);
        }
        if (rules.Contains("PERF702"))
        {
            sb.Append("""
                    [HttpPost("import/checksum")]
                    public async Task<IActionResult> ImportChecksum(CancellationToken ct)
                    {
                        // PERF702 anti-pattern: a 1 MiB buffer per request lands on the large object heap.
                        var buffer = new byte[1024 * 1024];
                        var read = await Request.Body.ReadAsync(buffer, 0, 1024 * 1024, ct);
                        return Ok(read);
                    }

                """);
        }
        if (rules.Contains("PERF404"))
        {
            sb.Append("""
                    [HttpPost("import")]
                    public async Task<IActionResult> Import(CancellationToken ct)
                    {
                        // PERF404 anti-pattern: the request body is read fully into a string.
                        using var reader = new StreamReader(Request.Body);
                        var body = await reader.ReadToEndAsync(ct);
                        var requests = JsonSerializer.Deserialize<List<__T__CreateRequest>>(body) ?? [];
                        var valid = requests.Count(r => __T__Validator.Validate(r).Count == 0);
                        return Ok(new { received = requests.Count, valid });
                    }

                """);
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private const string EndpointsTemplate = """
        using Generated.Contracts;
        using Generated.Data;
        using Generated.Services;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.EntityFrameworkCore;

        namespace Generated.Endpoints;

        public static class __T__Endpoints
        {
            public static IEndpointRouteBuilder Map__T__Endpoints(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/v2/__t__").CacheOutput(p => p.Expire(TimeSpan.FromSeconds(30)));

                group.MapGet("/", async (__T__Service service, int? page, int? pageSize, CancellationToken ct) =>
                    TypedResults.Ok(await service.GetPageAsync(page ?? 1, pageSize ?? 20, ct)));

                group.MapGet("/{id:int}", async Task<Results<Ok<__T__DetailDto>, NotFound>> (int id, __T__Service service, CancellationToken ct) =>
                {
                    var detail = await service.GetByIdAsync(id, ct);
                    return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
                });

                group.MapGet("/by-group/{groupId:int}", async (int groupId, AppDbContext db, CancellationToken ct) =>
                {
                    var items = await db.__T__Set
                        .AsNoTracking()
                        .Where(x => x.GroupId == groupId)
                        .OrderBy(x => x.Name)
                        .Take(100)
                        .Select(x => new __T__Dto(x.Id, x.Code, x.Name, x.Amount, x.Quantity, x.Status.ToString(), x.CreatedAt))
                        .ToListAsync(ct);
                    return TypedResults.Ok(items);
                });

                group.MapGet("/stream", (AppDbContext db) =>
                    db.__T__Set
                        .AsNoTracking()
                        .OrderBy(x => x.Id)
                        .Select(x => new __T__Dto(x.Id, x.Code, x.Name, x.Amount, x.Quantity, x.Status.ToString(), x.CreatedAt))
                        .AsAsyncEnumerable());

                group.MapPost("/", async Task<Results<Created<__T__Dto>, ValidationProblem>> (__T__CreateRequest request, __T__Service service, CancellationToken ct) =>
                {
                    var (created, errors) = await service.CreateAsync(request, ct);
                    if (created is null)
                    {
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["request"] = errors.ToArray() });
                    }
                    return TypedResults.Created($"/v2/__t__/{created.Id}", created);
                });

                group.MapDelete("/{id:int}", async (int id, __T__Service service, CancellationToken ct) =>
                    await service.DeleteAsync(id, ct) > 0 ? Results.NoContent() : Results.NotFound());

                return app;
            }
        }

        """;
}
