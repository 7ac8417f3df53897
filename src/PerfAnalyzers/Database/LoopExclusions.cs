using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// Loops in which a query does not run once per element (docs/concepts.md#loop-exclusions): the body always exits
    /// right after the query, the query pages with the loop counter or a keyset, or the loop is a retry loop.
    /// </summary>
    internal static class LoopExclusions
    {
        public static bool IsExcluded(in EfExecution execution, LoopContext loop, SemanticContext types)
            => ExitsAfter(execution.Operation, loop) || IsPaging(execution, loop, types) || IsRetry(execution.Operation, loop)
            || IsPeriodicFlush(execution.Operation, loop) || IsMemoised(execution.Operation, loop) || IsOnErrorPath(execution.Operation, loop);

        /// <summary>
        /// Inside a <c>catch</c> in the loop: it runs when an element failed, not for each element (a <c>Find</c> after an
        /// <c>Attach</c> that threw because the key is tracked, found in osharp, even answers from the change tracker).
        /// </summary>
        public static bool IsOnErrorPath(IOperation operation, LoopContext loop)
        {
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
            IOperation statement = save;
            while (statement.Parent != null && statement.Parent is not IBlockOperation)
            {
                if (statement.Parent is ILoopOperation || statement.Parent is IAnonymousFunctionOperation)
                {
                    return false;
                }

                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            // Statements of their own between the loop and the save (a log line: "we have now finished") do not matter.
            var index = block.Operations.IndexOf(statement) - 1;
            while (index >= 0 && block.Operations[index] is IExpressionStatementOperation)
            {
                index--;
            }

            if (index < 0 || block.Operations[index] is not ILoopOperation previous)
            {
                return false;
            }

            foreach (var descendant in previous.Body.Descendants())
            {
                if (descendant is IInvocationOperation call && IsSameSave(call, save))
                {
                    return true;
                }
            }

            return LoopModel.TryGetEnclosingLoop(previous.Body, types, out var previousLoop) && previousLoop != null
                && IsBatchLoop(previousLoop, types);
        }

        /// <summary>The same method on the same receiver (a field, property, local or parameter): <c>Repo.SaveChangesAsync()</c> twice.</summary>
        private static bool IsSameSave(IInvocationOperation call, IInvocationOperation save)
            => SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, save.TargetMethod.OriginalDefinition)
            && SymbolEqualityComparer.Default.Equals(ReceiverSymbol(call.Instance), ReceiverSymbol(save.Instance));

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
            }

            return false;
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

            static bool IsEveryNth(IOperation remainder, IOperation zero)
                => zero.WalkDownConversion().ConstantValue is { HasValue: true, Value: 0 or 0L }
                && remainder.WalkDownConversion() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder, RightOperand: var divisor }
                && (!divisor.ConstantValue.HasValue || divisor.ConstantValue.Value is int and >= 10 || divisor.ConstantValue.Value is long and >= 10);
        }

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
                if (name == "Take" && invocation.Arguments.Length == 2 && TakesABatch(execution, invocation.Arguments[1].Value)
                    && IsDrainedUntilEmpty(execution.Operation, loop))
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
                        if (descendant is IBinaryOperation binary && IsRelational(binary.OperatorKind)
                            && (loop.DependsOnLoop(binary.LeftOperand) || loop.DependsOnLoop(binary.RightOperand)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>A list or array of up to n rows, n a variable or a constant of at least 10: <c>Take(1).FirstOrDefault()</c> is one row per round.</summary>
        private static bool TakesABatch(in EfExecution execution, IOperation count)
            => execution.Name.StartsWith("To", StringComparison.Ordinal)
            && (!count.ConstantValue.HasValue || count.ConstantValue.Value is int and >= 10);

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

            var result = executing.Parent is IAwaitOperation awaited ? awaited.Parent : executing.Parent;
            while (result is IConversionOperation)
            {
                result = result.Parent;
            }

            ILocalSymbol? batch = result switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (batch == null)
            {
                return false;
            }

            // while (batch.Count > 0) { ..delete them..; batch = await query.Take(100).ToListAsync(); }
            if (whileLoop.Condition != null && References(whileLoop.Condition, batch))
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

        private static bool LeavesLoop(IOperation branch, ILoopOperation loop)
        {
            if (IsExit(branch, loop))
            {
                return true;
            }

            return branch is IBlockOperation { Operations: { Length: > 0 } statements } && IsExit(statements[statements.Length - 1], loop);
        }

        /// <summary>
        /// A for/while/do loop whose query sits in a try block with a catch, where the try block leaves the loop (break,
        /// return) or sets a flag the loop condition reads: it runs again only when the attempt failed.
        /// </summary>
        public static bool IsRetry(IOperation operation, LoopContext loop)
        {
            if (loop.Loop is not ILoopOperation loopOperation || loop.Loop is IForEachLoopOperation)
            {
                return false;
            }

            var condition = loop.Loop switch
            {
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                IForLoopOperation forLoop => forLoop.Condition,
                _ => null,
            };

            var child = operation;
            for (var current = operation.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                if (current is not ITryOperation tryOperation || child != tryOperation.Body || tryOperation.Catches.Length == 0)
                {
                    continue;
                }

                foreach (var descendant in tryOperation.Body.Descendants())
                {
                    if (IsExit(descendant, loopOperation))
                    {
                        return true;
                    }

                    if (condition != null && descendant is ISimpleAssignmentOperation assignment && assignment.Target is ILocalReferenceOperation flag
                        && References(condition, flag.Local))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsExit(IOperation statement, ILoopOperation loop)
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
        /// A loop over batches (docs/concepts.md#loop-exclusions): its body pages an EF query (keyset or Skip, as in
        /// <see cref="IsPaging"/>), hands its counter to a method of the application as a page or offset, or it
        /// enumerates <c>Chunk(..)</c>. A query or a save once per batch is the batched form, not an N+1.
        /// </summary>
        public static bool IsBatchLoop(LoopContext loop, SemanticContext types)
        {
            if (loop.Loop is IForEachLoopOperation forEach
                && forEach.Collection.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "Chunk" or "ChunkAsync" })
            {
                return true;
            }

            // while ((await pager.ReadNextPageAsync<T>()).Out(out var batch)): the loop condition fetches the next page.
            if (loop.Loop is IWhileLoopOperation { Condition: { } condition })
            {
                foreach (var descendant in condition.DescendantsAndSelf())
                {
                    if (descendant is IInvocationOperation { TargetMethod.Name: var name } && NamesAPage(name))
                    {
                        return true;
                    }
                }
            }

            var body = loop.Loop is ILoopOperation loopOperation ? loopOperation.Body : loop.Loop;
            foreach (var descendant in body.Descendants())
            {
                if (descendant is IInvocationOperation call
                    && ((EfQueryModel.TryGetExecution(call, types, out var execution) && LoopExclusions.IsPaging(execution, loop, types))
                        || PagesThroughCall(call, loop)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>repository.GetPage(libraryId, new Params { PageNumber = chunk, PageSize = size })</c>: the loop hands its
        /// counter to a method of the application as a page, offset or batch. The paging is inside the called method
        /// (its <c>Skip</c>, often in a paging helper the query is passed to), so the loop is a batch loop all the same.
        /// </summary>
        private static bool PagesThroughCall(IInvocationOperation call, LoopContext loop)
        {
            if (loop.IsLambda || (call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty && call.TargetMethod.ContainingType?.TypeKind != TypeKind.Interface))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value is not IObjectCreationOperation { Initializer: { } initializer })
                {
                    if (argument.Parameter != null && IsPageName(argument.Parameter.Name) && IsWholeNumber(argument.Parameter.Type) && loop.DependsOnLoop(value))
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

            foreach (var word in SizeWords)
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return false;
                }
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
