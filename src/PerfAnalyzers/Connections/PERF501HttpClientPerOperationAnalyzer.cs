using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>
    /// PERF501: <c>new HttpClient(..)</c> in code that runs per call or per request. Each client owns a
    /// connection pool, so a client per operation means a new TCP (and TLS) connection per operation and
    /// sockets left in TIME_WAIT.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF501HttpClientPerOperationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF501HttpClientPerOperation);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.HttpClient == null || types.IsBlazorWebAssembly || types.IsTestProject)
                {
                    return;
                }

                start.RegisterOperationAction(operationContext => AnalyzeCreation(operationContext, types), OperationKind.ObjectCreation);
                if (types.RestEaseClient != null)
                {
                    start.RegisterOperationAction(operationContext => AnalyzeRestEaseFactory(operationContext, types), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, SemanticContext types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var isHttpClient = SymbolEqualityComparer.Default.Equals(creation.Type, types.HttpClient);
            var packageClient = isHttpClient ? null : PackageClientOwningAnHttpClient(creation, types);
            if ((!isHttpClient && packageClient == null)
                || creation.SemanticModel == null
                || types.IsInsideClientInfrastructure(context.ContainingSymbol))
            {
                return;
            }

            ReportWhenPerOperation(context, creation, types, packageClient == null ? null : $"new {packageClient}(..)");
        }

        /// <summary>Reports a creation whose site runs per operation; the message names the package's client that builds the HttpClient, if any.</summary>
        private static void ReportWhenPerOperation(OperationAnalysisContext context, IOperation creation, SemanticContext types, string? builtBy)
        {
            var site = HttpClientCreationSite.Classify(creation.Syntax, creation.SemanticModel!, types, context.CancellationToken);
            if (site.Lifetime == HttpClientLifetime.PerOperation)
            {
                var where = builtBy == null ? site.Description : $"by '{builtBy}' {site.Description}";
                context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF501HttpClientPerOperation, creation.Syntax.GetLocation(), where));
            }
        }

        /// <summary>
        /// RestEase's <c>RestClient.For&lt;T&gt;(baseUrl)</c>: the typed client it returns sends through a new
        /// <c>HttpClient</c> of its own, as <c>new RestClient(baseUrl)</c> does (checked against RestEase 1.4.3: two calls,
        /// two clients). Found registered per scope in an apprenticeship qualifications import. The overloads given an
        /// <c>HttpClient</c> or an <c>IRequester</c> build none.
        /// </summary>
        private static void AnalyzeRestEaseFactory(OperationAnalysisContext context, SemanticContext types)
        {
            var call = (IInvocationOperation)context.Operation;
            if (call.TargetMethod is not { Name: "For", IsStatic: true } method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, types.RestEaseClient)
                || method.Parameters.Length == 0
                || method.Parameters[0].Type.SpecialType != SpecialType.System_String && method.Parameters[0].Type.Name != "Uri"
                || call.SemanticModel == null
                || types.IsInsideClientInfrastructure(context.ContainingSymbol))
            {
                return;
            }

            ReportWhenPerOperation(context, call, types, "RestClient.For<..>(..)");
        }

        /// <summary>
        /// The name of a package's client whose constructor builds its own <c>HttpClient</c> (docs/rules/PERF501.md, "What is
        /// flagged"): GOV.UK Notify's <c>Notify.Client.NotificationClient</c> (found built per request and per send in a
        /// justice system's notification API and a DEFRA identity service) and RestSharp's <c>RestSharp.RestClient</c> from
        /// version 107, which moved it onto <c>HttpClient</c>. Told by name, the packages need not be referenced where the
        /// rule runs. A constructor handed a client or a handler (<c>HttpClient</c>, <c>HttpMessageHandler</c>, Notify's
        /// <c>IHttpClient</c>) builds none, and neither does a RestSharp client told <c>useClientFactory: true</c> (it shares
        /// one per base URL). Null for any other creation.
        /// </summary>
        private static string? PackageClientOwningAnHttpClient(IObjectCreationOperation creation, SemanticContext types)
        {
            if (creation.Type is not INamedTypeSymbol { Name: "NotificationClient" or "RestClient" } type || creation.Constructor == null)
            {
                return null;
            }

            // RestEase's RestClient sends through HttpClient in every version.
            var known = type.Name == "NotificationClient"
                ? SymbolFacts.IsNamespace(type.ContainingNamespace, "Notify.Client")
                : (SymbolFacts.IsNamespace(type.ContainingNamespace, "RestSharp") && type.ContainingAssembly?.Identity.Version.Major >= 107)
                    || SymbolFacts.IsNamespace(type.ContainingNamespace, "RestEase");
            if (!known)
            {
                return null;
            }

            foreach (var parameter in creation.Constructor.Parameters)
            {
                if (parameter.Type.Name == "IHttpClient" || SymbolFacts.IsOrDerivesFrom(parameter.Type, types.HttpClient)
                    || SymbolFacts.IsOrDerivesFrom(parameter.Type, types.HttpMessageHandler))
                {
                    return null;
                }
            }

            // RestSharp's useClientFactory: true shares one HttpClient per base URL across its clients.
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "useClientFactory" && argument.ArgumentKind == ArgumentKind.Explicit
                    && !(argument.Value.ConstantValue is { HasValue: true, Value: false }))
                {
                    return null;
                }
            }

            return type.Name;
        }

    }
}
