using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The one registry of the framework types the rules know, for one compilation. Every analyzer and fix asks it;
    /// nothing else calls <c>GetTypeByMetadataName</c>. Types are resolved on first use and cached, so a rule pays only
    /// for the types it reads. A type the compilation does not reference is null.
    /// </summary>
    internal partial class KnownSymbols
    {
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> lookups = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
        private readonly Func<string, INamedTypeSymbol?> findBestType;
        private readonly ReferencedTypes referencedTypes;

        protected KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;
            findBestType = FindBestType;
            referencedTypes = ReferencedTypes.For(compilation);
        }

        public Compilation Compilation { get; }

        /// <summary>
        /// A type by metadata name, tolerant of a type defined more than once (shims and polyfills): the compilation's
        /// own definition wins, then the single one visible from it; an ambiguous name resolves to null, as the
        /// compiler itself would refuse it (CS0433).
        /// </summary>
        public INamedTypeSymbol? Get(string metadataName) => lookups.GetOrAdd(metadataName, findBestType);

        private INamedTypeSymbol? FindBestType(string metadataName)
        {
            // The source's own namespaces: most known types' namespaces are not among them, and the walk stops there.
            // (The compiler's set of declared type names would skip the walk, but it is rebuilt over the whole project
            // for the compilation after an edit: the IDE benchmark showed it growing with the project.)
            var own = Compilation.Assembly.GetTypeByMetadataName(metadataName);
            if (own != null && SymbolEqualityComparer.Default.Equals(own.ContainingAssembly, Compilation.Assembly))
            {
                return own;
            }

            INamedTypeSymbol? best = null;
            foreach (var candidate in referencedTypes.Candidates(metadataName, Compilation))
            {
                // A candidate comes from this compilation's references, so a public one is visible. Asking the compiler
                // would also check that its assembly is referenced, one reference at a time.
                if (!IsPublic(candidate) && !Compilation.IsSymbolAccessibleWithin(candidate, Compilation.Assembly))
                {
                    continue;
                }

                if (best != null)
                {
                    return null;
                }

                best = candidate;
            }

            return best;
        }

        private static bool IsPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private INamedTypeSymbol? Resolve(ref INamedTypeSymbol? field, string metadataName) => field ??= Get(metadataName);

        // System and the base class library.
        private INamedTypeSymbol? task, taskOfT, valueTask, valueTaskOfT, taskAwaiter, taskAwaiterOfT, valueTaskAwaiter, valueTaskAwaiterOfT;
        private INamedTypeSymbol? configuredTaskAwaiter, configuredTaskAwaiterOfT, configuredValueTaskAwaiter, configuredValueTaskAwaiterOfT;
        private INamedTypeSymbol? stringComparison, cultureInfo, formatProvider, equalityComparerOfT, comparerOfT;
        private INamedTypeSymbol? thread, cancellationToken, cancellationTokenSource, obsoleteAttribute, generatedCodeAttribute, console, lazy, timeSpan;
        private INamedTypeSymbol? span, readOnlySpan, memory, readOnlyMemory, listOfT, hashSetOfT, parallel;
        private INamedTypeSymbol? file, stream, memoryStream, stringReader, stringWriter, textReader, streamReader, textWriter, dbDataReader;
        private INamedTypeSymbol? zipFile, zipArchive, zipArchiveEntry, zipArchiveMode;
        private INamedTypeSymbol? queryable, enumerable, asyncEnumerable, iQueryable, iQueryableOfT, expressionOfT, lambdaExpression;
        private INamedTypeSymbol? xmlWriter, xmlReader, xmlWriterSettings, xmlReaderSettings;
        private INamedTypeSymbol? userManagerOfT, roleManagerOfT;
        private INamedTypeSymbol? httpCompletionOption;
        private INamedTypeSymbol? httpClient, httpClientHandler, httpMessageHandler, socketsHttpHandler, httpContent, httpClientFactory, httpMessageHandlerBuilder, jsonSerializer, restEaseClient;
        private INamedTypeSymbol? hashAlgorithm;

        public INamedTypeSymbol? Task => Resolve(ref task, "System.Threading.Tasks.Task");
        public INamedTypeSymbol? TaskOfT => Resolve(ref taskOfT, "System.Threading.Tasks.Task`1");
        public INamedTypeSymbol? ValueTask => Resolve(ref valueTask, "System.Threading.Tasks.ValueTask");
        public INamedTypeSymbol? ValueTaskOfT => Resolve(ref valueTaskOfT, "System.Threading.Tasks.ValueTask`1");
        public INamedTypeSymbol? TaskAwaiter => Resolve(ref taskAwaiter, "System.Runtime.CompilerServices.TaskAwaiter");
        public INamedTypeSymbol? TaskAwaiterOfT => Resolve(ref taskAwaiterOfT, "System.Runtime.CompilerServices.TaskAwaiter`1");
        public INamedTypeSymbol? ValueTaskAwaiter => Resolve(ref valueTaskAwaiter, "System.Runtime.CompilerServices.ValueTaskAwaiter");
        public INamedTypeSymbol? ValueTaskAwaiterOfT => Resolve(ref valueTaskAwaiterOfT, "System.Runtime.CompilerServices.ValueTaskAwaiter`1");
        public INamedTypeSymbol? ConfiguredTaskAwaiter => Resolve(ref configuredTaskAwaiter, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");
        public INamedTypeSymbol? ConfiguredTaskAwaiterOfT => Resolve(ref configuredTaskAwaiterOfT, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter");
        public INamedTypeSymbol? ConfiguredValueTaskAwaiter => Resolve(ref configuredValueTaskAwaiter, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter");
        public INamedTypeSymbol? ConfiguredValueTaskAwaiterOfT => Resolve(ref configuredValueTaskAwaiterOfT, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");
        public INamedTypeSymbol? StringComparisonType => Resolve(ref stringComparison, "System.StringComparison");
        public INamedTypeSymbol? CultureInfo => Resolve(ref cultureInfo, "System.Globalization.CultureInfo");
        public INamedTypeSymbol? FormatProvider => Resolve(ref formatProvider, "System.IFormatProvider");
        public INamedTypeSymbol? IEqualityComparerOfT => Resolve(ref equalityComparerOfT, "System.Collections.Generic.IEqualityComparer`1");
        public INamedTypeSymbol? IComparerOfT => Resolve(ref comparerOfT, "System.Collections.Generic.IComparer`1");
        public INamedTypeSymbol? Thread => Resolve(ref thread, "System.Threading.Thread");
        public INamedTypeSymbol? CancellationToken => Resolve(ref cancellationToken, "System.Threading.CancellationToken");
        public INamedTypeSymbol? CancellationTokenSource => Resolve(ref cancellationTokenSource, "System.Threading.CancellationTokenSource");
        public INamedTypeSymbol? ObsoleteAttribute => Resolve(ref obsoleteAttribute, "System.ObsoleteAttribute");
        public INamedTypeSymbol? GeneratedCodeAttribute => Resolve(ref generatedCodeAttribute, "System.CodeDom.Compiler.GeneratedCodeAttribute");
        public INamedTypeSymbol? Console => Resolve(ref console, "System.Console");
        public INamedTypeSymbol? Lazy => Resolve(ref lazy, "System.Lazy`1");
        public INamedTypeSymbol? TimeSpan => Resolve(ref timeSpan, "System.TimeSpan");
        public INamedTypeSymbol? Span => Resolve(ref span, "System.Span`1");
        public INamedTypeSymbol? ReadOnlySpan => Resolve(ref readOnlySpan, "System.ReadOnlySpan`1");
        public INamedTypeSymbol? Memory => Resolve(ref memory, "System.Memory`1");
        public INamedTypeSymbol? ReadOnlyMemory => Resolve(ref readOnlyMemory, "System.ReadOnlyMemory`1");
        public INamedTypeSymbol? ListOfT => Resolve(ref listOfT, "System.Collections.Generic.List`1");
        public INamedTypeSymbol? HashSetOfT => Resolve(ref hashSetOfT, "System.Collections.Generic.HashSet`1");
        public INamedTypeSymbol? Parallel => Resolve(ref parallel, "System.Threading.Tasks.Parallel");
        public INamedTypeSymbol? File => Resolve(ref file, "System.IO.File");
        public INamedTypeSymbol? Stream => Resolve(ref stream, "System.IO.Stream");
        public INamedTypeSymbol? MemoryStream => Resolve(ref memoryStream, "System.IO.MemoryStream");
        public INamedTypeSymbol? HashAlgorithm => Resolve(ref hashAlgorithm, "System.Security.Cryptography.HashAlgorithm");
        public INamedTypeSymbol? StringReader => Resolve(ref stringReader, "System.IO.StringReader");
        public INamedTypeSymbol? StringWriter => Resolve(ref stringWriter, "System.IO.StringWriter");
        public INamedTypeSymbol? ZipFile => Resolve(ref zipFile, "System.IO.Compression.ZipFile");
        public INamedTypeSymbol? ZipArchive => Resolve(ref zipArchive, "System.IO.Compression.ZipArchive");
        public INamedTypeSymbol? ZipArchiveEntry => Resolve(ref zipArchiveEntry, "System.IO.Compression.ZipArchiveEntry");
        public INamedTypeSymbol? ZipArchiveMode => Resolve(ref zipArchiveMode, "System.IO.Compression.ZipArchiveMode");
        public INamedTypeSymbol? TextReader => Resolve(ref textReader, "System.IO.TextReader");
        public INamedTypeSymbol? StreamReader => Resolve(ref streamReader, "System.IO.StreamReader");
        public INamedTypeSymbol? TextWriter => Resolve(ref textWriter, "System.IO.TextWriter");
        public INamedTypeSymbol? DbDataReader => Resolve(ref dbDataReader, "System.Data.Common.DbDataReader");
        public INamedTypeSymbol? Queryable => Resolve(ref queryable, "System.Linq.Queryable");
        public INamedTypeSymbol? Enumerable => Resolve(ref enumerable, "System.Linq.Enumerable");
        public INamedTypeSymbol? AsyncEnumerable => Resolve(ref asyncEnumerable, "System.Linq.AsyncEnumerable");
        public INamedTypeSymbol? IQueryable => Resolve(ref iQueryable, "System.Linq.IQueryable");
        public INamedTypeSymbol? IQueryableOfT => Resolve(ref iQueryableOfT, "System.Linq.IQueryable`1");
        public INamedTypeSymbol? ExpressionOfT => Resolve(ref expressionOfT, "System.Linq.Expressions.Expression`1");
        public INamedTypeSymbol? LambdaExpression => Resolve(ref lambdaExpression, "System.Linq.Expressions.LambdaExpression");
        public INamedTypeSymbol? UserManagerOfT => Resolve(ref userManagerOfT, "Microsoft.AspNetCore.Identity.UserManager`1");
        public INamedTypeSymbol? RoleManagerOfT => Resolve(ref roleManagerOfT, "Microsoft.AspNetCore.Identity.RoleManager`1");
        public INamedTypeSymbol? XmlWriter => Resolve(ref xmlWriter, "System.Xml.XmlWriter");
        public INamedTypeSymbol? XmlReader => Resolve(ref xmlReader, "System.Xml.XmlReader");
        public INamedTypeSymbol? XmlWriterSettings => Resolve(ref xmlWriterSettings, "System.Xml.XmlWriterSettings");
        public INamedTypeSymbol? XmlReaderSettings => Resolve(ref xmlReaderSettings, "System.Xml.XmlReaderSettings");
        public INamedTypeSymbol? HttpCompletionOption => Resolve(ref httpCompletionOption, "System.Net.Http.HttpCompletionOption");
        public INamedTypeSymbol? HttpClient => Resolve(ref httpClient, "System.Net.Http.HttpClient");
        public INamedTypeSymbol? HttpClientHandler => Resolve(ref httpClientHandler, "System.Net.Http.HttpClientHandler");
        public INamedTypeSymbol? HttpMessageHandler => Resolve(ref httpMessageHandler, "System.Net.Http.HttpMessageHandler");

        /// <summary>RestEase's client and typed-client factory (<c>RestClient.For&lt;T&gt;(baseUrl)</c>), which builds an HttpClient of its own.</summary>
        public INamedTypeSymbol? RestEaseClient => Resolve(ref restEaseClient, "RestEase.RestClient");
        public INamedTypeSymbol? SocketsHttpHandler => Resolve(ref socketsHttpHandler, "System.Net.Http.SocketsHttpHandler");
        public INamedTypeSymbol? HttpContent => Resolve(ref httpContent, "System.Net.Http.HttpContent");
        public INamedTypeSymbol? HttpClientFactory => Resolve(ref httpClientFactory, "System.Net.Http.IHttpClientFactory");
        public INamedTypeSymbol? HttpMessageHandlerBuilder => Resolve(ref httpMessageHandlerBuilder, "Microsoft.Extensions.Http.HttpMessageHandlerBuilder");
        public INamedTypeSymbol? JsonSerializer => Resolve(ref jsonSerializer, "System.Text.Json.JsonSerializer");

        // EF Core.
        private INamedTypeSymbol? dbContext, dbSet, dbContextFactory, entityFrameworkQueryableExtensions, relationalQueryableExtensions;
        private INamedTypeSymbol? relationalDatabaseFacadeExtensions, navigationEntry, collectionEntry, referenceEntry, lazyLoader, proxiesExtensions;
        private INamedTypeSymbol? notMappedAttribute, keyAttribute;

        public INamedTypeSymbol? DbContext => Resolve(ref dbContext, "Microsoft.EntityFrameworkCore.DbContext");
        public INamedTypeSymbol? DbSet => Resolve(ref dbSet, "Microsoft.EntityFrameworkCore.DbSet`1");
        public INamedTypeSymbol? DbContextFactory => Resolve(ref dbContextFactory, "Microsoft.EntityFrameworkCore.IDbContextFactory`1");
        public INamedTypeSymbol? EntityFrameworkQueryableExtensions => Resolve(ref entityFrameworkQueryableExtensions, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");

        /// <summary>FromSql, FromSqlRaw, FromSqlInterpolated, AsSplitQuery, ExecuteUpdate/Delete …</summary>
        public INamedTypeSymbol? RelationalQueryableExtensions => Resolve(ref relationalQueryableExtensions, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");

        /// <summary><c>Database.SqlQuery&lt;T&gt;(..)</c> / <c>SqlQueryRaw</c>: an EF query root too.</summary>
        public INamedTypeSymbol? RelationalDatabaseFacadeExtensions => Resolve(ref relationalDatabaseFacadeExtensions, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        public INamedTypeSymbol? NavigationEntry => Resolve(ref navigationEntry, "Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
        public INamedTypeSymbol? CollectionEntry => Resolve(ref collectionEntry, "Microsoft.EntityFrameworkCore.ChangeTracking.CollectionEntry");
        public INamedTypeSymbol? ReferenceEntry => Resolve(ref referenceEntry, "Microsoft.EntityFrameworkCore.ChangeTracking.ReferenceEntry");
        public INamedTypeSymbol? LazyLoader => Resolve(ref lazyLoader, "Microsoft.EntityFrameworkCore.Infrastructure.ILazyLoader");
        public INamedTypeSymbol? ProxiesExtensions => Resolve(ref proxiesExtensions, "Microsoft.EntityFrameworkCore.ProxiesExtensions");
        public INamedTypeSymbol? NotMappedAttribute => Resolve(ref notMappedAttribute, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute");
        public INamedTypeSymbol? KeyAttribute => Resolve(ref keyAttribute, "System.ComponentModel.DataAnnotations.KeyAttribute");

        // ASP.NET Core: hosting, HTTP abstractions and request handlers.
        private INamedTypeSymbol? httpContext, httpRequest, httpResponse, headerDictionary, responseHeaders, headerNames, httpResponseWritingExtensions;
        private INamedTypeSymbol? middleware, hub, hubOfT, pageModel, nonHandlerAttribute, bindServiceMethodAttribute, host, webAssemblyHostBuilder, kestrelServerOptions;
        private INamedTypeSymbol? controllerBase, controllerAttribute, apiControllerAttribute, nonControllerAttribute, nonActionAttribute;
        private INamedTypeSymbol? fastEndpointsBaseEndpoint;
        private INamedTypeSymbol? httpGetAttribute, httpHeadAttribute, results, typedResults, httpResult, actionResult, convertToActionResult;
        private INamedTypeSymbol? statusCodeResult, fileResult, fileContentResult, contentResult, actionResultOfT;

        public INamedTypeSymbol? HttpContext => Resolve(ref httpContext, "Microsoft.AspNetCore.Http.HttpContext");
        public INamedTypeSymbol? HttpRequest => Resolve(ref httpRequest, "Microsoft.AspNetCore.Http.HttpRequest");
        public INamedTypeSymbol? HttpResponse => Resolve(ref httpResponse, "Microsoft.AspNetCore.Http.HttpResponse");
        public INamedTypeSymbol? HeaderDictionary => Resolve(ref headerDictionary, "Microsoft.AspNetCore.Http.IHeaderDictionary");
        public INamedTypeSymbol? ResponseHeaders => Resolve(ref responseHeaders, "Microsoft.AspNetCore.Http.Headers.ResponseHeaders");
        public INamedTypeSymbol? HeaderNames => Resolve(ref headerNames, "Microsoft.Net.Http.Headers.HeaderNames");
        public INamedTypeSymbol? HttpResponseWritingExtensions => Resolve(ref httpResponseWritingExtensions, "Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
        public INamedTypeSymbol? Middleware => Resolve(ref middleware, "Microsoft.AspNetCore.Http.IMiddleware");
        public INamedTypeSymbol? Hub => Resolve(ref hub, "Microsoft.AspNetCore.SignalR.Hub");
        public INamedTypeSymbol? HubOfT => Resolve(ref hubOfT, "Microsoft.AspNetCore.SignalR.Hub`1");
        public INamedTypeSymbol? PageModel => Resolve(ref pageModel, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        public INamedTypeSymbol? NonHandlerAttribute => Resolve(ref nonHandlerAttribute, "Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute");

        /// <summary>FastEndpoints is optional: every endpoint class derives from this base.</summary>
        public INamedTypeSymbol? FastEndpointsBaseEndpoint => Resolve(ref fastEndpointsBaseEndpoint, "FastEndpoints.BaseEndpoint");

        /// <summary>gRPC is optional: generated service bases carry this attribute.</summary>
        public INamedTypeSymbol? BindServiceMethodAttribute => Resolve(ref bindServiceMethodAttribute, "Grpc.Core.BindServiceMethodAttribute");
        public INamedTypeSymbol? Host => Resolve(ref host, "Microsoft.Extensions.Hosting.IHost");
        public INamedTypeSymbol? WebAssemblyHostBuilder => Resolve(ref webAssemblyHostBuilder, "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder");

        /// <summary>Kestrel's options: in the ASP.NET Core shared framework, which a browser app cannot reference.</summary>
        public INamedTypeSymbol? KestrelServerOptions => Resolve(ref kestrelServerOptions, "Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions");
        public INamedTypeSymbol? ControllerBase => Resolve(ref controllerBase, "Microsoft.AspNetCore.Mvc.ControllerBase");
        public INamedTypeSymbol? ControllerAttribute => Resolve(ref controllerAttribute, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
        public INamedTypeSymbol? ApiControllerAttribute => Resolve(ref apiControllerAttribute, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        public INamedTypeSymbol? NonControllerAttribute => Resolve(ref nonControllerAttribute, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        public INamedTypeSymbol? NonActionAttribute => Resolve(ref nonActionAttribute, "Microsoft.AspNetCore.Mvc.NonActionAttribute");
        public INamedTypeSymbol? HttpGetAttribute => Resolve(ref httpGetAttribute, "Microsoft.AspNetCore.Mvc.HttpGetAttribute");
        public INamedTypeSymbol? HttpHeadAttribute => Resolve(ref httpHeadAttribute, "Microsoft.AspNetCore.Mvc.HttpHeadAttribute");
        public INamedTypeSymbol? Results => Resolve(ref results, "Microsoft.AspNetCore.Http.Results");
        public INamedTypeSymbol? TypedResults => Resolve(ref typedResults, "Microsoft.AspNetCore.Http.TypedResults");
        public INamedTypeSymbol? HttpResult => Resolve(ref httpResult, "Microsoft.AspNetCore.Http.IResult");
        public INamedTypeSymbol? ActionResult => Resolve(ref actionResult, "Microsoft.AspNetCore.Mvc.IActionResult");
        public INamedTypeSymbol? ConvertToActionResult => Resolve(ref convertToActionResult, "Microsoft.AspNetCore.Mvc.Infrastructure.IConvertToActionResult");
        public INamedTypeSymbol? ActionResultOfT => Resolve(ref actionResultOfT, "Microsoft.AspNetCore.Mvc.ActionResult`1");
        public INamedTypeSymbol? StatusCodeResult => Resolve(ref statusCodeResult, "Microsoft.AspNetCore.Mvc.StatusCodeResult");
        public INamedTypeSymbol? FileResult => Resolve(ref fileResult, "Microsoft.AspNetCore.Mvc.FileResult");
        public INamedTypeSymbol? FileContentResult => Resolve(ref fileContentResult, "Microsoft.AspNetCore.Mvc.FileContentResult");
        public INamedTypeSymbol? ContentResult => Resolve(ref contentResult, "Microsoft.AspNetCore.Mvc.ContentResult");

        // ASP.NET Core: endpoint routing, conventions, caching and authorization.
        private INamedTypeSymbol? endpointRouteBuilderExtensions, routeGroupBuilder, outputCacheConventions, routingConventions, authorizationConventions;
        private INamedTypeSymbol? endpointFilterExtensions, responseCacheAttribute, outputCacheAttribute, outputCacheOptions, filterCollection;
        private INamedTypeSymbol? authorizeFilter, authorizationOptions, authorizationBuilder;
        private INamedTypeSymbol? authorizeData, allowAnonymous;

        public INamedTypeSymbol? EndpointRouteBuilderExtensions => Resolve(ref endpointRouteBuilderExtensions, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        public INamedTypeSymbol? RouteGroupBuilder => Resolve(ref routeGroupBuilder, "Microsoft.AspNetCore.Routing.RouteGroupBuilder");
        public INamedTypeSymbol? OutputCacheConventions => Resolve(ref outputCacheConventions, "Microsoft.Extensions.DependencyInjection.OutputCacheConventionBuilderExtensions");
        public INamedTypeSymbol? RoutingConventions => Resolve(ref routingConventions, "Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions");
        public INamedTypeSymbol? AuthorizationConventions => Resolve(ref authorizationConventions, "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions");
        public INamedTypeSymbol? EndpointFilterExtensions => Resolve(ref endpointFilterExtensions, "Microsoft.AspNetCore.Http.EndpointFilterExtensions");
        public INamedTypeSymbol? ResponseCacheAttribute => Resolve(ref responseCacheAttribute, "Microsoft.AspNetCore.Mvc.ResponseCacheAttribute");
        public INamedTypeSymbol? OutputCacheAttribute => Resolve(ref outputCacheAttribute, "Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute");
        public INamedTypeSymbol? OutputCacheOptions => Resolve(ref outputCacheOptions, "Microsoft.AspNetCore.OutputCaching.OutputCacheOptions");
        public INamedTypeSymbol? FilterCollection => Resolve(ref filterCollection, "Microsoft.AspNetCore.Mvc.Filters.FilterCollection");
        public INamedTypeSymbol? AuthorizeData => Resolve(ref authorizeData, "Microsoft.AspNetCore.Authorization.IAuthorizeData");
        public INamedTypeSymbol? AllowAnonymous => Resolve(ref allowAnonymous, "Microsoft.AspNetCore.Authorization.IAllowAnonymous");
        public INamedTypeSymbol? AuthorizeFilter => Resolve(ref authorizeFilter, "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter");
        public INamedTypeSymbol? AuthorizationOptions => Resolve(ref authorizationOptions, "Microsoft.AspNetCore.Authorization.AuthorizationOptions");
        public INamedTypeSymbol? AuthorizationBuilder => Resolve(ref authorizationBuilder, "Microsoft.AspNetCore.Authorization.AuthorizationBuilder");

        // Dependency injection and test frameworks.
        private INamedTypeSymbol? serviceCollectionServiceExtensions, serviceCollectionDescriptorExtensions;
        private INamedTypeSymbol? xunitFact, nunitTest, msTestTestMethod;

        public INamedTypeSymbol? ServiceCollectionServiceExtensions => Resolve(ref serviceCollectionServiceExtensions, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        public INamedTypeSymbol? ServiceCollectionDescriptorExtensions => Resolve(ref serviceCollectionDescriptorExtensions, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
        public INamedTypeSymbol? XunitFactAttribute => Resolve(ref xunitFact, "Xunit.FactAttribute");
        public INamedTypeSymbol? NUnitTestAttribute => Resolve(ref nunitTest, "NUnit.Framework.TestAttribute");
        public INamedTypeSymbol? MSTestTestMethodAttribute => Resolve(ref msTestTestMethod, "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute");

        // EF Core configuration (PERF106-PERF108, PERF302)
        private INamedTypeSymbol? dbContextOptions, dbContextOptionsOfT, entityFrameworkServiceCollectionExtensions;

        public INamedTypeSymbol? DbContextOptions => Resolve(ref dbContextOptions, "Microsoft.EntityFrameworkCore.DbContextOptions");
        public INamedTypeSymbol? DbContextOptionsOfT => Resolve(ref dbContextOptionsOfT, "Microsoft.EntityFrameworkCore.DbContextOptions`1");

        /// <summary><c>AddDbContext</c>, <c>AddDbContextPool</c>, <c>AddDbContextFactory</c>, <c>AddPooledDbContextFactory</c>.</summary>
        public INamedTypeSymbol? EntityFrameworkServiceCollectionExtensions => Resolve(ref entityFrameworkServiceCollectionExtensions, "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions");
    }
}
