using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PerfAnalyzers.Infrastructure
{
    internal static class OperationExtensions
    {
        /// <summary>
        /// The argument a call gives for the parameter at <paramref name="ordinal"/>: as written, or the parameter's default
        /// when the call leaves it out (the receiver of an extension method is ordinal 0); null when there is none.
        /// </summary>
        public static IOperation? ArgumentFor(this IInvocationOperation call, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The method-group uses of a local function in the body that declares it (<c>app.MapGet("/", Handler)</c>,
        /// <c>Parallel.ForEachAsync(items, GenerateItemAsync)</c>): a walk over that body, for the few callers that ask.
        /// </summary>
        public static IEnumerable<IMethodReferenceOperation> MethodGroupUses(this ILocalFunctionOperation localFunction)
        {
            var root = (IOperation)localFunction;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var descendant in root.Descendants())
            {
                if (descendant is IMethodReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, localFunction.Symbol.OriginalDefinition))
                {
                    yield return reference;
                }
            }
        }

        /// <summary>True when <paramref name="operation"/> is <paramref name="ancestor"/> or sits under it.</summary>
        public static bool IsWithin(this IOperation operation, IOperation ancestor)
        {
            for (var current = operation; current != null; current = current.Parent)
            {
                if (current == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The statement of <paramref name="block"/> that holds <paramref name="operation"/>, or null when it is not in it.</summary>
        public static IOperation? StatementOf(this IOperation operation, IBlockOperation block)
        {
            IOperation? statement = operation;
            while (statement != null && statement.Parent != block)
            {
                statement = statement.Parent;
            }

            return statement;
        }

        /// <summary>Skips implicit and explicit conversions, e.g. a handler passed as its base type.</summary>
        public static IOperation WalkDownConversion(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// The type a call names: its one type argument (<c>GetRequiredService&lt;T&gt;()</c>, <c>UseMiddleware&lt;T&gt;()</c>), or a
        /// <c>typeof(T)</c> argument (<c>GetService(typeof(T))</c>, <c>UseMiddleware(typeof(T))</c>); null when it names none.
        /// </summary>
        public static ITypeSymbol? NamedType(this IInvocationOperation call)
        {
            if (call.TargetMethod.TypeArguments.Length == 1)
            {
                return call.TargetMethod.TypeArguments[0];
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Value.WalkDownConversion() is ITypeOfOperation typeOf)
                {
                    return typeOf.TypeOperand;
                }
            }

            return null;
        }

        /// <summary>Down through conversions, parentheses and query-expression wrappers to the operation that computes the value.</summary>
        public static IOperation UnwrapValue(this IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    case ITranslatedQueryOperation query:
                        operation = query.Operation;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>
        /// The value a <c>?.</c> reads: for the receiver placeholder of <c>OrderBy</c> in <c>q.Where(..)?.OrderBy(..)</c>,
        /// the <c>q.Where(..)</c> it stands for (the operand of the nearest <c>?.</c> whose not-null branch holds it).
        /// </summary>
        public static IOperation? AccessedValue(this IConditionalAccessInstanceOperation placeholder)
            => placeholder.ConditionalAccess()?.Operation;

        /// <summary>The <c>?.</c> a receiver placeholder belongs to: the nearest one whose not-null branch holds it.</summary>
        public static IConditionalAccessOperation? ConditionalAccess(this IConditionalAccessInstanceOperation placeholder)
        {
            IOperation current = placeholder;
            for (var parent = current.Parent; parent != null; current = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && access.WhenNotNull == current)
                {
                    return access;
                }
            }

            return null;
        }

        /// <summary>Up past conversions, parentheses, <c>await</c> and <c>ConfigureAwait(..)</c> to the operation that stands for the value.</summary>
        public static IOperation ClimbToValueUse(this IOperation value)
        {
            var current = value;
            while (current.Parent != null)
            {
                var parent = current.Parent;
                if (parent is IConversionOperation or IAwaitOperation or IParenthesizedOperation
                    || (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == current))
                {
                    current = parent;
                    continue;
                }

                break;
            }

            return current;
        }

        /// <summary>The values a body returns, not counting returns inside the lambdas and local functions it declares.</summary>
        public static void CollectReturnedValues(this IOperation body, List<IOperation> values)
        {
            foreach (var child in body.ChildOperations)
            {
                switch (child)
                {
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        continue;
                    case IReturnOperation { ReturnedValue: { } value }:
                        values.Add(value);
                        break;
                    default:
                        CollectReturnedValues(child, values);
                        break;
                }
            }
        }
    }
}
