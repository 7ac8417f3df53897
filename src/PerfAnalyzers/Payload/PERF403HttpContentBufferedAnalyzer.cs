using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF403: <c>HttpClient.GetStringAsync/GetByteArrayAsync</c> or <c>HttpContent.ReadAsStringAsync/ReadAsByteArrayAsync</c>
    /// whose result is only deserialised or copied on. The whole response is buffered (twice, as bytes and as a
    /// string) before the work that could have read it as a stream begins.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF403HttpContentBufferedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF403HttpContentBuffered);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.HttpClient == null || types.HttpContent == null)
                {
                    return;
                }

                start.RegisterOperationAction(operation => Analyze(operation, types), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var read = (IInvocationOperation)context.Operation;
            if (!IsBufferingRead(read.TargetMethod, types))
            {
                return;
            }

            var uses = new List<IOperation>();
            if (!ValueUses.TryCollect(read, uses) || uses.Count == 0)
            {
                return;
            }

            foreach (var use in uses)
            {
                if (!IsDeserialiseOrCopy(use, types))
                {
                    return;
                }
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF403HttpContentBuffered, read.Syntax.GetLocation(), read.TargetMethod.Name, ContentOwner(read)));
        }

        /// <summary>
        /// "request" for the content of an <c>HttpRequestMessage</c> (<c>req.Content.ReadAsStringAsync()</c>, the body an
        /// HTTP-triggered function receives, found in an apprenticeship agency's forecasting functions), otherwise "response".
        /// </summary>
        private static string ContentOwner(IInvocationOperation read)
            => read.Instance?.WalkDownConversion() is IPropertyReferenceOperation { Property.Name: "Content", Instance.Type: INamedTypeSymbol { Name: "HttpRequestMessage" } owner }
                && SymbolFacts.IsNamespace(owner.ContainingNamespace, "System.Net.Http")
                ? "request"
                : "response";

        internal static bool IsBufferingRead(IMethodSymbol method, SemanticContext types)
            => (method.Name is "GetStringAsync" or "GetByteArrayAsync" && SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.HttpClient))
            || (method.Name is "ReadAsStringAsync" or "ReadAsByteArrayAsync" && SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.HttpContent));

        /// <summary>
        /// <c>new ZipArchive(new MemoryStream(bytes))</c>: reading an archive needs a seekable stream, and ZipArchive copies a
        /// network stream into memory itself, so streaming the response would save nothing (found in Oqtane's client).
        /// </summary>
        private static bool OnlyOpensAZipArchive(IObjectCreationOperation memoryStream)
        {
            var uses = new List<IOperation>();
            if (!ValueUses.TryCollect(memoryStream, uses) || uses.Count == 0)
            {
                return false;
            }

            foreach (var use in uses)
            {
                if (ValueUses.ReceivingCall(use, out _) is not IObjectCreationOperation { Type: INamedTypeSymbol { Name: "ZipArchive" } archive }
                    || !SymbolFacts.IsNamespace(archive.ContainingNamespace, "System.IO.Compression"))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>System.Text.Json's <c>JsonDocument</c> and <c>JsonNode</c>, Newtonsoft's <c>JToken</c>, <c>JObject</c> and <c>JArray</c>.</summary>
        private static bool IsJsonTree(INamedTypeSymbol? type)
            => type != null
            && ((type.Name == "JsonDocument" && SymbolFacts.IsNamespace(type.ContainingNamespace, "System.Text.Json"))
                || (type.Name == "JsonNode" && SymbolFacts.IsNamespace(type.ContainingNamespace, "System.Text.Json.Nodes"))
                || (type.Name is "JToken" or "JObject" or "JArray" && SymbolFacts.IsNamespace(type.ContainingNamespace, "Newtonsoft.Json.Linq")));

        /// <summary>Deserialised (System.Text.Json, Newtonsoft.Json), wrapped in a MemoryStream, or written to a stream, writer or file.</summary>
        internal static bool IsDeserialiseOrCopy(IOperation use, SemanticContext types)
        {
            switch (ValueUses.ReceivingCall(use, out var parameter))
            {
                case IObjectCreationOperation creation:
                    return SymbolFacts.Is(creation.Type, types.MemoryStream) && !OnlyOpensAZipArchive(creation);
                case IInvocationOperation call:
                    var method = call.TargetMethod;
                    var container = method.ContainingType;
                    if (method.Name == "Deserialize" && SymbolFacts.Is(container, types.JsonSerializer))
                    {
                        return parameter?.Ordinal == 0;
                    }

                    // Newtonsoft.Json is an optional package: matched by its well-known name.
                    if (method.Name == "DeserializeObject" && container?.Name == "JsonConvert" && SymbolFacts.IsNamespace(container.ContainingNamespace, "Newtonsoft.Json"))
                    {
                        return parameter?.Ordinal == 0;
                    }

                    // Parsed into a document or node tree (JsonDocument.Parse(json), found in OpenDeepWiki's Git platform
                    // clients): the same copies before the first token is read.
                    if (method.Name == "Parse" && IsJsonTree(container))
                    {
                        return parameter?.Ordinal == 0;
                    }

                    if (method.Name is "Write" or "WriteAsync")
                    {
                        return SymbolFacts.IsOrDerivesFrom(call.Instance?.Type, types.Stream)
                            || SymbolFacts.IsOrDerivesFrom(call.Instance?.Type, types.TextWriter)
                            || SymbolFacts.Is(container, types.HttpResponseWritingExtensions);
                    }

                    return method.Name is "WriteAllText" or "WriteAllTextAsync" or "WriteAllBytes" or "WriteAllBytesAsync"
                        && SymbolFacts.Is(container, types.File);
                default:
                    return false;
            }
        }
    }
}
