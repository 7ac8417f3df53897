using System.Threading.Tasks;
using PerfAnalyzers.Payload;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF404RequestBodyBufferedAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF404RequestBodyBufferedAnalyzer, PerfAnalyzers.Payload.PERF404RequestBodyBufferedCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    public class PERF404RequestBodyBufferedTests
    {
        private const string Usings = """
            using System.IO;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public record Order(int Id);

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Usings + body);

        [Fact]
        public Task Reports_read_to_end_in_a_controller_action() => Verify("""
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create()
                {
                    using var reader = new StreamReader(Request.Body);
                    var json = await {|PERF404:reader.ReadToEndAsync()|};
                    return Ok(JsonSerializer.Deserialize<Order>(json));
                }

                [HttpPost("raw")]
                public string Raw() => {|PERF404:new StreamReader(HttpContext.Request.Body).ReadToEnd()|};
            }
            """);

        // ---- Webhook signatures (docs/rules/PERF404.md, "Webhook signatures") ----

        [Fact]
        public Task Ignores_a_webhook_whose_helper_checks_the_Stripe_signature() => Verify("""
            public class PaymentsController : ControllerBase
            {
                [HttpPost("webhook")]
                public async Task<IActionResult> StripeWebhook()
                {
                    var json = await new StreamReader(Request.Body).ReadToEndAsync();
                    return Verify(json) ? Ok() : BadRequest();
                }

                private bool Verify(string json) => Check(json, Request.Headers["Stripe-Signature"]);

                private static bool Check(string payload, string? signature) => signature != null && payload.Length > 0;
            }
            """);

        [Fact]
        public Task Ignores_a_webhook_that_reads_the_GitHub_signature_header_itself() => Verify("""
            public class HooksController : ControllerBase
            {
                [HttpPost("github")]
                public async Task<IActionResult> Push()
                {
                    using var reader = new StreamReader(Request.Body);
                    var payload = await reader.ReadToEndAsync();
                    var signature = Request.Headers["X-Hub-Signature-256"].ToString();
                    return signature.Length > 0 && payload.Length > 0 ? Ok() : Unauthorized();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_webhook_whose_header_name_is_a_constant_of_the_type() => Verify("""
            public class ShopifyController : ControllerBase
            {
                private const string HmacHeader = "X-Shopify-Hmac-Sha256";

                [HttpPost("orders-created")]
                public async Task<IActionResult> OrdersCreated()
                {
                    var body = await new StreamReader(Request.Body).ReadToEndAsync();
                    return Request.Headers.ContainsKey(HmacHeader) && body.Length > 0 ? Ok() : Unauthorized();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_minimal_webhook_that_checks_a_signature() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/hooks/slack", async (HttpRequest request) =>
                    {
                        var body = await new StreamReader(request.Body).ReadToEndAsync();
                        return request.Headers["X-Slack-Signature"].Count > 0 && body.Length > 0 ? Results.Ok() : Results.Unauthorized();
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_an_import_next_to_a_webhook_of_the_same_controller() => Verify("""
            public class IntegrationsController : ControllerBase
            {
                [HttpPost("webhook")]
                public async Task<IActionResult> Webhook()
                {
                    var json = await new StreamReader(Request.Body).ReadToEndAsync();
                    return Request.Headers["Stripe-Signature"].Count > 0 && json.Length > 0 ? Ok() : BadRequest();
                }

                [HttpPost("import")]
                public async Task<IActionResult> Import()
                {
                    var json = await {|PERF404:new StreamReader(Request.Body).ReadToEndAsync()|};
                    return Ok(JsonSerializer.Deserialize<Order[]>(json));
                }
            }
            """);

        [Fact]
        public Task Reports_a_read_whose_type_mentions_a_signature_only_in_a_member_it_does_not_use() => Verify("""
            public class DocumentsController : ControllerBase
            {
                [HttpPost("documents")]
                public async Task<IActionResult> Upload()
                {
                    var text = await {|PERF404:new StreamReader(Request.Body).ReadToEndAsync()|};
                    return Ok(text.Length);
                }

                [HttpGet("signature-policy")]
                public string Policy() => "Documents need a signature page.";
            }
            """);

        [Fact]
        public Task Reports_a_read_whose_only_signature_is_in_its_route() => Verify("""
            public class ContractsController : ControllerBase
            {
                [HttpPost("contracts/{id}/signature")]
                public async Task<IActionResult> Sign(int id)
                {
                    var drawing = await {|PERF404:new StreamReader(Request.Body).ReadToEndAsync()|};
                    return Ok(drawing.Length + id);
                }
            }
            """);

        [Fact]
        public Task Reports_copy_into_a_memory_stream_in_a_minimal_api() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/upload", async (HttpRequest request) =>
                    {
                        var buffer = new MemoryStream();
                        await {|PERF404:request.Body.CopyToAsync(buffer)|};
                        return buffer.Length;
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_read_to_end_in_middleware() => Verify("""
            public class AuditMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var body = await {|PERF404:new StreamReader(context.Request.Body).ReadToEndAsync()|};
                    System.Diagnostics.Debug.WriteLine(body);
                    await next(context);
                }
            }

            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        using var copy = new MemoryStream();
                        {|PERF404:context.Request.Body.CopyTo(copy)|};
                        await next(context);
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_read_in_a_razor_page_handler_and_a_method_group_endpoint() => Verify("""
            public class UploadModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public async Task OnPostAsync() => System.Diagnostics.Debug.WriteLine(await {|PERF404:new StreamReader(Request.Body).ReadToEndAsync()|});
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapPost("/echo", Echo);

                private static async Task<string> Echo(HttpRequest request) => await {|PERF404:new StreamReader(request.Body).ReadToEndAsync()|};
            }
            """);

        [Fact]
        public Task Ignores_streamed_deserialisation() => Verify("""
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<Order?> Create() => await Request.ReadFromJsonAsync<Order>();

                [HttpPost("b")]
                public async Task<Order?> CreateB() => await JsonSerializer.DeserializeAsync<Order>(Request.Body);
            }
            """);

        [Fact]
        public Task Ignores_reads_outside_handlers() => Verify("""
            public static class BodyReader
            {
                public static async Task<string> ReadAsync(HttpRequest request)
                {
                    using var reader = new StreamReader(request.Body);
                    return await reader.ReadToEndAsync();
                }
            }
            """);

        [Fact]
        public Task Ignores_other_streams_and_partial_reads() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpPost]
                public async Task<string> Create()
                {
                    using var reader = new StreamReader(Request.Body);
                    var firstLine = await reader.ReadLineAsync();
                    var text = await new StreamReader(System.IO.File.OpenRead("a.txt")).ReadToEndAsync();
                    return firstLine + text;
                }
            }
            """);

        [Fact]
        public Task Ignores_copying_the_request_body_to_a_file_or_the_response() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpPost]
                public async Task Upload()
                {
                    await using var file = System.IO.File.Create("upload.bin");
                    await Request.Body.CopyToAsync(file);
                    await Request.Body.CopyToAsync(Response.Body);
                }
            }
            """);

        [Fact]
        public Task Ignores_reading_the_response_body() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public async Task<string> Get() => await new StreamReader(Response.Body).ReadToEndAsync();
            }
            """);

        [Fact]
        public Task Ignores_request_body_reads_without_asp_net_core_types() => VerifyCS.AnalyzerAsync("""
            using System.IO;

            public class Reader
            {
                public string Read(Stream body) => new StreamReader(body).ReadToEnd();
            }
            """, frameworks: Infrastructure.Frameworks.NetCore);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<string> Create() => await new StreamReader({|CS0103:body|}).ReadToEndAsync();

                [HttpPost("b")]
                public void CreateB() => Request.Body.CopyTo({|CS0103:target|});
            }
            """);

        [Fact]
        public Task Fix_reads_json_from_the_request_in_a_controller() => VerifyFix.CodeFixAsync(Usings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(CancellationToken ct)
                {
                    using var reader = new StreamReader(Request.Body);
                    var json = await {|PERF404:reader.ReadToEndAsync(ct)|};
                    var order = JsonSerializer.Deserialize<Order>(json);
                    return Ok(order);
                }

                [HttpPost("b")]
                public async Task<Order?> CreateB() => JsonSerializer.Deserialize<Order>(await {|PERF404:new StreamReader(Request.Body).ReadToEndAsync()|}, JsonSerializerOptions.Web);
            }
            """, Usings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(CancellationToken ct)
                {
                    var order = await Request.ReadFromJsonAsync<Order>(ct);
                    return Ok(order);
                }

                [HttpPost("b")]
                public async Task<Order?> CreateB() => await Request.ReadFromJsonAsync<Order>(JsonSerializerOptions.Web);
            }
            """, PERF404RequestBodyBufferedCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_keeps_the_comments_above_the_removed_locals() => VerifyFix.CodeFixAsync(Usings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(CancellationToken ct)
                {
                    // Orders arrive from the partner portal.
                    using var reader = new StreamReader(Request.Body);
                    // Legacy clients send no content type.
                    var json = await {|PERF404:reader.ReadToEndAsync(ct)|};
                    var order = JsonSerializer.Deserialize<Order>(json);
                    return Ok(order);
                }
            }
            """, Usings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(CancellationToken ct)
                {
                    // Orders arrive from the partner portal.
                    // Legacy clients send no content type.
                    var order = await Request.ReadFromJsonAsync<Order>(ct);
                    return Ok(order);
                }
            }
            """, PERF404RequestBodyBufferedCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_reads_json_from_the_request_in_a_minimal_api() => VerifyFix.CodeFixAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/orders", async (HttpContext context) =>
                    {
                        var order = JsonSerializer.Deserialize<Order>(await {|PERF404:new StreamReader(context.Request.Body).ReadToEndAsync()|});
                        return order?.Id;
                    });
                }
            }
            """, Usings + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/orders", async (HttpContext context) =>
                    {
                        var order = await context.Request.ReadFromJsonAsync<Order>();
                        return order?.Id;
                    });
                }
            }
            """, PERF404RequestBodyBufferedCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_when_the_text_is_not_deserialised() => VerifyFix.NoCodeFixAsync(Usings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<int> Create()
                {
                    var text = await {|PERF404:new StreamReader(Request.Body).ReadToEndAsync()|};
                    return text.Length;
                }

                [HttpPost("copy")]
                public async Task<long> Copy()
                {
                    var buffer = new MemoryStream();
                    await {|PERF404:Request.Body.CopyToAsync(buffer)|};
                    return buffer.Length;
                }
            }
            """, PERF404RequestBodyBufferedCodeFix.EquivalenceKey);
    }
}
