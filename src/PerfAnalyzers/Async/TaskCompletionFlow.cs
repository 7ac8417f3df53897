using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// Decides whether a task is known complete where a blocking wait reads it (PERF201's exclusions), by a forward
    /// "must" data-flow analysis over the control-flow graph of the method: the task (a local or parameter, or a
    /// local collection of tasks) is complete after <c>await t</c>, after an awaited <c>Task.WhenAll(.., t, ..)</c>,
    /// when it holds the result of an awaited <c>Task.WhenAny</c>, and on the true branch of <c>t.IsCompleted</c> /
    /// <c>t.IsCompletedSuccessfully</c>; it stops being known complete when it is written. The fact must hold on
    /// every path that reaches the wait.
    /// </summary>
    internal static class TaskCompletionFlow
    {
        public static bool IsKnownComplete(IOperation wait, IOperation? receiver, SemanticContext types, CancellationToken cancellationToken)
        {
            receiver = StripConfigureAwait(receiver);
            if (receiver is IAwaitOperation awaited)
            {
                // (await Task.WhenAny(..)).Result, (await something).Result: the awaited value is a finished task.
                return IsWhenAny(StripConfigureAwait(awaited.Operation), types);
            }

            if (IsFinishedTask(receiver, types))
            {
                return true;
            }

            if (IsContinuationAntecedent(receiver, types))
            {
                return true;
            }

            var target = GetTarget(receiver, ref wait);
            if (target == null)
            {
                return false;
            }

            // A task captured from an outer function: reason about the point where the inner function is created.
            var function = EnclosingFunction(wait);
            while (function != null && !IsDeclaredIn(target, function))
            {
                wait = function;
                function = EnclosingFunction(function);
            }

            var root = OperationTreeIndex.Root(wait);

            var graph = root switch
            {
                IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
                IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
                IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
                _ => null,
            };
            if (graph == null)
            {
                return false;
            }

            var combinatorResults = CombinatorResults(root, types);
            var collections = new CollectionMembership(graph, target, cancellationToken);
            return Analyse(
                graph,
                wait.Syntax,
                (operation, value) => Apply(operation, value, target, combinatorResults, collections, types),
                block => IsCompletedCheck(block, target, combinatorResults, types),
                cancellationToken);
        }

        /// <summary>
        /// <c>first.ContinueWith(task =&gt; task.Result)</c>: the continuation's first parameter is the antecedent task,
        /// which has finished when the continuation runs.
        /// </summary>
        private static bool IsContinuationAntecedent(IOperation? receiver, SemanticContext types)
        {
            if (receiver is not IParameterReferenceOperation { Parameter: { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol } })
            {
                return false;
            }

            if (!TryGetCallTakingLambda(receiver, lambdaSymbol, out var call))
            {
                return false;
            }

            if (call != null)
            {
                return call is { TargetMethod.Name: "ContinueWith" } continueWith && types.IsTaskLike(continueWith.TargetMethod.ContainingType);
            }

            // The ContinueWith call did not bind (a type of its lambda's result comes from a package the compilation
            // lacks, or is still being typed): the lambda's task parameter, given to a call written ContinueWith, is still
            // the antecedent (found in an apprenticeship support site, whose wrapper takes a package's user reference).
            return types.IsTaskLike(lambdaSymbol.Parameters[0].Type as INamedTypeSymbol)
                && lambdaSymbol.DeclaringSyntaxReferences.Length == 1
                && lambdaSymbol.DeclaringSyntaxReferences[0].GetSyntax() is { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContinueWith" } } } } };
        }

        /// <summary>
        /// The call a lambda is passed to (<c>tasks.Select(t =&gt; ..)</c>, <c>first.ContinueWith(task =&gt; ..)</c>), found from
        /// an operation inside the lambda; false when no enclosing lambda has that symbol.
        /// </summary>
        private static bool TryGetCallTakingLambda(IOperation inside, IMethodSymbol lambdaSymbol, out IInvocationOperation? call)
        {
            call = null;
            for (var current = inside.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                {
                    var parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
                    {
                        parent = parent.Parent;
                    }

                    call = parent as IInvocationOperation;
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? GetTarget(IOperation? receiver, ref IOperation wait)
        {
            // chargeTask?.Result: the task is what the conditional access reads.
            if (receiver is IConditionalAccessInstanceOperation)
            {
                for (var current = receiver.Parent; current != null; current = current.Parent)
                {
                    if (current is IConditionalAccessOperation access)
                    {
                        receiver = StripConfigureAwait(access.Operation);
                        break;
                    }
                }
            }

            // pair.Value.Result, result.Item2.Result: a member of an element of a collection of tasks reads that element's
            // task, complete when Task.WhenAll(tasks.Values) or WhenAll(results.Select(r => r.Item2)) was awaited.
            if (receiver is IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } owner } && IsElementVariable(owner))
            {
                receiver = owner;
            }
            else if (receiver is IFieldReferenceOperation { Field.IsStatic: false, Instance: { } fieldOwner } && IsElementVariable(fieldOwner))
            {
                receiver = fieldOwner;
            }

            switch (receiver)
            {
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    // _task.IsCompleted ? _task.Result : await _task: a field of this object, checked where it is read.
                    return field.Field;
                case ILocalReferenceOperation local:
                    // foreach (var t in tasks) … t.Result: t is complete when every task of the collection is.
                    for (var current = wait.Parent; current != null; current = current.Parent)
                    {
                        if (current is IForEachLoopOperation loop && DeclaresIterationVariable(loop, local.Local)
                            && StripConversions(loop.Collection) is ILocalReferenceOperation collection)
                        {
                            wait = loop.Collection;
                            return collection.Local;
                        }
                    }

                    return local.Local;
                case IParameterReferenceOperation parameter:
                    // tasks.Select(t => t.Result): the lambda's parameter is an element of the collection.
                    if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol
                        && TryGetCallTakingLambda(wait, lambdaSymbol, out var invocation))
                    {
                        if (invocation != null
                            && ElementsOfALocal(invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)) is { } source)
                        {
                            wait = invocation;
                            return source.Local;
                        }

                        return null;
                    }

                    return parameter.Parameter;
                case IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array }:
                    return array.Local;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation list }:
                    return list.Local;
                case IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation arrayParameter }:
                    // tasks[i].Result where the tasks came in as a parameter and Task.WhenAll(tasks) was awaited here.
                    return arrayParameter.Parameter;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IParameterReferenceOperation listParameter }:
                    return listParameter.Parameter;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The local whose elements a sequence holds: the local itself, or a filter, reordering or copy of it by
        /// <c>Enumerable</c>'s operators, which keep its own elements (<c>lookups.Where(x =&gt; x.Value.Result is not null)
        /// .ToDictionary(x =&gt; x.Key, x =&gt; x.Value.Result)</c> after <c>await Task.WhenAll(lookups.Select(x =&gt; x.Value))</c>,
        /// found in a recruitment service's geocoding handler).
        /// </summary>
        private static ILocalReferenceOperation? ElementsOfALocal(IOperation? sequence)
        {
            for (var depth = 0; depth < 4; depth++)
            {
                switch (StripConversions(sequence))
                {
                    case ILocalReferenceOperation local:
                        return local;
                    case IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Name: "Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Skip" or "Take" or "Distinct" or "Reverse" or "ToList" or "ToArray" or "AsEnumerable" } method, Arguments.Length: > 0 } call
                        when method.ContainingType is { Name: "Enumerable" } enumerable && SymbolFacts.IsNamespace(enumerable.ContainingNamespace, "System.Linq"):
                        sequence = call.Arguments[0].Value;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>A foreach iteration variable or a lambda's parameter: an element of the collection a rule follows.</summary>
        private static bool IsElementVariable(IOperation operation)
            => StripConversions(operation) is ILocalReferenceOperation or IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } };

        private static bool DeclaresIterationVariable(IForEachLoopOperation loop, ILocalSymbol local)
            => loop.Locals.Contains(local)
            || (loop.LoopControlVariable is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local));

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        private static bool IsDeclaredIn(ISymbol target, IOperation function)
        {
            var functionSymbol = function is IAnonymousFunctionOperation lambda ? (ISymbol)lambda.Symbol : ((ILocalFunctionOperation)function).Symbol;
            return SymbolEqualityComparer.Default.Equals(target.ContainingSymbol, functionSymbol);
        }

        /// <summary>
        /// Standard iterative must-analysis of one fact up to <paramref name="syntax"/>: <paramref name="apply"/> moves the fact
        /// over an operation, <paramref name="holdsOnTrueEdge"/> adds it on a block's true branch (<c>if (t.IsCompleted)</c>).
        /// </summary>
        private static bool Analyse(ControlFlowGraph graph, SyntaxNode syntax, Func<IOperation, bool, bool> apply, Func<BasicBlock, bool> holdsOnTrueEdge, CancellationToken cancellationToken)
        {
            if (!TryFindWait(graph, syntax, out var graphToSearch, out var block, out var index))
            {
                return false;
            }

            var blocks = graphToSearch.Blocks;
            var outFacts = new bool[blocks.Length];
            var trueEdgeFacts = new bool[blocks.Length];
            for (var i = 0; i < blocks.Length; i++)
            {
                outFacts[i] = true;
            }

            // Standard iterative must-analysis: optimistic start, intersection over predecessors, until stable.
            var changed = true;
            while (changed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                changed = false;
                foreach (var current in blocks)
                {
                    var value = Transfer(current, In(current, outFacts, trueEdgeFacts), current.Operations.Length, null, apply);
                    var trueEdge = value || holdsOnTrueEdge(current);
                    if (value != outFacts[current.Ordinal] || trueEdge != trueEdgeFacts[current.Ordinal])
                    {
                        outFacts[current.Ordinal] = value;
                        trueEdgeFacts[current.Ordinal] = trueEdge;
                        changed = true;
                    }
                }
            }

            return Transfer(block, In(block, outFacts, trueEdgeFacts), index, syntax, apply);
        }

        private static bool TryFindWait(ControlFlowGraph graph, SyntaxNode syntax, out ControlFlowGraph found, out BasicBlock block, out int index)
        {
            foreach (var candidate in graph.Blocks)
            {
                for (var i = 0; i <= candidate.Operations.Length; i++)
                {
                    var operation = i < candidate.Operations.Length ? candidate.Operations[i] : candidate.BranchValue;
                    if (operation == null || !operation.Syntax.FullSpan.Contains(syntax.Span))
                    {
                        continue;
                    }

                    foreach (var descendant in operation.DescendantsAndSelf())
                    {
                        if (descendant.Syntax == syntax)
                        {
                            found = graph;
                            block = candidate;
                            index = i;
                            return true;
                        }

                        // The wait sits inside a lambda or local function: continue in that function's graph.
                        if (descendant is IFlowAnonymousFunctionOperation lambda && lambda.Syntax.Span.Contains(syntax.Span)
                            && TryFindWait(graph.GetAnonymousFunctionControlFlowGraph(lambda), syntax, out found, out block, out index))
                        {
                            return true;
                        }
                    }
                }
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                var nested = graph.GetLocalFunctionControlFlowGraph(localFunction);
                if (nested.OriginalOperation.Syntax.Span.Contains(syntax.Span) && TryFindWait(nested, syntax, out found, out block, out index))
                {
                    return true;
                }
            }

            found = graph;
            block = graph.Blocks[0];
            index = 0;
            return false;
        }

        private static bool In(BasicBlock block, bool[] outFacts, bool[] trueEdgeFacts)
        {
            if (block.Kind == BasicBlockKind.Entry)
            {
                return false;
            }

            var any = false;
            foreach (var branch in block.Predecessors)
            {
                var source = branch.Source;
                if (!source.IsReachable)
                {
                    continue;
                }

                any = true;
                var isTrueEdge = source.ConditionKind != ControlFlowConditionKind.None
                    && (branch.IsConditionalSuccessor == (source.ConditionKind == ControlFlowConditionKind.WhenTrue));
                if (!(isTrueEdge ? trueEdgeFacts[source.Ordinal] : outFacts[source.Ordinal]))
                {
                    return false;
                }
            }

            // No reachable predecessor: the start of a catch or finally handler, entered from anywhere.
            return any;
        }

        /// <summary>Applies the block's first <paramref name="count"/> operations (and, at the wait, what precedes it).</summary>
        private static bool Transfer(BasicBlock block, bool value, int count, SyntaxNode? stopAt, Func<IOperation, bool, bool> apply)
        {
            for (var i = 0; i <= count; i++)
            {
                var operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue;
                if (operation == null || (i == count && stopAt == null))
                {
                    continue;
                }

                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (i == count && descendant.Syntax.SpanStart >= stopAt!.SpanStart)
                    {
                        if (descendant.Syntax == stopAt || descendant.Syntax.Span.Contains(stopAt.Span))
                        {
                            continue;
                        }

                        break;
                    }

                    value = apply(descendant, value);
                }

                if (i == count)
                {
                    break;
                }
            }

            return value;
        }

        private static bool Apply(IOperation operation, bool value, ISymbol target, Dictionary<ILocalSymbol, IInvocationOperation>? combinatorResults, CollectionMembership collections, SemanticContext types)
        {
            switch (operation)
            {
                case IAwaitOperation awaited when target is not IFieldSymbol:
                    // A field may be written again by another method while this one awaits: only its IsCompleted check counts.
                    var awaitedValue = StripConfigureAwait(awaited.Operation);
                    return value || RefersTo(awaitedValue, target) || IsWhenAllOver(awaitedValue, target, types)
                        || IsUnboundWhenAllOver(awaitedValue, target)
                        || collections.IsWhenAllOverCollectionHolding(awaitedValue, awaited.Syntax, types)
                        || (StripConversions(awaitedValue) is ILocalReferenceOperation awaitedLocal
                            && combinatorResults != null
                            && combinatorResults.TryGetValue(awaitedLocal.Local, out var combinator)
                            && IsWhenAllOver(combinator, target, types));
                case ISimpleAssignmentOperation assignment when RefersTo(assignment.Target, target):
                    var assigned = StripConversions(assignment.Value);
                    return (assigned is IAwaitOperation whenAny && IsWhenAny(StripConfigureAwait(whenAny.Operation), types))
                        || IsFinishedTask(assigned, types)
                        || IsNull(assigned)
                        || (value && KeepsTheSameElements(assigned, target));
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when RefersTo(argument.Value, target):
                    return false;
                case IInvocationOperation { TargetMethod.ReturnsVoid: true } invocation when RefersTo(invocation.Instance, target):
                    // tasks.Add(..), tasks.Clear(): the collection may now hold a task that has not finished.
                    return false;
                default:
                    return value;
            }
        }

        private static bool IsCompletedCheck(BasicBlock block, ISymbol target, Dictionary<ILocalSymbol, IInvocationOperation>? combinatorResults, SemanticContext types)
        {
            var condition = block.BranchValue;
            if (condition == null || block.ConditionKind == ControlFlowConditionKind.None)
            {
                return false;
            }

            // "if (!t.IsCompleted) …" arrives as a WhenTrue/WhenFalse branch on the negated value.
            var negated = false;
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                negated = !negated;
                condition = not.Operand;
            }

            if (negated)
            {
                return false;
            }

            if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals && combinatorResults != null)
            {
                return IsWaitAnyIndexOf(equals.LeftOperand, equals.RightOperand, target, combinatorResults)
                    || IsWaitAnyIndexOf(equals.RightOperand, equals.LeftOperand, target, combinatorResults);
            }

            return condition is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" } property
                && types.IsTaskLike(property.Property.ContainingType)
                && RefersTo(property.Instance, target);
        }

        /// <summary>
        /// <c>index == 1</c> where <c>var index = Task.WaitAny(started, failed, timeout);</c>: WaitAny returned the position of
        /// a task that has completed, so the task at that position has (found in smtp4dev's IMAP start-up).
        /// </summary>
        private static bool IsWaitAnyIndexOf(IOperation index, IOperation position, ISymbol target, Dictionary<ILocalSymbol, IInvocationOperation> combinatorResults)
        {
            if (StripConversions(position)?.ConstantValue is not { HasValue: true, Value: int at }
                || StripConversions(index) is not ILocalReferenceOperation local
                || !combinatorResults.TryGetValue(local.Local, out var waitAny)
                || waitAny.TargetMethod.Name != "WaitAny")
            {
                return false;
            }

            // Task.WaitAny(a, b, c) passes a params array; Task.WaitAny(tasks) an array of unknown order.
            var tasks = StripConversions(waitAny.Arguments[0].Value) is IArrayCreationOperation { Initializer: { } initializer }
                ? initializer.ElementValues
                : default;
            return !tasks.IsDefault && at >= 0 && at < tasks.Length && RefersTo(StripConversions(tasks[at]), target);
        }

        private static bool IsWhenAllOver(IOperation? operation, ISymbol target, SemanticContext types)
        {
            if (operation is not IInvocationOperation { TargetMethod.Name: "WhenAll" } invocation || !SymbolFacts.Is(invocation.TargetMethod.ContainingType, types.Task))
            {
                return false;
            }

            // WhenAll(a, b) binds to params Task[] in C# 12 and to params ReadOnlySpan<Task> (a collection, not an array
            // creation) from C# 13 on; WhenAll([a, b]) is a collection expression. Any element referring to the task counts.
            foreach (var argument in invocation.Arguments)
            {
                foreach (var element in argument.Value.DescendantsAndSelf())
                {
                    if (element is IAnonymousFunctionOperation)
                    {
                        break;
                    }

                    if (RefersTo(element, target))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>await Task.WhenAll(indexTask, accountTask)</c> (optionally <c>.ConfigureAwait(..)</c>) where another argument's
        /// type does not bind (a package the project lacks, or code being typed): the call is invalid, so it has no target
        /// method, but a build that binds it completes <c>indexTask</c>, and reporting <c>indexTask.Result</c> would be a false
        /// report. Read from syntax and the invalid call's children: the control-flow graph's operations carry no semantic
        /// model to ask for the candidates.
        /// </summary>
        private static bool IsUnboundWhenAllOver(IOperation? operation, ISymbol target)
        {
            // Task.WhenAll(..).ConfigureAwait(false) over an invalid WhenAll is itself invalid, the WhenAll its first child.
            if (operation is IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } } } configured)
            {
                operation = configured.ChildOperations.Any() ? configured.ChildOperations.First() : null;
            }

            if (operation is not IInvalidOperation
                {
                    Syntax: InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax
                        {
                            Name.Identifier.ValueText: "WhenAll",
                            Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task" },
                        },
                    },
                } whenAll)
            {
                return false;
            }

            foreach (var argument in whenAll.ChildOperations)
            {
                if (RefersTo(argument, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The locals of the function that hold the result of <c>Task.WaitAny(..)</c> or <c>Task.WhenAll(..)</c> and are never
        /// written again (the control-flow graph's operations are a copy of the tree, so this is read from the tree's shared
        /// index); null when the function calls neither, as almost every function. <c>var all = Task.WhenAll(tasks); await
        /// all;</c> completes the tasks as <c>await Task.WhenAll(tasks)</c> does (found in NuGetTrends' download worker, which
        /// keeps the combined task to read its exceptions).
        /// </summary>
        private static Dictionary<ILocalSymbol, IInvocationOperation>? CombinatorResults(IOperation root, SemanticContext types)
        {
            Dictionary<ILocalSymbol, IInvocationOperation>? results = null;
            var index = OperationTreeIndex.For(root);
            foreach (var call in index.Invocations)
            {
                if (call.TargetMethod is not { Name: "WaitAny" or "WhenAll", Parameters.Length: > 0 } method || !SymbolFacts.Is(method.ContainingType, types.Task))
                {
                    continue;
                }

                IOperation initialized = call;
                while (initialized.Parent is IConversionOperation conversion)
                {
                    initialized = conversion;
                }

                if (initialized.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && !IsWrittenAgain(declarator.Symbol, index))
                {
                    (results ??= new Dictionary<ILocalSymbol, IInvocationOperation>(SymbolEqualityComparer.Default))[declarator.Symbol] = call;
                }
            }

            return results;
        }

        private static bool IsWrittenAgain(ILocalSymbol local, OperationTreeIndex index)
        {
            foreach (var occurrence in index.Occurrences(local))
            {
                if (occurrence is ILocalReferenceOperation reference
                    && reference.Parent switch
                    {
                        IAssignmentOperation assignment => assignment.Target == reference,
                        IIncrementOrDecrementOperation => true,
                        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
                        _ => false,
                    })
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] SameElementOperators =
        {
            "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Where", "Reverse", "Distinct", "Skip", "Take", "ToList", "ToArray", "AsEnumerable",
        };

        /// <summary>
        /// <c>results = results.OrderBy(r =&gt; r.Item1).ToList();</c>: the collection rebuilt from its own elements, sorted or
        /// filtered, holds the same finished tasks (found in BTCPay Server).
        /// </summary>
        private static bool KeepsTheSameElements(IOperation? assigned, ISymbol target)
        {
            var current = assigned;
            for (var depth = 0; depth < 16 && current is IInvocationOperation { TargetMethod.IsExtensionMethod: true } call && call.Arguments.Length > 0; depth++)
            {
                if (Array.IndexOf(SameElementOperators, call.TargetMethod.Name) < 0)
                {
                    return false;
                }

                current = StripConversions(call.Arguments[0].Value);
            }

            return current != assigned && RefersTo(current, target);
        }

        /// <summary>
        /// A task set to <c>null</c> (<c>Task&lt;Charge&gt; chargeTask = null;</c>, started only on one branch): reading it never
        /// blocks; <c>chargeTask?.Result</c> gives null and <c>chargeTask.Result</c> throws.
        /// </summary>
        private static bool IsNull(IOperation? operation)
            => operation is { ConstantValue: { HasValue: true, Value: null } };

        /// <summary>
        /// <c>tasks.AddRange(new List&lt;Task&gt; { personTask, contactTask }); await Task.WhenAll(tasks); personTask.Result</c>: the
        /// task was put in a local collection (its initializer, <c>Add</c>, <c>AddRange</c> or <c>Insert</c>) on every path
        /// to an awaited <c>Task.WhenAll</c> over that collection, or is null there, and neither it nor the collection was
        /// written (cleared, an element removed, reassigned) in between (found in a council's finance API, whose summaries
        /// start their calls together and read each result after the one <c>WhenAll</c>). A second must-analysis, asked only
        /// at such an await, and once per await.
        /// </summary>
        private sealed class CollectionMembership
        {
            private readonly ControlFlowGraph graph;
            private readonly ISymbol task;
            private readonly CancellationToken cancellationToken;
            private Dictionary<SyntaxNode, bool>? answers;
            private HashSet<CaptureId>? collectionCaptures;

            public CollectionMembership(ControlFlowGraph graph, ISymbol task, CancellationToken cancellationToken)
            {
                this.graph = graph;
                this.task = task;
                this.cancellationToken = cancellationToken;
            }

            public bool IsWhenAllOverCollectionHolding(IOperation? awaitedValue, SyntaxNode await, SemanticContext types)
            {
                if (task is not (ILocalSymbol or IParameterSymbol)
                    || awaitedValue is not IInvocationOperation { TargetMethod.Name: "WhenAll", Arguments: { Length: 1 } arguments } whenAll
                    || !SymbolFacts.Is(whenAll.TargetMethod.ContainingType, types.Task)
                    || StripConversions(arguments[0].Value) is not ILocalReferenceOperation { Local: var collection }
                    || SymbolEqualityComparer.Default.Equals(collection, task))
                {
                    return false;
                }

                answers ??= new Dictionary<SyntaxNode, bool>();
                if (!answers.TryGetValue(await, out var holds))
                {
                    holds = Analyse(graph, await, (operation, value) => ApplyMembership(operation, value, collection), _ => false, cancellationToken);
                    answers[await] = holds;
                }

                return holds;
            }

            private bool ApplyMembership(IOperation operation, bool value, ILocalSymbol collection)
            {
                switch (operation)
                {
                    case IFlowCaptureOperation capture when RefersTo(capture.Value, collection):
                        // tasks.AddRange(new List<Task> { .. }): the graph captures the receiver before it lowers the initializer.
                        (collectionCaptures ??= new HashSet<CaptureId>()).Add(capture.Id);
                        return value;
                    case ISimpleAssignmentOperation assignment when RefersTo(assignment.Target, task):
                        // Another task now: not the one added. A null one never blocks.
                        return IsNull(StripConversions(assignment.Value));
                    case ISimpleAssignmentOperation assignment when RefersTo(assignment.Target, collection):
                        return Lists(assignment.Value.Syntax);
                    case IInvocationOperation call when RefersTo(call.Instance, collection) || IsCapturedCollection(call.Instance):
                        var name = call.TargetMethod.Name;
                        if (name is "Add" or "AddRange" or "Insert" or "InsertRange")
                        {
                            foreach (var argument in call.Arguments)
                            {
                                if (RefersTo(argument.Value, task) || Lists(argument.Value.Syntax))
                                {
                                    return true;
                                }
                            }

                            return value;
                        }

                        return value && name != "Clear" && !name.StartsWith("Remove", StringComparison.Ordinal);
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when RefersTo(argument.Value, task) || RefersTo(argument.Value, collection):
                        return false;
                    default:
                        return value;
                }
            }

            private bool IsCapturedCollection(IOperation? instance)
                => instance is IFlowCaptureReferenceOperation reference && collectionCaptures != null && collectionCaptures.Contains(reference.Id);

            /// <summary>
            /// <c>new List&lt;Task&gt; { a, b }</c>, <c>new[] { a, b }</c>, <c>[a, b]</c> naming the task among its elements. Read
            /// from syntax: the control-flow graph lowers a collection initializer into calls on a capture of the new list.
            /// </summary>
            private bool Lists(SyntaxNode creation)
            {
                IEnumerable<SyntaxNode>? elements = creation switch
                {
                    BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                    ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                    ImplicitArrayCreationExpressionSyntax { Initializer: var initializer } => initializer.Expressions,
                    CollectionExpressionSyntax collection => collection.Elements,
                    _ => null,
                };
                if (elements == null)
                {
                    return false;
                }

                foreach (var element in elements)
                {
                    var expression = element switch
                    {
                        InitializerExpressionSyntax { Expressions.Count: 1 } single => single.Expressions[0],
                        ExpressionElementSyntax expressionElement => expressionElement.Expression,
                        ExpressionSyntax plain => plain,
                        _ => null,
                    };
                    while (expression is ParenthesizedExpressionSyntax parenthesized)
                    {
                        expression = parenthesized.Expression;
                    }

                    if (expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == task.Name)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary><c>Task.FromResult(..)</c> and <c>Task.CompletedTask</c>: finished when created.</summary>
        private static bool IsFinishedTask(IOperation? operation, SemanticContext types)
            => (operation is IInvocationOperation { TargetMethod.Name: "FromResult" } fromResult && SymbolFacts.Is(fromResult.TargetMethod.ContainingType, types.Task))
                || (operation is IPropertyReferenceOperation { Property.Name: "CompletedTask" } completed && SymbolFacts.Is(completed.Property.ContainingType, types.Task));

        private static bool IsWhenAny(IOperation? operation, SemanticContext types)
            => operation is IInvocationOperation { TargetMethod.Name: "WhenAny" } invocation && SymbolFacts.Is(invocation.TargetMethod.ContainingType, types.Task);

        private static bool RefersTo(IOperation? operation, ISymbol target)
        {
            operation = StripConversions(operation);
            return operation switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, target),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, target),
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => SymbolEqualityComparer.Default.Equals(field.Field, target),
                _ => false,
            };
        }

        private static IOperation? StripConversions(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary><c>t.ConfigureAwait(false)</c> is <c>t</c> as far as completion goes.</summary>
        internal static IOperation? StripConfigureAwait(IOperation? operation)
        {
            operation = StripConversions(operation);
            while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
            {
                operation = StripConversions(instance);
            }

            return operation;
        }
    }
}
