using Microsoft.CodeAnalysis;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Payload
{
    /// <summary>The symbols the payload rules (PERF402–PERF404) need, resolved once per compilation.</summary>
    internal sealed class PayloadTypes
    {
        private PayloadTypes(Compilation compilation)
        {
            File = compilation.GetTypeByMetadataName("System.IO.File");
            Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
            MemoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
            TextReader = compilation.GetTypeByMetadataName("System.IO.TextReader");
            StreamReader = compilation.GetTypeByMetadataName("System.IO.StreamReader");
            TextWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            HttpContent = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
            JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            FileContentResult = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.FileContentResult");
            ContentResult = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ContentResult");
            HttpResponse = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
            HttpRequest = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequest");
            HttpResponseWritingExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
            Results = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Results");
            TypedResults = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.TypedResults");
        }

        public INamedTypeSymbol? File { get; }
        public INamedTypeSymbol? Stream { get; }
        public INamedTypeSymbol? MemoryStream { get; }
        public INamedTypeSymbol? TextReader { get; }
        public INamedTypeSymbol? StreamReader { get; }
        public INamedTypeSymbol? TextWriter { get; }
        public INamedTypeSymbol? HttpClient { get; }
        public INamedTypeSymbol? HttpContent { get; }
        public INamedTypeSymbol? JsonSerializer { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? FileContentResult { get; }
        public INamedTypeSymbol? ContentResult { get; }
        public INamedTypeSymbol? HttpResponse { get; }
        public INamedTypeSymbol? HttpRequest { get; }
        public INamedTypeSymbol? HttpResponseWritingExtensions { get; }
        public INamedTypeSymbol? Results { get; }
        public INamedTypeSymbol? TypedResults { get; }

        public static PayloadTypes Create(Compilation compilation) => new PayloadTypes(compilation);

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        /// <summary><c>Request.Body</c> / <c>HttpContext.Request.Body</c> (any HttpRequest's Body).</summary>
        public bool IsBodyOf(IOperation? operation, INamedTypeSymbol? owner)
            => operation is Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation { Property.Name: "Body" } body
            && SymbolFacts.IsOrDerivesFrom(body.Property.ContainingType, owner);
    }
}
