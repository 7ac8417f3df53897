using System.Threading.Tasks;
using PerfAnalyzers.Payload;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF402FileReadIntoMemoryAnalyzer, PerfAnalyzers.Payload.PERF402FileReadIntoMemoryCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    public class PERF402FileReadIntoMemoryCodeFixTests
    {
        private const string Usings = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            """;

        [Fact]
        public Task Fix_keeps_the_comments_of_the_removed_local_and_of_the_next_statement() => VerifyFix.CodeFixAsync(Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Get(System.Threading.CancellationToken ct)
                {
                    // The catalogue is regenerated nightly.
                    var bytes = await {|PERF402:System.IO.File.ReadAllBytesAsync("catalogue.pdf", ct)|};
                    // Browsers open it inline.
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
                    // Browsers open it inline.
                    return File(System.IO.File.OpenRead("catalogue.pdf"), "application/pdf", enableRangeProcessing: true);
                }
            }
            """, PERF402FileReadIntoMemoryCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_keeps_a_ValueTask_handler_async_when_it_still_awaits() => VerifyFix.CodeFixAsync(Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public async ValueTask<IActionResult> Get()
                {
                    await Task.Yield();
                    return File(await {|PERF402:System.IO.File.ReadAllBytesAsync("catalogue.pdf")|}, "application/pdf");
                }
            }
            """, Usings + """
            public class FilesController : ControllerBase
            {
                [HttpGet]
                public async ValueTask<IActionResult> Get()
                {
                    await Task.Yield();
                    return File(System.IO.File.OpenRead("catalogue.pdf"), "application/pdf", enableRangeProcessing: true);
                }
            }
            """, PERF402FileReadIntoMemoryCodeFix.EquivalenceKey);
    }
}
