using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The symbol relationships the rules ask about, with one meaning each. Every comparison is on original
    /// definitions, so <c>Task&lt;int&gt;</c> is <c>Task`1</c> and <c>List&lt;Order&gt;</c> is <c>List`1</c>. A null
    /// expected symbol (a type the compilation does not reference) never matches.
    /// </summary>
    internal static class SymbolFacts
    {
        // TypeKind.Extension in Roslyn 5 (C# 14 extension blocks); the 4.8 API the analyzers build against lacks the name.
        private const TypeKind ExtensionTypeKind = (TypeKind)14;

        /// <summary>
        /// A C# 14 extension block (<c>extension(IArchiveEntry entry) { .. }</c>): its members are called on the receiver
        /// like instance members but are declared, with their twins, in the block.
        /// </summary>
        public static bool IsExtensionBlock(INamedTypeSymbol? type) => type != null && type.TypeKind == ExtensionTypeKind;

        /// <summary>
        /// The ordinal the database models give the receiver of an extension block's instance member
        /// (<c>query</c> in <c>extension(IQueryable&lt;User&gt; query) { IQueryable&lt;User&gt; ForUser(..) }</c>): it is not
        /// among the member's parameters, and a call hands it over as the invocation's instance
        /// (<see cref="Infrastructure.OperationExtensions.ArgumentFor"/> maps it back).
        /// </summary>
        public const int ExtensionReceiverOrdinal = int.MaxValue;

        /// <summary>
        /// Where a parameter read inside <paramref name="member"/>'s body comes from at a call: its ordinal among the
        /// member's own parameters (the parameter's containing symbol, as a definition, is <paramref name="member"/>),
        /// <see cref="ExtensionReceiverOrdinal"/> when it is the receiver of the extension block that declares the instance
        /// member (a parameter of the block, not of the member), or -1 when it belongs to neither.
        /// </summary>
        public static int OrdinalIn(IParameterSymbol parameter, IMethodSymbol member)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, member))
            {
                return parameter.Ordinal;
            }

            return !member.IsStatic
                && parameter.ContainingSymbol is INamedTypeSymbol block
                && IsExtensionBlock(block)
                && SymbolEqualityComparer.Default.Equals(block.OriginalDefinition, member.ContainingType?.OriginalDefinition)
                ? ExtensionReceiverOrdinal
                : -1;
        }

        /// <summary>An instance member of a C# 14 extension block: called on a receiver its parameters do not list.</summary>
        public static bool IsExtensionBlockInstanceMember(IMethodSymbol method) => !method.IsStatic && IsExtensionBlock(method.ContainingType);

        /// <summary>A call that returns a new random value: <c>Random</c>, <c>RandomNumberGenerator</c>, <c>Guid.NewGuid</c>, <c>Path.GetRandomFileName</c>.</summary>
        public static bool IsRandomSource(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type == null)
            {
                return false;
            }

            return (type.Name == "Random" && IsNamespace(type.ContainingNamespace, "System"))
                || (type.Name == "RandomNumberGenerator" && IsNamespace(type.ContainingNamespace, "System.Security.Cryptography"))
                || (type.Name == "Guid" && method.Name == "NewGuid" && IsNamespace(type.ContainingNamespace, "System"))
                || (type.Name == "Path" && method.Name == "GetRandomFileName" && IsNamespace(type.ContainingNamespace, "System.IO"));
        }

        /// <summary>
        /// The clock's current value: <c>DateTime.UtcNow</c>/<c>Now</c>, <c>DateTimeOffset.UtcNow</c>/<c>Now</c>,
        /// <c>Environment.TickCount</c>/<c>TickCount64</c>. Read again, it gives a later value, as a random source gives a fresh
        /// one (a probe for an unused reference built from the ticks, found in an eligibility-checking engine).
        /// </summary>
        public static bool IsClockRead(IPropertySymbol property)
        {
            var type = property.ContainingType;
            if (type == null || !IsNamespace(type.ContainingNamespace, "System"))
            {
                return false;
            }

            return type.Name switch
            {
                "DateTime" or "DateTimeOffset" => property.Name is "UtcNow" or "Now",
                "Environment" => property.Name is "TickCount" or "TickCount64",
                _ => false,
            };
        }

        /// <summary>
        /// True when <paramref name="ns"/> is the namespace <paramref name="dottedName"/> (<c>"Microsoft.AspNetCore.Mvc"</c>),
        /// compared name by name: <c>ToDisplayString</c> builds a new string on every call, and these checks run per
        /// attribute, parameter or call.
        /// </summary>
        public static bool IsNamespace(INamespaceSymbol? ns, string dottedName)
        {
            var end = dottedName.Length;
            for (; ns != null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                var name = ns.Name;
                var start = end - name.Length;
                if (start < 0 || string.CompareOrdinal(dottedName, start, name, 0, name.Length) != 0)
                {
                    return false;
                }

                if (start == 0)
                {
                    return ns.ContainingNamespace == null || ns.ContainingNamespace.IsGlobalNamespace;
                }

                if (dottedName[start - 1] != '.')
                {
                    return false;
                }

                end = start - 1;
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="ns"/> is <paramref name="dottedName"/> or a namespace nested in it
        /// (<c>Microsoft.AspNetCore.Mvc</c> is within <c>Microsoft.AspNetCore</c>), compared name by name.
        /// </summary>
        public static bool IsWithinNamespace(INamespaceSymbol? ns, string dottedName)
        {
            var wanted = 1;
            foreach (var c in dottedName)
            {
                if (c == '.')
                {
                    wanted++;
                }
            }

            var depth = 0;
            for (var current = ns; current != null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                depth++;
            }

            for (; depth > wanted && ns != null; depth--)
            {
                ns = ns.ContainingNamespace;
            }

            return depth == wanted && IsNamespace(ns, dottedName);
        }

        /// <summary>True when <paramref name="symbol"/> is <paramref name="definition"/> or one of its constructions.</summary>
        public static bool Is(ISymbol? symbol, ISymbol? definition)
            => symbol != null && definition != null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, definition.OriginalDefinition);

        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
        public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
            => baseType != null && (Is(type, baseType) || DerivesFrom(type, baseType));

        /// <summary>True when a base type of <paramref name="type"/> (not the type itself) is <paramref name="baseType"/>.</summary>
        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type?.BaseType; current != null && baseType != null; current = current.BaseType)
            {
                if (Is(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> implements the non-generic <c>IEnumerable</c>: a collection, or a string.</summary>
        public static bool ImplementsEnumerable(ITypeSymbol type)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
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

            if (Is(type, @interface))
            {
                return true;
            }

            // A built-in type (string, int, object) lives in the core library, which references no other assembly, so it
            // implements only interfaces declared there: no need for AllInterfaces, which builds a new array per call.
            if (type.SpecialType != SpecialType.None && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, @interface.ContainingAssembly))
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The first attribute on <paramref name="symbol"/> whose class is <paramref name="attribute"/> or derives from
        /// it (<c>[ApiController]</c> is a <c>[Controller]</c>). With <paramref name="inherit"/>, a type's base types
        /// are searched too, as ASP.NET Core does for <c>[Controller]</c>, <c>[Authorize]</c> and <c>[ResponseCache]</c>.
        /// </summary>
        public static AttributeData? FindAttribute(ISymbol? symbol, INamedTypeSymbol? attribute, bool inherit = false)
        {
            if (attribute == null)
            {
                return null;
            }

            for (var current = symbol; current != null; current = inherit ? (current as INamedTypeSymbol)?.BaseType : null)
            {
                foreach (var data in current.GetAttributes())
                {
                    if (IsOrDerivesFrom(data.AttributeClass, attribute))
                    {
                        return data;
                    }
                }
            }

            return null;
        }

        /// <inheritdoc cref="FindAttribute"/>
        public static bool HasAttribute(ISymbol? symbol, INamedTypeSymbol? attribute, bool inherit = false)
            => FindAttribute(symbol, attribute, inherit) != null;

        /// <summary>True when an attribute on <paramref name="symbol"/> implements <paramref name="interface"/> (<c>IAuthorizeData</c>, …).</summary>
        public static bool HasAttributeImplementing(ISymbol? symbol, INamedTypeSymbol? @interface)
        {
            if (symbol == null || @interface == null)
            {
                return false;
            }

            foreach (var data in symbol.GetAttributes())
            {
                if (IsOrImplements(data.AttributeClass, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The element type of a sequence (an array or any <c>IEnumerable&lt;T&gt;</c>), null for a string or any other type.</summary>
        public static ITypeSymbol? SequenceElementType(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return named.TypeArguments[0];
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return implemented.TypeArguments[0];
                }
            }

            return null;
        }
    }
}
