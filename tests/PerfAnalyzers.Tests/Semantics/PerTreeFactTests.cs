using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>Per-tree facts share one entry per tree (<see cref="TreeSlots"/>), each fact in its own slot.</summary>
    public class PerTreeFactTests
    {
        [Fact]
        public void A_fact_is_computed_once_per_tree_and_two_facts_keep_their_own_answers()
        {
            var firstCalls = 0;
            var secondCalls = 0;
            var first = new PerTreeFact<string>((tree, _) => { Interlocked.Increment(ref firstCalls); return "first:" + tree.Length; });
            var second = new PerTreeFact<string>((tree, _) => { Interlocked.Increment(ref secondCalls); return "second:" + tree.Length; });
            var a = CSharpSyntaxTree.ParseText("class A { }");
            var b = CSharpSyntaxTree.ParseText("class B { void M() { } }");

            Assert.Equal("first:" + a.Length, first.Get(a, default));
            Assert.Equal("first:" + a.Length, first.Get(a, default));
            Assert.Equal("second:" + a.Length, second.Get(a, default));
            Assert.Equal("first:" + b.Length, first.Get(b, default));

            Assert.Equal(2, firstCalls);
            Assert.Equal(1, secondCalls);
        }

        [Fact]
        public void A_cancelled_computation_stores_nothing_and_the_next_caller_computes_it()
        {
            var calls = 0;
            var fact = new PerTreeFact<string>((_, cancellationToken) =>
            {
                calls++;
                cancellationToken.ThrowIfCancellationRequested();
                return "done";
            });
            var tree = CSharpSyntaxTree.ParseText("class C { }");

            Assert.Throws<OperationCanceledException>(() => fact.Get(tree, new CancellationToken(canceled: true)));
            Assert.Equal("done", fact.Get(tree, default));
            Assert.Equal(2, calls);
        }

        [Fact]
        public void The_facts_of_every_analyzer_fit_in_the_slots_of_a_tree()
        {
            // The facts live in static fields: running every static constructor of the analyzer assembly creates them
            // all. This class adds a few of its own; together they must leave room, or facts would fall back to a
            // weak table of their own.
            foreach (var type in typeof(PerTreeFact<>).Assembly.GetTypes().Where(type => !type.ContainsGenericParameters))
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }

            Assert.InRange(TreeSlots.Reserved, 14, TreeSlots.Capacity - 4);
        }
    }
}
