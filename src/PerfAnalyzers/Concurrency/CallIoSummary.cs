using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Database;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Concurrency
{
    /// <summary>What a method of the application does when called, read from its own body only (one call level).</summary>
    internal sealed class CallIoFacts
    {
        public static readonly CallIoFacts None = new CallIoFacts(null, false, null, null);

        public CallIoFacts(string? httpCall, bool waitsOnSemaphore, string? ownContext, List<HeldCall>? heldCalls)
        {
            HttpCall = httpCall;
            WaitsOnSemaphore = waitsOnSemaphore;
            OwnContext = ownContext;
            HeldCalls = heldCalls;
        }

        /// <summary>The HTTP method its body calls (<c>GetAsync</c>), or null.</summary>
        public string? HttpCall { get; }

        /// <summary>Its body waits on a <c>SemaphoreSlim</c>: the caller is bounded by it.</summary>
        public bool WaitsOnSemaphore { get; }

        /// <summary>
        /// The field, property or primary-constructor parameter of its own type holding the <c>DbContext</c> its body
        /// queries; null when it queries none, or a context of its own.
        /// </summary>
        public string? OwnContext { get; }

        /// <summary>
        /// The calls of methods of the application its body makes on an object it holds (itself, its fields and
        /// properties, its primary-constructor parameters); null when none.
        /// </summary>
        public List<HeldCall>? HeldCalls { get; }
    }

    /// <summary>A call on an object the caller holds: the path to that object as the code reads it (empty for <c>this</c>) and the method called.</summary>
    internal readonly struct HeldCall
    {
        public HeldCall(string receiver, IMethodSymbol method)
        {
            Receiver = receiver;
            Method = method;
        }

        public string Receiver { get; }

        public IMethodSymbol Method { get; }
    }

    /// <summary>
    /// "Sends an HTTP request when called" and "waits on a semaphore when called" for a source method
    /// (docs/rules/PERF601.md, "I/O"): the method's own body, not its lambdas, local functions or callees. Whether it
    /// runs an EF query is the shared <see cref="RunSummary.Queries"/>' answer. Computed once per method per
    /// compilation and cached on the <see cref="SemanticContext"/>.
    /// </summary>
    internal static class CallIoSummary
    {
        public static CallIoFacts Get(IMethodSymbol method, SemanticContext types)
        {
            method = method.OriginalDefinition;
            // Only bodies of this compilation are read: another project's source (the IDE hands it over as another
            // compilation) cannot be bound here, and a compiled reference has none.
            if (!types.IsDeclaredInCompilation(method) || method.IsAbstract || method.IsExtern)
            {
                return CallIoFacts.None;
            }

            if (types.CallIoSummaries.TryGetValue(method, out var cached))
            {
                return (CallIoFacts)cached;
            }

            CallIoFacts facts;
            try
            {
                facts = Compute(method, types);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never throw from an analyzer: an unreadable method does nothing we know of.
                facts = CallIoFacts.None;
            }

            types.CallIoSummaries.TryAdd(method, facts);
            return facts;
        }

        /// <summary>
        /// The <c>DbContext</c> a call of the method queries when the object it is called on holds that context: a field,
        /// property or primary-constructor parameter of the method's own type (<see cref="CallIoFacts.OwnContext"/>), or
        /// one held, up to <see cref="MaxHeldLevels"/> calls down, by an object the method reaches through its own fields
        /// and properties (<c>_unitOfWork.Lessons.ForGroup(id)</c>, whose repository queries its <c>_context</c>). Every
        /// call on the same instance then runs on one context (docs/rules/PERF601.md, "Shared DbContext"). Named as the
        /// code reads the path (<c>_unitOfWork.Lessons._context</c>); null when no such path is seen, or when an
        /// implementation of an interface on the path queries a context it does not hold (one it creates per call).
        /// </summary>
        public static string? HeldContext(IMethodSymbol method, SemanticContext types) => HeldContext(method, types, MaxHeldLevels);

        // Calls below the one the fan-out makes per element: a service method, the repository it calls, the base method.
        private const int MaxHeldLevels = 3;

        // Implementations of one interface method looked at.
        private const int MaxImplementations = 8;

        private static string? HeldContext(IMethodSymbol method, SemanticContext types, int levelsLeft)
        {
            // A closed interface construction is answered by its own implementations (docs/concepts.md#ef-query).
            method = SemanticContext.SummaryKey(method);
            if (method.IsAbstract)
            {
                return method.ContainingType?.TypeKind == TypeKind.Interface ? HeldContextOfImplementations(method, types, levelsLeft) : null;
            }

            if (!types.IsDeclaredInCompilation(method))
            {
                return DeclaredHeldContext(method, types);
            }

            var facts = Get(method, types);
            if (facts.OwnContext != null)
            {
                return facts.OwnContext;
            }

            if (levelsLeft == 0 || facts.HeldCalls == null)
            {
                return null;
            }

            foreach (var call in facts.HeldCalls)
            {
                var held = HeldContext(call.Method, types, levelsLeft - 1);
                if (held != null)
                {
                    return call.Receiver.Length == 0 ? held : call.Receiver + "." + held;
                }
            }

            return null;
        }

        /// <summary>
        /// The context the implementations of an interface method in sight hold, when at least one holds one and every
        /// other one runs no query at all (an in-memory double); null when one queries a context created per call.
        /// </summary>
        private static string? HeldContextOfImplementations(IMethodSymbol method, SemanticContext types, int levelsLeft)
        {
            var implementations = types.ImplementationsInSight(method);
            if (implementations == null || implementations.Count == 0 || implementations.Count > MaxImplementations)
            {
                return null;
            }

            string? found = null;
            foreach (var implementation in implementations)
            {
                var held = HeldContext(implementation, types, levelsLeft);
                if (held != null)
                {
                    found ??= held;
                }
                else if (RunSummary.Queries.GetPath(implementation, types).Count > 0)
                {
                    return null;
                }
            }

            return found;
        }

        /// <summary>
        /// A method of another project, whose body the compilation cannot read: judged from its declaration, as the query
        /// model judges it (docs/concepts.md#executing-an-ef-query, "Across projects"). When it runs a query and its class
        /// is built on a DbContext, it queries the context its constructor was given, the same one for every call on one
        /// instance; named by that parameter (<c>eprContext</c>, so <c>repo.eprContext</c> from the caller).
        /// </summary>
        private static string? DeclaredHeldContext(IMethodSymbol method, SemanticContext types)
        {
            if (method.IsStatic || !types.IsDeclaredByApplication(method.OriginalDefinition))
            {
                return null;
            }

            var name = DeclaredDataAccess.ContextParameterName(method.ContainingType, types);
            return name != null && RunSummary.Queries.GetPath(method, types).Count > 0 ? name : null;
        }

        /// <summary><c>HttpClient</c>'s (and any <c>HttpMessageInvoker</c>'s) sending methods and the JSON extensions of <c>HttpClient</c>.</summary>
        public static bool IsHttpCall(IMethodSymbol method, SemanticContext types)
        {
            var container = method.ContainingType;
            if (SymbolFacts.Is(container, types.HttpClientJsonExtensions))
            {
                return true;
            }

            return (method.Name == "Send" || method.Name.EndsWith("Async", StringComparison.Ordinal))
                && SymbolFacts.IsOrDerivesFrom(container, types.HttpMessageInvoker);
        }

        public static bool IsSemaphoreWait(IMethodSymbol method, SemanticContext types)
            => (method.Name == "WaitAsync" || method.Name == "Wait") && SymbolFacts.Is(method.ContainingType, types.SemaphoreSlim);

        private static CallIoFacts Compute(IMethodSymbol method, SemanticContext types)
        {
            string? http = null;
            string? ownContext = null;
            List<HeldCall>? heldCalls = null;
            var waits = false;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (!types.Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    // Another project's source, which the IDE hands over as another compilation: not bound here.
                    continue;
                }

                var syntax = reference.GetSyntax();

                // Another tree than the one being analysed: bound once per method per compilation (the summary is cached).
#pragma warning disable RS1030
                var model = types.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                var body = model.GetOperation(syntax);
                if (body == null)
                {
                    continue;
                }

                foreach (var operation in body.OwnOperations())
                {
                    if (operation is IInvocationOperation call)
                    {
                        if (IsSemaphoreWait(call.TargetMethod, types))
                        {
                            waits = true;
                        }
                        else if (http == null && IsHttpCall(call.TargetMethod, types))
                        {
                            http = call.TargetMethod.Name;
                        }
                        else if (call.Instance != null
                            && (call.TargetMethod.ContainingType?.TypeKind == TypeKind.Interface || types.IsDeclaredByApplication(call.TargetMethod.OriginalDefinition))
                            && !types.IsLinqOperatorClass(call.TargetMethod.ContainingType)
                            && HeldPath(call.Instance, method, 0) is { } receiver)
                        {
                            (heldCalls ??= new List<HeldCall>()).Add(new HeldCall(receiver, call.TargetMethod));
                        }
                    }

                    if (ownContext == null
                        && (operation is IInvocationOperation || operation is IForEachLoopOperation)
                        && EfQueryModel.TryGetExecution(operation, types, out var execution))
                    {
                        ownContext = OwnContextName(FanOutModel.ContextOf(execution, types), method);
                    }
                }
            }

            return http == null && !waits && ownContext == null && heldCalls == null ? CallIoFacts.None : new CallIoFacts(http, waits, ownContext, heldCalls);
        }

        /// <summary>
        /// The object is the method's own or one it holds: <c>this</c>, a field or property read through it (also a chain,
        /// <c>_unitOfWork.Lessons</c>), or a primary-constructor parameter; its path as the code reads it ("" for
        /// <c>this</c>), or null for anything else (a local, a parameter of the method, a call's result).
        /// </summary>
        private static string? HeldPath(IOperation instance, IMethodSymbol method, int depth)
        {
            if (method.IsStatic || depth > 4)
            {
                return null;
            }

            switch (instance.WalkDownConversion())
            {
                case IInstanceReferenceOperation:
                    return "";
                case IFieldReferenceOperation { Instance: { } owner } field when HeldPath(owner, method, depth + 1) is { } path:
                    return path.Length == 0 ? field.Field.Name : path + "." + field.Field.Name;
                case IPropertyReferenceOperation { Instance: { } owner, Arguments.Length: 0 } property when HeldPath(owner, method, depth + 1) is { } path:
                    return path.Length == 0 ? property.Property.Name : path + "." + property.Property.Name;
                case IParameterReferenceOperation parameter when IsPrimaryConstructorParameter(parameter.Parameter, method):
                    return parameter.Parameter.Name;
                default:
                    return null;
            }
        }

        private static bool IsPrimaryConstructorParameter(IParameterSymbol parameter, IMethodSymbol method)
            => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                && !SymbolEqualityComparer.Default.Equals(constructor, method)
                && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, method.ContainingType);

        /// <summary>The context is the method's own type's: a field or property read through <c>this</c>, or a primary-constructor parameter.</summary>
        private static string? OwnContextName(IOperation? context, IMethodSymbol method)
        {
            switch (context)
            {
                case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field when !method.IsStatic:
                    return field.Field.Name;
                case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property when !method.IsStatic:
                    return property.Property.Name;
                case IParameterReferenceOperation parameter when IsPrimaryConstructorParameter(parameter.Parameter, method):
                    return parameter.Parameter.Name;
                default:
                    return null;
            }
        }
    }
}
