using System.Threading.Tasks;
using PerfAnalyzers.Payload;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF402FileReadIntoMemoryAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF402FileReadIntoMemoryAnalyzer, PerfAnalyzers.Payload.PERF402FileReadIntoMemoryCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    public class PERF402FileReadIntoMemoryTests
    {
        private const string Usings = """
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Usings + body);

        [Fact]
        public Task Reports_bytes_passed_to_controller_file() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => File({|PERF402:System.IO.File.ReadAllBytes("report.pdf")|}, "application/pdf");

                [HttpGet("a")]
                public async Task<IActionResult> GetAsync() => File(await {|PERF402:System.IO.File.ReadAllBytesAsync("report.pdf")|}, "application/pdf", "report.pdf");
            }
            """);

        [Fact]
        public Task Reports_bytes_stored_in_a_local_then_sent() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Get()
                {
                    var bytes = await {|PERF402:System.IO.File.ReadAllBytesAsync("report.pdf")|};
                    return File(bytes, "application/pdf");
                }
            }
            """);

        [Fact]
        public Task Reports_text_passed_to_content() => Verify("""
            public class PagesController : ControllerBase
            {
                [HttpGet]
                public ContentResult Get() => Content({|PERF402:System.IO.File.ReadAllText("page.html")|}, "text/html");

                [HttpGet("b")]
                public ContentResult GetB() => new ContentResult { Content = {|PERF402:System.IO.File.ReadAllText("page.html")|} };
            }
            """);

        [Fact]
        public Task Reports_minimal_results_file_bytes_and_text() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.File({|PERF402:File.ReadAllBytes("a.pdf")|}, "application/pdf"));
                    app.MapGet("/b", async () => Results.Bytes(await {|PERF402:File.ReadAllBytesAsync("b.pdf")|}, "application/pdf"));
                    app.MapGet("/c", () => TypedResults.Text({|PERF402:File.ReadAllText("c.txt")|}));
                    app.MapGet("/d", async () => Results.Content(await {|PERF402:File.ReadAllTextAsync("d.html")|}, "text/html"));
                }
            }
            """);

        [Fact]
        public Task Reports_writes_to_the_response_body() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", async (HttpContext context) =>
                    {
                        var bytes = await {|PERF402:File.ReadAllBytesAsync("a.bin")|};
                        await context.Response.Body.WriteAsync(bytes);
                    });
                    app.MapGet("/b", async (HttpResponse response) => await response.WriteAsync(await {|PERF402:File.ReadAllTextAsync("b.txt")|}));
                }
            }
            """);

        [Fact]
        public Task Reports_file_content_result_created_from_bytes() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => new FileContentResult({|PERF402:System.IO.File.ReadAllBytes("a.pdf")|}, "application/pdf");
            }
            """);

        [Fact]
        public Task Ignores_file_read_for_other_purposes() => Verify("""
            public class ConfigController : ControllerBase
            {
                [HttpGet]
                public int Get()
                {
                    var text = System.IO.File.ReadAllText("config.json");
                    return text.Length;
                }

                [HttpGet("hash")]
                public string Hash() => System.Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes("a.bin")));
            }
            """);

        [Fact]
        public Task Ignores_streamed_file_results() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpGet("a")]
                public IActionResult Get() => PhysicalFile("/srv/report.pdf", "application/pdf", enableRangeProcessing: true);

                [HttpGet("b")]
                public IActionResult GetB() => File(System.IO.File.OpenRead("report.pdf"), "application/pdf", enableRangeProcessing: true);
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/c", () => Results.File("/srv/c.pdf", "application/pdf"));
                    app.MapGet("/d", (HttpContext context) => context.Response.SendFileAsync("d.pdf"));
                }
            }
            """);

        [Fact]
        public Task Ignores_in_memory_content_that_is_not_a_file() => Verify("""
            public class ReportsController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => File(Encoding.UTF8.GetBytes("generated"), "text/plain");

                [HttpGet("b")]
                public ContentResult GetB() => Content("<p>hi</p>", "text/html");
            }
            """);

        [Fact]
        public Task Ignores_file_read_written_to_another_stream() => Verify("""
            public class Copier
            {
                public async Task Copy(Stream target)
                {
                    var bytes = await File.ReadAllBytesAsync("a.bin");
                    await target.WriteAsync(bytes);
                    await File.WriteAllTextAsync("b.txt", File.ReadAllText("a.txt"));
                }
            }
            """);

        [Fact]
        public Task Ignores_lines_and_other_read_methods() => Verify("""
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => Content(string.Join("\n", System.IO.File.ReadAllLines("a.txt")), "text/plain");
            }
            """);

        [Fact]
        public Task Ignores_methods_that_are_only_named_like_response_sinks() => Verify("""
            public class Archive
            {
                public void File(byte[] contents, string type) { }

                public void Content(string text) { }

                public void Store()
                {
                    File(System.IO.File.ReadAllBytes("a.bin"), "application/octet-stream");
                    Content(System.IO.File.ReadAllText("a.txt"));
                }
            }
            """);

        [Fact]
        public Task Ignores_response_writes_of_text_that_is_not_a_file() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/a", async (HttpContext context) => await context.Response.WriteAsync(string.Join(",", File.ReadAllLines("a.csv"))));
            }
            """);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => File(System.IO.File.ReadAllBytes({|CS0103:path|}), "application/pdf");

                [HttpGet("b")]
                public IActionResult GetB() => {|CS0103:Unknown|}(System.IO.File.ReadAllBytes("a"));
            }
            """);

        [Fact]
        public Task Fix_streams_the_file_in_a_controller() => VerifyFix.CodeFixAsync(Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(string name) => File({|PERF402:System.IO.File.ReadAllBytes(name)|}, "application/pdf");

                [HttpGet("a")]
                public async Task<IActionResult> GetAsync() => File(await {|PERF402:System.IO.File.ReadAllBytesAsync("report.pdf")|}, "application/pdf", "report.pdf");
            }
            """, Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(string name) => File(System.IO.File.OpenRead(name), "application/pdf", enableRangeProcessing: true);

                [HttpGet("a")]
                public IActionResult GetAsync() => File(System.IO.File.OpenRead("report.pdf"), "application/pdf", "report.pdf", enableRangeProcessing: true);
            }
            """, PERF402FileReadIntoMemoryCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_streams_the_file_in_minimal_apis() => VerifyFix.CodeFixAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.File({|PERF402:File.ReadAllBytes("a.pdf")|}, "application/pdf"));
                    app.MapGet("/b", async () => Results.Bytes(await {|PERF402:File.ReadAllBytesAsync("b.pdf")|}, "application/pdf"));
                    app.MapGet("/c", () => TypedResults.File({|PERF402:File.ReadAllBytes("c.pdf")|}, "application/pdf", "c.pdf"));
                }
            }
            """, Usings + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", () => Results.File(File.OpenRead("a.pdf"), "application/pdf", enableRangeProcessing: true));
                    app.MapGet("/b", () => Results.File(File.OpenRead("b.pdf"), "application/pdf", enableRangeProcessing: true));
                    app.MapGet("/c", () => TypedResults.File(File.OpenRead("c.pdf"), "application/pdf", "c.pdf", enableRangeProcessing: true));
                }
            }
            """, PERF402FileReadIntoMemoryCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_for_text_or_bytes_used_again() => VerifyFix.NoCodeFixAsync(Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public ContentResult Get() => Content({|PERF402:System.IO.File.ReadAllText("page.html")|}, "text/html");

                [HttpGet("b")]
                public IActionResult GetB()
                {
                    var bytes = {|PERF402:System.IO.File.ReadAllBytes("a.pdf")|};
                    Response.Headers["X-Length"] = bytes.Length.ToString();
                    return File(bytes, "application/pdf");
                }
            }
            """, PERF402FileReadIntoMemoryCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_streams_bytes_held_in_a_local_used_once() => VerifyFix.CodeFixAsync(Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Get(System.Threading.CancellationToken ct)
                {
                    // The catalogue is regenerated nightly.
                    var bytes = await {|PERF402:System.IO.File.ReadAllBytesAsync("catalogue.pdf", ct)|};
                    return File(bytes, "application/pdf");
                }
            }
            """, Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get(System.Threading.CancellationToken ct)
                {
                    // The catalogue is regenerated nightly.
                    return File(System.IO.File.OpenRead("catalogue.pdf"), "application/pdf", enableRangeProcessing: true);
                }
            }
            """, PERF402FileReadIntoMemoryCodeFix.EquivalenceKey);
    }
}
