using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PerfAnalyzers.Tests.Infrastructure;
using PerfAnalyzers.Tests.Metadata;
using Xunit;

namespace PerfAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Every analyzer runs on half-typed and broken code without throwing: an AD0001 in a user's build is a
    /// severe bug. The inputs are the sample application's files cut short at many token boundaries, with
    /// single tokens deleted (fixed seed), and compiled without the frameworks they use.
    /// </summary>
    public class AnalyzerRobustnessTests
    {
        private const int TruncationsPerFile = 12;
        private const int DeletionsPerFile = 8;

        public static IEnumerable<object[]> SampleFiles()
            => Directory.GetFiles(Path.Combine(RuleMetadataTests.RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f)
                .Select(f => new object[] { Path.GetRelativePath(RuleMetadataTests.RepositoryRoot, f) });

        [Fact]
        public void The_sample_provides_inputs() => Assert.NotEmpty(SampleFiles());

        [Theory]
        [MemberData(nameof(SampleFiles))]
        public async Task Analyzers_survive_truncated_and_damaged_versions_of_a_sample_file(string relativePath)
        {
            var text = File.ReadAllText(Path.Combine(RuleMetadataTests.RepositoryRoot, relativePath));
            var tokens = CSharpSyntaxTree.ParseText(text, TestLane.ParseOptions).GetRoot().DescendantTokens().ToList();
            var random = new Random(relativePath.Length * 7919);

            var variants = new List<string>();
            var step = Math.Max(1, tokens.Count / TruncationsPerFile);
            for (var i = step; i < tokens.Count; i += step)
            {
                variants.Add(text.Substring(0, tokens[i].SpanStart));
            }

            for (var i = 0; i < DeletionsPerFile && tokens.Count > 0; i++)
            {
                var token = tokens[random.Next(tokens.Count)];
                variants.Add(text.Remove(token.SpanStart, token.Span.Length));
            }

            foreach (var variant in variants)
            {
                await AssertNoAnalyzerExceptionAsync(variant, Frameworks.Web);
            }
        }

        [Theory]
        [MemberData(nameof(SampleFiles))]
        public Task Analyzers_survive_a_sample_file_compiled_without_its_frameworks(string relativePath)
            => AssertNoAnalyzerExceptionAsync(File.ReadAllText(Path.Combine(RuleMetadataTests.RepositoryRoot, relativePath)), Frameworks.NetCore);

        [Theory]
        [InlineData("using System.Net.Http; class C { void M() { var c = new HttpClient(")]
        [InlineData("using System.Net.Http; class C { static readonly HttpClient H = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = ")]
        [InlineData("using System.Net.Http; class C { static readonly HttpClient H = new(")]
        [InlineData("using System.Net.Http; class C : Microsoft.AspNetCore.Mvc.ControllerBase { HttpClient _c = new HttpClient(); C() : this( }")]
        [InlineData("using System.Net.Http; class C { HttpClient P => new HttpClient(; static C() { X = new HttpClient(Handler); } }")]
        [InlineData("using System.Net.Http; using Microsoft.Extensions.DependencyInjection; static class R { static void M(IServiceCollection s) => s.AddSingleton(_ => new HttpClient( }")]
        [InlineData("class C { void M() { foreach (var x in ) { await db.Items.FirstAsync(i => i.Id == ; } } }")]
        [InlineData("app.MapGet(\"/x\", async (Db db) => await db.Items.ToListAsync(")]
        [InlineData("[ApiController] public class P : ControllerBase { [HttpGet] public IActionResult Get() => Ok(File.ReadAllBytes(")]
        [InlineData("public class M { public async Task InvokeAsync(HttpContext c) { Thread.Sleep(; var t = Task.Run(() => 1).Result")]
        [InlineData("var b = WebApplication.CreateBuilder(args); var app = b.Build(); app.MapDefaultControllerRoute(); public class H : Controller { public IActionResult I() => View(; [ApiController")]
        [InlineData("public class W : ControllerBase { [HttpPost] public async Task<IActionResult> H() { var j = await new StreamReader(Request.Body).ReadToEndAsync(); return V(j); } bool V(string j) => Request.Headers[\"Stripe-Sig")]
        [InlineData("public class F : ControllerBase { [HttpGet] public string G() => S(; string S() => User.Identity!.")]
        [InlineData("public class HealthController : ControllerBase { [HttpGet(\"ping\")] [Route(] public string GetHealth( => \"ok\"; } var g = app.MapGroup(; g.MapGet(\"/live\", (HealthCheckService h) => h.")]
        [InlineData("public class J { async Task R(Db db, CancellationToken t) { while (!t.IsCancellationRequested { var x = await db.Items.ToListAsync(t); await Task.Delay(; } while (await new PeriodicTimer(TimeSpan.FromSeconds(1)).WaitForNextTickAsync(")]
        [InlineData("public interface ISender { Task<T> Send<T>(object r); } public class K { async Task M(ISender s, List<int> ids) { foreach (var i in ids) await s.Send(new Q(i; } } public record Q(int Id); public class QH : IRequestHandler<Q, int> { public Task<int> Handle(")]
        [InlineData("public class L { async Task<List<int>> M(Db db, bool d, string? s) { var q = d ? db.Items.OrderBy(i => i.Id) : ; q = s switch { \"a\" => q.OrderBy(, _ => }; var l = await q.ToListAsync().ConfigureAwait(; return l.Select(x => x.Id).ToList(); } }")]
        [InlineData("public class N { Random r = new(); async Task M(Db db, List<int> ids) { var all = await db.Items.ToListAsync(); foreach (var i in ids) { var m = all.Where(x => x.Id == ; } var s = all.OrderBy(_ => r.Next(.Take(4); var c = all.Select(x => x.Name[ } }")]
        [InlineData("public class O { Item? d; async Task M(Db db, List<int> ids, System.Threading.Channels.ChannelReader<int> r, CancellationToken t) { var all = await db.Items.ToListAsync(); var s = all.Sum(x => x?.Id ?? x switch { 1 => , _ => throw }); var p = all.Select(x => (x.Id, ); var f = all.First(. foreach (var i in ids) { if (d == null && d is ) d = await db.Items.FirstAsync(; } var q = from a in ids from b in ids where db.Items.Any(x => x.Id == a select ; while (await r.WaitToReadAsync(t).ConfigureAwait( { var v = await r.ReadAsync(; } } }")]
        public Task Analyzers_survive_half_typed_code(string code) => AssertNoAnalyzerExceptionAsync(code, Frameworks.Web);

        internal static async Task AssertNoAnalyzerExceptionAsync(string code, Frameworks frameworks)
        {
            var tree = CSharpSyntaxTree.ParseText(code, TestLane.ParseOptions, path: "/0/Snippet.cs");
            var compilation = CSharpCompilation.Create(
                "Snippet",
                new[] { tree },
                SnippetReferences.For(frameworks),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var analyzers = RuleMetadataTests.Analyzers().ToImmutableArray();
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

            Assert.True(exceptions.IsEmpty, "An analyzer threw on:\n" + code + "\n\n" + string.Join("\n", exceptions));
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}
