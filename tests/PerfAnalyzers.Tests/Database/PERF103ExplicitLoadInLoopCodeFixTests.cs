using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF103ExplicitLoadInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF103ExplicitLoadInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF103ExplicitLoadInLoopCodeFixTests
    {
        [Fact]
        public Task Fix_keeps_the_comment_above_the_removed_load() => VerifyFix.CodeFixAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in db.Customers.Where(c => c.Name != ""))
                    {
                        // Orders are needed for the totals below.
                        {|PERF103:db.Entry(customer).Collection(c => c.Orders).Load()|};
                        Console.WriteLine(customer.Orders.Count);
                    }
                }
            }
            """, Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var customer in db.Customers.Where(c => c.Name != "").Include(c => c.Orders))
                    {
                        // Orders are needed for the totals below.
                        Console.WriteLine(customer.Orders.Count);
                    }
                }
            }
            """);
    }
}
