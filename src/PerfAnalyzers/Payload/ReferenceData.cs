using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// A reference table (docs/rules/PERF401.md, "Reference tables"): an entity of the context that other entities of
    /// the same context point at (a navigation of its type or a <c>&lt;Entity&gt;Id</c> property) while it points at
    /// none itself (no reference navigation, no foreign key of its own). Brands, types, countries, statuses: lookup
    /// lists that grow with the business, not with its traffic. Read from the context's <c>DbSet</c> properties only.
    /// </summary>
    internal static class ReferenceData
    {
        private sealed class ContextFacts
        {
            public ContextFacts(HashSet<INamedTypeSymbol> entities) => Entities = entities;

            public HashSet<INamedTypeSymbol> Entities { get; }

            public ConcurrentDictionary<INamedTypeSymbol, bool> Answers { get; } = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
        }

        // Per compilation and context type: its entity set, and the answer for each entity asked about. Every query of
        // a project asks about the same few contexts, and computing the answer walks every entity's properties.
        private static readonly ConditionalWeakTable<SemanticContext, ConcurrentDictionary<INamedTypeSymbol, ContextFacts>> Facts =
            new ConditionalWeakTable<SemanticContext, ConcurrentDictionary<INamedTypeSymbol, ContextFacts>>();

        public static bool IsReferenceTable(INamedTypeSymbol entity, INamedTypeSymbol? context, SemanticContext types)
        {
            if (context == null || entity.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            var facts = Facts.GetValue(types, _ => new ConcurrentDictionary<INamedTypeSymbol, ContextFacts>(SymbolEqualityComparer.Default))
                .GetOrAdd(context, c => new ContextFacts(EntitiesOf(c, types)));
            return facts.Answers.GetOrAdd(entity, e => Compute(e, facts.Entities));
        }

        private static bool Compute(INamedTypeSymbol entity, HashSet<INamedTypeSymbol> entities)
        {
            if (!entities.Contains(entity))
            {
                return false;
            }

            var referenced = false;
            foreach (var other in entities)
            {
                if (SymbolEqualityComparer.Default.Equals(other, entity))
                {
                    if (PointsAtAnother(entity, entities))
                    {
                        return false;
                    }

                    continue;
                }

                referenced |= PointsAt(other, entity);
            }

            return referenced;
        }

        private static HashSet<INamedTypeSymbol> EntitiesOf(INamedTypeSymbol context, SemanticContext types)
        {
            var result = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            for (var type = context; type != null && !SymbolFacts.Is(type, types.DbContext); type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false } property && types.IsDbSet(property.Type)
                        && property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set && set.TypeArguments[0] is INamedTypeSymbol element)
                    {
                        result.Add(element);
                    }
                }
            }

            return result;
        }

        private static bool PointsAtAnother(INamedTypeSymbol entity, HashSet<INamedTypeSymbol> entities)
        {
            foreach (var property in Properties(entity))
            {
                if (property.Type is INamedTypeSymbol type && !SymbolEqualityComparer.Default.Equals(type, entity) && entities.Contains(type))
                {
                    return true;
                }

                if (property.Name.Length > 2 && property.Name.EndsWith("Id", StringComparison.Ordinal) && property.Name != entity.Name + "Id")
                {
                    var prefix = property.Name.Substring(0, property.Name.Length - 2);
                    foreach (var other in entities)
                    {
                        if (other.Name == prefix && !SymbolEqualityComparer.Default.Equals(other, entity))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool PointsAt(INamedTypeSymbol other, INamedTypeSymbol entity)
        {
            foreach (var property in Properties(other))
            {
                if (SymbolEqualityComparer.Default.Equals(property.Type, entity) || property.Name == entity.Name + "Id")
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                    {
                        yield return property;
                    }
                }
            }
        }
    }
}
