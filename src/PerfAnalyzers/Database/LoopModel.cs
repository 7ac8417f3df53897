using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>The loop (or per-element lambda) an operation runs once per iteration of.</summary>
    internal sealed class LoopContext
    {
        public LoopContext(IOperation loop, string description, ISymbol? iterationSymbol, HashSet<ISymbol> variantSymbols, bool isLoopOfCalledMethod = false)
        {
            IsLoopOfCalledMethod = isLoopOfCalledMethod;
            Loop = loop;
            Description = description;
            IterationSymbol = iterationSymbol;
            VariantSymbols = variantSymbols;
        }

        internal const int Yes = 2;
        internal const int No = 1;

        /// <summary>
        /// Whether the loop is a batch loop (<see cref="LoopExclusions.IsBatchLoop"/>): 0 not known yet, else <see cref="Yes"/>
        /// or <see cref="No"/>. One context serves every call in the loop, and the answer takes walks of the whole loop.
        /// </summary>
        internal int BatchLoopAnswer
        {
            get => Volatile.Read(ref batchLoopAnswer);
            set => Volatile.Write(ref batchLoopAnswer, value);
        }

        private int batchLoopAnswer;

        /// <summary>An <see cref="ILoopOperation"/> or the <see cref="IAnonymousFunctionOperation"/> of a per-element lambda.</summary>
        public IOperation Loop { get; }

        /// <summary>Completes a message: "on each iteration of the loop over 'order'", "for each 'order' passed to 'Select'".</summary>
        public string Description { get; }

        /// <summary>The foreach variable, the first for-loop local or the lambda's parameter; null for while/do.</summary>
        public ISymbol? IterationSymbol { get; }

        /// <summary>Locals and parameters whose value changes from one iteration to the next.</summary>
        public HashSet<ISymbol> VariantSymbols { get; }

        /// <summary>While and do loops usually poll changing data, so "does not depend on the loop" is only said of the others.</summary>
        public bool IsWhileOrDo => Loop is IWhileLoopOperation;

        // A local function given to a per-element operator as a method group counts as its lambda.
        public bool IsLambda => Loop is IAnonymousFunctionOperation or ILocalFunctionOperation;

        /// <summary>
        /// A lambda that a method of the application calls in a loop of its own: the loop, and the collection it runs over,
        /// are in that method, so a fix that rewrites the loop or its collection has nothing here to rewrite.
        /// </summary>
        public bool IsLoopOfCalledMethod { get; }

        /// <summary>True when <paramref name="operation"/> (and everything below it) reads a symbol that changes per iteration.</summary>
        public bool DependsOnLoop(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                var symbol = ReadVariable(descendant);
                if (symbol != null && (VariantSymbols.Contains(symbol) || IsDeclaredInsideLoop(symbol)))
                {
                    return true;
                }

                // q.Where(x => x.Id == id)?.FirstOrDefault(): the call after ?. reads what the ?. stands for.
                if (descendant is IConditionalAccessInstanceOperation placeholder
                    && placeholder.AccessedValue() is { } accessed
                    && !operation.Syntax.Span.Contains(accessed.Syntax.Span)
                    && DependsOnLoop(accessed))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <paramref name="operation"/> reads a cursor the loop carries from one round to the next: a local or parameter
        /// declared outside the loop and written inside it (<c>lastId</c> after <c>lastId = page[^1].Id;</c>), not the loop
        /// variable nor anything the iteration declares.
        /// </summary>
        public bool ReadsACursor(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                var symbol = ReadVariable(descendant);
                if (symbol != null
                    && VariantSymbols.Contains(symbol)
                    && !SymbolEqualityComparer.Default.Equals(symbol, IterationSymbol)
                    && !IsDeclaredWithinLoopSyntax(symbol))
                {
                    return true;
                }
            }

            return false;
        }

        // The local or parameter an operation reads, or null.
        private static ISymbol? ReadVariable(IOperation operation)
            => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };

        /// <summary>
        /// A local declared anywhere inside the loop holds a value of this iteration, however it was declared: an
        /// <c>out var</c> (<c>Guid.TryParse(text, out var id)</c>), a pattern (<c>is Order o</c>), a deconstruction or a catch.
        /// </summary>
        public bool IsDeclaredInsideLoop(ISymbol symbol) => symbol is ILocalSymbol && IsDeclaredWithinLoopSyntax(symbol);

        /// <summary>Any symbol declared inside the loop's syntax: a local, or a parameter of a lambda in the loop.</summary>
        public bool IsDeclaredWithinLoopSyntax(ISymbol symbol)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == Loop.Syntax.SyntaxTree && Loop.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Finds the loop an operation is executed once per iteration of: the body, condition or increment of a
    /// for/foreach/await foreach/while/do loop (not a foreach collection or a for initializer, which run once), or a
    /// delegate lambda passed to a per-element operator over an in-memory sequence (Enumerable's Select, SelectMany,
    /// Where …, <c>List&lt;T&gt;.ForEach</c>, <c>Parallel.ForEach(Async)</c>). Stops at the enclosing method, local
    /// function or any other lambda (when it runs is unknown).
    /// </summary>
    internal static class LoopModel
    {
        // Every parameter of a framework operator's lambda receives the element (or its index).
        private const int AllArguments = -1;

        // List<T>'s and Array's own methods that call the delegate once per element (residents.ConvertAll(r =>
        // gateway.FindResident(r.Id)), found in a council's evidence API), as Enumerable's operators do.
        private static readonly ImmutableHashSet<string> ListAndArrayOperators = ImmutableHashSet.Create(
            StringComparer.Ordinal, "ForEach", "ConvertAll", "Find", "FindAll", "FindLast", "FindIndex", "FindLastIndex", "Exists", "TrueForAll", "RemoveAll");

        // Enumerable's per-element operators and Parallel's loops.
        private static readonly ImmutableHashSet<string> PerElementOperators = LinqOperators.RunsDelegatePerElement.Union(new[] { "ForEachAsync", "For", "ForAsync" });

        // One context per loop: every call and read in a loop asks for it, and building it walks the whole loop (the analyzer
        // driver hands every rule the same operation tree, so the context is built once per loop and dropped with the tree).
        private static readonly ConditionalWeakTable<IOperation, LoopContext> Contexts = new ConditionalWeakTable<IOperation, LoopContext>();

        // Whether a while loop is a job's schedule: asked on every walk up from inside the loop, answered by a walk of its body.
        private static readonly ConditionalWeakTable<IOperation, object> Schedules = new ConditionalWeakTable<IOperation, object>();

        public static bool TryGetEnclosingLoop(IOperation operation, SemanticContext types, out LoopContext? context)
        {
            context = null;
            var loop = FindLoop(operation, types, out var name, out var elementArguments);
            if (loop == null)
            {
                return false;
            }

            if (!Contexts.TryGetValue(loop, out var known))
            {
                var created = CreateContext(loop, name, elementArguments);
                if (created == null)
                {
                    return false;
                }

                known = Contexts.GetValue(loop, _ => created);
            }

            context = known;
            return true;
        }

        private static LoopContext? CreateContext(IOperation loop, string name, int elementArguments)
        {
            switch (loop)
            {
                case IForEachLoopOperation forEach:
                    return Create(forEach, ForEachDescription(forEach), ForEachSymbol(forEach));
                case IForLoopOperation forLoop:
                    var counter = forLoop.Locals.Length > 0 ? forLoop.Locals[0] : null;
                    return Create(forLoop, counter != null ? $"on each iteration of the loop over '{counter.Name}'" : "on each iteration of the 'for' loop", counter);
                case IWhileLoopOperation whileLoop:
                    return Create(whileLoop, whileLoop.ConditionIsTop ? "on each iteration of the 'while' loop" : "on each iteration of the 'do' loop", null);
                case ILocalFunctionOperation localFunction:
                    var first = localFunction.Symbol.Parameters.Length > 0 ? localFunction.Symbol.Parameters[0] : null;
                    return Create(localFunction, first != null ? $"for each '{first.Name}' passed to '{name}'" : $"for each element passed to '{name}'", first);
                case IAnonymousFunctionOperation lambda when elementArguments == AllArguments:
                    var parameter = lambda.Symbol.Parameters.Length > 0 ? lambda.Symbol.Parameters[0] : null;
                    return Create(lambda, PassedTo(parameter, name), parameter);
                case IAnonymousFunctionOperation lambda:
                    // Given to a method of the application that calls it in a loop: only the parameters that receive the
                    // loop's element change from one call to the next.
                    var element = ElementParameter(lambda, elementArguments);
                    return Create(
                        lambda,
                        element != null && IsWrittenName(element) ? $"for each '{element.Name}' that '{name}' gives this lambda in a loop" : $"on each call '{name}' makes of this lambda in a loop",
                        element,
                        elementArguments);
                default:
                    return null;
            }
        }

        /// <summary>True when <paramref name="operation"/> runs once per iteration of a loop: a walk up the tree, nothing allocated.</summary>
        public static bool IsInsideLoop(IOperation operation, SemanticContext types) => FindLoop(operation, types, out _, out _) != null;

        /// <summary>
        /// The loop (or per-element lambda) <paramref name="operation"/> runs once per iteration of, or null;
        /// <paramref name="operatorName"/> names the operator or the application's method a per-element lambda is passed to,
        /// and <paramref name="elementArguments"/> says which of the lambda's parameters receive the element
        /// (<see cref="AllArguments"/> for the framework's operators).
        /// </summary>
        private static IOperation? FindLoop(IOperation operation, SemanticContext types, out string operatorName, out int elementArguments)
        {
            operatorName = "";
            elementArguments = AllArguments;
            var child = operation;
            for (var current = operation.Parent; current != null; child = current, current = current.Parent)
            {
                // By kind first: every rule of the family walks up from every call or property read, and most parents
                // are neither loops nor functions (a kind is a virtual read; an interface test scans the type's interfaces).
                switch (current.Kind)
                {
                    case OperationKind.Loop:
                        switch (current)
                        {
                            case IForEachLoopOperation forEach:
                                if (child != forEach.Collection && !HoldsAtMostOne(forEach.Collection))
                                {
                                    return ReadsChannelAsItArrives(forEach, types) ? null : forEach;
                                }

                                break;
                            case IForLoopOperation forLoop:
                                if (!ContainsChild(forLoop.Before, child))
                                {
                                    return forLoop;
                                }

                                break;
                            case IWhileLoopOperation whileLoop:
                                return IsSchedule(whileLoop, types) ? null : whileLoop;
                        }

                        break;
                    case OperationKind.AnonymousFunction:
                        var lambda = (IAnonymousFunctionOperation)current;
                        if (types.IsExpressionTreeLambda(lambda))
                        {
                            break;
                        }

                        return TryGetPerElementOperator(lambda, types, out operatorName, out elementArguments) ? lambda : null;
                    case OperationKind.LocalFunction:
                        var localFunction = (ILocalFunctionOperation)current;
                        operatorName = types.PerElementOperatorTaking(localFunction, OperatorTakingAsMethodGroup);
                        return operatorName.Length > 0 ? localFunction : null;
                    case OperationKind.MethodBody:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// A functional library's optional value, enumerated to act on it when it is there: <c>foreach (var show in
        /// maybeShow)</c> over LanguageExt's <c>Option&lt;T&gt;</c> runs once or not at all, so it is no loop, and an operation
        /// in it belongs to the loop around it, if any (found in ErsatzTV, which writes "if the row exists" so throughout).
        /// A type of those names that does not bind is taken for one too.
        /// </summary>
        private static bool HoldsAtMostOne(IOperation collection)
        {
            collection = collection.WalkDownConversion();

            // maybeList.RightToSeq(), maybeShow.ToSeq(): the same value as a sequence of at most one (found in ErsatzTV's
            // Trakt handlers, `foreach (TraktList list in maybeList.RightToSeq())`).
            if (collection is IInvocationOperation { TargetMethod.Name: var viewName } view && (IsOptionalValueView(viewName) || viewName == "AsEnumerable")
                && (view.Instance ?? (view.Arguments.Length == 1 ? view.Arguments[0].Value : null)) is { } viewed)
            {
                collection = viewed.WalkDownConversion();
            }
            else if (collection is IInvalidOperation invalid && UnboundSequenceViewOf(invalid) is { } unboundViewed)
            {
                // The same view when the library does not bind: judged by what it views, an unresolved Either or Option.
                collection = unboundViewed.WalkDownConversion();
            }

            if (collection.Type is not INamedTypeSymbol type)
            {
                return false;
            }

            return type.Name is "Option" or "OptionUnsafe" or "OptionAsync" or "Either" or "EitherUnsafe" or "EitherAsync"
                    or "Fin" or "Validation" or "Try" or "TryAsync" or "TryOption" or "TryOptionAsync"
                && (SymbolFacts.IsNamespace(type.ContainingNamespace, "LanguageExt")

                    // The same names unresolved (the library not referenced, half-typed code): not known to be a loop.
                    || type.TypeKind == TypeKind.Error);
        }

        /// <summary>LanguageExt's views of an optional value as a sequence (<c>AsEnumerable</c>, a common name, counts only bound).</summary>
        private static bool IsOptionalValueView(string name)
            => name is "RightToSeq" or "LeftToSeq" or "ToSeq" or "RightAsEnumerable" or "LeftAsEnumerable";

        /// <summary><c>maybeList.RightToSeq()</c> that does not bind: the receiver, read from the invalid call's operations.</summary>
        private static IOperation? UnboundSequenceViewOf(IInvalidOperation invalid)
        {
            if (invalid.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                || !IsOptionalValueView(access.Name.Identifier.ValueText))
            {
                return null;
            }

            // The receiver sits under the unbound member reference (x.RightToSeq), one or two levels down.
            foreach (var descendant in invalid.Descendants())
            {
                if (descendant.Syntax == access.Expression)
                {
                    return descendant;
                }
            }

            return null;
        }

        /// <summary>
        /// A background job's schedule, not a loop over data (docs/concepts.md#loop): it runs until cancelled and waits
        /// between rounds (<c>while (!token.IsCancellationRequested) { ..; await Task.Delay(interval, token); }</c>) or for
        /// the next piece of work (<c>var request = await queue.DequeueAsync(token);</c>, a channel's <c>ReadAsync</c>), or
        /// its condition waits for a timer's tick or for work (<c>while (await timer.WaitForNextTickAsync(token))</c>,
        /// <c>while (await reader.WaitToReadAsync(token))</c>). Each round is one unit of work, so what it queries once is
        /// not an N+1.
        /// </summary>
        private static bool IsSchedule(IWhileLoopOperation loop, SemanticContext types)
        {
            if (Schedules.TryGetValue(loop, out var known))
            {
                return (bool)known;
            }

            var schedule = ComputeIsSchedule(loop, types);
            Schedules.GetValue(loop, _ => schedule);
            return schedule;
        }

        private static bool ComputeIsSchedule(IWhileLoopOperation loop, SemanticContext types)
        {
            var condition = loop.Condition?.WalkDownConversion();
            if (condition is IAwaitOperation awaitedCondition
                && AwaitedCall(awaitedCondition) is { } waited
                && (waited.TargetMethod.Name == "WaitForNextTickAsync" || WaitsForWork(waited.TargetMethod, types)))
            {
                return true;
            }

            var untilCancelled = condition == null
                || condition.ConstantValue is { HasValue: true, Value: true }
                || condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } };
            if (!untilCancelled)
            {
                return false;
            }

            foreach (var descendant in loop.Body.Descendants())
            {
                if (descendant is IInvocationOperation { TargetMethod: var method }
                    && ((method.Name == "Delay" && SymbolFacts.Is(method.ContainingType, types.Task))
                        || method.Name == "WaitForNextTickAsync"
                        || (method.Name == "Sleep" && SymbolFacts.Is(method.ContainingType, types.Thread))))
                {
                    return true;
                }

                if (descendant is IAwaitOperation awaited && AwaitedCall(awaited) is { } call
                    && (WaitsForWork(call.TargetMethod, types)
                        || (SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingAssembly, loop.SemanticModel?.Compilation.Assembly)
                            && RoundOfTheApplicationWaits(call.TargetMethod))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>while (!token.IsCancellationRequested) { await ProcessBatchCycleAsync(batch, delay, token); }</c>: the round is a
        /// method of the application whose own body waits for the next tick or piece of work (<c>Task.Delay(..)</c>,
        /// <c>WaitForNextTickAsync</c>, a channel's <c>WaitToReadAsync</c>, a queue's <c>DequeueAsync</c>, <c>Thread.Sleep</c>),
        /// read from its syntax, one call down, in this project only (a build sees another project without bodies; found in
        /// fullstackhero's audit worker, which flushes a batch per round).
        /// </summary>
        private static bool RoundOfTheApplicationWaits(IMethodSymbol method)
        {
            foreach (var body in DeclarationSyntax.BodiesOf(method.OriginalDefinition))
            {
                foreach (var node in body.DescendantNodesAndSelf())
                {
                    if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
                    {
                        var name = access.Name.Identifier.ValueText;
                        var receiver = DeclarationSyntax.LastName(access.Expression);
                        if ((name == "Delay" && receiver == "Task") || (name == "Sleep" && receiver == "Thread")
                            || name is "WaitForNextTickAsync" or "WaitToReadAsync" or "DequeueAsync")
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A background job's schedule rather than a loop over data (docs/concepts.md#loop): a <c>while</c> loop that waits
        /// between rounds or for work, or an <c>await foreach</c> over a channel's <c>ReadAllAsync</c>.
        /// </summary>
        public static bool IsJobSchedule(ILoopOperation loop, SemanticContext types)
            => loop switch
            {
                IWhileLoopOperation whileLoop => IsSchedule(whileLoop, types),
                IForEachLoopOperation forEach => ReadsChannelAsItArrives(forEach, types),
                _ => false,
            };

        /// <summary>
        /// <c>await foreach (var message in channel.Reader.ReadAllAsync(token))</c>: the same schedule as <c>while (await
        /// reader.WaitToReadAsync(token))</c>, each round one message handled as it arrives (found in OpenDeepWiki's chat
        /// worker). A loop over a received batch inside it still counts.
        /// </summary>
        private static bool ReadsChannelAsItArrives(IForEachLoopOperation forEach, SemanticContext types)
        {
            if (!forEach.IsAsynchronous)
            {
                return false;
            }

            var collection = forEach.Collection.WalkDownConversion();
            return collection is IInvocationOperation { TargetMethod.Name: "ReadAllAsync" } read
                && SymbolFacts.IsOrDerivesFrom(read.TargetMethod.ContainingType, types.ChannelReaderOfT);
        }

        /// <summary>The call an <c>await</c> waits on, also through <c>.ConfigureAwait(..)</c>.</summary>
        private static IInvocationOperation? AwaitedCall(IAwaitOperation awaited)
        {
            var call = awaited.Operation.WalkDownConversion() as IInvocationOperation;
            return call is { TargetMethod.Name: "ConfigureAwait", Instance: var instance } && instance?.WalkDownConversion() is IInvocationOperation configured
                ? configured
                : call;
        }

        /// <summary>
        /// Waits for the next piece of work: a queue's <c>DequeueAsync</c> (a background task queue of the application), or
        /// a channel reader's <c>ReadAsync</c> / <c>WaitToReadAsync</c>.
        /// </summary>
        // A queue's or channel's next item, or a SemaphoreSlim signalled when work is queued (await signal.WaitAsync(60000,
        // token) in a worker's do/while, found in BlazorBoilerplate's e-mail sender).
        private static bool WaitsForWork(IMethodSymbol method, SemanticContext types)
            => method.Name == "DequeueAsync"
            || ((method.Name == "ReadAsync" || method.Name == "WaitToReadAsync")
                && SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.ChannelReaderOfT))
            || (method.Name == "WaitAsync" && method.ContainingType is { Name: "SemaphoreSlim" } semaphore
                && SymbolFacts.IsNamespace(semaphore.ContainingNamespace, "System.Threading"));

        private static bool TryGetPerElementOperator(IAnonymousFunctionOperation lambda, SemanticContext types, out string name, out int elementArguments)
        {
            name = "";
            elementArguments = AllArguments;
            var parent = lambda.Parent;
            if (parent is IDelegateCreationOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation argument || argument.Parent is not IInvocationOperation invocation)
            {
                return false;
            }

            if (FrameworkOperatorName(invocation, types) is { } framework)
            {
                name = framework;
                return true;
            }

            // The application's own helper, whatever its name: one called ForEachAsync is not Parallel's (found in a
            // council's repairs API, whose ForEachAsync extension awaits the lambda for each element in turn).
            return IsGivenToLoopOfApplicationMethod(argument, types, out name, out elementArguments);
        }

        // "for each 'note' passed to 'Select'": a framework operator's per-element code, named by the parameter that
        // receives the element when it has a written name.
        private static string PassedTo(IParameterSymbol? element, string operatorName)
            => element != null && IsWrittenName(element) ? $"for each '{element.Name}' passed to '{operatorName}'" : $"for each element passed to '{operatorName}'";

        /// <summary>
        /// A method passed by name to a framework per-element operator over an in-memory sequence
        /// (<c>caseNotes.Select(AddRelatedInformation)</c>): the method runs once per element, as a lambda's body would.
        /// <paramref name="repetition"/> says so for a message, as a lambda's loop description does. A local function is not one: its body is read as the
        /// loop itself (<see cref="OperatorTakingAsMethodGroup"/>). Over <c>Chunk</c> or a library's <c>Batch</c>, the method
        /// runs once per batch, the batched form, and is not one either.
        /// </summary>
        public static bool IsPerElementMethodGroup(IMethodReferenceOperation reference, SemanticContext types, out string repetition)
        {
            repetition = "";
            if (reference.Method.MethodKind == MethodKind.LocalFunction
                || reference.Parent is not IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } }
                || FrameworkOperatorName(invocation, types) is not { } name)
            {
                return false;
            }

            // The sequence the operator runs over: the receiver of a List<T> method, else the first argument (an extension's
            // source, Array.ConvertAll's array).
            var source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            if (source != null && LoopExclusions.SplitsIntoBatches(source.WalkDownConversion()))
            {
                return false;
            }

            var parameters = reference.Method.Parameters;
            repetition = PassedTo(parameters.Length > 0 ? parameters[0] : null, name);
            return true;
        }

        /// <summary>Enumerable's per-element operators, <c>List&lt;T&gt;</c>'s and <c>Array</c>'s, and Parallel's loops: the name a message shows, or null.</summary>
        private static string? FrameworkOperatorName(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType?.OriginalDefinition;
            if (ListAndArrayOperators.Contains(method.Name)
                && (SymbolFacts.Is(containing, types.ListOfT) || containing?.SpecialType == SpecialType.System_Array))
            {
                return method.Name;
            }

            if (!PerElementOperators.Contains(method.Name))
            {
                return null;
            }

            if (SymbolFacts.Is(containing, types.Enumerable)
                || SymbolFacts.Is(containing, types.Parallel))
            {
                return containing!.Name == "Parallel" ? "Parallel." + method.Name : method.Name;
            }

            return null;
        }

        /// <summary>
        /// The framework operator a local function is given to as a method group (<c>await Parallel.ForEachAsync(items,
        /// options, GenerateItemAsync);</c>, found in OpenDeepWiki's wiki generator): its body runs once per element, as a
        /// lambda's would. "" when it is not given so. Read once per local function and compilation, over the enclosing body.
        /// </summary>
        private static string OperatorTakingAsMethodGroup(ILocalFunctionOperation localFunction, SemanticContext types)
        {
            foreach (var reference in localFunction.MethodGroupUses())
            {
                if (reference.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } }
                    && FrameworkOperatorName(invocation, types) is { } name)
                {
                    return name;
                }
            }

            return "";
        }

        /// <summary>
        /// A lambda given to a method of the application that calls it once per element of a loop of its own
        /// (docs/concepts.md#loop, "Through a delegate"). Its syntax is read once per parameter and compilation.
        /// </summary>
        private static bool IsGivenToLoopOfApplicationMethod(IArgumentOperation argument, SemanticContext types, out string name, out int elementArguments)
        {
            name = "";
            elementArguments = argument.Parameter is { } parameter ? DelegateParameterLoops.ElementArguments(parameter, types) : 0;
            if (elementArguments == 0)
            {
                return false;
            }

            name = argument.Parameter!.ContainingSymbol.Name;
            return true;
        }

        /// <summary>The first parameter of <paramref name="lambda"/> that receives the loop's element.</summary>
        private static IParameterSymbol? ElementParameter(IAnonymousFunctionOperation lambda, int elementArguments)
        {
            var parameters = lambda.Symbol.Parameters;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (ReceivesElement(elementArguments, i))
                {
                    return parameters[i];
                }
            }

            return null;
        }

        /// <summary>The lambda's parameter at <paramref name="index"/> receives the element (a bit of DelegateParameterLoops' mask).</summary>
        private static bool ReceivesElement(int elementArguments, int index)
            => elementArguments == AllArguments || (index < DelegateParameterLoops.MaxArguments && (elementArguments & (1 << index)) != 0);

        /// <summary>
        /// A name the user wrote: after two <c>from</c> clauses a query's lambda takes a compiler-generated transparent
        /// identifier (<c>&lt;&gt;h__TransparentIdentifier0</c>), which a message must not show.
        /// </summary>
        private static bool IsWrittenName(IParameterSymbol parameter)
            => !parameter.IsImplicitlyDeclared && parameter.Name.Length > 0 && parameter.Name[0] != '<';

        private static bool ContainsChild(ImmutableArray<IOperation> operations, IOperation child)
        {
            foreach (var operation in operations)
            {
                if (operation == child)
                {
                    return true;
                }
            }

            return false;
        }

        private static string ForEachDescription(IForEachLoopOperation loop)
        {
            var symbol = ForEachSymbol(loop);
            return symbol != null
                ? $"on each iteration of the loop over '{symbol.Name}'"
                : $"on each iteration of the loop over '{loop.Collection.WalkDownConversionSyntax()}'";
        }

        private static ISymbol? ForEachSymbol(IForEachLoopOperation loop)
            => loop.LoopControlVariable is IVariableDeclaratorOperation declarator ? declarator.Symbol : null;

        private static LoopContext Create(IOperation loop, string description, ISymbol? iterationSymbol, int elementArguments = AllArguments)
        {
            var variant = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (iterationSymbol != null)
            {
                variant.Add(iterationSymbol);
            }

            if (loop is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                var parameters = loop is IAnonymousFunctionOperation lambda ? lambda.Symbol.Parameters : ((ILocalFunctionOperation)loop).Symbol.Parameters;
                for (var i = 0; i < parameters.Length; i++)
                {
                    if (ReceivesElement(elementArguments, i))
                    {
                        variant.Add(parameters[i]);
                    }
                }
            }

            if (loop is ILoopOperation loopOperation)
            {
                foreach (var local in loopOperation.Locals)
                {
                    variant.Add(local);
                }
            }

            foreach (var descendant in loop.Descendants())
            {
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator:
                        variant.Add(declarator.Symbol);
                        break;
                    case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target:
                        variant.Add(target.Local);
                        break;
                    case IAssignmentOperation assignment when assignment.Target is IParameterReferenceOperation target:
                        variant.Add(target.Parameter);
                        break;
                    case IIncrementOrDecrementOperation increment when increment.Target is ILocalReferenceOperation target:
                        variant.Add(target.Local);
                        break;
                    case IIncrementOrDecrementOperation increment when increment.Target is IParameterReferenceOperation target:
                        // id++ on a parameter: the next candidate of a search (a wait for a row asks the same question instead).
                        variant.Add(target.Parameter);
                        break;
                    // int.TryParse(text, out parsed) and (a, b) = Split(x) write locals declared before the loop.
                    case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Value: ILocalReferenceOperation written }:
                        variant.Add(written.Local);
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Value: IParameterReferenceOperation written }:
                        variant.Add(written.Parameter);
                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach (var target in deconstruction.Target.DescendantsAndSelf())
                        {
                            if (target is ILocalReferenceOperation written)
                            {
                                variant.Add(written.Local);
                            }
                        }

                        break;
                    case IDeclarationPatternOperation pattern when pattern.DeclaredSymbol != null:
                        variant.Add(pattern.DeclaredSymbol);
                        break;
                }
            }

            return new LoopContext(loop, description, iterationSymbol, variant, elementArguments != AllArguments);
        }

        private static string WalkDownConversionSyntax(this IOperation operation)
        {
            var text = operation.Syntax.ToString();
            return text.Length > 40 ? text.Substring(0, 37) + "..." : text;
        }
    }
}
