using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Tests.Infrastructure
{
    /// <summary>Which frameworks a test snippet compiles against.</summary>
    [Flags]
    public enum Frameworks
    {
        /// <summary>The .NET base class library only.</summary>
        NetCore = 0,
        AspNetCore = 1,
        EfCore = 2,
        /// <summary>xunit, for rules that behave differently in test projects.</summary>
        Xunit = 4,
        /// <summary>
        /// A Blazor WebAssembly app, where HttpClient goes through the browser: the WebAssembly packages and ASP.NET Core's
        /// component and extension assemblies, without the server (Kestrel, IIS, HTTP.sys), which a browser app cannot reference.
        /// </summary>
        BlazorWebAssembly = 8 | AspNetCore,
        /// <summary>An ASP.NET Core server that hosts a Blazor WebAssembly client: the client's packages and the whole server.</summary>
        BlazorHostedServer = 32 | BlazorWebAssembly,
        /// <summary>AutoMapper and Mapster, whose query projections compose EF queries.</summary>
        Mappers = 16,
        Web = AspNetCore | EfCore,
        /// <summary>FastEndpoints (with FluentValidation, which its endpoint classes take) on top of ASP.NET Core and EF Core.</summary>
        FastEndpoints = 64 | Web,
        /// <summary>CSharpFunctionalExtensions' result and option types (Result&lt;T&gt;, Maybe&lt;T&gt;).</summary>
        Results = 128,
        /// <summary>LinqKit's EF Core build (AsExpandable).</summary>
        LinqKit = 256,
    }

    /// <summary>
    /// The assemblies this test project itself compiles against (written to snippet-references.txt at build
    /// time), grouped by framework. Snippets use the real EF Core and ASP.NET Core, and nothing is downloaded
    /// while tests run.
    /// </summary>
    public static class SnippetReferences
    {
        private static readonly Lazy<ImmutableArray<(MetadataReference Reference, string Package, string Framework)>> All =
            new Lazy<ImmutableArray<(MetadataReference, string, string)>>(Load);

        private static readonly Dictionary<Frameworks, ImmutableArray<MetadataReference>> Cache = new Dictionary<Frameworks, ImmutableArray<MetadataReference>>();

        // NuGet packages that belong to EF Core, the SQLite provider and SQL Server's ADO.NET provider (with their dependencies).
        private static readonly string[] EfCorePackagePrefixes =
        {
            "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Castle.Core", "Microsoft.Extensions.",
            "Microsoft.Data.SqlClient", "Microsoft.AspNetCore.Identity.EntityFrameworkCore",
        };

        public static ImmutableArray<MetadataReference> For(Frameworks frameworks)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(frameworks, out var references))
                {
                    references = All.Value.Where(r => Includes(frameworks, r.Package, r.Framework) && !IsServerLeftOut(frameworks, r.Reference)).Select(r => r.Reference).ToImmutableArray();
                    Cache[frameworks] = references;
                }

                return references;
            }
        }

        /// <summary>A browser app's references hold no ASP.NET Core server.</summary>
        private static bool IsServerLeftOut(Frameworks frameworks, MetadataReference reference)
            => (frameworks & Frameworks.BlazorHostedServer) == Frameworks.BlazorWebAssembly
                && Path.GetFileName(reference.Display ?? "").StartsWith("Microsoft.AspNetCore.Server.", StringComparison.Ordinal);

        private static bool Includes(Frameworks frameworks, string package, string framework)
        {
            if (framework == "Microsoft.NETCore.App")
            {
                return true;
            }

            if (framework == "Microsoft.AspNetCore.App")
            {
                return (frameworks & Frameworks.AspNetCore) != 0;
            }

            if (package.Length == 0)
            {
                return false;
            }

            if ((frameworks & Frameworks.Xunit) != 0 && package.StartsWith("xunit", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if ((frameworks & Frameworks.BlazorWebAssembly) == Frameworks.BlazorWebAssembly
                && (package.StartsWith("Microsoft.AspNetCore.Components.WebAssembly", StringComparison.Ordinal) || package.StartsWith("Microsoft.JSInterop", StringComparison.Ordinal)))
            {
                return true;
            }

            if ((frameworks & Frameworks.FastEndpoints) == Frameworks.FastEndpoints
                && (package.StartsWith("FastEndpoints", StringComparison.Ordinal) || package.StartsWith("FluentValidation", StringComparison.Ordinal)))
            {
                return true;
            }

            if ((frameworks & Frameworks.Mappers) != 0 && (package.StartsWith("AutoMapper", StringComparison.Ordinal) || package.StartsWith("Mapster", StringComparison.Ordinal)))
            {
                return true;
            }

            if ((frameworks & Frameworks.Results) != 0 && package.StartsWith("CSharpFunctionalExtensions", StringComparison.Ordinal))
            {
                return true;
            }

            if ((frameworks & Frameworks.LinqKit) != 0 && package.StartsWith("LinqKit", StringComparison.Ordinal))
            {
                return true;
            }

            return (frameworks & Frameworks.EfCore) != 0
                && EfCorePackagePrefixes.Any(prefix => package.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }

        private static ImmutableArray<(MetadataReference, string, string)> Load()
        {
            var listing = Path.Combine(AppContext.BaseDirectory, "snippet-references.txt");
            if (!File.Exists(listing))
            {
                throw new InvalidOperationException($"'{listing}' is missing: it is written by the WriteSnippetReferences target when the test project builds.");
            }

            var references = ImmutableArray.CreateBuilder<(MetadataReference, string, string)>();
            foreach (var line in File.ReadAllLines(listing))
            {
                var parts = line.Split('|');
                if (parts.Length != 3 || !File.Exists(parts[0]))
                {
                    continue;
                }

                references.Add((MetadataReference.CreateFromFile(parts[0]), parts[1], parts[2]));
            }

            return references.ToImmutable();
        }
    }
}
