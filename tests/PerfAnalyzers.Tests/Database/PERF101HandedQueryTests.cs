using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// An EF query handed to a method that enumerates it before returning (<c>string.Join</c>, <c>string.Concat</c>,
    /// <c>List&lt;T&gt;.AddRange</c>/<c>InsertRange</c>, EF Core's range methods) runs inside that call
    /// (docs/concepts.md#executing-an-ef-query): in a loop, once per iteration (docs/rules/PERF101.md). No fix.
    /// </summary>
    public class PERF101HandedQueryTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_a_query_joined_into_a_string_in_a_foreach() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Dictionary<int, string> skus)
                {
                    foreach (var order in orders)
                    {
                        skus[order.Id] = string.Join('|', {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).Select(l => l.Sku)|});
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_concatenated_in_a_for_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db, int[] ids)
                {
                    var names = new List<string>();
                    for (var i = 0; i < ids.Length; i++)
                    {
                        names.Add(string.Concat({|PERF101:db.Customers.Where(c => c.Id == ids[i]).Select(c => c.Name)|}));
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_added_to_a_list_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<OrderLine> M(ShopDb db, List<Order> orders)
                {
                    var lines = new List<OrderLine>();
                    foreach (var order in orders)
                    {
                        lines.AddRange({|PERF101:db.Lines.Where(l => l.OrderId == order.Id)|});
                    }

                    return lines;
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_handed_to_RemoveRange_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        db.Lines.RemoveRange({|PERF101:db.Lines.Where(l => l.OrderId == order.Id)|});
                    }

                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_handed_to_AddRangeAsync_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        await db.Lines.AddRangeAsync({|PERF101:db.Lines.Where(l => l.OrderId == order.Id).Select(l => new OrderLine { Sku = l.Sku })|});
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_copied_into_a_new_list_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        var lines = new List<OrderLine>({|#0:db.Lines.Where(l => l.OrderId == order.Id)|});
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """, expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PERF101", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("new List<OrderLine>", "on each iteration of the loop over 'order'", ""));

        [Fact]
        public Task Reports_a_query_copied_into_a_new_set_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        var skus = new HashSet<string>({|PERF101:db.Lines.Where(l => l.OrderId == order.Id).Select(l => l.Sku)|});
                        total += skus.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Reports_a_call_to_a_method_that_joins_a_query() => VerifyCS.AnalyzerAsync(Model + """
            public class SkuReport(ShopDb db)
            {
                public void Fill(List<Order> orders, Dictionary<int, string> skus)
                {
                    foreach (var order in orders)
                    {
                        skus[order.Id] = {|#0:Skus(order.Id)|};
                    }
                }

                private string Skus(int orderId) => string.Join('|', db.Lines.Where(l => l.OrderId == orderId).Select(l => l.Sku));
            }
            """, expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PERF101", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("Skus", "('Join') on each iteration of the loop over 'order'", ""));

        // ---- Not flagged ----

        [Fact]
        public Task Does_not_report_a_list_joined_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(List<Order> orders, Dictionary<int, string> skus)
                {
                    foreach (var order in orders)
                    {
                        skus[order.Id] = string.Join('|', order.Lines.Select(l => l.Sku));
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_query_joined_once_before_the_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Dictionary<int, string> skus)
                {
                    var all = string.Join('|', db.Lines.Select(l => l.Sku));
                    foreach (var order in orders)
                    {
                        skus[order.Id] = all;
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_join_inside_the_querys_own_projection() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db)
                {
                    var result = new List<string>();
                    foreach (var batch in new[] { 1, 2 })
                    {
                        result.AddRange(await {|PERF101:db.Orders.Where(o => o.Id > batch).Select(o => string.Join(",", o.Lines.Select(l => l.Sku))).ToListAsync()|});
                    }

                    return result;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_query_handed_to_a_method_that_may_keep_it() => VerifyCS.AnalyzerAsync(Model + """
            public class Pending
            {
                public void Remember(IQueryable<OrderLine> lines) { }
            }

            public class C
            {
                public void M(ShopDb db, List<Order> orders, Pending pending)
                {
                    foreach (var order in orders)
                    {
                        pending.Remember(db.Lines.Where(l => l.OrderId == order.Id));
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_call_to_a_method_that_joins_a_list() => VerifyCS.AnalyzerAsync(Model + """
            public class SkuReport(ShopDb db)
            {
                public void Fill(List<Order> orders, Dictionary<int, string> skus)
                {
                    foreach (var order in orders)
                    {
                        skus[order.Id] = Skus(order);
                    }
                }

                private string Skus(Order order) => string.Join('|', order.Lines.Select(l => l.Sku));
            }
            """);

        [Fact]
        public Task Does_not_report_a_list_created_with_a_capacity_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        var lines = new List<OrderLine>(order.Lines.Count);
                        lines.AddRange(order.Lines);
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_new_list_copied_from_a_list_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(List<Order> orders)
                {
                    var total = 0;
                    foreach (var order in orders)
                    {
                        var lines = new List<OrderLine>(order.Lines.Where(l => l.Quantity > 0));
                        total += lines.Count;
                    }

                    return total;
                }
            }
            """);

        // ---- Fix ----

        [Fact]
        public Task No_fix_for_a_query_handed_to_a_method() => VerifyFix.NoCodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, Dictionary<int, string> skus)
                {
                    foreach (var order in orders)
                    {
                        skus[order.Id] = string.Join('|', {|PERF101:db.Lines.Where(l => l.OrderId == order.Id).Select(l => l.Sku)|});
                    }
                }
            }
            """);
    }
}
