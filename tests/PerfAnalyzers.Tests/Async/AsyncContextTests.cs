using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify201 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer>;
using Verify202 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using Verify203 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF203ThreadSleepAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/concepts.md#async-context: a method, lambda or local function that returns a task without the async keyword
    /// is async code to its callers; a synchronous override whose framework type has an async twin it does not override
    /// counts for PERF201.
    /// </summary>
    public class AsyncContextTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Diagnostics;

            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ShopDb : DbContext { public DbSet<Product> Products => Set<Product>(); }

            """;

        // ---- Task-returning methods without async ----

        [Fact]
        public Task A_query_run_synchronously_in_a_task_returning_method_is_flagged() => Verify202.AnalyzerAsync(Usings + """
            public class Catalogue(ShopDb db)
            {
                public Task<bool> HasAny() => Task.FromResult({|PERF202:db.Products.Any()|});

                public ValueTask<List<Product>> All() => new ValueTask<List<Product>>({|PERF202:db.Products.ToList()|});
            }
            """);

        [Fact]
        public Task A_blocking_wait_in_a_task_returning_method_is_flagged() => Verify201.AnalyzerAsync(Usings + """
            public class Relay
            {
                public Task<int> Next(Task<int> upstream)
                {
                    var value = {|PERF201:upstream.Result|};
                    return Task.FromResult(value + 1);
                }
            }
            """);

        [Fact]
        public Task A_sleep_in_a_task_returning_lambda_or_local_function_is_flagged() => Verify203.AnalyzerAsync(Usings + """
            public class Poller
            {
                public void Start()
                {
                    Func<Task> tick = () => { {|PERF203:Thread.Sleep(100)|}; return Task.CompletedTask; };
                    Task Tock() { {|PERF203:Thread.Sleep(100)|}; return Task.CompletedTask; }
                    _ = tick();
                    _ = Tock();
                }
            }
            """);

        [Fact]
        public Task A_synchronous_method_that_returns_a_value_is_not_async_code() => Verify202.AnalyzerAsync(Usings + """
            public class Catalogue(ShopDb db)
            {
                public bool HasAny() => db.Products.Any();

                public void Warm() { var list = db.Products.ToList(); }
            }
            """);

        [Fact]
        public Task A_synchronous_lambda_in_a_synchronous_method_is_not_async_code() => Verify203.AnalyzerAsync(Usings + """
            public class Poller
            {
                public void Start()
                {
                    Action tick = () => Thread.Sleep(100);
                    Func<int> count = () => { Thread.Sleep(1); return 1; };
                    tick();
                    _ = count();
                }
            }
            """);

        [Fact]
        public Task A_synchronous_event_handler_subscribed_in_a_task_returning_method_is_not_async_code() => Verify202.AnalyzerAsync(Usings + """
            // An NHS buying catalogue's PDF conversion: the file is read when the process exits, on the thread that raises
            // the event; its async form would be async void.
            public class PdfService
            {
                public Task<byte[]> Convert(string path)
                {
                    var done = new TaskCompletionSource<byte[]>();
                    var process = new System.Diagnostics.Process { EnableRaisingEvents = true };
                    process.Exited += (_, _) =>
                    {
                        process.Dispose();
                        done.SetResult(System.IO.File.ReadAllBytes(path));
                    };

                    process.Exited += delegate { System.IO.File.WriteAllText(path + ".done", "converted"); };
                    process.Start();
                    return done.Task;
                }
            }
            """);

        [Fact]
        public Task An_event_handler_subscribed_in_an_async_method_is_not_async_code_but_the_method_is() => Verify202.AnalyzerAsync(Usings + """
            public class PdfService
            {
                public async Task<byte[]> Convert(string path, ShopDb db)
                {
                    var process = new System.Diagnostics.Process { EnableRaisingEvents = true };
                    process.Exited += (_, _) => System.IO.File.WriteAllText(path + ".done", "converted");
                    process.Start();
                    await process.WaitForExitAsync();
                    var count = {|PERF202:db.Products.Count()|};
                    return {|PERF202:System.IO.File.ReadAllBytes(path)|};
                }
            }
            """);

        [Fact]
        public Task A_synchronous_lambda_run_in_the_method_or_an_async_event_handler_is_async_code() => Verify202.AnalyzerAsync(Usings + """
            public class PdfService
            {
                public Task<int> Convert(string path, ShopDb db, List<string> files)
                {
                    var process = new System.Diagnostics.Process { EnableRaisingEvents = true };
                    process.Exited += async (_, _) => await System.IO.File.WriteAllBytesAsync(path, {|PERF202:System.IO.File.ReadAllBytes(path)|});
                    EventHandler later = (_, _) => {|PERF202:System.IO.File.WriteAllText(path, "stored, not subscribed")|};
                    files.ForEach(file => {|PERF202:System.IO.File.ReadAllBytes(file)|});
                    return Task.FromResult(files.Sum(file => {|PERF202:System.IO.File.ReadAllBytes(file)|}.Length));
                }
            }
            """);

        [Fact]
        public Task A_method_returning_tasks_inside_another_type_is_not_async_code() => Verify201.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Batches
            {
                public IEnumerable<Task<int>> Next(Task<int> upstream)
                {
                    yield return Task.FromResult(upstream.Result);
                }

                public Task<int>[] All(Task<int> upstream) => new[] { Task.FromResult(upstream.Result) };
            }
            """, frameworks: Frameworks.NetCore);

        // ---- Synchronous overrides with an async twin ----

        [Fact]
        public Task Blocking_in_a_sync_override_whose_async_twin_is_not_overridden_is_flagged() => Verify201.AnalyzerAsync(Usings + """
            public class AuditInterceptor : SaveChangesInterceptor
            {
                private readonly Func<Task> flush = () => Task.CompletedTask;

                public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
                {
                    {|PERF201:flush().GetAwaiter().GetResult()|};
                    return result;
                }
            }
            """);

        [Fact]
        public Task Blocking_in_a_sync_override_whose_async_twin_is_overridden_too_is_not_flagged() => Verify201.AnalyzerAsync(Usings + """
            public class AuditInterceptor : SaveChangesInterceptor
            {
                private readonly Func<Task> flush = () => Task.CompletedTask;

                public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
                {
                    flush().GetAwaiter().GetResult();
                    return result;
                }

                public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
                {
                    await flush();
                    return result;
                }
            }
            """);

        [Fact]
        public Task Blocking_in_a_sync_override_without_an_async_twin_is_not_flagged() => Verify201.AnalyzerAsync(Usings + """
            public class Labels
            {
                private readonly Task<string> name = Task.FromResult("x");

                public override string ToString() => name.Result;
            }

            public abstract class Step { public abstract void Run(); public virtual Task RunAsync() => Task.CompletedTask; }
            public class LocalStep : Step
            {
                private readonly Task work = Task.CompletedTask;

                // Step is in source: only a framework type's async twin makes the sync override async code.
                public override void Run() => work.Wait();
            }
            """);
    }
}
