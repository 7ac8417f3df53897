using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Serialization.PERF702LargeBufferPerCallAnalyzer>;

namespace PerfAnalyzers.Tests.Serialization
{
    public class PERF702LargeBufferPerCallTests
    {
        private const string Usings = """
            using System;
            using System.Buffers;
            using System.IO;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Usings + body);

        // Flagged.

        [Fact]
        public Task Reports_a_constant_buffer_on_the_large_object_heap_in_a_controller_action() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public async Task<long> Upload(CancellationToken ct)
                {
                    var buffer = {|PERF702:new byte[1024 * 1024]|};
                    long total = 0;
                    int read;
                    while ((read = await Request.Body.ReadAsync(buffer, 0, 1024 * 1024, ct)) > 0)
                    {
                        total += read;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_char_buffer_counted_in_bytes() => Verify("""
            [ApiController]
            public class TextController : ControllerBase
            {
                [HttpPost("/text")]
                public async Task<int> Count()
                {
                    char[] chars = {|PERF702:new char[50_000]|};
                    using var reader = new StreamReader(Request.Body);
                    return await reader.ReadAsync(chars, 0, 50_000);
                }
            }
            """);

        [Fact]
        public Task Reports_a_buffer_sized_by_the_request_content_length() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public async Task<string> Upload()
                {
                    var size = (int)(Request.ContentLength ?? 0);
                    var buffer = {|PERF702:new byte[size]|};
                    await Request.Body.ReadExactlyAsync(buffer, 0, size);
                    return Encoding.UTF8.GetString(buffer, 0, size);
                }
            }
            """);

        [Fact]
        public Task Reports_buffers_sized_by_a_bound_parameter_or_an_uploaded_file_in_minimal_endpoints() => Verify("""
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/random/{count}", (int count) =>
                    {
                        var bytes = {|PERF702:new byte[count]|};
                        Random.Shared.NextBytes(bytes);
                        return Convert.ToBase64String(bytes);
                    });

                    app.MapPost("/files", async (IFormFile file) =>
                    {
                        var content = {|PERF702:new byte[file.Length]|};
                        await using var stream = file.OpenReadStream();
                        await stream.ReadExactlyAsync(content);
                        return content[0];
                    }).DisableAntiforgery();
                }
            }
            """);

        [Fact]
        public Task Message_names_the_allocation_and_why() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/a")]
                public int A() => Request.Body.Read(new byte[4], 0, 4) + Fill();

                private int Fill() => 0;

                [HttpPost("/b")]
                public int B()
                {
                    var buffer = {|#0:new byte[100_000]|};
                    return Request.Body.Read(buffer, 0, 100_000);
                }

                [HttpPost("/c/{size}")]
                public int C(int size)
                {
                    var text = {|#1:new char[size]|};
                    return text[0];
                }
            }
            """, expected: new[]
            {
                VerifyCS.Diagnostic(Descriptors.PERF702LargeBufferPerCall).WithLocation(0).WithArguments("new byte[100_000]", "on the large object heap", "byte"),
                VerifyCS.Diagnostic(Descriptors.PERF702LargeBufferPerCall).WithLocation(1).WithArguments("new char[size]", "with a size the request chooses", "char"),
            });

        // Not flagged.

        [Fact]
        public Task Ignores_small_constant_buffers_and_char_arrays_under_the_threshold() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public async Task<int> Upload()
                {
                    var buffer = new byte[81_920];
                    var chars = new char[42_499];
                    return await Request.Body.ReadAsync(buffer, 0, 81_920) + chars.Length;
                }
            }
            """);

        [Fact]
        public Task Ignores_static_and_readonly_buffers() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                private static readonly byte[] Scratch = new byte[1024 * 1024];
                private readonly byte[] perInstance = new byte[1024 * 1024];

                [HttpPost("/uploads")]
                public int Upload() => Request.Body.Read(Scratch, 0, 1024) + perInstance[0];
            }
            """);

        [Fact]
        public Task Ignores_buffers_that_escape_the_call() => Verify("""
            [ApiController]
            public class DownloadsController : ControllerBase
            {
                private byte[]? last;

                [HttpGet("/a")]
                public byte[] Returned()
                {
                    var data = new byte[1024 * 1024];
                    Random.Shared.NextBytes(data);
                    return data;
                }

                [HttpGet("/b")]
                public IActionResult Wrapped()
                {
                    var data = new byte[1024 * 1024];
                    return File(data, "application/octet-stream");
                }

                [HttpGet("/c")]
                public int Stored()
                {
                    var data = new byte[1024 * 1024];
                    last = data;
                    return data.Length;
                }

                [HttpGet("/d")]
                public Func<int> Captured()
                {
                    var data = new byte[1024 * 1024];
                    return () => data.Length;
                }

                [HttpGet("/e")]
                public Stream InAStream()
                {
                    var data = new byte[1024 * 1024];
                    return new MemoryStream(data);
                }
            }
            """);

        [Fact]
        public Task Ignores_stackalloc_and_pooled_buffers() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/a")]
                public int Stack()
                {
                    Span<byte> small = stackalloc byte[256];
                    return Request.Body.Read(small);
                }

                [HttpPost("/b")]
                public async Task<int> Pooled()
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
                    try
                    {
                        return await Request.Body.ReadAsync(buffer, 0, 1024 * 1024);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_code_that_is_not_a_request_handler() => Verify("""
            public class Compressor
            {
                public int Compress(Stream input)
                {
                    var buffer = new byte[1024 * 1024];
                    return input.Read(buffer, 0, 1024 * 1024);
                }
            }

            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public int Upload() => Helper(Request.Body);

                private static int Helper(Stream body)
                {
                    var buffer = new byte[1024 * 1024];
                    return body.Read(buffer, 0, 1024 * 1024);
                }
            }
            """);

        [Fact]
        public Task Ignores_request_sizes_bounded_by_a_small_constant_and_sizes_the_request_does_not_choose() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                private readonly int configured = 4096;

                [HttpPost("/a")]
                public int Bounded()
                {
                    var size = (int)Math.Min(Request.ContentLength ?? 0, 16 * 1024);
                    var buffer = new byte[Math.Min(size, 16 * 1024)];
                    return Request.Body.Read(buffer, 0, buffer.Length);
                }

                [HttpPost("/b")]
                public int Configured()
                {
                    var buffer = new byte[configured];
                    return Request.Body.Read(buffer, 0, configured);
                }
            }
            """);

        [Fact]
        public Task Ignores_buffers_in_lambdas_inside_a_handler() => Verify("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public Task<int> Upload() => Task.Run(() =>
                {
                    var buffer = new byte[1024 * 1024];
                    return (int)buffer[0];
                });
            }
            """);

        [Fact]
        public Task Does_nothing_without_aspnetcore() => VerifyCS.AnalyzerAsync("""
            public class Compressor
            {
                public int Compress(System.IO.Stream input)
                {
                    var buffer = new byte[1024 * 1024];
                    return input.Read(buffer, 0, 1024 * 1024);
                }
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/a")]
                public int A()
                {
                    var buffer = new byte[{|CS0103:unknown|}];
                    return buffer[0];
                }
            }
            """);
    }
}
