using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Concurrency
{
    /// <summary>How the tasks given to <c>Task.WhenAll</c> were started (docs/rules/PERF601.md, "What is flagged").</summary>
    internal enum FanOutShape
    {
        /// <summary><c>items.Select(x => ..)</c>, optionally with <c>ToList()</c>/<c>ToArray()</c>, inline or through a local.</summary>
        Select,

        /// <summary>A list filled with <c>tasks.Add(..)</c> in a <c>foreach</c> or <c>for</c> loop.</summary>
        Loop,
    }

    /// <summary>One task started per element of a collection, awaited together.</summary>
    internal sealed class FanOut
    {
        public FanOut(FanOutShape shape, IOperation element, IOperation? collection, string collectionText, TextSpan perElement)
        {
            Shape = shape;
            Element = element;
            Collection = collection;
            CollectionText = collectionText;
            PerElement = perElement;
        }

        public FanOutShape Shape { get; }

        /// <summary>The selector (a lambda or a method reference), or the argument of <c>Add</c>.</summary>
        public IOperation Element { get; }

        /// <summary>The collection the tasks are started over; null for a <c>for</c> loop.</summary>
        public IOperation? Collection { get; }

        public string CollectionText { get; }

        /// <summary>What runs once per element: locals and parameters declared inside are the element's own.</summary>
        public TextSpan PerElement { get; }

        /// <summary>For the loop shape: the loop body, where a semaphore wait before the <c>Add</c> bounds it.</summary>
        public IOperation? LoopBody { get; set; }

        /// <summary>The collection is visibly small: a literal, <c>Take(constant)</c>, <c>Enumerable.Range(.., constant)</c>, a constant loop bound.</summary>
        public bool IsFixedSize { get; set; }
    }

    /// <summary>What one element of a fan-out does.</summary>
    internal sealed class ElementIo
    {
        /// <summary>The message's phrase for the I/O (<c>an HTTP request ('GetAsync')</c>); null when none was found.</summary>
        public string? Io { get; set; }

        /// <summary>A <c>SemaphoreSlim</c> wait in the element or in a method it calls directly.</summary>
        public bool Bounded { get; set; }

        /// <summary>The one <c>DbContext</c> every element queries (its name as written), or null.</summary>
        public string? SharedContext { get; set; }
    }

    /// <summary>
    /// Recognises the fan-outs PERF601 looks at and what each element does. Local and cheap: it reads the
    /// <c>WhenAll</c> call's own function, and the bodies of the methods an element calls directly through cached summaries.
    /// </summary>
    internal static class FanOutModel
    {
        private const int MaxDepth = 16;

        /// <summary>The fan-out <paramref name="whenAll"/> awaits (its one argument is a collection of tasks).</summary>
        public static FanOut? Find(IInvocationOperation whenAll, SemanticContext types)
        {
            if (whenAll.Arguments.Length != 1 || whenAll.Arguments[0].ArgumentKind != ArgumentKind.Explicit)
            {
                // WhenAll(a, b, c): a fixed list of distinct tasks.
                return null;
            }

            var value = whenAll.Arguments[0].Value.WalkDownConversion();
            if (value is ILocalReferenceOperation local)
            {
                if (EfQueryModel.TryGetSingleValue(local, out var single) && single != null && AsSelect(single.WalkDownConversion(), types) is IInvocationOperation viaLocal)
                {
                    return FromSelect(viaLocal, types);
                }

                return FromLoop(whenAll, local, types);
            }

            return AsSelect(value, types) is IInvocationOperation select ? FromSelect(select, types) : null;
        }

        /// <summary>
        /// <c>Task.WhenAll(a, b)</c> over a fixed list of distinct tasks, two of which run EF work on the same context: the
        /// name of that context, with what the first of them does in <paramref name="io"/>; null otherwise. A task is a call
        /// written as the argument, or a local holding one, started with no <c>await</c> between the first task's start and
        /// the <c>WhenAll</c> (so both run at once). Its EF work is an EF Core async operator on a context the method holds
        /// (a field, a property, a parameter or a local), or a call of a method of the application on this object or a
        /// field of it that runs a query on a context its object holds (found in an NHS service layer's retry function,
        /// <c>Task.WhenAll(RetryStaleExtractions(..), RetryStaleTransformations(..))</c>, both on one injected context).
        /// </summary>
        public static string? SharedContextOfDistinctTasks(IInvocationOperation whenAll, SemanticContext types, out string? io, out string listText)
        {
            io = null;
            listText = string.Empty;
            if (whenAll.Arguments.Length != 1 || TasksListed(whenAll.Arguments[0]) is not { Count: >= 2 } tasks)
            {
                return null;
            }

            var contexts = new Dictionary<string, string>(StringComparer.Ordinal);
            var firstStart = whenAll.Syntax.SpanStart;
            string? shared = null;
            foreach (var element in tasks)
            {
                var started = element.WalkDownConversion();
                if (started is ILocalReferenceOperation local)
                {
                    if (!EfQueryModel.TryGetSingleValue(local, out var value) || value == null)
                    {
                        continue;
                    }

                    started = value.WalkDownConversion();
                    firstStart = Math.Min(firstStart, started.Syntax.SpanStart);
                }

                if (started is not IInvocationOperation call || ContextOfTask(call, types, out var taskIo) is not { } context)
                {
                    continue;
                }

                if (contexts.TryGetValue(context, out var firstIo))
                {
                    shared ??= context;
                    io ??= firstIo;
                }
                else
                {
                    contexts.Add(context, taskIo!);
                }
            }

            if (shared == null || AwaitsBetween(whenAll, firstStart))
            {
                io = null;
                return null;
            }

            listText = string.Join(", ", tasks.Select(value => value.Syntax.ToString()));
            return shared;
        }

        /// <summary>
        /// The tasks written out in the argument: <c>WhenAll(a, b)</c> through <c>params Task[]</c> or, on .NET 9 and later,
        /// <c>params ReadOnlySpan&lt;Task&gt;</c> (a collection the compiler builds, read through its child operations, which
        /// this compiler version has no interface for), <c>new[] { a, b }</c> or <c>[a, b]</c>. Null for anything else.
        /// </summary>
        private static IReadOnlyList<IOperation>? TasksListed(IArgumentOperation argument)
        {
            var value = argument.Value;
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                return initializer.ElementValues;
            }

            return argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.DefaultValue) || value.Syntax is CollectionExpressionSyntax
                ? value.ChildOperations.ToList()
                : null;
        }

        /// <summary>The context a task started by <paramref name="call"/> runs its EF work on, named as the calling code reads it.</summary>
        private static string? ContextOfTask(IInvocationOperation call, SemanticContext types, out string? io)
        {
            io = null;
            if (EfQueryModel.TryGetExecution(call, types, out var execution))
            {
                if (!execution.IsAsync || ContextOf(execution, types) is not { } context || !IsHeld(context))
                {
                    return null;
                }

                io = QueryIo(execution.Name);
                return context.Syntax.ToString();
            }

            var method = call.TargetMethod;
            if (method.IsStatic || types.IsLinqOperatorClass(method.ContainingType) || !types.IsDeclaredByApplication(method.OriginalDefinition)
                || (call.Instance != null && !IsHeld(call.Instance)))
            {
                return null;
            }

            var path = RunSummary.Queries.GetPath(call, types);
            if (path.Count == 0 || CallIoSummary.HeldContext(method, types) is not { } held)
            {
                return null;
            }

            io = CallQueryIo(method, path);
            return ReceiverPrefix(call.Instance) + held;
        }

        /// <summary>
        /// <c>this</c>, a field or property of it (or static), a parameter or a local: one object for the whole list, as
        /// <see cref="IsShared"/> reads it for a fan-out, with no code of the list's own to declare a local in.
        /// </summary>
        private static bool IsHeld(IOperation instance) => IsShared(instance, perElement: default);

        private static string QueryIo(string executingName) => $"a database query ('{executingName}')";

        private static string CallQueryIo(IMethodSymbol method, IReadOnlyList<string> path)
            => $"a call of '{method.Name}', which runs a database query ('{path[path.Count - 1]}'),";

        /// <summary>An <c>await</c> in the function between <paramref name="start"/> and the <c>WhenAll</c>: a task awaited there finished before the next started.</summary>
        private static bool AwaitsBetween(IInvocationOperation whenAll, int start)
        {
            var body = EnclosingFunction(whenAll)?.Syntax ?? whenAll.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();

            // Top-level statements: each is a member of its own, and the tasks may start in earlier ones.
            if (body is GlobalStatementSyntax)
            {
                body = body.Parent;
            }

            if (body == null)
            {
                return true;
            }

            foreach (var awaited in body.DescendantNodes(new TextSpan(start, whenAll.Syntax.SpanStart - start)).OfType<AwaitExpressionSyntax>())
            {
                if (awaited.SpanStart >= start && awaited.Span.End <= whenAll.Syntax.SpanStart)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>items.Select(..)</c>, or its <c>ToList()</c> / <c>ToArray()</c>.</summary>
        public static IInvocationOperation? AsSelect(IOperation value, SemanticContext types)
        {
            if (value is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" } materialise
                && SymbolFacts.Is(materialise.TargetMethod.ContainingType, types.Enumerable)
                && materialise.Arguments.Length == 1)
            {
                value = materialise.Arguments[0].Value.WalkDownConversion();
            }

            return value is IInvocationOperation { TargetMethod.Name: "Select", Arguments.Length: 2 } select
                && SymbolFacts.Is(select.TargetMethod.ContainingType, types.Enumerable)
                ? select
                : null;
        }

        private static FanOut? FromSelect(IInvocationOperation select, SemanticContext types)
        {
            if (select.Arguments[1].Value.WalkDownConversion() is not IDelegateCreationOperation { Target: var target }
                || target is not (IAnonymousFunctionOperation or IMethodReferenceOperation))
            {
                return null;
            }

            var source = select.Arguments[0].Value.WalkDownConversion();
            return new FanOut(FanOutShape.Select, target, source, source.Syntax.ToString(), target.Syntax.Span)
            {
                IsFixedSize = IsFixedSize(source, types, 0),
            };
        }

        private static FanOut? FromLoop(IInvocationOperation whenAll, ILocalReferenceOperation tasks, SemanticContext types)
        {
            if (!EfQueryModel.TryGetSingleValue(tasks, out var initial) || initial == null || !IsEmptyList(initial.WalkDownConversion(), types))
            {
                return null;
            }

            var function = EnclosingFunction(whenAll);
            IInvocationOperation? add = null;
            foreach (var occurrence in OperationTreeIndex.For(whenAll).Occurrences(tasks.Local))
            {
                if (occurrence.Parent is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } call && call.Instance == occurrence)
                {
                    if (add != null || EnclosingFunction(call) != function || call.Syntax.SpanStart > whenAll.Syntax.SpanStart)
                    {
                        // More than one Add, an Add in a lambda, or after the WhenAll: not the plain shape.
                        return null;
                    }

                    add = call;
                }
            }

            for (var current = add?.Parent; current != null && current != function; current = current.Parent)
            {
                switch (current)
                {
                    case IForEachLoopOperation loop:
                        var collection = loop.Collection.WalkDownConversion();
                        return new FanOut(FanOutShape.Loop, add!.Arguments[0].Value, collection, collection.Syntax.ToString(), loop.Body.Syntax.Span)
                        {
                            LoopBody = loop.Body,
                            IsFixedSize = IsFixedSize(collection, types, 0),
                        };
                    case IForLoopOperation loop:
                        var bound = (loop.Condition as IBinaryOperation)?.RightOperand;
                        return new FanOut(FanOutShape.Loop, add!.Arguments[0].Value, null, BoundText(bound), loop.Body.Syntax.Span)
                        {
                            LoopBody = loop.Body,
                            IsFixedSize = bound != null && bound.ConstantValue.HasValue,
                        };
                    case ILoopOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        private static string BoundText(IOperation? bound)
            => bound?.WalkDownConversion() is IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } owner }
                ? owner.Syntax.ToString()
                : bound?.Syntax.ToString() ?? "the loop";

        private static bool IsEmptyList(IOperation value, SemanticContext types)
            => value is IObjectCreationOperation creation && SymbolFacts.Is(creation.Type, types.ListOfT)
                || value.Syntax is CollectionExpressionSyntax { Elements.Count: 0 };

        /// <summary>
        /// A collection whose size is visible in the code and fixed: an array, list or collection-expression literal (also
        /// through a local or a static readonly field initialised with one), <c>Take(constant)</c>,
        /// <c>Enumerable.Range(.., constant)</c> / <c>Repeat(.., constant)</c>, and LINQ operators over one of those.
        /// </summary>
        public static bool IsFixedSize(IOperation? collection, SemanticContext types, int depth)
        {
            if (collection == null || depth > MaxDepth)
            {
                return false;
            }

            collection = collection.WalkDownConversion();
            if (collection.Syntax is CollectionExpressionSyntax or ImplicitArrayCreationExpressionSyntax or InitializerExpressionSyntax)
            {
                return true;
            }

            // The services registered for one abstraction: as many as the start-up code registered (Inflow's module outboxes).
            if (RegisteredServices.IsRegisteredServices(collection))
            {
                return true;
            }

            switch (collection)
            {
                case IArrayCreationOperation { Initializer: not null }:
                case IObjectCreationOperation { Initializer: IObjectOrCollectionInitializerOperation { Initializers.Length: > 0 } }:
                    return true;
                case ILocalReferenceOperation local:
                    return EfQueryModel.TryGetSingleValue(local, out var value) && IsFixedSize(value, types, depth + 1);
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                    return IsLiteralInitializer(field);
                case IInvocationOperation call when types.IsLinqOperatorClass(call.TargetMethod.ContainingType):
                    var method = call.TargetMethod;
                    if (method.Name is "Take" or "Range" or "Repeat" && call.Arguments.Length > 0)
                    {
                        var count = call.Arguments[call.Arguments.Length - 1].Value;
                        if (count.ConstantValue.HasValue)
                        {
                            return true;
                        }
                    }

                    return method.Name is "Where" or "Select" or "Distinct" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending"
                        or "Skip" or "Take" or "TakeWhile" or "SkipWhile" or "Reverse" or "ToList" or "ToArray" or "AsEnumerable" or "Chunk"
                        && call.Arguments.Length > 0
                        && IsFixedSize(call.Arguments[0].Value, types, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>A readonly field declared with an array, collection or collection-expression literal (read from its declaration).</summary>
        private static bool IsLiteralInitializer(IFieldSymbol field)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var value })
                {
                    return value is CollectionExpressionSyntax or ImplicitArrayCreationExpressionSyntax or InitializerExpressionSyntax
                        || (value is ArrayCreationExpressionSyntax array && array.Initializer != null)
                        || (value is BaseObjectCreationExpressionSyntax creation && creation.Initializer != null && creation.Initializer.Expressions.Count > 0);
                }
            }

            return false;
        }

        /// <summary>What each element does: its I/O, whether a semaphore bounds it, and the DbContext all of them share.</summary>
        public static ElementIo Describe(FanOut fanOut, SemanticContext types)
        {
            var result = new ElementIo();
            switch (fanOut.Element.WalkDownConversion())
            {
                case IMethodReferenceOperation reference:
                    DescribeCall(reference.Method, null, reference.Instance, fanOut, types, result);
                    break;
                case IAnonymousFunctionOperation lambda:
                    DescribeBody(lambda.Body, fanOut, types, result);
                    break;
                case var element:
                    DescribeBody(element, fanOut, types, result);
                    break;
            }

            if (fanOut.LoopBody != null && !result.Bounded)
            {
                foreach (var operation in fanOut.LoopBody.OwnOperations())
                {
                    if (operation is IInvocationOperation wait && CallIoSummary.IsSemaphoreWait(wait.TargetMethod, types))
                    {
                        result.Bounded = true;
                        break;
                    }
                }
            }

            return result;
        }

        private static void DescribeBody(IOperation body, FanOut fanOut, SemanticContext types, ElementIo result)
        {
            foreach (var operation in body.OwnOperations())
            {
                if (operation is IInvocationOperation call)
                {
                    var method = call.TargetMethod;

                    // Task.Run(async () => ..) per element: what matters is the lambda's body.
                    if (method.Name == "Run" && call.Arguments.Length >= 1 && SymbolFacts.Is(method.ContainingType, types.Task)
                        && call.Arguments[0].Value.WalkDownConversion() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation run })
                    {
                        DescribeBody(run.Body, fanOut, types, result);
                        continue;
                    }

                    if (CallIoSummary.IsSemaphoreWait(method, types))
                    {
                        result.Bounded = true;
                        continue;
                    }

                    if (CallIoSummary.IsHttpCall(method, types))
                    {
                        result.Io ??= $"an HTTP request ('{method.Name}')";
                        continue;
                    }
                }

                if ((operation is IInvocationOperation || operation is IForEachLoopOperation) && EfQueryModel.TryGetExecution(operation, types, out var execution))
                {
                    result.Io ??= QueryIo(execution.Name);
                    var context = ContextOf(execution, types);
                    if (result.SharedContext == null && context != null && IsShared(context, fanOut.PerElement))
                    {
                        result.SharedContext = context.Syntax.ToString();
                    }

                    continue;
                }

                if (operation is IInvocationOperation source && !types.IsLinqOperatorClass(source.TargetMethod.ContainingType))
                {
                    DescribeCall(source.TargetMethod, source, source.Instance, fanOut, types, result);
                }
            }
        }

        /// <summary>
        /// A direct call of a method of the application: its one-level summary, and the shared query summary (which judges
        /// another project's method from its declaration, docs/concepts.md#executing-an-ef-query, "Across projects"). Asked
        /// of the call when there is one, so that a mediator's <c>Send(request)</c> stands for its handler (found in
        /// PlexRipper's jobs, which send one command per server at once).
        /// </summary>
        private static void DescribeCall(IMethodSymbol method, IInvocationOperation? call, IOperation? instance, FanOut fanOut, SemanticContext types, ElementIo result)
        {
            if (method.ContainingType?.TypeKind != TypeKind.Interface && !types.IsDeclaredByApplication(method.OriginalDefinition))
            {
                return;
            }

            var facts = CallIoSummary.Get(method, types);
            if (facts.WaitsOnSemaphore)
            {
                result.Bounded = true;
            }

            if (facts.HttpCall != null)
            {
                result.Io ??= $"a call of '{method.Name}', which sends an HTTP request ('{facts.HttpCall}'),";
            }

            if (result.Io != null && result.SharedContext != null)
            {
                return;
            }

            var path = call != null ? RunSummary.Queries.GetPath(call, types) : RunSummary.Queries.GetPath(method, types);
            if (path.Count == 0)
            {
                return;
            }

            result.Io ??= CallQueryIo(method, path);
            if (result.SharedContext == null && !method.IsStatic && (instance == null || IsShared(instance, fanOut.PerElement)))
            {
                // The context the method's own object holds, directly or through the objects it holds (a unit of work's
                // repository): the same for every element called on the same instance.
                var held = CallIoSummary.HeldContext(method, types);
                if (held != null)
                {
                    result.SharedContext = ReceiverPrefix(instance) + held;
                }
            }
        }

        /// <summary>"_repository." for a call on a field, "" for a call on <c>this</c>: the shared context is named from the fan-out's code.</summary>
        private static string ReceiverPrefix(IOperation? instance)
            => instance == null || instance.WalkDownConversion() is IInstanceReferenceOperation ? "" : instance.Syntax.ToString() + ".";

        /// <summary>The <c>DbContext</c> an EF execution runs on, as the code reads it (<c>db</c>, <c>this.db</c>, <c>Db</c>); null when not visible.</summary>
        public static IOperation? ContextOf(EfExecution execution, SemanticContext types)
        {
            var current = execution.Query;
            for (var depth = 0; current != null && depth < MaxDepth; depth++)
            {
                current = current.WalkDownConversion();
                switch (current)
                {
                    case IInvocationOperation { TargetMethod.Name: "Set", Instance: { } owner } set when types.IsDbContext(set.TargetMethod.ContainingType):
                        return owner;
                    case IInvocationOperation call:
                        current = EfQueryModel.GetSource(call);
                        continue;
                    case IPropertyReferenceOperation { Instance: { } owner } property when types.IsDbContext(property.Property.ContainingType):
                        return owner;
                    case ILocalReferenceOperation local when !types.IsDbContext(local.Type):
                        current = EfQueryModel.TryGetSingleValue(local, out var value) ? value : null;
                        continue;
                    default:
                        return types.IsDbContext(current.Type) ? current : null;
                }
            }

            return null;
        }

        /// <summary>The same instance for every element: <c>this</c>, a field or property of it, or a parameter or local declared outside the per-element code.</summary>
        private static bool IsShared(IOperation instance, TextSpan perElement)
        {
            switch (instance.WalkDownConversion())
            {
                case IInstanceReferenceOperation:
                    return true;
                case IFieldReferenceOperation field:
                    return field.Instance == null || IsShared(field.Instance, perElement);
                case IPropertyReferenceOperation property:
                    return property.Instance == null || IsShared(property.Instance, perElement);
                case IParameterReferenceOperation parameter:
                    return DeclaredOutside(parameter.Parameter, perElement);
                case ILocalReferenceOperation local:
                    return DeclaredOutside(local.Local, perElement);
                default:
                    return false;
            }
        }

        private static bool DeclaredOutside(ISymbol symbol, TextSpan perElement)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (perElement.Contains(reference.Span))
                {
                    return false;
                }
            }

            return true;
        }

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
    }
}
