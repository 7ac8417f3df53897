using Microsoft.CodeAnalysis;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Caching
{
    /// <summary>The ASP.NET Core symbols PERF301 needs, resolved once per compilation.</summary>
    internal sealed class CachingTypes
    {
        private CachingTypes(Compilation compilation)
        {
            ControllerBase = Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            ControllerAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
            ApiControllerAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            NonControllerAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            NonActionAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.NonActionAttribute");
            HttpGetAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.HttpGetAttribute");
            HttpHeadAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.HttpHeadAttribute");
            ResponseCacheAttribute = Get(compilation, "Microsoft.AspNetCore.Mvc.ResponseCacheAttribute");
            OutputCacheAttribute = Get(compilation, "Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute");
            OutputCacheOptions = Get(compilation, "Microsoft.AspNetCore.OutputCaching.OutputCacheOptions");
            FilterCollection = Get(compilation, "Microsoft.AspNetCore.Mvc.Filters.FilterCollection");
            AuthorizeData = Get(compilation, "Microsoft.AspNetCore.Authorization.IAuthorizeData");
            AllowAnonymous = Get(compilation, "Microsoft.AspNetCore.Authorization.IAllowAnonymous");
            EndpointRouteBuilderExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
            RouteGroupBuilder = Get(compilation, "Microsoft.AspNetCore.Routing.RouteGroupBuilder");
            OutputCacheConventions = Get(compilation, "Microsoft.Extensions.DependencyInjection.OutputCacheConventionBuilderExtensions");
            RoutingConventions = Get(compilation, "Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions");
            AuthorizationConventions = Get(compilation, "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions");
            EndpointFilterExtensions = Get(compilation, "Microsoft.AspNetCore.Http.EndpointFilterExtensions");
            HeaderDictionary = Get(compilation, "Microsoft.AspNetCore.Http.IHeaderDictionary");
            HttpRequest = Get(compilation, "Microsoft.AspNetCore.Http.HttpRequest");
            ResponseHeaders = Get(compilation, "Microsoft.AspNetCore.Http.Headers.ResponseHeaders");
            HeaderNames = Get(compilation, "Microsoft.Net.Http.Headers.HeaderNames");
            FileResult = Get(compilation, "Microsoft.AspNetCore.Mvc.FileResult");
            ActionResult = Get(compilation, "Microsoft.AspNetCore.Mvc.IActionResult");
            HttpResult = Get(compilation, "Microsoft.AspNetCore.Http.IResult");
            ConvertToActionResult = Get(compilation, "Microsoft.AspNetCore.Mvc.Infrastructure.IConvertToActionResult");
            StatusCodeResult = Get(compilation, "Microsoft.AspNetCore.Mvc.StatusCodeResult");
            Task = Get(compilation, "System.Threading.Tasks.Task");
            ValueTask = Get(compilation, "System.Threading.Tasks.ValueTask");
            TaskOfT = Get(compilation, "System.Threading.Tasks.Task`1");
            ValueTaskOfT = Get(compilation, "System.Threading.Tasks.ValueTask`1");
        }

        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ControllerAttribute { get; }
        public INamedTypeSymbol? ApiControllerAttribute { get; }
        public INamedTypeSymbol? NonControllerAttribute { get; }
        public INamedTypeSymbol? NonActionAttribute { get; }
        public INamedTypeSymbol? HttpGetAttribute { get; }
        public INamedTypeSymbol? HttpHeadAttribute { get; }
        public INamedTypeSymbol? ResponseCacheAttribute { get; }
        public INamedTypeSymbol? OutputCacheAttribute { get; }
        public INamedTypeSymbol? OutputCacheOptions { get; }
        public INamedTypeSymbol? FilterCollection { get; }
        public INamedTypeSymbol? AuthorizeData { get; }
        public INamedTypeSymbol? AllowAnonymous { get; }
        public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
        public INamedTypeSymbol? RouteGroupBuilder { get; }
        public INamedTypeSymbol? OutputCacheConventions { get; }
        public INamedTypeSymbol? RoutingConventions { get; }
        public INamedTypeSymbol? AuthorizationConventions { get; }
        public INamedTypeSymbol? EndpointFilterExtensions { get; }
        public INamedTypeSymbol? HeaderDictionary { get; }
        public INamedTypeSymbol? HttpRequest { get; }
        public INamedTypeSymbol? ResponseHeaders { get; }
        public INamedTypeSymbol? HeaderNames { get; }
        public INamedTypeSymbol? FileResult { get; }
        public INamedTypeSymbol? ActionResult { get; }
        public INamedTypeSymbol? HttpResult { get; }
        public INamedTypeSymbol? ConvertToActionResult { get; }
        public INamedTypeSymbol? StatusCodeResult { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }

        /// <summary>Null when ASP.NET Core (MVC or routing) is not referenced.</summary>
        public static CachingTypes? TryCreate(Compilation compilation)
        {
            var types = new CachingTypes(compilation);
            return types.HttpResult == null || (types.ControllerBase == null && types.EndpointRouteBuilderExtensions == null) ? null : types;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
            => FindAttribute(symbol, attribute) != null;

        public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute == null)
            {
                return null;
            }

            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolFacts.IsOrDerivesFrom(data.AttributeClass, attribute))
                {
                    return data;
                }
            }

            return null;
        }

        public static bool HasAttributeImplementing(ISymbol symbol, INamedTypeSymbol? @interface)
        {
            if (@interface == null)
            {
                return false;
            }

            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolFacts.IsOrImplements(data.AttributeClass, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static INamedTypeSymbol? Get(Compilation compilation, string name) => compilation.GetTypeByMetadataName(name);
    }
}
