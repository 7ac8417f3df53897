using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PerfAnalyzers.Semantics
{
    /// <summary>HttpClient and HTTP message facts (the connection and payload rules).</summary>
    internal sealed partial class SemanticContext
    {
        /// <summary>True when the code runs inside a client factory or handler builder, or a type nested in one.</summary>
        public bool IsInsideClientInfrastructure(ISymbol containingSymbol)
        {
            for (var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType; type != null; type = type.ContainingType)
            {
                // Factories and handler builders own client lifetimes; creating clients is their job.
                if (SymbolFacts.IsOrDerivesFrom(type, HttpMessageHandlerBuilder) || SymbolFacts.IsOrImplements(type, HttpClientFactory))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsLazyOfHttpClient(ITypeSymbol? type)
            => type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && SymbolFacts.Is(named, Lazy)
            && SymbolFacts.Is(named.TypeArguments[0], HttpClient);

        /// <summary><c>Request.Body</c> / <c>HttpContext.Request.Body</c> (the Body of any <paramref name="owner"/>).</summary>
        public bool IsBodyOf(IOperation? operation, INamedTypeSymbol? owner)
            => operation is IPropertyReferenceOperation { Property.Name: "Body" } body
            && SymbolFacts.IsOrDerivesFrom(body.Property.ContainingType, owner);
    }
}
