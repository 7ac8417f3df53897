using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF405: a web application that maps controllers or minimal endpoints, in a compilation where nothing calls
    /// <c>AddResponseCompression</c> or <c>UseResponseCompression</c> (docs/rules/PERF405.md). Reported at the
    /// application's <c>WebApplicationBuilder.Build()</c> call (or its Startup-style host's <c>Build()</c>), a source location, so the whole-compilation fact is read
    /// from per-tree syntax facts that are computed once per tree.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF405JsonApiWithoutCompressionAnalyzer : DiagnosticAnalyzer
    {
        internal const string CompressedUpstreamOption = "compressed_upstream";

        /// <summary>Diagnostic property: reported at a Startup-style host's <c>Build()</c>, where the code fix does not apply.</summary>
        public const string StartupHostProperty = "StartupHost";

        /// <summary>Diagnostic property: <c>AddResponseCompression</c> is called, only the middleware is missing.</summary>
        public const string MiddlewareOnlyProperty = "MiddlewareOnly";

        private const string EverythingMissing = "never enables response compression; add AddResponseCompression and UseResponseCompression, or set perf_analyzers.PERF405.compressed_upstream = true when a proxy compresses";

        private const string MiddlewareMissing = "never adds the response compression middleware, so AddResponseCompression compresses nothing; call UseResponseCompression before the endpoints";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF405JsonApiWithoutCompression);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesAspNetCore || (types.WebApplicationBuilder == null && types.WebHostBuilderInterface == null) || types.IsTestProject)
                {
                    return;
                }

                var compressedUpstream = new PerTreeOptions<bool>(
                    start.Options,
                    options => PerfOptions.GetBool(options, DiagnosticIds.JsonApiWithoutCompression, CompressedUpstreamOption, false));
                start.RegisterOperationAction(operation => Analyze(operation, types, compressedUpstream), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, PerTreeOptions<bool> compressedUpstream)
        {
            var build = (IInvocationOperation)context.Operation;
            if (build.TargetMethod.Name != "Build"
                || build.TargetMethod.Parameters.Length != 0
                || !(SymbolFacts.Is(build.TargetMethod.ContainingType, types.WebApplicationBuilder) || BuildsAStartupHost(build, types, context.Compilation, context.CancellationToken))
                || compressedUpstream.Get(build.Syntax.SyntaxTree)
                || BuildsAHelperApplication(build))
            {
                return;
            }

            var missing = ApplicationFacts.Missing(context.Compilation, context.CancellationToken);
            if (missing == MissingCompression.None
                || HandsThePipelineToAnotherProject(build, types, context.Compilation)
                || (!IsInEntryPoint(build.Syntax) && EntryPointBuildsAnApplication(types, context.Compilation, context.CancellationToken)))
            {
                return;
            }

            // A Startup-style host has no Services to add compression to at its Build(): the fix is not offered there.
            var properties = SymbolFacts.Is(build.TargetMethod.ContainingType, types.WebApplicationBuilder)
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(StartupHostProperty, "true");
            if (missing == MissingCompression.Middleware)
            {
                properties = properties.Add(MiddlewareOnlyProperty, "true");
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF405JsonApiWithoutCompression,
                CallLocations.FromCalledName(build.Syntax),
                properties,
                missing == MissingCompression.Middleware ? MiddlewareMissing : EverythingMissing));
        }

        /// <summary>
        /// <c>app.UseHeroPlatform()</c> after <c>var app = builder.Build();</c>, where the method is another project's of the
        /// application: it adds middleware this compilation cannot read, and a build sees that project as a reference
        /// assembly with no method bodies, so whether it compresses is unknown (found in fullstackhero, whose building
        /// block calls UseResponseCompression for every host). Read in the method that builds the application; a method of
        /// this project, or a package's, is not such a hand-over.
        /// </summary>
        private static bool HandsThePipelineToAnotherProject(IInvocationOperation build, SemanticContext types, Compilation compilation)
        {
            if (types.ApplicationBuilderInterface is not { } pipeline)
            {
                return false;
            }

            foreach (var operation in OperationTreeIndex.Root(build).Descendants())
            {
                if (operation is not IInvocationOperation call
                    || call.TargetMethod.ContainingAssembly is not { } assembly
                    || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly)
                    || !types.IsAnotherProject(assembly))
                {
                    continue;
                }

                var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                if (receiver != null && SymbolFacts.IsOrImplements(receiver.WalkDownConversion().Type, pipeline))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>CreateHostBuilder(args).Build()</c> or <c>WebHost.CreateDefaultBuilder(args).UseStartup&lt;Startup&gt;().Build()</c>:
        /// the host of a Startup-style application (docs/rules/PERF405.md; found in Sharebook, where the rule never fired).
        /// A generic host counts only when the compilation sets up a web host on it (<c>ConfigureWebHostDefaults</c>,
        /// <c>ConfigureWebHost</c> or <c>UseStartup</c> called in one of its files), so a worker's host is not one.
        /// </summary>
        private static bool BuildsAStartupHost(IInvocationOperation build, SemanticContext types, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var builder = build.TargetMethod.ContainingType;
            if (SymbolFacts.IsOrImplements(builder, types.WebHostBuilderInterface))
            {
                return true;
            }

            return SymbolFacts.IsOrImplements(builder, types.HostBuilderInterface)
                && (InvokedNames.TreesInvokingEither(compilation, "ConfigureWebHostDefaults", "ConfigureWebHostDefaults", cancellationToken).Count > 0
                    || InvokedNames.TreesInvokingEither(compilation, "ConfigureWebHost", "ConfigureWebHost", cancellationToken).Count > 0
                    || InvokedNames.TreesInvokingEither(compilation, "UseStartup", "UseStartup" + InvokedNames.GenericSuffix, cancellationToken).Count > 0);
        }

        /// <summary>
        /// True for a <c>Build()</c> beside another one in the same method whose application maps endpoints directly
        /// (<c>app.MapControllers()</c>) while this one's does not: a program that builds a migration-only application
        /// before the real one is reported once, at the real one (docs/rules/PERF405.md). With one <c>Build()</c>, or when
        /// no application of the method maps endpoints directly (they are mapped in a method it calls), every one counts.
        /// </summary>
        private static bool BuildsAHelperApplication(IInvocationOperation build)
        {
            var index = OperationTreeIndex.For(build);
            var anotherMaps = false;
            foreach (var call in index.Invocations)
            {
                if (call != build && call.TargetMethod.Name == "Build" && call.TargetMethod.Parameters.Length == 0
                    && SymbolFacts.Is(call.TargetMethod.ContainingType, build.TargetMethod.ContainingType)
                    && MapsEndpointsDirectly(call, index))
                {
                    anotherMaps = true;
                    break;
                }
            }

            return anotherMaps && !MapsEndpointsDirectly(build, index);
        }

        /// <summary>The built application is kept in a local on which the method calls a Map* method (or UseMvc, UseEndpoints).</summary>
        private static bool MapsEndpointsDirectly(IInvocationOperation build, OperationTreeIndex index)
        {
            if (build.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            foreach (var occurrence in index.Occurrences(declarator.Symbol))
            {
                // app.MapControllers(): the application converted to IEndpointRouteBuilder is the extension's first argument.
                IOperation value = occurrence;
                while (value.Parent is IConversionOperation conversion)
                {
                    value = conversion;
                }

                var call = value.Parent switch
                {
                    IInvocationOperation invocation when invocation.Instance == value => invocation,
                    IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation } argument
                        when invocation.Arguments.Length > 0 && invocation.Arguments[0] == argument => invocation,
                    _ => null,
                };
                if (call != null && MapsEndpoints(call.TargetMethod.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A top-level statement, or a statement of a static <c>Main</c>.</summary>
        private static bool IsInEntryPoint(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case GlobalStatementSyntax _:
                        return true;
                    case MethodDeclarationSyntax method:
                        return method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword);
                    case BaseTypeDeclarationSyntax _:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The program's entry point builds a web application or host itself: a <c>Build()</c> elsewhere in the compilation
        /// then builds one for a tool (a host that <c>dotnet swagger tofile</c> creates to read the controllers, returned and
        /// never run; found in Letterbook's API), and the application is reported once, at the entry point's
        /// (docs/rules/PERF405.md). Asked only for a <c>Build()</c> outside the entry point that would be reported.
        /// </summary>
        private static bool EntryPointBuildsAnApplication(SemanticContext types, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var entryPoint = compilation.GetEntryPoint(cancellationToken);
            if (entryPoint == null)
            {
                return false;
            }

            foreach (var reference in entryPoint.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                SemanticModel? model = null;
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } } call
                        && IsInEntryPoint(call))
                    {
#pragma warning disable RS1030 // The entry point's tree, bound only for its Build() calls, and only when a Build() elsewhere would be reported.
                        model ??= compilation.GetSemanticModel(call.SyntaxTree);
#pragma warning restore RS1030
                        if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol built
                            && (SymbolFacts.Is(built.ContainingType, types.WebApplicationBuilder)
                                || SymbolFacts.IsOrImplements(built.ContainingType, types.WebHostBuilderInterface)
                                || SymbolFacts.IsOrImplements(built.ContainingType, types.HostBuilderInterface)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool MapsEndpoints(string name)
            => name.StartsWith("Map", System.StringComparison.Ordinal) || name.StartsWith("UseMvc", System.StringComparison.Ordinal) || name == "UseEndpoints";
    }
}
