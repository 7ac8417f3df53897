using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>A policy written by a helper the endpoint returns through, or by a void helper of the action's own controller it calls (docs/rules/PERF301.md, "What is not flagged").</summary>
    public class PERF301PolicyHelperTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            """;

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_actions_returning_through_helpers_that_write_caching_headers() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/images")]
            public class ImagesController : ControllerBase
            {
                [HttpGet("{id}")]
                public async Task<ActionResult> GetImage(int id) => await GetImageInternal(id, "png").ConfigureAwait(false);

                [HttpGet("{id}/thumb")]
                public Task<ActionResult> GetThumbnail(int id) => GetImageResult("/images/" + id + "-thumb.png");

                [HttpGet("legacy/{id}")]
                public Task<ActionResult> GetLegacyImage(int id) => GetImage(id);

                private async Task<ActionResult> GetImageInternal(int id, string format)
                {
                    await Task.Yield();
                    return await GetImageResult("/images/" + id + "." + format);
                }

                private Task<ActionResult> GetImageResult(string path)
                {
                    Response.Headers.Append(HeaderNames.CacheControl, "public, max-age=86400");
                    return Task.FromResult<ActionResult>(new FileContentResult(new byte[] { 1 }, "image/png"));
                }
            }
            """);

        [Fact]
        public Task Ignores_actions_returning_through_a_helper_that_serves_a_file_from_a_path() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/media")]
            public class MediaController : ControllerBase
            {
                [HttpGet("{id}")]
                public ActionResult GetFile(int id) => Serve("/media/" + id);

                private ActionResult Serve(string path) => new PhysicalFileResult(path, "application/octet-stream");
            }
            """);

        [Fact]
        public Task Ignores_actions_returning_through_a_file_helper_in_a_branch_of_the_returned_value() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/segments")]
            public class SegmentsController : ControllerBase
            {
                [HttpGet("{id}")]
                public ActionResult GetSegment(string id)
                {
                    var path = id.Length > 3 ? "/segments/" + id : null;
                    return path is null ? NotFound("no such segment") : Serve(path);
                }

                [HttpGet("{id}/alt")]
                public ActionResult GetAlternate(string id) => TryServe(id) ?? Serve("/segments/default");

                private ActionResult? TryServe(string id) => null;

                private ActionResult Serve(string path) => new PhysicalFileResult(path, "video/mp2t");
            }
            """);

        [Fact]
        public Task Ignores_minimal_endpoints_returning_through_a_helper_that_writes_caching_headers() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/api/plans/{id}", (int id, HttpContext context) => Plan(id, context));

                private static IResult Plan(int id, HttpContext context)
                {
                    context.Response.Headers.CacheControl = "public, max-age=60";
                    return Results.Ok(new { id });
                }
            }
            """);

        [Fact]
        public Task Ignores_actions_calling_a_void_helper_of_their_controller_that_sets_the_policy() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/links")]
            public class LinksController : ControllerBase
            {
                [HttpGet("resolve")]
                public IActionResult Resolve(string uri)
                {
                    if (uri.Length == 0)
                    {
                        SetCacheControl(final: false);
                        return Ok(new { uri, found = false });
                    }

                    SetCacheControl(final: true);
                    return Ok(new { uri, found = true });
                }

                [HttpGet("latest")]
                public ActionResult<string> Latest()
                {
                    NoStore();
                    return "v2";
                }

                private void SetCacheControl(bool final) => Response.GetTypedHeaders().CacheControl = final
                    ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromHours(1) }
                    : new CacheControlHeaderValue { NoStore = true };

                private void NoStore()
                {
                    Response.Headers[HeaderNames.CacheControl] = "no-store";
                }
            }
            """);

        // A packaging data API's streaming exports: the result class of the application writes no-store when it runs.
        [Fact]
        public Task Ignores_actions_returning_a_result_type_of_the_application_that_writes_caching_headers() => VerifyCS.AnalyzerAsync(Usings + """
            public sealed class NdJsonStreamResult<T>(IAsyncEnumerable<T> rows) : IActionResult
            {
                public async Task ExecuteResultAsync(ActionContext context)
                {
                    var response = context.HttpContext.Response;
                    response.ContentType = "application/x-ndjson";
                    response.Headers[HeaderNames.CacheControl] = "no-store";
                    await foreach (var row in rows)
                    {
                        await response.WriteAsync(row!.ToString() + "\n");
                    }
                }
            }

            public sealed class CachedJsonResult(object value) : IResult
            {
                public Task ExecuteAsync(HttpContext httpContext)
                {
                    httpContext.Response.Headers.CacheControl = "public, max-age=300";
                    return httpContext.Response.WriteAsJsonAsync(value);
                }
            }

            [ApiController, Route("api/organisations")]
            public class OrganisationsController : ControllerBase
            {
                [HttpGet("stream")]
                public IActionResult StreamOut([FromQuery] int year)
                {
                    if (year < 2000)
                    {
                        return ValidationProblem();
                    }

                    return new NdJsonStreamResult<string>(Rows(year));
                }

                private static async IAsyncEnumerable<string> Rows(int year)
                {
                    await Task.Yield();
                    yield return year.ToString();
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/nations", () => new CachedJsonResult(new[] { "England" }));
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Reports_actions_whose_void_helper_is_elsewhere_two_calls_down_or_writes_no_caching_header() => VerifyCS.AnalyzerAsync(Usings + """
            public static class CacheHeaders
            {
                public static void Public(HttpResponse response) => response.Headers.CacheControl = "public, max-age=60";
            }

            public abstract class LinksControllerBase : ControllerBase
            {
                protected void SetCacheControl() => Response.Headers.CacheControl = "public, max-age=60";
            }

            [ApiController, Route("api/links")]
            public class LinksController : LinksControllerBase
            {
                [HttpGet("a")]
                public ActionResult<string> {|PERF301:Elsewhere|}()
                {
                    CacheHeaders.Public(Response);
                    return "a";
                }

                [HttpGet("b")]
                public ActionResult<string> {|PERF301:TwoDown|}()
                {
                    Prepare();
                    return "b";
                }

                [HttpGet("c")]
                public ActionResult<string> {|PERF301:Versioned|}()
                {
                    SetVersion();
                    return "c";
                }

                [HttpGet("d")]
                public ActionResult<string> {|PERF301:FromBase|}()
                {
                    SetCacheControl();
                    return "d";
                }

                private void Prepare() => SetPolicy();

                private void SetPolicy() => Response.Headers.CacheControl = "public, max-age=60";

                private void SetVersion() => Response.Headers["X-Version"] = "2";
            }
            """);

        [Fact]
        public Task Reports_actions_returning_through_helpers_that_write_no_caching_header() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/images")]
            public class ImagesController : ControllerBase
            {
                [HttpGet("{id}")]
                public Task<ActionResult> {|PERF301:GetImage|}(int id) => GetImageResult(id);

                private Task<ActionResult> GetImageResult(int id)
                {
                    Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
                    Response.ContentType = "image/png";
                    return Task.FromResult<ActionResult>(new FileContentResult(new byte[] { 1 }, "image/png"));
                }
            }
            """);

        [Fact]
        public Task Reports_a_branch_returning_through_a_helper_that_declares_no_policy() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/segments")]
            public class SegmentsController : ControllerBase
            {
                [HttpGet("{id}")]
                public ActionResult {|PERF301:GetSegment|}(string id)
                    => id.Length == 0 ? NotFound() : Serve(id);

                private ActionResult Serve(string id) => new FileContentResult(new byte[] { 1 }, "video/mp2t");
            }
            """);

        [Fact]
        public Task Reports_a_caching_helper_four_calls_down_or_called_without_returning_its_result() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController, Route("api/images")]
            public class ImagesController : ControllerBase
            {
                [HttpGet("{id}")]
                public ActionResult {|PERF301:GetImage|}(int id) => First(id);

                [HttpGet("{id}/meta")]
                public ActionResult<List<int>> {|PERF301:GetMeta|}(int id)
                {
                    var ignored = Fourth(id);
                    return new List<int> { id };
                }

                private ActionResult First(int id) => Second(id);

                private ActionResult Second(int id) => Third(id);

                private ActionResult Third(int id) => Fourth(id);

                private ActionResult Fourth(int id)
                {
                    Response.Headers.CacheControl = "public, max-age=60";
                    return new FileContentResult(new byte[] { 1 }, "image/png");
                }
            }
            """);

        // A result type of the application that writes no caching header, or a class that is not a result.
        [Fact]
        public Task Reports_actions_returning_a_result_type_of_the_application_that_writes_no_caching_header() => VerifyCS.AnalyzerAsync(Usings + """
            public sealed class CsvResult(IEnumerable<string> lines) : IActionResult
            {
                public async Task ExecuteResultAsync(ActionContext context)
                {
                    context.HttpContext.Response.ContentType = "text/csv";
                    foreach (var line in lines)
                    {
                        await context.HttpContext.Response.WriteAsync(line + "\n");
                    }
                }
            }

            public sealed class Export(string[] lines)
            {
                public string[] Lines => lines;

                public void ExecuteResult(HttpResponse response) => response.Headers.CacheControl = "no-store";
            }

            [ApiController, Route("api/exports")]
            public class ExportsController : ControllerBase
            {
                [HttpGet("csv")]
                public IActionResult {|PERF301:Csv|}() => new CsvResult(new[] { "a,b" });

                [HttpGet("lines")]
                public Export {|PERF301:Lines|}() => new Export(new[] { "a" });
            }
            """);
    }
}
