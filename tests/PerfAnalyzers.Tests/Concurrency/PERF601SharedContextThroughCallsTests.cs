using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>;

namespace PerfAnalyzers.Tests.Concurrency
{
    /// <summary>
    /// PERF601's shared-DbContext finding when the context is held a call or more down: by a repository the element's
    /// object holds, or a unit of work's repository (docs/rules/PERF601.md, "Shared DbContext").
    /// </summary>
    public class PERF601SharedContextThroughCallsTests
    {
        private const string Unbounded = ", with nothing bounding how many run together; bound it with Parallel.ForEachAsync (MaxDegreeOfParallelism) or a SemaphoreSlim";

        private const string Repositories = """
            public interface ICustomerRepository { Task<Customer?> Find(int id); }

            public class CustomerRepository(ShopDb db) : ICustomerRepository
            {
                public Task<Customer?> Find(int id) => db.Customers.FirstOrDefaultAsync(c => c.Id == id);
            }

            """;

        private static string SharedOn(string context)
            => $", all on DbContext '{context}'; EF Core throws when one context runs two operations at once, so give each element a context of its own (IDbContextFactory) or run them one after another";

        private static Task Verify(string body, params DiagnosticResult[] expected)
            => VerifyCS.AnalyzerAsync(PERF601UnboundedFanOutTests.Usings + body, expected: expected);

