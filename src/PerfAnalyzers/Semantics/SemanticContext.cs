using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Handlers;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// Everything the rules know about one compilation: the known symbols (<see cref="KnownSymbols"/>), the kinds of
    /// project, and the concepts every family shares (request handlers, controllers, per-request types, task-likes,
    /// EF queries). Created once per <see cref="Compilation"/> and shared by every analyzer and
    /// fix; each fact is computed on first use. The concepts are defined in docs/concepts.md.
    /// </summary>
    internal sealed partial class SemanticContext : KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, SemanticContext> Contexts = new ConditionalWeakTable<Compilation, SemanticContext>();
        private static readonly ConditionalWeakTable<Compilation, SemanticContext>.CreateValueCallback Create = c => new SemanticContext(c);

        private readonly Lazy<RequestHandlerModel?> handlers;
        private readonly Lazy<bool> isTestProject;
        private readonly Lazy<bool> isConsoleProgram;
        private readonly Lazy<ImmutableArray<byte>> ownPublicKey;

        private SemanticContext(Compilation compilation)
            : base(compilation)
        {
            handlers = new Lazy<RequestHandlerModel?>(() => ReferencesAspNetCore ? new RequestHandlerModel(this) : null, LazyThreadSafetyMode.ExecutionAndPublication);
            isTestProject = new Lazy<bool>(
                () => XunitFactAttribute != null || NUnitTestAttribute != null || MSTestTestMethodAttribute != null || IsStandInServiceName(compilation.AssemblyName),
                LazyThreadSafetyMode.PublicationOnly);
            isConsoleProgram = new Lazy<bool>(
                () => compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication
                    && !ReferencesAspNetCore && Host == null && !IsTestProject,
                LazyThreadSafetyMode.PublicationOnly);
            usesLazyLoadingProxies = new CompilationFact<bool>(AnyTreeNamesUseLazyLoadingProxies);
            ownPublicKey = new Lazy<ImmutableArray<byte>>(() => compilation.Assembly.Identity.PublicKey, LazyThreadSafetyMode.PublicationOnly);
        }

        /// <summary>The context of <paramref name="compilation"/>, shared by every analyzer and fix that asks.</summary>
        public static SemanticContext For(Compilation compilation) => Contexts.GetValue(compilation, Create);

        /// <summary>ASP.NET Core's HTTP abstractions are referenced: requests can be handled here.</summary>
        public bool ReferencesAspNetCore => HttpContext != null;

        public bool ReferencesEfCore => DbContext != null && DbSet != null;

        /// <summary>The request-handler model; null when ASP.NET Core is not referenced (nothing is a request handler).</summary>
        public RequestHandlerModel? Handlers => handlers.Value;

        /// <summary>The compilation references xunit, NUnit or MSTest, or is a stand-in service (see docs/concepts.md#test-project).</summary>
        public bool IsTestProject => isTestProject.Value;

        /// <summary>
        /// An assembly named as a stand-in for another service, which only tests call: a dot-separated part of its name
        /// begins with <c>Stub</c>, <c>Mock</c> or <c>Fake</c> (alone or before a capital) or ends with one of them, with or
        /// without a plural <c>s</c> (<c>UKHO.D365CallbackDistributorStub.API</c>, <c>PermitService.StubService</c>,
        /// <c>ADDS.Mocks</c>; found in a hydrographic office's notification service, whose callback stub records what it
        /// is sent and answers GETs with it). <c>Mockingbird</c> or <c>Fakebook</c> is not one.
        /// </summary>
        internal static bool IsStandInServiceName(string? assemblyName)
        {
            if (assemblyName == null)
            {
                return false;
            }

            foreach (var part in assemblyName.Split('.'))
            {
                if (NameWords.StartsWithWord(part, StandInWords))
                {
                    return true;
                }

                foreach (var word in StandInWords)
                {
                    if (part.EndsWith(word, StringComparison.Ordinal) || part.EndsWith(word + "s", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static readonly string[] StandInWords = { "Stub", "Mock", "Fake" };

        /// <summary>
        /// An executable that references neither ASP.NET Core, nor the generic host, nor a test framework (xunit v3
        /// test projects are executables too): see docs/concepts.md#console-program.
        /// </summary>
        public bool IsConsoleProgram => isConsoleProgram.Value;

        /// <summary>
        /// A Blazor WebAssembly application: there <c>HttpClient</c> sends through the browser's fetch, which owns the
        /// connections, so a client per component or scope costs no sockets. The server that hosts such a client
        /// references it, and so sees <c>WebAssemblyHostBuilder</c> too, but it also references the ASP.NET Core server
        /// (Kestrel), which a browser app cannot (found in Oqtane, whose server created clients per request unreported).
        /// </summary>
        public bool IsBlazorWebAssembly => WebAssemblyHostBuilder != null && KestrelServerOptions == null;

        /// <summary>
        /// Declared in this compilation's own source: not a compiled reference, and not another project's source that the
        /// IDE hands over as another compilation (its syntax trees are not this compilation's).
        /// </summary>
        public bool IsDeclaredInCompilation(ISymbol symbol)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Declared by the application (docs/concepts.md#declared-by-the-application): in this compilation's source, or
        /// in a referenced assembly that is another project of the same application. A command-line build sees a
        /// referenced project as a compiled assembly; the IDE sees its source. Such an assembly is told from a package
        /// or the framework by its strong name: it has none, or it is signed with this compilation's own key.
        /// </summary>
        public bool IsDeclaredByApplication(ISymbol symbol)
        {
            var assembly = symbol.ContainingAssembly;
            if (assembly == null || !SymbolEqualityComparer.Default.Equals(assembly, Compilation.Assembly))
            {
                return !symbol.DeclaringSyntaxReferences.IsEmpty || (assembly != null && IsApplicationAssembly(assembly));
            }

            // A source symbol's syntax references are built anew on every read, and the run summaries ask this of every
            // call they pass: kept per symbol.
            return declaredInOwnSource.GetOrAdd(symbol, HasDeclaringSyntax);
        }

        private readonly ConcurrentDictionary<ISymbol, bool> declaredInOwnSource = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        private static readonly Func<ISymbol, bool> HasDeclaringSyntax = symbol => !symbol.DeclaringSyntaxReferences.IsEmpty;

        /// <summary>
        /// A referenced assembly that is surely another project of the solution, not a package: the IDE hands it over as
        /// source; a build references it from that project's <c>bin</c> or <c>obj</c> folder, where a package comes from the
        /// NuGet cache and the framework from its packs. A reference with no file (built in memory) falls back to
        /// <see cref="IsApplicationAssembly"/>. Stricter than that, for a decision that silences a rule: an unsigned package
        /// (<c>app.UseFastEndpoints()</c>) is not another project. The path is the reference's name only; nothing is read.
        /// </summary>
        public bool IsAnotherProject(IAssemblySymbol assembly)
        {
            if (assembly is ISourceAssemblySymbol)
            {
                return true;
            }

            if (Compilation.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { Length: > 0 } path })
            {
                return IsProjectOutputPath(path);
            }

            return IsApplicationAssembly(assembly);
        }

        private static bool IsProjectOutputPath(string path)
        {
            var segments = path.Split('/', '\\');
            var output = false;
            foreach (var segment in segments)
            {
                if (segment.Equals("packages", StringComparison.OrdinalIgnoreCase) || segment.Equals(".nuget", StringComparison.OrdinalIgnoreCase)
                    || segment.Equals("packs", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                output |= segment.Equals("bin", StringComparison.OrdinalIgnoreCase) || segment.Equals("obj", StringComparison.OrdinalIgnoreCase);
            }

            return output;
        }

        /// <summary>
        /// A referenced assembly that is another project of the application: it has no strong name, or it is signed with
        /// the compilation's own key. The framework and packages are strong-named by their publishers.
        /// </summary>
        public bool IsApplicationAssembly(IAssemblySymbol assembly)
        {
            var identity = assembly.Identity;
            if (!identity.IsStrongName)
            {
                return true;
            }

            var own = ownPublicKey.Value;
            return !own.IsDefaultOrEmpty && identity.HasPublicKey && identity.PublicKey.SequenceEqual(own);
        }
    }
}
