using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Handlers
{
    /// <summary>
    /// The ASP.NET Core symbols that define a request handler (see <see cref="RequestHandlerModel"/>),
    /// resolved once per compilation. Any of them may be null when the assembly that declares it is not referenced.
    /// </summary>
    internal sealed class RequestHandlerTypes
    {
        private RequestHandlerTypes(Compilation compilation, INamedTypeSymbol httpContext)
        {
            HttpContext = httpContext;
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            NonActionAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            NonHandlerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute");
            Middleware = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IMiddleware");
            Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
            HubOfT = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub`1");
            EndpointRouteBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
            BindServiceMethodAttribute = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        }

        public INamedTypeSymbol HttpContext { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ControllerAttribute { get; }
        public INamedTypeSymbol? NonControllerAttribute { get; }
        public INamedTypeSymbol? NonActionAttribute { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? NonHandlerAttribute { get; }
        public INamedTypeSymbol? Middleware { get; }
        public INamedTypeSymbol? Hub { get; }
        public INamedTypeSymbol? HubOfT { get; }
        public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

        /// <summary>gRPC is optional: generated service bases carry this attribute.</summary>
        public INamedTypeSymbol? BindServiceMethodAttribute { get; }

        public INamedTypeSymbol? Task { get; }

        /// <summary>Null when ASP.NET Core is not referenced (no <c>HttpContext</c>): then nothing is a request handler.</summary>
        public static RequestHandlerTypes? TryCreate(Compilation compilation)
        {
            var httpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            return httpContext == null ? null : new RequestHandlerTypes(compilation, httpContext);
        }
    }
}
