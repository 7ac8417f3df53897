using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// One walk of an operation tree (a method body, an initializer), shared by every rule that asks about it: where
    /// each local is declared and referenced, and every call, in the order of a pre-order walk. Questions about a local
    /// ("its only value", "every read of it") used to walk the whole tree from its root each time they were asked, so
    /// a long method was walked once per call site and per rule. The analyzer driver hands every rule the same
    /// operation tree of a block, so the index is built once per block and dropped with the tree.
    /// </summary>
    internal sealed class OperationTreeIndex
    {
        private static readonly ConditionalWeakTable<IOperation, OperationTreeIndex> ByRoot = new ConditionalWeakTable<IOperation, OperationTreeIndex>();
        private static readonly ConditionalWeakTable<IOperation, OperationTreeIndex>.CreateValueCallback Build = root => new OperationTreeIndex(root);
        private static readonly IReadOnlyList<IOperation> None = ImmutableArray<IOperation>.Empty;
        private static readonly IReadOnlyList<IInvocationOperation> NoInvocations = ImmutableArray<IInvocationOperation>.Empty;

        private IInvocationOperation[]? invocationsBySpanStart;

        private readonly Dictionary<ILocalSymbol, List<IOperation>> occurrences = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        private OperationTreeIndex(IOperation root)
        {
            List<IInvocationOperation>? invocations = null;
            foreach (var operation in root.Descendants())
            {
                // By kind: a kind is a virtual read, an interface test per node scans the node's interfaces.
                switch (operation.Kind)
                {
                    case OperationKind.VariableDeclarator:
                        var declarator = (IVariableDeclaratorOperation)operation;
                        Add(declarator.Symbol, declarator);
                        break;
                    case OperationKind.LocalReference:
                        var reference = (ILocalReferenceOperation)operation;
                        Add(reference.Local, reference);
                        break;
                    case OperationKind.Invocation:
                        (invocations ??= new List<IInvocationOperation>()).Add((IInvocationOperation)operation);
                        break;
                }
            }

            Invocations = (IReadOnlyList<IInvocationOperation>?)invocations ?? NoInvocations;
        }

        /// <summary>Every call in the tree, in the order of a pre-order walk.</summary>
        public IReadOnlyList<IInvocationOperation> Invocations { get; }

        /// <summary>The index of the tree that contains <paramref name="operation"/>.</summary>
        public static OperationTreeIndex For(IOperation operation) => ByRoot.GetValue(Root(operation), Build);

        /// <summary>The root of the tree that contains <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>
        /// The calls whose syntax starts inside <paramref name="span"/>: the calls of the statement or expression written
        /// there, without walking it (a question asked of every statement of nested blocks walked each statement once per
        /// level of nesting). Sorted once per tree, on the first question.
        /// </summary>
        public IEnumerable<IInvocationOperation> InvocationsWithin(TextSpan span)
        {
            // OrderBy is stable: calls starting at the same place (a call on a call's result) keep the walk's order.
            var sorted = invocationsBySpanStart ??= Invocations.OrderBy(call => call.Syntax.SpanStart).ToArray();

            var low = 0;
            var high = sorted.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (sorted[middle].Syntax.SpanStart < span.Start)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            for (var i = low; i < sorted.Length && sorted[i].Syntax.SpanStart < span.End; i++)
            {
                yield return sorted[i];
            }
        }

        /// <summary>
        /// The declarators (<see cref="IVariableDeclaratorOperation"/>) and references (<see cref="ILocalReferenceOperation"/>)
        /// of <paramref name="local"/> in the tree, in the order of a pre-order walk.
        /// </summary>
        public IReadOnlyList<IOperation> Occurrences(ILocalSymbol local)
            => occurrences.TryGetValue(local, out var found) ? found : None;

        private void Add(ILocalSymbol local, IOperation operation)
        {
            if (!occurrences.TryGetValue(local, out var list))
            {
                list = new List<IOperation>(4);
                occurrences.Add(local, list);
            }

            list.Add(operation);
        }
    }
}
