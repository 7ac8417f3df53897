using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// Loops in which a query does not run once per element (docs/concepts.md#loop-exclusions): the body always exits
    /// right after the query, the query pages with the loop counter or a keyset, the loop is a retry loop, or it walks a
    /// graph level by level with one query per level.
    /// </summary>
    internal static class LoopExclusions
    {
        public static bool IsExcluded(in EfExecution execution, LoopContext loop, SemanticContext types)
            => ExitsAfter(execution.Operation, loop) || IsPaging(execution, loop, types) || IsRetry(execution.Operation, loop)
            || IsPeriodicFlush(execution.Operation, loop) || IsMemoised(execution.Operation, loop) || IsOnErrorPath(execution.Operation, loop)
            || IsKeyedBranch(execution.Operation, loop, types) || PrimesADrain(execution, types) || ProbesAFreshRandomValue(execution.Operation, loop)
            || WaitsForARow(execution.Operation, loop);

        /// <summary>
        /// A call on each registered service (docs/concepts.md#loop-exclusions, 13): the loop runs over the services
        /// registered for one abstraction (<see cref="RegisteredServices"/>) and the call's receiver is the element, so each
        /// round runs another implementation, once per registration (found in Inflow's outbox processors:
        /// <c>Task.WhenAll(outboxes.Select(o =&gt; o.CleanupAsync()))</c>, one outbox per module, each on its module's context).
        /// </summary>
        public static bool RunsEachRegisteredService(IInvocationOperation call, LoopContext loop)
        {
            return call.Instance?.WalkDownConversion().IsReferenceTo(loop.IterationSymbol) == true
                && RegisteredServices.IsRegisteredServices(CollectionOf(loop.Loop));
        }

        /// <summary>What a loop enumerates: a foreach's collection, or the source of the LINQ call a lambda is passed to.</summary>
        private static IOperation? CollectionOf(IOperation loop)
        {
            if (loop is IForEachLoopOperation forEach)
            {
                return forEach.Collection;
            }

            var parent = loop.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation call })
            {
                return EfQueryModel.GetSource(call);
            }

            return null;
        }

        /// <summary>
        /// A wait for a row another request is writing (docs/concepts.md#loop-exclusions, 12): in a for/while/do loop, the
        /// operation's result is assigned to a local that the loop's condition requires to be null (<see cref="RequiresNull"/>),
        /// or that an <c>if</c> of the loop's body requires to be found before it leaves the loop, so the loop ends as soon as
        /// the row is found, and the operation does not depend on the loop, so every round asks the same question
        /// (<c>while (product == null &amp;&amp; tries &lt; 3) { await Task.Delay(200); product = await repository.GetByIdAsync(id);
        /// tries++; }</c>, found in Librum-Server's Stripe webhooks). A search over candidates (<c>ids[i++]</c>) is not one.
        /// </summary>
        public static bool WaitsForARow(IOperation operation, LoopContext loop)
        {
            if (loop.Loop is not ILoopOperation loopOperation || loop.Loop is IForEachLoopOperation)
            {
                return false;
            }

            var result = HeldInALocal(operation, out _);
            if (result == null || loop.DependsOnLoop(operation))
            {
                return false;
            }

            // The loop's condition requires the row to be missing, or an if of its body leaves the loop once it is found
            // (if (found != null) { ..; break; }, found in an eligibility-checking engine that waits a second between tries).
            var condition = ConditionOf(loopOperation);
            return (condition != null && RequiresNull(condition, result, loop))
                || (loopOperation.Body != null && LeavesOnceFound(loopOperation.Body, result, loopOperation));
        }

        private static bool LeavesOnceFound(IOperation body, ILocalSymbol result, ILoopOperation loop)
        {
            foreach (var descendant in body.Descendants())
            {
                if (descendant is IConditionalOperation { IsRef: false } test && test.Type == null
                    && RequiresFound(test.Condition, result) && LeavesLoop(test.WhenTrue, loop))
                {
                    return true;
                }
            }

            return false;
        }

        // found != null, found is not null, found is { }, found.HasValue (alone or in an &&).
        private static bool RequiresFound(IOperation condition, ILocalSymbol result)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return RequiresFound(and.LeftOperand, result) || RequiresFound(and.RightOperand, result);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return (notEquals.LeftOperand.WalkDownConversion().IsReferenceTo(result) && IsNullConstant(notEquals.RightOperand))
                        || (IsNullConstant(notEquals.LeftOperand) && notEquals.RightOperand.WalkDownConversion().IsReferenceTo(result));
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } } test:
                    return test.Value.WalkDownConversion().IsReferenceTo(result) && IsNullConstant(constant);
                case IIsPatternOperation { Pattern: IRecursivePatternOperation } test:
                    return test.Value.WalkDownConversion().IsReferenceTo(result);
                case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance }:
                    return instance.WalkDownConversion().IsReferenceTo(result);
                default:
                    return false;
            }
        }

        /// <summary>The condition of a <c>while</c>, <c>do</c> or <c>for</c> loop, null for a <c>foreach</c> or a <c>for</c> without one.</summary>
        private static IOperation? ConditionOf(ILoopOperation loop)
            => loop switch
            {
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                IForLoopOperation forLoop => forLoop.Condition,
                _ => null,
            };

        /// <summary>
        /// The operation runs only for the element that is a given name (docs/concepts.md#loop-exclusions, 10): it sits in
        /// the branch of an <c>if (propertyName == "InstitutionId")</c>, <c>is "InstitutionId"</c>, <c>case
        /// "InstitutionId":</c> or a switch expression's arm <c>"InstitutionId" =&gt; ..</c> that compares the <c>foreach</c> variable itself, a string, with a string constant. A loop over
        /// names (an entity's changed properties, a dictionary's keys) meets each once, so the branch runs at most once per
        /// run of the loop (found in OoS-Backend's change log, which looks up the institution's title for that one property).
        /// </summary>
        public static bool IsKeyedBranch(IOperation operation, LoopContext loop, SemanticContext types)
        {
            if (loop.Loop is not IForEachLoopOperation forEach)
            {
                return false;
            }

            var child = operation;
            for (var current = operation.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation { WhenTrue: var whenTrue, Condition: var condition } when child == whenTrue
                        && (NamesOneElement(condition, forEach) || SinglesOutOneElementByKey(condition, forEach, loop, types)):
                        return true;
                    case ISwitchCaseOperation { Parent: ISwitchOperation { Value: var switched } } switchCase
                        when IsNameVariable(switched, forEach) && !switchCase.Clauses.IsEmpty
                            && switchCase.Clauses.All(c => c is ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true, Value: string } }):
                        return true;
                    case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation { Value: var switched }, Pattern: IConstantPatternOperation { Value: var constant }, Guard: null } arm
                        when child == arm.Value && IsNameVariable(switched, forEach) && IsStringConstant(constant):
                        // kind switch { Kinds.Customer => await .., .. }: an arm is a case (found in FeatBit's resource search).
                        return true;
                }
            }

            return false;
        }

        private static bool NamesOneElement(IOperation condition, IForEachLoopOperation forEach)
            => condition.WalkDownConversion() switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
                    => (IsNameVariable(equals.LeftOperand, forEach) && IsStringConstant(equals.RightOperand))
                    || (IsNameVariable(equals.RightOperand, forEach) && IsStringConstant(equals.LeftOperand)),
                IIsPatternOperation { Value: var tested, Pattern: IConstantPatternOperation { Value: var constant } }
                    => IsNameVariable(tested, forEach) && IsStringConstant(constant),
                _ => false,
            };

        /// <summary>
        /// <c>if (session.Id == currentSessionId)</c>: the element's key (a property named <c>Id</c> or <c>{Type}Id</c>, or
        /// marked <c>[Key]</c>) equal to a value fixed for the loop. Keys are unique among the rows a loop reads, so the
        /// branch runs for one element at most (found in Bit's account deletion, which signs the current session out and
        /// revokes the others). A test on another member (<c>order.CustomerId == customerId</c>) holds for many.
        /// </summary>
        private static bool SinglesOutOneElementByKey(IOperation condition, IForEachLoopOperation forEach, LoopContext loop, SemanticContext types)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return (IsElementKey(equals.LeftOperand, forEach, types) && !loop.DependsOnLoop(equals.RightOperand))
                        || (IsElementKey(equals.RightOperand, forEach, types) && !loop.DependsOnLoop(equals.LeftOperand));
                case IInvocationOperation { TargetMethod.Name: nameof(object.Equals), Instance: { } instance, Arguments: { Length: 1 } arguments }:
                    return IsElementKey(instance, forEach, types) && !loop.DependsOnLoop(arguments[0].Value);
                default:
                    return false;
            }
        }

        private static bool IsElementKey(IOperation operation, IForEachLoopOperation forEach, SemanticContext types)
            => operation.WalkDownConversion() is IPropertyReferenceOperation { Property: var property, Instance: { } instance }
            && instance.WalkDownConversion() is ILocalReferenceOperation { Local: var element }
            && forEach.Locals.Contains(element, SymbolEqualityComparer.Default)
            && element.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } elementType
            && types.IsKeyByConvention(property, elementType);

        /// <summary>The <c>foreach</c> variable itself (or one of its deconstructed parts), a string.</summary>
        private static bool IsNameVariable(IOperation operation, IForEachLoopOperation forEach)
            => operation.WalkDownConversion() is ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_String } local }
            && forEach.Locals.Contains(local, SymbolEqualityComparer.Default);

        private static bool IsStringConstant(IOperation operation)
            => operation.WalkDownConversion().ConstantValue is { HasValue: true, Value: string };

        /// <summary>
        /// The first batch of a drain (docs/concepts.md#loop-exclusions, 2): <c>var batch = q.Take(100).ToList();</c> followed,
        /// in the same block, by <c>while (batch.Count &gt; 0) { ..remove them..; batch = q.Take(100).ToList(); }</c>. The read
        /// starts a batch run, which the loop then drains; once per run of the drain, as the reads inside it are once per
        /// batch (found in Oqtane's purge jobs, which drain each site's old rows in turn).
        /// </summary>
        public static bool PrimesADrain(in EfExecution execution, SemanticContext types)
        {
            // The local and the loop after it first (a walk up and along one block); the query's operators last.
            if (HeldInALocal(execution.Operation, out var result) is not { } batch)
            {
                return false;
            }

            if (result.StatementInBlock(out var block) is not { } statement)
            {
                return false;
            }

            for (var index = block.Operations.IndexOf(statement) + 1; index < block.Operations.Length; index++)
            {
                if (block.Operations[index] is IWhileLoopOperation { Condition: { } condition } drain && References(condition, batch)
                    && WritesAgain(drain.Body, batch))
                {
                    foreach (var invocation in EfQueryModel.GetOperators(execution.Query, types))
                    {
                        if (TakesABatch(execution, invocation))
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            return false;
        }

        /// <summary>The local a query's result is declared into or assigned to (past awaits and conversions), with the operation that writes it.</summary>
        private static ILocalSymbol? HeldInALocal(IOperation executing, out IOperation write)
        {
            var result = executing.Parent;
            while (result is IAwaitOperation or IConversionOperation)
            {
                result = result.Parent;
            }

            write = result ?? executing;
            return result switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
        }

        private static bool WritesAgain(IOperation body, ILocalSymbol batch)
        {
            foreach (var descendant in body.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, batch))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Inside a <c>catch</c> in the loop: it runs when an element failed, not for each element (a <c>Find</c> after an
        /// <c>Attach</c> that threw because the key is tracked, found in osharp, even answers from the change tracker).
        /// Also a fallback that retries element by element after a batch failed: the loop itself sits in a <c>catch</c>, and
        /// the operation in a <c>try</c> of the loop whose <c>catch</c> goes on with the next element (a personal-finance
        /// app's CSV import re-imports a failed batch of 100 row by row to find the bad rows; a blind reader judged the
        /// report unwelcome). One element at a time is the point there, and it runs only when the batch failed.
        /// </summary>
        public static bool IsOnErrorPath(IOperation operation, LoopContext loop)
        {
            var isolated = false;
            for (var current = operation.Parent; current != null && current != loop.Loop; current = current.Parent)
            {
                if (current is ICatchClauseOperation)
                {
                    return true;
                }

                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return false;
                }

                isolated |= current is ITryOperation attempt && loop.Loop is ILoopOperation loopOperation
                    && PERF105SaveChangesInLoopAnalyzer.IsolatesAFailure(attempt, loopOperation);
            }

            return isolated && IsInACatch(loop.Loop);
        }

        // The statement sits in a catch clause of its own function (not of a lambda or local function around it).
        private static bool IsInACatch(IOperation statement)
        {
            for (var current = statement.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case ICatchClauseOperation:
                        return true;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyBaseOperation:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>total ??= await GetTotalAsync(cart)</c> in the loop, or <c>if (total == null) total = await ..</c> (also
        /// <c>is null</c>, <c>!total.HasValue</c>, and such a test joined with <c>&amp;&amp;</c>), with <c>total</c> declared
        /// before it (or a field or property): the value is computed on the first iteration that needs it and reused
        /// after, not once per element.
        /// </summary>
        public static bool IsMemoised(IOperation operation, LoopContext loop)
        {
            var child = operation;
            for (var current = operation.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is ICoalesceAssignmentOperation { Target: var target, Value: var value } && child == value)
                {
                    return KeptOutsideIteration(target, loop) != null;
                }

                if (current is ISimpleAssignmentOperation { Target: var assigned, Value: var assignedValue } && child == assignedValue)
                {
                    return KeptOutsideIteration(assigned, loop) is { } memo && IsAssignedWhenNull(current, memo, loop);
                }
            }

            return false;
        }

        /// <summary>
        /// The assignment is a statement of the then-branch of an <c>if</c> whose condition requires <paramref name="memo"/>
        /// to be null: <c>if (def == null) def = ..</c>, <c>if (!site.HasLanguage &amp;&amp; def is null) { def = ..; }</c>.
        /// </summary>
        private static bool IsAssignedWhenNull(IOperation assignment, ISymbol memo, LoopContext loop)
        {
            IOperation child = assignment;
            var current = assignment.Parent;
            if (current is IExpressionStatementOperation)
            {
                child = current;
                current = current.Parent;
            }

            if (current is IBlockOperation)
            {
                child = current;
                current = current.Parent;
            }

            return current is IConditionalOperation { WhenTrue: var whenTrue, Condition: var condition } && whenTrue == child
                && RequiresNull(condition, memo, loop);
        }

        private static bool RequiresNull(IOperation condition, ISymbol memo, LoopContext loop)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return RequiresNull(and.LeftOperand, memo, loop) || RequiresNull(and.RightOperand, memo, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return (IsReferenceTo(equals.LeftOperand, memo, loop) && IsNullConstant(equals.RightOperand))
                        || (IsNullConstant(equals.LeftOperand) && IsReferenceTo(equals.RightOperand, memo, loop));
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } test:
                    return IsReferenceTo(test.Value, memo, loop) && IsNullConstant(constant);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } }:
                    return IsReferenceTo(instance, memo, loop);
                default:
                    return false;
            }
        }

        private static bool IsNullConstant(IOperation operation) => operation.WalkDownConversion().ConstantValue is { HasValue: true, Value: null };

        /// <summary>A read of <paramref name="memo"/>, which is kept outside the iteration (so any read of it is too).</summary>
        private static bool IsReferenceTo(IOperation operation, ISymbol memo, LoopContext loop)
            => SymbolEqualityComparer.Default.Equals(KeptOutsideIteration(operation.WalkDownConversion(), loop), memo);

        /// <summary>
        /// A save that closes a loop's batches (docs/concepts.md#loop-exclusions, 8): the statement holding it comes after
        /// a loop in the same block, with nothing but expression statements between them, that either pages (a batch loop)
        /// or makes the same save itself (its periodic flush). It runs once per run of that loop, not per element: in a
        /// loop over libraries, the final flush after each library's batched inner loop (found in Ombi's Plex sync); in a
        /// called method, the save after the method's own paged loop (Ombi's episode sync, called per section).
        /// </summary>
        public static bool ClosesALoopsBatches(IInvocationOperation save, SemanticContext types)
        {
            if (LoopClosedBy(save) is not { } previous)
            {
                return false;
            }

            if (MakesTheSameCall(previous, save))
            {
                return true;
            }

            // A level-by-level walk (9) reads a graph; the save after it closes no batches of its own.
            return LoopModel.TryGetEnclosingLoop(previous.Body, types, out var previousLoop) && previousLoop != null
                && PagesOrChunks(previousLoop, types);
        }

        /// <summary>
        /// A call right after a loop that makes the same call as its periodic flush: it handles the last, partial batch
        /// (<c>if (pending.Count &gt; 0) { Resolve(pending); }</c> after a loop that resolves every 20; found in Jellyfin's
        /// similar-items manager), once per run of that loop. Unlike <see cref="ClosesALoopsBatches"/>, a batch loop before
        /// it that does not make the call says nothing about a read.
        /// </summary>
        public static bool FlushesTheLastBatchOf(IInvocationOperation call)
            => LoopClosedBy(call) is { } previous && MakesTheSameCall(previous, call);

        /// <summary>
        /// The loop the statement holding <paramref name="call"/> comes right after, or null. That statement may be an
        /// <c>if</c> whose then-branch holds the call: <c>if (pending.Count &gt; 0) { Save(pending); }</c>, a guard that the
        /// flush has something to do (found in Jellyfin's audio normalisation task).
        /// </summary>
        private static ILoopOperation? LoopClosedBy(IInvocationOperation call)
        {
            IOperation statement = call;
            while (statement.Parent != null && statement.Parent is not IBlockOperation)
            {
                if (statement.Parent is ILoopOperation || statement.Parent is IAnonymousFunctionOperation)
                {
                    return null;
                }

                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return null;
            }

            var previous = LoopBefore(statement, block);
            if (previous == null && block.Parent is IConditionalOperation guard && guard.WhenTrue == block
                && guard.Parent is IBlockOperation outer)
            {
                previous = LoopBefore(guard, outer);
            }

            return previous;
        }

        private static bool MakesTheSameCall(ILoopOperation loop, IInvocationOperation call)
        {
            foreach (var descendant in loop.Body.Descendants())
            {
                if (descendant is IInvocationOperation candidate && IsSameCall(candidate, call))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The loop right before <paramref name="statement"/> in <paramref name="block"/>, past statements of their own (a log line: "we have now finished").</summary>
        private static ILoopOperation? LoopBefore(IOperation statement, IBlockOperation block)
        {
            var index = block.Operations.IndexOf(statement) - 1;
            while (index >= 0 && block.Operations[index] is IExpressionStatementOperation)
            {
                index--;
            }

            return index >= 0 ? block.Operations[index] as ILoopOperation : null;
        }

        /// <summary>The same method on the same receiver (a field, property, local or parameter): <c>Repo.SaveChangesAsync()</c> twice.</summary>
        private static bool IsSameCall(IInvocationOperation call, IInvocationOperation other)
            => SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, other.TargetMethod.OriginalDefinition)
            && SymbolEqualityComparer.Default.Equals(ReceiverSymbol(call.Instance), ReceiverSymbol(other.Instance));

        private static ISymbol? ReceiverSymbol(IOperation? receiver)
            => receiver?.WalkDownConversion() switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };

        /// <summary>
        /// The operation runs once every so many iterations, a flush of accumulated work: it sits in the then-branch of
        /// an <c>if</c> inside the loop whose condition compares a counter, a timer or a pending collection with a
        /// threshold and whose branch resets it (<c>if (pending.Count &gt;= 100) { Save(pending); pending.Clear(); }</c>,
        /// <c>if (Stopwatch.GetElapsedTime(started) &gt; interval) { ..; started = Stopwatch.GetTimestamp(); }</c>), or whose
        /// condition takes a remainder (<c>if (++count % batchSize == 0)</c>). The counter lives outside the iteration (a
        /// local declared before the loop, a field): resetting something of the element proves nothing.
        /// </summary>
        public static bool IsPeriodicFlush(IOperation operation, LoopContext loop)
        {
            var child = operation;
            for (var current = operation.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is IConditionalOperation { WhenTrue: var whenTrue, Condition: var condition } && child == whenTrue
                    && (TakesRemainder(condition) || ResetsThresholdOperand(condition, whenTrue, loop)))
                {
                    return true;
                }

                if (current is IBlockOperation block && FollowsAFlushGuard(block, block.Operations.IndexOf(child), loop))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The guard form of the same flush: an earlier statement of the block skips to the next element until the
        /// threshold is reached, and the statements after it reset the counter (<c>if (pending &lt; BatchSize) continue;
        /// await db.SaveChangesAsync(); pending = 0;</c>, found in an employer-accounts service's levy-dormancy
        /// assessment), or the guard takes a remainder (<c>if (++count % 100 != 0) continue;</c>).
        /// </summary>
        private static bool FollowsAFlushGuard(IBlockOperation block, int index, LoopContext loop)
        {
            if (loop.Loop is not ILoopOperation { ContinueLabel: { } next })
            {
                return false;
            }

            for (var i = index - 1; i >= 0; i--)
            {
                if (block.Operations[i] is not IConditionalOperation { WhenFalse: null, WhenTrue: var skip, Condition: var condition }
                    || !OnlyContinuesTo(skip, next))
                {
                    continue;
                }

                if (SkipsUnlessRemainderIsZero(condition))
                {
                    return true;
                }

                for (var j = i + 1; j < block.Operations.Length; j++)
                {
                    if (ResetsThresholdOperand(condition, block.Operations[j], loop))
                    {
                        return true;
                    }
                }
            }

            return false;

            static bool OnlyContinuesTo(IOperation skip, ILabelSymbol next)
                => (skip is IBlockOperation { Operations.Length: 1 } only ? only.Operations[0] : skip)
                    is IBranchOperation { BranchKind: BranchKind.Continue, Target: var target } && SymbolEqualityComparer.Default.Equals(target, next);

            static bool SkipsUnlessRemainderIsZero(IOperation condition)
                => condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals
                    && (IsEveryNth(notEquals.LeftOperand, notEquals.RightOperand) || IsEveryNth(notEquals.RightOperand, notEquals.LeftOperand));
        }

        /// <summary><c>i % 100 == 0</c>, <c>++count % BatchSize == 0</c>: every n-th iteration (n a constant of at least 10, or a variable).</summary>
        private static bool TakesRemainder(IOperation condition)
        {
            foreach (var descendant in condition.DescendantsAndSelf())
            {
                if (descendant is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
                    && (IsEveryNth(equals.LeftOperand, equals.RightOperand) || IsEveryNth(equals.RightOperand, equals.LeftOperand)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEveryNth(IOperation remainder, IOperation zero)
            => zero.WalkDownConversion().ConstantValue is { HasValue: true, Value: 0 or 0L }
            && remainder.WalkDownConversion() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder, RightOperand: var divisor }
            && (!divisor.ConstantValue.HasValue || divisor.ConstantValue.Value is int and >= 10 || divisor.ConstantValue.Value is long and >= 10);

        /// <summary>
        /// A relational comparison in the condition reads a counter, timer or collection kept outside the iteration, and
        /// the branch resets that same one: assigns it, or calls <c>Clear</c>, <c>Restart</c> or <c>Reset</c> on it.
        /// </summary>
        private static bool ResetsThresholdOperand(IOperation condition, IOperation branch, LoopContext loop)
        {
            foreach (var descendant in condition.DescendantsAndSelf())
            {
                if (descendant is not IBinaryOperation binary || !IsRelational(binary.OperatorKind))
                {
                    continue;
                }

                foreach (var read in binary.Descendants())
                {
                    var gate = KeptOutsideIteration(read, loop);
                    if (gate != null && Resets(branch, gate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// What a counter, timer, pending list or memo is kept in: a local declared before the loop (not the loop's own
        /// variable), a parameter of the method (not of a per-element lambda: found in Ombi's Plex sync, whose movie loop
        /// flushes a pending set it is passed), or a field or property of this object or of the type; null for anything else.
        /// </summary>
        private static ISymbol? KeptOutsideIteration(IOperation read, LoopContext loop)
        {
            switch (read)
            {
                case ILocalReferenceOperation local when !loop.IsDeclaredInsideLoop(local.Local):
                    return local.Local;
                case IParameterReferenceOperation parameter when !loop.IsDeclaredWithinLoopSyntax(parameter.Parameter):
                    return parameter.Parameter;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    return field.Field;
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property:
                    return property.Property;
                default:
                    return null;
            }
        }

        private static bool Resets(IOperation branch, ISymbol gate)
        {
            foreach (var descendant in branch.Descendants())
            {
                switch (descendant)
                {
                    case ISimpleAssignmentOperation { Target: var target } when Refers(target, gate):
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "Clear" or "Restart" or "Reset", Instance: { } instance } when Refers(instance, gate):
                        return true;
                }
            }

            return false;

            static bool Refers(IOperation operation, ISymbol symbol)
                => SymbolEqualityComparer.Default.Equals(
                    operation.WalkDownConversion() switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IParameterReferenceOperation parameter => parameter.Parameter,
                        IFieldReferenceOperation field => field.Field,
                        IPropertyReferenceOperation property => property.Property,
                        _ => null,
                    },
                    symbol);
        }

        /// <summary>A return, throw or break of this loop follows the statement holding the query, with no continue between.</summary>
        public static bool ExitsAfter(IOperation operation, LoopContext loop)
        {
            if (loop.Loop is not ILoopOperation loopOperation)
            {
                return false;
            }

            var exitFlag = ExitFlag(loopOperation);
            var child = operation;
            for (var current = operation.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                if (current is ILoopOperation || current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is not IBlockOperation block)
                {
                    continue;
                }

                if (exitFlag != null && SetsTrue(block, exitFlag))
                {
                    return true;
                }

                var started = false;
                foreach (var statement in block.Operations)
                {
                    if (statement == child)
                    {
                        started = true;
                    }

                    if (!started)
                    {
                        continue;
                    }

                    if (IsExit(statement, loopOperation))
                    {
                        return true;
                    }

                    if (statement != child && ContainsContinue(statement, loopOperation))
                    {
                        return false;
                    }
                }
            }

            return false;
        }

        /// <summary>Skip(..) with a loop-variant argument, or a Where comparing (&gt;, &lt; …) with a loop-variant value (keyset).</summary>
        public static bool IsPaging(in EfExecution execution, LoopContext loop, SemanticContext types)
        {
            if (loop.IsLambda)
            {
                return false;
            }

            var operators = EfQueryModel.GetOperators(execution.Query, types);
            foreach (var invocation in operators)
            {
                var name = invocation.TargetMethod.Name;
                if (TakesABatch(execution, invocation) && IsDrainedUntilEmpty(execution.Operation, loop))
                {
                    return true;
                }

                if (name == "Skip" && invocation.Arguments.Length == 2 && loop.DependsOnLoop(invocation.Arguments[1].Value))
                {
                    return true;
                }

                if (name == "Where" && invocation.Arguments.Length == 2)
                {
                    foreach (var descendant in invocation.Arguments[1].Value.Descendants())
                    {
                        // In a foreach the bound must be a cursor the loop carries (lastId): a bound the element supplies
                        // (log.Time < cutoff, the cutoff computed from the element, found in SS14.Web's log clean-up) is
                        // that element's own range, one query per element.
                        if (descendant is IBinaryOperation binary && IsRelational(binary.OperatorKind)
                            && (loop.Loop is IForEachLoopOperation
                                ? loop.ReadsACursor(binary.LeftOperand) || loop.ReadsACursor(binary.RightOperand)
                                : loop.DependsOnLoop(binary.LeftOperand) || loop.DependsOnLoop(binary.RightOperand)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>Take(n)</c> into a list or array of up to n rows, n a variable or a constant of at least 10:
        /// <c>Take(1).FirstOrDefault()</c> is one row per round.
        /// </summary>
        private static bool TakesABatch(in EfExecution execution, IInvocationOperation take)
            => take.TargetMethod.Name == "Take" && take.Arguments.Length == 2
            && execution.Name.StartsWith("To", StringComparison.Ordinal)
            && (!take.Arguments[1].Value.ConstantValue.HasValue || take.Arguments[1].Value.ConstantValue.Value is int and >= 10);

        /// <summary>
        /// <c>while (true) { var ids = await query.Take(500).ToListAsync(); if (ids.Count == 0) break; ..delete them.. }</c>:
        /// a while/do loop that takes the next batch of a query (the body deletes or changes the rows it took, so they drop
        /// out of it) and stops when one comes back empty; the batch is held in a local that an <c>if</c> in the loop reads
        /// to leave the loop, or that the loop's own condition reads (<c>while (batch.Count &gt; 0)</c>, found in Oqtane's
        /// purge jobs).
        /// </summary>
        private static bool IsDrainedUntilEmpty(IOperation executing, LoopContext loop)
        {
            if (loop.Loop is not IWhileLoopOperation whileLoop)
            {
                return false;
            }

            if (HeldInALocal(executing, out _) is not { } batch)
            {
                return false;
            }

            // while (batch.Count > 0) { ..delete them..; batch = await query.Take(100).ToListAsync(); }
            if (whileLoop.Condition != null && (References(whileLoop.Condition, batch) || ReadsAFlagSetFromTheBatch(whileLoop, batch)))
            {
                return true;
            }

            foreach (var descendant in whileLoop.Body.Descendants())
            {
                if (descendant is IConditionalOperation { WhenTrue: var whenTrue } conditional
                    && References(conditional.Condition, batch)
                    && LeavesLoop(whenTrue, whileLoop))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>while (!complete) { var batch = query.Take(100).ToArray(); complete = !batch.Any(); .. }</c>: the condition
        /// reads a <c>bool</c> local that the body sets from the batch (found in Damselfly's thumbnail scan).
        /// </summary>
        private static bool ReadsAFlagSetFromTheBatch(IWhileLoopOperation whileLoop, ILocalSymbol batch)
        {
            foreach (var descendant in whileLoop.Body.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_Boolean } flag } } assignment
                    && References(assignment.Value, batch)
                    && References(whileLoop.Condition!, flag))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool LeavesLoop(IOperation branch, ILoopOperation loop)
        {
            if (IsExit(branch, loop))
            {
                return true;
            }

            return branch is IBlockOperation { Operations: { Length: > 0 } statements } && IsExit(statements[statements.Length - 1], loop);
        }

        /// <summary>
        /// Generating a value until it is unused (docs/concepts.md#loop-exclusions, 11): a for/while/do loop whose query
        /// reads a value drawn at random in the same iteration (<c>RandomNumberGenerator</c>, <c>Random</c>,
        /// <c>Guid.NewGuid()</c>, <c>Path.GetRandomFileName()</c>, through locals of the loop), or read from the clock
        /// (<c>DateTime.UtcNow.Ticks</c>: each round reads a later one), and whose result decides
        /// leaving the loop: <c>var candidate = NewCode(); if (!await db.Shares.AnyAsync(s =&gt; s.Code == candidate)) return
        /// candidate;</c> (found in OpenDeepWiki's share links). A second round needs a collision, so it runs once in
        /// practice.
        /// </summary>
        public static bool ProbesAFreshRandomValue(IOperation operation, LoopContext loop)
        {
            if (loop.Loop is not ILoopOperation loopOperation || loop.Loop is IForEachLoopOperation || loopOperation.Body is not IBlockOperation body)
            {
                return false;
            }

            var values = LocalValuesOfBodies.GetValue(body, FindLocalValues).Value;
            if (values == null || !ReadsRandomValue(operation, values, hops: 0))
            {
                return false;
            }

            // while (await db.Codes.AnyAsync(c => c.Code == code)) / do { .. } while (..): the loop goes on while the value is taken.
            if (loopOperation is IWhileLoopOperation { Condition: { } condition } && operation.IsWithin(condition))
            {
                return true;
            }

            var statement = operation.StatementOf(body);
            if (statement == null)
            {
                return false;
            }

            if (statement is IConditionalOperation decided && operation.IsWithin(decided.Condition))
            {
                return EitherBranchLeaves(decided, loopOperation);
            }

            // var exists = await ..AnyAsync(..); if (!exists) return candidate;
            var result = statement switch
            {
                IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1 => group.Declarations[0].Declarators[0].Symbol,
                IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } } => target.Local,
                _ => null,
            };
            if (result == null)
            {
                return false;
            }

            // unique = db.Applications.FirstOrDefault(a => a.Reference == next) == null; in while (!unique): the loop's own
            // condition reads the result (found in an eligibility-checking API's reference numbers).
            if (ConditionOf(loopOperation) is { } loopCondition && References(loopCondition, result))
            {
                return true;
            }

            for (var i = body.Operations.IndexOf(statement) + 1; i < body.Operations.Length; i++)
            {
                if (body.Operations[i] is IConditionalOperation test && References(test.Condition, result) && EitherBranchLeaves(test, loopOperation))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EitherBranchLeaves(IConditionalOperation test, ILoopOperation loop)
            => LeavesLoop(test.WhenTrue, loop) || (test.WhenFalse != null && LeavesLoop(test.WhenFalse, loop));

        // The values each loop body gives its locals, found once per body: every call in the loop asks.
        private static readonly ConditionalWeakTable<IOperation, StrongBox<Dictionary<ILocalSymbol, List<IOperation>>?>> LocalValuesOfBodies
            = new ConditionalWeakTable<IOperation, StrongBox<Dictionary<ILocalSymbol, List<IOperation>>?>>();

        private static readonly ConditionalWeakTable<IOperation, StrongBox<Dictionary<ILocalSymbol, List<IOperation>>?>>.CreateValueCallback FindLocalValues
            = body => new StrongBox<Dictionary<ILocalSymbol, List<IOperation>>?>(LocalValuesIn(body));

        // The values the loop's body gives its locals (declarations and assignments); null when it gives none.
        private static Dictionary<ILocalSymbol, List<IOperation>>? LocalValuesIn(IOperation body)
        {
            Dictionary<ILocalSymbol, List<IOperation>>? values = null;
            foreach (var descendant in body.Descendants())
            {
                switch (descendant)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: var initial } declarator:
                        AddValue(ref values, declarator.Symbol, initial);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value }:
                        AddValue(ref values, target.Local, value);
                        break;
                    case IInvocationOperation { TargetMethod: var method } fill when SymbolFacts.IsRandomSource(method):
                        // RandomNumberGenerator.Fill(buffer) (a span over the array), random.NextBytes(buffer): the call draws the buffer's value
                        // (found in a teacher-identity server's TRN tokens).
                        foreach (var argument in fill.Arguments)
                        {
                            if (argument.Value.WalkDownConversion() is ILocalReferenceOperation filled)
                            {
                                AddValue(ref values, filled.Local, fill);
                            }
                        }

                        break;
                }
            }

            return values;
        }

        private static bool ReadsRandomValue(IOperation tree, Dictionary<ILocalSymbol, List<IOperation>> values, int hops)
        {
            foreach (var descendant in tree.DescendantsAndSelf())
            {
                if ((descendant is IInvocationOperation { TargetMethod: var method } && (SymbolFacts.IsRandomSource(method) || DrawsARandomValueOnce(method)))
                    || (descendant is IPropertyReferenceOperation { Instance: null, Property: var property } && SymbolFacts.IsClockRead(property)))
                {
                    return true;
                }

                if (hops < 4 && descendant is ILocalReferenceOperation reference && values.TryGetValue(reference.Local, out var assigned))
                {
                    foreach (var value in assigned)
                    {
                        if (ReadsRandomValue(value, values, hops + 1))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A method of the application whose body draws a random value, read from its syntax: it creates or calls
        /// <c>RandomNumberGenerator</c> or <c>Random</c>, or calls <c>Guid.NewGuid()</c> or <c>Path.GetRandomFileName()</c>, directly
        /// or in a method of its own class it calls, <paramref name="levels"/> deep (<c>StringHelper.RandomString(length)</c>,
        /// which calls its overload that fills a buffer from <c>RandomNumberGenerator</c>, found in Teknik's paste, upload and
        /// short URLs). Asked only for a value a probe loop's query reads.
        /// </summary>
        // Whether a method draws a random value, read once per method: every query of every for/while loop asks about each
        // call it makes, and a large application calls the same services from many loops (found in ZKEACMS, where the
        // repeated syntax walks cost a tenth of PERF101's time). Keyed by the symbol, so an answer lives as long as its
        // compilation.
        private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<bool>> RandomDrawers = new ConditionalWeakTable<IMethodSymbol, StrongBox<bool>>();

        private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<bool>>.CreateValueCallback ReadRandomDrawer
            = method => new StrongBox<bool>(DrawsARandomValue(method, levels: 2));

        private static bool DrawsARandomValueOnce(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length == 1 && method.MethodKind == MethodKind.Ordinary
            && RandomDrawers.GetValue(method.OriginalDefinition, ReadRandomDrawer).Value;

        private static bool DrawsARandomValue(IMethodSymbol method, int levels)
        {
            if (levels == 0 || method.DeclaringSyntaxReferences.Length != 1 || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            foreach (var node in DeclarationSyntax.BodiesOf(method).SelectMany(body => body.DescendantNodes()))
            {
                switch (node)
                {
                    case ObjectCreationExpressionSyntax { Type: var created } when DeclarationSyntax.LastName(created) == "Random":
                        return true;
                    case MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var member }
                        when DeclarationSyntax.LastName(receiver) is "RandomNumberGenerator" or "Random"
                            || (member == "NewGuid" && DeclarationSyntax.LastName(receiver) == "Guid")
                            || (member == "GetRandomFileName" && DeclarationSyntax.LastName(receiver) == "Path"):
                        return true;
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax called }:
                        // RandomString(length, chars): a method of the same class, an overload or a helper.
                        foreach (var member in method.ContainingType.GetMembers(called.Identifier.ValueText))
                        {
                            if (member is IMethodSymbol other && !SymbolEqualityComparer.Default.Equals(other, method) && DrawsARandomValue(other, levels - 1))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>
        /// A for/while/do loop whose query sits in a try block with a catch, where the try block leaves the loop (break,
        /// return) or sets a flag the loop condition reads: it runs again only when the attempt failed. Also a query
        /// that comes before such an attempt in the loop's body (<see cref="PrecedesTheAttempt"/>).
        /// </summary>
        public static bool IsRetry(IOperation operation, LoopContext loop)
        {
            if (loop.Loop is not ILoopOperation loopOperation || loop.Loop is IForEachLoopOperation)
            {
                return false;
            }

            var child = operation;
            for (var current = operation.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                if (current is ITryOperation tryOperation && child == tryOperation.Body && EndsTheRetry(tryOperation, loopOperation))
                {
                    return true;
                }
            }

            return PrecedesTheAttempt(operation, loopOperation);
        }

        /// <summary>
        /// A <c>try</c> with a <c>catch</c> that is one attempt of the for/while/do loop it sits in: <c>while (!saved &amp;&amp;
        /// retry++ &lt; 3) { try { await db.SaveChangesAsync(); saved = true; } catch (DbUpdateConcurrencyException) { .. } }</c>.
        /// Its catch leads to the next attempt; it does not set one failed element aside.
        /// </summary>
        public static bool IsRetryAttempt(ITryOperation attempt)
        {
            var parent = attempt.Parent is IBlockOperation block ? block.Parent : attempt.Parent;
            return parent is ILoopOperation loop and not IForEachLoopOperation && EndsTheRetry(attempt, loop);
        }

        /// <summary>The try block leaves the loop (break, return) or sets a flag the loop condition reads.</summary>
        private static bool EndsTheRetry(ITryOperation attempt, ILoopOperation loop)
        {
            if (attempt.Catches.Length == 0)
            {
                return false;
            }

            var condition = ConditionOf(loop);

            // A lambda's return (x => x.Name has one) leaves the lambda, not the loop: lambdas and local functions are
            // left out (found in WalkingTec.Mvvm's batch delete, whose per-row queries sit in a try with a catch).
            foreach (var descendant in attempt.Body.OwnOperations())
            {
                if (IsExit(descendant, loop))
                {
                    return true;
                }

                if (condition != null && descendant is ISimpleAssignmentOperation assignment && assignment.Target is ILocalReferenceOperation flag
                    && References(condition, flag.Local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An optimistic-concurrency retry: the query reads the row, the code changes it, and a later <c>try</c> of the
        /// same loop body saves and leaves the loop (its last statement returns, breaks or throws) while its <c>catch</c>
        /// handles the conflict; with no <c>continue</c> outside the catch, the body runs again only when the save failed,
        /// and the query must run again to see the other writer's change (found in Moonglade's e-mail queue, claiming a
        /// job in at most three attempts).
        /// </summary>
        private static bool PrecedesTheAttempt(IOperation operation, ILoopOperation loop)
        {
            if (loop.Body is not IBlockOperation body)
            {
                return false;
            }

            var statement = operation.StatementOf(body);
            if (statement == null)
            {
                return false;
            }

            var index = body.Operations.IndexOf(statement);
            ITryOperation? attempt = null;
            for (var i = index + 1; i < body.Operations.Length && attempt == null; i++)
            {
                if (body.Operations[i] is ITryOperation { Catches.Length: > 0, Body.Operations: { Length: > 0 } attempted } candidate
                    && IsExit(attempted[attempted.Length - 1], loop))
                {
                    attempt = candidate;
                }
            }

            if (attempt == null)
            {
                return false;
            }

            foreach (var other in body.Operations)
            {
                if (other == attempt)
                {
                    if (ContainsContinue(attempt.Body, loop) || (attempt.Finally != null && ContainsContinue(attempt.Finally, loop)))
                    {
                        return false;
                    }

                    continue;
                }

                if (ContainsContinue(other, loop))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The local flag the loop tests first thing and leaves on (<c>if (qualitySaved) break;</c>, found in Ombi's Plex movie
        /// loop): a block that sets it (<c>qualitySaved = true;</c>, beside the save) makes the next iteration exit. Null when
        /// the loop's body starts otherwise.
        /// </summary>
        private static ILocalSymbol? ExitFlag(ILoopOperation loop)
            => loop.Body is IBlockOperation { Operations.Length: > 0 } body
                && body.Operations[0] is IConditionalOperation { WhenFalse: null, Condition: var condition, WhenTrue: var whenTrue }
                && condition.WalkDownConversion() is ILocalReferenceOperation { Local: var flag }
                && (IsExit(whenTrue, loop) || (whenTrue is IBlockOperation { Operations.Length: 1 } single && IsExit(single.Operations[0], loop)))
                ? flag
                : null;

        /// <summary>One of the block's statements is <c>flag = true;</c>.</summary>
        private static bool SetsTrue(IBlockOperation block, ILocalSymbol flag)
        {
            foreach (var statement in block.Operations)
            {
                if (statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value } }
                    && SymbolEqualityComparer.Default.Equals(target.Local, flag)
                    && value.ConstantValue is { HasValue: true, Value: true })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>return</c>, a <c>throw</c> or a <c>break</c> of <paramref name="loop"/> (not of a loop or switch inside it).</summary>
        internal static bool IsExit(IOperation statement, ILoopOperation loop)
        {
            if (statement is IExpressionStatementOperation expression)
            {
                statement = expression.Operation;
            }

            return statement is IReturnOperation { Kind: OperationKind.Return }
                || statement is IThrowOperation
                || (statement is IBranchOperation branch && branch.BranchKind == BranchKind.Break && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel));
        }

        private static bool ContainsContinue(IOperation statement, ILoopOperation loop)
        {
            foreach (var descendant in statement.DescendantsAndSelf())
            {
                if (descendant is IBranchOperation branch && branch.BranchKind == BranchKind.Continue && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool References(IOperation operation, ILocalSymbol local)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRelational(BinaryOperatorKind kind)
            => kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual
            || kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual;

        /// <summary>
        /// A loop over batches (docs/concepts.md#loop-exclusions, 4 and 9): its body pages an EF query (keyset or Skip,
        /// as in <see cref="IsPaging"/>), hands its counter to a method of the application as a page or offset, it
        /// enumerates <c>Chunk(..)</c>, or it walks a graph level by level (<see cref="IsLevelWalk"/>). A query or a save
        /// once per batch is the batched form, not an N+1.
        /// </summary>
        public static bool IsBatchLoop(LoopContext loop, SemanticContext types)
        {
            // Asked for every call in the loop, answered by walks of the whole loop: once per loop.
            var known = loop.BatchLoopAnswer;
            if (known != 0)
            {
                return known == LoopContext.Yes;
            }

            var answer = PagesOrChunks(loop, types) || IsLevelWalk(loop, types);
            loop.BatchLoopAnswer = answer ? LoopContext.Yes : LoopContext.No;
            return answer;
        }

        /// <summary>
        /// <c>Chunk(size)</c> / <c>ChunkAsync(size)</c>, or a <c>Batch(size)</c> of a LINQ library (MoreLINQ's
        /// <c>codes.Batch(500)</c>, found in an NHS buying catalogue's practice-size lookup): an extension method with a
        /// whole-number size. The same call that does not bind because its library is missing is read by its name. Copied into
        /// a list or array first (<c>ids.Chunk(200).ToList().ForEach(..)</c>), it still holds batches.
        /// </summary>
        internal static bool SplitsIntoBatches(IOperation collection, int depth = 0)
        {
            switch (collection)
            {
                case IInvocationOperation { TargetMethod: { Name: "ToList" or "ToArray", IsExtensionMethod: true }, Arguments: { Length: > 0 } copy }:
                    return depth < 3 && SplitsIntoBatches(copy[0].Value.WalkDownConversion(), depth + 1);
                case ILocalReferenceOperation local when depth < 3 && EfQueryModel.TryGetSingleValue(local, out var value) && value != null:
                    // var batches = ids.Batch(2000); foreach (var batch in batches): the batches held in a local first (found
                    // in an apprenticeship payments service's lookup of 2,000 ids at a time).
                    return SplitsIntoBatches(value.WalkDownConversion(), depth + 1);
                case IInvocationOperation { TargetMethod.Name: "Chunk" or "ChunkAsync" }:
                    return true;
                case IInvocationOperation { TargetMethod: { Name: "Batch", IsExtensionMethod: true } batch }:
                    foreach (var parameter in batch.Parameters)
                    {
                        if (parameter.Ordinal > 0 && parameter.Type.SpecialType == SpecialType.System_Int32)
                        {
                            return true;
                        }
                    }

                    return false;
                case IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Batch" or "Chunk" }, ArgumentList.Arguments.Count: 1 } }:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The batch loops of docs/concepts.md#loop-exclusions, 4: paged, chunked, or paged by a called method.</summary>
        private static bool PagesOrChunks(LoopContext loop, SemanticContext types)
        {
            if (loop.Loop is IForEachLoopOperation forEach && SplitsIntoBatches(forEach.Collection.WalkDownConversion()))
            {
                return true;
            }

            // while ((await pager.ReadNextPageAsync<T>()).Out(out var batch)): the loop condition fetches the next page.
            if (loop.Loop is IWhileLoopOperation { Condition: { } condition, Body: var loopBody })
            {
                foreach (var descendant in condition.DescendantsAndSelf())
                {
                    if (descendant is IInvocationOperation { TargetMethod.Name: var name } && NamesAPage(name))
                    {
                        return true;
                    }

                    if (descendant is ILocalReferenceOperation { Local: { Type.Name: var typeName } local } && NamesAPage(typeName)
                        && FetchedByTheBody(local, loopBody))
                    {
                        return true;
                    }
                }
            }

            var body = loop.Loop is ILoopOperation loopOperation ? loopOperation.Body : loop.Loop;
            HashSet<ILocalSymbol>? pagedRequests = null;
            foreach (var descendant in body.Descendants())
            {
                if (descendant is IInvocationOperation call
                    && (TakesAnInMemoryBatch(call, loop, types)
                        || (EfQueryModel.TryGetExecution(call, types, out var execution) && LoopExclusions.IsPaging(execution, loop, types))
                        || PagesThroughCall(call, loop, types, ref pagedRequests)
                        || DrainsThroughCall(call, loop, types)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>var batch = lines.Skip(batchIndex * batchSize).Take(batchSize).ToList();</c>: the loop takes the next batch of an
        /// in-memory list, as a <c>foreach</c> over <c>lines.Chunk(batchSize)</c> does; what it runs or saves once per round
        /// is the batched form (found in Lingarr's subtitle translation, which stores each translated batch).
        /// </summary>
        private static bool TakesAnInMemoryBatch(IInvocationOperation call, LoopContext loop, SemanticContext types)
            => call.TargetMethod.Name == "Take"
            && call.Arguments.Length == 2
            && SymbolFacts.Is(call.TargetMethod.ContainingType, types.Enumerable)
            && call.Arguments[0].Value.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "Skip", Arguments.Length: 2 } skip
            && SymbolFacts.Is(skip.TargetMethod.ContainingType, types.Enumerable)
            && loop.DependsOnLoop(skip.Arguments[1].Value);

        /// <summary>
        /// <c>do { page = await mediator.Send(new GetSubmissionEventsQuery(lastId)); .. } while (page.TotalNumberOfPages &gt;
        /// page.PageNumber)</c>: the condition reads a page (a local whose type's name says so: <c>PageOfResults&lt;T&gt;</c>)
        /// that the body assigns from a call, so each round is a page (found in a commitments service's EPA updates).
        /// </summary>
        private static bool FetchedByTheBody(ILocalSymbol page, IOperation body)
        {
            foreach (var descendant in body.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value }
                    && SymbolEqualityComparer.Default.Equals(target.Local, page)
                    && value.WalkDownConversion() is IInvocationOperation or IAwaitOperation { Operation: IInvocationOperation })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A level-by-level walk of a graph (docs/concepts.md#loop-exclusions, 9): a while/do loop whose condition asks
        /// whether a collection kept outside the iteration is empty (<c>while (frontier.Count != 0)</c>, <c>&gt; 0</c>,
        /// <c>Any()</c>), whose body rebuilds that collection (assigns it, <c>frontier = [];</c>, or calls <c>Clear()</c>)
        /// and never takes a single element off it (<c>Dequeue()</c>, <c>Pop()</c>, <c>RemoveAt(..)</c>, <c>frontier[0]</c>,
        /// <c>First()</c> …), and where a query of the round takes the collection as a whole: in the query itself
        /// (<c>Where(e =&gt; frontier.Contains(e.ChildId))</c>, <c>WhereOneOrMany(frontier, ..)</c>), in a local of the round
        /// the query reads, or as an argument to a method of the application that runs a query. One query per level over the whole frontier
        /// is the batched form: the rounds are the depth of the graph, not its nodes (found in Jellyfin's descendant
        /// queries). Evaluated only when something in such a loop is about to be reported: the condition is checked first.
        /// </summary>
        private static bool IsLevelWalk(LoopContext loop, SemanticContext types)
        {
            if (loop.Loop is not IWhileLoopOperation { Condition: { } condition, Body: { } body } whileLoop
                || FrontierOf(condition, loop) is not { } frontier)
            {
                return false;
            }

            var rebuilt = false;
            Dictionary<ILocalSymbol, List<IOperation>>? values = null;
            List<IOperation>? candidates = null;
            foreach (var descendant in body.Descendants())
            {
                switch (descendant)
                {
                    case ISimpleAssignmentOperation { Target: var target, Value: var value }:
                        if (IsReadOf(target, frontier))
                        {
                            rebuilt |= !IsInNestedFunction(descendant, whileLoop);
                        }
                        else if (target is ILocalReferenceOperation local && loop.IsDeclaredInsideLoop(local.Local))
                        {
                            AddValue(ref values, local.Local, value);
                        }

                        break;
                    case IDeconstructionAssignmentOperation { Target: var targets }:
                        // (current, next) = (next, current): two buffers swapped.
                        foreach (var written in targets.DescendantsAndSelf())
                        {
                            if (IsReadOf(written, frontier))
                            {
                                rebuilt |= !IsInNestedFunction(descendant, whileLoop);
                            }
                        }

                        break;
                    case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                        AddValue(ref values, declarator.Symbol, initial);
                        break;
                    case IPropertyReferenceOperation { Instance: { } instance } property when IsReadOf(instance.WalkDownConversion(), frontier):
                        if (property.Property.IsIndexer || property.Property.Name is "First" or "Last")
                        {
                            return false;
                        }

                        break;
                    case IArrayElementReferenceOperation element when IsReadOf(element.ArrayReference.WalkDownConversion(), frontier):
                        return false;
                    case IInvocationOperation call:
                        if (TakesOneElement(call, frontier, types))
                        {
                            return false;
                        }

                        if (call.TargetMethod.Name == "Clear" && call.Instance != null && IsReadOf(call.Instance.WalkDownConversion(), frontier))
                        {
                            rebuilt |= !IsInNestedFunction(descendant, whileLoop);
                        }

                        (candidates ??= new List<IOperation>()).Add(call);
                        break;
                    case IForEachLoopOperation forEach:
                        (candidates ??= new List<IOperation>()).Add(forEach);
                        break;
                }
            }

            if (!rebuilt || candidates == null)
            {
                return false;
            }

            foreach (var candidate in candidates)
            {
                if (!RunsOncePerRound(candidate, whileLoop, types))
                {
                    continue;
                }

                if (EfQueryModel.TryGetExecution(candidate, types, out var execution))
                {
                    var query = execution.Operation is IForEachLoopOperation forEach ? forEach.Collection : EfQueryModel.WholeQueryExpression(execution.Operation);
                    if (TakesWhole(query, frontier, values, types, MaxFrontierHops, visited: null))
                    {
                        return true;
                    }

                    continue;
                }

                if (candidate is IInvocationOperation call && QueriesTheWholeFrontier(call, frontier, values, types))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How many locals of the round a query may go through to the frontier (<c>ids</c> of <c>linked</c> of it …).</summary>
        private const int MaxFrontierHops = 3;

        /// <summary>
        /// The collection a loop condition asks to be non-empty, when it is kept outside the iteration: <c>c.Count != 0</c>,
        /// <c>c.Count &gt; 0</c>, <c>0 &lt; c.Count</c>, <c>c.Count &gt;= 1</c> (also <c>Length</c>, <c>Count()</c>), <c>c.Any()</c>,
        /// alone or joined to other tests with <c>&amp;&amp;</c>; null for any other condition.
        /// </summary>
        private static ISymbol? FrontierOf(IOperation condition, LoopContext loop)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return FrontierOf(and.LeftOperand, loop) ?? FrontierOf(and.RightOperand, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return IsConstant(notEquals.RightOperand, 0) ? SizedCollection(notEquals.LeftOperand, loop)
                        : IsConstant(notEquals.LeftOperand, 0) ? SizedCollection(notEquals.RightOperand, loop)
                        : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThan } greater when IsConstant(greater.RightOperand, 0):
                    return SizedCollection(greater.LeftOperand, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan } less when IsConstant(less.LeftOperand, 0):
                    return SizedCollection(less.RightOperand, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThanOrEqual } atLeast when IsConstant(atLeast.RightOperand, 1):
                    return SizedCollection(atLeast.LeftOperand, loop);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThanOrEqual } atMost when IsConstant(atMost.LeftOperand, 1):
                    return SizedCollection(atMost.RightOperand, loop);
                case IInvocationOperation { TargetMethod.Name: "Any" } any:
                    return Receiver(any) is { } collection ? KeptOutsideIteration(collection, loop) : null;
                default:
                    return null;
            }
        }

        /// <summary><c>c.Count</c>, <c>c.Length</c>, <c>c.Count()</c>: the <c>c</c> kept outside the iteration, or null.</summary>
        private static ISymbol? SizedCollection(IOperation size, LoopContext loop)
        {
            var collection = size.WalkDownConversion() switch
            {
                IPropertyReferenceOperation { Property.Name: "Count" or "Length", Property.IsIndexer: false, Instance: { } instance } => instance.WalkDownConversion(),
                IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" } count => Receiver(count),
                _ => null,
            };
            return collection != null ? KeptOutsideIteration(collection, loop) : null;
        }

        /// <summary>The collection of <c>c.Any()</c> or <c>c.Count()</c> without a predicate, as an extension or instance method.</summary>
        private static IOperation? Receiver(IInvocationOperation call)
            => call.Instance == null
                ? (call.Arguments.Length == 1 ? call.Arguments[0].Value.WalkDownConversion() : null)
                : (call.Arguments.Length == 0 ? call.Instance.WalkDownConversion() : null);

        private static bool IsConstant(IOperation operation, int value)
            => operation.WalkDownConversion().ConstantValue is { HasValue: true, Value: var constant }
            && ((constant is int i && i == value) || (constant is long l && l == value));

        /// <summary>
        /// A call that takes one element off the frontier: a queue's or stack's <c>Dequeue</c>/<c>Pop</c>/<c>Peek</c>, a
        /// list's <c>RemoveAt</c>/<c>RemoveFirst</c>/<c>RemoveLast</c>, or <c>First()</c>, <c>Last()</c>, <c>Single()</c>,
        /// <c>ElementAt(..)</c>, <c>Take(1)</c>, <c>Skip(1)</c> of it: a walk one node at a time.
        /// </summary>
        private static bool TakesOneElement(IInvocationOperation call, ISymbol frontier, SemanticContext types)
        {
            var name = call.TargetMethod.Name;
            if (call.Instance != null)
            {
                return name is "Dequeue" or "TryDequeue" or "Pop" or "TryPop" or "Peek" or "TryPeek" or "RemoveAt" or "RemoveFirst" or "RemoveLast" or "ElementAt"
                    && IsReadOf(call.Instance.WalkDownConversion(), frontier);
            }

            if (call.Arguments.Length == 0 || !types.IsLinqOperatorClass(call.TargetMethod.ContainingType)
                || !IsReadOf(call.Arguments[0].Value.WalkDownConversion(), frontier))
            {
                return false;
            }

            return name is "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault" or "ElementAt" or "ElementAtOrDefault"
                || (name is "Take" or "Skip" or "TakeLast" or "SkipLast" && call.Arguments.Length == 2 && IsConstant(call.Arguments[1].Value, 1));
        }

        /// <summary>
        /// <paramref name="tree"/> (a query, a local's value, an argument) takes the frontier as a whole, directly or
        /// through locals of the round it reads as a whole (up to <paramref name="hops"/> of them).
        /// </summary>
        private static bool TakesWhole(IOperation tree, ISymbol frontier, Dictionary<ILocalSymbol, List<IOperation>>? values, SemanticContext types, int hops, HashSet<ILocalSymbol>? visited)
        {
            foreach (var descendant in tree.DescendantsAndSelf())
            {
                if (IsReadOf(descendant, frontier))
                {
                    if (IsTakenWhole(descendant, tree, types))
                    {
                        return true;
                    }

                    continue;
                }

                if (hops > 0 && values != null && descendant is ILocalReferenceOperation local
                    && values.TryGetValue(local.Local, out var assigned)
                    && IsTakenWhole(descendant, tree, types)
                    && (visited ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(local.Local))
                {
                    foreach (var value in assigned)
                    {
                        if (TakesWhole(value, frontier, values, types, hops - 1, visited))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A collection read as a whole where it stands: the receiver of <c>Contains</c>, the source of <c>Contains</c>,
        /// <c>Any(..)</c> or <c>All(..)</c> with a predicate, an argument to a method that is not a LINQ operator
        /// (<c>WhereOneOrMany(frontier, ..)</c>, <c>Closure(db, frontier)</c>), or the source of LINQ operators that keep it a
        /// sequence (<c>Select</c>, <c>Concat</c>, <c>Distinct</c>, <c>ToList</c> …) up to one of those or to the top of
        /// <paramref name="tree"/> (a query composed of it). Not its <c>Count</c>, an element of it, or <c>First()</c> of it.
        /// </summary>
        private static bool IsTakenWhole(IOperation reference, IOperation tree, SemanticContext types)
        {
            var current = reference.ClimbToValueUse();
            for (var depth = 0; depth < 16 && current != tree; depth++)
            {
                switch (current.Parent)
                {
                    case IInvocationOperation call when call.Instance == current:
                        return call.TargetMethod.Name is "Contains" or "ContainsKey";
                    case IArgumentOperation { Parent: IInvocationOperation call } argument:
                        var method = call.TargetMethod;
                        if (!types.IsLinqOperatorClass(method.ContainingType))
                        {
                            return true;
                        }

                        if (method.Name is "Contains" || (method.Name is "Any" or "All" && call.Arguments.Length == 2))
                        {
                            return call.Arguments[0] == argument;
                        }

                        if (!KeepsASequence(method))
                        {
                            return false;
                        }

                        if (call == tree)
                        {
                            return true;
                        }

                        current = call.ClimbToValueUse();
                        break;
                    case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                        // new HashSet<Guid>(frontier)
                        if (creation == tree)
                        {
                            return true;
                        }

                        current = creation.ClimbToValueUse();
                        break;
                    default:
                        return false;
                }
            }

            return current == tree;
        }

        /// <summary>A LINQ operator whose result is still the sequence: <c>Select</c>, <c>Concat</c>, <c>ToList</c>, <c>ToArrayAsync</c> ….</summary>
        private static bool KeepsASequence(IMethodSymbol method)
        {
            if (method.Name.StartsWith("To", StringComparison.Ordinal))
            {
                return true;
            }

            var type = method.ReturnType;
            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            if (type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The operation runs once per round of the loop: not inside a loop of the body (its collection excepted), a
        /// local function or a delegate lambda (expression trees are part of their query).
        /// </summary>
        private static bool RunsOncePerRound(IOperation operation, IWhileLoopOperation loop, SemanticContext types)
        {
            var child = operation;
            for (var current = operation.Parent; current != null && current != loop; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IForEachLoopOperation forEach when forEach.Collection == child:
                        continue;
                    case ILoopOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IAnonymousFunctionOperation lambda when !types.IsExpressionTreeLambda(lambda):
                        return false;
                }
            }

            return true;
        }

        private static bool IsInNestedFunction(IOperation operation, IWhileLoopOperation loop)
        {
            for (var current = operation.Parent; current != null && current != loop; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>links.ParentsOf(frontier)</c>: a call, in the round, of a method of the application (declared by it, or on an
        /// interface) that takes the frontier as a whole and runs a query (<see cref="RunSummary.Queries"/>, as PERF101
        /// reports through a call). A helper that runs none (<c>Without(frontier, node)</c>) says nothing of the round.
        /// </summary>
        private static bool QueriesTheWholeFrontier(IInvocationOperation call, ISymbol frontier, Dictionary<ILocalSymbol, List<IOperation>>? values, SemanticContext types)
        {
            var method = call.TargetMethod;
            if (types.IsLinqOperatorClass(method.ContainingType)
                || (method.ContainingType?.TypeKind != TypeKind.Interface && !types.IsDeclaredByApplication(method.OriginalDefinition)))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (TakesWhole(argument.Value, frontier, values, types, MaxFrontierHops, visited: null))
                {
                    return RunSummary.Queries.GetPath(call, types).Count > 0;
                }
            }

            return false;
        }

        private static void AddValue(ref Dictionary<ILocalSymbol, List<IOperation>>? values, ILocalSymbol local, IOperation value)
        {
            values ??= new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            if (!values.TryGetValue(local, out var list))
            {
                list = new List<IOperation>(1);
                values.Add(local, list);
            }

            list.Add(value);
        }

        /// <summary>A read of <paramref name="symbol"/> itself: the local, the parameter, or the field or property of this object or type.</summary>
        private static bool IsReadOf(IOperation operation, ISymbol symbol)
            => SymbolEqualityComparer.Default.Equals(
                operation switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                    IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property => property.Property,
                    _ => null,
                },
                symbol);

        /// <summary>
        /// <c>repository.GetPage(libraryId, new Params { PageNumber = chunk, PageSize = size })</c>: the loop hands its
        /// counter to a method of the application as a page, offset or batch. The paging is inside the called method
        /// (its <c>Skip</c>, often in a paging helper the query is passed to), so the loop is a batch loop all the same.
        /// </summary>
        private static bool PagesThroughCall(IInvocationOperation call, LoopContext loop, SemanticContext types, ref HashSet<ILocalSymbol>? pagedRequests)
        {
            if (loop.IsLambda || (call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty && call.TargetMethod.ContainingType?.TypeKind != TypeKind.Interface))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value is ILocalReferenceOperation { Local: var request } && (pagedRequests ??= RequestsPagedIn(loop)).Contains(request))
                {
                    return true;
                }

                if (value is not IObjectCreationOperation { Initializer: { } initializer })
                {
                    if (argument.Parameter != null && IsWholeNumber(argument.Parameter.Type) && loop.DependsOnLoop(value)
                        && ((IsPageName(argument.Parameter.Name) && !ComputesAValue(call.TargetMethod, types))
                            || SkipsByParameter(call.TargetMethod, argument.Parameter, types)))
                    {
                        return true;
                    }

                    continue;
                }

                // new PageParams { PageNumber = chunk, PageSize = size }: the member says which value is the page.
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment
                        && IsPageName(target.Member.Name) && IsWholeNumber(target.Type) && loop.DependsOnLoop(assignment.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A method of the application that returns a single value (a number, a date, a string) and runs no query, itself
        /// or through the methods it calls: <c>GenerateRandomDateAfter(rng, firstDay, maxDayOffset)</c> computes a date from
        /// an offset, it fetches no page (found in a personal-finance app's demo seeding, where the name test took a month
        /// loop that creates a transaction per call for a batch loop). A method that returns a task, a collection or
        /// nothing may fetch or process a page, whatever it runs.
        /// </summary>
        private static bool ComputesAValue(IMethodSymbol method, SemanticContext types)
            => method.ReturnType is { IsValueType: true, IsTupleType: false } or { SpecialType: SpecialType.System_String }
            && !types.IsTaskLike(method.ReturnType)
            && RunSummary.Queries.GetPath(method, types).Count == 0;

        /// <summary>
        /// A while/do loop that drains batches a call fetches (docs/concepts.md#loop-exclusions, 4): the call's result is held
        /// in a local that the loop's condition reads, or that an <c>if</c> reads to leave the loop (<c>var vacancies = await
        /// repository.GetClosedVacancies(cutoff, BatchSize, ct); if (vacancies.Count == 0) break;</c>), and the call fetches a
        /// batch: its name says so (<c>FetchBatchAsync</c>, <c>GetNextPage</c>), or the called method, or every
        /// implementation in source, takes a batch of its query (<c>Take(batchSize)</c>, or <c>Take(n)</c> with n at least
        /// 10, into a list or array). Found in a recruitment service's jobs, which archive closed vacancies and migrate
        /// records 200 at a time and save once per batch.
        /// </summary>
        private static bool DrainsThroughCall(IInvocationOperation call, LoopContext loop, SemanticContext types)
            => !loop.IsLambda && loop.Loop is IWhileLoopOperation
            && (NamesAPage(call.TargetMethod.Name) || TakesABatchInside(call.TargetMethod, types))
            && IsDrainedUntilEmpty(call, loop);

        /// <summary>
        /// Every implementation in source of <paramref name="method"/> (itself, unless it is an interface's) takes a batch
        /// of a query it materialises: a <c>Take(..)</c> of one of its parameters or of a constant of at least 10, and a
        /// <c>ToList</c>/<c>ToArray</c> (or their async forms). Read from the bodies' syntax.
        /// </summary>
        private static bool TakesABatchInside(IMethodSymbol method, SemanticContext types)
        {
            if (BodiesInSource(method, types) is not { } implementations)
            {
                return false;
            }

            foreach (var implementation in implementations)
            {
                var takes = false;
                var materialises = false;
                foreach (var body in DeclarationSyntax.BodiesOf(implementation))
                {
                    foreach (var node in body.DescendantNodes())
                    {
                        if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } } invocation)
                        {
                            continue;
                        }

                        if (name == "Take" && invocation.ArgumentList.Arguments.Count == 1)
                        {
                            takes |= invocation.ArgumentList.Arguments[0].Expression switch
                            {
                                IdentifierNameSyntax { Identifier.ValueText: var taken } => implementation.Parameters.Any(parameter => parameter.Name == taken),
                                LiteralExpressionSyntax { Token.Value: int count } => count >= 10,
                                _ => false,
                            };
                        }
                        else if (name is "ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync")
                        {
                            materialises = true;
                        }
                    }
                }

                if (!takes || !materialises)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The methods whose bodies answer for a call: every implementation in source of an interface method, or the method
        /// itself when it is declared in source; null when there is none to read.
        /// </summary>
        private static List<IMethodSymbol>? BodiesInSource(IMethodSymbol method, SemanticContext types)
        {
            var implementations = method.ContainingType?.TypeKind == TypeKind.Interface
                ? types.SourceImplementations(method)
                : types.IsDeclaredInCompilation(method.OriginalDefinition) ? new List<IMethodSymbol> { method.OriginalDefinition } : null;
            return implementations is { Count: > 0 } ? implementations : null;
        }

        /// <summary>
        /// The called method, or every implementation of the interface method in source, skips that many rows:
        /// <c>.Skip(processedCount)</c>, whatever the parameter is called (found in an apprenticeship qualifications import,
        /// whose loop reads staged rows 1,000 at a time through <c>GetStagedQualificationsBatchAsync(batchSize,
        /// processedCount)</c>). Read from the bodies' syntax.
        /// </summary>
        private static bool SkipsByParameter(IMethodSymbol method, IParameterSymbol parameter, SemanticContext types)
        {
            if (BodiesInSource(method, types) is not { } implementations)
            {
                return false;
            }

            foreach (var implementation in implementations)
            {
                if (parameter.Ordinal >= implementation.Parameters.Length || !Skips(implementation, implementation.Parameters[parameter.Ordinal].Name))
                {
                    return false;
                }
            }

            return true;

            static bool Skips(IMethodSymbol implementation, string name)
            {
                foreach (var body in DeclarationSyntax.BodiesOf(implementation))
                {
                    foreach (var node in body.DescendantNodes())
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Skip" }, ArgumentList.Arguments: { Count: 1 } arguments }
                            && arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var skipped } && skipped == name)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// <c>query.StartIndex = startIndex;</c> (or <c>query.StartIndex += 100;</c>) in the loop, on a request object built
        /// once before it: the loop turns the object's page on each round (found in Jellyfin's media-segment extraction task).
        /// </summary>
        private static HashSet<ILocalSymbol> RequestsPagedIn(LoopContext loop)
        {
            var requests = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            if (loop.Loop is not ILoopOperation { Body: var body })
            {
                return requests;
            }

            // One walk of the loop for every argument of every call in it.
            foreach (var descendant in body.Descendants())
            {
                if (descendant is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: ILocalReferenceOperation owner } target } assignment
                    && IsWholeNumber(target.Type)
                    && ((IsPageName(target.Member.Name) && (assignment is ICompoundAssignmentOperation || loop.DependsOnLoop(assignment.Value)))
                        || AdvancesByItsOwnSize(assignment, owner.Local)))
                {
                    requests.Add(owner.Local);
                }
            }

            return requests;
        }

        /// <summary>
        /// <c>filter.From += filter.Size;</c>: the object's offset moves on by its own page size, whatever the offset is
        /// called (found in OoS-Backend's search re-index, which reads 500 workshops at a time).
        /// </summary>
        private static bool AdvancesByItsOwnSize(IAssignmentOperation assignment, ILocalSymbol request)
            => assignment is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Value: var step }
            && step.WalkDownConversion() is IMemberReferenceOperation { Instance: ILocalReferenceOperation owner } size
            && SymbolEqualityComparer.Default.Equals(owner.Local, request)
            && IsSizeName(size.Member.Name);

        private static bool IsSizeName(string name)
        {
            foreach (var word in SizeWords)
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>ReadNextPageAsync</c>, <c>NextBatch</c>, <c>GetNextChunk</c>: a method that fetches a page.</summary>
        private static bool NamesAPage(string name)
            => name.IndexOf("Page", StringComparison.Ordinal) >= 0 || name.IndexOf("Batch", StringComparison.Ordinal) >= 0 || name.IndexOf("Chunk", StringComparison.Ordinal) >= 0;

        /// <summary>A page number or a row offset is a whole number; a <c>TimeSpan offset</c> into a video is not a page.</summary>
        private static bool IsWholeNumber(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16;
        }

        private static readonly string[] PageWords = { "page", "offset", "skip", "chunk", "batch", "startindex" };

        /// <summary>PageSize, BatchCount, ChunkLength: how much per page, not which page.</summary>
        private static readonly string[] SizeWords = { "size", "count", "length", "limit" };

        private static bool IsPageName(string name)
        {
            // pageId, PageModuleId, batchKey: the key of a page entity (a CMS page, an import batch), not a page number
            // (found in Oqtane, where almost every method takes a pageId).
            if (EndsWithWord(name, "Id") || EndsWithWord(name, "ID") || EndsWithWord(name, "Ids") || EndsWithWord(name, "Key") || EndsWithWord(name, "Guid"))
            {
                return false;
            }

            if (IsSizeName(name))
            {
                return false;
            }

            foreach (var word in PageWords)
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            // GetAllEpisodes(section, int start, int retCount): where the next page starts (found in Ombi's Plex client).
            return name.StartsWith("start", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary><c>pageId</c> ends with the word <c>Id</c> (case-sensitive: <c>paid</c> does not).</summary>
        private static bool EndsWithWord(string name, string word)
            => name.Length > word.Length && name.EndsWith(word, StringComparison.Ordinal);
    }
}
