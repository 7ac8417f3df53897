using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// Runs the code before and after the PERF101 fix (the exact texts the fix tests assert) against a real SQLite
    /// database: same results, and the command count drops from N+1 to one or two.
    /// </summary>
    public class PERF101FixRuntimeTests
    {
        private const string Harness = """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Diagnostics;

            public sealed class SqliteShopDb : ShopDb
            {
                private readonly DbConnection connection;
                private readonly IInterceptor interceptor;
                private readonly Action<string> log;

                public SqliteShopDb(DbConnection connection, IInterceptor interceptor, Action<string> log)
                {
                    this.connection = connection;
                    this.interceptor = interceptor;
                    this.log = log;
                }

                protected override void OnConfiguring(DbContextOptionsBuilder options)
                    => options.UseSqlite(connection).AddInterceptors(interceptor).LogTo(log, new[] { RelationalEventId.CommandExecuted });
            }

            public static class Runner
            {
                public static async Task<(string Result, List<Order> Orders)> Seed(DbConnection connection, IInterceptor interceptor, Action<string> log)
                {
                    using var db = new SqliteShopDb(connection, interceptor, _ => { });
                    db.Database.EnsureCreated();
                    for (var c = 1; c <= 5; c++)
                    {
                        db.Customers.Add(new Customer { Id = c, Name = "Customer " + c, Email = $"c{c}@example.com" });
                    }

                    for (var o = 1; o <= 10; o++)
                    {
                        var order = new Order { Id = o, CustomerId = (o % 5) + 1, Total = o * 10 };
                        for (var l = 0; l < o % 3; l++)
                        {
                            order.Lines.Add(new OrderLine { Sku = "SKU" + o + "-" + l, Quantity = l + 1 });
                        }

                        db.Orders.Add(order);
                    }

                    await db.SaveChangesAsync();
                    return ("", await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync());
                }

                public static async Task<string> Run(DbConnection connection, IInterceptor interceptor, Action<string> log, List<Order> orders)
                {
                    using var db = new SqliteShopDb(connection, interceptor, log);
                    RUN
                }
            }
            """;

        private readonly ITestOutputHelper output;

        public PERF101FixRuntimeTests(ITestOutputHelper output) => this.output = output;

        [Fact]
        public Task Fixed_sync_lookup_returns_the_same_names_with_one_query() => CompareAsync(
            PERF101QueryInLoopCodeFixTests.FirstByKeySource,
            PERF101QueryInLoopCodeFixTests.FirstByKeyFixed,
            "return string.Join(\",\", Report.CustomerNames(db, orders));",
            expectedFixedCommands: 1);

        [Fact]
        public Task Fixed_async_lookups_return_the_same_summaries_with_two_queries() => CompareAsync(
            PERF101QueryInLoopCodeFixTests.AsyncSource,
            PERF101QueryInLoopCodeFixTests.AsyncFixed,
            "return string.Join(\",\", await Report.Summaries(db, orders, CancellationToken.None));",
            expectedFixedCommands: 2);

        private async Task CompareAsync(string original, string fixedSource, string run, int expectedFixedCommands)
        {
            var (originalResult, originalCommands) = await RunAsync(StripMarkup(original), run, "Original");
            var (fixedResult, fixedCommands) = await RunAsync(fixedSource, run, "Fixed");

            Assert.Equal(originalResult, fixedResult);
            Assert.False(string.IsNullOrEmpty(originalResult));
            Assert.True(originalCommands >= 10, $"the original should run a query per order, ran {originalCommands}");
            Assert.Equal(expectedFixedCommands, fixedCommands);
        }

        private async Task<(string Result, int Commands)> RunAsync(string source, string run, string label)
        {
            var assembly = Compile(source, Harness.Replace("RUN", run, StringComparison.Ordinal), label);
            var runner = assembly.GetType("Runner")!;
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            var counter = new CommandCounter();
            var seeded = await Invoke(runner, "Seed", connection, counter, (Action<string>)(_ => { }));
            var orders = seeded.GetType().GetField("Item2")!.GetValue(seeded);
            counter.Reset();
            output.WriteLine($"--- {label} ---");
            var result = (string)await Invoke(runner, "Run", connection, counter, (Action<string>)output.WriteLine, orders!);
            output.WriteLine($"{label}: {counter.Count} commands, result {result}");
            return (result, counter.Count);
        }

        private static async Task<object> Invoke(Type runner, string name, params object[] arguments)
        {
            var task = (Task)runner.GetMethod(name)!.Invoke(null, arguments)!;
            await task;
            return task.GetType().GetProperty("Result")!.GetValue(task)!;
        }

        private static string StripMarkup(string source) => Regex.Replace(source, @"\{\|[A-Za-z0-9]+:|\|\}", "");

        private static Assembly Compile(string source, string harness, string label)
        {
            var parse = TestLane.ParseOptions;
            var compilation = CSharpCompilation.Create(
                "PERF101Runtime" + label + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, parse), CSharpSyntaxTree.ParseText(harness, parse) },
                SnippetReferences.For(Frameworks.Web),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return Assembly.Load(stream.ToArray());
        }

        private sealed class CommandCounter : DbCommandInterceptor
        {
            private int count;

            public int Count => Volatile.Read(ref count);

            public void Reset() => Interlocked.Exchange(ref count, 0);

            public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
            {
                Interlocked.Increment(ref count);
                return result;
            }

            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref count);
                return new ValueTask<InterceptionResult<DbDataReader>>(result);
            }
        }
    }
}
