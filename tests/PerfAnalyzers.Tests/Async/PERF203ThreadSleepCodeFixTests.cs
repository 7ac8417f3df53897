using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF203ThreadSleepAnalyzer, PerfAnalyzers.Async.PERF203ThreadSleepCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    public class PERF203ThreadSleepCodeFixTests
    {
        [Fact]
        public Task Fix_awaits_task_delay_with_the_token_parameter() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class Poller
            {
                public async Task PollAsync(CancellationToken token)
                {
                    {|PERF203:Thread.Sleep(100)|};
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            public class Poller
            {
                public async Task PollAsync(CancellationToken token)
                {
                    await Task.Delay(100, token);
                    await Task.Yield();
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_makes_sync_action_async_and_passes_request_aborted() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public class HealthController : ControllerBase
            {
                public IActionResult Get()
                {
                    {|PERF203:Thread.Sleep(50)|};
                    return Ok();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class HealthController : ControllerBase
            {
                public async Task<IActionResult> Get()
                {
                    await Task.Delay(50, HttpContext.RequestAborted);
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Fix_makes_expression_bodied_hub_method_async() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public void Ping() => {|PERF203:Thread.Sleep(5)|};
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public class ChatHub : Hub
            {
                public async Task Ping() => await Task.Delay(5, Context.ConnectionAborted);
            }
            """);

        [Fact]
        public Task Fix_awaits_final_return_in_task_returning_middleware() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class ThrottleMiddleware
            {
                private readonly RequestDelegate next;
                public ThrottleMiddleware(RequestDelegate next) => this.next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    {|PERF203:Thread.Sleep(5)|};
                    return next(context);
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class ThrottleMiddleware
            {
                private readonly RequestDelegate next;
                public ThrottleMiddleware(RequestDelegate next) => this.next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    await Task.Delay(5, context.RequestAborted);
                    await next(context);
                }
            }
            """);

        [Fact]
        public Task Fix_all_makes_the_minimal_api_lambda_async_once() => VerifyFix.CodeFixAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/slow", () =>
                    {
                        {|PERF203:Thread.Sleep(10)|};
                        {|PERF203:Thread.Sleep(20)|};
                        return "done";
                    });
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/slow", async () =>
                    {
                        await Task.Delay(10);
                        await Task.Delay(20);
                        return "done";
                    });
                }
            }
            """);

        [Fact]
        public Task No_fix_for_sync_non_handler_method_under_scope_all() => VerifyFix.NoCodeFixAsync("""
            using System.Threading;

            public class Retry
            {
                public void Backoff() => {|PERF203:Thread.Sleep(100)|};
            }
            """, editorConfig: "perf_analyzers.async.scope = all");
    }
}
