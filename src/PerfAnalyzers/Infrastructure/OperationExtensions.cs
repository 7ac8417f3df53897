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
            if (ordinal == Semantics.SymbolFacts.ExtensionReceiverOrdinal)
            {
                // The receiver of an extension block member (db.Users.ForUser(name)) is the call's instance.
                return call.Instance;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>A read of the local or parameter <paramref name="symbol"/> (false when it is null).</summary>
        public static bool IsReferenceTo(this IOperation operation, ISymbol? symbol)
            => symbol != null
            && ((operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, symbol))
                || (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol)));

        /// <summary>
        /// The method-group uses of a local function in the body that declares it (<c>app.MapGet("/", Handler)</c>,
        /// <c>Parallel.ForEachAsync(items, GenerateItemAsync)</c>): a walk over that body, for the few callers that ask.
        /// </summary>
        public static IEnumerable<IMethodReferenceOperation> MethodGroupUses(this ILocalFunctionOperation localFunction)
        {
            foreach (var descendant in Semantics.OperationTreeIndex.Root(localFunction).Descendants())
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

        /// <summary>
        /// The operations of a body that run when it runs, itself first and then in source order: nested lambdas and local
        /// functions are left out (a lambda's <c>return</c> leaves the lambda, not the body).
        /// </summary>
        public static IEnumerable<IOperation> OwnOperations(this IOperation body)
        {
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                // Pushed last to first, so operations come out in source order.
                var children = new List<IOperation>();
                foreach (var child in current.ChildOperations)
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        children.Add(child);
                    }
                }

                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }

        /// <summary>
        /// The statement that holds <paramref name="operation"/> in its nearest enclosing block, and that block; null when
        /// no block encloses it (an expression-bodied member).
        /// </summary>
        public static IOperation? StatementInBlock(this IOperation operation, out IBlockOperation block)
        {
            var statement = operation;
            while (statement.Parent != null && statement.Parent is not IBlockOperation)
            {
                statement = statement.Parent;
            }

            block = (statement.Parent as IBlockOperation)!;
            return block == null ? null : statement;
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

        /// <summary>
        /// The placeholder that stands for a <c>?.</c>'s receiver inside its not-null branch (the receiver of <c>Select</c> in
        /// <c>tags?.Select(..)</c>); null when there is none.
        /// </summary>
        public static IConditionalAccessInstanceOperation? ReceiverPlaceholder(this IConditionalAccessOperation access)
        {
            foreach (var descendant in access.WhenNotNull.DescendantsAndSelf())
            {
                if (descendant is IConditionalAccessInstanceOperation placeholder && placeholder.ConditionalAccess() == access)
                {
                    return placeholder;
                }
            }

            return null;
        }

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
