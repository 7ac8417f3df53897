using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    public class PERF201BlockingWaitTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            """;

        // ---- flagged ----

        [Fact]
        public Task Reports_result_in_async_method() => VerifyCS.AnalyzerAsync(Usings + """
            public class Prices
            {
                public async Task<int> TotalAsync(Task<int> price)
                {
                    await Task.Yield();
                    return {|PERF201:price.Result|} * 2;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_wait_in_sync_controller_action() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public class JobsController : ControllerBase
            {
                public IActionResult Run()
                {
                    var job = Task.Run(() => 42);
                    {|PERF201:job.Wait()|};
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Reports_get_awaiter_get_result_in_minimal_api_lambda() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app, Func<Task<string>> load)
                {
                    app.MapGet("/", () => {|PERF201:load().GetAwaiter().GetResult()|});
                    app.MapGet("/configured", () => {|PERF201:load().ConfigureAwait(false).GetAwaiter().GetResult()|});
                }
            }
            """);

        [Fact]
        public Task Reports_value_task_result_and_get_result() => VerifyCS.AnalyzerAsync(Usings + """
            public class Cache
            {
                public async Task<int> ReadAsync(Func<ValueTask<int>> read, Func<ValueTask> flush)
                {
                    var value = {|PERF201:read().Result|};
                    {|PERF201:flush().GetAwaiter().GetResult()|};
                    await Task.Yield();
                    return value;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_wait_all_and_wait_any_in_razor_page_handler() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                public void OnGet()
                {
                    var a = Task.Delay(1);
                    var b = Task.Delay(2);
                    {|PERF201:Task.WaitAll(a, b)|};
                    {|PERF201:Task.WaitAny(a, b)|};
                }
            }
            """);

        [Fact]
        public Task Reports_wait_with_timeout_and_token_in_hub_method() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public bool Send(Task work, CancellationToken token)
                {
                    {|PERF201:work.Wait(token)|};
                    return {|PERF201:work.Wait(1000)|};
                }
            }
            """);

        [Fact]
        public Task Reports_task_awaited_on_one_branch_only() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> count, bool fast)
                {
                    if (fast)
                    {
                        await count;
                    }

                    return {|PERF201:count.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_result_after_is_completed_check_that_does_not_guard_it() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> count)
                {
                    if (count.IsCompleted)
                    {
                        Console.WriteLine("done");
                    }

                    await Task.Yield();
                    return {|PERF201:count.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_task_reassigned_after_it_was_awaited() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Func<Task<int>> load)
                {
                    var task = load();
                    await task;
                    task = load();
                    return {|PERF201:task.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_element_of_when_any_which_may_have_lost_the_race() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> load)
                {
                    await Task.WhenAny(load, Task.Delay(1000));
                    return {|PERF201:load.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_wait_inside_loop_before_the_await() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task LoadAsync(Task work)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        {|PERF201:work.Wait()|};
                        await work;
                    }
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_sync_method_when_scope_is_all() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public int Load(Task<int> count) => {|PERF201:count.Result|};
            }
            """, editorConfig: "perf_analyzers.PERF201.async.scope = all");

        [Fact]
        public Task Reports_result_in_async_xunit_test_with_nested_call() => VerifyCS.AnalyzerAsync(Usings + """
            public class OrderTests
            {
                public async Task Counts(Func<Task<int>> count)
                {
                    await Task.Yield();
                    Equal(1, {|PERF201:count().Result|});
                }

                private static void Equal(int expected, int actual) { }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_task_awaited_only_inside_a_loop_that_may_not_run() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> count, List<int> items)
                {
                    foreach (var item in items)
                    {
                        await count;
                    }

                    return {|PERF201:count.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_task_awaited_only_inside_another_lambda() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> count)
                {
                    Func<Task> touch = async () => await count;
                    await Task.Yield();
                    return {|PERF201:count.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        internal const string TaskExtensions = """
            public static class TaskExtensions
            {
                public static void Await(this Task task) => task.GetAwaiter().GetResult();
                public static T Await<T>(this Task<T> task)
                {
                    return task.ConfigureAwait(false).GetAwaiter().GetResult();
                }

                public static T Get<T>(this Task<T> task) => task.Result;
                public static T Log<T>(this Task<T> task) { Console.WriteLine("waiting"); return task.Result; }
                public static Task<T> Fast<T>(this Task<T> task) => task;
            }

            """;

        [Fact]
        public Task Reports_a_wait_through_an_extension_of_the_application_that_only_blocks() => VerifyCS.AnalyzerAsync(Usings + TaskExtensions + """
            public class Prices
            {
                public async Task<int> TotalAsync(Task<int> price, Task refresh)
                {
                    await Task.Yield();
                    {|PERF201:refresh.Await()|};
                    return {|PERF201:price.Await()|} + {|PERF201:price.Get()|} + {|PERF201:TaskExtensions.Await(price)|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- not flagged ----

        [Fact]
        public Task Ignores_extensions_that_do_more_than_block_or_run_in_sync_code_or_on_finished_tasks() => VerifyCS.AnalyzerAsync(Usings + TaskExtensions + """
            public class Prices
            {
                public int Total(Task<int> price) => price.Await();

                public async Task<int> TotalAsync(Task<int> price)
                {
                    var logged = price.Log();
                    var same = await price.Fast();
                    var done = Task.FromResult(3);
                    return logged + same + done.Await();
                }
            }
            """, frameworks: Frameworks.NetCore);


        [Fact]
        public Task Ignores_task_awaited_before_a_loop_and_read_inside_it() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> SumAsync(Task<int> price, int quantity)
                {
                    await price;
                    var total = 0;
                    for (var i = 0; i < quantity; i++)
                    {
                        total += price.Result;
                    }

                    return total;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_result_of_task_awaited_earlier() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Func<Task<int>> load)
                {
                    var task = load();
                    await task;
                    return task.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_task_awaited_on_every_path() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> count, bool fast)
                {
                    if (fast)
                    {
                        await count;
                    }
                    else
                    {
                        await count.ConfigureAwait(false);
                    }

                    return count.Result + count.GetAwaiter().GetResult();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_tasks_awaited_through_when_all() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Func<Task<int>> orders, Func<Task<int>> users)
                {
                    var a = orders();
                    var b = users();
                    await Task.WhenAll(a, b);
                    return a.Result + b.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_elements_of_a_collection_awaited_through_when_all() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(IEnumerable<Func<Task<int>>> sources)
                {
                    var tasks = sources.Select(s => s()).ToList();
                    await Task.WhenAll(tasks);
                    var total = 0;
                    foreach (var task in tasks)
                    {
                        total += task.Result;
                    }

                    return total + tasks.Sum(t => t.Result) + tasks[0].Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_result_of_the_task_returned_by_when_any() => VerifyCS.AnalyzerAsync(Usings + """
            public class Race
            {
                public async Task<int> FirstAsync(Task<int> a, Task<int> b)
                {
                    var winner = await Task.WhenAny(a, b);
                    return winner.Result + (await Task.WhenAny(a, b)).Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_result_guarded_by_is_completed_successfully() => VerifyCS.AnalyzerAsync(Usings + """
            public class Cache
            {
                public async ValueTask<int> GetAsync(ValueTask<int> pending)
                {
                    if (pending.IsCompletedSuccessfully)
                    {
                        return pending.Result;
                    }

                    return await pending;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_result_after_negated_is_completed_early_exit() => VerifyCS.AnalyzerAsync(Usings + """
            public class Cache
            {
                public async Task<int> GetAsync(Task<int> pending)
                {
                    if (!pending.IsCompleted)
                    {
                        await pending;
                    }

                    return pending.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_completed_task_helpers_and_polling_waits() => VerifyCS.AnalyzerAsync(Usings + """
            public class Poll
            {
                public async Task<bool> CheckAsync(Task work)
                {
                    await Task.Yield();
                    Task.CompletedTask.Wait();
                    return Task.FromResult(true).Result && work.Wait(0) && work.Wait(TimeSpan.Zero);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_blocking_in_sync_code_outside_handlers() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public class Startup
            {
                public int Warm(Task<int> cache) => cache.Result;
            }

            public class OrdersController : ControllerBase
            {
                [NonAction]
                public int Helper(Task<int> cache) => cache.Result;
                private int Private(Task<int> cache) => cache.Result;
            }
            """);

        [Fact]
        public Task Ignores_blocking_in_main() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Program
            {
                public static void Main() => Task.Delay(1).Wait();
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_result_properties_of_other_types() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public class Outcome { public int Result { get; set; } }

            public class OrdersController : ControllerBase
            {
                public ActionResult<int> Get(Outcome outcome)
                {
                    ActionResult<int> value = outcome.Result;
                    return value.Result ?? Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_sync_lambda_in_sync_method_capturing_awaited_task() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<Func<int>> LoadAsync(Task<int> count)
                {
                    await count;
                    return () => count.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_blocking_when_scope_value_is_invalid() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public int Load(Task<int> count) => count.Result;
            }
            """, editorConfig: "perf_analyzers.async.scope = sometimes");

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            public class Orders
            {
                public async Task<int> LoadAsync(Task<int> count)
                {
                    await count;
                    var x = count.{|CS1061:Resul|};
                    return count.Wait({|CS1503:"x"|}) ? 1 : 0;
                }
            }
            """, frameworks: Frameworks.NetCore);
    }
}