        private static DiagnosticResult Diagnostic(string io, string collection, string finding)
            => VerifyCS.Diagnostic(Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(io, collection, finding);

        // Flagged with the shared-context message.

        [Fact]
        public Task Reports_a_repository_field_whose_implementation_queries_its_own_context() => Verify(Repositories + """
            public class Customers(ICustomerRepository repository)
            {
                private readonly ICustomerRepository _repository = repository;

                public Task<Customer?[]> Load(List<int> ids) => {|#0:Task.WhenAll(ids.Select(id => _repository.Find(id)))|};
            }
            """, Diagnostic("a call of 'Find', which runs a database query ('FirstOrDefaultAsync'),", "ids", SharedOn("_repository.db")));

        [Fact]
        public Task Reports_a_repository_held_as_a_primary_constructor_parameter() => Verify(Repositories + """
            public class Customers(ICustomerRepository customers)
            {
                public Task<Customer?[]> Load(List<int> ids) => {|#0:Task.WhenAll(ids.Select(customers.Find))|};
            }
            """, Diagnostic("a call of 'Find', which runs a database query ('FirstOrDefaultAsync'),", "ids", SharedOn("customers.db")));

        [Fact]
        public Task Reports_a_service_method_that_reaches_the_context_through_a_unit_of_work_repository() => Verify(Repositories + """
            public interface IUnitOfWork { ICustomerRepository Customers { get; } Task CommitAsync(); }

            public class UnitOfWork(ShopDb db) : IUnitOfWork
            {
                private CustomerRepository? customers;
                public ICustomerRepository Customers => customers ??= new CustomerRepository(db);
                public Task CommitAsync() => db.SaveChangesAsync();
            }

            public class GroupService(IUnitOfWork unitOfWork)
            {
                private readonly IUnitOfWork _unitOfWork = unitOfWork;

                public async Task MergeAsync(List<int> groupIds)
                {
                    var deletions = new List<Task<bool>>();
                    foreach (var id in groupIds)
                    {
                        deletions.Add(DeleteAsync(id));
                    }

                    await {|#0:Task.WhenAll(deletions)|};
                }

                public async Task<bool> DeleteAsync(int id)
                {
                    var customer = await _unitOfWork.Customers.Find(id);
                    await _unitOfWork.CommitAsync();
                    return customer != null;
                }
            }
            """, Diagnostic("a call of 'DeleteAsync', which runs a database query ('FirstOrDefaultAsync'),", "groupIds", SharedOn("_unitOfWork.Customers.db")));

        [Fact]
        public Task Reports_a_generic_repository_whose_base_class_holds_the_context() => Verify("""
            public interface IRepository<T> where T : class { Task<T?> GetById(int id); }

            public class Repository<T>(ShopDb context) : IRepository<T> where T : class
            {
                protected readonly ShopDb Context = context;
                public Task<T?> GetById(int id) => Context.Set<T>().FindAsync(id).AsTask();
            }

            public class Orders(IRepository<Order> orders)
            {
                public Task<Order?[]> Load(int[] ids) => {|#0:Task.WhenAll(ids.Select(id => orders.GetById(id)))|};
            }
            """, Diagnostic("a call of 'GetById', which runs a database query ('FindAsync'),", "ids", SharedOn("orders.Context")));

        [Fact]
        public Task Reports_a_repository_property_read_through_this() => Verify(Repositories + """
            public class Customers(ICustomerRepository customers)
            {
                protected ICustomerRepository Repository { get; } = customers;

                public Task<Customer?[]> Load(List<int> ids) => {|#0:Task.WhenAll(ids.Select(id => this.Repository.Find(id)))|};
            }
            """, Diagnostic("a call of 'Find', which runs a database query ('FirstOrDefaultAsync'),", "ids", SharedOn("this.Repository.db")));

        // Near-misses: the unbounded finding only.

        [Fact]
        public Task Keeps_the_unbounded_message_when_the_repository_creates_a_context_per_call() => Verify("""
            public interface ICustomerRepository { Task<Customer?> Find(int id); }

            public class CustomerRepository(IDbContextFactory<ShopDb> factory) : ICustomerRepository
            {
                public async Task<Customer?> Find(int id)
                {
                    await using var db = await factory.CreateDbContextAsync();
                    return await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                }
            }

            public class Customers(ICustomerRepository customers)
            {
                public Task<Customer?[]> Load(List<int> ids) => {|#0:Task.WhenAll(ids.Select(id => customers.Find(id)))|};
            }
            """, Diagnostic("a call of 'Find', which runs a database query ('FirstOrDefaultAsync'),", "ids", Unbounded));

        [Fact]
        public Task Keeps_the_unbounded_message_when_another_implementation_creates_a_context_per_call() => Verify(Repositories + """
            public class PooledCustomerRepository(IDbContextFactory<ShopDb> factory) : ICustomerRepository
            {
                public async Task<Customer?> Find(int id)
                {
                    await using var db = await factory.CreateDbContextAsync();
                    return await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                }
            }

            public class Customers(ICustomerRepository customers)
            {
                public Task<Customer?[]> Load(List<int> ids) => {|#0:Task.WhenAll(ids.Select(id => customers.Find(id)))|};
            }
            """, Diagnostic("a call of 'Find', which runs a database query ('FirstOrDefaultAsync'),", "ids", Unbounded));

        [Fact]
        public Task Keeps_the_unbounded_message_when_each_element_builds_its_own_repository() => Verify(Repositories + """
            public class Customers(IDbContextFactory<ShopDb> factory)
            {
                public Task<Customer?[]> Load(List<int> ids) => {|#0:Task.WhenAll(ids.Select(async id =>
                {
                    await using var db = await factory.CreateDbContextAsync();
                    var repository = new CustomerRepository(db);
                    return await repository.Find(id);
                }))|};
            }
            """, Diagnostic("a call of 'Find', which runs a database query ('FirstOrDefaultAsync'),", "ids", Unbounded));

        [Fact]
        public Task Keeps_the_unbounded_message_when_the_service_method_gets_its_repository_from_a_call() => Verify(Repositories + """
            public interface IRepositoryFactory { ICustomerRepository Create(); }

            public class GroupService(IRepositoryFactory repositories)
            {
                public Task<bool[]> DeleteAll(List<int> ids) => {|#0:Task.WhenAll(ids.Select(DeleteAsync))|};

                private async Task<bool> DeleteAsync(int id)
                {
                    var repository = repositories.Create();
                    return await repository.Find(id) != null;
                }
            }
            """, Diagnostic("a call of 'DeleteAsync', which runs a database query ('FirstOrDefaultAsync'),", "ids", Unbounded));

        [Fact]
        public Task Keeps_the_unbounded_message_when_the_called_method_is_given_a_repository_per_element() => Verify(Repositories + """
            public class GroupService(IDbContextFactory<ShopDb> factory)
            {
                public Task<bool[]> DeleteAll(List<int> ids) => {|#0:Task.WhenAll(ids.Select(id => DeleteAsync(id, new CustomerRepository(factory.CreateDbContext()))))|};

                private async Task<bool> DeleteAsync(int id, ICustomerRepository repository) => await repository.Find(id) != null;
            }
            """, Diagnostic("a call of 'DeleteAsync', which runs a database query ('FirstOrDefaultAsync'),", "ids", Unbounded));
    }
}
