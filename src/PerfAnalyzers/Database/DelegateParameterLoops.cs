using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// A method of the application that calls a delegate it is given once per element of a loop of its own
    /// (docs/concepts.md#loop, "Through a delegate"): <c>foreach (var inbox in inboxes) await deliver(inbox, post);</c> or
    /// an <c>items.ForEachAsync(async item =&gt; ..)</c> helper. A lambda passed for that parameter runs once per element,
    /// like a lambda passed to <c>Select</c>. Read from the method's syntax alone, once per parameter and compilation.
    /// </summary>
    internal static class DelegateParameterLoops
    {
        /// <summary>The arguments a mask can mark: the first 31 (bit 31 is the sign).</summary>
        public const int MaxArguments = 31;

        /// <summary>
        /// The positions (bit i for argument i) of the delegate's arguments that carry the loop's element, for a
        /// <paramref name="parameter"/> of a delegate type that its method, declared in this compilation, invokes inside the
        /// body of a <c>foreach</c> or <c>for</c> loop with the loop's variable in an argument; 0 otherwise. A retry loop
        /// (<c>for (var i = 0; i &lt; 3; i++) { try { await action(); .. } }</c>) gives the delegate nothing of the loop, so
        /// it is no per-element loop.
        /// </summary>
        public static int ElementArguments(IParameterSymbol parameter, SemanticContext types)
        {
            var definition = parameter.OriginalDefinition;
            if (definition.Type.TypeKind != TypeKind.Delegate
                || definition.ContainingSymbol is not IMethodSymbol method
                || !types.IsDeclaredInCompilation(method))
            {
                return 0;
            }

            return types.DelegateElementArguments(definition, Scan);
        }

        private static int Scan(IParameterSymbol parameter, SemanticContext types)
        {
            var mask = 0;
            foreach (var body in DeclarationSyntax.BodiesOf(parameter.ContainingSymbol))
            {
                foreach (var node in body.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation && Invokes(invocation, parameter.Name))
                    {
                        mask |= ElementArgumentsOf(invocation, body);
                    }
                }
            }

            return mask;
        }

        /// <summary><c>name(..)</c>, <c>name.Invoke(..)</c> or <c>name?.Invoke(..)</c>.</summary>
        private static bool Invokes(InvocationExpressionSyntax invocation, string name)
        {
            switch (invocation.Expression)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText == name;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Expression: IdentifierNameSyntax target }:
                    return target.Identifier.ValueText == name;
                case MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Invoke" }:
                    return invocation.Parent is ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax accessed }
                        && accessed.Identifier.ValueText == name;
                default:
                    return false;
            }
        }

        /// <summary>The arguments of <paramref name="invocation"/> that read a variable of a loop around it, as a bit mask.</summary>
        private static int ElementArgumentsOf(InvocationExpressionSyntax invocation, SyntaxNode body)
        {
            var loopVariables = new List<string>();
            SyntaxNode child = invocation;
            for (var node = invocation.Parent; node != null && node != body; child = node, node = node.Parent)
            {
                switch (node)
                {
                    // When a nested function runs is not known here.
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        return 0;
                    case ForEachStatementSyntax forEach when child == forEach.Statement:
                        loopVariables.Add(forEach.Identifier.ValueText);
                        break;
                    case ForEachVariableStatementSyntax forEachVariables when child == forEachVariables.Statement:
                        foreach (var designated in forEachVariables.Variable.DescendantNodesAndSelf())
                        {
                            if (designated is SingleVariableDesignationSyntax single)
                            {
                                loopVariables.Add(single.Identifier.ValueText);
                            }
                            else if (designated is IdentifierNameSyntax assigned)
                            {
                                loopVariables.Add(assigned.Identifier.ValueText);
                            }
                        }

                        break;
                    case ForStatementSyntax forLoop when child == forLoop.Statement && forLoop.Declaration != null:
                        foreach (var variable in forLoop.Declaration.Variables)
                        {
                            loopVariables.Add(variable.Identifier.ValueText);
                        }

                        break;
                }
            }

            if (loopVariables.Count == 0)
            {
                return 0;
            }

            var mask = 0;
            var arguments = invocation.ArgumentList.Arguments;
            for (var i = 0; i < arguments.Count && i < MaxArguments; i++)
            {
                if (arguments[i].NameColon == null && ReadsAny(arguments[i].Expression, loopVariables))
                {
                    mask |= 1 << i;
                }
            }

            return mask;
        }

        private static bool ReadsAny(ExpressionSyntax expression, List<string> names)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier && names.Contains(identifier.Identifier.ValueText)
                    && !(identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
