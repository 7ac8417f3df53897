using System.Threading.Tasks;
using PerfAnalyzers.Serialization;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Serialization.PERF702LargeBufferPerCallAnalyzer, PerfAnalyzers.Serialization.PERF702LargeBufferPerCallCodeFix>;

namespace PerfAnalyzers.Tests.Serialization
{
    /// <summary>Fixed code must compile and no longer be flagged; every fix runs one at a time and through Fix All.</summary>
    public class PERF702LargeBufferPerCallCodeFixTests
    {
        private const string Usings = """
            using System;
            using System.IO;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            """;

        private const string FixedUsings = """
            using System;
            using System.Buffers;
            using System.IO;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            """;

        private static Task Fix(string body, string fixedBody)
            => VerifyFix.CodeFixAsync(Usings + body, FixedUsings + fixedBody, PERF702LargeBufferPerCallCodeFix.EquivalenceKey);

        private static Task NoFix(string body)
            => VerifyFix.NoCodeFixAsync(Usings + body, PERF702LargeBufferPerCallCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_rents_the_buffer_and_returns_it_in_a_finally() => Fix("""
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
            """, """
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public async Task<long> Upload(CancellationToken ct)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
                    try
                    {
                        long total = 0;
                        int read;
                        while ((read = await Request.Body.ReadAsync(buffer, 0, 1024 * 1024, ct)) > 0)
                        {
                            total += read;
                        }

                        return total;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_all_rents_every_buffer_of_a_handler() => Fix("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads/{size}")]
                public string Upload(int size)
                {
                    var bytes = {|PERF702:new byte[size]|};
                    var chars = {|PERF702:new char[size]|};
                    var read = Request.Body.Read(bytes, 0, size);
                    for (var i = 0; i < read; i++)
                    {
                        chars[i] = (char)bytes[i];
                    }

                    return new string(chars, 0, read);
                }
            }
            """, """
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads/{size}")]
                public string Upload(int size)
                {
                    var bytes = ArrayPool<byte>.Shared.Rent(size);
                    try
                    {
                        var chars = ArrayPool<char>.Shared.Rent(size);
                        try
                        {
                            var read = Request.Body.Read(bytes, 0, size);
                            for (var i = 0; i < read; i++)
                            {
                                chars[i] = (char)bytes[i];
                            }

                            return new string(chars, 0, read);
                        }
                        finally
                        {
                            ArrayPool<char>.Shared.Return(chars);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_when_a_use_reads_the_length() => NoFix("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public int Upload()
                {
                    var buffer = {|PERF702:new byte[1024 * 1024]|};
                    return Request.Body.Read(buffer, 0, buffer.Length);
                }
            }
            """);

        [Fact]
        public Task No_fix_when_the_whole_array_is_handed_to_an_api() => NoFix("""
            [ApiController]
            public class UploadsController : ControllerBase
            {
                [HttpPost("/uploads")]
                public async Task<string> Upload()
                {
                    var size = (int)(Request.ContentLength ?? 0);
                    var buffer = {|PERF702:new byte[size]|};
                    await Request.Body.ReadExactlyAsync(buffer);
                    return Encoding.UTF8.GetString(buffer);
                }
            }
            """);
    }
}
