using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The services registered for one abstraction, as a collection (docs/concepts.md#registered-services):
    /// <c>provider.GetServices&lt;IOutbox&gt;()</c>, directly or through a local assigned once from it, or an
    /// <c>IEnumerable&lt;IHandler&gt;</c> that a constructor was given (a primary-constructor parameter, or a readonly field of a
    /// class whose constructor takes one, holding it as given or copied into another collection of the same abstraction).
    /// The set is fixed when the container is built and each element is its own implementation, so a loop over it runs
    /// each registration once; there is nothing to batch across them.
    /// </summary>
    internal static class RegisteredServices
    {
        public static bool IsRegisteredServices(IOperation? collection)
        {
            collection = collection?.WalkDownConversion();
            switch (collection)
            {
                case IInvocationOperation call:
                    return IsGetServices(call);
                case ILocalReferenceOperation local:
                    return EfQueryModel.TryGetSingleValue(local, out var value)
                        && value?.WalkDownConversion() is IInvocationOperation assigned
                        && IsGetServices(assigned);
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter }:
                    return IsEnumerableOfAbstraction(parameter.Type);
                case IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false } field }:
                    // The parameter as given, or copied (_providers = providers.ToList(), an IReadOnlyCollection<T> field,
                    // found in Jellyfin's password-reset providers): a collection of the abstraction the constructor takes.
                    return SymbolFacts.SequenceElementType(field.Type) is INamedTypeSymbol element
                        && IsAbstraction(element)
                        && ConstructorTakesEnumerableOf(field.ContainingType, element);
                default:
                    return false;
            }
        }

        /// <summary><c>GetServices&lt;T&gt;()</c> or <c>GetServices(typeof(T))</c> of Microsoft.Extensions.DependencyInjection.</summary>
        private static bool IsGetServices(IInvocationOperation call)
            => call.TargetMethod is { Name: "GetServices" or "GetKeyedServices" } method
            && SymbolFacts.IsNamespace(method.ContainingType?.ContainingNamespace, "Microsoft.Extensions.DependencyInjection");

        /// <summary><c>IEnumerable&lt;T&gt;</c> where T is an interface or an abstract class: a service abstraction.</summary>
        private static bool IsEnumerableOfAbstraction(ITypeSymbol type)
            => type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            && named.TypeArguments[0] is INamedTypeSymbol element
            && IsAbstraction(element);

        private static bool IsAbstraction(INamedTypeSymbol type)
            => type.TypeKind == TypeKind.Interface || (type.TypeKind == TypeKind.Class && type.IsAbstract);

        /// <summary>A constructor of <paramref name="type"/> takes an <c>IEnumerable&lt;T&gt;</c> of <paramref name="element"/>.</summary>
        private static bool ConstructorTakesEnumerableOf(INamedTypeSymbol type, INamedTypeSymbol element)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (IsEnumerableOfAbstraction(parameter.Type)
                        && SymbolEqualityComparer.Default.Equals(((INamedTypeSymbol)parameter.Type).TypeArguments[0], element))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
