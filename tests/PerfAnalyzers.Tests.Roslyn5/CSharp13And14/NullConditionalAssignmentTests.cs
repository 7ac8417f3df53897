using System.Threading.Tasks;
using PerfAnalyzers.Connections;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyBlocking = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer>;
using VerifyBlockingFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF201BlockingWaitAnalyzer, PerfAnalyzers.Async.PERF201BlockingWaitCodeFix>;
using VerifyClient = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer>;
using VerifyClientFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer, PerfAnalyzers.Connections.PERF501HttpClientPerOperationCodeFix>;
using VerifyQueryInLoop = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifySyncOverAsync = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.CSharp13And14
{
    /// <summary>
    /// C# 14 null-conditional assignment (<c>a?.B = value</c>): the value is computed only when <c>a</c> is not null, but
    /// when it is, it blocks, queries or creates a client exactly as a plain assignment would, so the rules apply as usual.
    /// </summary>
    public class NullConditionalAssignmentTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public class Summary { public int Total { get; set; } }

            """;

        private const string WebUsings = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public class Summary { public HttpClient? Client { get; set; } }

            """;

        // ---- PERF201 ----

        [Fact]
        public Task Reports_a_blocking_wait_assigned_through_a_null_conditional() => VerifyBlocking.AnalyzerAsync(Usings + """
            public class Totals
            {
                public async Task FillAsync(Summary? summary, Task<int> total)
                {
                    await Task.Yield();
                    summary?.Total = {|PERF201:total.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Reports_a_task_whose_await_a_null_conditional_assignment_may_have_skipped() => VerifyBlocking.AnalyzerAsync(Usings + """
            public class Totals
            {
                public async Task<int> FillAsync(Summary? summary, Task<int> total)
                {
                    summary?.Total = await total;
                    return {|PERF201:total.Result|};
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_completed_task_assigned_through_a_null_conditional() => VerifyBlocking.AnalyzerAsync(Usings + """
            public class Totals
            {
                public async Task FillAsync(Summary? summary, Task<int> total)
                {
                    await total;
                    summary?.Total = total.Result;
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Fix_awaits_the_task_inside_the_null_conditional_assignment() => VerifyBlockingFix.CodeFixAsync(Usings + """
            public class Totals
            {
                public async Task FillAsync(Summary? summary, Task<int> total)
                {
                    await Task.Yield();
                    summary?.Total = {|PERF201:total.Result|};
                }
            }
            """, Usings + """
            public class Totals
            {
                public async Task FillAsync(Summary? summary, Task<int> total)
                {
                    await Task.Yield();
                    summary?.Total = await total;
                }
            }
            """, frameworks: Frameworks.NetCore);

        // ---- PERF101 and PERF202 ----

        [Fact]
        public Task Reports_a_query_in_a_loop_assigned_through_a_null_conditional() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public class Loader
            {
                public async Task FillAsync(ShopDb db, List<Order?> orders)
                {
                    foreach (var order in orders)
                    {
                        order?.Customer = await {|PERF101:db.Customers.FirstOrDefaultAsync(c => c.Id == order.CustomerId)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_query_assigned_through_a_null_conditional_before_the_loop() => VerifyQueryInLoop.AnalyzerAsync(Model + """
            public class Loader
            {
                public async Task FillAsync(ShopDb db, Customer? first, List<Order> orders)
                {
                    first?.Orders = await db.Orders.Where(o => o.CustomerId == first.Id).ToListAsync();
                    foreach (var order in orders)
                    {
                        order.Total += 1;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_synchronous_query_assigned_through_a_null_conditional_in_an_async_method() => VerifySyncOverAsync.AnalyzerAsync(Model + """
            public class Loader
            {
                public async Task FillAsync(ShopDb db, Customer? customer)
                {
                    await Task.Yield();
                    customer?.Orders = {|PERF202:db.Orders.Where(o => o.CustomerId == customer.Id).ToList()|};
                }
            }
            """);

        // ---- PERF501 ----

        [Fact]
        public Task Reports_a_client_assigned_through_a_null_conditional_in_a_controller_action() => VerifyClient.AnalyzerAsync(WebUsings + """
            public class WeatherController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(Summary? summary)
                {
                    summary?.Client = {|PERF501:new HttpClient()|};
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_factory_client_assigned_through_a_null_conditional() => VerifyClient.AnalyzerAsync(WebUsings + """
            public class WeatherController(IHttpClientFactory factory) : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(Summary? summary)
                {
                    summary?.Client = factory.CreateClient();
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Factory_fix_keeps_the_null_conditional_assignment() => VerifyClientFix.CodeFixAsync(WebUsings + """
            public class WeatherController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(Summary? summary)
                {
                    summary?.Client = {|PERF501:new HttpClient()|};
                    return Ok();
                }
            }
            """, WebUsings + """
            public class WeatherController : ControllerBase
            {
                private readonly IHttpClientFactory _httpClientFactory;

                public WeatherController(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                [HttpGet]
                public IActionResult Get(Summary? summary)
                {
                    summary?.Client = _httpClientFactory.CreateClient();
                    return Ok();
                }
            }
            """, PERF501HttpClientPerOperationCodeFix.UseFactoryKey);

        [Fact]
        public Task Shared_fix_is_not_offered_for_a_client_handed_to_another_object() => VerifyClientFix.NoCodeFixAsync(WebUsings + """
            public class WeatherController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(Summary? summary)
                {
                    summary?.Client = {|PERF501:new HttpClient()|};
                    return Ok();
                }
            }
            """, PERF501HttpClientPerOperationCodeFix.UseSharedClientKey);
    }
}
