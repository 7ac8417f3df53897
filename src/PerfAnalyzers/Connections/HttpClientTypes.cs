using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Connections
{
    /// <summary>The symbols the HttpClient rules need, resolved once per compilation.</summary>
    internal sealed class HttpClientTypes
    {
        private HttpClientTypes(Compilation compilation, INamedTypeSymbol httpClient)
        {
            HttpClient = httpClient;
            HttpClientHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpClientHandler");
            SocketsHttpHandler = compilation.GetTypeByMetadataName("System.Net.Http.SocketsHttpHandler");
            Lazy = compilation.GetTypeByMetadataName("System.Lazy`1");
            HttpClientFactory = compilation.GetTypeByMetadataName("System.Net.Http.IHttpClientFactory");
            HttpMessageHandlerBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Http.HttpMessageHandlerBuilder");
            ServiceCollectionServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
            ServiceCollectionDescriptorExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            ApiControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            NonControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
        }

        public INamedTypeSymbol HttpClient { get; }
        public INamedTypeSymbol? HttpClientHandler { get; }
        public INamedTypeSymbol? SocketsHttpHandler { get; }
        public INamedTypeSymbol? Lazy { get; }
        public INamedTypeSymbol? HttpClientFactory { get; }
        public INamedTypeSymbol? HttpMessageHandlerBuilder { get; }
        public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }
        public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ControllerAttribute { get; }
        public INamedTypeSymbol? ApiControllerAttribute { get; }
        public INamedTypeSymbol? NonControllerAttribute { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? Hub { get; }

        public static HttpClientTypes? TryCreate(Compilation compilation)
        {
            var httpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");

            // In Blazor WebAssembly HttpClient sends through the browser's fetch, which owns the connections:
            // a client per component or scope costs no sockets there.
            return httpClient == null || compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder") != null
                ? null
                : new HttpClientTypes(compilation, httpClient);
        }

        /// <summary>True when the compilation references xunit, NUnit or MSTest: a client per test is normal there.</summary>
        public static bool IsTestProject(Compilation compilation)
            => compilation.GetTypeByMetadataName("Xunit.FactAttribute") != null
            || compilation.GetTypeByMetadataName("NUnit.Framework.TestAttribute") != null
            || compilation.GetTypeByMetadataName("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute") != null;

        /// <summary>Controllers, Razor page models and SignalR hubs: one instance per request (or per hub call).</summary>
        public bool IsPerRequestType(INamedTypeSymbol type)
        {
            if (NonControllerAttribute != null && HasAttribute(type, NonControllerAttribute))
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, ControllerBase)
                    || SymbolEqualityComparer.Default.Equals(current, PageModel)
                    || SymbolEqualityComparer.Default.Equals(current, Hub)
                    || (ControllerAttribute != null && HasAttribute(current, ControllerAttribute))
                    || (ApiControllerAttribute != null && HasAttribute(current, ApiControllerAttribute)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the code runs inside a client factory or handler builder, or a type nested in one.</summary>
        public bool IsInsideClientInfrastructure(ISymbol containingSymbol)
        {
            for (var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType; type != null; type = type.ContainingType)
            {
                if (IsClientInfrastructure(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Factories and handler builders own client lifetimes; creating clients is their job.</summary>
        private bool IsClientInfrastructure(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, HttpMessageHandlerBuilder))
                {
                    return true;
                }
            }

            if (HttpClientFactory != null)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented, HttpClientFactory))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public bool IsLazyOfHttpClient(ITypeSymbol? type)
            => type is INamedTypeSymbol named
            && Lazy != null
            && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Lazy)
            && named.TypeArguments.Length == 1
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], HttpClient);

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
