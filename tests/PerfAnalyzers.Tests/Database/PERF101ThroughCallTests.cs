using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>PERF101 through a call: a loop calls a method of the application that runs a query (docs/rules/PERF101.md).</summary>
    public class PERF101ThroughCallTests
    {
        private const string TaxService = Model + """
            public interface ITaxService { Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct); }

            public class TaxService : ITaxService
            {
                private readonly ShopDb db;
                public TaxService(ShopDb db) => this.db = db;

                public async Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct)
                {
                    var line = await db.Lines.FirstOrDefaultAsync(l => l.Id == taxClassId, ct);
                    return line?.Quantity ?? 0;
                }
            }

            """;

        private const string Repository = Model + """
            public class OrderRepository
            {
                private readonly ShopDb db;
                public OrderRepository(ShopDb db) => this.db = db;

                public Task<List<Order>> GetPageAsync(int startIndex, int limit)
                    => db.Orders.OrderBy(o => o.Id).Skip(startIndex).Take(limit).ToListAsync();

                public Task DeleteAsync(int[] ids)
                    => db.Orders.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync();

                public Task<Order?> FindAsync(int id) => db.Orders.FirstOrDefaultAsync(o => o.Id == id);

                public Task<Order?> FindAtAsync(int id, TimeSpan offset) => db.Orders.FirstOrDefaultAsync(o => o.Id == id + offset.Seconds);

                public Task<List<Order>> ReadNextPageAsync() => db.Orders.Take(100).ToListAsync();
            }

            """;

        // ---- Flagged ----

        // Librum-Server's book deletion: the repository loads each book's collections explicitly before removing it.
        // Ombi's availability checks hand each request's episode query to a method that enumerates it.
        private const string EpisodeCheck = Model + """
            public static class LineCheck
            {
                public static int Count(IQueryable<OrderLine> lines)
                {
                    var count = 0;
                    foreach (var line in lines)
                    {
                        count += line.Quantity;
                    }

                    return count;
                }
            }

            """;

        [Fact]
        public Task Call_to_a_method_that_enumerates_the_query_it_is_given_is_reported() => VerifyCS.AnalyzerAsync(EpisodeCheck + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        total += {|PERF101:LineCheck.Count(db.Lines.Where(l => l.OrderId == order.Id))|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_to_a_method_that_enumerates_a_list_it_is_given_is_not_reported() => VerifyCS.AnalyzerAsync(EpisodeCheck + """
            public class C
            {
                public int M(List<OrderLine> lines, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        total += LineCheck.Count(lines.Where(l => l.OrderId == order.Id).AsQueryable());
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_to_a_method_that_loads_navigations_explicitly_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderRepository
            {
                private readonly ShopDb db;
                public OrderRepository(ShopDb db) => this.db = db;

                public async Task LoadRelationshipsAsync(Order order)
                {
                    await db.Entry(order).Collection(o => o.Lines).LoadAsync();
                    await db.Entry(order).Reference(o => o.Customer).LoadAsync();
                }
            }

            public class C
            {
                public async Task M(OrderRepository orders, List<Order> toDelete)
                {
                    foreach (var order in toDelete)
                    {
                        await {|PERF101:orders.LoadRelationshipsAsync(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Call_to_a_method_that_loads_only_in_a_loop_of_its_own_is_left_to_PERF103() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderRepository
            {
                private readonly ShopDb db;
                public OrderRepository(ShopDb db) => this.db = db;

                public async Task LoadLinesAsync(Customer customer)
                {
                    foreach (var order in customer.Orders)
                    {
                        await db.Entry(order).Collection(o => o.Lines).LoadAsync();
                    }
                }
            }

            public class C
            {
                public async Task M(OrderRepository orders, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        await orders.LoadLinesAsync(customer);
                    }
                }
            }
            """);

        [Fact]
        public Task Call_in_a_loop_that_pages_by_a_size_only_is_reported() => VerifyCS.AnalyzerAsync(Repository + """
            public class C
            {
                public async Task M(OrderRepository orders, int[] ids)
                {
                    for (var limit = 10; limit < 100; limit += 10)
                    {
                        var page = await {|PERF101:orders.GetPageAsync(0, limit)|};
                    }

                    foreach (var id in ids)
                    {
                        var order = await {|PERF101:orders.FindAsync(id)|};
                        var later = await {|PERF101:orders.FindAtAsync(id, TimeSpan.FromSeconds(id))|};
                    }
                }
            }
            """);

        // ---- Not flagged: batch loops ----

        [Fact]
        public Task Call_in_a_loop_over_chunks_or_pages_is_not_reported() => VerifyCS.AnalyzerAsync(Repository + """
            public class C
            {
                public async Task M(OrderRepository orders, ShopDb db, int[] ids)
                {
                    foreach (var batch in ids.Chunk(500))
                    {
                        await orders.DeleteAsync(batch);
                        var left = await db.Orders.CountAsync(o => batch.Contains(o.Id));
                    }

                    List<Order> next;
                    while ((next = await orders.ReadNextPageAsync()).Count > 0)
                    {
                        var total = await db.Orders.CountAsync(o => o.Total > next[0].Total);
                    }

                    for (var startIndex = 0; ; startIndex += 5000)
                    {
                        var page = await orders.GetPageAsync(startIndex, 5000);
                        if (page.Count == 0)
                        {
                            break;
                        }
                    }
                }
            }
            """);

        // A personal-finance app's CSV import: a batch of rows is imported in one call; when it fails, the rows are
        // imported one by one, each in its own try, to find the bad ones.
        private const string BatchImport = Model + """
            public class Importer
            {
                private readonly ShopDb db;
                public Importer(ShopDb db) => this.db = db;

                public async Task ImportAsync(int customerId, List<OrderLine> lines)
                {
                    var customer = await db.Customers.FirstAsync(c => c.Id == customerId);
                    db.Lines.AddRange(lines);
                    await db.SaveChangesAsync();
                }

            """;

        [Fact]
        public Task A_row_by_row_fallback_after_a_failed_batch_is_not_reported() => VerifyCS.AnalyzerAsync(BatchImport + """
                public async Task<int> Run(int customerId, List<OrderLine> batch)
                {
                    var failed = 0;
                    try
                    {
                        await ImportAsync(customerId, batch);
                    }
                    catch (DbUpdateException)
                    {
                        db.ChangeTracker.Clear();
                        foreach (var line in batch)
                        {
                            try
                            {
                                await ImportAsync(customerId, new List<OrderLine> { line });
                            }
                            catch (DbUpdateException)
                            {
                                failed++;
                            }
                            finally
                            {
                                db.ChangeTracker.Clear();
                            }
                        }
                    }

                    return failed;
                }
            }
            """);

        [Fact]
        public Task A_loop_in_a_catch_that_does_not_isolate_each_row_is_reported() => VerifyCS.AnalyzerAsync(BatchImport + """
                public async Task Run(int customerId, List<OrderLine> batch)
                {
                    try
                    {
                        await ImportAsync(customerId, batch);
                    }
                    catch (DbUpdateException)
                    {
                        foreach (var line in batch)
                        {
                            await {|PERF101:ImportAsync(customerId, new List<OrderLine> { line })|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_loop_isolating_each_row_outside_a_catch_is_reported() => VerifyCS.AnalyzerAsync(BatchImport + """
                public async Task<int> Run(int customerId, List<OrderLine> batch)
                {
                    var failed = 0;
                    foreach (var line in batch)
                    {
                        try
                        {
                            await {|PERF101:ImportAsync(customerId, new List<OrderLine> { line })|};
                        }
                        catch (DbUpdateException)
                        {
                            failed++;
                        }
                    }

                    return failed;
                }
            }
            """);

        // Kyoo's episode-created handler: per user, a status method whose count query runs unless the status it is
        // given is Completed, called with the constant Watching.
        private const string WatchStatus = Model + """
            public enum Status { Planned, Watching, Completed }

            public class WatchStatusRepository
            {
                private readonly ShopDb db;
                public WatchStatusRepository(ShopDb db) => this.db = db;

                public async Task<int> SetStatus(int customerId, Status status)
                {
                    var unseen = status != Status.Completed
                        ? await db.Orders.Where(o => o.CustomerId == customerId).CountAsync()
                        : 0;
                    if (unseen == 0)
                    {
                        status = Status.Completed;
                    }

                    return (int)status;
                }

                public async Task<int> Refresh(int customerId, Status status)
                {
                    if (status is Status.Planned)
                    {
                        return await db.Orders.CountAsync(o => o.CustomerId == customerId);
                    }

                    return 0;
                }

                public async Task<int> Recount(int customerId, Status status)
                {
                    status = customerId > 0 ? status : Status.Completed;
                    if (status != Status.Completed)
                    {
                        return await db.Orders.CountAsync(o => o.CustomerId == customerId);
                    }

                    return 0;
                }

            """;

        [Fact]
        public Task A_call_passing_the_constant_that_selects_a_guarded_query_is_reported() => VerifyCS.AnalyzerAsync(WatchStatus + """
                public async Task OnEpisodeCreated(List<int> users)
                {
                    foreach (var userId in users)
                    {
                        await {|PERF101:SetStatus(userId, Status.Watching)|};
                        await {|PERF101:Refresh(userId, Status.Planned)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_passing_the_constant_that_skips_a_guarded_query_is_not_reported() => VerifyCS.AnalyzerAsync(WatchStatus + """
                public async Task OnSeasonCompleted(List<int> users)
                {
                    foreach (var userId in users)
                    {
                        await SetStatus(userId, Status.Completed);
                        await Refresh(userId, Status.Watching);
                    }
                }
            }
            """);

        // Kavita's GetUserLibrariesForFilteredQuery(libraryId, ..): if (libraryId == 0) is a value test on an id, not a
        // mode; its query counts for a call passing any id, as before.
        [Fact]
        public Task A_query_under_a_literal_test_of_a_parameter_counts_for_any_argument() => VerifyCS.AnalyzerAsync(WatchStatus + """
                public async Task<int> CountFor(int customerId)
                {
                    if (customerId == 0)
                    {
                        return await db.Orders.CountAsync();
                    }

                    return 1;
                }

                public async Task Report(List<int> customers)
                {
                    foreach (var customerId in customers)
                    {
                        await {|PERF101:CountFor(customerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_passing_a_mode_that_varies_is_not_reported() => VerifyCS.AnalyzerAsync(WatchStatus + """
                public async Task Apply(List<(int User, Status Status)> changes)
                {
                    foreach (var change in changes)
                    {
                        await SetStatus(change.User, change.Status);
                    }
                }
            }
            """);

        [Fact]
        public Task A_mode_written_before_its_test_does_not_decide_for_the_call() => VerifyCS.AnalyzerAsync(WatchStatus + """
                public async Task Recount(List<int> users)
                {
                    foreach (var userId in users)
                    {
                        await Recount(userId, Status.Watching);
                    }
                }
            }
            """);

        // A personal-finance app's demo seeding: each month of a six-month loop creates transactions through a service that
        // reloads the user; a date helper handed the month's "maxDayOffset" computes a date and fetches no page.
        private const string DemoSeed = Model + """
            public class OrderService
            {
                private readonly ShopDb db;
                public OrderService(ShopDb db) => this.db = db;

                public async Task CreateAsync(int customerId, DateOnly date)
                {
                    var customer = await db.Customers.FirstAsync(c => c.Id == customerId);
                    db.Orders.Add(new Order { CustomerId = customer.Id });
                }

                public Task<List<Order>> GetPageAsync(int customerId, int pageOffset)
                    => db.Orders.Where(o => o.CustomerId == customerId).OrderBy(o => o.Id).Skip(pageOffset).Take(50).ToListAsync();
            }

            public class DemoSeed
            {
                private readonly OrderService orders;
                public DemoSeed(OrderService orders) => this.orders = orders;

                private static DateOnly RandomDateAfter(Random rng, DateOnly from, int maxDayOffset) => from.AddDays(rng.Next(0, maxDayOffset + 1));

                private static string Label(int batchNumber) => "Batch " + batchNumber;

            """;

        [Fact]
        public Task A_loop_handing_an_offset_to_a_helper_that_computes_a_date_is_no_batch_loop() => VerifyCS.AnalyzerAsync(DemoSeed + """
                public async Task SeedAsync(int customerId, Random rng)
                {
                    var today = DateOnly.FromDateTime(DateTime.UtcNow);
                    for (var monthOffset = 5; monthOffset >= 0; monthOffset--)
                    {
                        var firstDay = today.AddMonths(-monthOffset);
                        await {|PERF101:orders.CreateAsync(customerId, firstDay)|};

                        var maxDayOffset = 27 - monthOffset;
                        var date = RandomDateAfter(rng, firstDay, maxDayOffset);
                        var label = Label(monthOffset);
                    }
                }
            }
            """);

        [Fact]
        public Task A_loop_handing_its_offset_to_a_method_that_fetches_a_page_is_still_a_batch_loop() => VerifyCS.AnalyzerAsync(DemoSeed + """
                public async Task SeedAsync(int customerId)
                {
                    for (var pageOffset = 0; pageOffset < 500; pageOffset += 50)
                    {
                        var page = await orders.GetPageAsync(customerId, pageOffset);
                        await orders.CreateAsync(customerId, DateOnly.MinValue);
                    }
                }
            }
            """);

        // An apprenticeship qualifications import reads staged rows 1,000 at a time; the offset's name says nothing of a page.
        private const string StagingService = Model + """
            public interface IStagingService
            {
                Task<List<Order>> GetStagedBatchAsync(int batchSize, int processedCount);
                Task<List<Order>> GetStagedAfterAsync(int batchSize, int processedCount);
            }

            public class StagingService : IStagingService
            {
                private readonly ShopDb db;
                public StagingService(ShopDb db) => this.db = db;

                public Task<List<Order>> GetStagedBatchAsync(int batchSize, int processedCount)
                    => db.Orders.AsNoTracking().OrderBy(o => o.Id).Skip(processedCount).Take(batchSize).ToListAsync();

                public Task<List<Order>> GetStagedAfterAsync(int batchSize, int processedCount)
                    => db.Orders.Where(o => o.Total > processedCount).Take(batchSize).ToListAsync();
            }

            """;

        // A recruitment service's archiving job: each round takes the next 200 closed rows, archives them and saves.
        private const string ArchiveRepository = Model + """
            public interface IArchiveRepository
            {
                Task<List<Order>> GetClosedOrders(DateTime before, int batchSize, CancellationToken ct);
                Task<Order?> GetOldestClosedOrder(DateTime before, CancellationToken ct);
            }

            public class ArchiveRepository(ShopDb db) : IArchiveRepository
            {
                public Task<List<Order>> GetClosedOrders(DateTime before, int batchSize, CancellationToken ct)
                    => db.Orders.Where(o => o.Total > 0).OrderBy(o => o.Id).Take(batchSize).ToListAsync(ct);

                public Task<Order?> GetOldestClosedOrder(DateTime before, CancellationToken ct)
                    => db.Orders.Where(o => o.Total > 0).OrderBy(o => o.Id).Take(1).FirstOrDefaultAsync(ct);
            }

            """;

        [Fact]
        public Task Call_that_takes_a_batch_in_a_loop_drained_until_empty_is_not_reported() => VerifyCS.AnalyzerAsync(ArchiveRepository + """
            public class C
            {
                public async Task M(IArchiveRepository repository, ShopDb db, DateTime cutoff, CancellationToken ct)
                {
                    var started = DateTime.UtcNow;
                    while (DateTime.UtcNow - started < TimeSpan.FromMinutes(4))
                    {
                        var orders = await repository.GetClosedOrders(cutoff, 200, ct);
                        if (orders.Count == 0)
                            break;

                        db.Orders.RemoveRange(orders);
                        await db.SaveChangesAsync(ct);
                    }
                }
            }
            """);

        // The loop leaves after four minutes, whatever the call returns: a round is no batch of a drain.
        [Fact]
        public Task Call_that_takes_a_batch_in_a_loop_not_left_when_empty_is_reported() => VerifyCS.AnalyzerAsync(ArchiveRepository + """
            public class C
            {
                public async Task<int> M(IArchiveRepository repository, List<DateTime> cutoffs, CancellationToken ct)
                {
                    var total = 0;
                    var i = 0;
                    while (i < cutoffs.Count)
                    {
                        var orders = await {|PERF101:repository.GetClosedOrders(cutoffs[i], 200, ct)|};
                        total += orders.Count;
                        i++;
                    }

                    return total;
                }
            }
            """);

        // One row a round is no batch.
        [Fact]
        public Task Call_that_takes_one_row_in_a_loop_left_when_none_is_reported() => VerifyCS.AnalyzerAsync(ArchiveRepository + """
            public class C
            {
                public async Task M(IArchiveRepository repository, ShopDb db, DateTime cutoff, CancellationToken ct)
                {
                    while (true)
                    {
                        var order = await {|PERF101:repository.GetOldestClosedOrder(cutoff, ct)|};
                        if (order == null)
                            break;

                        db.Orders.Remove(order);
                    }
                }
            }
            """);

        [Fact]
        public Task Call_given_the_loop_offset_that_the_method_skips_is_not_reported() => VerifyCS.AnalyzerAsync(StagingService + """
            public class C
            {
                public async Task M(IStagingService staging, ShopDb db)
                {
                    var processedCount = 0;
                    while (processedCount < 1000000)
                    {
                        var records = await staging.GetStagedBatchAsync(1000, processedCount);
                        if (!records.Any()) break;

                        db.Orders.AddRange(records);
                        processedCount += records.Count;
                    }
                }
            }
            """);

        // The offset only filters: the method is no page, and the loop calls it once per round.
        [Fact]
        public Task Call_given_the_loop_counter_that_the_method_does_not_skip_is_reported() => VerifyCS.AnalyzerAsync(StagingService + """
            public class C
            {
                public async Task M(IStagingService staging, int[] ids)
                {
                    for (var processedCount = 0; processedCount < ids.Length; processedCount++)
                    {
                        var records = await {|PERF101:staging.GetStagedAfterAsync(1000, ids[processedCount])|};
                    }
                }
            }
            """);

        // A value the loop does not change is no page: the same rows are read each round.
        [Fact]
        public Task Call_given_a_fixed_offset_that_the_method_skips_is_reported() => VerifyCS.AnalyzerAsync(StagingService + """
            public class C
            {
                public async Task M(IStagingService staging, List<int> ids, int start)
                {
                    foreach (var id in ids)
                    {
                        var records = await {|PERF101:staging.GetStagedBatchAsync(id, start)|};
                    }
                }
            }
            """);

        [Theory]
        [InlineData("if (name == \"TaxClass\")", "taxService.GetTaxPercent(int.Parse(value), ct)")]
        [InlineData("if (name.Contains(\"Tax\"))", "{|PERF101:taxService.GetTaxPercent(int.Parse(value), ct)|}")]
        public Task A_call_for_the_one_element_with_a_given_name_is_not_reported(string branch, string call) => VerifyCS.AnalyzerAsync(TaxService + $$"""
            public class C
            {
                public async Task<decimal> M(TaxService taxService, List<(string, string)> changes, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var (name, value) in changes)
                    {
                        {{branch}}
                        {
                            total += await {{call}};
                        }
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_of_a_service_method_that_queries_is_reported_at_the_call() => VerifyCS.AnalyzerAsync(TaxService + """
            public class C
            {
                public async Task<decimal> M(TaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await {|PERF101:taxService.GetTaxPercent(item.Id, ct)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_implementations_query_is_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class C
            {
                public async Task<decimal> M(ITaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await {|PERF101:taxService.GetTaxPercent(item.Id, ct)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_other_implementation_is_a_mock_is_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class MockTaxService : ITaxService
            {
                public Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct) => Task.FromResult(0.2m);
            }

            public class TaxServiceStub : ITaxService
            {
                public Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct) => Task.FromResult(0m);
            }

            public class C
            {
                public async Task<decimal> M(ITaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await {|PERF101:taxService.GetTaxPercent(item.Id, ct)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_other_implementation_is_a_null_object_is_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class NullTaxService : ITaxService
            {
                public Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct) => throw new NotImplementedException();
            }

            public class C
            {
                public async Task<decimal> M(ITaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await {|PERF101:taxService.GetTaxPercent(item.Id, ct)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_other_implementation_is_named_nullable_is_not_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class NullableTaxService : ITaxService
            {
                public Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct) => Task.FromResult(0m);
            }

            public class C
            {
                public async Task<decimal> M(ITaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await taxService.GetTaxPercent(item.Id, ct);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_that_its_implementations_reach_through_an_extending_interface_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IConcertContextService { Task<Order?> GetConcertByIdAsync(int id); }

            public interface IConcertRepository : IConcertContextService { Task SaveAsync(); }

            public class SqlConcertRepository : IConcertRepository
            {
                private readonly ShopDb db;
                public SqlConcertRepository(ShopDb db) => this.db = db;
                public Task<Order?> GetConcertByIdAsync(int id) => db.Orders.AsNoTracking().Where(o => o.Id == id).SingleOrDefaultAsync();
                public Task SaveAsync() => db.SaveChangesAsync();
            }

            public class C
            {
                public async Task<decimal> M(IConcertRepository concerts, Dictionary<int, int> countsByConcert)
                {
                    var total = 0m;
                    foreach (var concertId in countsByConcert.Keys)
                    {
                        var concert = await {|PERF101:concerts.GetConcertByIdAsync(concertId)|};
                        if (concert is null)
                        {
                            throw new InvalidOperationException("Concert not found");
                        }

                        total += concert.Total * countsByConcert[concertId];
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Query_through_a_generic_base_interface_that_implementations_reach_through_an_extending_interface_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IBaseRepository<T> where T : class { IQueryable<T> All(); }

            public interface IOrderRepository : IBaseRepository<Order> { IQueryable<Order> ForCustomer(int customerId); }

            public class OrderRepository : IOrderRepository
            {
                private readonly ShopDb db;
                public OrderRepository(ShopDb db) => this.db = db;
                public IQueryable<Order> All() => db.Orders.AsNoTracking();
                public IQueryable<Order> ForCustomer(int customerId) => db.Orders.Where(o => o.CustomerId == customerId);
            }

            public class C
            {
                public decimal M(IOrderRepository orders, List<int> customerIds)
                {
                    var total = 0m;
                    foreach (var customerId in customerIds)
                    {
                        total += {|PERF101:orders.All().Where(o => o.CustomerId == customerId).Sum(o => o.Total)|};
                    }

                    return total;
                }
            }
            """);

        private const string RepositoriesPerEntity = Model + """
            public interface IBaseRepository<T> where T : class { IQueryable<T> All(); }
            public interface IOrderRepository : IBaseRepository<Order> { }
            public interface ILineRepository : IBaseRepository<OrderLine> { }

            public class OrderRepository(ShopDb db) : IOrderRepository
            {
                public IQueryable<Order> All() => db.Orders.AsNoTracking();
            }

            public class SeededLines : ILineRepository
            {
                private readonly List<OrderLine> lines = new();
                public IQueryable<OrderLine> All() => lines.AsQueryable();
            }

            """;

        [Fact]
        public Task Query_through_an_entitys_repository_is_reported_when_another_entitys_repository_is_in_memory() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class C
            {
                public decimal M(IOrderRepository orders, List<int> customerIds)
                {
                    var total = 0m;
                    foreach (var customerId in customerIds)
                    {
                        total += {|PERF101:orders.All().Where(o => o.CustomerId == customerId).Sum(o => o.Total)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Query_through_the_repository_of_an_entity_kept_in_memory_is_not_reported() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class C
            {
                public int M(ILineRepository lines, List<int> orderIds)
                {
                    var count = 0;
                    foreach (var orderId in orderIds)
                    {
                        count += lines.All().Count(l => l.OrderId == orderId);
                    }

                    return count;
                }
            }
            """);

        [Fact]
        public Task Query_through_a_generic_base_interface_with_an_in_memory_implementation_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IBaseRepository<T> where T : class { IQueryable<T> All(); }

            public interface IOrderRepository : IBaseRepository<Order> { }

            public class OrderRepository : IOrderRepository
            {
                private readonly ShopDb db;
                public OrderRepository(ShopDb db) => this.db = db;
                public IQueryable<Order> All() => db.Orders.AsNoTracking();
            }

            public class SeededOrders : IOrderRepository
            {
                private readonly List<Order> orders = new();
                public IQueryable<Order> All() => orders.AsQueryable();
            }

            public class C
            {
                public decimal M(IOrderRepository orders, List<int> customerIds)
                {
                    var total = 0m;
                    foreach (var customerId in customerIds)
                    {
                        total += orders.All().Where(o => o.CustomerId == customerId).Sum(o => o.Total);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_extending_interface_has_an_in_memory_implementation_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IConcertContextService { Task<Order?> GetConcertByIdAsync(int id); }

            public interface IConcertRepository : IConcertContextService { }

            public class SqlConcertRepository : IConcertContextService
            {
                private readonly ShopDb db;
                public SqlConcertRepository(ShopDb db) => this.db = db;
                public Task<Order?> GetConcertByIdAsync(int id) => db.Orders.Where(o => o.Id == id).SingleOrDefaultAsync();
            }

            public class CachedConcertRepository : IConcertRepository
            {
                public Task<Order?> GetConcertByIdAsync(int id) => Task.FromResult<Order?>(null);
            }

            public class C
            {
                public async Task M(IConcertContextService concerts, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var concert = await concerts.GetConcertByIdAsync(id);
                    }
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_with_another_real_implementation_that_does_not_query_is_not_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class MockingbirdTaxService : ITaxService
            {
                public Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct) => Task.FromResult(0.2m);
            }

            public class C
            {
                public async Task<decimal> M(ITaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await taxService.GetTaxPercent(item.Id, ct);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Call_through_an_interface_whose_implementations_are_all_test_doubles_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface ITaxService { Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct); }

            public class FakeTaxService : ITaxService
            {
                public Task<decimal> GetTaxPercent(int taxClassId, CancellationToken ct) => Task.FromResult(0.2m);
            }

            public class C
            {
                public async Task<decimal> M(ITaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var item in cart)
                    {
                        total += await taxService.GetTaxPercent(item.Id, ct);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task A_method_that_reads_and_saves_is_reported_for_its_query()
            => VerifyCS.AnalyzerAsync(ReadAndSaveInLoop("{|PERF101:stock.Reserve(item.Id, ct)|}"));

        [Fact]
        public async Task Message_names_the_path_to_the_query()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class Rates
                {
                    private readonly ShopDb db;
                    public Rates(ShopDb db) => this.db = db;
                    public Customer? Find(int id) => Load(id);
                    private Customer? Load(int id) => db.Customers.FirstOrDefault(c => c.Id == id);
                }

                public class C
                {
                    public void M(Rates rates, List<Order> cart)
                    {
                        foreach (var item in cart)
                        {
                            rates.Find(item.CustomerId);
                        }
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF101QueryInLoop)
                .WithSpan(31, 13, 31, 40)
                .WithArguments("Find", "('Load' → 'FirstOrDefault') on each iteration of the loop over 'item'", ""));
            await test.RunAsync();
        }

        [Fact]
        public Task Call_of_a_repository_method_that_finds_by_key_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Repository<T> where T : class
            {
                private readonly ShopDb db;
                public Repository(ShopDb db) => this.db = db;
                public T? GetById(int id) => db.Set<T>().Find(id);
            }

            public class C
            {
                public void M(Repository<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:customers.GetById(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_is_offered_for_a_query_through_a_call() => VerifyFix.NoCodeFixAsync(TaxService + """
            public class C
            {
                public async Task M(TaxService taxService, List<OrderLine> cart, CancellationToken ct)
                {
                    foreach (var item in cart)
                    {
                        await {|PERF101:taxService.GetTaxPercent(item.Id, ct)|};
                    }
                }
            }
            """);

        // ---- A method passed by name to a per-element operator ----

        // A council's social-care API: each case note gets its note type's description from a query.
        private const string CaseNotes = Model + """
            public class CaseNoteGateway
            {
                private readonly ShopDb db;
                public CaseNoteGateway(ShopDb db) => this.db = db;

                public List<string> Describe(List<OrderLine> notes) => notes.Select({|#0:AddRelatedInformation|}).ToList();

                public List<string> Labels(List<OrderLine> notes) => notes.Select(Label).ToList();

                private string AddRelatedInformation(OrderLine note) => LookUpDescription(note.OrderId) + note.Quantity;

                private string LookUpDescription(int orderId) => db.Orders.FirstOrDefault(o => o.Id == orderId)?.Total.ToString() ?? "";

                private static string Label(OrderLine note) => note.Quantity.ToString();
            }

            """;

        [Fact]
        public Task A_method_passed_to_select_that_runs_a_query_is_reported() => VerifyCS.AnalyzerAsync(CaseNotes,
            expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("AddRelatedInformation", "('LookUpDescription' → 'FirstOrDefault') for each 'note' passed to 'Select'", ""));

        [Fact]
        public Task An_interface_method_or_a_foreach_body_passed_by_name_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRates { decimal Rate(int customerId); }

            public class Rates : IRates
            {
                private readonly ShopDb db;
                public Rates(ShopDb db) => this.db = db;

                public decimal Rate(int customerId) => db.Orders.Where(o => o.CustomerId == customerId).Sum(o => o.Total);
            }

            public class C
            {
                private readonly ShopDb db;
                public C(ShopDb db) => this.db = db;

                public List<decimal> M(IRates rates, List<int> customers, List<Order> orders)
                {
                    orders.ForEach({|PERF101:Print|});
                    return customers.Select({|PERF101:rates.Rate|}).ToList();
                }

                private void Print(Order order) => Console.WriteLine(db.Lines.Count(l => l.OrderId == order.Id));
            }
            """);

        [Fact]
        public Task A_method_passed_by_name_that_queries_nothing_or_runs_per_batch_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private readonly ShopDb db;
                public C(ShopDb db) => this.db = db;

                public List<string> Labels(List<OrderLine> lines) => lines.Select(Label).ToList();

                public List<int> Counts(int[] ids) => ids.Chunk(500).Select(CountBatch).ToList();

                private static string Label(OrderLine line) => line.Quantity.ToString();

                private int CountBatch(int[] batch) => db.Orders.Count(o => batch.Contains(o.Id));
            }
            """);

        [Fact]
        public Task No_fix_is_offered_for_a_method_passed_by_name() => VerifyFix.NoCodeFixAsync(CaseNotes.Replace("{|#0:AddRelatedInformation|}", "{|PERF101:AddRelatedInformation|}"));

        // ---- A query read through ?. (docs/concepts.md#ef-query) ----

        [Fact]
        public Task Query_continued_after_a_null_conditional_is_reported_in_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:db.Customers.Where(c => c.Id == order.CustomerId)?.OrderBy(c => c.Name).FirstOrDefault()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_whose_query_continues_after_a_null_conditional_is_reported_at_the_call() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerLookup
            {
                private readonly ShopDb db;
                public CustomerLookup(ShopDb db) => this.db = db;
                public Customer? Get(int id) => db.Customers.Where(c => c.Id == id)?.FirstOrDefault();
            }

            public class C
            {
                public void M(CustomerLookup lookup, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:lookup.Get(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task In_memory_list_read_through_a_null_conditional_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(List<Customer>? customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = customers?.Where(c => c.Id == order.CustomerId).FirstOrDefault();
                    }
                }
            }
            """);

        [Fact]
        public Task Query_read_through_a_null_conditional_outside_the_loop_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    var ids = orders.Select(o => o.CustomerId).ToList();
                    var customers = db.Customers.Where(c => ids.Contains(c.Id))?.ToList();
                    foreach (var order in orders)
                    {
                        var customer = customers?.FirstOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """);

        // ---- A specification evaluator that folds its includes into the query with Aggregate ----

        private const string SpecificationRepository = Model + """
            public interface ISpecification<T>
            {
                System.Linq.Expressions.Expression<Func<T, bool>>? Criteria { get; }
                List<System.Linq.Expressions.Expression<Func<T, object>>> Includes { get; }
            }

            public class SpecificationRepository<T> where T : class
            {
                private readonly ShopDb db;
                public SpecificationRepository(ShopDb db) => this.db = db;

                public async Task<IReadOnlyList<T>> GetAsync(ISpecification<T> spec) => await Apply(db.Set<T>(), spec).ToListAsync();

                public async Task<IReadOnlyList<T>> GetFromAsync(List<T> cached, ISpecification<T> spec) => await Apply(cached.AsQueryable(), spec).ToListAsync();

                private static IQueryable<T> Apply(IQueryable<T> source, ISpecification<T> spec)
                {
                    var query = source;
                    if (spec.Criteria != null)
                    {
                        query = query.Where(spec.Criteria);
                    }

                    query = spec.Includes.Aggregate(query, (current, include) => current.Include(include));
                    return query;
                }
            }

            """;

        [Fact]
        public Task Query_of_a_specification_evaluator_that_aggregates_its_includes_is_reported() => VerifyCS.AnalyzerAsync(SpecificationRepository + """
            public class CartService
            {
                public async Task Load(SpecificationRepository<Order> orders, List<int> ids, Func<int, ISpecification<Order>> byId)
                {
                    foreach (var id in ids)
                    {
                        var found = await {|PERF101:orders.GetAsync(byId(id))|};
                    }
                }
            }
            """);

        [Fact]
        public Task Aggregate_over_an_in_memory_seed_is_not_a_query() => VerifyCS.AnalyzerAsync(SpecificationRepository + """
            public class CartService
            {
                public async Task Load(SpecificationRepository<Order> orders, List<Order> cached, List<int> ids, Func<int, ISpecification<Order>> byId)
                {
                    foreach (var id in ids)
                    {
                        var found = await orders.GetFromAsync(cached, byId(id));
                    }
                }
            }
            """);

        // ---- A service that applies configured query modifiers before every read ----

        private const string ModifiedService = Model + """
            public class BaseService<T> where T : class
            {
                private readonly ShopDb db;
                private readonly List<Func<IQueryable<T>, IQueryable<T>>> modifiers = new();
                public BaseService(ShopDb db) => this.db = db;

                public BaseService<T> Query(Func<IQueryable<T>, IQueryable<T>> modifier) { modifiers.Add(modifier); return this; }

                public async Task<T?> FirstOrDefaultAsync(System.Linq.Expressions.Expression<Func<T, bool>> predicate)
                {
                    var queryable = db.Set<T>().AsQueryable();
                    foreach (var modifier in modifiers)
                        queryable = modifier.Invoke(queryable);

                    return await queryable.FirstOrDefaultAsync(predicate);
                }

                public T? FirstFrom(List<T> cached, Func<T, bool> predicate)
                {
                    var queryable = cached.AsQueryable();
                    foreach (var modifier in modifiers)
                        queryable = modifier(queryable);

                    return queryable.FirstOrDefault(predicate);
                }
            }

            """;

        [Fact]
        public Task Query_of_a_service_that_applies_query_modifiers_is_reported_through_the_call() => VerifyCS.AnalyzerAsync(ModifiedService + """
            public class OrderJobs
            {
                public async Task Touch(BaseService<Order> orders, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var order = await {|PERF101:orders.FirstOrDefaultAsync(o => o.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_query_modifier_called_directly_in_a_loop_keeps_the_query() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderJobs
            {
                public async Task Touch(ShopDb db, Func<IQueryable<Order>, IQueryable<Order>> withLines, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var order = await {|PERF101:withLines(db.Orders).FirstOrDefaultAsync(o => o.Id == id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_modifiers_over_an_in_memory_seed_are_not_a_query() => VerifyCS.AnalyzerAsync(ModifiedService + """
            public class OrderJobs
            {
                public void Touch(BaseService<Order> orders, List<Order> cached, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var order = orders.FirstFrom(cached, o => o.Id == id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_delegate_that_builds_a_query_from_something_else_is_not_followed() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderJobs
            {
                public async Task Touch(Func<int, IQueryable<Order>> source, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var order = await source(id).FirstOrDefaultAsync();
                    }
                }
            }
            """);

        // ---- Work scheduled for later: a discarded task that waits before it queries ----

        private const string DelayedStops = Model + """
            public class Stops
            {
                private readonly ShopDb db;
                public Stops(ShopDb db) => this.db = db;

                public void ScheduleStop(int orderId) => _ = RunDelayedStopAsync(orderId, TimeSpan.FromSeconds(30));

                public async Task RunDelayedStopAsync(int orderId, TimeSpan delay)
                {
                    try
                    {
                        await Task.Delay(delay);
                        var open = await db.Orders.AnyAsync(o => o.Id == orderId && o.Total > 0);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                public async Task StopNowAsync(int orderId)
                {
                    var open = await db.Orders.AnyAsync(o => o.Id == orderId);
                    await Task.Delay(10);
                }
            }

            """;

        [Fact]
        public Task A_discarded_task_that_waits_before_its_query_is_not_reported() => VerifyCS.AnalyzerAsync(DelayedStops + """
            public class Sweeper
            {
                public void Sweep(Stops stops, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        stops.ScheduleStop(id);
                        _ = stops.RunDelayedStopAsync(id, TimeSpan.FromSeconds(5));
                    }
                }
            }
            """);

        [Fact]
        public Task An_awaited_call_that_waits_before_its_query_is_reported() => VerifyCS.AnalyzerAsync(DelayedStops + """
            public class Sweeper
            {
                public async Task Sweep(Stops stops, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF101:stops.RunDelayedStopAsync(id, TimeSpan.FromSeconds(5))|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_discarded_task_that_queries_before_it_waits_is_reported() => VerifyCS.AnalyzerAsync(DelayedStops + """
            public class Sweeper
            {
                public void Sweep(Stops stops, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        _ = {|PERF101:stops.StopNowAsync(id)|};
                    }
                }
            }
            """);

        // ---- A method that runs the query it is given (docs/concepts.md#executing-an-ef-query, "Through a call") ----

        private const string QueryHelpers = Model + """
            public static class QueryableExtensions
            {
                public static async Task<T?> SelectOneAsync<T>(this IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, bool>> predicate, CancellationToken ct) where T : class
                    => await query.OrderBy(e => 0).FirstOrDefaultAsync(predicate, ct);

                public static Task<int> CountOfSecondAsync<T>(IQueryable<T> first, IQueryable<T> second) => second.CountAsync();
            }

            public class PagedList<T>
            {
                public List<T> Items { get; } = new();
                public int Total { get; private set; }

                public static async Task<PagedList<T>> CreateAsync(IQueryable<T> source, int page, int size)
                {
                    var list = new PagedList<T> { Total = await source.CountAsync() };
                    list.Items.AddRange(await source.Skip((page - 1) * size).Take(size).ToListAsync());
                    return list;
                }
            }

            public class OrderQueries
            {
                public Task<Order?> FirstOf(IQueryable<Order> orders, int customerId, CancellationToken ct)
                    => orders.Where(o => o.CustomerId == customerId).SelectOneAsync(o => o.Total > 0, ct);
            }

            """;

        [Fact]
        public Task Extension_method_that_runs_the_query_it_is_given_on_a_DbSet_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(ShopDb db, int[] ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await {|#0:db.Orders.SelectOneAsync(o => o.Id == id, ct)|};
                    }
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("SelectOneAsync", "('FirstOrDefaultAsync') on each iteration of the loop over 'id'", ""));

        [Fact]
        public Task Static_paging_helper_given_an_EF_query_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var page = await {|PERF101:PagedList<Order>.CreateAsync(db.Orders.Where(o => o.CustomerId == customer.Id), 1, 20)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_passing_its_query_parameter_on_to_a_helper_that_runs_it_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(ShopDb db, OrderQueries queries, int[] customerIds, CancellationToken ct)
                {
                    foreach (var id in customerIds)
                    {
                        var order = await {|PERF101:queries.FirstOf(db.Orders, id, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_gives_the_helper_an_EF_query_of_its_own_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class OrderLookup
            {
                private readonly ShopDb db;
                public OrderLookup(ShopDb db) => this.db = db;
                public Task<Order?> Find(int id, CancellationToken ct) => db.Orders.SelectOneAsync(o => o.Id == id, ct);
            }

            public class C
            {
                public async Task M(OrderLookup lookup, int[] ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await {|PERF101:lookup.Find(id, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_also_runs_a_query_of_its_own_is_reported_whatever_it_is_given() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class OrderCounter
            {
                private readonly ShopDb db;
                public OrderCounter(ShopDb db) => this.db = db;

                public async Task<int> CountWith(IQueryable<Order> extra)
                {
                    var given = await extra.CountAsync();
                    return given + await db.Orders.CountAsync();
                }
            }

            public class C
            {
                public async Task M(OrderCounter counter, List<Order> cached, int[] ids)
                {
                    foreach (var id in ids)
                    {
                        var total = await {|#0:counter.CountWith(cached.AsQueryable().Where(o => o.Id == id))|};
                    }
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("CountWith", "('CountAsync') on each iteration of the loop over 'id'", ""));

        // Enumerable's ToList() over the parameter runs the query as EF Core's operators do: a synchronous paging helper
        // given an EF query per element runs one per element.
        [Fact]
        public Task Synchronous_helper_that_lists_the_query_it_is_given_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public static class Paging
            {
                public static List<T> FirstPage<T>(this IQueryable<T> source) => source.Take(20).ToList();
            }

            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var page = {|#0:db.Orders.Where(o => o.CustomerId == customer.Id).FirstPage()|};
                    }
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("FirstPage", "('ToList') on each iteration of the loop over 'customer'", ""));

        // A filter that collects the ids of the query it is given with List<T>.AddRange runs it: once per element when a
        // loop hands it an EF query (a commitments service's apprenticeship search).
        [Fact]
        public Task Helper_that_adds_the_query_it_is_given_to_a_list_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public static class OrderFilters
            {
                public static IQueryable<Order> Large(this IQueryable<Order> orders)
                {
                    var ids = new List<int>();
                    ids.AddRange(orders.Where(o => o.Total > 100).Select(o => o.Id));
                    return orders.Where(o => ids.Contains(o.Id));
                }
            }

            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var large = {|#0:db.Orders.Where(o => o.CustomerId == customer.Id).Large()|};
                    }
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("Large", "('AddRange') on each iteration of the loop over 'customer'", ""));

        [Fact]
        public Task Synchronous_helper_that_lists_an_in_memory_query_it_is_given_is_not_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public static class Paging
            {
                public static List<T> FirstPage<T>(this IQueryable<T> source) => source.Take(20).ToList();
            }

            public class C
            {
                public void M(List<Order> cached, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var page = cached.AsQueryable().Where(o => o.CustomerId == customer.Id).FirstPage();
                    }
                }
            }
            """);

        // A collection expression that spreads a query runs it: once per element when written in the loop, or in a method
        // the loop calls.
        [Fact]
        public Task Query_spread_in_a_method_called_per_element_is_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class CustomerOrders
            {
                private readonly ShopDb db;
                public CustomerOrders(ShopDb db) => this.db = db;
                public List<Order> Of(int customerId) => [.. db.Orders.Where(o => o.CustomerId == customerId)];
            }

            public class C
            {
                public void M(CustomerOrders orders, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var list = {|#0:orders.Of(customer.Id)|};
                    }
                }
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("Of", "('[..]') on each iteration of the loop over 'customer'", ""));

        [Fact]
        public Task Helper_given_an_in_memory_query_is_not_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(List<Order> cached, int[] ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await cached.AsQueryable().SelectOneAsync(o => o.Id == id, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task Helper_given_a_query_of_unknown_origin_is_not_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(IQueryable<Order> orders, int[] ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await orders.SelectOneAsync(o => o.Id == id, ct);
                    }
                }
            }
            """);

        [Fact]
        public Task Helper_that_runs_another_parameter_than_the_EF_query_is_not_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> cached, int[] ids)
                {
                    foreach (var id in ids)
                    {
                        var count = await QueryableExtensions.CountOfSecondAsync(db.Orders, cached.AsQueryable().Where(o => o.Id == id));
                    }
                }
            }
            """);

        [Fact]
        public Task Method_passing_an_in_memory_query_to_the_helper_is_not_reported() => VerifyCS.AnalyzerAsync(QueryHelpers + """
            public class C
            {
                public async Task M(OrderQueries queries, List<Order> cached, int[] customerIds, CancellationToken ct)
                {
                    foreach (var id in customerIds)
                    {
                        var order = await queries.FirstOf(cached.AsQueryable(), id, ct);
                    }
                }
            }
            """);

        // ---- Not flagged ----

        /// <summary>An outbox abstraction whose implementation queries and saves (Inflow registers one per module).</summary>
        private const string Outboxes = """
            public interface IOutbox { Task CleanupAsync(); }

            public class EfOutbox : IOutbox
            {
                private readonly ShopDb db;
                public EfOutbox(ShopDb db) => this.db = db;

                public async Task CleanupAsync()
                {
                    var old = await db.Orders.Where(o => o.Total == 0).ToListAsync();
                    db.Orders.RemoveRange(old);
                    await db.SaveChangesAsync();
                }
            }

            """;

        // Inflow's outbox processors: one call per registered outbox, each its own implementation (docs/concepts.md#loop-exclusions, 13).
        [Fact]
        public Task Calls_on_each_service_registered_for_an_abstraction_are_not_reported() => VerifyCS.AnalyzerAsync(Model + Outboxes + """

            public class OutboxProcessor
            {
                private readonly IServiceProvider services;
                private readonly IEnumerable<IOutbox> injected;
                public OutboxProcessor(IServiceProvider services, IEnumerable<IOutbox> injected)
                {
                    this.services = services;
                    this.injected = injected;
                }

                public async Task RunAsync()
                {
                    var outboxes = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IOutbox>(services);
                    await Task.WhenAll(outboxes.Select(outbox => outbox.CleanupAsync()));
                    foreach (var outbox in Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IOutbox>(services))
                    {
                        await outbox.CleanupAsync();
                    }

                    foreach (var outbox in injected)
                    {
                        await outbox.CleanupAsync();
                    }
                }
            }

            public class PrimaryOutboxProcessor(IEnumerable<IOutbox> outboxes)
            {
                public async Task RunAsync()
                {
                    foreach (var outbox in outboxes)
                    {
                        await outbox.CleanupAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Calls_over_other_collections_of_services_or_with_the_element_as_an_argument_are_reported() => VerifyCS.AnalyzerAsync(Model + Outboxes + """

            public class OutboxProcessor
            {
                private readonly IServiceProvider services;
                private readonly EfOutbox cleaner;
                public OutboxProcessor(IServiceProvider services, EfOutbox cleaner)
                {
                    this.services = services;
                    this.cleaner = cleaner;
                }

                // A list the method was given is not the container's registrations.
                public async Task RunAsync(List<IOutbox> outboxes, IEnumerable<int> ids)
                {
                    foreach (var outbox in outboxes)
                    {
                        await {|PERF101:outbox.CleanupAsync()|};
                    }

                    // The element is not the receiver: the same implementation runs once per registration.
                    foreach (var registered in Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IOutbox>(services))
                    {
                        await {|PERF101:cleaner.CleanupAsync()|};
                    }
                }
            }
            """);


        [Fact]
        public Task A_query_on_the_error_path_of_the_loop_or_of_the_called_method_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public static class ContextUpdates
            {
                public static void UpdateAll(this ShopDb db, params Order[] orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            db.Orders.Attach(order);
                            db.Entry(order).State = EntityState.Modified;
                        }
                        catch (InvalidOperationException)
                        {
                            var tracked = db.Orders.Find(order.Id);
                            db.Entry(tracked!).CurrentValues.SetValues(order);
                        }
                    }
                }
            }

            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        db.UpdateAll(order);
                    }

                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task A_query_in_the_try_block_of_the_called_method_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public static class ContextUpdates
            {
                public static void Refresh(this ShopDb db, Order order)
                {
                    try
                    {
                        order.Total = db.Lines.Where(l => l.OrderId == order.Id).Sum(l => l.Quantity);
                    }
                    catch (InvalidOperationException)
                    {
                        order.Total = 0;
                    }
                }
            }

            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        {|PERF101:db.Refresh(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_memoised_in_a_local_declared_before_the_loop_is_not_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class C
            {
                public async Task<decimal> M(ITaxService taxes, List<Order> orders, CancellationToken ct)
                {
                    decimal? standardRate = null;
                    var total = 0m;
                    foreach (var order in orders)
                    {
                        if (order.Total > 100)
                        {
                            standardRate ??= await taxes.GetTaxPercent(1, ct);
                            total += order.Total * standardRate.Value;
                        }
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task A_call_assigned_only_while_its_local_is_null_is_not_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class C
            {
                public async Task<decimal> M(ITaxService taxes, List<Order> orders, CancellationToken ct)
                {
                    decimal? standardRate = null;
                    var total = 0m;
                    foreach (var order in orders)
                    {
                        if (order.Total > 100 && standardRate == null)
                        {
                            standardRate = await taxes.GetTaxPercent(1, ct);
                        }

                        total += order.Total * (standardRate ?? 0m);
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task A_call_memoised_in_a_local_of_the_iteration_is_reported() => VerifyCS.AnalyzerAsync(TaxService + """
            public class C
            {
                public async Task<decimal> M(ITaxService taxes, List<Order> orders, CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var order in orders)
                    {
                        decimal? rate = null;
                        rate ??= await {|PERF101:taxes.GetTaxPercent(order.CustomerId, ct)|};
                        total += order.Total * rate.Value;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_after_a_memory_cache_lookup_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Settings
            {
                private readonly ShopDb db;
                private readonly Microsoft.Extensions.Caching.Memory.IMemoryCache cache;
                public Settings(ShopDb db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache) { this.db = db; this.cache = cache; }

                public async Task<string?> Licence(bool forceCheck = false)
                {
                    if (!forceCheck)
                    {
                        var cached = Microsoft.Extensions.Caching.Memory.CacheExtensions.Get<string>(cache, "licence");
                        if (cached != null)
                        {
                            return cached;
                        }
                    }

                    var licence = await db.Customers.Select(c => c.Email).FirstOrDefaultAsync();
                    using var entry = cache.CreateEntry("licence");
                    entry.Value = licence;
                    return licence;
                }
            }

            public class C
            {
                public async Task M(Settings settings, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await settings.Licence();
                    }
                }
            }
            """);

        // OpenDeepWiki's chat sessions: a private lookup over a dictionary field, named for the cache it reads.
        [Fact]
        public Task Method_that_queries_after_its_own_cache_lookup_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Sessions(ShopDb db)
            {
                private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Customer> sessions = new();

                public async Task<Customer?> GetOrCreate(int id)
                {
                    if (TryGetFromCache(id, out var cached))
                    {
                        return cached;
                    }

                    var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                    if (customer != null) sessions[id] = customer;
                    return customer;
                }

                private bool TryGetFromCache(int id, out Customer? customer) => sessions.TryGetValue(id, out customer);
            }

            public class C
            {
                public async Task M(Sessions sessions, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await sessions.GetOrCreate(id);
                    }
                }
            }
            """);

        // Jellyfin's library manager: an LRU of another library, held in a field named for the cache it is.
        [Fact]
        public Task Method_that_queries_after_a_lookup_in_a_field_named_cache_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Lru<TKey, TValue> where TKey : notnull
            {
                private readonly Dictionary<TKey, TValue> items = new();
                public bool TryGet(TKey key, out TValue value) => items.TryGetValue(key, out value!);
                public void Add(TKey key, TValue value) => items[key] = value;
            }

            public class Library(ShopDb db)
            {
                private readonly Lru<int, Customer> _cache = new();

                public async Task<Customer?> GetCustomer(int id)
                {
                    if (_cache.TryGet(id, out var customer))
                    {
                        return customer;
                    }

                    customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                    if (customer != null) _cache.Add(id, customer);
                    return customer;
                }
            }

            public class C
            {
                public async Task M(Library library, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await library.GetCustomer(id);
                    }
                }
            }
            """);

        // Jellyfin's user data: a key is built for a cache, then the rows are read on every call.
        [Fact]
        public Task Method_that_builds_a_cache_key_then_queries_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class UserData(ShopDb db)
            {
                private readonly Dictionary<string, Customer> cache = new();

                public Customer[] Save(Customer customer)
                {
                    var cacheKey = GetCacheKey(customer.Id);
                    cache[cacheKey] = customer;
                    return db.Customers.Where(c => c.Id == customer.Id).ToArray();
                }

                private static string GetCacheKey(int id) => "customer-" + id;
            }

            public class C
            {
                public void M(UserData data, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        {|PERF101:data.Save(customer)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_before_it_writes_a_cache_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Settings
            {
                private readonly ShopDb db;
                private readonly Microsoft.Extensions.Caching.Memory.IMemoryCache cache;
                public Settings(ShopDb db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache) { this.db = db; this.cache = cache; }

                public async Task<string?> Refresh(int id)
                {
                    var email = await db.Customers.Where(c => c.Id == id).Select(c => c.Email).FirstOrDefaultAsync();
                    using var entry = cache.CreateEntry("email:" + id);
                    entry.Value = email;
                    return email;
                }
            }

            public class C
            {
                public async Task M(Settings settings, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF101:settings.Refresh(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_whose_if_condition_runs_the_query_through_a_field_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Scheduler
            {
                private readonly ShopDb data;
                public Scheduler(ShopDb data) => this.data = data;

                // Letterbook's ActivityScheduler.Deliver: the lookup is the if's condition and runs on every call.
                public async Task Deliver(int customerId, string message)
                {
                    if (await data.Customers.Where(c => c.Id == customerId).SingleOrDefaultAsync() is not { } customer)
                    {
                        return;
                    }

                    Console.WriteLine(customer.Name + message);
                }
            }

            public class C
            {
                public async Task M(Scheduler scheduler, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF101:scheduler.Deliver(order.CustomerId, "shipped")|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_only_on_the_first_call_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Lookup
            {
                private readonly ShopDb db;
                private Dictionary<int, string>? names;
                public Lookup(ShopDb db) => this.db = db;

                public string Name(int id)
                {
                    if (names == null)
                    {
                        names = db.Customers.ToDictionary(c => c.Id, c => c.Name);
                    }

                    return names[id];
                }
            }

            public class C
            {
                public void M(Lookup lookup, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var name = lookup.Name(order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_under_a_guard_against_an_empty_value_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Tree
            {
                private readonly ShopDb db;
                public Tree(ShopDb db) => this.db = db;

                public void DeleteBranch(Order order, Guid marker, string name)
                {
                    if (order != null && marker != Guid.Empty && name != string.Empty)
                    {
                        var lines = db.Lines.Where(l => l.OrderId == order.Id).ToList();
                        db.Lines.RemoveRange(lines);
                    }
                }
            }

            public class C
            {
                public void M(Tree tree, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        {|PERF101:tree.DeleteBranch(order, Guid.NewGuid(), "branch")|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_only_in_a_mode_its_caller_chooses_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public enum ImageKind { Primary, Chapter }

            public class Images
            {
                private readonly ShopDb db;
                public Images(ShopDb db) => this.db = db;

                public string? Describe(Order order, ImageKind kind)
                {
                    if (kind == ImageKind.Chapter)
                    {
                        return db.Lines.FirstOrDefault(l => l.OrderId == order.Id)?.Sku;
                    }

                    return null;
                }
            }

            public class C
            {
                public void M(Images images, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        images.Describe(order, ImageKind.Primary);
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_in_a_mode_given_as_a_pattern_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public enum ImageKind { Primary, Chapter }

            public class Images
            {
                private readonly ShopDb db;
                public Images(ShopDb db) => this.db = db;

                public string? Describe(Order order, ImageKind kind)
                    => kind is ImageKind.Chapter ? db.Lines.FirstOrDefault(l => l.OrderId == order.Id)?.Sku : null;
            }

            public class C
            {
                public void M(Images images, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        images.Describe(order, ImageKind.Primary);
                    }
                }
            }
            """);

        // mixcore's CreateRefColumn: the branch depends on each relationship's kind, not on a mode the caller chose.
        [Fact]
        public Task Method_that_queries_in_a_branch_on_a_member_of_its_argument_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public enum RelationKind { OneToOne, OneToMany }
            public class Relation { public RelationKind Kind { get; set; } public string Target { get; set; } = ""; }

            public class Schema
            {
                private readonly ShopDb db;
                public Schema(ShopDb db) => this.db = db;

                public async Task SaveAsync(List<Relation> relations)
                {
                    foreach (var relation in relations)
                    {
                        await {|PERF101:CreateReferenceAsync(relation)|};
                    }
                }

                private async Task CreateReferenceAsync(Relation relation)
                {
                    if (relation.Kind == RelationKind.OneToMany)
                    {
                        if (!await db.Customers.AnyAsync(c => c.Name == relation.Target))
                        {
                            db.Customers.Add(new Customer { Name = relation.Target });
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_once_under_a_loaded_flag_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Settings
            {
                private readonly ShopDb db;
                private bool loaded;
                private List<Customer> customers = new();
                public Settings(ShopDb db) => this.db = db;

                public void Load()
                {
                    if (!loaded)
                    {
                        customers = db.Customers.ToList();
                        loaded = true;
                    }
                }
            }

            public class C
            {
                public void M(Settings settings, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        settings.Load();
                    }
                }
            }
            """);

        // A guard on configuration selects the calls that query; it does not limit the query to the first call.
        [Fact]
        public Task Method_that_queries_under_an_options_check_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class AuditOptions { public bool CheckCustomers { get; set; } }

            public class Audit
            {
                private readonly ShopDb db;
                private readonly Microsoft.Extensions.Options.IOptions<AuditOptions> options;
                public Audit(ShopDb db, Microsoft.Extensions.Options.IOptions<AuditOptions> options) { this.db = db; this.options = options; }

                public async Task CheckAsync(Order order)
                {
                    if (options.Value.CheckCustomers)
                    {
                        await db.Customers.AnyAsync(c => c.Id == order.CustomerId);
                    }
                }
            }

            public class C
            {
                public async Task M(Audit audit, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        await {|PERF101:audit.CheckAsync(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_under_a_readonly_flag_set_at_construction_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Audit
            {
                private readonly ShopDb db;
                private readonly bool checkCustomers;
                public Audit(ShopDb db, bool checkCustomers) { this.db = db; this.checkCustomers = checkCustomers; }

                public bool Check(Order order)
                {
                    if (checkCustomers)
                    {
                        return db.Customers.Any(c => c.Id == order.CustomerId);
                    }

                    return true;
                }
            }

            public class C
            {
                public void M(Audit audit, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        {|PERF101:audit.Check(order)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_when_a_service_allows_it_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Permissions { public bool CanRead(int customerId) => customerId > 0; }

            public class Reader
            {
                private readonly ShopDb db;
                private readonly Permissions permissions;
                public Reader(ShopDb db, Permissions permissions) { this.db = db; this.permissions = permissions; }

                public Customer? Read(int customerId)
                {
                    if (permissions.CanRead(customerId))
                    {
                        return db.Customers.FirstOrDefault(c => c.Id == customerId);
                    }

                    return null;
                }
            }

            public class C
            {
                public void M(Reader reader, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        {|PERF101:reader.Read(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_fills_a_readonly_dictionary_on_its_first_call_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Names
            {
                private readonly ShopDb db;
                private readonly Dictionary<int, string> byId = new();
                public Names(ShopDb db) => this.db = db;

                public string Name(int id)
                {
                    if (byId.Count == 0)
                    {
                        foreach (var customer in db.Customers.ToList())
                        {
                            byId[customer.Id] = customer.Name;
                        }
                    }

                    return byId[id];
                }
            }

            public class C
            {
                public void M(Names names, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        names.Name(order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_loads_settings_into_a_field_on_its_first_call_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Settings
            {
                private readonly ShopDb db;
                private Customer? owner;
                public Settings(ShopDb db) => this.db = db;

                public async Task<Customer?> OwnerAsync()
                {
                    if (owner == null)
                    {
                        owner = await db.Customers.FirstOrDefaultAsync(c => c.Id == 1);
                    }

                    return owner;
                }
            }

            public class C
            {
                public async Task M(Settings settings, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        await settings.OwnerAsync();
                    }
                }
            }
            """);

        // Oqtane's TenantManager.GetAlias: a scoped state object remembers the answer of the first call.
        [Fact]
        public Task Method_that_remembers_its_answer_in_a_readonly_state_holder_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class RequestState { public Customer? Owner { get; set; } }

            public class Owners
            {
                private readonly ShopDb db;
                private readonly RequestState state;
                public Owners(ShopDb db, RequestState state) { this.db = db; this.state = state; }

                public Customer? Owner()
                {
                    Customer? owner;
                    if (state.Owner != null)
                    {
                        owner = state.Owner;
                    }
                    else
                    {
                        owner = db.Customers.FirstOrDefault(c => c.Id == 1);
                        state.Owner = owner;
                    }

                    return owner;
                }
            }

            public class C
            {
                public void M(Owners owners, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        owners.Owner();
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_queries_on_a_miss_of_a_readonly_cache_service_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerCache
            {
                private readonly Dictionary<int, Customer?> entries = new();
                public bool Has(int id) => entries.ContainsKey(id);
                public Customer? Get(int id) => entries[id];
                public void Put(int id, Customer? customer) => entries[id] = customer;
            }

            public class Customers
            {
                private readonly ShopDb db;
                private readonly CustomerCache customers;
                public Customers(ShopDb db, CustomerCache customers) { this.db = db; this.customers = customers; }

                public Customer? Get(int id)
                {
                    if (!customers.Has(id))
                    {
                        customers.Put(id, db.Customers.FirstOrDefault(c => c.Id == id));
                    }

                    return customers.Get(id);
                }
            }

            public class C
            {
                public void M(Customers customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        customers.Get(order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_caches_with_TryGetValue_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Lookup
            {
                private readonly ShopDb db;
                private readonly Dictionary<int, Customer?> cache = new();
                public Lookup(ShopDb db) => this.db = db;

                public Customer? Get(int id)
                {
                    if (!cache.TryGetValue(id, out var customer))
                    {
                        cache[id] = customer = db.Customers.FirstOrDefault(c => c.Id == id);
                    }

                    return customer;
                }
            }

            public class C
            {
                public void M(Lookup lookup, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        lookup.Get(order.CustomerId);
                    }
                }
            }
            """);

        [Fact]
        public Task Helper_called_outside_the_loop_body_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                private readonly ShopDb db;
                public Store(ShopDb db) => this.db = db;
                public List<Order> Recent() => db.Orders.Take(10).ToList();
                public string Format(Order order) => order.Id.ToString();
            }

            public class C
            {
                public void M(Store store)
                {
                    foreach (var order in store.Recent())
                    {
                        var text = store.Format(order);
                    }
                }
            }
            """);

        [Fact]
        public Task Recursive_helper_does_not_hang_and_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Tree
            {
                public int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);
            }

            public class C
            {
                public void M(Tree tree, List<int> items)
                {
                    foreach (var item in items)
                    {
                        tree.Depth(item);
                    }
                }
            }
            """);

        [Fact]
        public Task Query_four_calls_down_is_beyond_the_depth_limit() => VerifyCS.AnalyzerAsync(Model + """
            public class Chain
            {
                private readonly ShopDb db;
                public Chain(ShopDb db) => this.db = db;
                public int A(int id) => B(id);
                public int B(int id) => D(id);
                public int D(int id) => E(id);
                public int E(int id) => db.Customers.Count(c => c.Id == id);
            }

            public class C
            {
                public void M(Chain chain, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        chain.A(id);
                    }
                }
            }
            """);
    
        // The answer for a call must not depend on which call the compiler analysed first: here the first loop summarises
        // D (or the interface method); the second loop's chain meets that summary deeper than the depth limit allows.
        [Fact]
        public Task A_summary_found_for_a_shallower_call_does_not_extend_the_depth_limit() => VerifyCS.AnalyzerAsync(Model + """
            public class Chain
            {
                private readonly ShopDb db;
                public Chain(ShopDb db) => this.db = db;
                public int A(int id) => B(id);
                public int B(int id) => D(id);
                public int D(int id) => E(id);
                public int E(int id) => db.Customers.Count(c => c.Id == id);
            }

            public class C
            {
                public void M(Chain chain, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|PERF101:chain.D(id)|};
                    }

                    foreach (var id in ids)
                    {
                        chain.A(id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_summary_found_through_an_interface_does_not_extend_the_depth_limit() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRatings { int Max(int id); }

            public class Ratings : IRatings
            {
                private readonly ShopDb db;
                public Ratings(ShopDb db) => this.db = db;
                public int Max(int id) => db.Orders.Where(o => o.CustomerId == id).Max(o => o.Id);
            }

            public class Lists
            {
                private readonly IRatings ratings;
                public Lists(IRatings ratings) => this.ratings = ratings;
                public int Rate(int id) => RateAll(id);
                private int RateAll(int id) => RateOne(id);
                private int RateOne(int id) => ratings.Max(id);
            }

            public class C
            {
                public void M(IRatings ratings, Lists lists, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|PERF101:ratings.Max(id)|};
                    }

                    foreach (var id in ids)
                    {
                        lists.Rate(id);
                    }
                }
            }
            """);

        [Fact]
        public Task An_interface_and_its_implementation_take_one_level() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRatings { int Max(int id); }

            public class Ratings : IRatings
            {
                private readonly ShopDb db;
                public Ratings(ShopDb db) => this.db = db;
                public int Max(int id) => db.Orders.Where(o => o.CustomerId == id).Max(o => o.Id);
            }

            public class Lists
            {
                private readonly IRatings ratings;
                public Lists(IRatings ratings) => this.ratings = ratings;
                public int Rate(int id) => RateAll(id);
                private int RateAll(int id) => ratings.Max(id);
            }

            public class C
            {
                public void M(Lists lists, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|PERF101:lists.Rate(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Query_followed_by_a_null_coalescing_throw_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Customers
            {
                private readonly ShopDb db;
                public Customers(ShopDb db) => this.db = db;
                public async Task<Customer> Get(int id) => await db.Customers.FirstOrDefaultAsync(c => c.Id == id) ?? throw new InvalidOperationException();
            }

            public class C
            {
                public async Task M(Customers customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = await {|PERF101:customers.Get(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Method_that_caches_in_a_field_with_coalescing_assignment_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Lookup
            {
                private readonly ShopDb db;
                private List<Customer>? all;
                public Lookup(ShopDb db) => this.db = db;
                public List<Customer> All() => all ??= db.Customers.ToList();
            }

            public class C
            {
                public void M(Lookup lookup, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var count = lookup.All().Count;
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_whose_query_follows_a_throw_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Legacy
            {
                private readonly ShopDb db;
                public Legacy(ShopDb db) => this.db = db;

                public Task<Customer?> Find(int id)
                {
                    throw new System.NotSupportedException("disabled");
                    return db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                }
            }

            public class C
            {
                public async Task M(Legacy legacy, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await legacy.Find(id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_returns_its_query_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Lookup
            {
                private readonly ShopDb db;
                public Lookup(ShopDb db) => this.db = db;

                public Task<Customer?> Find(int id)
                {
                    return db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                }
            }

            public class C
            {
                public async Task M(Lookup lookup, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF101:lookup.Find(id)|};
                    }
                }
            }
            """);
    
        private const string EpisodeSync = Model + """
            public class PageDto { public int TotalSize; public string[] Keys = Array.Empty<string>(); }
            public interface IMediaApi { Task<PageDto> GetAllEpisodes(string section, int start, int retCount); }

            public class Episodes
            {
                private readonly ShopDb db;
                public Episodes(ShopDb db) => this.db = db;

                public async Task Process(string[] keys)
                {
                    foreach (var key in keys)
                    {
                        var found = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Name == key)|};
                    }
                }

                public async Task<Customer?> FindWithRetry(string key)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await db.Customers.FirstOrDefaultAsync(c => c.Name == key);
                        }
                        catch (InvalidOperationException) when (attempt < 3)
                        {
                        }
                    }
                }
            }

            """;

        [Fact]
        public Task A_method_whose_query_is_reported_in_its_own_loop_is_not_reported_again_at_the_call() => VerifyCS.AnalyzerAsync(EpisodeSync + """
            public class Cacher
            {
                public async Task CacheAll(Episodes episodes, List<PageDto> sections)
                {
                    foreach (var section in sections)
                    {
                        await episodes.Process(section.Keys);
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_that_retries_its_query_in_a_loop_runs_it_on_every_call() => VerifyCS.AnalyzerAsync(EpisodeSync + """
            public class Cacher
            {
                public async Task CacheAll(Episodes episodes, List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var found = await {|PERF101:episodes.FindWithRetry(key)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_loop_that_pages_an_api_through_a_start_parameter_is_a_batch_loop() => VerifyCS.AnalyzerAsync(EpisodeSync + """
            public class Cacher
            {
                public async Task Run(IMediaApi api, ShopDb db, string section)
                {
                    var position = 0;
                    var size = 150;
                    var first = await api.GetAllEpisodes(section, position, size);
                    position += size;
                    while (position < first.TotalSize)
                    {
                        var page = await api.GetAllEpisodes(section, position, size);
                        var known = await db.Customers.CountAsync(c => page.Keys.Contains(c.Name));
                        position += size;
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_whose_loop_queries_as_a_periodic_flush_is_not_reported_at_the_call() => VerifyCS.AnalyzerAsync(Model + """
            public class MovieSync
            {
                private readonly ShopDb db;
                public MovieSync(ShopDb db) => this.db = db;

                public async Task Loop(IEnumerable<string> incoming, HashSet<Customer> pending)
                {
                    foreach (var name in incoming)
                    {
                        pending.Add(new Customer { Name = name });
                        if (pending.Count > 500)
                        {
                            var names = pending.Select(p => p.Name).ToList();
                            var existing = await db.Customers.Where(c => names.Contains(c.Name)).Select(c => c.Name).ToListAsync();
                            pending.Clear();
                        }
                    }
                }
            }

            public class C
            {
                public async Task M(MovieSync sync, List<List<string>> libraries)
                {
                    var pending = new HashSet<Customer>();
                    foreach (var library in libraries)
                    {
                        await sync.Loop(library, pending);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_per_customer_to_a_method_that_drains_its_rows_in_batches_is_not_reported() => VerifyCS.AnalyzerAsync(SitePurge + """
            public class PurgeJob
            {
                public void Run(OrderPurge purge, List<int> customerIds)
                {
                    foreach (var id in customerIds)
                    {
                        try { purge.Purge(id, 0m); }
                        catch (Exception) { }
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_per_customer_to_a_method_that_reads_one_batch_without_draining_is_reported() => VerifyCS.AnalyzerAsync(SitePurge + """
            public class PurgeJob
            {
                public int Run(OrderPurge purge, List<int> customerIds)
                {
                    var total = 0;
                    foreach (var id in customerIds)
                    {
                        total += {|PERF101:purge.CountOld(id, 0m)|};
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task The_first_batch_of_a_drain_written_in_the_loop_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class PurgeJob
            {
                public void Run(ShopDb db, List<int> customerIds)
                {
                    foreach (var id in customerIds)
                    {
                        var batch = db.Orders.Where(o => o.CustomerId == id && o.Total < 0).OrderBy(o => o.Id).Take(100).ToList();
                        while (batch.Count > 0)
                        {
                            db.Orders.RemoveRange(batch);
                            db.SaveChanges();
                            batch = db.Orders.Where(o => o.CustomerId == id && o.Total < 0).OrderBy(o => o.Id).Take(100).ToList();
                        }
                    }
                }
            }
            """);

        // ---- A flush that closes a loop's batches, and a request object whose page the loop turns (Jellyfin's tasks) ----

        private const string Persistence = Model + """
            public class Persistence
            {
                private readonly ShopDb db;
                public Persistence(ShopDb db) => this.db = db;

                public void SaveItems(List<Order> items)
                {
                    var ids = items.Select(i => i.Id).ToList();
                    var known = db.Orders.Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToHashSet();
                    db.Orders.AddRange(items.Where(i => !known.Contains(i.Id)));
                    db.SaveChanges();
                }

                public int CountFor(int customerId) => db.Orders.Count(o => o.CustomerId == customerId);
            }

            public class ItemsQuery { public int StartIndex { get; set; } public int Limit { get; set; } public int CustomerId { get; set; } }

            public class Library
            {
                private readonly ShopDb db;
                public Library(ShopDb db) => this.db = db;
                public List<Order> GetItemList(ItemsQuery q)
                    => db.Orders.Where(o => o.CustomerId == q.CustomerId).OrderBy(o => o.Id).Skip(q.StartIndex).Take(q.Limit).ToList();
            }

            """;

        [Theory]
        [InlineData("persistence.SaveItems(pending);")]
        [InlineData("if (pending.Count > 0) { persistence.SaveItems(pending); }")]
        public Task A_closing_flush_through_a_call_that_reads_and_saves_is_not_reported(string closingFlush) => VerifyCS.AnalyzerAsync(Persistence + $$"""
            public class NormalizationTask
            {
                public void Run(Persistence persistence, List<List<Order>> libraries)
                {
                    foreach (var library in libraries)
                    {
                        var pending = new List<Order>();
                        foreach (var item in library)
                        {
                            pending.Add(item);
                            if (pending.Count >= 100)
                            {
                                persistence.SaveItems(pending);
                                pending.Clear();
                            }
                        }

                        {{closingFlush}}
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_that_reads_and_saves_after_a_loop_that_does_not_flush_is_reported() => VerifyCS.AnalyzerAsync(Persistence + """
            public class NormalizationTask
            {
                public void Run(Persistence persistence, List<List<Order>> libraries)
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
                            {|PERF101:persistence.SaveItems(pending)|};
                        }
                    }
                }
            }
            """);

        private const string SimilarItemsBase = Model + """
            public class SimilarItemsBase
            {
                protected readonly ShopDb db;
                protected SimilarItemsBase(ShopDb db) => this.db = db;

                protected int Resolve(List<int> ids) => db.Orders.Count(o => ids.Contains(o.Id));
            }

            """;

        [Theory]
        [InlineData("if (pending.Count > 0) { found += Resolve(pending); }")]
        [InlineData("found += Resolve(pending);")]
        public Task A_read_of_the_last_partial_batch_after_a_loop_that_reads_every_batch_is_not_reported(string lastBatch) => VerifyCS.AnalyzerAsync(SimilarItemsBase + $$"""
            public class SimilarItems : SimilarItemsBase
            {
                public SimilarItems(ShopDb db) : base(db) { }

                public int Run(List<List<int>> providers)
                {
                    var found = 0;
                    foreach (var references in providers)
                    {
                        var pending = new List<int>();
                        foreach (var reference in references)
                        {
                            pending.Add(reference);
                            if (pending.Count >= 20)
                            {
                                found += Resolve(pending);
                                pending.Clear();
                            }
                        }

                        {{lastBatch}}
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task A_read_after_a_loop_that_reads_in_batches_through_another_method_is_reported() => VerifyCS.AnalyzerAsync(SimilarItemsBase + """
            public class SimilarItems : SimilarItemsBase
            {
                public SimilarItems(ShopDb db) : base(db) { }

                private int CountAll(List<int> ids) => db.Lines.Count(l => ids.Contains(l.OrderId));

                public int Run(List<List<int>> providers)
                {
                    var found = 0;
                    foreach (var references in providers)
                    {
                        var pending = new List<int>();
                        foreach (var reference in references)
                        {
                            pending.Add(reference);
                            if (pending.Count >= 20)
                            {
                                found += Resolve(pending);
                                pending.Clear();
                            }
                        }

                        if (pending.Count > 0)
                        {
                            found += {|PERF101:CountAll(pending)|};
                        }
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task A_read_only_call_after_an_inner_chunk_loop_is_reported() => VerifyCS.AnalyzerAsync(Persistence + """
            public class Report
            {
                public int Run(Persistence persistence, List<List<Order>> customers)
                {
                    var total = 0;
                    foreach (var orders in customers)
                    {
                        foreach (var batch in orders.Chunk(100))
                        {
                            total += batch.Length;
                        }

                        total += {|PERF101:persistence.CountFor(orders[0].CustomerId)|};
                    }

                    return total;
                }
            }
            """);

        [Theory]
        [InlineData("query.StartIndex = startIndex;", "startIndex += 100;")]
        [InlineData("", "query.StartIndex += 100;")]
        public Task A_loop_that_turns_the_page_of_a_request_object_is_not_reported(string setPage, string advance) => VerifyCS.AnalyzerAsync(Persistence + $$"""
            public class ExtractionTask
            {
                public void Run(Library library, int total)
                {
                    var query = new ItemsQuery { Limit = 100 };
                    var startIndex = 0;
                    while (startIndex < total && query.StartIndex < total)
                    {
                        {{setPage}}
                        var page = library.GetItemList(query);
                        {{advance}}
                    }
                }
            }
            """);

        [Theory]
        [InlineData("filter.From += filter.Size;", "workshops.GetAll(filter)")]
        [InlineData("filter.From += step;", "{|PERF101:workshops.GetAll(filter)|}")]
        public Task A_drain_that_moves_a_filters_offset_by_its_own_size_is_a_batch_loop(string advance, string nextPage) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class OffsetFilter { public int From { get; set; } public int Size { get; set; } }

            public class Workshops
            {
                private readonly ShopDb db;
                public Workshops(ShopDb db) => this.db = db;
                public List<Order> GetAll(OffsetFilter filter) => db.Orders.OrderBy(o => o.Id).Skip(filter.From).Take(filter.Size).ToList();
            }

            public class ReIndex
            {
                public void Run(Workshops workshops, int step)
                {
                    var filter = new OffsetFilter { From = 0, Size = 500 };
                    var data = workshops.GetAll(filter);
                    while (data.Count > 0)
                    {
                        {{advance}}
                        data = {{nextPage}};
                    }
                }
            }
            """);

        [Theory]
        [InlineData("query.CustomerId = customerId;")]
        [InlineData("query.Limit = customerId;")]
        public Task A_loop_that_sets_another_member_of_a_request_object_is_reported(string setMember) => VerifyCS.AnalyzerAsync(Persistence + $$"""
            public class ExtractionTask
            {
                public void Run(Library library, List<int> customerIds)
                {
                    var query = new ItemsQuery { Limit = 100 };
                    foreach (var customerId in customerIds)
                    {
                        {{setMember}}
                        var page = {|PERF101:library.GetItemList(query)|};
                    }
                }
            }
            """);

        // ---- A call that reads nothing of the iteration can run once before the loop ----

        private const string Users = Model + """
            public class UserManager
            {
                private readonly ShopDb db;
                public UserManager(ShopDb db) => this.db = db;
                public Customer? GetUserById(int id) => db.Customers.FirstOrDefault(c => c.Id == id);
                public Customer? Current() => db.Customers.FirstOrDefault();
            }

            """;

        private static DiagnosticResult ThroughCall(string name, string path, string loop, string suffix)
            => new DiagnosticResult(PerfAnalyzers.Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments(name, "('" + path + "') on each iteration of the loop over '" + loop + "'", suffix);

        [Fact]
        public Task A_call_that_reads_nothing_of_the_iteration_says_it_can_run_before_the_loop() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                public void M(UserManager users, List<Order> orders, int userId)
                {
                    foreach (var order in orders)
                    {
                        var user = {|#0:users.GetUserById(userId)|};
                    }
                }
            }
            """, expected: ThroughCall("GetUserById", "FirstOrDefault", "order", "; it does not depend on the loop, so run it once before the loop"));

        [Fact]
        public Task A_call_that_reads_the_element_has_no_hoisting_advice() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                public void M(UserManager users, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var user = {|#0:users.GetUserById(order.CustomerId)|};
                    }
                }
            }
            """, expected: ThroughCall("GetUserById", "FirstOrDefault", "order", ""));

        [Theory]
        [InlineData("if (order.Total > 100)")]
        [InlineData("if (order.CustomerId != userId)")]
        public Task A_call_in_a_branch_chosen_per_element_has_no_hoisting_advice(string branch) => VerifyCS.AnalyzerAsync(Users + $$"""
            public class C
            {
                public void M(UserManager users, List<Order> orders, int userId)
                {
                    foreach (var order in orders)
                    {
                        {{branch}}
                        {
                            var user = {|#0:users.GetUserById(userId)|};
                        }
                    }
                }
            }
            """, expected: ThroughCall("GetUserById", "FirstOrDefault", "order", ""));

        [Fact]
        public Task A_call_in_a_switch_on_the_element_has_no_hoisting_advice() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                public void M(UserManager users, List<Order> orders, int userId)
                {
                    foreach (var order in orders)
                    {
                        switch (order.CustomerId)
                        {
                            case 1:
                                var user = {|#0:users.GetUserById(userId)|};
                                break;
                        }
                    }
                }
            }
            """, expected: ThroughCall("GetUserById", "FirstOrDefault", "order", ""));

        [Fact]
        public Task A_call_in_a_branch_fixed_for_the_loop_keeps_its_hoisting_advice() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                public void M(UserManager users, List<Order> orders, int userId, bool audit)
                {
                    foreach (var order in orders)
                    {
                        if (audit)
                        {
                            var user = {|#0:users.GetUserById(userId)|};
                        }
                    }
                }
            }
            """, expected: ThroughCall("GetUserById", "FirstOrDefault", "order", "; it does not depend on the loop, so run it once before the loop"));

        [Fact]
        public Task A_call_for_the_one_element_with_a_given_key_is_not_reported() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                public void M(UserManager users, List<Order> orders, int userId, int currentOrderId)
                {
                    foreach (var order in orders)
                    {
                        if (order.Id == currentOrderId)
                        {
                            var user = users.GetUserById(userId);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_without_arguments_has_no_hoisting_advice() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                public void M(UserManager users, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var user = {|#0:users.Current()|};
                    }
                }
            }
            """, expected: ThroughCall("Current", "FirstOrDefault", "order", ""));

        [Fact]
        public Task A_call_in_a_loop_that_writes_this_objects_state_has_no_hoisting_advice() => VerifyCS.AnalyzerAsync(Users + """
            public class C
            {
                private int current;

                public void M(UserManager users, List<Order> orders, int userId)
                {
                    foreach (var order in orders)
                    {
                        current = order.Id;
                        var user = {|#0:users.GetUserById(userId)|};
                    }
                }
            }
            """, expected: ThroughCall("GetUserById", "FirstOrDefault", "order", ""));
    
        // OpenDeepWiki's chat worker starts one consumer per degree of concurrency; each reads a channel as messages arrive.
        [Fact]
        public Task A_call_that_starts_a_worker_on_its_own_schedule_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Worker(ShopDb db)
            {
                public Task Run(System.Threading.Channels.Channel<int> channel, int concurrency, CancellationToken token)
                    => Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => ConsumeAsync(channel.Reader, token)));

                public async Task Poll(List<string> regions, CancellationToken token)
                {
                    foreach (var region in regions)
                    {
                        _ = PollAsync(region, token);
                    }

                    await Task.CompletedTask;
                }

                private async Task ConsumeAsync(System.Threading.Channels.ChannelReader<int> reader, CancellationToken token)
                {
                    await foreach (var id in reader.ReadAllAsync(token))
                    {
                        Console.WriteLine(await db.Orders.FindAsync(new object[] { id }, token));
                    }
                }

                private async Task PollAsync(string region, CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        Console.WriteLine(await db.Customers.CountAsync(c => c.Name == region, token));
                        await Task.Delay(1000, token);
                    }
                }
            }
            """);

        // FluentCMS's caching repositories: a read the decorator answers from its cache is not a query per call; a write it
        // hands on is the wrapped repository's.
        [Fact]
        public Task A_read_a_caching_decorator_answers_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IRepository<T> { Task<List<T>> GetAll(); Task<T?> Find(int id); }

            public class EfRepository<T>(ShopDb db) : IRepository<T> where T : class
            {
                public Task<List<T>> GetAll() => db.Set<T>().ToListAsync();
                public async Task<T?> Find(int id) => await db.Set<T>().FindAsync(id);
            }

            public class CachingRepository<T>(IRepository<T> inner, Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : IRepository<T>
            {
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

                public Task<T?> Find(int id) => inner.Find(id);
            }

            public class C
            {
                public async Task M(IRepository<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var all = await customers.GetAll();
                        var one = await {|PERF101:customers.Find(order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_that_probes_for_an_unused_random_value_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Codes(ShopDb db)
            {
                public Task<bool> IsTaken(string code) => db.Customers.AnyAsync(c => c.Name == code);

                public async Task<string> NewCode()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        var code = Guid.NewGuid().ToString("N");
                        if (!await IsTaken(code))
                        {
                            return code;
                        }
                    }

                    throw new InvalidOperationException();
                }
            }
            """);

        // Remotely's schedule dispatcher: RunScript(.., runAsHostedService: true) queries only in the else branch.
        private const string FlagWithElse = Model + """
            public class Scripts(ShopDb db)
            {
                public string Name { get; set; } = "";

                public int[] Run(int orderId, bool hosted)
                {
                    if (hosted)
                    {
                        Name = "host";
                    }
                    else if (Name != "")
                    {
                        return db.Orders.Where(o => o.Id == orderId).Select(o => o.Id).ToArray();
                    }

                    return new int[0];
                }

                public int[] Both(int orderId, bool hosted)
                {
                    if (hosted)
                    {
                        return db.Orders.Select(o => o.Id).ToArray();
                    }
                    else
                    {
                        return db.Lines.Select(l => l.Id).ToArray();
                    }
                }
            }

            """;

        [Fact]
        public Task A_call_whose_flag_takes_the_branch_without_the_query_is_not_reported() => VerifyCS.AnalyzerAsync(FlagWithElse + """
            public class C
            {
                public void M(Scripts scripts, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        scripts.Run(id, hosted: true);
                    }
                }
            }
            """);

        [Fact]
        public Task A_call_whose_flag_takes_the_branch_with_the_query_or_queries_either_way_is_reported() => VerifyCS.AnalyzerAsync(FlagWithElse + """
            public class C
            {
                public void M(Scripts scripts, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|PERF101:scripts.Run(id, false)|};
                        {|PERF101:scripts.Both(id, true)|};
                    }
                }
            }
            """);

        // PlexRipper's GetDownloadTaskAsync(id, type): a lookup by kind whose every case queries its own table.
        [Fact]
        public Task A_method_whose_every_case_of_a_switch_on_a_parameter_queries_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public enum Kind { None, Customer, Order }

            public class Lookup(ShopDb db)
            {
                public async Task<string?> Describe(int id, Kind kind)
                {
                    switch (kind)
                    {
                        case Kind.Customer:
                            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                            return customer?.Name;
                        case Kind.Order:
                            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id);
                            return order?.Total.ToString();
                        default:
                            return null;
                    }
                }

                public async Task DescribeAll(List<int> ids, Kind kind)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF101:Describe(id, kind)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_with_a_case_of_a_switch_on_a_parameter_that_does_not_query_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public enum Kind { None, Customer, Order, Guest }

            public class Lookup(ShopDb db)
            {
                public async Task<string?> Describe(int id, Kind kind)
                {
                    switch (kind)
                    {
                        case Kind.Customer:
                            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                            return customer?.Name;
                        case Kind.Order:
                            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id);
                            return order?.Total.ToString();
                        case Kind.Guest:
                            return "guest";
                        default:
                            return null;
                    }
                }

                public async Task DescribeAll(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await Describe(id, Kind.Guest);
                    }
                }
            }
            """);

        [Fact]
        public Task A_method_whose_only_querying_case_of_a_switch_on_a_parameter_is_one_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public enum Kind { None, Customer }

            public class Lookup(ShopDb db)
            {
                public async Task<string?> Describe(int id, Kind kind)
                {
                    switch (kind)
                    {
                        case Kind.Customer:
                            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id);
                            return customer?.Name;
                        default:
                            return null;
                    }
                }

                public async Task DescribeAll(List<int> ids, Kind kind)
                {
                    foreach (var id in ids)
                    {
                        await Describe(id, kind);
                    }
                }
            }
            """);
    }
}
