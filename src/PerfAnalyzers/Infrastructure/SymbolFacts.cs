using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>Type relationships the rules ask about, compared on original definitions so generic instances match.</summary>
    internal static class SymbolFacts
    {
        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
        public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current != null && baseType != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="interface"/> or implements it.</summary>
        public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type == null || @interface == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
