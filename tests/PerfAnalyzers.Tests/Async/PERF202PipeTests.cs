using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "What is not flagged": Complete() on the ends of an in-memory System.IO.Pipelines.Pipe is
    /// bookkeeping (found in ErsatzTV); a PipeWriter over a stream flushes that stream and is still flagged.
    /// </summary>
    public class PERF202PipeTests
    {
        [Fact]
        public Task Completing_an_in_memory_pipe_is_not_reported() => VerifyCS.AnalyzerAsync("""
            using System.IO.Pipelines;
            using System.Threading.Tasks;

            public class Element
            {
                public async Task Run()
                {
                    var pipe = new Pipe();
                    await Task.Yield();
                    pipe.Writer.Complete();
                    pipe.Reader.Complete();
                }
            }
            """);

        [Fact]
        public Task Completing_a_writer_over_a_stream_is_reported() => VerifyCS.AnalyzerAsync("""
            using System.IO;
            using System.IO.Pipelines;
            using System.Threading.Tasks;

            public class Element
            {
                public async Task Run(Stream output)
                {
                    var writer = PipeWriter.Create(output);
                    await Task.Yield();
                    {|PERF202:writer.Complete()|};
                }
            }
            """);
    }
}
