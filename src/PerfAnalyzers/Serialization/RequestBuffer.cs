using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Serialization
{
    /// <summary>Why a buffer allocation is flagged by PERF702 (docs/rules/PERF702.md).</summary>
    internal enum BufferSize
    {
        None,

        /// <summary>A constant length whose array lands on the large object heap (85,000 bytes or more).</summary>
        LargeConstant,

        /// <summary>A length the request chooses: a handler parameter, <c>Request.ContentLength</c>, a query value, <c>IFormFile.Length</c>.</summary>
        FromRequest,
    }

    /// <summary>
    /// The facts PERF702 and its fix share about <c>var buffer = new byte[n];</c> in a request handler: its size, and
    /// how every read of the local uses it.
    /// </summary>
    internal static class RequestBuffer
    {
        /// <summary>The size from which the runtime allocates an array on the large object heap.</summary>
        public const int LargeObjectHeapThreshold = 85000;

        /// <summary>
        /// Why a <c>byte[]</c> or <c>char[]</c> allocation in <paramref name="handler"/> is flagged, if it is: a constant
        /// size on the large object heap, or a size read from the request and not bounded by <c>Math.Min</c> with a small
        /// constant.
        /// </summary>
        public static BufferSize Classify(IArrayCreationOperation creation, IOperation handler, SemanticContext types)
        {
            if (creation.DimensionSizes.Length != 1 || creation.Type is not IArrayTypeSymbol { Rank: 1 } array)
            {
                return BufferSize.None;
            }

            var elementSize = array.ElementType.SpecialType switch
            {
                SpecialType.System_Byte => 1,
                SpecialType.System_Char => 2,
                _ => 0,
            };
            if (elementSize == 0)
            {
                return BufferSize.None;
            }

            var length = creation.DimensionSizes[0];
            if (length.ConstantValue.HasValue)
            {
                return length.ConstantValue.Value is int count && (long)count * elementSize >= LargeObjectHeapThreshold
                    ? BufferSize.LargeConstant
                    : BufferSize.None;
            }

            return !IsBoundedBySmallConstant(length, elementSize, types) && ReadsRequestInput(length, handler, types, depth: 0)
                ? BufferSize.FromRequest
                : BufferSize.None;
        }

        /// <summary>
        /// Every read of the buffer's local, in the function that declares it, when none lets the array outlive the
        /// call: not returned, assigned anywhere, wrapped by a constructor, passed to a method whose result could hold
        /// it, or captured by a lambda or local function. False when the buffer escapes.
        /// </summary>
        public static bool TryCollectUses(IOperation declaration, ILocalSymbol local, List<ILocalReferenceOperation> uses)
        {
            var function = JsonOptionsCreation.EnclosingFunction(declaration);
            foreach (var operation in OperationTreeIndex.For(declaration).Occurrences(local))
            {
                if (operation is not ILocalReferenceOperation reference)
                {
                    continue;
                }

                if (JsonOptionsCreation.EnclosingFunction(reference) != function || Escapes(reference, depth: 0))
                {
                    return false;
                }

                uses.Add(reference);
            }

            return true;
        }

        /// <summary>
        /// The use reads no <c>.Length</c> and never hands the whole array to an API: it indexes the array or passes it
        /// with an explicit count (<c>Read(buffer, 0, n)</c>, <c>GetString(buffer, 0, n)</c>, <c>AsSpan(0, n)</c>), so a
        /// longer rented array behaves the same.
        /// </summary>
        public static bool IsLengthIndependent(ILocalReferenceOperation use)
        {
            switch (use.Parent)
            {
                case IArrayElementReferenceOperation element when element.ArrayReference == use:
                    return true;
                case IArgumentOperation { Parameter: { } parameter } passed when passed.Parent is IInvocationOperation or IObjectCreationOperation:
                    if (parameter.Type is not IArrayTypeSymbol)
                    {
                        return false;
                    }

                    var explicitCount = false;
                    var arguments = passed.Parent is IInvocationOperation call ? call.Arguments : ((IObjectCreationOperation)passed.Parent).Arguments;
                    foreach (var argument in arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter != null && argument.Parameter.Ordinal > parameter.Ordinal
                            && argument.Parameter.Type.SpecialType == SpecialType.System_Int32
                            && argument.Parameter.Name is "count" or "length" or "byteCount" or "charCount")
                        {
                            explicitCount = true;
                        }
                    }

                    return explicitCount;
                default:
                    return false;
            }
        }

        private static bool Escapes(IOperation reference, int depth)
        {
            if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
            {
                // Written again: the analysis follows one allocation only.
                return true;
            }

            var use = JsonOptionsCreation.Climb(reference);
            switch (use.Parent)
            {
                case IArrayElementReferenceOperation element when element.ArrayReference == use:
                case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" } when depth == 0:
                case INameOfOperation:
                case IForEachLoopOperation:
                    return false;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                    return true;
                case IArgumentOperation { Parent: IObjectCreationOperation { Type.SpecialType: SpecialType.System_String } }:
                    // new string(chars, 0, n) copies.
                    return false;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    return depth < 2 && ResultMayHoldArray(call.TargetMethod) ? Escapes(call, depth + 1) : ResultMayHoldArray(call.TargetMethod);
                case IInvocationOperation call when call.Instance == use:
                    return ResultMayHoldArray(call.TargetMethod) && (depth >= 2 || Escapes(call, depth + 1));
                default:
                    // Returned, stored, wrapped by a constructor, converted to an interface, in a collection, ...
                    return true;
            }
        }

        /// <summary>Whether what the method returns could reference the array (a wrapper, a result object), not a count or a copy.</summary>
        private static bool ResultMayHoldArray(IMethodSymbol method)
        {
            var type = method.ReturnType;
            if (method.ReturnsVoid || type.SpecialType != SpecialType.None)
            {
                return false;
            }

            if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { } ns } named && SymbolFacts.IsNamespace(ns, "System.Threading.Tasks"))
            {
                return named.TypeArguments.Length == 1 && named.TypeArguments[0].SpecialType == SpecialType.None;
            }

            return true;
        }

        private static bool IsBoundedBySmallConstant(IOperation length, int elementSize, SemanticContext types)
        {
            var value = length;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is not IInvocationOperation { TargetMethod.Name: "Min" } min || !SymbolFacts.Is(min.TargetMethod.ContainingType, types.SystemMath))
            {
                return false;
            }

            foreach (var argument in min.Arguments)
            {
                if (argument.Value.ConstantValue is { HasValue: true, Value: { } constant }
                    && System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture) * elementSize < LargeObjectHeapThreshold)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The expression reads a numeric parameter of the handler (bound from the route, query or body), the request's
        /// <c>ContentLength</c>, <c>Query</c>, <c>Headers</c>, <c>Form</c>, <c>RouteValues</c> or <c>Cookies</c>, an
        /// <c>IFormFile</c>'s <c>Length</c>, or a local initialised from one of those and never written again.
        /// </summary>
        private static bool ReadsRequestInput(IOperation expression, IOperation handler, SemanticContext types, int depth)
        {
            foreach (var operation in Self(expression))
            {
                switch (operation)
                {
                    case IParameterReferenceOperation parameter when IsHandlerParameter(parameter.Parameter, handler) && IsIntegral(parameter.Type):
                        return true;
                    case IPropertyReferenceOperation property
                        when property.Property.Name is "ContentLength" or "Query" or "Headers" or "Form" or "RouteValues" or "Cookies"
                        && SymbolFacts.IsOrDerivesFrom(property.Property.ContainingType, types.HttpRequest):
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "Length" } property
                        when SymbolFacts.IsOrImplements(property.Property.ContainingType, types.FormFile):
                        return true;
                    case ILocalReferenceOperation local when depth < 2 && TryGetOnlyValue(local, out var value):
                        if (ReadsRequestInput(value, handler, types, depth + 1))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static IEnumerable<IOperation> Self(IOperation operation)
        {
            yield return operation;
            foreach (var descendant in operation.Descendants())
            {
                yield return descendant;
            }
        }

        private static bool IsHandlerParameter(IParameterSymbol parameter, IOperation handler)
            => handler switch
            {
                IAnonymousFunctionOperation lambda => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, lambda.Symbol),
                ILocalFunctionOperation localFunction => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, localFunction.Symbol),
                _ => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary },
            };

        private static bool IsIntegral(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type?.SpecialType is SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
                or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
        }

        /// <summary>The initializer of a local that nothing writes again.</summary>
        private static bool TryGetOnlyValue(ILocalReferenceOperation reference, out IOperation value)
        {
            value = null!;
            foreach (var operation in OperationTreeIndex.For(reference).Occurrences(reference.Local))
            {
                if (operation is IVariableDeclaratorOperation declarator)
                {
                    if (declarator.Initializer?.Value is not { } initial)
                    {
                        return false;
                    }

                    value = initial;
                }
                else if (operation is ILocalReferenceOperation other
                    && ((other.Parent is IAssignmentOperation assignment && assignment.Target == other)
                        || other.Parent is IIncrementOrDecrementOperation
                        || other.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None }))
                {
                    return false;
                }
            }

            return value != null;
        }
    }
}
