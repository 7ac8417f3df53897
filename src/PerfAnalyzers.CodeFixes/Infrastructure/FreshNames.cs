using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>
    /// Names for what a fix declares (locals, fields, parameters) that clash with nothing: not with a name used in the
    /// enclosing member (or type, for members), nor with a symbol visible where the code goes. Names used only in other
    /// members are free, so a fix does not drift to <c>customerIds2</c> for no reason.
    /// </summary>
    internal sealed class FreshNames
    {
        private readonly HashSet<string> taken;

        private FreshNames(HashSet<string> taken) => this.taken = taken;

        /// <summary>Names for locals declared at <paramref name="node"/>: the enclosing member and what is in scope there are taken.</summary>
        public static FreshNames ForLocals(SyntaxNode node, SemanticModel model)
            => Create(node.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? node.SyntaxTree.GetRoot(), node.SpanStart, model);

        /// <summary>
        /// Names for members and constructor parameters of <paramref name="type"/>: the type's code and what is in scope at
        /// <paramref name="position"/>, a position inside the type, are taken.
        /// </summary>
        public static FreshNames ForMembers(TypeDeclarationSyntax type, int position, SemanticModel model)
            => Create(type, position, model);

        private static FreshNames Create(SyntaxNode scope, int position, SemanticModel model)
        {
            var taken = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText), StringComparer.Ordinal);
            taken.UnionWith(model.LookupSymbols(position).Select(s => s.Name));
            return new FreshNames(taken);
        }

        /// <summary><paramref name="name"/>, else <c>name2</c>, <c>name3</c> …; the name returned is taken from then on.</summary>
        public string Take(string name)
        {
            var candidate = name;
            for (var i = 2; taken.Contains(candidate); i++)
            {
                candidate = name + i.ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(candidate);
            return candidate;
        }
    }
}
