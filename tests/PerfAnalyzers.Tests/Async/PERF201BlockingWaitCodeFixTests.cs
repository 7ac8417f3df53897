using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer, PerfAnalyzers.Async.PERF201BlockingWaitCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    public class PERF201BlockingWaitCodeFixTests
    {
        [Fact]
        public Task Fix_awaits_result_and_parenthesises_member_access() => VerifyFix.CodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Prices
            {
                public async Task<int> CountAsync(Task<List<int>> prices)
                {
                    await Task.Yield();
                    return {|PERF201:prices.Result|}.Count;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Prices
            {
                public async Task<int> CountAsync(Task<List<int>> prices)
                {
                    await Task.Yield();
                    return (await prices).Count;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_all_awaits_the_task_given_to_a_blocking_extension() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;

            public static class TaskExtensions
            {
                public static T Await<T>(this Task<T> task) => task.GetAwaiter().GetResult();
            }

            public class Prices
            {
                public async Task<int> TotalAsync(Task<int> price, Task<int> tax)
                {
                    await Task.Yield();
                    return {|PERF201:price.Await()|} + {|PERF201:tax.Await()|};
                }
            }
            """, """
            using System.Threading.Tasks;

            public static class TaskExtensions
            {
                public static T Await<T>(this Task<T> task) => task.GetAwaiter().GetResult();
            }

            public class Prices
            {
                public async Task<int> TotalAsync(Task<int> price, Task<int> tax)
                {
                    await Task.Yield();
                    return await price + await tax;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_makes_sync_controller_action_async() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class JobsController : ControllerBase
            {
                public IActionResult Run(Task job, Task<int> count)
                {
                    {|PERF201:job.Wait()|};
                    return Ok({|PERF201:count.GetAwaiter().GetResult()|});
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class JobsController : ControllerBase
            {
                public async Task<IActionResult> Run(Task job, Task<int> count)
                {
                    await job;
                    return Ok(await count);
                }
            }
            """);

        [Fact]
        public Task Fix_renames_action_when_sibling_actions_use_async_suffix() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class JobsController : ControllerBase
            {
                public async Task<IActionResult> ListAsync() { await Task.Yield(); return Ok(); }

                public int Count(Task<int> job) => {|PERF201:job.Result|};
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class JobsController : ControllerBase
            {
                public async Task<IActionResult> ListAsync() { await Task.Yield(); return Ok(); }

                public async Task<int> CountAsync(Task<int> job) => await job;
            }
            """);

        [Fact]
        public Task Fix_keeps_the_name_when_it_is_referenced_or_the_method_is_a_hub_method() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.SignalR;

            public class JobsController : ControllerBase
            {
                public async Task<IActionResult> CreateAsync() { await Task.Yield(); return CreatedAtAction(nameof(Count), null); }

                public int Count(Task<int> job) => {|PERF201:job.Result|};
            }

            public class JobsHub : Hub
            {
                public async Task PingAsync() => await Task.Yield();

                public int Count(Task<int> job) => {|PERF201:job.Result|};
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.SignalR;

            public class JobsController : ControllerBase
            {
                public async Task<IActionResult> CreateAsync() { await Task.Yield(); return CreatedAtAction(nameof(Count), null); }

                public async Task<int> Count(Task<int> job) => await job;
            }

            public class JobsHub : Hub
            {
                public async Task PingAsync() => await Task.Yield();

                public async Task<int> Count(Task<int> job) => await job;
            }
            """);

        [Fact]
        public Task Fix_awaits_value_task_in_expression_bodied_minimal_api_lambda() => VerifyFix.CodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app, Func<ValueTask<string>> load)
                {
                    app.MapGet("/", () => {|PERF201:load().Result|});
                    app.MapGet("/configured", () => {|PERF201:load().ConfigureAwait(false).GetAwaiter().GetResult()|});
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app, Func<ValueTask<string>> load)
                {
                    app.MapGet("/", async () => await load());
                    app.MapGet("/configured", async () => await load().ConfigureAwait(false));
                }
            }
            """);

        [Fact]
        public Task Fix_all_turns_wait_all_and_token_wait_into_awaits_in_a_page_handler() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                public void OnGet(Task c, CancellationToken token)
                {
                    var a = Task.Delay(1);
                    var b = Task.Delay(2);
                    {|PERF201:Task.WaitAll(a, b)|};
                    {|PERF201:c.Wait(token)|};
                    {|PERF201:Task.WaitAny(a, b)|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                public async Task OnGet(Task c, CancellationToken token)
                {
                    var a = Task.Delay(1);
                    var b = Task.Delay(2);
                    await Task.WhenAll(a, b);
                    await c.WaitAsync(token);
                    await Task.WhenAny(a, b);
                }
            }
            """);

        [Fact]
        public Task Fix_awaits_return_values_of_non_async_task_returning_method() => VerifyFix.CodeFixAsync("""
            using System.Threading.Tasks;

            public class Cache
            {
                public async Task WarmAsync() => await Task.Yield();

                public Task<int> Get(Task<int> pending, bool fast)
                {
                    if (fast)
                    {
                        return Task.FromResult({|PERF201:pending.Result|});
                    }

                    return pending;
                }
            }
            """, """
            using System.Threading.Tasks;

            public class Cache
            {
                public async Task WarmAsync() => await Task.Yield();

                public async Task<int> Get(Task<int> pending, bool fast)
                {
                    if (fast)
                    {
                        return await Task.FromResult(await pending);
                    }

                    return await pending;
                }
            }
            """, editorConfig: "perf_analyzers.async.scope = all", frameworks: Frameworks.NetCore);

        [Fact]
        public Task No_fix_for_wait_with_timeout() => VerifyFix.NoCodeFixAsync("""
            using System.Threading.Tasks;

            public class Jobs
            {
                public async Task<bool> RunAsync(Task work)
                {
                    await Task.Yield();
                    return {|PERF201:work.Wait(1000)|};
                }
            }
            """);

        [Fact]
        public Task No_fix_inside_lock_or_a_lambda_that_cannot_become_async() => VerifyFix.NoCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public class Jobs
            {
                private readonly object gate = new();

                public async Task<int> RunAsync(List<Task<int>> work, Task<int> one)
                {
                    await Task.Yield();
                    lock (gate)
                    {
                        _ = {|PERF201:one.Result|};
                    }

                    return work.Select(t => {|PERF201:t.Result|}).Sum();
                }
            }
            """);
    }
}
