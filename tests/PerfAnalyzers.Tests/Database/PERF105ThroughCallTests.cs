using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF105SaveChangesInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>PERF105 through a call: a loop calls a method of the application that saves the context (docs/rules/PERF105.md).</summary>
    public class PERF105ThroughCallTests
    {
        private const string OrderService = Model + """
            public interface IOrderService { Task UpdateTotal(Order order, decimal delta, CancellationToken ct); }

            public class OrderService : IOrderService
            {
                private readonly ShopDb db;
                public OrderService(ShopDb db) => this.db = db;

                public async Task UpdateTotal(Order order, decimal delta, CancellationToken ct)
                {
                    order.Total += delta;
                    await db.SaveChangesAsync(ct);
                }
            }

            public class UnitOfWork
            {
                private readonly ShopDb db;
                public UnitOfWork(ShopDb db) => this.db = db;
                public Task<int> CommitAsync(CancellationToken ct) => db.SaveChangesAsync(ct);
            }

            """;

        private const string SectionSync = Model + """
            public interface ILibraryApi { Task<List<OrderLine>> GetLines(string section, int start, int count); Task<int> Total(string section); }

            public class SectionSync
            {
                private readonly ShopDb db;
                private readonly ILibraryApi api;
                public SectionSync(ShopDb db, ILibraryApi api) { this.db = db; this.api = api; }

                public async Task SyncSection(string section, CancellationToken ct)
                {
                    var position = 0;
                    var total = await api.Total(section);
                    while (position < total)
                    {
                        var page = await api.GetLines(section, position, 150);
                        db.Lines.AddRange(page);
                        position += 150;
                    }

                    Console.WriteLine("finished " + section);
                    await db.SaveChangesAsync(ct);
                }

                public async Task ImportOrder(Order order, CancellationToken ct)
                {
                    foreach (var line in order.Lines)
                    {
                        db.Lines.Add(line);
                    }

                    await db.SaveChangesAsync(ct);
                }
            }

            """;

        // fullstackhero's audit worker: each round is a method that waits for work or the flush interval and saves a batch.
        private const string AuditWorker = Model + """
            public class AuditWorker
            {
                private readonly ShopDb db;
                private readonly System.Threading.Channels.ChannelReader<Order> reader;
                public AuditWorker(ShopDb db, System.Threading.Channels.ChannelReader<Order> reader) { this.db = db; this.reader = reader; }

                private async Task<bool> WaitingRoundAsync(List<Order> batch, CancellationToken token)
                {
                    var ready = reader.WaitToReadAsync(token).AsTask();
                    var winner = await Task.WhenAny(ready, Task.Delay(1000, token));
                    while (reader.TryRead(out var order)) batch.Add(order);
                    db.Orders.AddRange(batch);
                    await db.SaveChangesAsync(token);
                    batch.Clear();
                    return winner == ready;
                }

                private async Task<bool> DrainingRoundAsync(List<Order> batch, CancellationToken token)
                {
                    while (reader.TryRead(out var order)) batch.Add(order);
                    db.Orders.AddRange(batch);
                    await db.SaveChangesAsync(token);
                    batch.Clear();
                    return true;
                }

            """;

        // A personal-finance app's demo seeding: one save per created transaction, in a month loop that also hands the
        // month's "maxDayOffset" to a date helper (which fetches no page, so the loop is no batch loop).
        [Fact]
        public Task A_save_per_month_beside_a_date_helper_given_an_offset_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class DemoSeed
            {
                private readonly ShopDb db;
                public DemoSeed(ShopDb db) => this.db = db;

                private async Task CreateAsync(int customerId, DateOnly date)
                {
                    db.Orders.Add(new Order { CustomerId = customerId });
                    await db.SaveChangesAsync();
                }

                private static DateOnly RandomDateAfter(Random rng, DateOnly from, int maxDayOffset) => from.AddDays(rng.Next(0, maxDayOffset + 1));

                public async Task SeedAsync(int customerId, Random rng)
                {
                    var today = DateOnly.FromDateTime(DateTime.UtcNow);
                    for (var monthOffset = 5; monthOffset >= 0; monthOffset--)
                    {
                        var date = RandomDateAfter(rng, today, 27 - monthOffset);
                        await {|PERF105:CreateAsync(customerId, date)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_worker_whose_round_waits_in_a_method_of_its_own_is_not_reported() => VerifyCS.AnalyzerAsync(AuditWorker + """
                public async Task Run(CancellationToken stoppingToken)
                {
                    var batch = new List<Order>();
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await WaitingRoundAsync(batch, stoppingToken);
                    }
                }
            }
            """);

        [Fact]
        public Task A_worker_whose_round_never_waits_is_reported() => VerifyCS.AnalyzerAsync(AuditWorker + """
                public async Task Run(CancellationToken stoppingToken)
                {
                    var batch = new List<Order>();
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await {|PERF105:DrainingRoundAsync(batch, stoppingToken)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_returns_when_its_key_is_done_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Seeder
            {
                private readonly ShopDb db;
                public Seeder(ShopDb db) => this.db = db;

                public void Seed(string kind, Dictionary<string, List<Customer>> done)
                {
                    if (done.ContainsKey(kind) && done[kind].Count > 0)
                    {
                        return;
                    }

                    var created = new List<Customer> { new Customer { Name = kind } };
                    db.Customers.AddRange(created);
                    db.SaveChanges();
                    done[kind] = created;
                }
            }

            public class C
            {
                public void M(Seeder seeder, List<string> kinds, Dictionary<string, List<Customer>> done)
                {
                    foreach (var kind in kinds)
                    {
                        seeder.Seed(kind, done);
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_returns_when_its_key_is_missing_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Seeder
            {
                private readonly ShopDb db;
                public Seeder(ShopDb db) => this.db = db;

                public void Seed(string kind, Dictionary<string, List<Customer>> known)
                {
                    if (!known.ContainsKey(kind))
                    {
                        return;
                    }

                    db.Customers.Add(new Customer { Name = kind });
                    db.SaveChanges();
                }
            }

            public class C
            {
                public void M(Seeder seeder, List<string> kinds, Dictionary<string, List<Customer>> known)
                {
                    foreach (var kind in kinds)
                    {
                        {|PERF105:seeder.Seed(kind, known)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Call_that_saves_after_its_own_paged_loop_is_not_reported_per_section() => VerifyCS.AnalyzerAsync(SectionSync + """
            public class C
            {
                public async Task M(SectionSync sync, List<string> sections, CancellationToken ct)
                {
                    foreach (var section in sections)
                    {
                        await sync.SyncSection(section, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task Call_that_saves_after_a_loop_over_the_elements_lines_is_reported_per_order() => VerifyCS.AnalyzerAsync(SectionSync + """
            public class C
            {
                public async Task M(SectionSync sync, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:sync.ImportOrder(order, ct)|};
                    }
                }
            }
            """);

        private const string PlayedSync = Model + """
            public interface ILineRepository { Task AddRange(IEnumerable<OrderLine> lines); }

            public class LineRepository(ShopDb db) : ILineRepository
            {
                public async Task AddRange(IEnumerable<OrderLine> lines)
                {
                    db.Lines.AddRange(lines);
                    await db.SaveChangesAsync();
                }
            }

            public interface IPlayedApi { Task<(List<OrderLine> Items, int Total)> GetPlayed(string user, int start, int count); }

            public class PlayedSync(ILineRepository repository, IPlayedApi api)
            {
                public async Task SyncUser(string user)
                {
                    var page = await api.GetPlayed(user, 0, 300);
                    var processed = 0;
                    while (processed < page.Total)
                    {
                        processed += page.Items.Count;
                        await repository.AddRange(page.Items);
                        page = await api.GetPlayed(user, processed, 300);
                    }
                }

                public async Task SyncSection(List<OrderLine> items)
                {
                    var pending = new List<OrderLine>();
                    foreach (var item in items)
                    {
                        pending.Add(item);
                        if (pending.Count > 500)
                        {
                            await repository.AddRange(pending);
                            pending.Clear();
                        }
                    }
                }

                public async Task SyncSectionWithoutReset(List<OrderLine> items)
                {
                    var pending = new List<OrderLine>();
                    foreach (var item in items)
                    {
                        pending.Add(item);
                        await {|PERF105:repository.AddRange(pending)|};
                    }
                }
            }

            """;

        [Fact]
        public Task Call_that_saves_through_a_repository_once_per_page_of_its_own_loop_is_not_reported_per_user() => VerifyCS.AnalyzerAsync(PlayedSync + """
            public class C
            {
                public async Task M(PlayedSync sync, List<string> users)
                {
                    foreach (var user in users)
                    {
                        await sync.SyncUser(user);
                    }
                }
            }
            """);

        [Fact]
        public Task Call_that_saves_through_a_repository_as_a_periodic_flush_of_its_own_loop_is_not_reported_per_section() => VerifyCS.AnalyzerAsync(PlayedSync + """
            public class C
            {
                public async Task M(PlayedSync sync, List<List<OrderLine>> sections)
                {
                    foreach (var section in sections)
                    {
                        await sync.SyncSection(section);
                    }
                }
            }
            """);

        [Fact]
        public Task Call_that_saves_through_a_repository_per_element_of_its_own_loop_is_reported_per_section() => VerifyCS.AnalyzerAsync(PlayedSync + """
            public class C
            {
                public async Task M(PlayedSync sync, List<List<OrderLine>> sections)
                {
                    foreach (var section in sections)
                    {
                        await {|PERF105:sync.SyncSectionWithoutReset(section)|};
                    }
                }
            }
            """);

        // OpenBudgeteer's repositories: one generic interface, an extending interface per entity, and one repository that
        // does not support the call for its entity.
        private const string RepositoriesPerEntity = Model + """
            public interface IBaseRepository<T> { void Update(T entity); }
            public interface IOrderRepository : IBaseRepository<Order> { }
            public interface ILineRepository : IBaseRepository<OrderLine> { }

            public class OrderRepository(ShopDb db) : IOrderRepository
            {
                public void Update(Order entity) { db.Update(entity); db.SaveChanges(); }
            }

            public class LineRepository : ILineRepository
            {
                public void Update(OrderLine entity) => throw new NotSupportedException("Lines are written with their order");
            }

            """;

        [Fact]
        public Task A_save_through_an_entitys_repository_is_reported_when_another_entitys_repository_does_not_save() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class C
            {
                public void M(IOrderRepository orders, List<Order> changed)
                {
                    foreach (var order in changed)
                    {
                        {|PERF105:orders.Update(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_through_the_repository_of_an_entity_whose_implementation_does_not_save_is_not_reported() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class C
            {
                public void M(ILineRepository lines, List<OrderLine> changed)
                {
                    foreach (var line in changed)
                    {
                        lines.Update(line);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_through_the_generic_interface_in_a_generic_service_is_not_reported_when_one_implementation_does_not_save() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class Service<T>(IBaseRepository<T> repository)
            {
                public void UpdateAll(List<T> changed)
                {
                    foreach (var entity in changed)
                    {
                        repository.Update(entity);
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_through_a_generic_repository_class_is_reported_for_an_entity_it_serves() => VerifyCS.AnalyzerAsync(Model + """
            public interface IBaseRepository<T> { void Update(T entity); }
            public interface IOrderRepository : IBaseRepository<Order> { }
            public interface ILineRepository : IBaseRepository<OrderLine> { }

            public class EfRepository<T>(ShopDb db) : IBaseRepository<T> where T : class
            {
                public void Update(T entity) { db.Update(entity); db.SaveChanges(); }
            }

            public class OrderRepository(ShopDb db) : EfRepository<Order>(db), IOrderRepository { }

            public class LineRepository : ILineRepository
            {
                public void Update(OrderLine entity) => throw new NotSupportedException();
            }

            public class C
            {
                public void M(IOrderRepository orders, List<Order> changed)
                {
                    foreach (var order in changed)
                    {
                        {|PERF105:orders.Update(order)|};
                    }
                }
            }
            """);

        // FluentCMS's caching repositories decorate the EF ones (Scrutor's Decorate): writes are handed on, reads answered
        // from the cache.
        private const string DecoratedRepositories = Model + """
            public interface IRepository<T> { Task<T> Create(T entity); Task<List<T>> GetAll(); }
            public interface ILineRepository : IRepository<OrderLine> { }

            public class EfRepository<T>(ShopDb db) : IRepository<T> where T : class
            {
                public async Task<T> Create(T entity) { db.Add(entity); await db.SaveChangesAsync(); return entity; }
                public Task<List<T>> GetAll() => db.Set<T>().ToListAsync();
            }

            public class LineRepository(ShopDb db) : EfRepository<OrderLine>(db), ILineRepository { }

            public abstract class CachingRepository<T>(IRepository<T> inner, Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : IRepository<T>
            {
                public async Task<T> Create(T entity)
                {
                    var created = await inner.Create(entity);
                    cache.Remove(typeof(T).Name);
                    return created;
                }

                public async Task<List<T>> GetAll()
                {
                    if (Microsoft.Extensions.Caching.Memory.CacheExtensions.TryGetValue(cache, typeof(T).Name, out List<T>? cached) && cached != null)
                    {
                        return cached;
                    }

                    var all = await inner.GetAll();
                    Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, typeof(T).Name, all, System.TimeSpan.FromMinutes(5));
                    return all;
                }
            }

            public class CachingLineRepository(ILineRepository inner, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
                : CachingRepository<OrderLine>(inner, cache), ILineRepository { }

            """;

        [Fact]
        public Task A_save_handed_on_by_a_decorator_is_reported() => VerifyCS.AnalyzerAsync(DecoratedRepositories + """
            public class C
            {
                public async Task M(ILineRepository lines, List<OrderLine> added)
                {
                    foreach (var line in added)
                    {
                        await {|PERF105:lines.Create(line)|};
                    }
                }
            }
            """);

        // The answer must not depend on which call the compiler summarises first: the decorator called directly, then
        // through the interface, and the other way round (an order dependence found in FluentCMS).
        [Fact]
        public Task A_save_handed_on_by_a_decorator_is_reported_whichever_call_comes_first() => VerifyCS.AnalyzerAsync(DecoratedRepositories + """
            public class DecoratorFirst
            {
                public async Task M(CachingLineRepository caching, ILineRepository lines, List<OrderLine> added)
                {
                    foreach (var line in added)
                    {
                        await {|PERF105:caching.Create(line)|};
                    }

                    foreach (var line in added)
                    {
                        await {|PERF105:lines.Create(line)|};
                    }
                }
            }

            public class InterfaceFirst
            {
                public async Task M(CachingLineRepository caching, ILineRepository lines, List<OrderLine> added)
                {
                    foreach (var line in added)
                    {
                        await {|PERF105:lines.Create(line)|};
                    }

                    foreach (var line in added)
                    {
                        await {|PERF105:caching.Create(line)|};
                    }
                }
            }
            """);

        private const string FlaggedSaves = Model + """
            public interface ILineRepository
            {
                Task AddRange(IEnumerable<OrderLine> lines, bool save = true);
                Task Add(OrderLine line, bool deferSave = false);
                Task Replace(OrderLine line, bool save = true);
            }

            public class LineRepository(ShopDb db) : ILineRepository
            {
                public async Task AddRange(IEnumerable<OrderLine> lines, bool save = true)
                {
                    db.Lines.AddRange(lines);
                    if (save)
                    {
                        await db.SaveChangesAsync();
                    }
                }

                public async Task Add(OrderLine line, bool deferSave = false)
                {
                    db.Lines.Add(line);
                    if (!deferSave) await db.SaveChangesAsync();
                }

                public async Task Replace(OrderLine line, bool save = true)
                {
                    db.Lines.Update(line);
                    if (save) await db.SaveChangesAsync();
                    await db.SaveChangesAsync();
                }
            }

            """;

        [Fact]
        public Task A_call_that_turns_the_save_off_with_a_constant_is_not_reported() => VerifyCS.AnalyzerAsync(FlaggedSaves + """
            public class C
            {
                public async Task M(ILineRepository repository, List<List<OrderLine>> batches)
                {
                    foreach (var batch in batches)
                    {
                        await repository.AddRange(batch, false);
                        await repository.AddRange(batch, save: false);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_that_defers_a_negated_save_flag_is_not_reported() => VerifyCS.AnalyzerAsync(FlaggedSaves + """
            public class C
            {
                public async Task M(ILineRepository repository, List<OrderLine> lines)
                {
                    foreach (var line in lines)
                    {
                        await repository.Add(line, deferSave: true);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_that_leaves_the_save_flag_at_its_default_is_reported() => VerifyCS.AnalyzerAsync(FlaggedSaves + """
            public class C
            {
                public async Task M(ILineRepository repository, List<List<OrderLine>> batches, List<OrderLine> lines)
                {
                    foreach (var batch in batches)
                    {
                        await {|PERF105:repository.AddRange(batch)|};
                    }

                    foreach (var line in lines)
                    {
                        await {|PERF105:repository.Add(line)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_that_turns_the_save_on_or_passes_a_variable_is_reported() => VerifyCS.AnalyzerAsync(FlaggedSaves + """
            public class C
            {
                public async Task M(ILineRepository repository, List<List<OrderLine>> batches, bool save)
                {
                    foreach (var batch in batches)
                    {
                        await {|PERF105:repository.AddRange(batch, true)|};
                        await {|PERF105:repository.AddRange(batch, save)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_whose_method_also_saves_outside_the_flag_is_reported() => VerifyCS.AnalyzerAsync(FlaggedSaves + """
            public class C
            {
                public async Task M(ILineRepository repository, List<OrderLine> lines)
                {
                    foreach (var line in lines)
                    {
                        await {|PERF105:repository.Replace(line, false)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_whose_branch_sets_the_flag_the_loop_leaves_on_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, Order order, List<decimal> deltas, CancellationToken ct)
                {
                    var saved = false;
                    foreach (var delta in deltas)
                    {
                        if (saved)
                        {
                            break;
                        }

                        if (delta > 0)
                        {
                            saved = true;
                            await service.UpdateTotal(order, delta, ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_beside_a_flag_the_loop_does_not_leave_on_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, Order order, List<decimal> deltas, CancellationToken ct)
                {
                    var saved = false;
                    foreach (var delta in deltas)
                    {
                        if (saved)
                        {
                            Console.WriteLine("again");
                        }

                        if (delta > 0)
                        {
                            saved = true;
                            await {|PERF105:service.UpdateTotal(order, delta, ct)|};
                        }
                    }
                }
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Call_of_a_service_method_that_saves_is_reported_at_the_call() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:service.UpdateTotal(order, 1, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_implementations_save_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(IOrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:service.UpdateTotal(order, 1, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_unit_of_work_commit_per_element_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(ShopDb db, UnitOfWork unitOfWork, List<Customer> imported, CancellationToken ct)
                {
                    foreach (var customer in imported)
                    {
                        db.Customers.Add(customer);
                        await {|PERF105:unitOfWork.CommitAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_two_calls_down_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class Importer
            {
                private readonly UnitOfWork unitOfWork;
                public Importer(UnitOfWork unitOfWork) => this.unitOfWork = unitOfWork;
                public Task Import(Customer customer, CancellationToken ct) => unitOfWork.CommitAsync(ct);
            }

            public class C
            {
                public async Task M(Importer importer, List<Customer> imported, CancellationToken ct)
                {
                    for (var i = 0; i < imported.Count; i++)
                    {
                        await {|PERF105:importer.Import(imported[i], ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_in_a_per_element_lambda_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public void M(OrderService service, List<Order> orders)
                {
                    orders.ForEach(order => {|PERF105:service.UpdateTotal(order, 1, CancellationToken.None)|}.Wait());
                }
            }
            """);

        [Fact]
        public Task A_method_that_reads_and_saves_is_reported_for_its_save()
            => VerifyCS.AnalyzerAsync(ReadAndSaveInLoop("{|PERF105:stock.Reserve(item.Id, ct)|}"));

        [Fact]
        public async Task Message_names_the_path_to_the_save()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class Importer
                {
                    private readonly ShopDb db;
                    public Importer(ShopDb db) => this.db = db;
                    public void Import(Customer customer) { db.Customers.Add(customer); Commit(); }
                    private void Commit() => db.SaveChanges();
                }

                public class C
                {
                    public void M(Importer importer, List<Customer> imported)
                    {
                        foreach (var customer in imported)
                        {
                            importer.Import(customer);
                        }
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF105SaveChangesInLoop)
                .WithSpan(31, 13, 31, 38)
                .WithArguments("Import", "('Commit' → 'SaveChanges') on each iteration of the loop over 'customer'",
                    "give 'Import' a form that leaves the save to the caller, or takes the whole batch, and save once after the loop"));
            await test.RunAsync();
        }

        // Ombi's metadata refresh: a repository's own SaveChangesAsync per element is the save itself, to be called once.
        [Fact]
        public async Task Message_tells_to_call_a_unit_of_work_save_once_after_the_loop()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, OrderService + """
                public class C
                {
                    public async Task M(ShopDb db, UnitOfWork unitOfWork, List<Customer> imported, CancellationToken ct)
                    {
                        foreach (var customer in imported)
                        {
                            db.Customers.Add(customer);
                            await unitOfWork.CommitAsync(ct);
                        }
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF105SaveChangesInLoop)
                .WithSpan(44, 19, 44, 45)
                .WithArguments("CommitAsync", "('SaveChangesAsync') on each iteration of the loop over 'customer'",
                    "make the changes in the loop and call 'CommitAsync' once after it"));
            await test.RunAsync();
        }

        [Fact]
        public Task Fix_moves_a_unit_of_work_save_after_the_loop() => VerifyFix.CodeFixAsync(OrderService + """
            public class C
            {
                public async Task M(ShopDb db, UnitOfWork unitOfWork, List<Customer> imported, CancellationToken ct)
                {
                    foreach (var customer in imported)
                    {
                        db.Customers.Add(customer);
                        await {|PERF105:unitOfWork.CommitAsync(ct)|};
                    }
                }
            }
            """, OrderService + """
            public class C
            {
                public async Task M(ShopDb db, UnitOfWork unitOfWork, List<Customer> imported, CancellationToken ct)
                {
                    foreach (var customer in imported)
                    {
                        db.Customers.Add(customer);
                    }
                    await unitOfWork.CommitAsync(ct);
                }
            }
            """);

        [Fact]
        public Task No_fix_moves_a_unit_of_work_save_when_the_loop_reads_what_it_saved() => VerifyFix.NoCodeFixAsync(OrderService + """
            public class C
            {
                public async Task M(ShopDb db, UnitOfWork unitOfWork, List<Customer> imported, CancellationToken ct)
                {
                    foreach (var customer in imported)
                    {
                        if (!await db.Customers.AnyAsync(c => c.Name == customer.Name, ct))
                        {
                            db.Customers.Add(customer);
                        }

                        await {|PERF105:unitOfWork.CommitAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_is_offered_for_a_save_through_a_call() => VerifyFix.NoCodeFixAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:service.UpdateTotal(order, 1, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_through_the_applications_own_context_interface() => VerifyCS.AnalyzerAsync(Model + """
            public interface IShopDb
            {
                DbSet<Order> Orders { get; }
                Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
            }

            public class AppDb : DbContext, IShopDb
            {
                public DbSet<Order> Orders => Set<Order>();
            }

            public class C
            {
                public async Task M(IShopDb db, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        // ---- Not flagged ----

        // Inflow's outbox processors: each registered outbox saves its own module's context (docs/concepts.md#loop-exclusions, 13).
        [Fact]
        public Task A_save_in_each_service_registered_for_an_abstraction_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IOutbox { Task CleanupAsync(); }

            public class EfOutbox(ShopDb db) : IOutbox
            {
                public async Task CleanupAsync()
                {
                    db.Orders.RemoveRange(db.Orders.Where(o => o.Total == 0));
                    await db.SaveChangesAsync();
                }
            }

            public class OutboxProcessor(IServiceProvider services)
            {
                public async Task RunAsync(List<IOutbox> given)
                {
                    foreach (var outbox in Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IOutbox>(services))
                    {
                        await outbox.CleanupAsync();
                    }

                    foreach (var outbox in given)
                    {
                        await {|PERF105:outbox.CleanupAsync()|};
                    }
                }
            }
            """);


        // Jellyfin's password-reset providers: the registered services copied into a read-only collection field.
        [Fact]
        public Task A_save_in_each_registered_service_kept_in_a_copied_field_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IResetProvider { Task<bool> RedeemAsync(string pin); }

            public class EfResetProvider(ShopDb db) : IResetProvider
            {
                public async Task<bool> RedeemAsync(string pin)
                {
                    db.Customers.Add(new Customer { Name = pin });
                    await db.SaveChangesAsync();
                    return true;
                }
            }

            public class Users
            {
                private readonly IReadOnlyCollection<IResetProvider> _providers;

                public Users(IEnumerable<IResetProvider> providers) => _providers = providers.ToList();

                public async Task<bool> RedeemAsync(string pin)
                {
                    foreach (var provider in _providers)
                    {
                        if (await provider.RedeemAsync(pin))
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            // A list handed in by the caller: any number of elements, not the container's registrations.
            public class Batch
            {
                private readonly List<IResetProvider> _given;

                public Batch(List<IResetProvider> given) => _given = given;

                public async Task RedeemAllAsync(string pin)
                {
                    foreach (var provider in _given)
                    {
                        await {|PERF105:provider.RedeemAsync(pin)|};
                    }
                }
            }
            """);

        // Oqtane's upgrade: one step per version, each case a mode the caller chooses.
        [Fact]
        public Task A_save_in_one_case_of_a_switch_on_a_parameter_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Upgrades(ShopDb db)
            {
                public void Upgrade(string version)
                {
                    switch (version)
                    {
                        case "3.1.3":
                            db.Customers.Add(new Customer { Name = "Unauthenticated" });
                            db.SaveChanges();
                            break;
                    }
                }

                public void UpgradeAll(string[] versions)
                {
                    foreach (var version in versions)
                    {
                        Upgrade(version);
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_in_a_case_of_a_switch_on_a_member_of_the_argument_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Imports(ShopDb db)
            {
                public void Import(Order order)
                {
                    switch (order.CustomerId)
                    {
                        case 0:
                            db.Orders.Add(order);
                            db.SaveChanges();
                            break;
                    }
                }

                public void ImportAll(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        {|PERF105:Import(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_under_an_options_check_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class ImportOptions { public bool SaveEachOrder { get; set; } }

            public class Imports
            {
                private readonly ShopDb db;
                private readonly Microsoft.Extensions.Options.IOptions<ImportOptions> options;
                public Imports(ShopDb db, Microsoft.Extensions.Options.IOptions<ImportOptions> options) { this.db = db; this.options = options; }

                public void Import(Order order)
                {
                    db.Orders.Add(order);
                    if (options.Value.SaveEachOrder)
                    {
                        db.SaveChanges();
                    }
                }

                public void ImportAll(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        {|PERF105:Import(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_under_a_first_call_flag_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Imports
            {
                private readonly ShopDb db;
                private bool seeded;
                public Imports(ShopDb db) => this.db = db;

                public void Import(Order order)
                {
                    if (!seeded)
                    {
                        db.Customers.Add(new Customer { Name = "Default" });
                        db.SaveChanges();
                        seeded = true;
                    }
                }

                public void ImportAll(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        Import(order);
                    }
                }
            }
            """);

        [Fact]
        public Task A_commit_every_hundred_elements_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(UnitOfWork unitOfWork, List<Order> orders, CancellationToken ct)
                {
                    var changed = 0;
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        if (++changed >= 100)
                        {
                            await unitOfWork.CommitAsync(ct);
                            changed = 0;
                        }
                    }

                    await unitOfWork.CommitAsync(ct);
                }
            }
            """);

        [Fact]
        public Task A_commit_per_element_under_a_flag_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(UnitOfWork unitOfWork, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        var changed = order.Total > 0;
                        if (changed)
                        {
                            order.Total += 1;
                            await {|PERF105:unitOfWork.CommitAsync(ct)|};
                            changed = false;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_only_changes_entities_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Pricing
            {
                public void Apply(Order order, decimal delta) => order.Total += delta;
            }

            public class C
            {
                public void M(ShopDb db, Pricing pricing, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        pricing.Apply(order, 1);
                    }

                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task A_saving_call_outside_the_loop_body_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(UnitOfWork unitOfWork, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }

                    await unitOfWork.CommitAsync(ct);
                }
            }
            """);

        [Fact]
        public Task A_call_isolated_per_element_by_a_try_catch_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await service.UpdateTotal(order, 1, ct);
                        }
                        catch (DbUpdateException)
                        {
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_in_the_catch_of_a_per_element_try_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, List<Order> orders, Func<Order, Task> publish, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await publish(order);
                        }
                        catch (InvalidOperationException)
                        {
                            await service.UpdateTotal(order, 0, ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_isolates_its_save_in_a_try_catch_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Inbox
            {
                private readonly ShopDb db;
                public Inbox(ShopDb db) => this.db = db;

                public async Task MarkProcessed(Order order, CancellationToken ct)
                {
                    order.Total += 0;
                    try
                    {
                        await db.SaveChangesAsync(ct);
                    }
                    catch (DbUpdateException)
                    {
                        // Another instance recorded it first.
                    }
                }
            }

            public class C
            {
                public async Task M(Inbox inbox, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await inbox.MarkProcessed(order, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_retries_its_save_until_a_flag_is_set_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Repository
            {
                private readonly ShopDb db;
                public Repository(ShopDb db) => this.db = db;

                public async Task SaveAsync(CancellationToken ct)
                {
                    var saved = false;
                    var retry = 0;
                    while (!saved && retry++ < 3)
                    {
                        try
                        {
                            await db.SaveChangesAsync(ct);
                            saved = true;
                        }
                        catch (DbUpdateConcurrencyException e)
                        {
                            foreach (var entry in e.Entries)
                                await entry.ReloadAsync(ct);
                        }
                    }
                }
            }

            public class C
            {
                public async Task M(ShopDb db, Repository repository, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        db.Orders.Add(order);
                        await {|PERF105:repository.SaveAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_retries_its_save_until_it_breaks_out_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Repository
            {
                private readonly ShopDb db;
                public Repository(ShopDb db) => this.db = db;

                public void Save()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            db.SaveChanges();
                            break;
                        }
                        catch (DbUpdateConcurrencyException)
                        {
                        }
                    }
                }
            }

            public class C
            {
                public void M(Repository repository, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        {|PERF105:repository.Save()|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_isolates_each_save_of_its_own_loop_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Inbox
            {
                private readonly ShopDb db;
                public Inbox(ShopDb db) => this.db = db;

                public async Task MarkProcessed(Order order, CancellationToken ct)
                {
                    var attempts = 0;
                    while (attempts++ < 3)
                    {
                        order.Total += 0;
                        try
                        {
                            await db.SaveChangesAsync(ct);
                        }
                        catch (DbUpdateException)
                        {
                            // Another instance recorded it first.
                        }
                    }
                }
            }

            public class C
            {
                public async Task M(Inbox inbox, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await inbox.MarkProcessed(order, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_saves_after_a_try_catch_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Importer
            {
                private readonly ShopDb db;
                public Importer(ShopDb db) => this.db = db;

                public async Task Import(Order order, CancellationToken ct)
                {
                    try
                    {
                        order.Total = decimal.Parse("1");
                    }
                    catch (FormatException)
                    {
                        order.Total = 0;
                    }

                    await db.SaveChangesAsync(ct);
                }
            }

            public class C
            {
                public async Task M(Importer importer, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:importer.Import(order, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_per_batch_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(ShopDb db, UnitOfWork unitOfWork, List<Customer> imported, CancellationToken ct)
                {
                    foreach (var batch in imported.Chunk(500))
                    {
                        db.Customers.AddRange(batch);
                        await unitOfWork.CommitAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_loop_that_returns_after_the_call_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(OrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        if (order.Total < 0)
                        {
                            await service.UpdateTotal(order, 1, ct);
                            return;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_saves_only_on_its_first_call_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Seeder
            {
                private readonly ShopDb db;
                private bool seeded;
                public Seeder(ShopDb db) => this.db = db;

                public void EnsureSeeded()
                {
                    if (!seeded)
                    {
                        db.SaveChanges();
                        seeded = true;
                    }
                }
            }

            public class C
            {
                public void M(Seeder seeder, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        seeder.EnsureSeeded();
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_saves_only_in_a_lambda_it_returns_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Deferred
            {
                private readonly ShopDb db;
                public Deferred(ShopDb db) => this.db = db;
                public Func<int> Later() => () => db.SaveChanges();
            }

            public class C
            {
                public void M(Deferred deferred, List<Order> orders)
                {
                    var saves = new List<Func<int>>();
                    foreach (var order in orders)
                    {
                        saves.Add(deferred.Later());
                    }
                }
            }
            """);

        [Fact]
        public Task An_interface_with_an_implementation_that_does_not_save_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class InMemoryOrderService : IOrderService
            {
                public Task UpdateTotal(Order order, decimal delta, CancellationToken ct)
                {
                    order.Total += delta;
                    return Task.CompletedTask;
                }
            }

            public class C
            {
                public async Task M(IOrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await service.UpdateTotal(order, 1, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task An_interface_whose_other_implementation_is_a_mock_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class MockOrderService : IOrderService
            {
                public Task UpdateTotal(Order order, decimal delta, CancellationToken ct) => Task.CompletedTask;
            }

            public class C
            {
                public async Task M(IOrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:service.UpdateTotal(order, 1, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_loop_with_a_transaction_per_element_is_not_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public async Task M(ShopDb db, OrderService service, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync(ct);
                        await service.UpdateTotal(order, 1, ct);
                        await transaction.CommitAsync(ct);
                    }
                }
            }
            """);

        private const string PagedRepository = OrderService + """
            public class PageParams { public int PageNumber { get; set; } public int PageSize { get; set; } }

            public class OrderRepository
            {
                private readonly ShopDb db;
                public OrderRepository(ShopDb db) => this.db = db;

                public Task<List<Order>> GetPage(int customerId, PageParams page, CancellationToken ct)
                    => db.Orders.Where(o => o.CustomerId == customerId).OrderBy(o => o.Id)
                        .Skip((page.PageNumber - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct);

                public Task<List<Order>> GetBatch(int batch, CancellationToken ct)
                    => db.Orders.OrderBy(o => o.Id).Skip(batch * 100).Take(100).ToListAsync(ct);

                public Task<List<Order>> GetForCustomer(int customerId, CancellationToken ct)
                    => db.Orders.Where(o => o.CustomerId == customerId).ToListAsync(ct);
            }

            """;

        [Fact]
        public Task A_save_per_page_loaded_through_a_repository_is_not_reported() => VerifyCS.AnalyzerAsync(PagedRepository + """
            public class C
            {
                public async Task M(OrderRepository orders, UnitOfWork unitOfWork, int pages, CancellationToken ct)
                {
                    for (var chunk = 1; chunk <= pages; chunk++)
                    {
                        var page = await orders.GetPage(7, new PageParams { PageNumber = chunk, PageSize = 50 }, ct);
                        foreach (var order in page)
                        {
                            order.Total += 1;
                        }

                        await unitOfWork.CommitAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_per_batch_number_passed_to_a_repository_is_not_reported() => VerifyCS.AnalyzerAsync(PagedRepository + """
            public class C
            {
                public async Task M(OrderRepository orders, ShopDb db, int batches, CancellationToken ct)
                {
                    for (var i = 0; i < batches; i++)
                    {
                        foreach (var order in await orders.GetBatch(i, ct))
                        {
                            order.Total += 1;
                        }

                        await db.SaveChangesAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_per_page_of_a_paging_helper_is_not_reported() => VerifyCS.AnalyzerAsync(PagedRepository + """
            public static class Paged
            {
                public static Task<List<T>> CreateAsync<T>(IQueryable<T> source, int pageNumber, int pageSize, CancellationToken ct)
                    => source.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            }

            public class C
            {
                public async Task M(ShopDb db, int pages, CancellationToken ct)
                {
                    for (var page = 1; page <= pages; page++)
                    {
                        foreach (var order in await Paged.CreateAsync(db.Orders.OrderBy(o => o.Id), page, 100, ct))
                        {
                            order.Total += 1;
                        }

                        await db.SaveChangesAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_per_customer_whose_orders_a_repository_loads_is_reported() => VerifyCS.AnalyzerAsync(PagedRepository + """
            public class C
            {
                public async Task M(OrderRepository orders, ShopDb db, List<int> customerIds, CancellationToken ct)
                {
                    foreach (var customerId in customerIds)
                    {
                        foreach (var order in await orders.GetForCustomer(customerId, ct))
                        {
                            order.Total += 1;
                        }

                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_page_size_from_the_loop_is_not_a_page() => VerifyCS.AnalyzerAsync(PagedRepository + """
            public class C
            {
                public async Task M(OrderRepository orders, ShopDb db, List<int> sizes, CancellationToken ct)
                {
                    foreach (var size in sizes)
                    {
                        var page = await orders.GetPage(7, new PageParams { PageNumber = 1, PageSize = size }, ct);
                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_disabled_by_an_early_return_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class ReviewSync
            {
                private readonly ShopDb db;
                public ReviewSync(ShopDb db) => this.db = db;

                public async Task Push(Order order, CancellationToken ct)
                {
                    return;
                    order.Total += 1;
                    await db.SaveChangesAsync(ct);
                }
            }

            public class C
            {
                public async Task M(ReviewSync sync, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await sync.Push(order, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_saves_before_it_returns_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class ReviewSync
            {
                private readonly ShopDb db;
                public ReviewSync(ShopDb db) => this.db = db;

                public async Task<bool> Push(Order order, CancellationToken ct)
                {
                    if (order.Total < 0)
                    {
                        return false;
                    }

                    order.Total += 1;
                    await db.SaveChangesAsync(ct);
                    return true;
                }
            }

            public class C
            {
                public async Task M(ReviewSync sync, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF105:sync.Push(order, ct)|};
                    }
                }
            }
            """);
    
        [Fact]
        public Task A_save_per_element_through_a_method_taking_a_page_key_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class PageModules
            {
                private readonly ShopDb db;
                public PageModules(ShopDb db) => this.db = db;

                public void DeletePageModule(int pageModuleId)
                {
                    var line = db.Lines.Find(pageModuleId);
                    db.Lines.Remove(line!);
                    db.SaveChanges();
                }
            }

            public class PageLink { public int Id { get; set; } public int PageId { get; set; } }

            public class PageLinks
            {
                private readonly ShopDb db;
                public PageLinks(ShopDb db) => this.db = db;

                public void Add(PageLink link)
                {
                    db.Add(link);
                    db.SaveChanges();
                }
            }

            public class C
            {
                public void M(PageModules modules, PageLinks links, List<OrderLine> pageModules)
                {
                    foreach (var pageModule in pageModules)
                    {
                        {|PERF105:modules.DeletePageModule(pageModule.Id)|};
                    }

                    foreach (var page in pageModules)
                    {
                        {|PERF105:links.Add(new PageLink { PageId = page.Id })|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_per_batch_drained_until_the_loop_condition_sees_an_empty_one_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Purge
            {
                public int Run(ShopDb db)
                {
                    var count = 0;
                    var batch = db.Orders.Where(o => o.Total < 0).OrderBy(o => o.Id).Take(100).ToList();
                    while (batch.Count > 0)
                    {
                        count += batch.Count;
                        db.Orders.RemoveRange(batch);
                        db.SaveChanges();
                        batch = db.Orders.Where(o => o.Total < 0).OrderBy(o => o.Id).Take(100).ToList();
                    }

                    return count;
                }
            }
            """);

        [Fact]
        public Task A_call_per_customer_to_a_method_that_saves_once_per_drained_batch_is_not_reported() => VerifyCS.AnalyzerAsync(SitePurge + """
            public class PurgeJob
            {
                public void Run(OrderPurge purge, List<int> customerIds)
                {
                    foreach (var id in customerIds)
                    {
                        purge.Purge(id, 0m);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_per_customer_to_a_method_that_saves_once_per_call_is_reported() => VerifyCS.AnalyzerAsync(SitePurge + """
            public class PurgeJob
            {
                public void Run(OrderPurge purge, List<int> customerIds)
                {
                    foreach (var id in customerIds)
                    {
                        {|PERF105:purge.Close(id)|};
                    }
                }
            }
            """);

        // ---- A flush guarded by "anything pending?" after a loop that flushes the same way (Jellyfin's audio normalisation) ----

        private const string BatchService = Model + """
            public class BatchService
            {
                private readonly ShopDb db;
                public BatchService(ShopDb db) => this.db = db;
                public async Task SaveAll(List<Order> items, CancellationToken ct) { db.Orders.UpdateRange(items); await db.SaveChangesAsync(ct); }
            }

            """;

        [Theory]
        [InlineData("if (pending.Count > 0) { await service.SaveAll(pending, ct); }")]
        [InlineData("if (pending.Count > 0) await service.SaveAll(pending, ct);")]
        public Task A_guarded_closing_flush_through_a_call_is_not_reported(string closingFlush) => VerifyCS.AnalyzerAsync(BatchService + $$"""
            public class C
            {
                public async Task M(BatchService service, List<List<Order>> libraries, CancellationToken ct)
                {
                    foreach (var library in libraries)
                    {
                        var pending = new List<Order>();
                        foreach (var item in library)
                        {
                            pending.Add(item);
                            if (pending.Count >= 100)
                            {
                                await service.SaveAll(pending, ct);
                                pending.Clear();
                            }
                        }

                        {{closingFlush}}
                    }
                }
            }
            """);

        // ---- A method passed by name to a per-element operator (docs/rules/PERF105.md, "Through a call") ----

        private const string Archiver = Model + """
            public class Archiver
            {
                private readonly ShopDb db;
                public Archiver(ShopDb db) => this.db = db;

                public void ArchiveAll(List<Order> orders) => orders.ForEach({|#0:Archive|});

                public void ArchiveBatches(List<Order> orders) => orders.Chunk(200).ToList().ForEach(ArchiveBatch);

                public void PrintAll(List<Order> orders) => orders.ForEach(Print);

                private void Archive(Order order)
                {
                    order.Total = 0;
                    db.SaveChanges();
                }

                private void ArchiveBatch(Order[] batch)
                {
                    foreach (var order in batch)
                    {
                        order.Total = 0;
                    }

                    db.SaveChanges();
                }

                private static void Print(Order order) => Console.WriteLine(order.Id);
            }

            """;

        [Fact]
        public Task A_method_passed_to_foreach_that_saves_is_reported_at_its_name() => VerifyCS.AnalyzerAsync(Archiver,
            expected: VerifyCS.Diagnostic(Descriptors.PERF105SaveChangesInLoop).WithLocation(0).WithArguments(
                "Archive",
                "('SaveChanges') for each 'order' passed to 'ForEach'",
                "give 'Archive' a form that leaves the save to the caller, or takes the whole batch, and save once after the loop"));

        [Fact]
        public Task A_method_passed_to_select_through_an_interface_that_saves_is_reported() => VerifyCS.AnalyzerAsync(OrderService + """
            public class C
            {
                public Task M(IOrderService service, List<Order> orders, CancellationToken ct)
                    => Task.WhenAll(orders.Select(o => o).Select(SaveOne(service, ct)));

                private static Func<Order, Task> SaveOne(IOrderService service, CancellationToken ct) => o => service.UpdateTotal(o, 1, ct);
            }

            public class D
            {
                private readonly IOrderService service;
                public D(IOrderService service) => this.service = service;

                public Task M(List<Order> orders) => Task.WhenAll(orders.Select({|PERF105:Update|}));

                private Task Update(Order order) => service.UpdateTotal(order, 1, CancellationToken.None);
            }
            """);

        [Fact]
        public Task A_method_passed_by_name_that_saves_nothing_or_saves_per_batch_is_not_reported() => VerifyCS.AnalyzerAsync(
            Archiver.Replace("{|#0:Archive|}", "Print"));

        [Fact]
        public Task A_local_function_passed_by_name_is_read_as_the_loop_itself() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    orders.ForEach(Archive);

                    void Archive(Order order)
                    {
                        order.Total = 0;
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_is_offered_for_a_method_passed_by_name() => VerifyFix.NoCodeFixAsync(Archiver.Replace("{|#0:Archive|}", "{|PERF105:Archive|}"));

        [Fact]
        public Task A_guarded_save_through_a_call_after_a_loop_that_does_not_flush_is_reported() => VerifyCS.AnalyzerAsync(BatchService + """
            public class C
            {
                public async Task M(BatchService service, List<List<Order>> libraries, CancellationToken ct)
                {
                    foreach (var library in libraries)
                    {
                        var pending = new List<Order>();
                        foreach (var item in library)
                        {
                            pending.Add(item);
                        }

                        if (pending.Count > 0)
                        {
                            await {|PERF105:service.SaveAll(pending, ct)|};
                        }
                    }
                }
            }
            """);
    }
}
