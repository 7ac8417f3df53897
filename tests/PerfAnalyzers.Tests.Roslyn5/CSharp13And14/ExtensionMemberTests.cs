using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyBlocking = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer>;
using VerifyBlockingFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer, PerfAnalyzers.Async.PERF201BlockingWaitCodeFix>;
using VerifyClient = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer>;
using VerifyLongLivedClient = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF502HttpClientWithoutPooledLifetimeAnalyzer>;
using VerifyMaterialised = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>;
using VerifyTracking = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer>;
using VerifyTrackingFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix>;
using VerifyCartesian = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer>;
using VerifyQueryInLoop = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifySyncOverAsync = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using VerifySyncOverAsyncFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.CSharp13And14
{
    /// <summary>
    /// C# 14 extension blocks (<c>extension(ShopDb db) { .. }</c>) that wrap EF queries and blocking waits. Their bodies
    /// are judged like any method's (the receiver is a parameter), and a call to an extension member is judged like a
    /// call to the classic extension method it compiles to.
    /// </summary>
    public class ExtensionMemberTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            """;

        // ---- PERF101 (docs/rules/PERF101.md) ----

        [Fact]
        public Task Reports_a_query_in_a_loop_inside_an_extension_member_of_the_context() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class ShopQueries
            {
                extension(ShopDb db)
                {
                    public async Task<List<string>> CustomerNamesAsync(List<Order> orders)
                    {
                        var names = new List<string>();
                        foreach (var order in orders)
                        {
                            var customer = await {|PERF101:db.Customers.FirstAsync(c => c.Id == order.CustomerId)|};
                            names.Add(customer.Name);
                        }

                        return names;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_in_a_loop_over_a_db_set_receiver() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(DbSet<Customer> customers)
                {
                    public async Task<int> CountNamedAsync(List<string> names)
                    {
                        var count = 0;
                        foreach (var name in names)
                        {
                            count += await {|PERF101:customers.CountAsync(c => c.Name == name)|};
                        }

                        return count;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_in_a_per_element_lambda_of_an_extension_property() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class OrderListExtensions
            {
                extension(List<Order> orders)
                {
                    public int LineCount => orders.Sum(o => {|PERF101:Shop.Db.Lines.Count(l => l.OrderId == o.Id)|});
                }
            }

            public static class Shop
            {
                public static ShopDb Db { get; } = new ShopDb();
            }
            """);

        [Fact]
        public Task Reports_a_query_through_a_db_set_extension_property_in_a_loop() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class ShopSets
            {
                extension(ShopDb db)
                {
                    public DbSet<Order> AllOrders => db.Orders;
                }
            }

            public class Report
            {
                public async Task<int> CountAsync(ShopDb db, List<Customer> customers)
                {
                    var total = 0;
                    foreach (var customer in customers)
                    {
                        total += await {|PERF101:db.AllOrders.CountAsync(o => o.CustomerId == customer.Id)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_that_calls_an_extension_member_running_a_query_at_the_call() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class ShopQueries
            {
                extension(ShopDb db)
                {
                    public Task<Customer> FindCustomerAsync(int id) => db.Customers.FirstAsync(c => c.Id == id);
                }
            }

            public class Report
            {
                public async Task<List<string>> NamesAsync(ShopDb db, List<Order> orders)
                {
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        names.Add((await {|PERF101:db.FindCustomerAsync(order.CustomerId)|}).Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_outside_any_loop_in_an_extension_member() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class ShopQueries
            {
                extension(ShopDb db)
                {
                    public Task<List<Customer>> CustomersOfAsync(List<int> ids) => db.Customers.Where(c => ids.Contains(c.Id)).ToListAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_composed_by_an_extension_member_of_a_queryable_in_a_loop() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(IQueryable<Customer> query)
                {
                    public IQueryable<Customer> Named(string name) => query.Where(c => c.Name == name);
                }
            }

            public class Report
            {
                public async Task<int> CountAsync(ShopDb db, List<string> names)
                {
                    var found = 0;
                    foreach (var name in names)
                    {
                        var customer = await {|PERF101:db.Customers.Named(name).FirstOrDefaultAsync()|};
                        found += customer == null ? 0 : 1;
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_calling_a_method_that_runs_a_query_composed_by_an_extension_member() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(IQueryable<Customer> query)
                {
                    public IQueryable<Customer> Named(string name) => query.Where(c => c.Name == name);
                }
            }

            public class Messages
            {
                private readonly ShopDb db;
                public Messages(ShopDb db) => this.db = db;

                public async Task SendAsync(string name)
                {
                    var customer = await db.Customers.Named(name).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync();
                }

                public async Task SendAllAsync(List<string> names)
                {
                    foreach (var name in names)
                    {
                        await {|PERF101:SendAsync(name)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_an_extension_member_of_a_queryable_given_an_in_memory_query() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(IQueryable<Customer> query)
                {
                    public IQueryable<Customer> Named(string name) => query.Where(c => c.Name == name);
                }
            }

            public class Report
            {
                public int Count(List<Customer> customers, List<string> names)
                {
                    var found = 0;
                    foreach (var name in names)
                    {
                        found += customers.AsQueryable().Named(name).Count();
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task Ignores_an_extension_member_of_a_queryable_that_returns_a_new_in_memory_query() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(IQueryable<Customer> query)
                {
                    public IQueryable<Customer> Samples(string name) => new List<Customer> { new Customer { Name = name } }.AsQueryable();
                }
            }

            public class Report
            {
                public int Count(ShopDb db, List<string> names)
                {
                    var found = 0;
                    foreach (var name in names)
                    {
                        found += db.Customers.Samples(name).Count();
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task Reports_a_loop_calling_an_extension_member_that_runs_its_receiver() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(IQueryable<Customer> query)
                {
                    public Task<Customer?> FindNamedAsync(string name) => query.FirstOrDefaultAsync(c => c.Name == name);
                }
            }

            public class Report
            {
                public async Task<int> CountAsync(ShopDb db, List<string> names)
                {
                    var found = 0;
                    foreach (var name in names)
                    {
                        found += await {|PERF101:db.Customers.FindNamedAsync(name)|} == null ? 0 : 1;
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task Ignores_an_extension_member_that_runs_its_receiver_given_an_in_memory_query() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                extension(IQueryable<Customer> query)
                {
                    public Customer? FindNamed(string name) => query.FirstOrDefault(c => c.Name == name);
                }
            }

            public class Report
            {
                public int Count(List<Customer> customers, List<string> names)
                {
                    var found = 0;
                    foreach (var name in names)
                    {
                        found += customers.AsQueryable().FindNamed(name) == null ? 0 : 1;
                    }

                    return found;
                }
            }
            """);

        // The data project's extension block, as a build references it (metadata) and as the IDE does (its compilation).
        private const string UsersDataProject = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Site.Data
            {
                public class User { public int Id { get; set; } public string Name { get; set; } = ""; }

                public class SiteDb : DbContext
                {
                    public SiteDb(DbContextOptions<SiteDb> options) : base(options) { }
                    public DbSet<User> Users => Set<User>();
                }

                public static class UserQueries
                {
                    extension(IQueryable<User> query)
                    {
                        public IQueryable<User> ForUser(string name) => query.Where(u => u.Name == name);

                        public async Task<bool> Exists(string name) => await query.AnyAsync(u => u.Name == name);
                    }
                }

                public interface IDirectory { Task<int> CountAsync(string name); }

                public static class DirectoryChecks
                {
                    extension(IDirectory directory)
                    {
                        public async Task<bool> Knows(string name) => await directory.CountAsync(name) > 0;
                    }
                }
            }
            """;

        // Compiled only with the data project referenced: a constant, which the intact-snippet test leaves alone.
        private const string UsesUsersData = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Site.Data;

            public class Messages
            {
                public async Task SendAllAsync(SiteDb db, List<string> names)
                {
                    foreach (var name in names)
                    {
                        var user = await {|PERF101:db.Users.ForUser(name).Select(u => new { u.Id }).SingleOrDefaultAsync()|};
                    }
                }

                public int CountInMemory(List<User> users, List<string> names)
                    => names.Sum(name => users.AsQueryable().ForUser(name).Count());

                public async Task<int> CountKnownAsync(SiteDb db, IDirectory directory, List<string> names)
                {
                    var known = 0;
                    foreach (var name in names)
                    {
                        if (await {|PERF101:db.Users.Exists(name)|} && await directory.Knows(name))
                        {
                            known++;
                        }
                    }

                    return known;
                }
            }
            """;

        public static TheoryData<bool> BothReferenceKinds => new() { false, true };

        [Theory]
        [MemberData(nameof(BothReferenceKinds))]
        public Task Reports_queries_composed_and_run_by_extension_members_of_another_project(bool inTheIde)
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>();
            SnippetTest.Configure(test, UsesUsersData, null, Frameworks.EfCore, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(inTheIde
                ? ProbeCompilations.ReferencedProjectInTheIde("Site.Data", UsersDataProject, Frameworks.EfCore)
                : ProbeCompilations.ReferencedProject("Site.Data", UsersDataProject, Frameworks.EfCore));
            return test.RunAsync();
        }

        // ---- PERF108 (docs/rules/PERF108.md) ----

        [Fact]
        public Task Reports_two_collections_included_under_an_extension_member_that_filters() => VerifyCartesian.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public List<Post> Posts { get; set; } = new(); public List<Tag> Tags { get; set; } = new(); }
            public class Post { public int Id { get; set; } }
            public class Tag { public int Id { get; set; } }

            public class BlogDb : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=blogs.db");
                public DbSet<Blog> Blogs => Set<Blog>();
            }

            public static class BlogQueries
            {
                extension(IQueryable<Blog> source)
                {
                    public IQueryable<Blog> Named(string name) => source.Where(b => b.Name == name);
                    public int CountNamed(string name) => source.Count(b => b.Name == name);
                }
            }

            public class BlogRepository(BlogDb db)
            {
                public Task<List<Blog>> Search(string name)
                    => db.Blogs.Include(b => b.Posts).Include(b => b.Tags).Named(name).{|PERF108:ToListAsync()|};

                public Task<List<Blog>> SearchOne(string name)
                    => db.Blogs.Include(b => b.Posts).Named(name).ToListAsync();
            }
            """);

        // ---- PERF107 (docs/rules/PERF107.md) ----

        [Fact]
        public Task Reports_a_tracking_query_composed_by_an_extension_member_in_a_read_only_page() => VerifyTracking.AnalyzerAsync(Model + """
            public static class OrderQueries
            {
                extension(IQueryable<Order> query)
                {
                    public IQueryable<Order> OfCustomer(int customerId) => query.Where(o => o.CustomerId == customerId);
                }
            }

            public class OrdersModel(ShopDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public List<Order> Orders { get; set; } = new();

                public async Task OnGetAsync(int id) => Orders = await db.Orders.OfCustomer(id).{|PERF107:ToListAsync()|};
            }
            """);

        [Fact]
        public Task Ignores_an_extension_member_that_already_chooses_no_tracking() => VerifyTracking.AnalyzerAsync(Model + """
            public static class OrderQueries
            {
                extension(IQueryable<Order> query)
                {
                    public IQueryable<Order> ReadOnlyOf(int customerId) => query.AsNoTracking().Where(o => o.CustomerId == customerId);
                }
            }

            public class OrdersModel(ShopDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public List<Order> Orders { get; set; } = new();

                public async Task OnGetAsync(int id) => Orders = await db.Orders.ReadOnlyOf(id).ToListAsync();
            }
            """);

        [Fact]
        public Task Fix_inserts_AsNoTracking_before_the_extension_member() => VerifyTrackingFix.CodeFixAsync(Model + """
            public static class OrderQueries
            {
                extension(IQueryable<Order> query)
                {
                    public IQueryable<Order> OfCustomer(int customerId) => query.Where(o => o.CustomerId == customerId);
                }
            }

            public class OrdersModel(ShopDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public List<Order> Orders { get; set; } = new();

                public async Task OnGetAsync(int id) => Orders = await db.Orders.OfCustomer(id).{|PERF107:ToListAsync()|};
            }
            """, Model + """
            public static class OrderQueries
            {
                extension(IQueryable<Order> query)
                {
                    public IQueryable<Order> OfCustomer(int customerId) => query.Where(o => o.CustomerId == customerId);
                }
            }

            public class OrdersModel(ShopDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public List<Order> Orders { get; set; } = new();

                public async Task OnGetAsync(int id) => Orders = await db.Orders.AsNoTracking().OfCustomer(id).ToListAsync();
            }
            """, PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix.EquivalenceKey);

        // ---- PERF104 (docs/rules/PERF104.md) ----

        [Fact]
        public Task Reports_a_list_filtered_in_memory_through_an_extension_member_of_the_context() => VerifyMaterialised.AnalyzerAsync(Model + """
            public static class ShopQueries
            {
                extension(ShopDb db)
                {
                    public List<Order> BigOrders() => {|PERF104:db.Orders.ToList()|}.Where(o => o.Total > 100).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_an_in_memory_filter_on_an_extension_property_of_ours() => VerifyMaterialised.AnalyzerAsync(Model + """
            public static class OrderExtensions
            {
                extension(Order order)
                {
                    public bool IsBig => order.Total > 100;
                }
            }

            public class C
            {
                public List<Order> M(ShopDb db) => db.Orders.ToList().Where(o => o.IsBig).ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_projection_calling_our_method_with_a_dictionary_lookup_of_an_extension_block() => VerifyMaterialised.AnalyzerAsync(Model + """
            public class ProviderItem { public int Id { get; set; } public string? ImageUrl { get; set; } }
            public class ExportProvider { public string SystemName { get; set; } = ""; public string? Icon { get; set; } }

            public static class CollectionExtensions
            {
                extension<T>(IEnumerable<T> source)
                {
                    public Dictionary<TKey, T> ToDictionarySafe<TKey>(Func<T, TKey> keySelector) where TKey : notnull
                        => source.GroupBy(keySelector).ToDictionary(g => g.Key, g => g.First());
                }

                extension<TKey, TValue>(IDictionary<TKey, TValue?> source) where TKey : notnull
                {
                    public TValue? Get(TKey key) => source.TryGetValue(key, out var value) ? value : default;
                }
            }

            public class ExportController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly ShopDb db;
                public ExportController(ShopDb db) => this.db = db;

                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Create(List<ExportProvider> all)
                {
                    var providers = all.ToDictionarySafe(p => p.SystemName);
                    var orders = await db.Orders.AsNoTracking().ToListAsync();
                    ViewBag.Orders = orders.Select(x => new ProviderItem { Id = x.Id, ImageUrl = GetThumbnailUrl(providers.Get(x.Id.ToString())) }).ToList();
                    return View();
                }

                private string GetThumbnailUrl(ExportProvider? provider) => provider?.Icon ?? "/default.png";
            }
            """);

        // ---- PERF201 (docs/rules/PERF201.md) ----

        [Fact]
        public Task Reports_result_of_the_receiver_task_in_an_async_extension_member() => VerifyBlocking.AnalyzerAsync(Usings + """
            public static class PriceExtensions
            {
                extension(Task<decimal> price)
                {
                    public async Task<decimal> WithTaxAsync(Task<decimal> rate)
                    {
                        var factor = 1 + await rate;
                        return {|PERF201:price.Result|} * factor;
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_a_blocking_extension_property_when_the_scope_is_all() => VerifyBlocking.AnalyzerAsync(Usings + """
            public static class PriceExtensions
            {
                extension(Task<decimal> price)
                {
                    public decimal Now => {|PERF201:price.Result|};
                }
            }
            """, editorConfig: "perf_analyzers.async.scope = all", frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_blocking_extension_property_outside_request_handlers_by_default() => VerifyBlocking.AnalyzerAsync(Usings + """
            public static class PriceExtensions
            {
                extension(Task<decimal> price)
                {
                    public decimal Now => price.Result;
                    public void Settle() => price.Wait();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_the_receiver_task_once_the_extension_member_awaited_it() => VerifyBlocking.AnalyzerAsync(Usings + """
            public static class CountExtensions
            {
                extension(Task<int> count)
                {
                    public async Task<int> DoubledAsync()
                    {
                        await count;
                        return count.Result * 2;
                    }

                    public async Task<int> PlusAsync(Task<int> other)
                    {
                        await Task.WhenAll(count, other);
                        return count.Result + other.Result;
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_an_extension_property_named_Result_on_a_non_generic_task() => VerifyBlocking.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public static class TaskStatusExtensions
            {
                extension(Task task)
                {
                    public string Result => task.IsCompletedSuccessfully ? "done" : "pending";
                }
            }

            public class JobsController : ControllerBase
            {
                [HttpGet]
                public IActionResult Status(Task job) => Ok(job.Result);
            }
            """);

        [Fact]
        public Task Fix_awaits_the_receiver_task_in_an_async_extension_member() => VerifyBlockingFix.CodeFixAsync(Usings + """
            public static class PriceExtensions
            {
                extension(Task<decimal> price)
                {
                    public async Task<decimal> WithTaxAsync(Task<decimal> rate)
                    {
                        var factor = 1 + await rate;
                        return {|PERF201:price.Result|} * factor;
                    }
                }
            }
            """, Usings + """
            public static class PriceExtensions
            {
                extension(Task<decimal> price)
                {
                    public async Task<decimal> WithTaxAsync(Task<decimal> rate)
                    {
                        var factor = 1 + await rate;
                        return await price * factor;
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- PERF501 and PERF502 (docs/rules/PERF501.md, docs/rules/PERF502.md) ----

        [Fact]
        public Task Reports_a_client_created_in_a_scoped_registration_inside_an_extension_member() => VerifyClient.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class WeatherRegistration
            {
                extension(IServiceCollection services)
                {
                    public IServiceCollection AddWeather() => services.AddScoped(_ => {|PERF501:new HttpClient()|});
                }
            }
            """);

        [Fact]
        public Task Singleton_registration_inside_an_extension_member_is_PERF502s_not_PERF501s() => VerifyLongLivedClient.AnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class WeatherRegistration
            {
                extension(IServiceCollection services)
                {
                    public IServiceCollection AddWeather() => services.AddSingleton(_ => {|PERF502:new HttpClient()|});
                }
            }
            """);

        [Fact]
        public Task Ignores_a_public_static_extension_factory_that_returns_the_client() => VerifyClient.AnalyzerAsync("""
            using System.Net.Http;

            public static class HttpClientFactories
            {
                extension(HttpClient)
                {
                    public static HttpClient CreateForWeather() => new HttpClient();
                }
            }
            """);

        // ---- PERF202 (docs/rules/PERF202.md) ----

        [Fact]
        public Task Reports_a_sync_extension_member_whose_async_counterpart_is_in_the_same_extension_class() => VerifySyncOverAsync.AnalyzerAsync(Model + """
            public class Inventory { }

            public static class InventoryExtensions
            {
                extension(Inventory inventory)
                {
                    public void Reserve(int count) { }
                    public Task ReserveAsync(int count) => Task.CompletedTask;
                }
            }

            public class Checkout
            {
                public async Task RunAsync(Inventory inventory)
                {
                    {|PERF202:inventory.Reserve(2)|};
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_a_sync_extension_member_whose_twin_takes_a_cancellation_token() => VerifySyncOverAsync.AnalyzerAsync(Model + """
            public interface IArchiveEntry { }
            public class ExtractionOptions { }

            public static class IArchiveEntryExtensions
            {
                extension(IArchiveEntry entry)
                {
                    public void WriteToFile(string path, ExtractionOptions? options = null) { }
                    public Task WriteToFileAsync(string path, ExtractionOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => Task.CompletedTask;
                }
            }

            public class Importer
            {
                public async Task IngestAsync(IArchiveEntry entry, string path)
                {
                    await Task.Yield();
                    {|PERF202:entry.WriteToFile(path, new ExtractionOptions())|};
                }
            }
            """);

        private const string ArchiveExtensions = """
            using System.Threading.Tasks;

            public interface IArchiveEntry { }

            public static class IArchiveEntryExtensions
            {
                extension(IArchiveEntry entry)
                {
                    public void WriteToFile(string path) { }
                    public Task WriteToFileAsync(string path, System.Threading.CancellationToken cancellationToken = default) => Task.CompletedTask;
                }
            }

            """;

        [Fact]
        public Task Fix_awaits_the_twin_of_an_extension_member() => VerifySyncOverAsyncFix.CodeFixAsync(ArchiveExtensions + """
            public class Importer
            {
                public async Task IngestAsync(IArchiveEntry entry, string path)
                {
                    await Task.Yield();
                    {|PERF202:entry.WriteToFile(path)|};
                }
            }
            """, ArchiveExtensions + """
            public class Importer
            {
                public async Task IngestAsync(IArchiveEntry entry, string path)
                {
                    await Task.Yield();
                    await entry.WriteToFileAsync(path);
                }
            }
            """);

        [Fact]
        public Task Reports_an_ef_query_executed_synchronously_in_an_async_extension_member() => VerifySyncOverAsync.AnalyzerAsync(Model + """
            public static class ShopQueries
            {
                extension(ShopDb db)
                {
                    public async Task<List<Order>> BigOrdersAsync()
                    {
                        await Task.Yield();
                        return {|PERF202:db.Orders.Where(o => o.Total > 100).ToList()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_an_async_counterpart_in_another_extension_class() => VerifySyncOverAsync.AnalyzerAsync(Model + """
            public class Inventory { }

            public static class InventoryExtensions
            {
                extension(Inventory inventory)
                {
                    public void Reserve(int count) { }
                }
            }

            public static class InventoryAsyncExtensions
            {
                extension(Inventory inventory)
                {
                    public Task ReserveAsync(int count) => Task.CompletedTask;
                }
            }

            public class Checkout
            {
                public async Task RunAsync(Inventory inventory)
                {
                    inventory.Reserve(2);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Ignores_synchronous_queries_in_a_synchronous_extension_member() => VerifySyncOverAsync.AnalyzerAsync(Model + """
            public static class ShopQueries
            {
                extension(ShopDb db)
                {
                    public List<Order> BigOrders() => db.Orders.Where(o => o.Total > 100).ToList();
                    public int Save() => db.SaveChanges();
                }
            }
            """);
    }
}
