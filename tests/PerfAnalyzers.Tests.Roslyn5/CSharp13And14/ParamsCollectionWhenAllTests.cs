using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer, PerfAnalyzers.Async.PERF201BlockingWaitCodeFix>;

namespace PerfAnalyzers.Tests.CSharp13And14
{
    /// <summary>
    /// PERF201 with C# 13 params collections: from C# 13 on, <c>Task.WhenAll(a, b)</c>, <c>Task.WhenAny(a, b)</c> and
    /// <c>Task.WaitAll(a, b)</c> bind to their <c>params ReadOnlySpan&lt;Task&gt;</c> overloads. docs/rules/PERF201.md:
    /// any task referenced in the arguments of an awaited WhenAll is known complete; only the task WhenAny returns is.
    /// </summary>
    public class ParamsCollectionWhenAllTests
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
        public Task Reports_a_task_left_out_of_the_awaited_when_all_span() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Task<int> orders, Task<int> users, Task<int> visits)
                {
                    await Task.WhenAll(orders, users);
                    return orders.Result + users.Result + {|PERF201:visits.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_tasks_of_a_when_all_span_that_is_not_awaited() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Task<int> orders, Task<int> users)
                {
                    var all = Task.WhenAll(orders, users);
                    await Task.Yield();
                    return {|PERF201:orders.Result|} + (all.IsCompleted ? 0 : 1);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_a_task_reassigned_after_the_when_all_span() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Func<Task<int>> load)
                {
                    var a = load();
                    var b = load();
                    await Task.WhenAll(a, b);
                    a = load();
                    return {|PERF201:a.Result|} + b.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_an_element_of_a_when_any_span() => VerifyCS.AnalyzerAsync(Usings + """
            public class Race
            {
                public async Task<int> FirstAsync(Task<int> a, Task<int> b)
                {
                    await Task.WhenAny(a, b);
                    return {|PERF201:a.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_tasks_awaited_through_our_own_params_span_helper() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Tasks
            {
                public static Task AllOf(params ReadOnlySpan<Task> tasks) => Task.WhenAll(tasks);
            }

            public class Dashboard
            {
                public async Task<int> LoadAsync(Task<int> orders, Task<int> users)
                {
                    await Tasks.AllOf(orders, users);
                    return {|PERF201:orders.Result|} + {|PERF201:users.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_wait_all_over_a_params_span_even_of_completed_tasks() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task LoadAsync(Task orders, Task users)
                {
                    await Task.WhenAll(orders, users);
                    {|PERF201:Task.WaitAll(orders, users)|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- not flagged ----

        [Fact]
        public Task Ignores_tasks_of_an_awaited_generic_when_all_span() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Func<Task<int>> load)
                {
                    var a = load();
                    var b = load();
                    var both = await Task.WhenAll(a, b);
                    return both.Length + a.Result + b.GetAwaiter().GetResult();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_tasks_of_a_when_all_span_awaited_with_configure_await() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Task<int> orders, Task<int> users)
                {
                    await Task.WhenAll(orders, users).ConfigureAwait(false);
                    return orders.Result + users.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_tasks_of_a_collection_expression_and_of_the_local_collection_it_spreads() => VerifyCS.AnalyzerAsync(Usings + """
            public class Dashboard
            {
                public async Task<int> LoadAsync(Task<int> first, IEnumerable<Func<Task<int>>> sources)
                {
                    var rest = sources.Select(s => s()).ToList();
                    await Task.WhenAll([first, .. rest]);
                    return first.Result + rest.Sum(t => t.Result);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_tasks_of_an_awaited_when_all_span_in_a_controller_action() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public class DashboardController : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Get(Func<Task<int>> load)
                {
                    var a = load();
                    var b = load();
                    await Task.WhenAll(a, b);
                    return Ok(new { Orders = a.Result, Users = b.Result });
                }
            }
            """);

        [Fact]
        public Task Ignores_the_task_returned_by_an_awaited_when_any_span() => VerifyCS.AnalyzerAsync(Usings + """
            public class Race
            {
                public async Task<int> FirstAsync(Task<int> a, Task<int> b)
                {
                    var winner = await Task.WhenAny(a, b);
                    return winner.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- fix ----

        [Fact]
        public Task Fix_turns_wait_all_over_a_params_span_into_an_awaited_when_all() => VerifyFix.CodeFixAsync(Usings + """
            public class Jobs
            {
                public async Task RunAsync(Task a, Task b)
                {
                    await Task.Yield();
                    {|PERF201:Task.WaitAll(a, b)|};
                }
            }
            """, Usings + """
            public class Jobs
            {
                public async Task RunAsync(Task a, Task b)
                {
                    await Task.Yield();
                    await Task.WhenAll(a, b);
                }
            }
            """, frameworks: Frameworks.NetCore);
    }
}
