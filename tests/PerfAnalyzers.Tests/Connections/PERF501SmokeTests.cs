using System.Threading.Tasks;
using PerfAnalyzers.Connections;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Connections.PERF501HttpClientPerOperationAnalyzer>;

namespace PerfAnalyzers.Tests.Connections
{
    public class PERF501SmokeTests
    {
        [Fact]
        public Task Reports_client_created_in_controller_action() => VerifyCS.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Blog { public int Id { get; set; } }
            public class Db : DbContext { public DbSet<Blog> Blogs => Set<Blog>(); }

            [ApiController]
            public class WeatherController : ControllerBase
            {
                [HttpGet]
                public async Task<string> Get()
                {
                    using var client = {|PERF501:new HttpClient()|};
                    return await client.GetStringAsync("http://127.0.0.1/");
                }
            }
            """);
    }
}
