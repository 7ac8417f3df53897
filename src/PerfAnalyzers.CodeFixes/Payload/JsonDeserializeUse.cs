using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// The PERF403 and PERF404 fixes' shape: the text (or bytes) read has one use, as the first argument of
    /// System.Text.Json's <c>JsonSerializer.Deserialize&lt;T&gt;(value[, options])</c>, inline or through a local
    /// declared for it. Then the read and the deserialisation become one <c>ReadFromJsonAsync&lt;T&gt;</c>-style call.
    /// </summary>
    internal static class JsonDeserializeUse
    {
        public static bool TryFind(IInvocationOperation read, SemanticContext types, out InvocationExpressionSyntax deserialize, out LocalDeclarationStatementSyntax? declaration)
        {
            deserialize = null!;
            declaration = null;
            var top = read.ClimbToValueUse();
            var uses = new List<IOperation>();
            if (top.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                && declarator.Syntax.Parent?.Parent is LocalDeclarationStatementSyntax statement
                && statement.Declaration.Variables.Count == 1
                && statement.UsingKeyword == default)
            {
                if (!ValueUses.TryCollect(read, uses))
                {
                    return false;
                }

                declaration = statement;
            }
            else
            {
                uses.Add(top);
            }

            if (uses.Count != 1
                || uses[0].Parent is not IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation call }
                || call.TargetMethod is not { Name: "Deserialize", IsGenericMethod: true } method
                || !SymbolFacts.Is(method.ContainingType, types.JsonSerializer)
                || call.Syntax is not InvocationExpressionSyntax syntax
                || call.Arguments.Length > 2
                || (call.Arguments.Length == 2 && !SymbolFacts.Is(call.Arguments[1].Parameter?.Type, types.JsonSerializerOptions)))
            {
                declaration = null;
                return false;
            }

            deserialize = syntax;
            return true;
        }
    }
}
