using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyFind = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyMaterialised = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>;
using VerifyMaterialisedFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF104MaterialisedBeforeFilteredCodeFix>;

namespace PerfAnalyzers.Tests.CSharp13And14
{
    /// <summary>
    /// C# 14 first-class spans: <c>ids.Contains(x)</c> on an array now binds to <c>MemoryExtensions.Contains</c> over a
    /// span, in delegates and expression trees alike. EF Core 10 translates it, so it is still an ordinary filter for
    /// PERF104 (docs/rules/PERF104.md) and an ordinary preload for PERF101's Find exception (docs/rules/PERF101.md).
    /// </summary>
    public class FirstClassSpanTests
    {
        [Fact]
        public Task Reports_a_list_filtered_in_memory_with_array_contains() => VerifyMaterialised.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db, int[] ids) => {|PERF104:db.Orders.ToList()|}.Where(o => ids.Contains(o.Id)).ToList();
            }
            """);

        [Fact]
        public Task Fix_moves_an_array_contains_filter_into_the_query() => VerifyMaterialisedFix.CodeFixAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db, int[] ids) => {|PERF104:db.Orders.ToList()|}.Where(o => ids.Contains(o.Id)).ToList();
            }
            """, Model + """
            public class C
            {
                public List<Order> M(ShopDb db, int[] ids) => db.Orders.Where(o => ids.Contains(o.Id)).ToList();
            }
            """);

        [Fact]
        public Task Ignores_find_in_a_loop_after_a_preload_filtered_with_array_contains() => VerifyFind.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db, int[] ids)
                {
                    await db.Customers.Where(c => ids.Contains(c.Id)).LoadAsync();
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var customer = await db.Customers.FindAsync(id);
                        names.Add(customer!.Name);
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Reports_find_in_a_loop_when_the_array_filtered_preload_is_not_tracked() => VerifyFind.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db, int[] ids)
                {
                    await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).LoadAsync();
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:db.Customers.FindAsync(id)|};
                        names.Add(customer!.Name);
                    }

                    return names;
                }
            }
            """);
    }
}
