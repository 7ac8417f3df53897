using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>The framework types of the serialization (7xx), concurrency (6xx) and response-compression rules.</summary>
    internal partial class KnownSymbols
    {
        // System.Text.Json and the JSON helpers of System.Net.Http and ASP.NET Core.
        private INamedTypeSymbol? jsonSerializerOptions, jsonSerializerContext, httpClientJsonExtensions, httpContentJsonExtensions, jsonContent;
        private INamedTypeSymbol? httpRequestJsonExtensions, httpResponseJsonExtensions, mvcJsonResult, mvcController;

        public INamedTypeSymbol? JsonSerializerOptions => Resolve(ref jsonSerializerOptions, "System.Text.Json.JsonSerializerOptions");
        public INamedTypeSymbol? JsonSerializerContext => Resolve(ref jsonSerializerContext, "System.Text.Json.Serialization.JsonSerializerContext");
        public INamedTypeSymbol? HttpClientJsonExtensions => Resolve(ref httpClientJsonExtensions, "System.Net.Http.Json.HttpClientJsonExtensions");
        public INamedTypeSymbol? HttpContentJsonExtensions => Resolve(ref httpContentJsonExtensions, "System.Net.Http.Json.HttpContentJsonExtensions");
        public INamedTypeSymbol? JsonContent => Resolve(ref jsonContent, "System.Net.Http.Json.JsonContent");
        public INamedTypeSymbol? HttpRequestJsonExtensions => Resolve(ref httpRequestJsonExtensions, "Microsoft.AspNetCore.Http.HttpRequestJsonExtensions");
        public INamedTypeSymbol? HttpResponseJsonExtensions => Resolve(ref httpResponseJsonExtensions, "Microsoft.AspNetCore.Http.HttpResponseJsonExtensions");
        public INamedTypeSymbol? MvcJsonResult => Resolve(ref mvcJsonResult, "Microsoft.AspNetCore.Mvc.JsonResult");
        public INamedTypeSymbol? MvcController => Resolve(ref mvcController, "Microsoft.AspNetCore.Mvc.Controller");

        // Hosting: the application builder whose Build() PERF405 reports at.
        private INamedTypeSymbol? webApplicationBuilder;

        public INamedTypeSymbol? WebApplicationBuilder => Resolve(ref webApplicationBuilder, "Microsoft.AspNetCore.Builder.WebApplicationBuilder");

        // The request pipeline a method adds middleware to (WebApplication implements it).
        private INamedTypeSymbol? applicationBuilderInterface;

        public INamedTypeSymbol? ApplicationBuilderInterface => Resolve(ref applicationBuilderInterface, "Microsoft.AspNetCore.Builder.IApplicationBuilder");

        // The generic host and the web host of a Startup-style application (CreateHostBuilder(args).Build().Run()).
        private INamedTypeSymbol? hostBuilder, webHostBuilder;

        public INamedTypeSymbol? HostBuilderInterface => Resolve(ref hostBuilder, "Microsoft.Extensions.Hosting.IHostBuilder");
        public INamedTypeSymbol? WebHostBuilderInterface => Resolve(ref webHostBuilder, "Microsoft.AspNetCore.Hosting.IWebHostBuilder");

        // Buffers, pooling and request input.
        private INamedTypeSymbol? arrayPoolOfT, math, formFile;

        public INamedTypeSymbol? ArrayPoolOfT => Resolve(ref arrayPoolOfT, "System.Buffers.ArrayPool`1");
        public INamedTypeSymbol? SystemMath => Resolve(ref math, "System.Math");
        public INamedTypeSymbol? FormFile => Resolve(ref formFile, "Microsoft.AspNetCore.Http.IFormFile");
    }
}
