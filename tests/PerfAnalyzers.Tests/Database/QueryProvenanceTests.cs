using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyPERF104 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>Queries reached through the application's own members (docs/concepts.md#ef-query), seen through PERF101.</summary>
    public class QueryProvenanceTests
    {
        private const string Repository = Model + """
            public interface IRepository<T> where T : class
            {
                IQueryable<T> Query();
                IEnumerable<T> GetAll();
            }

            public class Repository<T> : IRepository<T> where T : class
            {
                private readonly ShopDb db;
                public Repository(ShopDb db) => this.db = db;
                public IQueryable<T> Query() => db.Set<T>();
                public IEnumerable<T> GetAll() => db.Set<T>();
            }

            """;

        private const string MediaRepositories = Model + """
            public interface IContentRepository<T> where T : class { IQueryable<OrderLine> GetAllLines(); }
            public interface IShopContentRepository : IContentRepository<Order> { }
            public interface IArchiveContentRepository : IContentRepository<Customer> { }

            public abstract class ContentRepository<T> : IContentRepository<T> where T : class
            {
                protected ContentRepository(ShopDb db) => Db = db;
                protected ShopDb Db { get; }
                public abstract IQueryable<OrderLine> GetAllLines();
            }

            public class ShopContentRepository(ShopDb db) : ContentRepository<Order>(db), IShopContentRepository
            {
                public override IQueryable<OrderLine> GetAllLines() => Db.Lines.AsQueryable();
            }

            """;

        private const string DataContexts = Model + """
            public interface IDataContext
            {
                DbSet<T> Set<T>() where T : class;
            }

            public class NullDataContext : IDataContext
            {
                public DbSet<T> Set<T>() where T : class => throw new NotImplementedException();
            }

            """;

        [Fact]
        public Task Query_through_an_interface_method_returning_a_DbSet_is_reported() => VerifyCS.AnalyzerAsync(DataContexts + """
            public class Checker(IDataContext dc)
            {
                public void Check(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:dc.Set<Customer>().FirstOrDefault(c => c.Id == order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_list_from_an_interface_method_returning_an_enumerable_is_not_an_EF_query() => VerifyCS.AnalyzerAsync(DataContexts + """
            public interface ICustomerSource { IEnumerable<Customer> Customers(); }
            public class NullCustomerSource : ICustomerSource
            {
                public IEnumerable<Customer> Customers() => throw new NotImplementedException();
            }

            public class Checker(ICustomerSource source)
            {
                public void Check(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = source.Customers().FirstOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Query_through_an_interface_an_abstract_class_implements_abstractly_is_reported() => VerifyCS.AnalyzerAsync(MediaRepositories + """
            public class ArchiveContentRepository(ShopDb db) : ContentRepository<Customer>(db), IArchiveContentRepository
            {
                public override IQueryable<OrderLine> GetAllLines() => Db.Lines.Where(l => l.Quantity > 0);
            }

            public class AvailabilityChecker(IShopContentRepository repository)
            {
                public void Check(List<Order> orders)
                {
                    var lines = repository.GetAllLines();
                    foreach (var order in orders)
                    {
                        if (!{|PERF101:lines.Where(l => l.OrderId == order.Id).Any()|})
                        {
                            Console.WriteLine(order.Id);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Query_through_an_abstract_implementation_whose_subclass_serves_memory_is_not_reported() => VerifyCS.AnalyzerAsync(MediaRepositories + """
            public class InMemoryContentRepository(ShopDb db, List<OrderLine> lines) : ContentRepository<Order>(db), IShopContentRepository
            {
                public override IQueryable<OrderLine> GetAllLines() => lines.AsQueryable();
            }

            public class AvailabilityChecker(IContentRepository<Order> repository)
            {
                public void Check(List<Order> orders)
                {
                    var lines = repository.GetAllLines();
                    foreach (var order in orders)
                    {
                        if (!lines.Where(l => l.OrderId == order.Id).Any())
                        {
                            Console.WriteLine(order.Id);
                        }
                    }
                }
            }
            """);

        // The call names IContentRepository<Order>: a subclass serving another entity's content from memory never runs for it.
        [Fact]
        public Task Query_through_an_abstract_implementation_is_reported_when_only_another_entitys_subclass_serves_memory() => VerifyCS.AnalyzerAsync(MediaRepositories + """
            public class InMemoryContentRepository(ShopDb db, List<OrderLine> lines) : ContentRepository<Customer>(db), IArchiveContentRepository
            {
                public override IQueryable<OrderLine> GetAllLines() => lines.AsQueryable();
            }

            public class AvailabilityChecker(IContentRepository<Order> repository)
            {
                public void Check(List<Order> orders)
                {
                    var lines = repository.GetAllLines();
                    foreach (var order in orders)
                    {
                        if (!{|PERF101:lines.Where(l => l.OrderId == order.Id).Any()|})
                        {
                            Console.WriteLine(order.Id);
                        }
                    }
                }
            }
            """);

        private const string AvailabilityRules = Model + """
            public abstract class AvailabilityRule
            {
                protected abstract IQueryable<OrderLine> AllLines();

                public async Task<int> Check(List<Order> orders)
                {
                    var lines = AllLines();
                    var found = 0;
                    foreach (var order in orders)
                    {
                        if (await LineChecks.HasLine(lines, order.Id)) found++;
                    }

                    return found;
                }
            }

            public static class LineChecks
            {
                public static Task<bool> HasLine(IQueryable<OrderLine> lines, int orderId) => lines.AnyAsync(l => l.OrderId == orderId);
            }

            public class ShopAvailabilityRule(ShopDb db) : AvailabilityRule
            {
                protected override IQueryable<OrderLine> AllLines() => db.Lines;
            }

            """;

        [Fact]
        public Task Query_from_an_abstract_method_whose_overrides_all_return_one_is_reported() => VerifyCS.AnalyzerAsync(AvailabilityRules.Replace(
            "if (await LineChecks.HasLine(lines, order.Id)) found++;",
            "if (await {|PERF101:LineChecks.HasLine(lines, order.Id)|}) found++;") + """
            public class ArchiveAvailabilityRule(ShopDb db) : AvailabilityRule
            {
                protected override IQueryable<OrderLine> AllLines() => db.Lines.Where(l => l.Quantity > 0);
            }
            """);

        [Fact]
        public Task Query_from_an_abstract_method_one_override_serves_from_memory_is_not_reported() => VerifyCS.AnalyzerAsync(AvailabilityRules + """
            public class CachedAvailabilityRule(List<OrderLine> cached) : AvailabilityRule
            {
                protected override IQueryable<OrderLine> AllLines() => cached.AsQueryable();
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Query_through_a_repository_that_starts_from_the_sets_AsQueryable_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class SetRepository<T> where T : class
            {
                private readonly DbSet<T> set;
                public SetRepository(ShopDb db) => set = db.Set<T>();

                public IQueryable<T> Query()
                {
                    IQueryable<T> query = set.AsQueryable();
                    return query;
                }
            }

            public class C
            {
                public void M(SetRepository<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:customers.Query().FirstOrDefault(c => c.Id == order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_over_an_in_memory_AsQueryable_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(List<Customer> all, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = all.AsQueryable().FirstOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Query_through_a_generic_repository_interface_in_a_loop_is_reported() => VerifyCS.AnalyzerAsync(Repository + """
            public class C
            {
                private readonly IRepository<Customer> customers;
                public C(IRepository<Customer> customers) => this.customers = customers;

                public void M(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:customers.Query().Where(c => c.Id == order.CustomerId).FirstOrDefault()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_through_a_concrete_repository_class_in_a_loop_is_reported() => VerifyCS.AnalyzerAsync(Repository + """
            public class C
            {
                public void M(Repository<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:customers.Query().FirstOrDefault(c => c.Id == order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Enumerable_returned_by_a_repository_over_a_DbSet_is_a_query() => VerifyCS.AnalyzerAsync(Repository + """
            public class C
            {
                public void M(IRepository<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:customers.GetAll().FirstOrDefault(c => c.Id == order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Extension_method_composing_a_DbSet_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                public static IQueryable<Customer> Named(this IQueryable<Customer> customers, string name) => customers.Where(c => c.Name == name);
            }

            public class C
            {
                public void M(ShopDb db, List<string> names)
                {
                    foreach (var name in names)
                    {
                        var customer = {|PERF101:db.Customers.Named(name).FirstOrDefault()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Extension_method_on_DbSet_returning_a_query_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                public static IQueryable<Customer> GetAllData(this DbSet<Customer> customers) => customers.Include(c => c.Orders);
            }

            public class C
            {
                public void M(ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:db.Customers.GetAllData().First(c => c.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Property_exposing_a_query_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerStore
            {
                private readonly ShopDb db;
                public CustomerStore(ShopDb db) => this.db = db;
                public IQueryable<Customer> Active => db.Customers.Where(c => c.Email != "");
            }

            public class C
            {
                public void M(CustomerStore store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var found = {|PERF101:store.Active.Any(c => c.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Readonly_field_assigned_a_query_in_the_constructor_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private readonly IQueryable<Customer> customers;
                public C(ShopDb db) => customers = db.Customers.AsNoTracking();

                public void M(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var count = {|PERF101:customers.Count(c => c.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_three_application_methods_deep_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                private readonly ShopDb db;
                public Store(ShopDb db) => this.db = db;
                public IQueryable<Customer> A() => B().Where(c => c.Id > 0);
                public IQueryable<Customer> B() => D();
                public IQueryable<Customer> D() => db.Customers;
            }

            public class C
            {
                public void M(Store store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:store.A().First(c => c.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Materialising_a_repository_query_before_filtering_is_reported_by_PERF104() => VerifyPERF104.AnalyzerAsync(Repository + """
            public class C
            {
                public List<Customer> M(IRepository<Customer> customers)
                    => {|PERF104:customers.Query().ToList()|}.Where(c => c.Name == "a").ToList();
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Repository_over_an_in_memory_list_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IStore<T> { IQueryable<T> Query(); }

            public class MemoryStore<T> : IStore<T>
            {
                private readonly List<T> items = new();
                public IQueryable<T> Query() => items.AsQueryable();
            }

            public class C
            {
                public void M(IStore<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = customers.Query().FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_with_one_in_memory_implementation_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IStore<T> where T : class { IQueryable<T> Query(); }

            public class EfStore<T> : IStore<T> where T : class
            {
                private readonly ShopDb db;
                public EfStore(ShopDb db) => this.db = db;
                public IQueryable<T> Query() => db.Set<T>();
            }

            public class InMemoryStore<T> : IStore<T> where T : class
            {
                public IQueryable<T> Query() => new List<T>().AsQueryable();
            }

            public class C
            {
                public void M(IStore<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = customers.Query().FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_whose_other_implementation_is_a_fake_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IStore<T> where T : class { IQueryable<T> Query(); }

            public class EfStore<T> : IStore<T> where T : class
            {
                private readonly ShopDb db;
                public EfStore(ShopDb db) => this.db = db;
                public IQueryable<T> Query() => db.Set<T>();
            }

            public class FakeStore<T> : IStore<T> where T : class
            {
                public IQueryable<T> Query() => new List<T>().AsQueryable();
            }

            public class C
            {
                public void M(IStore<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:customers.Query().FirstOrDefault(c => c.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_without_implementation_in_source_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IStore<T> { IQueryable<T> Query(); }

            public class C
            {
                public void M(IStore<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = customers.Query().FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_without_implementation_in_sight_executed_by_an_EF_async_operator_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IDataAdapter
            {
                IQueryable<Customer> Customers(int id);
                IQueryable<Order> Orders { get; }
            }

            public class C
            {
                public async Task M(IDataAdapter data, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:data.Customers(id).SingleOrDefaultAsync()|};
                        var orders = await {|PERF101:data.Orders.Where(o => o.CustomerId == id).OrderBy(o => o.Id).ToListAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_without_implementation_in_sight_composed_through_a_local_and_executed_by_an_EF_async_operator_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IDataAdapter { IQueryable<Order> Orders(); }

            public class C
            {
                public async Task M(IDataAdapter data, List<int> ids, bool bigOnly)
                {
                    foreach (var id in ids)
                    {
                        var query = data.Orders().Where(o => o.CustomerId == id);
                        if (bigOnly)
                        {
                            query = query.Where(o => o.Total > 100);
                        }

                        var orders = await {|PERF101:query.ToListAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_without_implementation_in_sight_composed_by_a_query_object_and_executed_by_an_EF_async_operator_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRepository<T> { IQueryable<T> Query(); }

            public sealed class OrdersOfCustomer(int customerId)
            {
                public IQueryable<Order> Apply(IQueryable<Order> query) => query.Where(o => o.CustomerId == customerId);
            }

            public class C
            {
                public async Task M(IRepository<Order> orders, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var list = await {|PERF101:new OrdersOfCustomer(id).Apply(orders.Query().AsNoTracking()).ToListAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_without_implementation_in_sight_composed_by_an_extension_method_and_executed_by_an_EF_async_operator_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRepository<T> { IQueryable<T> Query(); }

            public static class OrderQueries
            {
                public static IQueryable<Order> OfCustomer(this IQueryable<Order> query, int customerId) => query.Where(o => o.CustomerId == customerId);
            }

            public class C
            {
                public async Task M(IRepository<Order> orders, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var first = await {|PERF101:orders.Query().OfCustomer(id).FirstOrDefaultAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_object_over_an_in_memory_list_executed_by_an_EF_async_operator_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public sealed class OrdersOfCustomer(int customerId)
            {
                public IQueryable<Order> Apply(IQueryable<Order> query) => query.Where(o => o.CustomerId == customerId);
            }

            public class C
            {
                public async Task M(List<Order> cached, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var list = await new OrdersOfCustomer(id).Apply(cached.AsQueryable()).ToListAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Query_object_over_an_interface_out_of_sight_executed_by_a_synchronous_operator_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRepository<T> { IQueryable<T> Query(); }

            public sealed class OrdersOfCustomer(int customerId)
            {
                public IQueryable<Order> Apply(IQueryable<Order> query) => query.Where(o => o.CustomerId == customerId);
            }

            public class C
            {
                public void M(IRepository<Order> orders, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var list = new OrdersOfCustomer(id).Apply(orders.Query()).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_returns_a_query_other_than_the_one_it_is_given_does_not_carry_the_out_of_sight_evidence() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRepository<T> { IQueryable<T> Query(); }

            public sealed class Fallback(List<Order> cached)
            {
                public IQueryable<Order> Apply(IQueryable<Order> query) => cached.AsQueryable();
            }

            public class C
            {
                public async Task M(IRepository<Order> orders, Fallback fallback, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var list = await fallback.Apply(orders.Query()).ToListAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Local_written_from_an_interface_out_of_sight_and_from_a_list_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IDataAdapter { IQueryable<Order> Orders(); }

            public class C
            {
                public async Task M(IDataAdapter data, List<Order> cached, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var query = data.Orders();
                        if (cached.Count > 0)
                        {
                            query = cached.AsQueryable();
                        }

                        var orders = await query.Where(o => o.CustomerId == id).ToListAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_without_implementation_in_sight_executed_by_a_synchronous_operator_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IDataAdapter { IQueryable<Customer> Customers(int id); }

            public class C
            {
                public async Task M(IDataAdapter data, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = data.Customers(id).SingleOrDefault();
                    }
                }
            }
            """);

        [Fact]
        public Task Interface_with_an_in_memory_implementation_executed_by_an_EF_async_operator_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public interface IStore<T> { IQueryable<T> Query(); }

            public class MemoryStore<T> : IStore<T>
            {
                private readonly List<T> items = new();
                public IQueryable<T> Query() => items.AsQueryable();
            }

            public class C
            {
                public async Task M(IStore<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await customers.Query().FirstOrDefaultAsync(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Extension_method_over_an_in_memory_list_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public static class CustomerQueries
            {
                public static IQueryable<Customer> Named(this IQueryable<Customer> customers, string name) => customers.Where(c => c.Name == name);
            }

            public class C
            {
                public void M(List<Customer> all, List<string> names)
                {
                    foreach (var name in names)
                    {
                        var customer = all.AsQueryable().Named(name).FirstOrDefault();
                    }
                }
            }
            """);

        [Fact]
        public Task Method_returning_a_materialised_list_is_not_a_query_root_but_calling_it_per_iteration_runs_one() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                private readonly List<Customer> cache;
                public Store(ShopDb db) => cache = db.Customers.ToList();
                public IEnumerable<Customer> All() => cache;
                public IEnumerable<Customer> Loaded(ShopDb db) => db.Customers.ToList();
            }

            public class C
            {
                public void M(Store store, ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var a = store.All().FirstOrDefault(c => c.Id == id);
                        var b = {|PERF101:store.Loaded(db)|}.FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Recursive_members_are_not_queries_and_do_not_hang() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                public IQueryable<Customer> Loop() => Loop();
                public IQueryable<Customer> Ping(bool b) => b ? Pong() : Ping(!b);
                public IQueryable<Customer> Pong() => Ping(true).Where(c => c.Id > 0);
            }

            public class C
            {
                public void M(Store store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var a = store.Loop().FirstOrDefault(c => c.Id == id);
                        var b = store.Ping(false).FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Query_four_application_methods_deep_is_beyond_the_depth_limit() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                private readonly ShopDb db;
                public Store(ShopDb db) => this.db = db;
                public IQueryable<Customer> A() => B();
                public IQueryable<Customer> B() => D();
                public IQueryable<Customer> D() => E();
                public IQueryable<Customer> E() => db.Customers;
            }

            public class C
            {
                public void M(Store store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = store.A().First(c => c.Id == id);
                    }
                }
            }
            """);

        // The answer must not depend on which query the compiler analysed first: the first loop summarises D() as a
        // query; the second loop's A() meets that summary deeper than the depth limit allows.
        [Fact]
        public Task A_summary_found_for_a_shallower_member_does_not_extend_the_depth_limit() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                private readonly ShopDb db;
                public Store(ShopDb db) => this.db = db;
                public IQueryable<Customer> A() => B();
                public IQueryable<Customer> B() => D();
                public IQueryable<Customer> D() => E();
                public IQueryable<Customer> E() => db.Customers;
            }

            public class C
            {
                public void M(Store store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var near = {|PERF101:store.D().First(c => c.Id == id)|};
                    }

                    foreach (var id in ids)
                    {
                        var far = store.A().First(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_helper_that_sorts_a_query_either_way_hands_out_the_query() => VerifyPERF104.AnalyzerAsync(Model + """
            public class C
            {
                private static IQueryable<Order> Sort(IQueryable<Order> q, bool descending)
                    => descending ? q.OrderByDescending(o => o.Id) : q.OrderBy(o => o.Id);

                public async Task<List<int>> M(ShopDb db, bool onlyBig, bool descending)
                {
                    var q = db.Orders.AsNoTracking();
                    if (onlyBig)
                    {
                        q = q.Where(o => o.Total > 100);
                    }

                    q = Sort(q, descending);
                    var orders = await {|PERF104:q.ToListAsync()|};
                    return orders.Select(o => o.Id).ToList();
                }
            }
            """);

        [Fact]
        public Task A_helper_that_sorts_with_a_switch_expression_hands_out_the_query() => VerifyPERF104.AnalyzerAsync(Model + """
            public class C
            {
                private static IQueryable<Order> Sort(IQueryable<Order> q, string? sortBy, bool desc) => sortBy switch
                {
                    "total" => desc ? q.OrderByDescending(o => o.Total) : q.OrderBy(o => o.Total),
                    _ => desc ? q.OrderByDescending(o => o.Id) : q.OrderBy(o => o.Id),
                };

                public async Task<List<int>> M(ShopDb db, string? sortBy)
                {
                    var q = Sort(db.Orders.AsNoTracking(), sortBy, desc: false);
                    var orders = await {|PERF104:q.Take(50).ToListAsync()|};
                    return orders.Select(o => o.Id).ToList();
                }
            }
            """);

        // A statistics service's role repositories: Query(filter) picks a filter per arm and throws for an unknown one.
        [Fact]
        public Task A_switch_expression_whose_other_arm_throws_hands_out_the_query() => VerifyPERF104.AnalyzerAsync(Model + """
            public enum Filter { Open, All }

            public class Repository(ShopDb db)
            {
                public IQueryable<Order> Query(Filter filter = Filter.Open)
                {
                    var orders = db.Orders.AsQueryable();
                    return filter switch
                    {
                        Filter.Open => orders.Where(o => o.Total > 0),
                        Filter.All => orders,
                        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
                    };
                }

                public IQueryable<Order> Checked(bool valid) => valid ? db.Orders : throw new InvalidOperationException();

                public async Task<List<int>> M(Filter filter)
                {
                    var orders = await {|PERF104:Query(filter).ToListAsync()|};
                    return orders.Select(o => o.Id).ToList();
                }

                public async Task<List<int>> N()
                {
                    var orders = await {|PERF104:Checked(true).ToListAsync()|};
                    return orders.Select(o => o.Id).ToList();
                }
            }
            """);

        [Fact]
        public Task A_switch_expression_whose_only_other_arm_is_in_memory_is_not_a_query_though_one_throws() => VerifyPERF104.AnalyzerAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db, List<Order> cached, string source)
                {
                    var q = source switch
                    {
                        "cache" => cached.AsQueryable(),
                        "db" => db.Orders.AsNoTracking(),
                        _ => throw new ArgumentException(source),
                    };
                    var orders = q.ToList();
                    return orders.Select(o => o.Id).ToList();
                }
            }
            """);

        [Fact]
        public Task A_switch_expression_with_an_in_memory_arm_is_not_a_query() => VerifyPERF104.AnalyzerAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db, List<Order> cached, string source)
                {
                    var q = source switch
                    {
                        "cache" => cached.AsQueryable(),
                        _ => db.Orders.AsNoTracking(),
                    };
                    var orders = q.ToList();
                    return orders.Select(o => o.Id).ToList();
                }
            }
            """);

        [Fact]
        public Task A_conditional_with_an_in_memory_branch_is_not_a_query() => VerifyPERF104.AnalyzerAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db, List<Order> cached, bool useCache)
                {
                    var q = useCache ? cached.AsQueryable() : db.Orders.AsNoTracking();
                    var orders = q.ToList();
                    return orders.Select(o => o.Id).ToList();
                }
            }
            """);

        // Roadie's collection list: the local starts as null and each branch assigns a query.
        [Fact]
        public Task A_local_declared_null_then_given_a_query_in_each_branch_is_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> customerIds, bool onlyBig)
                {
                    foreach (var customerId in customerIds)
                    {
                        IQueryable<Order>? orders = null;
                        if (onlyBig)
                        {
                            orders = db.Orders.Where(o => o.CustomerId == customerId && o.Total > 100);
                        }
                        else
                        {
                            orders = db.Orders.Where(o => o.CustomerId == customerId);
                        }

                        var count = {|PERF101:orders.Count()|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_local_declared_null_then_given_an_in_memory_sequence_in_a_branch_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> customerIds, List<Order> cached, bool useCache)
                {
                    foreach (var customerId in customerIds)
                    {
                        IQueryable<Order>? orders = default;
                        if (useCache)
                        {
                            orders = cached.AsQueryable();
                        }
                        else
                        {
                            orders = db.Orders;
                        }

                        var count = orders.Count(o => o.CustomerId == customerId);
                    }
                }
            }
            """);

        [Fact]
        public Task A_local_only_ever_null_is_not_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(List<int> customerIds)
                {
                    foreach (var customerId in customerIds)
                    {
                        IQueryable<Order>? orders = null;
                        var count = orders?.Count() ?? 0;
                    }
                }
            }
            """);

        [Fact]
        public Task Iterator_method_is_not_a_query_root_but_enumerating_it_per_iteration_runs_one() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                public IEnumerable<Customer> All(ShopDb db)
                {
                    foreach (var c in db.Customers.ToList())
                    {
                        yield return c;
                    }
                }
            }

            public class C
            {
                public void M(Store store, ShopDb db, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:store.All(db)|}.FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task Mutable_field_holding_a_query_is_not_followed() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private IQueryable<Customer> customers;
                public C(ShopDb db) => customers = db.Customers;
                public void Swap(List<Customer> list) => customers = list.AsQueryable();

                public void M(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var count = customers.Count(c => c.Id == id);
                    }
                }
            }
            """);

        // ---- Across projects: members of another project of the application, seen as a compiled reference assembly ----

        // The data project of a layered application. A command-line build of the project that uses it sees only its
        // declarations; so does this test.
        private const string DataProject = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Data
            {
                public class Customer
                {
                    public int Id { get; set; }
                    public string Name { get; set; } = "";
                    public string Greeting => "Dear " + Name;
                    public bool IsNamed(string name) => Name == name;
                    public string Code { get; private set; } = "";
                    public int Rank { get; }
                }

                public class ShopDb : DbContext
                {
                    public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }
                    public DbSet<Customer> Customers => Set<Customer>();
                }

                public interface IRepository<T> where T : class
                {
                    IQueryable<T> Query();
                    IEnumerable<T> GetAll();
                }

                public class Repository<T> : IRepository<T> where T : class
                {
                    private readonly ShopDb db;
                    public Repository(ShopDb db) => this.db = db;
                    public IQueryable<T> Query() => db.Set<T>();
                    public IEnumerable<T> GetAll() => db.Set<T>().ToList();
                    public IQueryable<T> Table => db.Set<T>();
                }

                public static class CustomerQueries
                {
                    public static IQueryable<Customer> Named(this IQueryable<Customer> customers, string name) => customers.Where(c => c.Name == name);
                }

                public interface ICustomerLookup { IQueryable<Customer> Customers(); }

                public class DbCustomerLookup : ICustomerLookup
                {
                    private readonly ShopDb db;
                    public DbCustomerLookup(ShopDb db) => this.db = db;
                    public IQueryable<Customer> Customers() => db.Customers;
                }

                public class FixedCustomerLookup : ICustomerLookup
                {
                    private readonly List<Customer> all = new();
                    public IQueryable<Customer> Customers() => all.AsQueryable();
                }

                public class Catalog
                {
                    private readonly List<Customer> all = new();
                    public IQueryable<Customer> Customers => all.AsQueryable();
                }

                public interface IStore<T> { IQueryable<T> Query(); }

                public interface IGenericRepository<T> where T : class { IQueryable<T> GetAll(); }

                public class BaseRepository<T, TContext> : IGenericRepository<T> where T : class where TContext : DbContext
                {
                    private readonly TContext context;
                    public BaseRepository(TContext context) => this.context = context;
                    public IQueryable<T> GetAll() => context.Set<T>();
                }

                public class ShopRepository<T> : BaseRepository<T, ShopDb> where T : class
                {
                    public ShopRepository(ShopDb db) : base(db) { }
                }

                public interface IListStore<T> { IQueryable<T> GetAll(); }

                public class BaseListStore<T, TSource> : IListStore<T> where TSource : IEnumerable<T>
                {
                    private readonly TSource source;
                    public BaseListStore(TSource source) => this.source = source;
                    public IQueryable<T> GetAll() => source.AsQueryable();
                }
            }
            """;

        private static readonly Lazy<MetadataReference> DataReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Data", DataProject, Frameworks.EfCore));

        // The same code shipped as a package signed by its publisher: not the application's own code.
        private static readonly Lazy<MetadataReference> SignedPackageReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Data", DataProject, Frameworks.EfCore, ProbeCompilations.EfCorePublicKey()));

        private const string UsesData = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Shop.Data;

            """;

        private static Task VerifyAcrossProjectsAsync<TAnalyzer>(string source, MetadataReference dataProject)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(dataProject);
            return test.RunAsync();
        }

        [Fact]
        public Task Query_through_a_repository_interface_implemented_in_another_project_is_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(IRepository<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:customers.Query().FirstOrDefault(c => c.Id == id)|};
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Query_through_a_repository_of_another_project_is_a_query_when_its_source_is_in_the_solution_too()
        {
            // The IDE's shape: the other project is a project reference, its source another compilation of the solution.
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, UsesData + """
                public class C
                {
                    public void M(IRepository<Customer> customers, Catalog catalog, List<int> ids)
                    {
                        foreach (var id in ids)
                        {
                            var customer = {|PERF101:customers.Query().FirstOrDefault(c => c.Id == id)|};
                            var listed = catalog.Customers.FirstOrDefault(c => c.Id == id);
                        }
                    }
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            var data = test.TestState.AdditionalProjects["Shop.Data"];
            data.Sources.Add(("Data.cs", DataProject));
            data.AdditionalReferences.AddRange(SnippetReferences.For(Frameworks.EfCore));
            test.TestState.AdditionalProjectReferences.Add("Shop.Data");
            return test.RunAsync();
        }

        [Fact]
        public Task Query_through_a_generic_base_repository_whose_context_is_a_type_parameter_is_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(IGenericRepository<Customer> customers, ShopRepository<Customer> direct, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = {|PERF101:customers.GetAll().FirstOrDefault(c => c.Id == id)|};
                        var count = {|PERF101:direct.GetAll().Count(c => c.Id == id)|};
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Query_from_a_generic_base_whose_type_parameter_is_not_a_DbContext_is_not_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(IListStore<Customer> customers, BaseListStore<Customer, List<Customer>> direct, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = customers.GetAll().FirstOrDefault(c => c.Id == id);
                        var count = direct.GetAll().Count(c => c.Id == id);
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Query_property_of_a_repository_built_on_a_DbContext_in_another_project_is_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(Repository<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var count = {|PERF101:customers.Table.Count(c => c.Id == id)|};
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Extension_method_of_another_project_composing_a_DbSet_is_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(ShopDb db, List<string> names)
                {
                    foreach (var name in names)
                    {
                        var customer = {|PERF101:db.Customers.Named(name).FirstOrDefault()|};
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Sync_execution_of_a_query_from_another_project_in_async_code_is_reported_by_PERF202() => VerifyAcrossProjectsAsync<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>(UsesData + """
            public class C
            {
                public async Task<int> M(IRepository<Customer> customers)
                {
                    await Task.Yield();
                    return {|PERF202:customers.Query().Where(c => c.Name != "").ToList()|}.Count;
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Materialising_a_query_of_another_project_before_a_translatable_filter_is_reported_by_PERF104() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>(UsesData + """
            public class C
            {
                public List<Customer> M(IRepository<Customer> customers, string name)
                    => {|PERF104:customers.Query().ToList()|}.Where(c => c.Name == name).ToList();
            }
            """, DataReference.Value);

        [Fact]
        public Task Filters_on_members_EF_cannot_translate_of_an_entity_of_another_project_are_left_to_memory() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>(UsesData + """
            public class C
            {
                // A computed property and a method of the entity: EF Core cannot translate either, so the filter must run in memory.
                public List<Customer> ByGreeting(IRepository<Customer> customers, string greeting)
                    => customers.Query().ToList().Where(c => c.Greeting == greeting).ToList();

                public List<Customer> ByName(ShopDb db, string name)
                    => db.Customers.ToList().Where(c => c.IsNamed(name)).ToList();
            }
            """, DataReference.Value);

        // MangoMessengerAPI's domain entities: `{ get; private set; }` auto-properties, which a reference assembly shows
        // without their setter. EF Core maps them through their backing field, so the filter moves into the query.
        [Fact]
        public Task Filters_on_auto_properties_without_a_visible_setter_of_an_entity_of_another_project_are_reported_by_PERF104() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>(UsesData + """
            public class C
            {
                public Customer? ByCode(ShopDb db, string code)
                    => {|PERF104:db.Customers.ToList()|}.FirstOrDefault(c => c.Code == code);

                public List<Customer> Ranked(ShopDb db)
                    => {|PERF104:db.Customers.ToList()|}.Where(c => c.Rank > 3).ToList();
            }
            """, DataReference.Value);

        [Fact]
        public Task Enumerable_returned_by_a_repository_of_another_project_is_not_a_query_but_the_read_runs_one() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(Repository<Customer> customers, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        // FirstOrDefault filters a list in memory (no query of its own); the read method of a class
                        // built on a DbContext that hands out its entities is the query, once per iteration.
                        var customer = {|PERF101:customers.GetAll()|}.FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Interface_of_another_project_implemented_nowhere_in_sight_executed_by_an_EF_async_operator_is_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            using Microsoft.EntityFrameworkCore;

            public class C
            {
                public async Task M(IStore<Customer> store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:store.Query().FirstOrDefaultAsync(c => c.Id == id)|};
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Interface_of_another_project_with_an_in_memory_implementation_executed_by_an_EF_async_operator_is_not_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            using Microsoft.EntityFrameworkCore;

            public class C
            {
                public async Task M(ICustomerLookup lookup, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await lookup.Customers().FirstOrDefaultAsync(c => c.Id == id);
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Interface_of_another_project_with_an_in_memory_implementation_is_not_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(ICustomerLookup lookup, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = lookup.Customers().FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Queryable_of_a_class_of_another_project_without_a_DbContext_is_not_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(Catalog catalog, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = catalog.Customers.FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Interface_of_another_project_implemented_nowhere_in_sight_is_not_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(IStore<Customer> store, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = store.Query().FirstOrDefault(c => c.Id == id);
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Extension_method_of_another_project_over_an_in_memory_list_is_not_a_query() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(List<Customer> all, List<string> names)
                {
                    foreach (var name in names)
                    {
                        var customer = all.AsQueryable().Named(name).FirstOrDefault();
                    }
                }
            }
            """, DataReference.Value);

        [Fact]
        public Task Repository_of_a_signed_package_is_not_read_as_the_application_s_own() => VerifyAcrossProjectsAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>(UsesData + """
            public class C
            {
                public void M(IRepository<Customer> customers, Repository<Customer> concrete, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = customers.Query().FirstOrDefault(c => c.Id == id);
                        var count = concrete.Table.Count(c => c.Id == id);
                    }
                }
            }
            """, SignedPackageReference.Value);

        // ---- A generic helper that hands back its own query type (OoS-Backend's base repository) ----

        private const string ConditionalHelper = Model + """
            public static class QueryableExtensions
            {
                public static TSource If<TSource>(this TSource source, bool condition, Func<TSource, TSource> filter)
                    where TSource : IQueryable
                    => condition ? filter(source) : source;

                public static TSource Either<TSource>(this TSource source, bool condition, TSource other)
                    where TSource : IQueryable
                    => condition ? other : source;
            }

            public abstract class RepositoryBase<T> where T : class
            {
                protected readonly ShopDb db;
                protected RepositoryBase(ShopDb db) => this.db = db;

                public virtual IQueryable<T> Get(bool asNoTracking = false)
                {
                    IQueryable<T> query = db.Set<T>();
                    return query.If(asNoTracking, q => q.AsNoTracking());
                }
            }

            public class SoftDeletedRepository<T> : RepositoryBase<T> where T : class
            {
                public SoftDeletedRepository(ShopDb db) : base(db) { }
                public override IQueryable<T> Get(bool asNoTracking = false) => base.Get(asNoTracking);
            }

            """;

        [Fact]
        public Task Query_handed_back_by_a_generic_conditional_helper_is_reported() => VerifyCS.AnalyzerAsync(ConditionalHelper + """
            public class C
            {
                public void M(SoftDeletedRepository<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:customers.Get().SingleOrDefault(c => c.Id == order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Sync_execution_through_a_generic_conditional_helper_in_async_code_is_reported_by_PERF202() => Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>.AnalyzerAsync(ConditionalHelper + """
            public class C
            {
                public async Task<int> M(SoftDeletedRepository<Customer> customers)
                {
                    await Task.Yield();
                    return {|PERF202:customers.Get(asNoTracking: true).SingleOrDefault(c => c.Name == "a")|}?.Id ?? 0;
                }
            }
            """);

        [Fact]
        public Task The_conditional_helper_over_a_list_in_memory_is_not_reported() => VerifyCS.AnalyzerAsync(ConditionalHelper + """
            public class C
            {
                public void M(List<Customer> cached, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = cached.AsQueryable().If(true, q => q.Where(c => c.Name != "")).SingleOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task A_generic_helper_that_may_hand_back_another_value_of_its_type_is_not_followed() => VerifyCS.AnalyzerAsync(ConditionalHelper + """
            public class C
            {
                public void M(ShopDb db, List<Customer> cached, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = db.Customers.AsQueryable().Either(order.Id > 0, cached.AsQueryable()).SingleOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);
    }
}
