using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// A reference table (docs/rules/PERF401.md, "Reference tables"): an entity of the context that other entities of
    /// the same context point at (a navigation of its type or a <c>&lt;Entity&gt;Id</c> property) while it points at
    /// none itself (no reference navigation, no foreign key of its own). Brands, types, countries, statuses: lookup
    /// lists that grow with the business, not with its traffic.
    /// </summary>
    /// <remarks>
    /// Read from the syntax of the entity classes by simple name, one index per tree, so that answering for one query
    /// neither binds every entity of the model nor re-reads unchanged files after an edit: a new compilation after an
    /// edit reads the edited tree, and the trees that declare the context's sets only when the edit changed one of them.
    /// </remarks>
    internal static class ReferenceData
    {
        private static readonly PerTreeFact<TreeShapes> Shapes = new PerTreeFact<TreeShapes>(TreeShapes.Read);

        // The trees that declare DbSet properties on a class, and the trees with a class pointing at an entity, by
        // name: carried from one compilation to the next, so an edit reads only the edited tree.
        private static readonly TreeIndex TreesDeclaringSetsOn = new TreeIndex((tree, cancellationToken) => Shapes.Get(tree, cancellationToken).SetElementsByClass.Keys);
        private static readonly TreeIndex TreesPointingAt = new TreeIndex((tree, cancellationToken) => Shapes.Get(tree, cancellationToken).ClassesPointingAt.Keys);
        private static readonly TreeIndex TreesCollecting = new TreeIndex((tree, cancellationToken) => Shapes.Get(tree, cancellationToken).ClassesCollecting.Keys);

        // Per compilation: each context's entity names and the answer for each entity asked about. Every query of a
        // project asks about the same few contexts (so the memo keeps its smallest size, whatever the project's).
        private static readonly PerCompilationAnswers<INamedTypeSymbol, ContextFacts> Facts =
            new PerCompilationAnswers<INamedTypeSymbol, ContextFacts>(slotsPerTree: 0, comparer: SymbolEqualityComparer.Default);

        public static bool IsReferenceTable(INamedTypeSymbol entity, INamedTypeSymbol? context, SemanticContext types, CancellationToken cancellationToken)
        {
            if (context == null)
            {
                return false;
            }

            if (!types.IsDeclaredInCompilation(entity) || !types.IsDeclaredInCompilation(context))
            {
                // The model lives in another project of the application (a compiled reference in a command-line build,
                // another compilation in the IDE): read from its symbols, the same way in both (found in dotnet-podcasts,
                // whose genre list the in-memory run excluded and the real build reported). A model of a package (not
                // declared by the application) is not judged.
                return !types.IsDeclaredInCompilation(entity) && !types.IsDeclaredInCompilation(context)
                    && types.IsDeclaredByApplication(context) && types.IsDeclaredByApplication(entity)
                    && CompiledModel.IsReferenceTable(entity, context, types);
            }

            var memo = Facts.For(types);
            if (!memo.TryGetValue(context, out var facts))
            {
                facts = memo.Store(context, new ContextFacts(EntityNamesOf(context, types, cancellationToken)));
            }

            if (facts.Answers.TryGetValue(entity.Name, out var known))
            {
                return known;
            }

            var answer = facts.EntityNames.Contains(entity.Name)
                && !PointsAtAnother(entity, facts.EntityNames)
                && IsPointedAt(entity.Name, facts.EntityNames, types.Compilation, cancellationToken);
            return facts.Answers.GetOrAdd(entity.Name, answer);
        }

        /// <summary>
        /// The element type names of the <c>DbSet</c> properties of the context and its source base contexts. Read only:
        /// a context's own set is shared with the next compilations.
        /// </summary>
        private static HashSet<string> EntityNamesOf(INamedTypeSymbol context, SemanticContext types, CancellationToken cancellationToken)
        {
            var perClass = new List<HashSet<string>>();
            for (var type = context; type != null && type.DeclaringSyntaxReferences.Length > 0 && !SymbolFacts.Is(type, types.DbContext); type = type.BaseType)
            {
                // A context split into a partial class per feature is read from hundreds of trees: its names are kept
                // while none of those trees changes, so a keystroke elsewhere does not read them all again.
                var className = type.Name;
                perClass.Add(TreesDeclaringSetsOn.Derive(types.Compilation, className, trees => SetElementsOf(className, trees, cancellationToken), cancellationToken));
            }

            if (perClass.Count == 1)
            {
                return perClass[0];
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var declared in perClass)
            {
                names.UnionWith(declared);
            }

            return names;
        }

        private static HashSet<string> SetElementsOf(string className, List<SyntaxTree> trees, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in trees)
            {
                names.UnionWith(Shapes.Get(tree, cancellationToken).SetElementsByClass[className]);
            }

            return names;
        }

        // The entity's own properties and its source base classes': a reference navigation to another entity, or a
        // foreign key named after one. Collections (the principal side, Brand.Items) do not count.
        private static bool PointsAtAnother(INamedTypeSymbol entity, HashSet<string> entityNames)
        {
            for (var type = entity; type != null && type.DeclaringSyntaxReferences.Length > 0; type = type.BaseType)
            {
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is TypeDeclarationSyntax declaration)
                    {
                        foreach (var name in TreeShapes.NamesPointedAt(declaration))
                        {
                            if (name != entity.Name && entityNames.Contains(name))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsPointedAt(string entityName, HashSet<string> entityNames, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var tree in TreesPointingAt.TreesWith(compilation, entityName, cancellationToken))
            {
                foreach (var name in Shapes.Get(tree, cancellationToken).ClassesPointingAt[entityName])
                {
                    if (name != entityName && (entityNames.Contains(name) || IsJoinEntity(name, entityNames, compilation, cancellationToken)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A type without a set of its own that an entity of the context holds a collection of (<c>Feed.Categories</c>
        /// of <c>FeedCategory</c>, a many-to-many join entity configured with <c>modelBuilder.Entity&lt;FeedCategory&gt;()</c>):
        /// an entity of the model all the same (found in dotnet-podcasts' genre list).
        /// </summary>
        private static bool IsJoinEntity(string name, HashSet<string> entityNames, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var tree in TreesCollecting.TreesWith(compilation, name, cancellationToken))
            {
                foreach (var owner in Shapes.Get(tree, cancellationToken).ClassesCollecting[name])
                {
                    if (owner != name && entityNames.Contains(owner))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The same test on a model compiled into a referenced assembly, from its symbols: the element types of the
        /// context's <c>DbSet</c> properties (and its base contexts'), their reference navigations, <c>&lt;Entity&gt;Id</c>
        /// properties, and the element types of their collections (join entities). Only for a context with no source in
        /// the compilation, so the per-keystroke path of a model in source is unchanged.
        /// </summary>
        private static class CompiledModel
        {
            public static bool IsReferenceTable(INamedTypeSymbol entity, INamedTypeSymbol context, SemanticContext types)
            {
                var entities = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
                for (var type = context; type != null && !SymbolFacts.Is(type, types.DbContext); type = type.BaseType)
                {
                    foreach (var member in type.GetMembers())
                    {
                        if (member is IPropertySymbol { IsStatic: false } property && types.IsDbSet(property.Type)
                            && property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set && set.TypeArguments[0] is INamedTypeSymbol element)
                        {
                            entities[element.Name] = element;
                        }
                    }
                }

                if (!entities.ContainsKey(entity.Name) || PointsAt(entity, entities, name => name != entity.Name))
                {
                    return false;
                }

                foreach (var other in entities.Values)
                {
                    if (other.Name != entity.Name && PointsAt(other, entities, name => name == entity.Name))
                    {
                        return true;
                    }

                    // Feed.Categories of FeedCategory: a join entity without a set of its own that points at the entity
                    // (held by any entity of the context, the entity itself included, as the source model reads it).
                    foreach (var collected in CollectedTypes(other))
                    {
                        if (collected.Name != entity.Name && !entities.ContainsKey(collected.Name)
                            && PointsAt(collected, entities, name => name == entity.Name))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>
            /// <paramref name="type"/> points at an entity of the context that <paramref name="wanted"/> accepts: a reference
            /// navigation of its type, or an <c>&lt;Entity&gt;Id</c> property.
            /// </summary>
            private static bool PointsAt(INamedTypeSymbol type, Dictionary<string, INamedTypeSymbol> entities, Func<string, bool> wanted)
            {
                for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers())
                    {
                        if (member is not IPropertySymbol { IsStatic: false } property)
                        {
                            continue;
                        }

                        var target = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                            ? nullable.TypeArguments[0].Name
                            : property.Type.Name;
                        if (!entities.ContainsKey(target))
                        {
                            target = property.Name.Length > 2 && property.Name.EndsWith("Id", StringComparison.Ordinal)
                                ? property.Name.Substring(0, property.Name.Length - 2)
                                : string.Empty;
                        }

                        if (entities.ContainsKey(target) && wanted(target))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static IEnumerable<INamedTypeSymbol> CollectedTypes(INamedTypeSymbol type)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, Type: INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } collection }
                        && collection.SpecialType != SpecialType.System_String && collection.TypeArguments[0] is INamedTypeSymbol element)
                    {
                        yield return element;
                    }
                }
            }
        }

        private sealed class ContextFacts
        {
            public ContextFacts(HashSet<string> entityNames) => EntityNames = entityNames;

            public HashSet<string> EntityNames { get; }

            public ConcurrentDictionary<string, bool> Answers { get; } = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        }

        /// <summary>What the type declarations of one tree say about an entity model, by simple names.</summary>
        private sealed class TreeShapes
        {
            private static readonly TreeShapes Empty = new TreeShapes();

            /// <summary>Type name → element type names of its <c>DbSet&lt;T&gt;</c> properties.</summary>
            public Dictionary<string, List<string>> SetElementsByClass { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

            /// <summary>Entity name → names of the types that have a reference navigation to it or an <c>&lt;Entity&gt;Id</c> property.</summary>
            public Dictionary<string, List<string>> ClassesPointingAt { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

            /// <summary>Element type name → names of the types that have a collection property of it (<c>List&lt;FeedCategory&gt; Categories</c>).</summary>
            public Dictionary<string, List<string>> ClassesCollecting { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

            public static TreeShapes Read(SyntaxTree tree, CancellationToken cancellationToken)
            {
                TreeShapes? shapes = null;
                foreach (var declaration in DeclaredTypes.In(tree, cancellationToken))
                {
                    if (!HasInstanceProperty(declaration))
                    {
                        continue;
                    }

                    shapes ??= new TreeShapes();
                    var typeName = declaration.Identifier.ValueText;
                    foreach (var member in declaration.Members)
                    {
                        if (member is not PropertyDeclarationSyntax property || IsStatic(property))
                        {
                            continue;
                        }

                        var propertyType = property.Type is NullableTypeSyntax nullable ? nullable.ElementType : property.Type;
                        if (propertyType is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic
                            && SemanticContext.SimpleName(generic.TypeArgumentList.Arguments[0]) is { } element)
                        {
                            if (generic.Identifier.ValueText == "DbSet")
                            {
                                Add(shapes.SetElementsByClass, typeName, element);
                            }
                            else if (Array.IndexOf(CollectionNames, generic.Identifier.ValueText) >= 0)
                            {
                                Add(shapes.ClassesCollecting, element, typeName);
                            }
                        }
                    }

                    foreach (var pointedAt in NamesPointedAt(declaration))
                    {
                        Add(shapes.ClassesPointingAt, pointedAt, typeName);
                    }
                }

                return shapes ?? Empty;
            }

            /// <summary>The simple type names of the declaration's reference-typed properties, and the prefixes of its <c>…Id</c> properties.</summary>
            public static IEnumerable<string> NamesPointedAt(TypeDeclarationSyntax declaration)
            {
                foreach (var member in declaration.Members)
                {
                    if (member is not PropertyDeclarationSyntax property || IsStatic(property))
                    {
                        continue;
                    }

                    var type = property.Type is NullableTypeSyntax nullable ? nullable.ElementType : property.Type;
                    if (type is not GenericNameSyntax && SemanticContext.SimpleName(type) is { } typeName)
                    {
                        yield return typeName;
                    }

                    var name = property.Identifier.ValueText;
                    if (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal))
                    {
                        yield return name.Substring(0, name.Length - 2);
                    }
                }
            }

            private static readonly string[] CollectionNames =
            {
                "ICollection", "IList", "List", "IEnumerable", "IReadOnlyCollection", "IReadOnlyList", "HashSet", "ISet", "Collection",
            };

            private static bool HasInstanceProperty(TypeDeclarationSyntax declaration)
            {
                foreach (var member in declaration.Members)
                {
                    if (member is PropertyDeclarationSyntax property && !IsStatic(property))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsStatic(PropertyDeclarationSyntax property)
            {
                foreach (var modifier in property.Modifiers)
                {
                    if (modifier.ValueText == "static")
                    {
                        return true;
                    }
                }

                return false;
            }

            private static void Add(Dictionary<string, List<string>> map, string key, string value)
            {
                if (!map.TryGetValue(key, out var values))
                {
                    values = new List<string>();
                    map.Add(key, values);
                }

                values.Add(value);
            }
        }
    }
}
