namespace PerfAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// The global usings Microsoft.NET.Sdk.Web generates for a project with ImplicitUsings enabled, for code compiled
    /// in memory as a web project would be. Also linked into bench/real-world/RealWorldRun.
    /// </summary>
    internal static class WebSdkImplicitUsings
    {
        public const string Source = """
            global using global::System;
            global using global::System.Collections.Generic;
            global using global::System.IO;
            global using global::System.Linq;
            global using global::System.Net.Http;
            global using global::System.Net.Http.Json;
            global using global::System.Threading;
            global using global::System.Threading.Tasks;
            global using global::Microsoft.AspNetCore.Builder;
            global using global::Microsoft.AspNetCore.Hosting;
            global using global::Microsoft.AspNetCore.Http;
            global using global::Microsoft.AspNetCore.Routing;
            global using global::Microsoft.Extensions.Configuration;
            global using global::Microsoft.Extensions.DependencyInjection;
            global using global::Microsoft.Extensions.Hosting;
            global using global::Microsoft.Extensions.Logging;
            """;
    }
}
