using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// A method whose whole body blocks on one parameter, read from syntax: <c>=&gt; task.GetAwaiter().GetResult()</c>,
    /// <c>{ task.GetAwaiter().GetResult(); }</c>, <c>{ return task.Result; }</c>, <c>task.Wait()</c>, also after
    /// <c>task.ConfigureAwait(false)</c>.
    /// </summary>
    internal static class BlockingWrapperSyntax
    {
        public static bool OnlyBlocksOn(MethodDeclarationSyntax declaration, string parameter)
        {
            return DeclarationSyntax.SoleExpressionOf(declaration) switch
            {
                // task.GetAwaiter().GetResult()
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter", Expression: var task } } } }
                    => IsParameter(task, parameter),
                // task.Wait()
                InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait", Expression: var task } }
                    => IsParameter(task, parameter),
                // task.Result
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Expression: var task } => IsParameter(task, parameter),
                _ => false,
            };
        }

        /// <summary><c>task</c>, or <c>task.ConfigureAwait(false)</c>.</summary>
        private static bool IsParameter(ExpressionSyntax expression, string parameter)
        {
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } })
            {
                expression = inner;
            }

            return expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == parameter;
        }
    }
}
