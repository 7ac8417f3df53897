using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using Xunit;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>
    /// The index of which trees hold a key, carried from one compilation to the next after an edit: its answers must be
    /// those of a full read, and an edit must ask only the changed trees again.
    /// </summary>
    public class TreeIndexTests
    {
        // A tree's keys: the names of the classes it declares (a syntax-only fact, as the analyzers' per-tree facts are).
        private static ICollection<string> ClassNames(SyntaxTree tree, CancellationToken cancellationToken)
            => new HashSet<string>(tree.GetRoot(cancellationToken).DescendantNodes()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
                .Select(c => c.Identifier.ValueText), StringComparer.Ordinal);

        private static Compilation CompilationOf(params string[] files)
            => CSharpCompilation.Create("TreeIndexTests", files.Select((text, i) => CSharpSyntaxTree.ParseText(text, path: $"File{i}.cs")));

        private static Compilation Edit(Compilation compilation, int position, string newText)
        {
            var old = compilation.SyntaxTrees.ElementAt(position);
            return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(newText)));
        }

        private static List<int> Positions(TreeIndex index, Compilation compilation, string key)
        {
            var trees = compilation.SyntaxTrees.ToList();
            return index.TreesWith(compilation, key, CancellationToken.None).Select(t => trees.IndexOf(t)).ToList();
        }

        [Fact]
        public void The_trees_holding_a_key_come_back_in_the_compilations_order()
        {
            var index = new TreeIndex(ClassNames);
            var compilation = CompilationOf("class A {}", "class B {}", "class A {} class C {}", "class D {}");

            Assert.Equal(new[] { 0, 2 }, Positions(index, compilation, "A"));
            Assert.Empty(Positions(index, compilation, "Z"));
            Assert.True(index.AnyTreeWith(compilation, "D", CancellationToken.None));
            Assert.False(index.AnyTreeWith(compilation, "Z", CancellationToken.None));
        }

        [Fact]
        public void Trees_holding_either_key_come_back_once_each_in_order()
        {
            var asked = 0;
            var index = new TreeIndex((tree, cancellationToken) =>
            {
                asked++;
                return ClassNames(tree, cancellationToken);
            });
            var compilation = CompilationOf("class A {}", "class B {}", "class A {} class B {}", "class C {}", "class B {}");

            var trees = compilation.SyntaxTrees.ToList();
            var found = index.TreesWithEither(compilation, "A", "B", CancellationToken.None).Select(t => trees.IndexOf(t));
            Assert.Equal(new[] { 0, 1, 2, 4 }, found);
            Assert.Equal(5, asked);
            Assert.Equal(new[] { 0, 2 }, Positions(index, compilation, "A"));
        }

        [Fact]
        public void An_edit_that_adds_the_key_to_a_tree_is_seen_by_the_next_compilation()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}", "class C {}");
            Assert.Equal(new[] { 0 }, Positions(index, first, "A"));

            var second = Edit(first, 2, "class C {} class A {}");
            Assert.Equal(new[] { 0, 2 }, Positions(index, second, "A"));
            Assert.Equal(new[] { 0 }, Positions(index, first, "A"));
        }

        [Fact]
        public void An_edit_that_removes_the_key_from_a_tree_is_seen_by_the_next_compilation()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}", "class A2 {} class A {}");
            Assert.True(index.AnyTreeWith(first, "A", CancellationToken.None));

            var second = Edit(Edit(first, 0, "class Renamed {}"), 2, "class A2 {}");
            Assert.False(index.AnyTreeWith(second, "A", CancellationToken.None));
            Assert.Empty(Positions(index, second, "A"));
        }

        [Fact]
        public void A_tree_added_to_the_compilation_is_read_with_the_others()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}");
            Assert.Equal(new[] { 0 }, Positions(index, first, "A"));

            var second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class A {}", path: "Added.cs"));
            Assert.Equal(new[] { 0, 2 }, Positions(index, second, "A"));
        }

        [Fact]
        public void After_an_edit_only_the_edited_tree_is_asked_again_for_a_key_asked_before()
        {
            var asked = new List<SyntaxTree>();
            var index = new TreeIndex((tree, cancellationToken) =>
            {
                asked.Add(tree);
                return ClassNames(tree, cancellationToken);
            });
            var first = CompilationOf(Enumerable.Range(0, 50).Select(i => $"class C{i} {{}}").ToArray());
            Assert.Equal(new[] { 7 }, Positions(index, first, "C7"));
            Assert.Equal(50, asked.Count);

            asked.Clear();
            var second = Edit(first, 30, "class C30 {} class C7 {}");
            Assert.Equal(new[] { 7, 30 }, Positions(index, second, "C7"));
            Assert.Equal(new[] { second.SyntaxTrees.ElementAt(30) }, asked.Distinct());

            // The previous compilation alive: the carry starts from it. (A collected one: the test below.)
            GC.KeepAlive(first);
        }

        [Fact]
        public void After_an_edit_only_the_edited_tree_is_asked_again_even_when_the_previous_compilation_was_collected()
        {
            // The IDE drops the compilation it analysed soon after an edit; its unchanged trees live on in the next one.
            var asked = new List<SyntaxTree>();
            var index = new TreeIndex((tree, cancellationToken) =>
            {
                asked.Add(tree);
                return ClassNames(tree, cancellationToken);
            });
            var (trees, first) = AskAndDropCompilation(index, Enumerable.Range(0, 50).Select(i => $"class C{i} {{}}").ToArray(), "C7");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(first.TryGetTarget(out _));
            Assert.Equal(50, asked.Count);

            asked.Clear();
            var edited = trees[30].WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("class C30 {} class C7 {}"));
            trees[30] = edited;
            var second = CSharpCompilation.Create("TreeIndexTests", trees);
            Assert.Equal(new[] { 7, 30 }, Positions(index, second, "C7"));
            Assert.Equal(new[] { edited }, asked.Distinct());
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static (SyntaxTree[] Trees, WeakReference<Compilation> Compilation) AskAndDropCompilation(TreeIndex index, string[] files, string key)
        {
            var compilation = CompilationOf(files);
            Assert.NotEmpty(index.TreesWith(compilation, key, CancellationToken.None));
            return (compilation.SyntaxTrees.ToArray(), new WeakReference<Compilation>(compilation));
        }

        [Fact]
        public void The_index_does_not_keep_a_compilations_trees_alive()
        {
            var index = new TreeIndex(ClassNames);
            var tree = AskAndLetGo(index);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            Assert.False(tree.TryGetTarget(out _));
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static WeakReference<SyntaxTree> AskAndLetGo(TreeIndex index)
        {
            var compilation = CompilationOf("class A {}", "class B {}");
            Assert.True(index.AnyTreeWith(compilation, "A", CancellationToken.None));
            return new WeakReference<SyntaxTree>(compilation.SyntaxTrees.First());
        }

        [Fact]
        public void Many_trees_changed_at_once_are_all_read_again_and_the_answer_stays_right()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf(Enumerable.Range(0, 100).Select(i => $"class C{i} {{}}").ToArray());
            Assert.Empty(Positions(index, first, "Shared"));

            var second = first;
            for (var i = 0; i < 100; i += 1)
            {
                second = Edit(second, i, $"class C{i} {{}} class Shared {{}}");
            }

            Assert.Equal(Enumerable.Range(0, 100), Positions(index, second, "Shared"));
        }

        [Fact]
        public void A_compilation_of_another_project_with_as_many_trees_is_read_afresh_not_carried()
        {
            // In a solution, the next compilation is often another project of the same size that shares no tree: only
            // the keys it asks are read, each tree once per read, instead of every carried answer being checked again.
            var asked = 0;
            var index = new TreeIndex((tree, cancellationToken) =>
            {
                asked++;
                return ClassNames(tree, cancellationToken);
            });
            var first = CompilationOf(Enumerable.Range(0, 10).Select(i => $"class A{i} {{}}").ToArray());
            Assert.Equal(new[] { 3 }, Positions(index, first, "A3"));
            Assert.Equal(10, asked);

            asked = 0;
            var other = CompilationOf(Enumerable.Range(0, 10).Select(i => $"class B{i} {{}}").ToArray());
            Assert.Equal(new[] { 4 }, Positions(index, other, "B4"));
            Assert.Equal(10, asked);
            Assert.Empty(Positions(index, other, "A3"));
            GC.KeepAlive(first);
        }

        [Fact]
        public void An_edit_that_changes_more_than_half_of_the_trees_is_read_afresh_and_answers_stay_right()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}", "class C {}", "class D {}");
            Assert.Equal(new[] { 0 }, Positions(index, first, "A"));

            var second = Edit(Edit(Edit(first, 0, "class X {}"), 1, "class A {}"), 2, "class A {}");
            Assert.Equal(new[] { 1, 2 }, Positions(index, second, "A"));
            GC.KeepAlive(first);
        }

        // A value derived from the trees that hold a key: their texts, in order.
        private static string TextsOf(List<SyntaxTree> trees) => string.Join("|", trees.Select(t => t.GetText().ToString()));

        [Fact]
        public void A_derived_value_is_reused_by_the_next_compilation_when_the_edit_changes_none_of_its_trees()
        {
            var derived = 0;
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}", "class A {} class C {}");
            var value = index.Derive(first, "A", trees => { derived++; return TextsOf(trees); }, CancellationToken.None);
            Assert.Equal("class A {}|class A {} class C {}", value);

            var second = Edit(first, 1, "class B { int x; }");
            Assert.Same(value, index.Derive(second, "A", trees => { derived++; return TextsOf(trees); }, CancellationToken.None));
            Assert.Equal(1, derived);
            GC.KeepAlive(first);
        }

        [Fact]
        public void A_derived_value_is_computed_again_when_a_tree_that_holds_the_key_changes_and_still_holds_it()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}");
            Assert.Equal("class A {}", index.Derive(first, "A", TextsOf, CancellationToken.None));

            var second = Edit(first, 0, "class A { int x; }");
            Assert.Equal("class A { int x; }", index.Derive(second, "A", TextsOf, CancellationToken.None));
            Assert.Equal("class A {}", index.Derive(first, "A", TextsOf, CancellationToken.None));
        }

        [Fact]
        public void A_derived_value_is_computed_again_when_an_edit_adds_the_key_to_a_tree_or_removes_it()
        {
            var index = new TreeIndex(ClassNames);
            var first = CompilationOf("class A {}", "class B {}", "class C {}");
            Assert.Equal("class A {}", index.Derive(first, "A", TextsOf, CancellationToken.None));

            var added = Edit(first, 2, "class C {} class A {}");
            Assert.Equal("class A {}|class C {} class A {}", index.Derive(added, "A", TextsOf, CancellationToken.None));

            var removed = Edit(added, 0, "class D {}");
            Assert.Equal("class C {} class A {}", index.Derive(removed, "A", TextsOf, CancellationToken.None));
            GC.KeepAlive(first);
        }

        [Fact]
        public void Carried_derived_values_match_a_fresh_derivation_over_a_sequence_of_edits()
        {
            var random = new Random(54321);
            var names = new[] { "A", "B", "C" };
            string RandomFile() => string.Join(" ", names.Where(_ => random.Next(3) == 0).Select(n => $"class {n} {{}}")) + $" class Filler{random.Next(1000)} {{}}";

            var carried = new TreeIndex(ClassNames);
            var compilation = CompilationOf(Enumerable.Range(0, 12).Select(_ => RandomFile()).ToArray());
            for (var step = 0; step < 40; step++)
            {
                foreach (var name in names)
                {
                    var fresh = new TreeIndex(ClassNames);
                    Assert.Equal(fresh.Derive(compilation, name, TextsOf, CancellationToken.None), carried.Derive(compilation, name, TextsOf, CancellationToken.None));
                }

                compilation = Edit(compilation, random.Next(12), RandomFile());
            }
        }

        [Fact]
        public void Carried_answers_match_a_full_read_over_a_sequence_of_edits()
        {
            var random = new Random(12345);
            var names = new[] { "A", "B", "C", "D" };
            string RandomFile() => string.Join(" ", names.Where(_ => random.Next(3) == 0).Select(n => $"class {n} {{}}")) + " class Filler {}";

            var carried = new TreeIndex(ClassNames);
            var compilation = CompilationOf(Enumerable.Range(0, 20).Select(_ => RandomFile()).ToArray());
            for (var step = 0; step < 40; step++)
            {
                foreach (var name in names)
                {
                    var fresh = new TreeIndex(ClassNames);
                    Assert.Equal(Positions(fresh, compilation, name), Positions(carried, compilation, name));
                }

                compilation = Edit(compilation, random.Next(20), RandomFile());
            }
        }
    }
}
