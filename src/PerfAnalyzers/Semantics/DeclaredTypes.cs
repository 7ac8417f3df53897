using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The class, struct, interface and record declarations of a tree, nested ones included, in document order (a type
    /// before the types nested in it). Read once per tree for every fact about declarations (base-list names, entity
    /// shapes, controller attributes): in a build every tree is read, and each fact walked the tree's syntax on its own.
    /// Only namespace and type members are visited; member bodies, usings and attributes are not.
    /// </summary>
    internal static class DeclaredTypes
    {
        private static readonly PerTreeFact<TypeDeclarationSyntax[]> Cache = new PerTreeFact<TypeDeclarationSyntax[]>(Read);

        public static TypeDeclarationSyntax[] In(SyntaxTree tree, CancellationToken cancellationToken) => Cache.Get(tree, cancellationToken);

        private static TypeDeclarationSyntax[] Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                return Array.Empty<TypeDeclarationSyntax>();
            }

            List<TypeDeclarationSyntax>? found = null;
            Collect(unit.Members, ref found);
            return found?.ToArray() ?? Array.Empty<TypeDeclarationSyntax>();
        }

        private static void Collect(SyntaxList<MemberDeclarationSyntax> members, ref List<TypeDeclarationSyntax>? found)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        Collect(ns.Members, ref found);
                        break;
                    case TypeDeclarationSyntax type:
                        (found ??= new List<TypeDeclarationSyntax>()).Add(type);
                        Collect(type.Members, ref found);
                        break;
                }
            }
        }
    }
}
