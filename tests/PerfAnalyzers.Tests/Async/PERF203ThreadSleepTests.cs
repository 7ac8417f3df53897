using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF203ThreadSleepAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    public class PERF203ThreadSleepTests
    {
        [Fact]
        public Task Reports_sleep_in_async_method() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class Poller
            {
                public async Task PollAsync()
                {
                    {|PERF203:Thread.Sleep(100)|};
                    await Task.Yield();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_sleep_with_timespan_in_sync_controller_action() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class HealthController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get()
                {
                    {|PERF203:Thread.Sleep(TimeSpan.FromMilliseconds(50))|};
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Reports_sleep_in_minimal_api_lambda() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/slow", () => { {|PERF203:Thread.Sleep(10)|}; return "done"; });
                }
            }
            """);

        [Fact]
        public Task Reports_sleep_in_async_lambda_and_async_local_function() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public class Worker
            {
                public void Start()
                {
                    Func<Task> work = async () => { {|PERF203:Thread.Sleep(1)|}; await Task.Yield(); };
                    async Task LocalAsync() { {|PERF203:Thread.Sleep(1)|}; await Task.Yield(); }
                    _ = work();
                    _ = LocalAsync();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_sleep_in_middleware_and_hub() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.SignalR;

            public class ThrottleMiddleware
            {
                private readonly RequestDelegate next;
                public ThrottleMiddleware(RequestDelegate next) => this.next = next;
                public Task InvokeAsync(HttpContext context) { {|PERF203:Thread.Sleep(5)|}; return next(context); }
            }

            public class ChatHub : Hub
            {
                public void Ping() => {|PERF203:Thread.Sleep(5)|};
            }
            """);

        [Fact]
        public Task Ignores_sleep_in_sync_code_outside_handlers() => VerifyCS.AnalyzerAsync("""
            using System.Threading;

            public class Retry
            {
                public void Backoff() => Thread.Sleep(100);
            }
            """);

        [Fact]
        public Task Ignores_sleep_in_main() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task Main()
                {
                    Thread.Sleep(100);
                    await Task.Yield();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_sleep_in_console_program_top_level_statements() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            Thread.Sleep(100);
            await Task.Yield();
            await RunAsync();

            static async Task RunAsync() { Thread.Sleep(1); await Task.Yield(); }
            """, frameworks: Frameworks.NetCore, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_sleep_in_async_test_of_an_executable_test_project() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Xunit;

            public class PollerTests
            {
                [Fact]
                public async Task Polls() { {|PERF203:Thread.Sleep(1)|}; await Task.Yield(); }
            }

            public static class Program { public static void Main() { } }
            """, frameworks: Frameworks.Xunit, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Reports_sleep_in_console_program_when_scope_is_all() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            await RunAsync();

            static async Task RunAsync() { {|PERF203:Thread.Sleep(1)|}; await Task.Yield(); }
            """, editorConfig: "perf_analyzers.async.scope = all", frameworks: Frameworks.NetCore, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_sleep_in_sync_lambda_inside_sync_method() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Threading;

            public class Timer
            {
                public Action Tick() => () => Thread.Sleep(1);
            }
            """);

        [Fact]
        public Task Ignores_user_method_named_sleep() => VerifyCS.AnalyzerAsync("""
            using System.Threading.Tasks;

            public static class Thread { public static void Sleep(int ms) { } }

            public class Worker
            {
                public async Task RunAsync() { Thread.Sleep(1); await Task.Yield(); }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_sleep_in_controller_methods_that_are_not_actions() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public class HealthController : ControllerBase
            {
                [NonAction]
                public void Backoff() => Thread.Sleep(10);
                private void Pause() => Thread.Sleep(10);
                public static void Wait() => Thread.Sleep(10);
            }
            """);

        [Fact]
        public Task Ignores_sleep_in_sync_methods_of_middleware_and_hub_that_are_not_handlers() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.SignalR;

            public class ThrottleMiddleware
            {
                public ThrottleMiddleware(RequestDelegate next) => Thread.Sleep(1);
                public void Invoke(string name) => Thread.Sleep(1);
            }

            public class ChatHub : Hub
            {
                private void Pause() => Thread.Sleep(1);
            }
            """);

        [Fact]
        public Task Ignores_task_delay() => VerifyCS.AnalyzerAsync("""
            using System.Threading.Tasks;

            public class Worker
            {
                public async Task RunAsync() => await Task.Delay(1);
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_sync_code_outside_handlers_when_scope_is_all() => VerifyCS.AnalyzerAsync("""
            using System.Threading;

            public class Retry
            {
                public void Backoff() => {|PERF203:Thread.Sleep(100)|};
            }
            """, editorConfig: "perf_analyzers.async.scope = all");

        [Fact]
        public Task Ignores_sync_code_when_scope_value_is_invalid() => VerifyCS.AnalyzerAsync("""
            using System.Threading;

            public class Retry
            {
                public void Backoff() => Thread.Sleep(100);
            }
            """, editorConfig: "perf_analyzers.async.scope = everywhere");

        [Fact]
        public Task Rule_specific_scope_wins_over_global_scope() => VerifyCS.AnalyzerAsync("""
            using System.Threading;

            public class Retry
            {
                public void Backoff() => Thread.Sleep(100);
            }
            """, editorConfig: "perf_analyzers.async.scope = all\nperf_analyzers.PERF203.async.scope = async_and_handlers");

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class Worker
            {
                public async Task RunAsync()
                {
                    Thread.{|CS1501:Sleep|}();
                    Thread.{|CS0117:Slee|}(1);
                    await Task.Yield();
                }
            }
            """, frameworks: Frameworks.NetCore);
    }
}
