using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyProbe = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Tests.Handlers.RequestHandlerProbeAnalyzer>;

namespace PerfAnalyzers.Tests.Handlers
{
    public class RequestHandlerModelTests
    {
        [Fact]
        public Task Finds_actions_of_controller_base_class() => VerifyProbe.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                public IActionResult {|ACTION:Get|}(int id) => Ok(id);
                public async Task<IActionResult> {|ACTION:Post|}() { await Task.Yield(); return Ok(); }
                [NonAction] public int Helper() => 1;
                private int Private() => 2;
                public static int Static() => 3;
                public override string ToString() => "orders";
                protected int Protected() => 4;
            }
            """);

        [Fact]
        public Task Finds_actions_of_attributed_and_poco_controllers() => VerifyProbe.AnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class Weather : ControllerBase { public string {|ACTION:Get|}() => "sun"; }

            [Controller]
            public class Plain { public string {|ACTION:Index|}() => "plain"; }

            public class PocoController { public string {|ACTION:List|}() => "poco"; }

            [ApiController]
            public abstract class BaseApi { public string Shared() => "abstract types are not controllers"; }

            [NonController]
            public class NotAController { public string Get() => "excluded"; }

            public class Helper { public string Get() => "not a controller"; }
            """);

        [Fact]
        public Task Ignores_controller_framework_overrides_and_dispose() => VerifyProbe.AnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public class HomeController : Controller
            {
                public IActionResult {|ACTION:Index|}() => View();
                public override void OnActionExecuting(ActionExecutingContext context) { }
                protected override void Dispose(bool disposing) { }
            }
            """);

        [Fact]
        public Task Finds_razor_page_handlers() => VerifyProbe.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                public void {|PAGE:OnGet|}() { }
                public Task<IActionResult> {|PAGE:OnPostAsync|}() => Task.FromResult<IActionResult>(Page());
                public void {|PAGE:OnPostDelete|}(int id) { }
                [NonHandler] public void OnGetHelper() { }
                public void Load() { }
                public void Online() { }
            }
            """);

        [Fact]
        public Task Finds_minimal_api_lambdas_local_functions_and_method_groups() => VerifyProbe.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Configure(WebApplication app)
                {
                    app.MapGet("/a", () {|MINIMAL:=>|} "a");
                    app.MapPost("/b", async (HttpContext context) {|MINIMAL:=>|} await context.Response.WriteAsync("b"));
                    var group = app.MapGroup("/api");
                    group.MapPut("/c", (int id) {|MINIMAL:=>|} id);
                    app.MapDelete("/d", Delete);
                    app.MapPatch("/e", OrderHandlers.Patch);
                    app.MapMethods("/f", new[] { "HEAD" }, () {|MINIMAL:=>|} "f");
                    app.Map("/g", (RequestDelegate)(context {|MINIMAL:=>|} Task.CompletedTask));
                    app.MapFallback(() {|MINIMAL:=>|} "fallback");

                    string {|MINIMAL:Delete|}(int id) => "deleted";
                    string NotMapped() => "local function never passed to Map";
                    app.Use(next => next);
                    System.Func<string> notAHandler = () => NotMapped();
                }
            }

            public static class OrderHandlers
            {
                public static string {|MINIMAL:Patch|}(int id) => "patched";
                public static string Unused(int id) => "not mapped";
            }
            """);

        [Fact]
        public Task Method_groups_are_matched_by_symbol_not_by_name_nor_by_a_mapper_call() => VerifyProbe.AnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            public interface IMapper { T Map<T>(object source); }

            public static class Endpoints
            {
                public static void Configure(WebApplication app, IMapper mapper)
                {
                    app.MapGet("/orders", OrderHandlers.List);
                    var dto = mapper.Map<string>(Other.Convert);
                }
            }

            public static class OrderHandlers
            {
                public static string {|MINIMAL:List|}() => "orders";
            }

            public static class ReportHandlers
            {
                public static string List() => "same name, never mapped";
            }

            public static class Other
            {
                public static string Convert() => "passed to a mapper, not to Map*";
            }
            """);

        [Fact]
        public Task Finds_minimal_api_handlers_in_top_level_statements() => VerifyProbe.AnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapGet("/", () {|MINIMAL:=>|} "hello");
            app.MapGet("/local", Hello);
            app.Run();

            static string {|MINIMAL:Hello|}() => "local";
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Finds_conventional_and_factory_middleware() => VerifyProbe.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class TimingMiddleware
            {
                private readonly RequestDelegate next;
                public TimingMiddleware(RequestDelegate next) => this.next = next;
                public Task {|MIDDLEWARE:InvokeAsync|}(HttpContext context) => next(context);
            }

            public class LegacyMiddleware
            {
                public Task {|MIDDLEWARE:Invoke|}(HttpContext context, IServiceCheck check) => Task.CompletedTask;
            }

            public interface IServiceCheck { }

            public class FactoryMiddleware : IMiddleware
            {
                public Task {|MIDDLEWARE:InvokeAsync|}(HttpContext context, RequestDelegate next) => next(context);
            }

            public class NotMiddleware
            {
                public Task InvokeAsync(string name) => Task.CompletedTask;
                public void Invoke(HttpContext context) { }
            }
            """);

        [Fact]
        public Task Finds_hub_methods() => VerifyProbe.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public interface IChatClient { Task Receive(string message); }

            public class ChatHub : Hub
            {
                public Task {|HUB:Send|}(string message) => Clients.All.SendAsync("receive", message);
                public override Task {|HUB:OnConnectedAsync|}() => Task.CompletedTask;
                private void Helper() { }
                public static void StaticHelper() { }
            }

            public class TypedHub : Hub<IChatClient>
            {
                public Task {|HUB:Send|}(string message) => Clients.All.Receive(message);
            }

            public class NotAHub { public Task Send(string message) => Task.CompletedTask; }
            """);

        [Fact]
        public Task Finds_grpc_service_overrides_by_bind_service_method_attribute() => VerifyProbe.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            namespace Grpc.Core
            {
                [AttributeUsage(AttributeTargets.Class)]
                public sealed class BindServiceMethodAttribute : Attribute
                {
                    public BindServiceMethodAttribute(Type bindType, string bindMethodName) { }
                }
            }

            namespace Shop
            {
                public static class Greeter
                {
                    [Grpc.Core.BindServiceMethod(typeof(Greeter), "BindService")]
                    public abstract class GreeterBase
                    {
                        public virtual Task<string> SayHello(string request) => throw new NotImplementedException();
                    }
                }

                public abstract class OtherBase { public virtual Task<string> SayHello(string request) => Task.FromResult(request); }

                public class GreeterService : Greeter.GreeterBase
                {
                    public override Task<string> {|GRPC:SayHello|}(string request) => Task.FromResult("hi " + request);
                    public Task<string> NotAnOverride(string request) => Task.FromResult(request);
                }

                public class OtherService : OtherBase
                {
                    public override Task<string> SayHello(string request) => Task.FromResult(request);
                }
            }
            """);

        [Fact]
        public Task Finds_nothing_without_aspnetcore() => VerifyProbe.AnalyzerAsync("""
            public class OrdersController
            {
                public string Get() => "no ASP.NET Core referenced";
            }
            """, frameworks: Frameworks.NetCore);
    }
}
