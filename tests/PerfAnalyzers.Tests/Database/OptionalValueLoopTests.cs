using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyPERF101 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyPERF105 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// docs/concepts.md#loop: a foreach over a functional library's optional value (LanguageExt's Option&lt;T&gt;) runs once
    /// or not at all, so it is no loop, and an operation in it belongs to the loop around it, if any (found in ErsatzTV).
    /// The snippets declare the library's Option the way an application sees it.
    /// </summary>
    public class OptionalValueLoopTests
    {
        private const string LanguageExt = Model + """
            namespace LanguageExt
            {
                public readonly struct Option<A> : IEnumerable<A>
                {
                    private readonly A value;
                    private readonly bool isSome;
                    public Option(A value) { this.value = value; isSome = value != null; }
                    public IEnumerator<A> GetEnumerator() { if (isSome) yield return value; }
                    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
                }

                public readonly struct Either<L, R>
                {
                    private readonly R right;
                    private readonly bool isRight;
                    public Either(R right) { this.right = right; isRight = right != null; }
                    public IEnumerable<R> RightToSeq() { if (isRight) yield return right; }
                }
            }

            namespace Other
            {
                public sealed class Option<A> : List<A> { public IEnumerable<A> ToSeq() => this; }
            }

            """;

        [Fact]
        public Task A_query_when_an_optional_value_is_there_is_not_reported() => VerifyPERF101.AnalyzerAsync(LanguageExt + """
            public class C
            {
                public async Task M(ShopDb db, LanguageExt.Option<Customer> maybeCustomer)
                {
                    foreach (var customer in maybeCustomer)
                    {
                        var orders = await db.Orders.CountAsync(o => o.CustomerId == customer.Id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_when_an_optional_value_is_there_is_not_reported() => VerifyPERF105.AnalyzerAsync(LanguageExt + """
            public class C
            {
                public async Task M(ShopDb db, LanguageExt.Option<Customer> maybeCustomer)
                {
                    foreach (var customer in maybeCustomer)
                    {
                        db.Customers.Remove(customer);
                        await db.SaveChangesAsync();
                    }
                }
            }
            """);

        // ErsatzTV compiled without LanguageExt: the Option does not bind, and is not known to be a loop.
        [Fact]
        public Task A_save_when_an_unresolved_optional_value_is_there_is_not_reported() => VerifyPERF105.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, {|CS0246:Option<Customer>|} maybeCustomer)
                {
                    foreach (Customer customer in maybeCustomer)
                    {
                        db.Customers.Remove(customer);
                        await db.SaveChangesAsync();
                    }
                }
            }
            """);

        // ErsatzTV's troubleshooting API compiled without LanguageExt: the Either and its RightToSeq() view do not bind.
        [Fact]
        public Task A_save_for_the_right_value_of_an_unresolved_Either_seen_as_a_sequence_is_not_reported() => VerifyPERF105.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, {|CS0246:Either<string, Customer>|} maybeCustomer)
                {
                    foreach (Customer customer in maybeCustomer.RightToSeq())
                    {
                        db.Customers.Remove(customer);
                        await db.SaveChangesAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_in_a_loop_over_an_unresolved_call_of_another_name_is_reported() => VerifyPERF105.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, {|CS0246:Either<string, Customer>|} maybeCustomer)
                {
                    foreach (Customer customer in maybeCustomer.AllRights())
                    {
                        db.Customers.Remove(customer);
                        await {|PERF105:db.SaveChangesAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_save_in_a_loop_over_another_unresolved_type_is_reported() => VerifyPERF105.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, {|CS0246:Seq<Customer>|} customers)
                {
                    foreach (Customer customer in customers)
                    {
                        db.Customers.Remove(customer);
                        await {|PERF105:db.SaveChangesAsync()|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_query_in_an_optional_value_inside_a_real_loop_is_reported_for_the_real_loop() => VerifyPERF101.AnalyzerAsync(LanguageExt + """
            public class C
            {
                public async Task M(ShopDb db, List<LanguageExt.Option<Customer>> candidates)
                {
                    foreach (var candidate in candidates)
                    {
                        foreach (var customer in candidate)
                        {
                            var orders = await {|#0:db.Orders.CountAsync(o => o.CustomerId == customer.Id)|};
                        }
                    }
                }
            }
            """, expected: new[]
        {
            new DiagnosticResult(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("CountAsync", "on each iteration of the loop over 'candidate'", ""),
        });

        [Fact]
        public Task A_query_for_the_right_value_of_an_Either_seen_as_a_sequence_is_not_reported() => VerifyPERF101.AnalyzerAsync(LanguageExt + """
            public class C
            {
                // ErsatzTV's Trakt handlers: foreach (TraktList list in maybeList.RightToSeq()) { .. }
                public async Task M(ShopDb db, LanguageExt.Either<string, Customer> maybeCustomer)
                {
                    foreach (var customer in maybeCustomer.RightToSeq())
                    {
                        var orders = await db.Orders.CountAsync(o => o.CustomerId == customer.Id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_sequence_view_of_another_library_s_Option_is_still_a_loop() => VerifyPERF101.AnalyzerAsync(LanguageExt + """
            public class C
            {
                public async Task M(ShopDb db, Other.Option<Customer> customers)
                {
                    foreach (var customer in customers.ToSeq())
                    {
                        var orders = await {|PERF101:db.Orders.CountAsync(o => o.CustomerId == customer.Id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_collection_of_another_library_named_Option_is_still_a_loop() => VerifyPERF101.AnalyzerAsync(LanguageExt + """
            public class C
            {
                public async Task M(ShopDb db, Other.Option<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var orders = await {|PERF101:db.Orders.CountAsync(o => o.CustomerId == customer.Id)|};
                    }
                }
            }
            """);
    }
}
