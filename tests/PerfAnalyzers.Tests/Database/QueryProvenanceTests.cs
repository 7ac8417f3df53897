using System.Threading.Tasks;
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

        // ---- Flagged ----

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
                        var customer = customers.Query().FirstOrDefault(c => c.Id == id);
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
    }
}
