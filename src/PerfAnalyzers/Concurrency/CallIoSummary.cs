using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Concurrency
{
    /// <summary>What a method of the application does when called, read from its own body only (one call level).</summary>
    internal sealed class CallIoFacts
    {
        public static readonly CallIoFacts None = new CallIoFacts(null, false, null);

        public CallIoFacts(string? httpCall, bool waitsOnSemaphore, string? ownContext)
        {
            HttpCall = httpCall;
            WaitsOnSemaphore = waitsOnSemaphore;
            OwnContext = ownContext;
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
            var waits = false;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
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

                foreach (var operation in FanOutModel.OwnOperations(body))
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
                    }

                    if (ownContext == null
                        && (operation is IInvocationOperation || operation is IForEachLoopOperation)
                        && EfQueryModel.TryGetExecution(operation, types, out var execution))
                    {
                        ownContext = OwnContextName(FanOutModel.ContextOf(execution, types), method);
                    }
                }
            }

            return http == null && !waits && ownContext == null ? CallIoFacts.None : new CallIoFacts(http, waits, ownContext);
        }

        /// <summary>The context is the method's own type's: a field or property read through <c>this</c>, or a primary-constructor parameter.</summary>
        private static string? OwnContextName(IOperation? context, IMethodSymbol method)
        {
            switch (context)
            {
                case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field when !method.IsStatic:
                    return field.Field.Name;
                case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property when !method.IsStatic:
                    return property.Property.Name;
                case IParameterReferenceOperation parameter
                    when parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                    && !SymbolEqualityComparer.Default.Equals(constructor, method)
                    && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, method.ContainingType):
                    return parameter.Parameter.Name;
                default:
                    return null;
            }
        }
    }
}
