using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF104MaterialisedBeforeFilteredCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF104MaterialisedBeforeFilteredCodeFixTests
    {
        [Fact]
        public Task Fix_moves_an_anonymous_projection_and_its_filter_into_the_query() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db)
                    => {|PERF104:db.Orders.ToList()|}.Select(o => new { o.Id, o.Total }).Where(x => x.Total > 10).Select(x => x.Id).ToList();
            }
            """, Model + """
            public class C
            {
                public List<int> M(ShopDb db)
                    => db.Orders.Select(o => new { o.Id, o.Total }).Where(x => x.Total > 10).Select(x => x.Id).ToList();
            }
            """);

        [Fact]
        public Task Fix_moves_Where_before_ToList() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db) => {|PERF104:db.Orders.ToList()|}.Where(o => o.Total > 100).ToList();
            }
            """, Model + """
            public class C
            {
                public List<Order> M(ShopDb db) => db.Orders.Where(o => o.Total > 100).ToList();
            }
            """);

        [Fact]
        public Task Fix_turns_ToList_Count_into_Count() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public int M(ShopDb db)
                {
                    var a = {|PERF104:db.Orders.ToList()|}.Count();
                    var b = {|PERF104:db.Orders.ToList()|}.Count;
                    var c = {|PERF104:db.Lines.ToArray()|}.Length;
                    return a + b + c;
                }
            }
            """, Model + """
            public class C
            {
                public int M(ShopDb db)
                {
                    var a = db.Orders.Count();
                    var b = db.Orders.Count();
                    var c = db.Lines.Count();
                    return a + b + c;
                }
            }
            """);

        [Fact]
        public Task Fix_keeps_AsEnumerable_after_a_deferred_run() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public IEnumerable<string> M(ShopDb db) => {|PERF104:db.Customers.AsEnumerable()|}.OrderBy(c => c.Name).Select(c => c.Name);
            }
            """, Model + """
            public class C
            {
                public IEnumerable<string> M(ShopDb db) => db.Customers.OrderBy(c => c.Name).Select(c => c.Name).AsEnumerable();
            }
            """);

        [Fact]
        public Task Fix_moves_paging_and_aggregates_into_the_query() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    var page = {|PERF104:db.Orders.OrderBy(o => o.Id).ToList()|}.Skip(20).Take(10).ToList();
                    var sum = {|PERF104:db.Orders.ToArray()|}.Sum(o => o.Total);
                    var first = {|PERF104:db.Orders.ToList()|}.FirstOrDefault(o => o.Id == 3);
                }
            }
            """, Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    var page = db.Orders.OrderBy(o => o.Id).Skip(20).Take(10).ToList();
                    var sum = db.Orders.Sum(o => o.Total);
                    var first = db.Orders.FirstOrDefault(o => o.Id == 3);
                }
            }
            """);

        [Fact]
        public Task Fix_keeps_async_queries_async_and_passes_the_token() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, CancellationToken ct)
                {
                    var big = (await {|PERF104:db.Orders.ToListAsync(ct)|}).Where(o => o.Total > 100).ToList();
                    var names = (await {|PERF104:db.Customers.ToListAsync(ct)|}).Select(c => c.Name);
                    var count = (await {|PERF104:db.Orders.ToArrayAsync(ct)|}).Count(o => o.Total > 5);
                    var total = (await {|PERF104:db.Orders.ToListAsync()|}).Count;
                    var text = (await {|PERF104:db.Orders.ToListAsync()|}).Where(o => o.Id > 2).ToString();
                    Console.WriteLine(big);
                    Console.WriteLine(names);
                    return count + total;
                }
            }
            """, Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, CancellationToken ct)
                {
                    var big = await db.Orders.Where(o => o.Total > 100).ToListAsync(ct);
                    var names = await db.Customers.Select(c => c.Name).ToListAsync(ct);
                    var count = await db.Orders.CountAsync(o => o.Total > 5, ct);
                    var total = await db.Orders.CountAsync();
                    var text = (await db.Orders.Where(o => o.Id > 2).ToListAsync()).ToString();
                    Console.WriteLine(big);
                    Console.WriteLine(names);
                    return count + total;
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_query_continued_after_a_null_conditional() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public int Count(ShopDb db) => db.Orders.Where(o => o.Total > 0)?{|PERF104:.ToList()|}.Count ?? 0;
            }
            """);

        [Fact]
        public Task No_fix_for_a_materialised_local_or_untranslatable_lambdas() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db)
                {
                    var all = {|PERF104:db.Customers.ToList()|};
                    var last = {|PERF104:db.Orders.ToList()|}.Last();
                    var block = {|PERF104:db.Orders.ToList()|}.Where(o => { return o.Total > 1; }).ToList();
                    return all.Where(c => c.Name != "").Select(c => c.Email).ToList();
                }
            }
            """);

        // EF Core translates none of the overloads with a default value: moved into the query, FirstOrDefault(pred, null)
        // would throw at run time (found in OpenBudgeteer).
        [Fact]
        public Task No_fix_moves_an_operator_that_takes_a_default_value() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public Order? M(ShopDb db) => {|PERF104:db.Orders.ToList()|}.FirstOrDefault(o => o.Total > 100, null);
            }
            """);

        [Fact]
        public Task Fix_moves_the_filter_and_leaves_an_operator_that_takes_a_default_value_in_memory() => VerifyFix.CodeFixLeavingDiagnosticsAsync(Model + """
            public class C
            {
                public Order? M(ShopDb db) => {|PERF104:db.Orders.ToList()|}.Where(o => o.CustomerId == 1).FirstOrDefault(o => o.Total > 100, null);
            }
            """, Model + """
            public class C
            {
                public Order? M(ShopDb db) => {|PERF104:db.Orders.Where(o => o.CustomerId == 1).ToList()|}.FirstOrDefault(o => o.Total > 100, null);
            }
            """);

        [Fact]
        public Task Fix_keeps_ConfigureAwait_on_the_moved_query() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public async Task<List<Order>> M(ShopDb db, CancellationToken ct)
                    => (await {|PERF104:db.Orders.ToListAsync(ct)|}.ConfigureAwait(false)).Where(o => o.Total > 100).ToList();
            }
            """, Model + """
            public class C
            {
                public async Task<List<Order>> M(ShopDb db, CancellationToken ct)
                    => await db.Orders.Where(o => o.Total > 100).ToListAsync(ct).ConfigureAwait(false);
            }
            """);

        [Fact]
        public Task Fix_keeps_ConfigureAwait_on_the_terminal_operator() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, CancellationToken ct)
                    => (await {|PERF104:db.Orders.ToArrayAsync(ct)|}.ConfigureAwait(false)).Count(o => o.Total > 5);
            }
            """, Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, CancellationToken ct)
                    => await db.Orders.CountAsync(o => o.Total > 5, ct).ConfigureAwait(false);
            }
            """);
    }
}
