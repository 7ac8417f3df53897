using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// Reading the one-row lambdas of query operators (<c>Where(o =&gt; o.Id == id)</c>): the lambda a call is given, and
    /// what its body reads of the row. Shared by PERF401's bounded results and PERF104's one-row queries.
    /// </summary>
    internal static class QueryLambdas
    {
        /// <summary>The first argument of <paramref name="call"/> that is a lambda of one parameter, as a delegate or an expression tree.</summary>
        public static IAnonymousFunctionOperation? Predicate(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target;
                }

                if (value is IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda)
                {
                    return lambda;
                }
            }

            return null;
        }

        /// <summary><c>row.Property</c>, the row being the lambda's parameter <paramref name="row"/>.</summary>
        public static bool IsMemberOf(IOperation operation, IParameterSymbol row, out IPropertySymbol property)
        {
            property = null!;
            if (operation.WalkDownConversion() is IPropertyReferenceOperation { Instance: { } instance } reference
                && instance.WalkDownConversion() is IParameterReferenceOperation parameter
                && SymbolEqualityComparer.Default.Equals(parameter.Parameter, row))
            {
                property = reference.Property;
                return true;
            }

            return false;
        }

        /// <summary>True when <paramref name="operation"/> reads the row anywhere in it.</summary>
        public static bool Mentions(IOperation operation, IParameterSymbol row)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, row))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
