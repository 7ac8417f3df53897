using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Database;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF105SaveChangesInLoopTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_SaveChanges_inside_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_awaited_SaveChangesAsync_inside_for() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    for (var i = 0; i < orders.Count; i++)
                    {
                        orders[i].Total += 1;
                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        // Audit.NET's AuditDbContext as an application references it (the package is not on the feed): a DbContext of a
        // package that overrides the saves to write an audit trail.
        private static readonly Lazy<MetadataReference> AuditPackage = new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Audit.EntityFramework", """
            namespace Audit.EntityFramework
            {
                public abstract class AuditDbContext : Microsoft.EntityFrameworkCore.DbContext
                {
                    public override int SaveChanges() => base.SaveChanges();
                    public override System.Threading.Tasks.Task<int> SaveChangesAsync(System.Threading.CancellationToken cancellationToken = default) => base.SaveChangesAsync(cancellationToken);
                }
            }
            """, Frameworks.EfCore));

        // A TB surveillance service's import logger saves each warning through a context built on AuditDbContext.
        [Fact]
        public Task Reports_a_save_of_a_context_built_on_a_package_context_that_overrides_the_saves()
        {
            var test = new CSharpAnalyzerTest<PERF105SaveChangesInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                public class ImportLog { public int Id { get; set; } public string Text { get; set; } = ""; }

                public class NtbsContext : Audit.EntityFramework.AuditDbContext
                {
                    public DbSet<ImportLog> ImportLogs => Set<ImportLog>();
                }

                public class ImportLogger(NtbsContext context)
                {
                    public async Task LogAll(List<string> warnings)
                    {
                        foreach (var warning in warnings)
                        {
                            context.ImportLogs.Add(new ImportLog { Text = warning });
                            await {|PERF105:context.SaveChangesAsync()|};
                        }
                    }
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(AuditPackage.Value);
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_a_save_under_a_test_of_another_member_than_the_key() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, int customerId)
                {
                    foreach (var order in orders)
                    {
                        if (order.CustomerId == customerId)
                        {
                            order.Total += 1;
                            {|PERF105:db.SaveChanges()|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_for_the_one_element_with_a_given_key_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, int currentOrderId)
                {
                    foreach (var order in orders)
                    {
                        if (order.Id == currentOrderId)
                        {
                            order.Total += 1;
                            db.SaveChanges();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_save_in_a_while_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, Queue<Customer> pending)
                {
                    while (pending.Count > 0)
                    {
                        db.Customers.Add(pending.Dequeue());
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_save_in_a_per_element_lambda() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    customers.ForEach(c =>
                    {
                        db.Customers.Add(c);
                        {|PERF105:db.SaveChanges()|};
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_save_whose_generated_key_is_read_back_in_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<int>> M(ShopDb db, List<string> names)
                {
                    var ids = new List<int>();
                    foreach (var name in names)
                    {
                        var customer = new Customer { Name = name };
                        db.Customers.Add(customer);
                        await {|PERF105:db.SaveChangesAsync()|};
                        ids.Add(customer.Id);
                    }

                    return ids;
                }
            }
            """);

        // ---- A periodic flush resets its own gate; anything else under an if still saves per element ----

        [Theory]
        [InlineData("if (i % 2 == 0)", "")]                                   // every other element is still one save per two
        [InlineData("if (order.Total > limit)", "order.Total = 0;")]          // the element's own value, reset per element
        [InlineData("if (dirty)", "dirty = false;")]                           // a flag set per element, not a threshold
        [InlineData("if (count >= 100)", "")]                                  // never reset: every element after the hundredth
        [InlineData("if (count >= 100)", "limit = 0;")]                        // resets something else than what it compares
        public Task Reports_a_save_under_a_condition_that_is_not_a_periodic_flush(string condition, string reset) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                public void M(ShopDb db, List<Order> orders, bool dirty, decimal limit)
                {
                    var count = 0;
                    for (var i = 0; i < orders.Count; i++)
                    {
                        var order = orders[i];
                        order.Total += 1;
                        count++;
                        {{condition}}
                        {
                            {|PERF105:db.SaveChanges()|};
                            {{reset}}
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_flush_of_a_list_declared_in_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var pending = new List<Order> { order };
                        if (pending.Count > 0)
                        {
                            {|PERF105:db.SaveChanges()|};
                            pending.Clear();
                        }
                    }
                }
            }
            """);

        // An employer-accounts service's levy-dormancy assessment: the same flush written as a guard that skips to the
        // next element until the batch is full.
        [Theory]
        [InlineData("if (count < BatchSize)", "count = 0;")]
        [InlineData("if (pending.Count < BatchSize)", "pending.Clear();")]
        [InlineData("if (++batched % BatchSize != 0)", "")]
        public Task A_periodic_flush_behind_a_guard_that_continues_is_not_reported(string guard, string reset) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                private const int BatchSize = 500;

                public async Task M(ShopDb db, List<Order> orders)
                {
                    var pending = new List<Order>();
                    var count = 0;
                    var batched = 0;
                    foreach (var order in orders)
                    {
                        db.Orders.Add(order);
                        pending.Add(order);
                        count++;
                        {{guard}}
                        {
                            continue;
                        }

                        await db.SaveChangesAsync();
                        {{reset}}
                    }

                    await db.SaveChangesAsync();
                }
            }
            """);

        [Theory]
        [InlineData("if (count < BatchSize)", "continue;", "")]                    // never reset: every element after the 500th
        [InlineData("if (order.Total < 100)", "continue;", "order.Total = 0;")]   // the element's own value
        [InlineData("if (count < BatchSize)", "order.Total = 0;", "count = 0;")]  // the guard does not skip the save
        public Task Reports_a_save_behind_a_guard_that_is_not_a_periodic_flush(string guard, string skip, string reset) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                private const int BatchSize = 500;

                public async Task M(ShopDb db, List<Order> orders)
                {
                    var count = 0;
                    foreach (var order in orders)
                    {
                        db.Orders.Add(order);
                        count++;
                        {{guard}}
                        {
                            {{skip}}
                        }

                        await {|PERF105:db.SaveChangesAsync()|};
                        {{reset}}
                    }
                }
            }
            """);

        // A commitments service's EPA updates: each round fetches the next page of a remote feed and saves it once.
        [Fact]
        public Task A_save_per_page_of_a_loop_whose_condition_reads_the_fetched_page_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class PageOfResults<T> { public T[] Items { get; set; } = []; public int PageNumber { get; set; } public int TotalNumberOfPages { get; set; } }
            public interface IFeed { Task<PageOfResults<Order>> After(long lastId); }

            public class C
            {
                public async Task M(ShopDb db, IFeed feed)
                {
                    long lastId = 0;
                    PageOfResults<Order> page;
                    do
                    {
                        page = await feed.After(lastId);
                        foreach (var order in page.Items)
                        {
                            order.Total += 1;
                        }

                        await db.SaveChangesAsync();
                        lastId = page.Items.Length;
                    }
                    while (page.TotalNumberOfPages > page.PageNumber);
                }
            }
            """);

        // An apprenticeship qualifications import: each round reads the next 1,000 staged rows through a service whose
        // offset is called processedCount, and saves them once.
        [Fact]
        public Task A_save_per_batch_read_through_a_method_that_skips_the_loop_offset_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class StagingService
            {
                private readonly ShopDb db;
                public StagingService(ShopDb db) => this.db = db;

                public Task<List<Order>> GetStagedBatchAsync(int batchSize, int processedCount)
                    => db.Orders.AsNoTracking().OrderBy(o => o.Id).Skip(processedCount).Take(batchSize).ToListAsync();
            }

            public class C
            {
                public async Task M(ShopDb db, StagingService staging)
                {
                    var processedCount = 0;
                    while (processedCount < 1000000)
                    {
                        var records = await staging.GetStagedBatchAsync(1000, processedCount);
                        if (records.Count == 0) break;

                        foreach (var record in records)
                        {
                            db.Orders.Add(new Order { Total = record.Total });
                        }

                        await db.SaveChangesAsync();
                        processedCount += records.Count;
                    }
                }
            }
            """);

        // A recruitment service's migrations: records come from another store 200 at a time, each batch saved once.
        [Fact]
        public Task A_save_per_batch_of_a_loop_draining_a_batch_fetch_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public interface IOldStore { Task<List<Order>> FetchBatchAsync(int size, DateTime before); }

            public class C
            {
                public async Task M(ShopDb db, IOldStore store)
                {
                    var started = DateTime.UtcNow;
                    var records = await store.FetchBatchAsync(200, started);
                    while (records is { Count: > 0 } && DateTime.UtcNow - started < TimeSpan.FromMinutes(4))
                    {
                        db.Orders.AddRange(records);
                        await db.SaveChangesAsync();
                        records = await store.FetchBatchAsync(200, started);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_per_round_of_a_loop_whose_fetch_says_no_batch() => VerifyCS.AnalyzerAsync(Model + """
            public interface IOldStore { Task<Order?> FetchNextAsync(DateTime before); }

            public class C
            {
                public async Task M(ShopDb db, IOldStore store)
                {
                    var record = await store.FetchNextAsync(DateTime.UtcNow);
                    while (record != null)
                    {
                        db.Orders.Add(record);
                        await {|PERF105:db.SaveChangesAsync()|};
                        record = await store.FetchNextAsync(DateTime.UtcNow);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_in_a_loop_whose_condition_reads_a_page_fetched_before_it() => VerifyCS.AnalyzerAsync(Model + """
            public class PageOfResults<T> { public T[] Items { get; set; } = []; public int PageNumber { get; set; } public int TotalNumberOfPages { get; set; } }
            public interface IFeed { Task<PageOfResults<Order>> After(long lastId); }

            public class C
            {
                public async Task M(ShopDb db, IFeed feed)
                {
                    var page = await feed.After(0);
                    var i = 0;
                    do
                    {
                        page.Items[i].Total += 1;
                        await {|PERF105:db.SaveChangesAsync()|};
                        i++;
                    }
                    while (i < page.Items.Length && page.TotalNumberOfPages > 0);
                }
            }
            """);

        [Theory]
        [InlineData("if (pending.Count >= 100)", "pending.Clear();")]
        [InlineData("if (count >= BatchSize)", "count = 0;")]
        [InlineData("if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > interval)", "started = System.Diagnostics.Stopwatch.GetTimestamp();")]
        [InlineData("if (watch.Elapsed > interval)", "watch.Restart();")]
        [InlineData("if (++batched % BatchSize == 0)", "")]
        [InlineData("if (i % 500 == 0)", "")]
        [InlineData("if (this.unsaved >= BatchSize)", "unsaved = 0;")]
        public Task A_periodic_flush_inside_the_loop_is_not_reported(string condition, string reset) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                private const int BatchSize = 100;
                private int unsaved;

                public void M(ShopDb db, List<Order> orders, TimeSpan interval)
                {
                    var pending = new List<Order>();
                    var count = 0;
                    var batched = 0;
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    for (var i = 0; i < orders.Count; i++)
                    {
                        orders[i].Total += 1;
                        pending.Add(orders[i]);
                        count++;
                        unsaved++;
                        {{condition}}
                        {
                            if (pending.Count > 0)
                            {
                                db.SaveChanges();
                            }

                            {{reset}}
                        }
                    }

                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_in_a_try_whose_catch_logs_and_rethrows() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<string> log)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        try
                        {
                            {|PERF105:db.SaveChanges()|};
                        }
                        catch (DbUpdateException e)
                        {
                            log.Add(e.Message);
                            throw;
                        }
                    }
                }
            }
            """);

        // An apprenticeship payments service saves data-lock events one by one to discard the duplicates.
        [Fact]
        public Task Ignores_a_save_in_a_try_whose_catch_continues_with_the_next_element_for_some_failures() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, List<string> log)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            db.Orders.Add(order);
                            await db.SaveChangesAsync();
                        }
                        catch (DbUpdateException e)
                        {
                            if (e.InnerException?.Message.Contains("UNIQUE") == true)
                            {
                                log.Add("duplicate discarded");
                                continue;
                            }

                            throw;
                        }
                    }
                }
            }
            """);

        // A continue of an inner loop goes on with that loop, not with the next element of this one.
        [Fact]
        public Task Reports_a_save_in_a_try_whose_catch_continues_only_an_inner_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, List<string> log)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await {|PERF105:db.SaveChangesAsync()|};
                        }
                        catch (DbUpdateException e)
                        {
                            foreach (var line in log)
                            {
                                if (line.Length == 0)
                                {
                                    continue;
                                }
                            }

                            throw;
                        }
                    }
                }
            }
            """);

        // mixcore's repositories: the catch hands the exception to a helper that always throws.
        [Fact]
        public Task Reports_a_save_in_a_try_whose_catch_calls_a_throw_helper() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderStore(ShopDb db)
            {
                public async Task SaveAllAsync(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await {|PERF105:db.SaveChangesAsync()|};
                        }
                        catch (Exception ex)
                        {
                            await HandleExceptionAsync(ex);
                        }
                    }
                }

                public void SaveEach(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            {|PERF105:db.SaveChanges()|};
                        }
                        catch (DbUpdateException ex)
                        {
                            Fail(ex);
                        }
                    }
                }

                public Task HandleExceptionAsync(Exception ex)
                {
                    throw new InvalidOperationException("save failed", ex);
                }

                [System.Diagnostics.CodeAnalysis.DoesNotReturn]
                private static void Fail(Exception ex) => throw new InvalidOperationException("save failed", ex);
            }
            """);

        [Fact]
        public Task Ignores_a_save_in_a_try_whose_catch_calls_a_helper_that_may_return() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderStore(ShopDb db)
            {
                public async Task SaveAllAsync(List<Order> orders, List<string> failures)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await db.SaveChangesAsync();
                        }
                        catch (Exception ex)
                        {
                            await HandleExceptionAsync(ex, failures);
                        }
                    }
                }

                public void SaveEach(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            db.SaveChanges();
                        }
                        catch (DbUpdateException ex)
                        {
                            OnFailure(ex);
                        }
                    }
                }

                public Task HandleExceptionAsync(Exception ex, List<string> failures)
                {
                    if (failures.Count > 10)
                    {
                        throw new InvalidOperationException("too many failures", ex);
                    }

                    failures.Add(ex.Message);
                    return Task.CompletedTask;
                }

                // May be overridden by one that only logs.
                protected virtual void OnFailure(Exception ex) => throw new InvalidOperationException("save failed", ex);
            }
            """);

        // AliasVault's task runner: each task's status saved before it runs, the first failure recorded and the loop left.
        [Fact]
        public Task Reports_a_save_in_a_try_whose_catches_rethrow_or_leave_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, Order job, List<Func<Task>> tasks)
                {
                    foreach (var task in tasks)
                    {
                        try
                        {
                            job.Total += 1;
                            await {|PERF105:db.SaveChangesAsync()|};
                            await task();
                        }
                        catch (OperationCanceledException)
                        {
                            throw;
                        }
                        catch (Exception)
                        {
                            job.Total = -1;
                            break;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_in_a_try_whose_catch_returns_from_the_method() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public bool M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        try
                        {
                            {|PERF105:db.SaveChanges()|};
                        }
                        catch (DbUpdateException)
                        {
                            return false;
                        }
                    }

                    return true;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_save_in_a_try_whose_catch_goes_on_with_the_next_element() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<string> log)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        try
                        {
                            db.SaveChanges();
                        }
                        catch (DbUpdateException e)
                        {
                            log.Add(e.Message);
                            continue;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_save_in_a_try_whose_catch_breaks_out_of_an_inner_switch_only() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<string> log)
                {
                    foreach (var order in orders)
                    {
                        switch (order.Id % 2)
                        {
                            case 0:
                                try
                                {
                                    db.SaveChanges();
                                }
                                catch (DbUpdateException e)
                                {
                                    log.Add(e.Message);
                                    break;
                                }

                                break;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_save_in_a_try_whose_catch_returns_from_a_per_element_lambda() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, List<string> log)
                {
                    orders.ForEach(order =>
                    {
                        order.Total += 1;
                        try
                        {
                            db.SaveChanges();
                        }
                        catch (DbUpdateException e)
                        {
                            log.Add(e.Message);
                            return;
                        }
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_a_save_through_a_context_override_that_logs_and_rethrows() => VerifyCS.AnalyzerAsync(Model + """
            public class LoggingDb : ShopDb
            {
                public async Task<int> CommitAsync(CancellationToken ct)
                {
                    try
                    {
                        return await SaveChangesAsync(ct);
                    }
                    catch (DbUpdateException e)
                    {
                        Console.WriteLine(e.Message);
                        throw new InvalidOperationException("save failed", e);
                    }
                }
            }

            public class C
            {
                public async Task M(LoggingDb db, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        await {|PERF105:db.CommitAsync(ct)|};
                    }
                }
            }
            """);

        // ---- An interface that stands for the DbContext (IApplicationDbContext) ----

        private const string ContextInterface = Model + """
            public interface IShopDbContext
            {
                DbSet<Order> Orders { get; }
                Task<int> SaveChangesAsync(CancellationToken cancellationToken);
                int SaveChanges();
            }

            public interface IDerivedShopDbContext : IShopDbContext { }

            public interface IExportStore
            {
                IEnumerable<Order> Pending { get; }
                Task<int> SaveChangesAsync(CancellationToken cancellationToken);
            }

            public class ExportStore : IExportStore
            {
                public IEnumerable<Order> Pending => new List<Order>();
                public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => Task.FromResult(0);
            }

            """;

        [Fact]
        public Task SaveChangesAsync_of_a_context_interface_in_a_loop_is_reported() => VerifyCS.AnalyzerAsync(ContextInterface + """
            public class Handler
            {
                private readonly IShopDbContext context;
                public Handler(IShopDbContext context) => this.context = context;

                public async Task Handle(List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await context.Orders.FirstAsync(o => o.Id == id, ct);
                        order.Total += 1;
                        await {|PERF105:context.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task SaveChanges_of_an_interface_inheriting_a_context_interface_is_reported() => VerifyCS.AnalyzerAsync(ContextInterface + """
            public class Handler
            {
                public void Handle(IDerivedShopDbContext context, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                        {|PERF105:context.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task SaveChangesAsync_of_a_context_interface_after_the_loop_is_not_reported() => VerifyCS.AnalyzerAsync(ContextInterface + """
            public class Handler
            {
                public async Task Handle(IShopDbContext context, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }

                    await context.SaveChangesAsync(ct);
                }
            }
            """);

        [Fact]
        public Task SaveChangesAsync_of_an_interface_without_a_DbSet_whose_implementation_does_not_save_is_not_reported() => VerifyCS.AnalyzerAsync(ContextInterface + """
            public class Handler
            {
                public async Task Handle(IExportStore store, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        await store.SaveChangesAsync(ct);
                    }
                }
            }
            """);

        // ---- A save that closes an inner loop's batches runs once per outer element ----

        [Fact]
        public Task Save_after_an_inner_loop_that_changes_each_line_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        foreach (var line in order.Lines)
                        {
                            line.Quantity += 1;
                        }

                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        [Theory]
        [InlineData("if (setting == \"Currency\")", "db.SaveChanges()")]
        [InlineData("if (setting.Length > 3)", "{|PERF105:db.SaveChanges()|}")]
        public Task A_save_for_the_one_element_with_a_given_name_is_not_reported(string branch, string save) => VerifyCS.AnalyzerAsync(Model + $$"""
            public class C
            {
                public void M(ShopDb db, Dictionary<string, string> settings)
                {
                    foreach (var setting in settings.Keys)
                    {
                        {{branch}}
                        {
                            db.Customers.Add(new Customer { Name = settings[setting] });
                            {{save}};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Closing_flush_after_an_inner_loop_with_a_periodic_flush_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<List<OrderLine>> libraries, CancellationToken ct)
                {
                    foreach (var library in libraries)
                    {
                        var count = 0;
                        foreach (var line in library)
                        {
                            db.Lines.Add(line);
                            count++;
                            if (count > 30)
                            {
                                await db.SaveChangesAsync(ct);
                                count = 0;
                            }
                        }

                        await db.SaveChangesAsync(ct);
                    }
                }
            }
            """);

        [Fact]
        public Task Closing_flush_under_a_guard_after_an_inner_loop_with_a_periodic_flush_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<List<OrderLine>> libraries, CancellationToken ct)
                {
                    foreach (var library in libraries)
                    {
                        var count = 0;
                        foreach (var line in library)
                        {
                            db.Lines.Add(line);
                            count++;
                            if (count > 30)
                            {
                                await db.SaveChangesAsync(ct);
                                count = 0;
                            }
                        }

                        if (count > 0)
                        {
                            Console.WriteLine("closing the last batch");
                            await db.SaveChangesAsync(ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Guarded_save_after_an_inner_loop_that_changes_each_line_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        foreach (var line in order.Lines)
                        {
                            line.Quantity += 1;
                        }

                        if (order.Lines.Count > 0)
                        {
                            await {|PERF105:db.SaveChangesAsync(ct)|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_after_an_inner_loop_that_saves_on_another_context_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, ShopDb audit, List<List<OrderLine>> libraries, CancellationToken ct)
                {
                    foreach (var library in libraries)
                    {
                        foreach (var line in library)
                        {
                            audit.Lines.Add(line);
                            await {|PERF105:audit.SaveChangesAsync(ct)|};
                        }

                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        // ---- A save that records the outcome of the element's call to another service ----

        private const string Sender = Model + """
            public class SendResult { public bool Success { get; set; } }
            public interface IOrderSender { Task<SendResult> Send(Order order); }
            public class Shipment { public bool Success { get; set; } public Order Order { get; set; } = new(); }

            """;

        [Fact]
        public Task Save_recording_that_the_elements_send_succeeded_is_not_reported() => VerifyCS.AnalyzerAsync(Sender + """
            public class C
            {
                public async Task M(ShopDb db, IOrderSender sender, List<Order> pending, CancellationToken ct)
                {
                    foreach (var order in pending)
                    {
                        var result = await sender.Send(order);
                        if (result.Success)
                        {
                            order.Total = 0;
                            await db.SaveChangesAsync(ct);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_under_a_success_flag_of_the_element_itself_is_reported() => VerifyCS.AnalyzerAsync(Sender + """
            public class C
            {
                public async Task M(ShopDb db, List<Shipment> shipments, CancellationToken ct)
                {
                    foreach (var shipment in shipments)
                    {
                        if (shipment.Success)
                        {
                            shipment.Order.Total = 0;
                            await {|PERF105:db.SaveChangesAsync(ct)|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_under_a_success_flag_read_once_before_the_loop_is_reported() => VerifyCS.AnalyzerAsync(Sender + """
            public class C
            {
                public async Task M(ShopDb db, IOrderSender sender, Order probe, List<Order> pending, CancellationToken ct)
                {
                    var result = await sender.Send(probe);
                    foreach (var order in pending)
                    {
                        if (result.Success)
                        {
                            order.Total = 0;
                            await {|PERF105:db.SaveChangesAsync(ct)|};
                        }
                    }
                }
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Save_after_the_loop_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }

                    db.SaveChanges();
                }
            }
            """);

        [Fact]
        public Task Save_in_a_try_catch_per_element_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        try
                        {
                            db.Customers.Add(customer);
                            db.SaveChanges();
                        }
                        catch (DbUpdateException)
                        {
                            db.ChangeTracker.Clear();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_in_the_catch_of_a_per_element_try_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Action<Order> publish)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            publish(order);
                        }
                        catch (InvalidOperationException)
                        {
                            order.Total = 0;
                            db.SaveChanges();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_in_a_loop_inside_a_catch_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Action publish)
                {
                    try
                    {
                        publish();
                    }
                    catch (InvalidOperationException)
                    {
                        foreach (var order in orders)
                        {
                            order.Total = 0;
                            {|PERF105:db.SaveChanges()|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_in_a_transaction_per_element_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync();
                        db.Customers.Add(customer);
                        await db.SaveChangesAsync();
                        await transaction.CommitAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Save_followed_by_a_break_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        if (order.Total > 100)
                        {
                            order.Total = 100;
                            db.SaveChanges();
                            break;
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Save_in_the_foreach_collection_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var i in Enumerable.Range(0, db.SaveChanges()))
                    {
                    }
                }
            }
            """);

        [Fact]
        public Task Save_of_an_unrelated_type_named_SaveChanges_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class Store { public int SaveChanges() => 0; }

            public class C
            {
                public void M(Store store, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        store.SaveChanges();
                    }
                }
            }
            """);
    

        [Fact]
        public Task Save_per_keyset_batch_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, CancellationToken ct)
                {
                    var lastId = 0;
                    while (true)
                    {
                        var batch = await db.Orders.Where(o => o.Id > lastId).OrderBy(o => o.Id).Take(500).ToListAsync(ct);
                        if (batch.Count == 0)
                        {
                            break;
                        }

                        foreach (var order in batch)
                        {
                            order.Total += 1;
                        }

                        lastId = batch[^1].Id;
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_element_whose_query_reads_the_elements_own_range_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers, CancellationToken ct)
                {
                    foreach (var customer in customers)
                    {
                        var cutoff = customer.Id * 1000;
                        var old = await db.Orders.Where(o => o.CustomerId == customer.Id && o.Id < cutoff).ToListAsync(ct);
                        db.Orders.RemoveRange(old);
                        await {|PERF105:db.SaveChangesAsync(ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_chunk_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var chunk in customers.Chunk(500))
                    {
                        db.Customers.AddRange(chunk);
                        db.SaveChanges();
                    }
                }
            }
            """);

        // Lingarr's subtitle translation stores each translated batch of lines: the loop's Skip/Take is Chunk written out.
        [Fact]
        public Task Save_per_in_memory_batch_taken_with_Skip_and_Take_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers, int batchSize)
                {
                    var batches = (customers.Count + batchSize - 1) / batchSize;
                    for (var batchIndex = 0; batchIndex < batches; batchIndex++)
                    {
                        var batch = customers.Skip(batchIndex * batchSize).Take(batchSize).ToList();
                        db.Customers.AddRange(batch);
                        await db.SaveChangesAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_in_memory_batch_advanced_by_an_offset_is_not_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    var offset = 0;
                    while (offset < customers.Count)
                    {
                        db.Customers.AddRange(customers.Skip(offset).Take(200));
                        db.SaveChanges();
                        offset += 200;
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_element_beside_a_fixed_Skip_and_Take_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var firstFew = customers.Skip(1).Take(10).ToList();
                        customer.Name = firstFew.Count.ToString();
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_element_after_a_Take_of_its_own_is_reported() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Customer> customers)
                {
                    for (var i = 0; i < customers.Count; i++)
                    {
                        var upTo = customers.Take(i).Count();
                        customers[i].Name = upTo.ToString();
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_round_of_a_level_by_level_walk_is_not_reported() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void SetDepths(TreeDb db, Guid root)
                {
                    var depth = 0;
                    var frontier = new List<Guid> { root };
                    while (frontier.Count > 0)
                    {
                        var children = db.Folders.Where(f => frontier.Contains(f.ParentId)).ToList();
                        depth++;
                        foreach (var child in children)
                        {
                            child.Depth = depth;
                        }

                        db.SaveChanges();
                        frontier = children.Select(c => c.Id).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Save_per_dequeued_node_of_a_walk_is_reported() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void SetDepths(TreeDb db, Folder root)
                {
                    var queue = new Queue<Folder>();
                    queue.Enqueue(root);
                    while (queue.Count > 0)
                    {
                        var node = queue.Dequeue();
                        var children = db.Folders.Where(f => f.ParentId == node.Id).ToList();
                        foreach (var child in children)
                        {
                            child.Depth = node.Depth + 1;
                            queue.Enqueue(child);
                        }

                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Save_after_a_level_by_level_walk_in_a_loop_over_roots_is_reported() => VerifyCS.AnalyzerAsync(Tree + """
            public class C
            {
                public void SetDepths(TreeDb db, List<Folder> roots)
                {
                    foreach (var root in roots)
                    {
                        var count = 0;
                        var frontier = new List<Guid> { root.Id };
                        while (frontier.Count > 0)
                        {
                            frontier = db.Folders.Where(f => frontier.Contains(f.ParentId)).Select(f => f.Id).ToList();
                            count += frontier.Count;
                        }

                        root.Depth = count;
                        {|PERF105:db.SaveChanges()|};
                    }
                }
            }
            """);
    }
}
